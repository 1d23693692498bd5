"""File > Import and File > Project Details: whole-project actions, each one undo step.

An import is read and checked first (nothing is written while the file has a
problem); the records then go in as one change set through the session, so it
is checked against colleagues' edits, kept in the history and undone in one step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.merging import merge_changes
from negotiator_gui.domain.model import ProjectInfo

if TYPE_CHECKING:
    from negotiator_gui.ui.main_window import MainWindow

MAX_TITLE = 200


def choose_and_import(window: MainWindow) -> None:
    """Ask for a .json or .csv file and bring it into the open project."""
    if window.session.store is None or not window.session.editable:
        return
    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("ProjectActions", "Import into the Project"),
        window._start_dir(),
        QCoreApplication.translate("ProjectActions", "Negotiator exchange files (*.json *.csv);;"
                                   "JSON (*.json);;CSV events (*.csv)"))
    if path:
        import_path(window, Path(path))


def import_path(window: MainWindow, source: Path) -> bool:
    """Merge `source` into the open project as one undoable step.

    Returns:
        True when the records were written; otherwise the user was told why and
        the project is as it was.
    """
    from negotiator_gui.operations import read_import  # the import code loads on first use

    session = window.session
    if session.store is None or not session.editable:
        return False
    try:
        read = read_import(source, session.project)
    except (NegotiatorError, OSError) as exc:
        title = QCoreApplication.translate("ProjectActions", "Could not import {0}")
        window.show_error(title.format(source.name), str(exc))
        return False
    changes = merge_changes(session.project, read.project, read.with_info)
    if changes.is_empty():
        nothing = QCoreApplication.translate("ProjectActions", "{0} holds no records to import")
        window.statusBar().showMessage(nothing.format(source.name), 5000)
        return False
    text = QCoreApplication.translate("ProjectActions", "Import “{0}”").format(source.name)
    if not session.apply(changes, text):
        return False
    counts = read.project.counts()
    window.statusBar().showMessage(
        QCoreApplication.translate("ProjectActions", "Imported {0}: {1} events, {2} links").format(
            source.name, counts.get("events", 0), counts.get("links", 0)), 8000)
    if read.warnings:
        _show_warnings(window, source, [str(w) for w in read.warnings])
    return True


def _show_warnings(window: QWidget, source: Path, lines: list[str]) -> None:
    more = QCoreApplication.translate("ProjectActions", "… and {0} more").format(len(lines) - 20)
    shown = lines[:20] + ([more] if len(lines) > 20 else [])
    title = QCoreApplication.translate("ProjectActions", "Imported with notes")
    text = QCoreApplication.translate(
        "ProjectActions", "{0} was imported. Fields this version does not know were kept "
        "as they are:").format(source.name)
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("\n".join(shown))
    box.setObjectName("importNotes")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class ProjectDetailsDialog(QDialog):
    """The project's title, subject, handling marking and description (the briefing's cover)."""

    def __init__(self, info: ProjectInfo, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Project Details"))
        self.setObjectName("projectDetails")
        self.info = info
        self.title = QLineEdit(info.title)
        self.title.setMaxLength(MAX_TITLE)
        self.subject = QLineEdit(info.subject)
        self.marking = QLineEdit(info.marking)
        self.marking.setToolTip(self.tr("Printed at the top and bottom of every briefing page, "
                                        "e.g. UNCLASSIFIED, RESTRICTED"))
        self.description = QPlainTextEdit(info.description)
        self.description.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: palette(link)")
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Subject:"), self.subject)
        form.addRow(self.tr("Handling &marking:"), self.marking)
        form.addRow(self.tr("&Description:"), self.description)
        for field in (self.title, self.subject, self.marking, self.description):
            field.setReadOnly(not editable)
            field.setAccessibleName(form.labelForField(field).text().replace("&", "").rstrip(":"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def edited(self) -> ProjectInfo:
        """The details as typed (text trimmed; other stored fields kept)."""
        return ProjectInfo(title=self.title.text().strip(), subject=self.subject.text().strip(),
                           marking=self.marking.text().strip(),
                           description=self.description.toPlainText().strip(),
                           extra=self.info.extra)

    def accept(self) -> None:
        """Refuse an empty title beside the field; keep everything typed."""
        if not self.title.text().strip():
            self.problem.setText(self.tr("The title cannot be empty."))
            self.title.setFocus()
            return
        super().accept()


def edit_project_details(window: MainWindow) -> None:
    """File > Project Details: change the title, subject, marking and description."""
    session = window.session
    if session.store is None:
        return
    dialog = ProjectDetailsDialog(session.project.info, session.editable, window)
    window.project_details_dialog = dialog

    def done(result: int) -> None:
        if result != QDialog.DialogCode.Accepted or not session.editable:
            return
        info = dialog.edited()
        if info != session.project.info:
            session.apply(ChangeSet(info=info),
                          QCoreApplication.translate("ProjectActions", "Edit project details"))

    dialog.finished.connect(done)
    dialog.open()

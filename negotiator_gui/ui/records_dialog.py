"""RecordsDialog: add, edit, reorder, merge and delete parties, tracks and sources."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain import usage
from negotiator_gui.ui.records_page import _TABS, RecordsPage
from negotiator_gui.ui.session import ProjectSession


class RecordsDialog(QDialog):
    """Editors for the project's parties, tracks and sources, one tab each.

    Every change is one `session.apply`. The dialog is modeless: show() it.
    Prompts go through `confirm`, `inform`, `choose_record` and `choose_color`,
    which tests replace.
    """

    def __init__(self, session: ProjectSession, parent: QWidget | None = None,
                 tab: str = "parties") -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Parties, Tracks and Sources"))
        self.tabs = QTabWidget()
        self.pages = {name: RecordsPage(session, kind, self) for name, kind in _TABS.items()}
        for name, title in (("parties", self.tr("&Parties")), ("tracks", self.tr("&Tracks")),
                            ("sources", self.tr("&Sources"))):
            self.tabs.addTab(self.pages[name], title)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._add_undo_actions()
        session.write_failed.connect(self._on_session_write_failed)
        session.project_changed.connect(self._on_session_project_changed)
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_closed.connect(self._on_session_project_loaded)
        self._on_session_project_loaded()
        self.resize(720, 480)
        self.show_tab(tab)

    def _add_undo_actions(self) -> None:
        stack = self.session.undo_stack
        for action, keys in ((stack.createUndoAction(self, self.tr("&Undo")),
                              QKeySequence.StandardKey.Undo),
                             (stack.createRedoAction(self, self.tr("&Redo")),
                              QKeySequence.StandardKey.Redo)):
            action.setShortcut(keys)
            self.addAction(action)

    def show_tab(self, name: str) -> None:
        """Bring the tab 'parties', 'tracks' or 'sources' (or the singular) forward."""
        kind = usage.kind_of(name)
        self.tabs.setCurrentWidget(self.pages[usage.KINDS[kind]])

    def page(self, name: str) -> RecordsPage:
        """The page of 'parties', 'tracks' or 'sources' (or the singular)."""
        return self.pages[usage.KINDS[usage.kind_of(name)]]

    # -- prompts (replaced in tests) -----------------------------------------

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; True for yes."""
        box = self._box(QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        """Tell the user why something was not done."""
        self._box(QMessageBox.Icon.Information, title, text).exec()

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def choose_record(self, title: str, text: str, choices: list[tuple[str, str]]
                      ) -> str | None:
        """Let the user pick one of `choices` (id, label); the id, or None."""
        labels = [lab for _, lab in choices]
        picked, ok = QInputDialog.getItem(self, title, f"<p>{html.escape(text)}</p>",
                                          labels, 0, False)
        return choices[labels.index(picked)][0] if ok and picked in labels else None

    def choose_color(self, initial: str) -> str | None:
        """Let the user pick a colour; '#rrggbb', or None when cancelled."""
        color = QColorDialog.getColor(QColor(initial or "#808080"), self,
                                      self.tr("Choose a Colour"))
        return color.name() if color.isValid() else None

    # -- session -------------------------------------------------------------

    def _on_session_write_failed(self, message: str) -> None:
        self.status.setText(self.tr("Not saved: {0}").format(message))

    def _on_session_project_changed(self, _changes: object) -> None:
        self._show_read_only()
        for page in self.pages.values():
            page.refresh()

    def _on_session_project_loaded(self) -> None:
        self._show_read_only()
        for page in self.pages.values():
            page.reset()

    def _show_read_only(self) -> None:
        reason = self.session.read_only_reason
        self.status.setText(self.tr("View only — {0}.").format(reason)
                            if reason else "")



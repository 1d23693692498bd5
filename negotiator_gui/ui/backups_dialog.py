"""BackupsDialog: File > Restore from Backup: the project's backups by date, and restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.storage import backups
from negotiator_gui.ui.session import ProjectSession


class BackupsDialog(QDialog):
    """Lists the verified backups of the open project, newest first."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.setObjectName("backupsDialog")
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "Negotiator keeps a verified copy of the project every ten minutes while it "
            "changes (the newest ten). Restoring puts the chosen copy's content back into "
            "the project for everyone who has it open; the present state is backed up "
            "first, so a restore can itself be undone by restoring that copy."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_chosen)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill()
        self.resize(520, 380)

    def fill(self) -> None:
        """List the backups of the open project."""
        self.list.clear()
        folder = self.session.backup_folder()
        for backup in backups.listing(folder) if folder else []:
            item = QListWidgetItem(backup.taken.strftime("%A %d %B %Y, %H:%M:%S"))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count() == 0:
            empty = QListWidgetItem(self.tr("No backups yet for this project."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        else:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0 and self.session.editable
                                       and self.list.item(0).data(Qt.ItemDataRole.UserRole)
                                       is not None)

    def confirm(self, when: str) -> bool:
        """Ask before restoring (tests replace this)."""
        answer = QMessageBox.question(
            self, self.tr("Restore from Backup"),
            self.tr("Put the project back as it was on %s? Everyone who has it open will "
                    "see the change.") % when)
        return answer == QMessageBox.StandardButton.Yes

    def restore_chosen(self) -> bool:
        """Restore the chosen backup, after asking."""
        item = self.list.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item else None
        if path is None or not self.confirm(item.text()):
            return False
        done = self.session.restore_backup(Path(path))
        if done:
            self.accept()
        return done

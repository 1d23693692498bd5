"""ConflictDialog: a colleague changed the same records: theirs and mine, field by field."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.changes import apply
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.snapshots import record_documents
from negotiator_gui.storage.versioned import link_id
from negotiator_gui.ui import vocab_labels
from negotiator_gui.ui.session import Conflicted, ProjectSession


def differences(theirs: Project, mine: Project, keys) -> list[tuple[str, str, str, str]]:
    """(record, field, theirs, mine) for every field that differs, record by record."""
    theirs_docs = record_documents(theirs, set(keys), link_id)
    mine_docs = record_documents(mine, set(keys), link_id)
    rows = []
    for key in sorted(set(keys)):
        old, new = theirs_docs.get(key), mine_docs.get(key)
        name = vocab_labels.record_name(*key, old or new)
        if old is None or new is None:
            removed = QCoreApplication.translate("ConflictDialog", "removed")
            kept = QCoreApplication.translate("ConflictDialog", "kept")
            rows.append((name, QCoreApplication.translate("ConflictDialog", "(whole record)"),
                         removed if old is None else kept, removed if new is None else kept))
            continue
        for field in sorted(set(old) | set(new)):
            if old.get(field) != new.get(field):
                rows.append((name, field, _text(old.get(field)), _text(new.get(field))))
    return rows


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictDialog(QDialog):
    """Shows what a colleague changed against what the user tried to write, and lets
    the user keep theirs (the edit is dropped) or use mine (written over theirs)."""

    def __init__(self, session: ProjectSession, conflicted: Conflicted,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.conflicted = session, conflicted
        self.setWindowTitle(self.tr("A colleague changed this too"))
        self.setObjectName("conflictDialog")
        theirs = session.store.load() if session.store else Project()
        mine = apply(conflicted.base, conflicted.changes)
        keys = {(c.kind, c.record_id) for c in conflicted.error.conflicts}
        self.rows = differences(theirs, mine, keys)
        self._build()
        self.resize(760, 420)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "While you were editing, a colleague saved changes to the same records. "
            "Nothing has been overwritten. Choose which version to keep for “%s”.")
            % self.conflicted.text)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Theirs"),
                                   self.tr("Mine")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        for row in self.rows:
            item = QTreeWidgetItem(list(row))
            for column, text in enumerate(row):
                item.setToolTip(column, text)
            self.tree.addTopLevelItem(item)
        for column, width in enumerate((200, 110, 200)):
            self.tree.setColumnWidth(column, width)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox()
        self.keep_theirs = buttons.addButton(self.tr("Keep Theirs"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.use_mine = buttons.addButton(self.tr("Use Mine"),
                                          QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs.setToolTip(self.tr("Drop your change and show the colleague's"))
        self.use_mine.setToolTip(self.tr("Write your change over the colleague's"))
        self.use_mine.setEnabled(not self.conflicted.replay)
        if self.conflicted.replay:
            self.use_mine.setToolTip(self.tr("An undo or redo cannot be forced over a "
                                             "colleague's change; edit the record instead"))
        self.keep_theirs.clicked.connect(self.choose_theirs)
        self.use_mine.clicked.connect(self.choose_mine)
        layout.addWidget(buttons)

    def choose_theirs(self) -> None:
        """Drop the user's change; show what the file holds."""
        self.session.reload()
        self.reject()

    def choose_mine(self) -> None:
        """Write the user's change over the colleague's."""
        self.session.apply_over(self.conflicted)
        self.accept()

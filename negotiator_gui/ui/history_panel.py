"""HistoryPanel: every recorded change to the project, filterable by record and person."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.storage.versioned import HistoryEntry
from negotiator_gui.ui import vocab_labels
from negotiator_gui.ui.session import ProjectSession

_HEADERS = (QT_TRANSLATE_NOOP("HistoryModel", "When"), QT_TRANSLATE_NOOP("HistoryModel", "Who"),
            QT_TRANSLATE_NOOP("HistoryModel", "Action"),
            QT_TRANSLATE_NOOP("HistoryModel", "Record"),
            QT_TRANSLATE_NOOP("HistoryModel", "Changed"))
NO_INDEX = QModelIndex()
LIMIT = 2000  # the newest entries shown


def _when(text: str) -> str:
    try:
        return _dt.datetime.fromisoformat(text).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return text


def record_label(entry: HistoryEntry) -> str:
    """'Event “Almaty talks”': the record's kind and its name at the time."""
    if entry.kind == "project":
        return QCoreApplication.translate("History", "Whole project")
    return vocab_labels.record_name(entry.kind, entry.record_id, entry.after or entry.before)


class HistoryModel(QAbstractTableModel):
    """History entries as rows: when, who, action, record, changed fields."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        """Show these entries."""
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def add_newer(self, entries: list[HistoryEntry], limit: int) -> None:
        """Put entries newer than those shown on top (newest first), keeping `limit` rows."""
        if entries:
            self.beginInsertRows(NO_INDEX, 0, len(entries) - 1)
            self.entries[:0] = entries
            self.endInsertRows()
        if len(self.entries) > limit:
            self.beginRemoveRows(NO_INDEX, limit, len(self.entries) - 1)
            del self.entries[limit:]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("HistoryModel", _HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entries[index.row()]
        changed = ", ".join(entry.changed_fields())
        if entry.kind == "project" and entry.after:
            changed = ", ".join(f"{k} {v}" for k, v in entry.after.items() if v)
        values = (_when(entry.at), f"{entry.user} ({entry.host})" if entry.host else entry.user,
                  entry.action, record_label(entry), changed)
        return values[index.column()]


class HistoryPanel(QDockWidget):
    """A dock listing recorded changes; `show_record` narrows it to one record."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change History"), parent)
        self.setObjectName("changeHistoryDock")
        self.session = session
        self.record: tuple[str, str] | None = None
        self.model = HistoryModel(self)
        self._build()
        self._stale = True
        self._read_from: object | None = None  # the store the shown entries came from
        # an edit's entries are read once the event loop is back (after the edit's
        # frame is painted), not while the edit is being written and shown
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(0)
        self._catch_up.timeout.connect(self._on_catch_up_timeout)
        session.project_loaded.connect(self._on_session_changed)
        session.project_changed.connect(self._on_session_changed)

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        bar = QHBoxLayout()
        self.record_label = QLabel(self.tr("All records"))
        self.all_button = QPushButton(self.tr("Show All"))
        self.all_button.clicked.connect(lambda: self.show_record(None))
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Changes by"))
        self.person.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.record_label, 1)
        bar.addWidget(self.all_button)
        bar.addWidget(QLabel(self.tr("By:")))
        bar.addWidget(self.person)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().resizeSection(0, 140)
        self.table.horizontalHeader().resizeSection(2, 260)
        self.table.setAccessibleName(self.tr("Recorded changes"))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Before and after"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        layout.addWidget(split)
        self.setWidget(body)

    def _on_session_changed(self, changes=None) -> None:
        # Read the history only while it is on screen: not on every edit; and then
        # only what was recorded since (this session's own edit), not all of it,
        # once the edit is written and painted (the read would wait for the COMMIT).
        self._stale = True
        if not self.isVisible():
            return
        if changes is None:
            self._catch_up.stop()
            self.refresh()
        else:
            self._catch_up.start()

    def _on_catch_up_timeout(self) -> None:
        if self._stale and self.isVisible() and not self._add_newer():
            self.refresh()

    def _add_newer(self) -> bool:
        """Add the entries recorded since the newest shown; False when a full read is needed."""
        store, model = self.session.store, self.model
        if store is None or not model.entries or store is not self._read_from:
            return False
        try:
            entries = store.history(*self._query(), LIMIT, after_id=model.entries[0].id)
        except sqlite3.Error:
            return False
        if len(entries) >= LIMIT:
            return False
        known = {self.person.itemData(i) for i in range(self.person.count())}
        if any(e.user not in known for e in entries):
            return False  # someone new: the list of people is read again
        model.add_newer(entries, LIMIT)
        self._stale = False
        return True

    def _query(self) -> tuple[str | None, str | None, str | None]:
        """The kind, id and person the list is narrowed to (None: any)."""
        kind, record_id = self.record or (None, None)
        return kind, record_id, self.person.currentData() or None

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def show_record(self, record: tuple[str, str] | None) -> None:
        """Only the changes of one record ((kind, id)), or all (None)."""
        self.record = record
        self.refresh()
        self.show()
        self.raise_()

    def refresh(self, *_args) -> None:
        """Read the history again."""
        self._stale = False
        store = self.session.store
        if store is None:
            self.model.set_entries([])
            return
        self._fill_people(store.history_users())
        entries = store.history(*self._query(), LIMIT)
        self._read_from = store
        self.model.set_entries(entries)
        self.record_label.setText(record_label(entries[0]) if self.record and entries
                                  else self.tr("All records"))
        self.all_button.setEnabled(self.record is not None)

    def _fill_people(self, users: list[str]) -> None:
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("Anyone"), "")
        for user in users:
            self.person.addItem(user, user)
        index = self.person.findData(current)
        self.person.setCurrentIndex(max(index, 0))
        self.person.blockSignals(False)

    def _on_table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        entry = self.model.entries[current.row()]
        lines = [f"{record_label(entry)} — {entry.action}", ""]
        before, after = entry.before or {}, entry.after or {}
        for field in entry.changed_fields():
            if field in ("created", "deleted"):
                lines.append(self.tr("(record created)") if field == "created"
                             else self.tr("(record deleted)"))
                continue
            lines.append(f"{field}:")
            lines.append("  " + self.tr("before: ") + _show(before.get(field)))
            lines.append("  " + self.tr("after:  ") + _show(after.get(field)))
        self.details.setPlainText("\n".join(lines))


def _show(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

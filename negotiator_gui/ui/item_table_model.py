"""ItemTableModel: one row per item of every event, edited inline through the session."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.model import Event, Item
from negotiator_gui.domain.vocab import ITEM_STATUSES, ITEM_TYPES
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.keyed_rows_model import KeyedRowsModel
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_cells import (
    BULK,
    CHOICES_ROLE,
    ID_ROLE,
    ITEM_ID_ROLE,
    SORT_ROLE,
    Index,
    clip,
    date_sort_key,
    is_checked,
    tooltip,
)

(EVENT, DATE, TYPE, BY, TO, TEXT, STATUS, SUBJECT, RESTRICTED) = range(9)
FIELDS = {TYPE: "type", BY: "by", TO: "to", TEXT: "text", STATUS: "status", SUBJECT: "subject"}


class ItemTableModel(KeyedRowsModel):
    """Every item of the project as a table row keyed by item id.

    `ID_ROLE` gives the row's event id, `ITEM_ID_ROLE` its item id.
    Attribute `problem` holds why the last edit was refused ('' if none).
    """

    check_column = RESTRICTED

    def __init__(self, session: ProjectSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.problem = ""
        self._items: dict[str, Item] = {}
        self._owner: dict[str, str] = {}
        self._events: dict[str, Event] = {}
        self._texts: dict[str, tuple] = {}
        self._parties: dict[str, str] = {}
        self._headers = (self.tr("Event"), self.tr("Date"), self.tr("Type"), self.tr("By"),
                         self.tr("To"), self.tr("Text"), self.tr("Status"),
                         self.tr("Subject"), self.tr("Restricted"))
        self._follow(session)

    # -- Qt model --------------------------------------------------------------

    def editable(self, column: int) -> bool:
        return column in FIELDS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, column = self._keys[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_row(key)[column]
        if role == SORT_ROLE:
            return self.sort_value(key, column)
        if role == ID_ROLE:
            return self._owner[key]
        if role == ITEM_ID_ROLE:
            return key
        return self._other_data(self._items[key], column, role)

    def _other_data(self, item: Item, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return getattr(item, FIELDS[column]) if column in FIELDS \
                else self._text_row(item.id)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text_row(item.id)[column]
            return tooltip(text) if text else None
        if role == Qt.ItemDataRole.CheckStateRole and column == RESTRICTED:
            return Qt.CheckState.Checked if item.restricted else Qt.CheckState.Unchecked
        if role == CHOICES_ROLE:
            return self._choices(column)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.session.editable:
            return False
        key, column = self._keys[index.row()], index.column()
        item = self._items[key]
        self.problem = ""
        new = self._edited(item, column, value, role)
        if new is None:
            return False
        if new == item:
            return True
        event = self._events[self._owner[key]]
        items = tuple(new if i.id == key else i for i in event.items)
        return self.session.apply(ChangeSet(put_events=(replace(event, items=items),)),
                                  self._step_name(item, new, column))

    # -- cells -------------------------------------------------------------------

    def _text_row(self, key: str) -> tuple:
        texts = self._texts.get(key)
        if texts is None:
            item, event = self._items[key], self._events[self._owner[key]]
            texts = self._texts[key] = (
                event.title, date_text.label(event.start, short=True),
                vocab_labels.item_type(item.type),
                self._parties.get(item.by, item.by), self._parties.get(item.to, item.to),
                item.text, vocab_labels.item_status(item.status), item.subject, None)
        return texts

    def tie_value(self, key: str) -> Any:
        return date_sort_key(self._events[self._owner[key]].start)

    def sort_value(self, key: str, column: int) -> Any:
        if column == DATE:
            return date_sort_key(self._events[self._owner[key]].start)
        if column == RESTRICTED:
            return int(self._items[key].restricted)
        return self._text_row(key)[column].casefold()

    def _choices(self, column: int) -> list[tuple[str, str]] | None:
        if column == TYPE:
            return list(vocab_labels.item_types().items())
        if column == STATUS:
            return list(vocab_labels.item_statuses().items())
        if column in (BY, TO):
            return [("", "—")] + [(p.id, p.label) for p in self.session.project.parties]
        return None

    def _edited(self, item: Item, column: int, value: Any, role: int) -> Item | None:
        if column == RESTRICTED and role == Qt.ItemDataRole.CheckStateRole:
            return replace(item, restricted=is_checked(value))
        if role != Qt.ItemDataRole.EditRole or column not in FIELDS:
            return None
        text = "" if value is None else str(value)
        if column == TEXT and not text.strip():
            self.problem = self.tr("An item needs a text.")
            return None
        known = {TYPE: ITEM_TYPES, STATUS: ITEM_STATUSES, BY: self._parties, TO: self._parties}
        if column in known and text not in known[column] and not (column in (BY, TO)
                                                                   and text == ""):
            self.problem = self.tr("'%s' is not one of the choices.") % text
            return None
        return replace(item, **{FIELDS[column]: text.strip() if column == TEXT else text})

    def _step_name(self, old: Item, new: Item, column: int) -> str:
        text = clip(old.text)
        if column == RESTRICTED:
            return (self.tr("Mark item “%s” restricted") if new.restricted
                    else self.tr("Mark item “%s” not restricted")) % text
        names = {TYPE: self.tr("type"), BY: self.tr("giver"), TO: self.tr("receiver"),
                 TEXT: self.tr("text"), STATUS: self.tr("status"), SUBJECT: self.tr("subject")}
        return self.tr("Edit %s of “%s”") % (names[column], text)

    # -- following the session ---------------------------------------------------

    def _reload(self) -> None:
        project = self.session.project
        self.beginResetModel()
        self._events = {e.id: e for e in project.events}
        self._items = {i.id: i for e in project.events for i in e.items}
        self._owner = {i.id: e.id for e in project.events for i in e.items}
        self._parties = {p.id: p.label for p in project.parties}
        self._texts.clear()
        self._set_keys(self._items)
        self.endResetModel()

    def _records(self) -> dict[str, Item]:
        return self._items

    def _forget_records(self) -> None:
        self._items, self._owner, self._events, self._texts = {}, {}, {}, {}

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        if changes is None or len(changes.put_events) + len(changes.delete_events) > BULK:
            self._reload()
            return
        touched = changes.event_ids()
        # The items each touched event holds as shown (an item that moved to another
        # event since belongs there): found through the events, not every item.
        before = {i.id for event_id in touched if event_id in self._events
                  for i in self._events[event_id].items if self._owner.get(i.id) == event_id}
        after = {i.id: (e, i) for e in changes.put_events for i in e.items}
        self._remove_keys(before - after.keys())
        self._drop(before - after.keys(), touched - {e.id for e in changes.put_events})
        fresh = [k for k in after if k not in self._rows]
        for event in changes.put_events:
            self._events[event.id] = event
        for key, (event, item) in after.items():
            self._items[key] = item
            self._owner[key] = event.id
            self._texts.pop(key, None)
        self._rows_changed(after)
        self._append_keys(fresh)
        if changes.parties is not None:
            self._parties = {p.id: p.label for p in self.session.project.parties}
            self._texts.clear()
            self._all_changed()
            self._resort()
        else:
            self._resort(after)

    def _drop(self, items: set[str], events: set[str]) -> None:
        for key in items:
            self._items.pop(key, None)
            self._owner.pop(key, None)
            self._texts.pop(key, None)
        for event_id in events:
            self._events.pop(event_id, None)

"""EventTableModel: one row per event, sortable by date, edited inline through the session."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate, parse_optional
from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.validation import validate_event_fields
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.keyed_rows_model import KeyedRowsModel
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_cells import (
    BULK,
    CHOICES_ROLE,
    ID_ROLE,
    SORT_ROLE,
    Index,
    clip,
    date_sort_key,
    is_checked,
    tooltip,
)

(START, END, TITLE, KIND, TRACK, LOCATION, PARTIES, STATUS, ITEMS, RESTRICTED) = range(10)


class EventTableModel(KeyedRowsModel):
    """The project's events as a table; edits go through `session.apply`.

    Each row caches its display texts and sort keys, dropped when the event
    changes, so a table of ten thousand events costs one tuple per row.
    Attribute `problem` holds why the last edit was refused ('' if none).
    """

    check_column = RESTRICTED

    def __init__(self, session: ProjectSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.problem = ""
        self._events: dict[str, Event] = {}
        self._texts: dict[str, tuple] = {}
        self._sorts: dict[str, tuple] = {}
        self._orders: dict[str, tuple] = {}  # _order_key by row, for _order_column
        self._order_column = -1
        self._tracks: dict[str, str] = {}
        self._parties: dict[str, str] = {}
        self._headers = (self.tr("Start"), self.tr("End"), self.tr("Title"), self.tr("Kind"),
                         self.tr("Track"), self.tr("Location"), self.tr("Parties"),
                         self.tr("Status"), self.tr("Items"), self.tr("Restricted"))
        self._follow(session)

    # -- Qt model --------------------------------------------------------------

    def editable(self, column: int) -> bool:
        return column not in (PARTIES, ITEMS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, column = self._keys[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_row(key)[column]
        if role == SORT_ROLE:
            return self._sort_row(key)[column]
        if role == ID_ROLE:
            return key
        return self._other_data(self._events[key], column, role)

    def sort_value(self, key: str, column: int) -> Any:
        if column == START:  # as _sort_row, without the row's texts: opening sorts by date
            return date_sort_key(self._events[key].start)
        if column == END:
            event = self._events[key]
            return date_sort_key(event.end or event.start, last=True)
        return self._sort_row(key)[column]

    def tie_value(self, key: str) -> Any:
        return date_sort_key(self._events[key].start)

    def _order_key(self, key: str) -> tuple:
        # Kept, as the sort keys are: a moved row is placed by a dozen comparisons.
        if self._order_column != self._sort_column:
            self._orders.clear()
            self._order_column = self._sort_column
        order = self._orders.get(key)
        if order is None:
            if self._sort_column == START:  # its sort value is its tie value
                day = date_sort_key(self._events[key].start)
                order = self._orders[key] = (day, day, key)
            else:
                order = self._orders[key] = super()._order_key(key)
        return order

    def _sorted(self, keys: Iterable[str]) -> list[str]:
        if self._sort_column != START:
            return super()._sorted(keys)
        # The order of _order_key ((start, start, id)), keyed once per distinct start
        # date: opening a big project sorts every event by it.
        events, days = self._events, {}

        def order(key: str) -> tuple[int, str]:
            start = events[key].start
            day = days.get(id(start))  # the events hold their dates while this sorts
            if day is None:
                day = days[id(start)] = date_sort_key(start)
            return day, key
        return sorted(keys, key=order, reverse=self._descending)

    def _other_data(self, event: Event, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == RESTRICTED:
            return Qt.CheckState.Checked if event.restricted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ITEMS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == CHOICES_ROLE:
            return self._choices(column)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.session.editable:
            return False
        event = self._events[self._keys[index.row()]]
        self.problem = ""
        try:
            new = self._edited(event, index.column(), value, role)
        except (DateError, ValueError) as exc:
            self.problem = str(exc)
            return False
        if new is None:
            return False
        if new == event:
            return True
        problems = validate_event_fields(new)
        if problems:
            self.problem = str(problems[0])
            return False
        return self.session.apply(ChangeSet(put_events=(new,)),
                                  self._step_name(event, new, index.column()))

    # -- public ------------------------------------------------------------------

    def event_of(self, key: str) -> Event | None:
        """The event with id `key` (shown or filtered out), or None."""
        return self._events.get(key)

    def _records(self) -> Collection[str]:
        return self._events

    # -- cells -------------------------------------------------------------------

    def _text_row(self, key: str) -> tuple:
        texts = self._texts.get(key)
        if texts is None:
            e = self._events[key]
            texts = self._texts[key] = (
                date_text.label(e.start, short=True),
                date_text.label(e.end, short=True) if e.end else "",
                e.title, vocab_labels.event_kind(e.kind), self._tracks.get(e.track, e.track),
                e.location, ", ".join(self._parties.get(p, p) for p in e.parties),
                vocab_labels.event_status(e.status), len(e.items), None)
        return texts

    def _sort_row(self, key: str) -> tuple:
        keys = self._sorts.get(key)
        if keys is None:
            e, texts = self._events[key], self._text_row(key)
            keys = self._sorts[key] = (
                date_sort_key(e.start), date_sort_key(e.end or e.start, last=True),
                *(str(t).casefold() for t in texts[TITLE:ITEMS]), len(e.items),
                int(e.restricted))
        return keys

    def _edit_value(self, event: Event, column: int) -> Any:
        values: dict[int, Callable[[], Any]] = {
            START: event.start.iso, END: lambda: event.end.iso() if event.end else "",
            TITLE: lambda: event.title, KIND: lambda: event.kind, TRACK: lambda: event.track,
            LOCATION: lambda: event.location, STATUS: lambda: event.status,
        }
        getter = values.get(column)
        return getter() if getter else self._text_row(event.id)[column]

    def _tooltip(self, event: Event, column: int) -> str | None:
        if column == START:
            return tooltip(date_text.label(event.start))
        if column == END:
            return tooltip(date_text.label(event.end)) if event.end else None
        if column == RESTRICTED:
            return self.tr("Not for wider distribution") if event.restricted else None
        return tooltip(str(self._text_row(event.id)[column]))

    def _choices(self, column: int) -> list[tuple[str, str]] | None:
        if column == KIND:
            return list(vocab_labels.event_kinds().items())
        if column == STATUS:
            return list(vocab_labels.event_statuses().items())
        if column == TRACK:
            return [(t.id, t.name) for t in self.session.project.tracks]
        return None

    def _edited(self, event: Event, column: int, value: Any, role: int) -> Event | None:
        """`event` with `value` in `column`, or None when the column cannot take it.

        Raises:
            DateError: a date column was given text that is not a date.
        """
        if column == RESTRICTED and role == Qt.ItemDataRole.CheckStateRole:
            return replace(event, restricted=is_checked(value))
        if role != Qt.ItemDataRole.EditRole:
            return None
        text = "" if value is None else str(value)
        if column == START:
            return replace(event, start=PartialDate.parse(text))
        if column == END:
            return replace(event, end=parse_optional(text))
        if column == TRACK and text not in self._tracks:
            self.problem = self.tr("There is no track '%s'") % text
            return None
        fields = {TITLE: "title", KIND: "kind", TRACK: "track", LOCATION: "location",
                  STATUS: "status"}
        name = fields.get(column)
        return replace(event, **{name: text.strip() if column == TITLE else text}) \
            if name else None

    def _step_name(self, old: Event, new: Event, column: int) -> str:
        title = clip(old.title)
        if column == RESTRICTED:
            return (self.tr("Mark “%s” restricted") if new.restricted
                    else self.tr("Mark “%s” not restricted")) % title
        names = {START: self.tr("start date"), END: self.tr("end date"),
                 TITLE: self.tr("title"), KIND: self.tr("kind"), TRACK: self.tr("track"),
                 LOCATION: self.tr("location"), STATUS: self.tr("status")}
        return self.tr("Edit %s of “%s”") % (names[column], title)

    # -- following the session ---------------------------------------------------

    def _reload(self) -> None:
        project = self.session.project
        self.beginResetModel()
        self._events = {e.id: e for e in project.events}
        self._names_from_project()
        self._set_keys(self._events)
        self.endResetModel()

    def _names_from_project(self) -> None:
        project = self.session.project
        self._tracks = {t.id: t.name for t in project.tracks}
        self._parties = {p.id: p.label for p in project.parties}
        self._texts.clear()
        self._sorts.clear()
        self._orders.clear()

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        if changes is None or len(changes.put_events) + len(changes.delete_events) > BULK:
            self._reload()
            return
        puts = {e.id: e for e in changes.put_events}
        gone = [k for k in changes.delete_events if k not in puts]
        self._remove_keys(gone)
        for key in gone:
            self._forget(key)
            self._events.pop(key, None)
        for key, event in puts.items():
            self._forget(key)
            self._events[key] = event
        names = changes.parties is not None or changes.tracks is not None
        if names:
            self._names_from_project()
        # A changed text may show a hidden row or hide a shown one (names: any row).
        shown = self._refilter(self._events if names else puts)
        if names:
            self._all_changed()
            self._resort()
            return
        self._rows_changed(k for k in puts if k not in shown)
        self._resort(list(puts))

    def _forget(self, key: str) -> None:
        """Drop the texts and sort keys made for row `key`."""
        self._texts.pop(key, None)
        self._sorts.pop(key, None)
        self._orders.pop(key, None)

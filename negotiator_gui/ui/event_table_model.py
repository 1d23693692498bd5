"""EventTableModel: one row per event, sortable by date, edited inline through the session."""

from __future__ import annotations

import bisect
import datetime as _dt
import html
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate, parse_optional
from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.validation import validate_event_fields
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.session import ProjectSession

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role whose value sorts a column (date ordinals for dates, casefolded text)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""Role giving the row's event id (both tables) ."""
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 3
"""Role giving [(value, label)] for a column edited with a combo box."""
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 4
"""Role giving the row's item id (item table)."""

# Above this many rows touched at once a reset is cheaper than fine-grained signals.
BULK = 500
MOVES = 8        # up to this many changed rows move one by one (beginMoveRows)
# Above this many separate runs of rows removed at once, a reset is cheaper.
SCATTERED = 20
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
"""The invalid index: the parent of top-level rows, as a default argument."""
# How a QSortFilterProxyModel with CaseInsensitive filters reads a fixed string.
CASELESS = QRegularExpression.PatternOption.CaseInsensitiveOption

(START, END, TITLE, KIND, TRACK, LOCATION, PARTIES, STATUS, ITEMS, RESTRICTED) = range(10)


def date_sort_key(date: PartialDate | None, last: bool = False) -> int:
    """An int that sorts dates chronologically whatever their precision."""
    if date is None:
        return -1
    day = date.last_day() if last else _dt.date(date.year, date.month or 1, date.day or 1)
    # int(date.precision), without making an enum member per call (every row sorts by this)
    return day.toordinal() * 4 + (3 if date.day else 2 if date.month else 1)


def is_checked(value: Any) -> bool:
    """True when a CheckStateRole value (int or Qt.CheckState) means checked."""
    return Qt.CheckState(value) == Qt.CheckState.Checked


def clip(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with an ellipsis, for undo step names."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tooltip(text: str) -> str | None:
    """A tooltip showing `text` as written (escaped), or None for blank text."""
    return html.escape(text) if text else None


class KeyedRowsModel(QAbstractTableModel):
    """A flat table whose rows are named by string keys and kept sorted here.

    Sorting happens in Python on cached keys (`sort_value`), in milliseconds
    for ten thousand rows, instead of a proxy asking `data` for every
    comparison. Removals, updates and insertions by key become the matching
    Qt signals, followed by a layout change when the order moved.
    """

    _headers: tuple[str, ...] = ()

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
        return super().headerData(section, orientation, role)

    check_column = -1  # the column edited as a checkbox, if any

    def editable(self, column: int) -> bool:
        """True for columns edited in place as text or a choice (subclasses say)."""
        return False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Views ask for every cell they select or paint: the answers are made once.
        if self._flags is None:
            self._flags = (self._column_flags(False), self._column_flags(True))
        return self._flags[self.session.editable][index.column()]

    _flags: tuple[tuple[Qt.ItemFlag, ...], tuple[Qt.ItemFlag, ...]] | None = None

    def _column_flags(self, editable: bool) -> tuple[Qt.ItemFlag, ...]:
        """Each column's flags, in a project that is `editable` or not."""
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not editable:
            return (flags,) * len(self._headers)
        return tuple(flags | Qt.ItemFlag.ItemIsUserCheckable if column == self.check_column
                     else flags | Qt.ItemFlag.ItemIsEditable if self.editable(column)
                     else flags for column in range(len(self._headers)))

    def _follow(self, session) -> None:
        """Keep up with the session: reload on open/close, update on each change."""
        self.session = session
        session.project_loaded.connect(self._on_project_loaded_if_live)
        session.project_changed.connect(self._on_project_changed_if_live)
        session.project_closed.connect(self._on_project_loaded_if_live)
        self._reload()

    live = True  # False: nobody looks at the rows; they are read again once live

    def set_live(self, live: bool) -> None:
        """Follow the project at once (True), or hold no rows while nobody looks at
        them (False: opening a big project does not sort rows nobody sees); the rows
        are read again when the model becomes live."""
        self.live = live
        if live and self._stale:
            self._stale = False
            self._reload()

    def _on_project_loaded_if_live(self) -> None:
        if self.live:
            self._on_session_project_loaded()
        else:
            self._go_stale()

    def _on_project_changed_if_live(self, changes: ChangeSet | None) -> None:
        if self.live:
            self._on_session_project_changed(changes)
        else:
            self._go_stale()

    def _go_stale(self) -> None:
        """Drop every row until the model is live again."""
        if self._stale:
            return
        self._stale = True
        self.beginResetModel()
        self._keys, self._rows = [], {}
        self._forget_records()
        self.endResetModel()

    def _forget_records(self) -> None:
        """Drop the records kept for the rows (subclasses hold them)."""

    def _reload(self) -> None:
        """Read every row from the session's project (subclasses do)."""
        raise NotImplementedError

    def _on_session_project_loaded(self) -> None:
        self._reload()

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        """Follow a change of the project (subclasses do)."""
        raise NotImplementedError

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._rows: dict[str, int] = {}
        self._sort_column = -1
        self._descending = False
        self._stale = False

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._resort()

    def sort_value(self, key: str, column: int) -> Any:
        """What orders row `key` by `column` (subclasses say)."""
        raise NotImplementedError

    def tie_value(self, key: str) -> Any:
        """What orders rows whose `sort_value` is equal (subclasses may say)."""
        return 0

    def row_of(self, key: str) -> int:
        """The row of `key`, or -1."""
        return self._rows.get(key, -1)

    def key_at(self, row: int) -> str:
        """The key of `row`."""
        return self._keys[row]

    # -- filtering ---------------------------------------------------------------
    # The rows are filtered here, not by a QSortFilterProxyModel: one row whose date
    # changed then reaches the view as one row move, where such a proxy lays every
    # row out again (a drag-move in a big project paid that on each release).

    _filter: QRegularExpression | None = None
    hiding = False
    """True while rows are removed because the filter refuses them now (their records
    are still there), not because the records went."""

    def set_filter_text(self, text: str) -> None:
        """Show only the rows with a cell holding `text`, case ignored as a
        QSortFilterProxyModel's fixed string ignores it ('': every row)."""
        self._filter = QRegularExpression(QRegularExpression.escape(text), CASELESS) \
            if text else None
        self._resort(self._refilter(self._records()))

    def filter_expression(self) -> QRegularExpression:
        """What the rows are filtered by (an empty pattern: nothing)."""
        return self._filter or QRegularExpression()

    def accepts(self, key: str) -> bool:
        """True when the filter lets row `key` be shown (one of its texts matches)."""
        if self._filter is None:
            return True
        match = self._filter.match
        return any(match("" if text is None else str(text)).hasMatch()
                   for text in self._text_row(key))

    def record_count(self) -> int:
        """How many records there are, shown or not."""
        return len(self._records())

    def _records(self) -> Collection[str]:
        """The key of every record, shown or filtered out (subclasses say)."""
        raise NotImplementedError

    def _text_row(self, key: str) -> tuple:
        """The display texts of row `key`, a column each (subclasses say)."""
        raise NotImplementedError

    def _refilter(self, keys: Iterable[str]) -> list[str]:
        """Hide those of `keys` the filter refuses and append (unsorted) those it
        accepts that were not shown; returns the appended keys."""
        hide, show = [], []
        for key in keys:
            if self.accepts(key) != (key in self._rows):
                (hide if key in self._rows else show).append(key)
        self.hiding = True
        try:
            self._remove_keys(hide)
        finally:
            self.hiding = False
        self._append_keys(show)
        return show

    def _order_key(self, key: str) -> tuple:
        return (self.sort_value(key, self._sort_column), self.tie_value(key), key)

    def _sorted(self, keys: Iterable[str]) -> list[str]:
        if self._sort_column < 0:
            return list(keys)
        return sorted(keys, key=self._order_key, reverse=self._descending)

    def _set_keys(self, keys: Iterable[str]) -> None:
        """Replace every key (the filter leaves some out); call between
        beginResetModel and endResetModel."""
        self._keys = self._sorted(k for k in keys if self.accepts(k))
        self._rows = {k: n for n, k in enumerate(self._keys)}

    def _moved(self, keys: list[str]) -> list[str] | None:
        """The order with `keys` taken out and put back where they sort (bisection:
        a handful of comparisons instead of sorting every row again)."""
        moving = set(keys)
        order = [k for k in self._keys if k not in moving]
        try:
            for key in sorted(keys, key=self._order_key):
                order.insert(bisect.bisect_left(order, self._order_key(key),
                                                key=self._order_key), key)
        except TypeError:
            return None
        return order

    def _in_place(self, keys: Iterable[str]) -> bool:
        """True when each of `keys` still sorts between its neighbours."""
        if self._sort_column < 0:
            return True
        sign = -1 if self._descending else 1
        for key in keys:
            row = self._rows.get(key)
            if row is None:
                continue
            mine = self._order_key(key)
            if row > 0 and sign * _cmp(self._order_key(self._keys[row - 1]), mine) > 0:
                return False
            last = len(self._keys) - 1
            if row < last and sign * _cmp(mine, self._order_key(self._keys[row + 1])) > 0:
                return False
        return True

    def _resort(self, changed: Iterable[str] | None = None) -> None:
        """Sort the rows again; with `changed` (a few keys), only when one moved."""
        order = None
        if changed is not None:
            changed = [k for k in changed if k in self._rows]
            if len(changed) <= BULK and self._in_place(changed):
                return
            if len(changed) <= MOVES and self._sort_column >= 0 and self._move_rows(changed):
                return
            if len(changed) <= BULK and not self._descending and self._sort_column >= 0:
                order = self._moved(changed)
        if order is None:
            order = self._sorted(self._keys)
        if order == self._keys:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        anchors = [(self._keys[i.row()], i.column()) for i in persistent]
        self._keys = order
        self._rows = {k: n for n, k in enumerate(order)}
        self.changePersistentIndexList(
            persistent, [self.index(self._rows[k], c) for k, c in anchors])
        self.layoutChanged.emit()

    def _move_rows(self, keys: list[str]) -> bool:
        """Move each of a few `keys` to the row where it now sorts, one row move each
        (the rows in between shift by one; nothing else is touched). False when the
        values cannot be compared (a full sort decides then)."""
        pending = set(keys)
        sign = -1 if self._descending else 1
        for key in keys:
            row = self._rows[key]
            mine = self._order_key(key)
            # Search the rows that are in place: every key still to move is skipped.
            skipped = sorted(self._rows[k] for k in pending)
            pending.discard(key)

            def real(virtual: int, skipped: list[int] = skipped) -> int:
                for taken in skipped:
                    if taken <= virtual:
                        virtual += 1
                return virtual

            low, high = 0, len(self._keys) - len(skipped)
            while low < high:
                middle = (low + high) // 2
                try:
                    before = sign * _cmp_strict(
                        self._order_key(self._keys[real(middle)]), mine) < 0
                except TypeError:
                    return False
                low, high = (middle + 1, high) if before else (low, middle)
            target = real(low) if low < len(self._keys) - len(skipped) else len(self._keys)
            if target > row:
                target -= 1  # its row once it is out of the list
            if target == row:
                continue
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(),
                               target + 1 if target > row else target)
            del self._keys[row]
            self._keys.insert(target, key)
            for n in range(min(row, target), max(row, target) + 1):
                self._rows[self._keys[n]] = n
            self.endMoveRows()
        return True

    def _remove_keys(self, keys: Iterable[str]) -> None:
        gone = set(keys)
        rows = [self._rows[k] for k in gone if k in self._rows]
        ranges = row_runs(rows)
        if len(ranges) > SCATTERED:
            self.beginResetModel()
            self._set_keys(k for k in self._keys if k not in gone)
            self.endResetModel()
            return
        for first, last in reversed(ranges):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._keys[first:last + 1]
            self._rows = {k: n for n, k in enumerate(self._keys)}
            self.endRemoveRows()

    def _append_keys(self, keys: list[str]) -> None:
        if not keys:
            return
        first = len(self._keys)
        self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
        for n, key in enumerate(keys, first):
            self._keys.append(key)
            self._rows[key] = n
        self.endInsertRows()

    def _rows_changed(self, keys: Iterable[str]) -> None:
        rows = sorted(self._rows[k] for k in set(keys) if k in self._rows)
        if len(rows) > BULK:
            self._all_changed()
            return
        last_column = self.columnCount() - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _all_changed(self) -> None:
        if self._keys:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._keys) - 1, self.columnCount() - 1))


def _cmp_strict(a: tuple, b: tuple) -> int:
    """-1, 0 or 1; raises TypeError for values of different kinds."""
    return (a > b) - (a < b)


def _cmp(a: tuple, b: tuple) -> int:
    try:
        return (a > b) - (a < b)
    except TypeError:  # values of different kinds: leave it to a full sort
        return 1


def row_runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """The distinct `rows` as contiguous (first, last) runs, in ascending order."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class SourceSortProxyModel(QSortFilterProxyModel):
    """Filters rows of a `KeyedRowsModel` and leaves sorting to it: it sorts on
    cached keys instead of being asked for data at every comparison."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class SourceFilterProxyModel(QIdentityProxyModel):
    """Shows a `KeyedRowsModel` as it is, the model sorting and filtering its own
    rows, so that a row moved there moves here (and in the view) alone. Takes a
    QSortFilterProxyModel's filter calls and hands them to the model."""

    def setFilterFixedString(self, text: str) -> None:
        self.sourceModel().set_filter_text(text)

    def filterRegularExpression(self) -> QRegularExpression:
        return self.sourceModel().filter_expression()


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

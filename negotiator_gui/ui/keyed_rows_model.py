"""KeyedRowsModel: a flat table of rows named by keys, sorted and filtered in Python,
and the proxies that show it."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.ui.table_cells import (
    BULK,
    CASELESS,
    MOVES,
    NO_PARENT,
    SCATTERED,
    Index,
)


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

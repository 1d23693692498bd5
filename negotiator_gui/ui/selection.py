"""EventSelection: which events (and which item) are selected, shared by every view."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class EventSelection(QObject):
    """The selection shared by the canvas, the tables and the inspector.

    Signals:
        selection_changed(list): the selected event ids, in selection order.
        current_item_changed(str): the item chosen in the inspector or a table
            ("" for none); views highlight it and its linked partners.
    """

    selection_changed = Signal(list)
    current_item_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._item = ""

    @property
    def ids(self) -> list[str]:
        """The selected event ids."""
        return list(self._ids)

    @property
    def current(self) -> str | None:
        """The event the inspector shows: the last one selected, or None."""
        return self._ids[-1] if self._ids else None

    @property
    def current_item(self) -> str:
        """The chosen item id, or ''."""
        return self._item

    def select(self, ids: Iterable[str]) -> None:
        """Make `ids` the selection (emits only when it changes)."""
        new = list(dict.fromkeys(ids))
        if new != self._ids:
            self._ids = new
            self.selection_changed.emit(list(new))

    def clear(self) -> None:
        """Select nothing."""
        self.select([])

    def keep_existing(self, existing: set[str]) -> None:
        """Drop ids that no longer exist (after a delete or a colleague's edit)."""
        self.select(i for i in self._ids if i in existing)

    def set_current_item(self, item_id: str) -> None:
        """Choose an item (or '' for none)."""
        if item_id != self._item:
            self._item = item_id
            self.current_item_changed.emit(item_id)

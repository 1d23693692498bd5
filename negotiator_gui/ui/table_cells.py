"""What the project's tables share: their item roles, row-change limits and cell helpers."""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt

from negotiator_gui.domain.dates import PartialDate

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

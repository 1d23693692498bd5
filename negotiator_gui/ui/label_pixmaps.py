"""LabelPixmaps: event labels drawn once into pixmaps and reused, frame after frame."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap

from negotiator_gui.domain.model import Event

LIMIT = 1500  # labels kept; about as many as a few screens hold


def same_label(kept: Event, event: Event) -> bool:
    """Whether two versions of an event label alike: a label shows the title and badges
    made from the items, so an event moved or edited otherwise keeps its label."""
    return kept is event or (kept.title == event.title and kept.items == event.items)


class LabelPixmaps:
    """The last label drawn for each event, kept while its title and items, its room
    and its colour stay the same; the least recently used go first."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._kept: OrderedDict[str, tuple[Event, tuple, QPixmap]] = OrderedDict()

    def clear(self) -> None:
        """Forget every label (the fonts or the palette changed)."""
        self._kept.clear()

    def get(self, event: Event, key: tuple, size: tuple[float, float], ratio: float,
            draw: Callable[[QPainter, QRectF], None]) -> QPixmap:
        """The label of `event` for `key`, drawn by `draw` into a new pixmap if needed.

        Args:
            event: the event the label belongs to (a version with another title or
                other items is a new label).
            key: what else the label depends on (room, colour, pixel ratio).
            size: the label's size in pixels.
            ratio: the device pixel ratio to draw at.
            draw: paints the label into a painter, within a rectangle at (0, 0).
        """
        kept = self._kept.get(event.id)
        if kept is not None and kept[1] == key and same_label(kept[0], event):
            self._kept.move_to_end(event.id)
            return kept[2]
        width, height = size
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing |
                               QPainter.RenderHint.TextAntialiasing)
        draw(painter, QRectF(0, 0, width, height))
        painter.end()
        self._kept[event.id] = (event, key, pixmap)
        self._kept.move_to_end(event.id)
        while len(self._kept) > self.limit:
            self._kept.popitem(last=False)
        return pixmap

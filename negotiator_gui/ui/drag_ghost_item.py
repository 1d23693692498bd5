"""DragGhostItem: the events being dragged, drawn where they would land."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from negotiator_gui.ui.lane_rows import Glyph

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_scene import TimelineScene

# A ghost: the glyph of the event as it would become, its body, its label
# (None when it has none) and whether the label sits on the bar.
Ghost = tuple[Glyph, QRectF, "QRectF | None", bool]


class DragGhostItem(QGraphicsItem):
    """Paints the dragged events over everything while the originals are hidden."""

    def __init__(self, canvas: TimelineScene) -> None:
        super().__init__()
        self.canvas = canvas
        self.ghosts: list[Ghost] = []
        self._bounds = QRectF()
        self.setZValue(10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def show_ghosts(self, ghosts: list[Ghost]) -> None:
        """Draw these ghosts instead of the last ones."""
        self.prepareGeometryChange()
        self.ghosts = ghosts
        bounds = QRectF()
        for _, body, label, _ in ghosts:
            bounds = bounds.united(body if label is None else body.united(label))
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.update()

    def body_of(self, event_id: str) -> QRectF | None:
        """Where a dragged event's body is drawn now, if it is being dragged."""
        for glyph, body, _, _ in self.ghosts:
            if glyph.event.id == event_id:
                return body
        return None

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        look = self.canvas.glyphs
        for glyph, body, label, inside in self.ghosts:
            if not exposed.intersects(body if label is None else body.united(label)):
                continue
            look.paint_body(painter, glyph, body, True, False)
            if label is not None:
                look.paint_label(painter, glyph, label, inside)

"""LaneItem: one lane's events, painted in one pass over the part in view, and hit-tested."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from negotiator_gui.ui import palette
from negotiator_gui.ui.compact_row import CompactRow
from negotiator_gui.ui.glyph_painter import DIM_OPACITY
from negotiator_gui.ui.lane_rows import (
    ISOLATION,
    LABEL_GAP,
    MARKER_HALF,
    MIN_LABEL,
    Glyph,
    Row,
    RowWalk,
    body_span,
    label_room,
    thin_span,
)

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_scene import LaneBand, TimelineScene

BAR = palette.BAR_HEIGHT
EDGE_GRIP = 6.0  # pixels at each end of a bar that resize it

# What `shapes` yields for each glyph: the glyph, its body's left and right as
# drawn, its label's rectangle (None when it has no room), whether the label
# sits on the bar, and whether the glyph is drawn whole (not merged).
Shape = tuple[Glyph, float, float, "QRectF | None", bool, bool]


class LaneItem(QGraphicsItem):
    """Paints the events of one lane from its rows; nothing per event is a Qt object.

    Events are found by bisecting each row's arrays with the days in view. In
    a compact lane (zoomed out, dense), events that are not clear of their
    neighbours merge, pixel by pixel, into one strip (a `CompactRow`), and
    labels show only where they have room. Selection, dimming, highlighting and
    hiding during a drag are sets of event ids kept by the scene.
    """

    def __init__(self, canvas: TimelineScene, index: int, band: LaneBand,
                 rows: list[Row]) -> None:
        super().__init__()
        self.canvas = canvas
        self.lane_index = index
        self.band = band
        self.rows = rows
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_band(self, band: LaneBand) -> None:
        """Move or resize the lane."""
        self.prepareGeometryChange()
        self.band = band
        self.update()

    def set_rows(self, rows: list[Row]) -> None:
        """Show newly laid out rows."""
        self.rows = rows
        self.update()

    def refresh_geometry(self) -> None:
        """The scene's width changed (a zoom)."""
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        left, right = self.canvas.x_extent
        return QRectF(left, self.band.top, right - left, self.band.height)

    # -- geometry ----------------------------------------------------------------

    def shapes(self, row_no: int, x_lo: float, x_hi: float) -> Iterator[Shape]:
        """The glyphs of a row that may show between scene x `x_lo` and `x_hi`."""
        scale = self.canvas.scale
        cap = label_room(scale.px_per_day)
        row = self.rows[row_no]
        indices = row.between(scale.day_at(x_lo - cap - 4 - MARKER_HALF),
                              scale.day_at(x_hi + MARKER_HALF))
        compact = self.band.compact
        top = self.band.row_top(row_no)
        for glyph, left, right, next_left, whole in RowWalk(row, scale, compact)(indices):
            if not whole:
                thin_left, thin_right = thin_span(glyph, scale)
                yield glyph, thin_left, thin_right, None, False, False
                continue
            label, inside = self.label_of(glyph, left, right, next_left, top)
            yield glyph, left, right, label, inside, True

    def label_of(self, glyph: Glyph, left: float, right: float, next_left: float,
                 top: float) -> tuple[QRectF | None, bool]:
        """Where a whole-drawn glyph's label goes: on its bar if it fits there, else after
        it, short of the next event (None when there is too little room)."""
        width = min(self.canvas.glyphs.label_width(glyph.event),
                    label_room(self.canvas.scale.px_per_day))
        if not glyph.marker and width <= right - left - 8:
            return QRectF(left + 6, top, right - left - 10, BAR), True
        room = min(width, next_left - LABEL_GAP - right - 4)
        if room < min(width, MIN_LABEL) or room <= 0:
            return None, False
        return QRectF(right + 4, top, room, BAR), False

    def body_span_of(self, glyph: Glyph) -> tuple[float, float]:
        """Left and right of a glyph's body as drawn now (thin when merged)."""
        scale = self.canvas.scale
        left, right = body_span(glyph, scale)
        if not self.band.compact:
            return left, right
        glyphs, index = self.rows[glyph.row].glyphs, glyph.index
        if (index > 0 and body_span(glyphs[index - 1], scale)[1] + ISOLATION > left) or \
                (index + 1 < len(glyphs) and right + ISOLATION > body_span(glyphs[index + 1],
                                                                            scale)[0]):
            return thin_span(glyph, scale)
        return left, right

    def row_at(self, y: float) -> int:
        """The row whose bars span scene y, or -1 (between rows, or collapsed)."""
        if self.band.collapsed:
            return -1
        offset = y - self.band.row_top(0)
        row = int(offset // palette.ROW_HEIGHT)
        if offset < 0 or row >= len(self.rows) or offset - row * palette.ROW_HEIGHT >= BAR:
            return -1
        return row

    def glyph_at(self, x: float, y: float) -> Shape | None:
        """The event drawn at scene (x, y): its body or its label."""
        row = self.row_at(y)
        if row < 0:
            return None
        found = None
        for shape in self.shapes(row, x, x):
            glyph, left, right, label, _, _ = shape
            if left <= x <= right or (label is not None and label.left() <= x <= label.right()):
                found = shape
        return found

    def shapes_in(self, rect: QRectF) -> Iterator[Shape]:
        """Every glyph whose body or label meets `rect` (scene coordinates)."""
        if self.band.collapsed:
            return
        for row_no in range(len(self.rows)):
            top = self.band.row_top(row_no)
            if top > rect.bottom() or top + BAR < rect.top():
                continue
            for shape in self.shapes(row_no, rect.left(), rect.right()):
                _, left, right, label, _, _ = shape
                reach = label.right() if label is not None else right
                if left <= rect.right() and max(right, reach) >= rect.left():
                    yield shape

    def find(self, glyph: Glyph) -> Shape | None:
        """The shape of one of this lane's glyphs as drawn now."""
        scale = self.canvas.scale
        x = (glyph.d0 - scale.origin) * scale.px_per_day
        for shape in self.shapes(glyph.row, x, x):
            if shape[0] is glyph:
                return shape
        return None

    def drawn_parts(self, glyphs) -> list[QRectF]:
        """Where these glyphs are drawn, with the rows shown now: scene rectangles.
        Each holds the glyph and its label, and where the glyph before it stops
        short of it a label cut short or left out (drawn otherwise when the glyph
        moves: from that glyph's end to as far as its whole label would reach;
        rows laid out at the scale drawn leave every label whole). A compact
        lane's rows are given whole (events there merge)."""
        left, right = self.canvas.x_extent
        out = []
        for glyph in glyphs:
            if glyph.row >= len(self.rows):
                continue
            top, row = self.band.row_top(glyph.row), self.rows[glyph.row].glyphs
            whole_row = QRectF(left, top, right - left, BAR)
            if self.band.compact or glyph.index >= len(row) or row[glyph.index] is not glyph:
                out.append(whole_row)
                continue
            shape = self.find(glyph)
            before = self.find(row[glyph.index - 1]) if glyph.index > 0 else None
            if shape is None or (glyph.index > 0 and before is None):
                out.append(whole_row)
                continue
            start, reach = shape[1], shape[2] if shape[3] is None else \
                max(shape[2], shape[3].right())
            if before is not None and not before[4]:  # its label is not on its bar
                whole = min(self.canvas.glyphs.label_width(before[0].event),
                            label_room(self.canvas.scale.px_per_day))
                if before[3] is None or before[3].width() < whole - 0.5:
                    start = min(start, before[2])
                    reach = max(reach, before[2] + 4 + whole)
            out.append(QRectF(start, top, reach - start, BAR))
        return out

    # -- painting ----------------------------------------------------------------

    def update(self, *args) -> None:
        """Repaint the lane (the canvas's kept layer draws the lanes again)."""
        self.canvas.repaint_item(self, *args)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.band.collapsed or not self.rows:
            return
        exposed = option.exposedRect
        first = max(int((exposed.top() - self.band.row_top(0)) // palette.ROW_HEIGHT), 0)
        last = min(int((exposed.bottom() - self.band.row_top(0)) // palette.ROW_HEIGHT) + 1,
                   len(self.rows) - 1)
        paint_row = self._paint_compact if self.band.compact else self._paint_detailed
        for row_no in range(first, last + 1):
            paint_row(painter, row_no, exposed.left(), exposed.right())
        painter.setOpacity(1.0)

    def _paint_detailed(self, painter: QPainter, row_no: int, x_lo: float,
                        x_hi: float) -> None:
        canvas = self.canvas
        look = canvas.glyphs
        hidden, dimmed = canvas.hidden, canvas.dimmed
        selected, highlighted = canvas.selected, canvas.highlighted
        top = self.band.row_top(row_no)
        dim_now = False
        for glyph, left, right, label, inside, _ in self.shapes(row_no, x_lo, x_hi):
            event_id = glyph.event.id
            if event_id in hidden:
                continue
            dim = event_id in dimmed
            if dim != dim_now:
                painter.setOpacity(DIM_OPACITY if dim else 1.0)
                dim_now = dim
            look.paint_body(painter, glyph, QRectF(left, top, right - left, BAR),
                            event_id in selected, event_id in highlighted)
            if label is not None:
                look.paint_label(painter, glyph, label, inside)
        if dim_now:
            painter.setOpacity(1.0)

    def _paint_compact(self, painter: QPainter, row_no: int, x_lo: float,
                       x_hi: float) -> None:
        canvas = self.canvas
        look = canvas.glyphs
        row = self.rows[row_no]
        top = self.band.row_top(row_no)
        drawing = CompactRow.of(row, canvas.scale, top, canvas.hidden, canvas.dimmed,
                                canvas.fade_version)
        for rect in self._thin_marks(row_no, drawing, canvas.highlighted, x_lo, x_hi):
            look.paint_highlight(painter, rect)
        drawing.paint_merged(painter)
        hidden, dimmed, selected = canvas.hidden, canvas.dimmed, canvas.selected
        for index, left, right, next_left in drawing.whole_between(x_lo, x_hi):
            glyph = row.glyphs[index]
            event_id = glyph.event.id
            if event_id in hidden:
                continue
            painter.setOpacity(DIM_OPACITY if event_id in dimmed else 1.0)
            look.paint_body(painter, glyph, QRectF(left, top, right - left, BAR),
                            event_id in selected, event_id in canvas.highlighted)
            label, inside = self.label_of(glyph, left, right, next_left, top)
            if label is not None:
                look.paint_label(painter, glyph, label, inside)
        painter.setOpacity(1.0)
        outlines = self._thin_marks(row_no, drawing, selected, x_lo, x_hi)
        if outlines:
            look.paint_outlines(painter, [r.adjusted(-1, 0, 1, 0) for r in outlines])

    def _thin_marks(self, row_no: int, drawing: CompactRow, ids: set[str], x_lo: float,
                    x_hi: float) -> list[QRectF]:
        """Rectangles of the merged (not whole) glyphs of `ids` between two scene x."""
        if not ids:
            return []
        scale, row, top = self.canvas.scale, self.rows[row_no], self.band.row_top(row_no)
        if len(ids) < 64:
            glyphs = [g for i in ids for g in self.canvas.glyphs_of(i)
                      if g.lane == self.lane_index and g.row == row_no]
        else:
            glyphs = [row.glyphs[i] for i in row.between(scale.day_at(x_lo), scale.day_at(x_hi))
                      if row.glyphs[i].event.id in ids]
        out = []
        for glyph in glyphs:
            if drawing.is_whole[glyph.index] or glyph.event.id in self.canvas.hidden:
                continue
            left, right = thin_span(glyph, scale)
            if right >= x_lo and left <= x_hi:
                out.append(QRectF(left, top, right - left, BAR))
        return out

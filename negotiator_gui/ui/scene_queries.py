"""SceneQueries: what the timeline scene shows where (glyphs, shapes, lanes, ids)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui.lane_item import BAR, LaneItem, Shape
from negotiator_gui.ui.lane_rows import Glyph

if TYPE_CHECKING:
    from negotiator_gui.ui.canvas_layout import CanvasLayout, LaneBand
    from negotiator_gui.ui.drag_ghost_item import DragGhostItem


class SceneQueries:
    """Looking things up in a TimelineScene (a mixin: the scene keeps the state).

    The scene holds its lanes' bands (`lanes`, their tops in `_tops`), one LaneItem
    per lane, the layout, the scale drawn and each event's glyphs (`_placements`).
    """

    lanes: list[LaneBand]
    lane_items: list[LaneItem]
    layout: CanvasLayout
    ghost: DragGhostItem
    _tops: list[float]
    _placements: dict[str, list[Glyph]]
    _scale: TimeScale

    @property
    def event_items(self) -> dict[str, list[Glyph]]:
        """The events drawn, each with its glyphs (several in party or subject lanes)."""
        return dict(self._placements)

    def shown_ids(self) -> set[str]:
        """The events drawn (not filtered out, not in a collapsed lane)."""
        return set(self._placements)

    def glyphs_of(self, event_id: str) -> list[Glyph]:
        """An event's glyphs (several in party or subject lanes)."""
        return self._placements.get(event_id, [])

    items_of = glyphs_of

    def shape_of(self, glyph: Glyph) -> Shape | None:
        """A glyph's body and label as drawn now."""
        return self.lane_items[glyph.lane].find(glyph)

    def body_rect(self, glyph: Glyph) -> QRectF:
        """A glyph's body in scene coordinates, as drawn now."""
        left, right = self.lane_items[glyph.lane].body_span_of(glyph)
        return QRectF(left, self.lanes[glyph.lane].row_top(glyph.row), right - left, BAR)

    def bounds_of(self, event_id: str) -> list[QRectF]:
        """Body and label of each of an event's glyphs, in scene coordinates."""
        out = []
        for glyph in self.glyphs_of(event_id):
            shape = self.shape_of(glyph)
            body = self.body_rect(glyph)
            out.append(body.united(shape[3]) if shape and shape[3] is not None else body)
        return out

    def first_body(self, event_id: str) -> QRectF | None:
        """The body of an event's first glyph (links start and end there)."""
        glyphs = self._placements.get(event_id)
        return self.body_rect(glyphs[0]) if glyphs else None

    def drawn_body(self, event_id: str) -> QRectF | None:
        """Where an event's (first) body is drawn now: its ghost while dragged."""
        ghost = self.ghost.body_of(event_id)
        return ghost if ghost is not None else self.first_body(event_id)

    def lane_at(self, y: float) -> LaneBand | None:
        """The lane at scene y, if any."""
        index = bisect_right(self._tops, y) - 1
        if index < 0 or index >= len(self.lanes):
            return None
        band = self.lanes[index]
        return band if y < band.top + band.height else None

    def lane_items_in(self, top: float, bottom: float) -> list[LaneItem]:
        """The lane items meeting scene y `top`..`bottom`, in order."""
        first = max(bisect_right(self._tops, top) - 1, 0)
        last = bisect_right(self._tops, bottom)
        return self.lane_items[first:last]

    def shape_at(self, pos: QPointF) -> Shape | None:
        """The event drawn at a scene position (its body or its label)."""
        band = self.lane_at(pos.y())
        if band is None:
            return None
        return self.lane_items[self.lanes.index(band)].glyph_at(pos.x(), pos.y())

    def ids_in_rect(self, rect: QRectF) -> list[str]:
        """Events whose body or label meets a scene rectangle, lane by lane."""
        found: dict[str, None] = {}
        for band, item in zip(self.lanes, self.lane_items, strict=True):
            if band.top <= rect.bottom() and band.top + band.height >= rect.top():
                for shape in item.shapes_in(rect):
                    found[shape[0].event.id] = None
        return list(found)

    def ids_in_x(self, x_lo: float, x_hi: float) -> set[str]:
        """Events whose body lies between two scene x, in any lane."""
        scale = self._scale
        day_lo, day_hi = scale.day_at(x_lo), scale.day_at(x_hi)
        found = set()
        for rows in self.layout.rows:
            for row in rows:
                glyphs = row.glyphs
                found.update(glyphs[i].event.id for i in row.between(day_lo, day_hi))
        return found

    def label_reach(self, project: Project, scale: TimeScale) -> float:
        """The furthest any event's label reaches right at `scale`, in scene x."""
        return self.layout.label_reach(project, scale)

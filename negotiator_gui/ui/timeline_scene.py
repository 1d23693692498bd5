"""TimelineScene: lane bands and event items laid out by the shared domain layout."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from negotiator_gui.domain.layout import Layout, layout_events, span_days
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.event_item import EventItem


@dataclass(frozen=True)
class LaneBand:
    """Where a lane sits vertically in the scene, and its title."""

    title: str
    top: float
    height: float


class TimelineScene(QGraphicsScene):
    """Holds one lane band per track and one item per event."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lanes: list[LaneBand] = []
        self.event_items: dict[str, EventItem] = {}
        self.day_range: tuple[int, int] | None = None
        self._metrics = QFontMetricsF(palette.label_font())

    def populate(self, project: Project, scale: TimeScale, top: float) -> None:
        """Lay out `project` at `scale`, lanes starting at scene y `top`."""
        self.clear()
        self.event_items = {}
        layout = self.layout_for(project, scale)
        self.lanes = _bands(layout, top)
        self.day_range = _day_range(project)
        right = self._content_right(layout, scale)
        left = scale.x_of_day(self.day_range[0]) if self.day_range else 0.0
        for index, band in enumerate(self.lanes):
            rect = QGraphicsRectItem(QRectF(left - 1e5, band.top, right - left + 2e5,
                                            band.height))
            rect.setBrush(QBrush(palette.lane_fill(index)))
            rect.setPen(QPen(palette.lane_fill(index).darker(115), 0))
            rect.setZValue(-10)
            self.addItem(rect)
        events = {e.id: e for e in project.events}
        for placed in layout.events:
            band = self.lanes[placed.lane]
            y = band.top + palette.LANE_PADDING + placed.row * palette.ROW_HEIGHT
            item = EventItem(events[placed.event_id], placed, y)
            self.addItem(item)
            self.event_items[placed.event_id] = item
        bottom = self.lanes[-1].top + self.lanes[-1].height if self.lanes else top
        self.setSceneRect(QRectF(left - palette.LANE_HEADER_WIDTH - 60, 0,
                                 right - left + palette.LANE_HEADER_WIDTH + 160,
                                 bottom + 20))

    def layout_for(self, project: Project, scale: TimeScale) -> Layout:
        """The shared domain layout, measured with the canvas's font and markers."""
        return layout_events(project.events, project.tracks, scale,
                             self._metrics.horizontalAdvance,
                             marker_width=palette.BAR_HEIGHT,
                             max_label=label_room(scale.px_per_day))

    def _content_right(self, layout: Layout, scale: TimeScale) -> float:
        ends = [p.label_right for p in layout.events]
        if self.day_range:
            ends.append(scale.x_of_day(self.day_range[1]))
        return max(ends, default=0.0)


def label_room(px_per_day: float) -> float:
    """The widest a label may be: less when zoomed out, so that years of events
    do not stack into dozens of rows; the full title is in the tooltip."""
    return min(max(px_per_day * 120, 90.0), 260.0)


def _bands(layout: Layout, top: float) -> list[LaneBand]:
    bands = []
    for lane in layout.lanes:
        height = 2 * palette.LANE_PADDING + lane.rows * palette.ROW_HEIGHT - \
            (palette.ROW_HEIGHT - palette.BAR_HEIGHT)
        bands.append(LaneBand(lane.title, top, height))
        top += height
    return bands


def _day_range(project: Project) -> tuple[int, int] | None:
    if not project.events:
        return None
    spans = [span_days(e) for e in project.events]
    return min(s[0] for s in spans), max(s[1] for s in spans)

"""CanvasScroll: where the timeline view looks: fitting dates, and keeping its place."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from negotiator_gui.domain.timescale import TimeScale, fit
from negotiator_gui.ui import palette

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_view import TimelineView

Anchor = tuple[str, str, float]  # ("event" | "lane", its id or key, an offset)


class CanvasScroll:
    """Scroll and fit arithmetic of a TimelineView, kept out of the view itself."""

    def __init__(self, view: TimelineView) -> None:
        self.view = view

    def fit_scale(self, day_range: tuple[int, int] | None) -> tuple[TimeScale, float]:
        """A scale that shows `day_range` (labels included) across the view, and the
        first day to show at the left."""
        view = self.view
        width = max(view.viewport().width() - palette.LANE_HEADER_WIDTH - 20, 200)
        if day_range is None:
            today = _dt.date.today().toordinal()
            day_range = (today - 180, today + 180)
        first, last = day_range
        scale = fit(first, last, width)
        reach = view.timeline.label_reach(view.project, scale)
        overflow = reach - scale.x_of_day(last) - \
            0.05 * scale.px_per_day * (last - scale.origin) + 24
        if overflow > 0:
            scale = fit(first, last, max(width - overflow, 100))
        return scale, first - 0.05 * (last - first) - 1

    def to_day(self, day: float, viewport_x: float) -> None:
        """Scroll so that `day` is at viewport x `viewport_x`."""
        view = self.view
        shift = view.mapFromScene(QPointF(view.scale.x_of_day(day), 0)).x() - viewport_x
        bar = view.horizontalScrollBar()
        bar.setValue(int(round(bar.value() + shift)))

    def anchor(self, opening: bool) -> Anchor | None:
        """What to keep in place vertically across a new layout (lanes grow and
        shrink): the current event if it is in view, else the lane at the top."""
        view = self.view
        if opening:
            return "lane", "\0", 0.0  # a new project starts at its first lane
        top = view.mapToScene(0, palette.AXIS_HEIGHT).y()
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        current = view.selection.current
        for rect in view.timeline.bounds_of(current) if current else ():
            if visible.intersects(rect):
                return "event", current, rect.top() - top
        band = view.timeline.lane_at(top)
        if band is None:
            return None
        return "lane", band.key, (top - band.top) / max(band.height, 1.0)

    def restore(self, anchor: Anchor | None) -> None:
        """Scroll vertically so that what `anchor` names is where it was."""
        if anchor is None:
            return
        view = self.view
        kind, key, offset = anchor
        if kind == "event":
            rects = view.timeline.bounds_of(key)
            if not rects:
                return
            target = rects[0].top() - offset
        else:
            band = next((b for b in view.timeline.lanes if b.key == key), None)
            target = band.top + offset * band.height if band is not None else 0.0
        shift = view.mapFromScene(QPointF(0, target)).y() - palette.AXIS_HEIGHT
        bar = view.verticalScrollBar()
        bar.setValue(int(round(bar.value() + shift)))


def days_of(events) -> tuple[int, int] | None:
    """The first day and the day after the last of some events."""
    if not events:
        return None
    firsts = [e.start.first_day().toordinal() for e in events]
    lasts = [(e.end or e.start).last_day().toordinal() + 1 for e in events]
    return min(firsts), max(lasts)

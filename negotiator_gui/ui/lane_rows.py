"""LaneRows: one lane's placed events as per-row arrays sorted by date, for painting and hits."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from PySide6.QtGui import QColor

from negotiator_gui.domain.dates import Precision
from negotiator_gui.domain.layout import PlacedEvent, is_marker, span_days
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette

MARKER_HALF = palette.BAR_HEIGHT / 2  # a marker is a diamond as wide as a bar is high
LABEL_GAP = 8.0     # room kept between a label and the next event in its row
ISOLATION = 2.0     # in a compact row, an event this clear of its neighbours is drawn whole
MIN_LABEL = 30.0    # in a compact row, a label is drawn only with this much room


class Glyph:
    """One placed event: its record, its place (lane, row, index) and its days."""

    __slots__ = ("event", "lane", "row", "index", "d0", "d1", "marker",
                 "fuzzy_start", "fuzzy_end", "color")

    def __init__(self, event: Event, placed: PlacedEvent, index: int, color: QColor) -> None:
        self.event = event
        self.lane = placed.lane
        self.row = placed.row
        self.index = index
        self.d0 = placed.first_day
        self.d1 = placed.after_day
        self.marker = placed.marker
        self.fuzzy_start = placed.fuzzy_start
        self.fuzzy_end = placed.fuzzy_end
        self.color = color

    def moved(self, event: Event) -> Glyph:
        """A copy standing for `event` (the record after a drag), for its preview."""
        copy = Glyph.__new__(Glyph)
        for name in Glyph.__slots__:
            setattr(copy, name, getattr(self, name))
        copy.event = event
        copy.d0, copy.d1 = span_days(event)
        copy.marker = is_marker(event)
        copy.fuzzy_start = event.start.precision < Precision.DAY
        copy.fuzzy_end = (event.end or event.start).precision < Precision.DAY
        return copy

    @property
    def fuzzy(self) -> bool:
        """True when either end is known only to the month or year."""
        return self.fuzzy_start or self.fuzzy_end


class Row:
    """The glyphs of one sub-row, by start; `reach` is the running maximum of
    their ends, so both arrays are sorted and a day range is two bisections."""

    __slots__ = ("glyphs", "starts", "ends", "markers", "colors", "ids", "reach", "cache",
                 "pixel_values")

    def __init__(self, glyphs: list[Glyph]) -> None:
        self.glyphs = glyphs
        self.cache = None  # what a compact row drew at the last zoom (a CompactRow)
        self.pixel_values: list[bytes] | None = None  # the glyphs' colours as pixels
        self.starts = [g.d0 for g in glyphs]
        self.ends = [g.d1 for g in glyphs]
        self.markers = [g.marker for g in glyphs]
        self.colors = [g.color for g in glyphs]
        self.ids = [g.event.id for g in glyphs]
        reach, most = [], float("-inf")
        for g in glyphs:
            most = max(most, g.d1)
            reach.append(most)
        self.reach = reach

    def between(self, day_lo: float, day_hi: float) -> range:
        """Indices of the glyphs that may cover any day from `day_lo` to `day_hi`."""
        first = bisect_left(self.reach, day_lo)
        return range(first, max(first, bisect_right(self.starts, day_hi)))


def build_rows(events: dict[str, Event], placed: Sequence[PlacedEvent],
               colors: Sequence[QColor]) -> list[Row]:
    """Rows of glyphs from one lane's placed events (given by start) and their colours."""
    by_row: dict[int, list[Glyph]] = {}
    for p, color in zip(placed, colors, strict=True):
        members = by_row.setdefault(p.row, [])
        members.append(Glyph(events[p.event_id], p, len(members), color))
    return [Row(by_row.get(r, [])) for r in range(max(by_row, default=-1) + 1)]


def body_span(glyph: Glyph, scale: TimeScale) -> tuple[float, float]:
    """Left and right of the body drawn whole: a diamond for a marker, else a bar."""
    x0 = (glyph.d0 - scale.origin) * scale.px_per_day
    x1 = (glyph.d1 - scale.origin) * scale.px_per_day
    if glyph.marker:
        middle = (x0 + x1) / 2
        return middle - MARKER_HALF, middle + MARKER_HALF
    return x0, max(x1, x0 + 2)


def thin_span(glyph: Glyph, scale: TimeScale) -> tuple[float, float]:
    """Left and right of the body merged into a compact row: at least two pixels."""
    x0 = (glyph.d0 - scale.origin) * scale.px_per_day
    return x0, max((glyph.d1 - scale.origin) * scale.px_per_day, x0 + 2)


def label_room(px_per_day: float) -> float:
    """The widest a label may be: less when zoomed out, so that years of events
    do not stack into dozens of rows; the full title is in the tooltip."""
    return min(max(px_per_day * 120, 90.0), 300.0)


class RowWalk:
    """Steps through a row's glyphs in a range, knowing each one's neighbours.

    For each glyph it gives the body span, the left of the next glyph (labels
    stop short of it, so they never overlap even before a re-layout) and, in
    a compact row, whether the glyph is clear enough of both neighbours to be
    drawn whole.
    """

    __slots__ = ("row", "scale", "compact")

    def __init__(self, row: Row, scale: TimeScale, compact: bool) -> None:
        self.row, self.scale, self.compact = row, scale, compact

    def __call__(self, indices: range):
        """Yield (glyph, left, right, next_left, whole) for each index."""
        glyphs, scale = self.row.glyphs, self.scale
        count = len(glyphs)
        if not indices:
            return
        start = indices.start
        prev_right = body_span(glyphs[start - 1], scale)[1] if start > 0 else float("-inf")
        left, right = body_span(glyphs[start], scale)
        for i in indices:
            glyph = glyphs[i]
            if i + 1 < count:
                next_left, next_right = body_span(glyphs[i + 1], scale)
            else:
                next_left, next_right = float("inf"), float("inf")
            whole = not self.compact or (prev_right + ISOLATION <= left
                                         and right + ISOLATION <= next_left)
            yield glyph, left, right, next_left, whole
            prev_right, left, right = right, next_left, next_right

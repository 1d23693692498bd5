"""FigurePlan: the timeline laid out by the canvas's layout code, and cut into pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from negotiator_gui.domain.layout import Layout, PlacedEvent, layout_events
from negotiator_gui.domain.model import Event, Track
from negotiator_gui.domain.timescale import TimeScale, fit
from negotiator_gui.export import fonts

MAX_PAGES = 60  # across; past this the figure is cut by lanes as well


@dataclass(frozen=True)
class Look:
    """Sizes of the figure, in points."""

    font_size: float = 7.0
    row_height: float = 13.0
    bar_height: float = 9.0
    lane_padding: float = 4.0
    header_width: float = 96.0
    axis_height: float = 28.0
    legend_height: float = 24.0
    marker_half: float = 4.5
    label_gap: float = 6.0
    max_label: float = 140.0

    def scaled(self, factor: float) -> Look:
        """Rows and labels times `factor` (a larger figure for a few events); the
        lane headers and the room for labels stay, or time would lose width."""
        keep = ("header_width", "max_label")
        return Look(*(getattr(self, f.name) * (1 if f.name in keep else factor)
                      for f in fields(self)))


@dataclass(frozen=True)
class Band:
    """Some rows of one lane, drawn together on one page; `rows` may be empty."""

    lane: int
    rows: tuple[int, ...]
    continued: bool = False  # the lane's first rows are on the page before


@dataclass(frozen=True)
class Window:
    """One slice of time (scene x `x_lo`..`x_hi`) and its page-high stacks of bands."""

    x_lo: float
    x_hi: float
    stacks: tuple[tuple[Band, ...], ...]


@dataclass(frozen=True)
class FigurePlan:
    """The laid-out figure and how it is cut into windows of time and stacks of lanes.

    Each page shows one window; labels that start in it may run on into the
    page's right margin (`look.max_label` wide), so no label is cut at a page
    edge.
    """

    scale: TimeScale
    layout: Layout
    events: dict[str, Event]
    labels: dict[str, str]      # shaped, logical-order label text per event id
    windows: tuple[Window, ...]
    first_day: int
    last_day: int
    look: Look

    def band_height(self, band: Band) -> float:
        """Height of a band, with the lane's padding."""
        return max(len(band.rows), 1) * self.look.row_height + 2 * self.look.lane_padding

    def placed_in(self, band: Band, window: Window) -> list[tuple[int, PlacedEvent]]:
        """The events of a band seen in a window, with their row's place in the band."""
        where = {row: n for n, row in enumerate(band.rows)}
        return [(where[p.row], p) for p in self.layout.events
                if p.lane == band.lane and p.row in where and _seen(p, window.x_lo, window.x_hi)]


def plan_figure(events: Sequence[Event], tracks: Sequence[Track], labels: dict[str, str],
                span: tuple[int, int], width: float, height: float,
                look: Look = Look()) -> FigurePlan:
    """Lay out `events` over as many pages across as labels need to stay readable.

    Args:
        events: the events to draw.
        tracks: the lanes.
        labels: each event's label (see `text.shape`), by id.
        span: first and last day ordinal of the period shown.
        width, height: the room for the figure on one page, in points.
        look: sizes.

    Returns:
        The plan at the fewest pages across at which every window's lanes fit
        one page high (or, when no zoom does, at the zoom past which more pages
        stop helping; lanes are then spread over more pages).
    """
    step = max(width - look.header_width - look.max_label, 60.0)
    room = height - look.axis_height - look.legend_height
    widths = {e.title: fonts.width(labels.get(e.id, e.title), fonts.REGULAR, look.font_size)
              for e in events}
    best = None
    for across in range(1, MAX_PAGES + 1):
        scale = fit(span[0], span[1], across * step, margin=0.01)
        layout = layout_events(events, tracks, scale, lambda title: widths[title],
                               marker_width=2 * look.marker_half + 2,
                               max_label=look.max_label, label_gap=look.label_gap)
        rows = [_rows_seen(layout, k * step, (k + 1) * step) for k in range(across)]
        needed = max(_height(r, look) for r in rows)
        if best is None or needed < best[0] * 0.9:
            best = (needed, across, scale, layout, rows)
        if needed <= room:
            break
    needed, across, scale, layout, rows = best
    if across == 1 and needed < room / 2.2 and look == Look():
        larger = plan_figure(events, tracks, labels, span, width, height, look.scaled(1.25))
        if len(larger.windows) == 1 and len(larger.windows[0].stacks) == 1:
            return larger
    windows = tuple(Window(k * step, (k + 1) * step, _stack(rows[k], look, room))
                    for k in range(across))
    return FigurePlan(scale, layout, {e.id: e for e in events}, labels, windows, span[0],
                      span[1], look)


def whole_window(plan: FigurePlan) -> Window:
    """One window over the whole figure with every lane in one stack (SVG, PNG)."""
    x_hi = plan.windows[-1].x_hi if plan.windows else 0.0
    rows = _rows_seen(plan.layout, 0.0, x_hi)
    return Window(0.0, x_hi, (tuple(Band(lane, tuple(r)) for lane, r in enumerate(rows)),))


def _seen(placed: PlacedEvent, x_lo: float, x_hi: float) -> bool:
    """The event's body lies (at least partly) in the window."""
    return placed.x0 < x_hi and max(placed.x1, placed.x0 + 2) > x_lo


def _rows_seen(layout: Layout, x_lo: float, x_hi: float) -> list[list[int]]:
    """For each lane, the rows that hold an event seen in the window."""
    used: list[set[int]] = [set() for _ in layout.lanes]
    for placed in layout.events:
        if _seen(placed, x_lo, x_hi):
            used[placed.lane].add(placed.row)
    return [sorted(rows) for rows in used]


def _height(rows: list[list[int]], look: Look) -> float:
    return sum(max(len(r), 1) * look.row_height + 2 * look.lane_padding for r in rows)


def _stack(rows: list[list[int]], look: Look, room: float) -> tuple[tuple[Band, ...], ...]:
    """Bands of whole lanes where they fit, lanes taller than a page cut by rows."""
    per_page = max(int((room - 2 * look.lane_padding) // look.row_height), 1)
    bands = []
    for lane, used in enumerate(rows):
        if not used:
            bands.append(Band(lane, ()))
        for first in range(0, len(used), per_page):
            bands.append(Band(lane, tuple(used[first:first + per_page]), first > 0))
    stacks: list[list[Band]] = [[]]
    filled = 0.0
    for band in bands:
        need = max(len(band.rows), 1) * look.row_height + 2 * look.lane_padding
        if stacks[-1] and filled + need > room:
            stacks.append([])
            filled = 0.0
        stacks[-1].append(band)
        filled += need
    return tuple(tuple(s) for s in stacks)

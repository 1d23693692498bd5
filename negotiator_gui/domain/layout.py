"""Lane layout: which lane and sub-row each event takes, shared by canvas and PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from negotiator_gui.domain.dates import Precision
from negotiator_gui.domain.model import Event, Track
from negotiator_gui.domain.timescale import TimeScale

MeasureText = Callable[[str], float]


@dataclass(frozen=True)
class PlacedEvent:
    """An event's place in the figure, in scene units."""

    event_id: str
    lane: int
    row: int
    x0: float          # first known day
    x1: float          # end of the last day; equals x0 + one day for a point
    label_right: float  # where the event's label ends, at least x1
    fuzzy_start: bool  # the start is known only to the month or year
    fuzzy_end: bool
    marker: bool       # a one-day event, drawn as a marker rather than a bar


@dataclass(frozen=True)
class Lane:
    """One lane of the figure and how many sub-rows it needs."""

    key: str
    title: str
    rows: int


@dataclass(frozen=True)
class Layout:
    """Lanes in order and every placed event."""

    lanes: tuple[Lane, ...]
    events: tuple[PlacedEvent, ...]


def ordered_tracks(tracks: Sequence[Track]) -> list[Track]:
    """Tracks in lane order (by `order`, then name, then id)."""
    return sorted(tracks, key=lambda t: (t.order, t.name.casefold(), t.id))


def is_marker(event: Event) -> bool:
    """A single day known to the day: drawn as a marker. Dates known only to the
    month or year are drawn as a bar over the whole month or year."""
    return event.is_point and event.start.precision == Precision.DAY


def span_days(event: Event) -> tuple[int, int]:
    """First day ordinal and the ordinal after the last day the event covers."""
    first = event.start.first_day().toordinal()
    last = (event.end or event.start).last_day().toordinal()
    return first, max(last, first) + 1


def layout_events(
    events: Sequence[Event],
    tracks: Sequence[Track],
    scale: TimeScale,
    measure: MeasureText,
    label_gap: float = 8.0,
    marker_width: float = 12.0,
    max_label: float = 260.0,
) -> Layout:
    """Place events in their track's lane, stacking overlaps into sub-rows.

    An event's footprint runs from its start to the end of its label, so that
    labels never overlap. Events on unknown tracks get an 'Unassigned' lane.

    Args:
        events: the events to place.
        tracks: the lanes, in any order.
        scale: the time scale in use.
        measure: width in scene units of a label's text.
        label_gap: room between an event's end and its neighbour.
        marker_width: footprint of a one-day event's marker.
        max_label: the widest a label may be; longer ones are elided.

    Returns:
        The lanes in order and each event's place.
    """
    def capped(text: str) -> float:
        return min(measure(text), max_label)

    lanes = ordered_tracks(tracks)
    index = {t.id: i for i, t in enumerate(lanes)}
    lane_titles = [(t.id, t.name) for t in lanes]
    if any(e.track not in index for e in events):
        index.setdefault("", len(lane_titles))
        lane_titles.append(("", "Unassigned"))
    by_lane: dict[int, list[Event]] = {}
    for event in events:
        by_lane.setdefault(index.get(event.track, index.get("", 0)), []).append(event)
    placed: list[PlacedEvent] = []
    rows = [1] * len(lane_titles)
    for lane, lane_events in by_lane.items():
        lane_placed = _stack(lane, lane_events, scale, capped, label_gap, marker_width)
        placed += lane_placed
        rows[lane] = max((p.row for p in lane_placed), default=0) + 1
    lanes_out = tuple(Lane(key, title, rows[i]) for i, (key, title) in enumerate(lane_titles))
    return Layout(lanes_out, tuple(placed))


def _stack(lane: int, events: list[Event], scale: TimeScale, measure: MeasureText,
           gap: float, marker_width: float) -> list[PlacedEvent]:
    ends: list[float] = []  # right edge of the footprint in each row
    out = []
    for event in sorted(events, key=lambda e: (span_days(e), e.id)):
        first, after = span_days(event)
        x0, x1 = scale.x_of_day(first), scale.x_of_day(after)
        marker = is_marker(event)
        if marker:
            middle = (x0 + x1) / 2
            left, body_right = middle - marker_width / 2, middle + marker_width / 2
        else:
            left, body_right = x0, max(x1, x0 + 2)
        label_right = max(body_right, _label_end(event, left, body_right, measure, marker))
        row = next((r for r, end in enumerate(ends) if end + gap <= left), len(ends))
        if row == len(ends):
            ends.append(label_right)
        else:
            ends[row] = label_right
        out.append(PlacedEvent(
            event.id, lane, row, x0, x1, label_right,
            fuzzy_start=event.start.precision < Precision.DAY,
            fuzzy_end=(event.end or event.start).precision < Precision.DAY,
            marker=marker,
        ))
    return out


def _label_end(event: Event, left: float, body_right: float,
               measure: MeasureText, marker: bool) -> float:
    """Labels sit inside a bar that fits them, otherwise just right of it."""
    width = measure(event.title)
    inside = body_right - left - 8
    if not marker and width <= inside:
        return body_right
    return body_right + 4 + width

"""Lane layout: which lane and sub-row each event takes, shared by canvas and PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from negotiator_gui.domain.dates import Precision
from negotiator_gui.domain.model import Event, Project, Track
from negotiator_gui.domain.timescale import TimeScale

MeasureLabel = Callable[[Event], float]
LANE_MODES = ("track", "party", "subject")


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
    color: str = ""


@dataclass(frozen=True)
class LaneSpec:
    """A lane before layout: its key (a track, party or subject) and title."""

    key: str
    title: str
    color: str = ""


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


def lanes_for(project: Project, mode: str) -> tuple[list[LaneSpec],
                                                   Callable[[Event], tuple[str, ...]]]:
    """The lanes of a lane mode and which lanes each event stands in.

    Args:
        project: the records.
        mode: 'track' (each event in its track's lane), 'party' (in the lane
            of each of its parties) or 'subject' (in the lane of each subject
            its items deal with).

    Returns:
        The lanes in order, and a function giving an event's lane keys.
        Events with no lane of the mode go to a last lane with key ''.
    """
    if mode == "party":
        specs = [LaneSpec(p.id, p.label, p.color) for p in project.parties]
        known = {p.id for p in project.parties}

        def keys(event: Event) -> tuple[str, ...]:
            return tuple(p for p in dict.fromkeys(event.parties) if p in known) or ("",)
        return _with_rest(specs, project, keys, "No party"), keys
    if mode == "subject":
        subjects = sorted({i.subject for e in project.events for i in e.items if i.subject},
                          key=str.casefold)
        specs = [LaneSpec(s, s[:1].upper() + s[1:]) for s in subjects]

        def keys(event: Event) -> tuple[str, ...]:
            return tuple(dict.fromkeys(i.subject for i in event.items if i.subject)) or ("",)
        return _with_rest(specs, project, keys, "No subject"), keys
    tracks = ordered_tracks(project.tracks)
    known = {t.id for t in tracks}
    specs = [LaneSpec(t.id, t.name, t.color) for t in tracks]

    def track_key(event: Event) -> tuple[str, ...]:
        return (event.track if event.track in known else "",)
    return _with_rest(specs, project, track_key, "Unassigned"), track_key


def _with_rest(specs: list[LaneSpec], project: Project, keys, title: str) -> list[LaneSpec]:
    if any("" in keys(e) for e in project.events):
        specs = [*specs, LaneSpec("", title)]
    return specs


def layout_lanes(
    events: Sequence[Event],
    lanes: Sequence[LaneSpec],
    keys_of: Callable[[Event], tuple[str, ...]],
    scale: TimeScale,
    measure: MeasureLabel,
    label_gap: float = 8.0,
    marker_width: float = 12.0,
    max_label: float = 260.0,
) -> Layout:
    """Place events in their lanes, stacking overlaps into sub-rows.

    An event's footprint runs from its start to the end of its label, so that
    labels never overlap. An event may stand in several lanes (party or
    subject modes): it is placed once in each.

    Args:
        events: the events to place.
        lanes: the lanes, in order.
        keys_of: the lane keys of an event; unknown keys are ignored.
        scale: the time scale in use.
        measure: width in scene units of an event's label (and badges).
        label_gap: room between an event's footprint and its neighbour's.
        marker_width: footprint of a one-day event's marker.
        max_label: the widest a label may be; longer ones are elided.

    Returns:
        The lanes in order and each event's place(s).
    """
    def capped(event: Event) -> float:
        return min(measure(event), max_label)

    index = {spec.key: i for i, spec in enumerate(lanes)}
    by_lane: dict[int, list[Event]] = {}
    for event in events:
        for key in keys_of(event):
            if key in index:
                by_lane.setdefault(index[key], []).append(event)
    placed: list[PlacedEvent] = []
    rows = [1] * len(lanes)
    for lane, lane_events in by_lane.items():
        lane_placed = _stack(lane, lane_events, scale, capped, label_gap, marker_width)
        placed += lane_placed
        rows[lane] = max((p.row for p in lane_placed), default=0) + 1
    lanes_out = tuple(Lane(spec.key, spec.title, rows[i], spec.color)
                      for i, spec in enumerate(lanes))
    return Layout(lanes_out, tuple(placed))


def layout_events(events: Sequence[Event], tracks: Sequence[Track], scale: TimeScale,
                  measure: Callable[[str], float], **options) -> Layout:
    """`layout_lanes` with one lane per track, measuring titles only (the PDF figure)."""
    project = Project(tracks=tuple(tracks), events=tuple(events))
    specs, keys = lanes_for(project, "track")
    return layout_lanes(events, specs, keys, scale, lambda e: measure(e.title), **options)


def _stack(lane: int, events: list[Event], scale: TimeScale, measure: MeasureLabel,
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
               measure: MeasureLabel, marker: bool) -> float:
    """Labels sit inside a bar that fits them, otherwise just right of it."""
    width = measure(event)
    inside = body_right - left - 8
    if not marker and width <= inside:
        return body_right
    return body_right + 4 + width


@dataclass(frozen=True)
class Badge:
    """What one party gave at an event: counts of concessions, relief and the rest."""

    party: str
    concessions: int
    relief: int
    others: int

    def text(self, label: str) -> str:
        """'Iran 3C 1R +2': the party's short name and its counts."""
        parts = [label]
        if self.concessions:
            parts.append(f"{self.concessions}C")
        if self.relief:
            parts.append(f"{self.relief}R")
        if self.others:
            parts.append(f"+{self.others}")
        return " ".join(parts)


def badges(event: Event) -> list[Badge]:
    """One badge per party that put items on the table at `event`, in item order."""
    counts: dict[str, list[int]] = {}
    for item in event.items:
        slot = counts.setdefault(item.by, [0, 0, 0])
        slot[0 if item.type == "concession" else 1 if item.type == "relief" else 2] += 1
    return [Badge(party, *c) for party, c in counts.items()]

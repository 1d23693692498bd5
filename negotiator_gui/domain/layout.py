"""Lane layout: which lane and sub-row each event takes, shared by canvas and PDF."""

from __future__ import annotations

import datetime as _dt
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from negotiator_gui.domain.dates import Precision
from negotiator_gui.domain.model import Event, Project, Track
from negotiator_gui.domain.timescale import TimeScale

MeasureLabel = Callable[[Event], float]
MERGE_PX = 1.0  # in a compact lane, bodies closer than this share a row
LANE_MODES = ("track", "party", "subject")


class PlacedEvent(NamedTuple):
    """An event's place in the figure, in scene units (a named tuple: a project's
    layout makes one per event, and a tuple is made several times quicker than a
    frozen dataclass)."""

    event_id: str
    lane: int
    row: int
    x0: float          # first known day
    x1: float          # end of the last day; equals x0 + one day for a point
    label_right: float  # where the event's label ends, at least x1
    fuzzy_start: bool  # the start is known only to the month or year
    fuzzy_end: bool
    marker: bool       # a one-day event, drawn as a marker rather than a bar
    first_day: int = 0  # the first day's ordinal: x0 at the scale
    after_day: int = 0  # the ordinal after the last day: x1 at the scale


@dataclass(frozen=True)
class Lane:
    """One lane of the figure and how many sub-rows it needs."""

    key: str
    title: str
    rows: int
    color: str = ""
    compact: bool = False  # laid out without room for labels (zoomed out, dense)


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


class EventFacts(NamedTuple):
    """What the layout needs to know of an event, worked out once."""

    first: int         # the first day's ordinal
    after: int         # the ordinal after the last day
    marker: bool       # drawn as a one-day marker
    fuzzy_start: bool  # the start is known only to the month or year
    fuzzy_end: bool


FactsOf = Callable[[Event], EventFacts] | None


def event_facts(event: Event) -> EventFacts:
    """The span, marker and precision facts of an event (`span_days`, `is_marker` and
    the precisions, worked out straight from the date fields: opening a project asks
    this of every event)."""
    start, end = event.start, event.end
    first = _dt.date(start.year, start.month or 1, start.day or 1).toordinal()
    last_date = end or start
    last = _dt.date(last_date.year, last_date.month, last_date.day).toordinal() \
        if last_date.day else last_date.last_day().toordinal()
    point = end is None or end is start or (end.year, end.month, end.day) == \
        (start.year, start.month, start.day)
    return EventFacts(first, max(last, first) + 1, point and bool(start.day),
                      not start.day, not last_date.day)


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
    max_rows: int = 0,
    facts_of: FactsOf = None,
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
        max_rows: level of detail: a lane whose labels would need more rows
            than this is laid out compact (see `layout_lane`); 0 never.
        facts_of: `event_facts`, or a faster equivalent (a cache).

    Returns:
        The lanes in order and each event's place(s).
    """
    index = {spec.key: i for i, spec in enumerate(lanes)}
    by_lane: dict[int, list[Event]] = {}
    for event in events:
        for key in keys_of(event):
            if key in index:
                by_lane.setdefault(index[key], []).append(event)
    placed: list[PlacedEvent] = []
    lanes_out = []
    for i, spec in enumerate(lanes):
        lane, lane_placed = layout_lane(i, spec, by_lane.get(i, []), scale, measure,
                                        label_gap, marker_width, max_label, max_rows, facts_of)
        lanes_out.append(lane)
        placed += lane_placed
    return Layout(tuple(lanes_out), tuple(placed))


def layout_lane(index: int, spec: LaneSpec, events: Sequence[Event], scale: TimeScale,
                measure: MeasureLabel, label_gap: float = 8.0, marker_width: float = 12.0,
                max_label: float = 260.0, max_rows: int = 0, facts_of: FactsOf = None
                ) -> tuple[Lane, list[PlacedEvent]]:
    """Place the events of one lane (the lane at `index`); see `layout_lanes`.

    When `max_rows` is set and the labels would need more rows than that, the
    lane is compact: the level of detail of a zoomed-out view, where labels
    have no room. Only the events' bodies take room, events less than a pixel
    apart share a row, and `label_right` is the body's end.

    Returns:
        The lane (with its row count) and its placed events, by start.
    """
    ordered = _entries(events, facts_of or event_facts)
    ordered.sort(key=_by_span)
    geometry = _Geometry(scale, label_gap, marker_width, max_label)
    compact = bool(max_rows) and geometry.rows_needed(ordered, max_rows) > max_rows
    return _stacked(index, spec, ordered, geometry, lambda e: min(measure(e), max_label),
                    compact)


def _entries(events: Iterable[Event], facts_of: Callable[[Event], EventFacts]) -> list:
    """(first, after, id, facts, event) of each event, to be sorted by `_by_span`."""
    return [(f.first, f.after, e.id, f, e) for e in events for f in (facts_of(e),)]


def _stacked(index: int, spec: LaneSpec, ordered: list, geometry: _Geometry,
             measure: MeasureLabel, compact: bool) -> tuple[Lane, list[PlacedEvent]]:
    """The lane and its placed events, `ordered` (sorted entries) stacked with labels
    or, `compact`, by their bodies alone."""
    if compact:
        placed = _stack_compact(index, ordered, geometry)
    else:
        placed = _stack(index, ordered, geometry, measure)
    rows = max((p.row for p in placed), default=0) + 1
    return Lane(spec.key, spec.title, rows, spec.color, compact), placed


def layout_events(events: Sequence[Event], tracks: Sequence[Track], scale: TimeScale,
                  measure: Callable[[str], float], **options) -> Layout:
    """`layout_lanes` with one lane per track, measuring titles only (the PDF figure)."""
    project = Project(tracks=tuple(tracks), events=tuple(events))
    specs, keys = lanes_for(project, "track")
    return layout_lanes(events, specs, keys, scale, lambda e: measure(e.title), **options)


# Lane entries are (first day, day after, id, facts, event), ordered by span then id.
_by_span = itemgetter(0, 1, 2)


@dataclass(frozen=True)
class _Geometry:
    """Where an event's body and label fall at a scale."""

    scale: TimeScale
    gap: float
    marker_width: float
    max_label: float

    def body(self, facts: EventFacts) -> tuple[float, float, float, float]:
        """x0, x1, and the body's left and right edges."""
        origin, ppd = self.scale.origin, self.scale.px_per_day
        x0, x1 = (facts.first - origin) * ppd, (facts.after - origin) * ppd
        if facts.marker:
            middle = (x0 + x1) / 2
            return x0, x1, middle - self.marker_width / 2, middle + self.marker_width / 2
        return x0, x1, x0, (x1 if x1 > x0 + 2 else x0 + 2)

    def rows_needed(self, ordered: list, enough: int = 0) -> int:
        """Rows the lane needs if every label is as wide as allowed: the most
        footprints over any one point (first-fit by start needs no more).

        With `enough`, counting stops once more rows than that are needed (the
        answer is then only known to be over `enough`)."""
        ends: list[float] = []
        most, gap, room = 0, self.gap, self.max_label
        for _, _, _, facts, _ in ordered:
            _, _, left, right = self.body(facts)
            if facts.marker or right - left - 8 < room:
                right += 4 + room
            while ends and ends[0] + gap <= left:
                heapq.heappop(ends)
            heapq.heappush(ends, right)
            if len(ends) > most:
                most = len(ends)
                if enough and most > enough:
                    break
        return most


def _stack(lane: int, ordered: list, geometry: _Geometry,
           measure: MeasureLabel) -> list[PlacedEvent]:
    ends: list[float] = []  # right edge of the footprint in each row
    out = []
    body, gap = geometry.body, geometry.gap
    for _, _, event_id, facts, event in ordered:
        x0, x1, left, body_right = body(facts)
        width = measure(event)
        # a label sits inside a bar that fits it, otherwise just right of it
        label_right = body_right if not facts.marker and width <= body_right - left - 8 \
            else body_right + 4 + width
        limit = left - gap
        row = 0 if ends and ends[0] <= limit else _first_free(ends, limit)
        if row == len(ends):
            ends.append(label_right)
        else:
            ends[row] = label_right
        out.append(PlacedEvent(event_id, lane, row, x0, x1, label_right, facts.fuzzy_start,
                               facts.fuzzy_end, facts.marker, facts.first, facts.after))
    return out


def _stack_compact(lane: int, ordered: list, geometry: _Geometry) -> list[PlacedEvent]:
    """Bodies only; what falls within one pixel of a row's end shares the row."""
    ends: list[float] = []
    out = []
    origin, ppd = geometry.scale.origin, geometry.scale.px_per_day
    for _, _, event_id, facts, _ in ordered:
        x0, x1 = (facts.first - origin) * ppd, (facts.after - origin) * ppd
        right = x1 if x1 > x0 + 1 else x0 + 1
        row = 0 if ends and ends[0] <= x0 + MERGE_PX else _first_free(ends, x0 + MERGE_PX)
        if row == len(ends):
            ends.append(right)
        elif right > ends[row]:
            ends[row] = right
        out.append(PlacedEvent(event_id, lane, row, x0, x1, right, facts.fuzzy_start,
                               facts.fuzzy_end, facts.marker, facts.first, facts.after))
    return out


def _first_free(ends: list[float], limit: float) -> int:
    """The first row whose footprint ends at or before `limit` (or a new row)."""
    for row, end in enumerate(ends):
        if end <= limit:
            return row
    return len(ends)


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

"""LinkWindow: the links near the view, gathered once and kept while the view pans.

The link layer draws the links of the events in view. Looking them up afresh
for every frame walks every lane's rows and every link of those events; a
window gathers them for a stretch of days wider than the view, once, with what
a frame needs to decide in a few comparisons whether each one is in view. An
edit that lays out some lanes again patches the window: only the links of
those lanes' events are looked at again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

if TYPE_CHECKING:
    from collections.abc import Iterable

    from negotiator_gui.domain.model import Link
    from negotiator_gui.ui.lane_rows import Row

UNKNOWN = object()  # an entry's arc not made yet
Ends = dict[str, list[tuple[float, float]]]  # event id -> (start, reach) of its glyphs


class LinkWindow:
    """The links of the events in a stretch of days around the view.

    Each entry is a list: [link, ends, arc, piece, left, top, right, bottom]:
    the (start, reach) of its end events' glyphs in the window (a glyph is in a
    day range [lo, hi] when start <= hi and reach >= lo, as `Row.between` has
    it), its arc (UNKNOWN until first in view), the arc's piece over the
    window's area (None: it passes above or below), and the arc's bounds.
    """

    def __init__(self, day_lo: float, day_hi: float, top: float, bottom: float,
                 scale: tuple[float, float], area: QRectF, bucket_days: float) -> None:
        self.day_lo, self.day_hi, self.top, self.bottom = day_lo, day_hi, top, bottom
        self.scale = scale
        self.area = area
        self.bucket_days = bucket_days
        self.lane_ends: list[Ends] = []
        self.entries: dict[int, list] = {}  # by id() of the link, in gathering order
        self.buckets: list[list[list]] = []
        self.stale: set[int] = set()        # lanes laid out again since
        self.moved: set[str] | None = set()  # their events whose glyphs moved (None: any)

    def mark(self, lanes: set[int], events: set[str] | None = None) -> None:
        """These lanes were laid out again; of their events only `events` (None: any
        of them) have glyphs that moved, came or went. Patched when next drawn."""
        self.stale |= lanes
        if events is None:
            self.moved = None
        elif self.moved is not None:
            self.moved |= events

    def holds(self, day_lo: float, day_hi: float, exposed: QRectF,
              scale: tuple[float, float]) -> bool:
        """Whether a view of these days and this rectangle lies inside the window."""
        return (scale == self.scale and self.day_lo <= day_lo and day_hi <= self.day_hi
                and self.top <= exposed.top() and exposed.bottom() <= self.bottom)

    # -- gathering -------------------------------------------------------------

    def gather(self, rows: list[list[Row]], by_event: dict[str, list[Link]],
               owner: dict[str, str]) -> None:
        """Every link of the events with a glyph in the window."""
        self.lane_ends = [self._scan(lane_rows) for lane_rows in rows]
        merged: Ends = {}
        for ends in self.lane_ends:
            for event_id, pairs in ends.items():
                merged.setdefault(event_id, []).extend(pairs)
        entries = self.entries
        for event_id in merged:
            for link in by_event.get(event_id, ()):
                if id(link) not in entries:
                    entries[id(link)] = [link, [*merged.get(owner.get(link.source, ""), ()),
                                                *merged.get(owner.get(link.target, ""), ())],
                                         UNKNOWN, None, 0.0, 0.0, 0.0, 0.0]
        self._sort_into_buckets()

    def patch(self, rows: list[list[Row]], by_event: dict[str, list[Link]],
              owner: dict[str, str]) -> None:
        """Follow the lanes in `stale`, laid out again: their glyphs, and the links
        of the events in them that moved (`moved`; all of them when not known);
        those links' arcs are made again when drawn."""
        lanes, self.stale = self.stale, set()
        moved, self.moved = self.moved, set()
        touched: set[str] = set()
        for lane in lanes:
            fresh = self._scan(rows[lane])
            if moved is None:
                touched |= self.lane_ends[lane].keys() | fresh.keys()
            self.lane_ends[lane] = fresh
        if moved is None:
            for entry in self.entries.values():
                arc = entry[2]
                if arc is None or (arc is not UNKNOWN and arc.lanes & lanes):
                    entry[2], entry[3] = UNKNOWN, None
        else:  # the others' glyphs are where they were: so are their arcs
            touched = moved
        # entry id -> (entry, the buckets it was in or None, whether it stays)
        shifted: dict[int, tuple[list, list[int] | None, bool]] = {}
        for event_id in touched:
            for link in by_event.get(event_id, ()):
                ends = [*self._ends_of(owner.get(link.source, "")),
                        *self._ends_of(owner.get(link.target, ""))]
                entry = self.entries.get(id(link))
                if not ends:
                    if entry is not None:
                        del self.entries[id(link)]
                        shifted[id(entry)] = (entry, self._span(entry), False)
                elif entry is None:
                    entry = [link, ends, UNKNOWN, None, 0.0, 0.0, 0.0, 0.0]
                    self.entries[id(link)] = entry
                    shifted[id(entry)] = (entry, None, True)
                else:
                    if ends != entry[1]:
                        shifted[id(entry)] = (entry, self._span(entry), True)
                    entry[1], entry[2], entry[3] = ends, UNKNOWN, None
        self._rebucket(shifted)

    def _span(self, entry: list) -> list:
        """The buckets an entry is in now (as `_sort_into_buckets` put it)."""
        days, last = self.bucket_days, len(self.buckets) - 1
        first = int((min(s for s, _ in entry[1]) - self.day_lo) // days)
        final = int((max(r for _, r in entry[1]) - self.day_lo) // days)
        return [max(first, 0), min(final, last)]

    def _rebucket(self, shifted: dict[int, tuple[list, list[int] | None, bool]]) -> None:
        """Move the entries whose ends changed to the buckets they span now (only
        those: sorting every entry again cost a millisecond after each edit)."""
        for entry, was, stays in shifted.values():
            if was is not None:
                first, final = was
                for bucket in self.buckets[first:final + 1]:
                    for index, other in enumerate(bucket):
                        if other is entry:
                            del bucket[index]
                            break
            if stays:
                first, final = self._span(entry)
                for bucket in self.buckets[first:final + 1]:
                    bucket.append(entry)

    def _scan(self, lane_rows: Iterable[Row]) -> Ends:
        ends: Ends = {}
        for row in lane_rows:
            starts, reach, ids = row.starts, row.reach, row.ids
            for i in row.between(self.day_lo, self.day_hi):
                ends.setdefault(ids[i], []).append((starts[i], reach[i]))
        return ends

    def _ends_of(self, event_id: str) -> list[tuple[float, float]]:
        return [pair for ends in self.lane_ends for pair in ends.get(event_id, ())]

    # -- looking up --------------------------------------------------------------

    def _sort_into_buckets(self) -> None:
        """Put each entry in the stretches of `bucket_days` its glyphs span."""
        last = int((self.day_hi - self.day_lo) // self.bucket_days)
        self.buckets = [[] for _ in range(last + 1)]
        for entry in self.entries.values():
            first, final = self._span(entry)
            for bucket in self.buckets[first:final + 1]:
                bucket.append(entry)

    def near(self, day_lo: float, day_hi: float) -> list[list]:
        """The entries that may have a glyph in [day_lo, day_hi] (each once)."""
        first = max(int((day_lo - self.day_lo) // self.bucket_days), 0)
        final = min(int((day_hi - self.day_lo) // self.bucket_days), len(self.buckets) - 1)
        if first == final:
            return self.buckets[first]
        chosen: dict[int, list] = {}
        for bucket in self.buckets[first:final + 1]:
            for entry in bucket:
                chosen[id(entry)] = entry
        return list(chosen.values())

"""LaneStack: one lane's stacking kept between edits, re-stacked only where an edit reaches.

The stacking of `layout.layout_lane` is a first-fit sweep over the lane's events by
start: each event takes the first row whose footprint has ended. What the sweep does
next depends only on the rows' ends so far (its state). An edit changes nothing
before the first event it touches; from there the sweep runs again, and once it has
passed every touched event with the same row ends as the old sweep had at the same
point, every later event lands where it was: the old places are kept. The result is
the same as `layout_lane` of the edited events, which the tests check.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from negotiator_gui.domain.layout import (
    MERGE_PX,
    FactsOf,
    Lane,
    LaneSpec,
    MeasureLabel,
    PlacedEvent,
    _by_span,
    _first_free,
    _Geometry,
    _stack,
    _stack_compact,
    event_facts,
)
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.timescale import TimeScale


class LaneStack:
    """One lane laid out as `layout_lane` does, kept so that an edit re-stacks only
    what it changes (`update`)."""

    def __init__(self, index: int, spec: LaneSpec, scale: TimeScale, measure: MeasureLabel,
                 label_gap: float = 8.0, marker_width: float = 12.0,
                 max_label: float = 260.0, max_rows: int = 0, facts_of: FactsOf = None
                 ) -> None:
        self.index, self.spec, self.max_rows = index, spec, max_rows
        self.geometry = _Geometry(scale, label_gap, marker_width, max_label)
        self.measure = lambda e: min(measure(e), max_label)
        self.facts_of = facts_of or event_facts
        self.entries: list = []  # (first, after, id, facts, event), by span then id
        self.placed: list[PlacedEvent] = []  # the entries' places, in the same order
        # what is known of `rows_needed`: at most this while the lane has labels, at
        # least this while it is compact (None: not known)
        self.bound: int | None = None
        self.lane = Lane(spec.key, spec.title, 1, spec.color)

    def fill(self, events: Sequence[Event]) -> tuple[Lane, list[PlacedEvent]]:
        """Stack `events` from scratch (as `layout_lane`)."""
        facts_of = self.facts_of
        entries = [(f.first, f.after, e.id, f, e) for e in events for f in (facts_of(e),)]
        entries.sort(key=_by_span)
        self.entries = entries
        self._stack_all(self._is_compact(entries))
        return self.lane, self.placed

    def _is_compact(self, entries: list) -> bool:
        if not self.max_rows:
            return False
        # all of the lane counted (the exact number), or more than max_rows (at least it)
        self.bound = self.geometry.rows_needed(entries, self.max_rows)
        return self.bound > self.max_rows

    def _stack_all(self, compact: bool) -> None:
        if compact:
            placed = _stack_compact(self.index, self.entries, self.geometry)
        else:
            placed = _stack(self.index, self.entries, self.geometry, self.measure)
        self.placed = placed
        rows = max((p.row for p in placed), default=0) + 1
        self.lane = Lane(self.spec.key, self.spec.title, rows, self.spec.color, compact)

    def update(self, removed: Sequence[Event], added: Sequence[Event]) -> set[int] | None:
        """Take out the `removed` events (the versions stacked) and put in `added`.

        Returns:
            The rows whose events or places changed; None when the lane was stacked
            again from scratch (it became compact or stopped being, or a removed
            event was not in it: every row may have changed).
        """
        old_entries, old_placed, was_compact = self.entries, self.placed, self.lane.compact
        edited = self._edit(removed, added)
        if edited is None:
            self._refill(removed, added)
            return None
        old_at, new_at = edited
        compact = self._still_compact(was_compact)
        if compact != was_compact:
            self._stack_all(compact)
            return None
        if not old_at and not new_at:
            return set()
        start = min(old_at + new_at)
        # from the new index `check` on, both sweeps have passed every touched event
        delta = len(old_entries) - len(self.entries)
        check = max(max(new_at, default=-1), max(old_at, default=-1) - delta, start)
        touched = {e.id for e in removed} | {e.id for e in added}
        return self._sweep(start, check, delta, old_placed, compact, touched)

    def _edit(self, removed: Sequence[Event], added: Sequence[Event]
              ) -> tuple[list[int], list[int]] | None:
        """Take the events out of and into the entries (keeping `bound` true); where
        the removed ones were and the added ones are (None: a removed event was not in
        the lane; the entries are left as they were)."""
        old_entries, entries = self.entries, list(self.entries)
        old_at: list[int] = []
        for event in removed:
            facts = self.facts_of(event)
            key = (facts.first, facts.after, event.id)
            at = bisect_left(old_entries, key)
            if at == len(old_entries) or old_entries[at][2] != event.id:
                return None
            old_at.append(at)
            at = bisect_left(entries, key)
            self._bound_after(entries, at, going=True)
            del entries[at]
        new_keys = []
        for event in added:
            facts = self.facts_of(event)
            entry = (facts.first, facts.after, event.id, facts, event)
            at = bisect_left(entries, entry[:3])
            entries.insert(at, entry)
            self._bound_after(entries, at, going=False)
            new_keys.append(entry[:3])
        self.entries = entries
        return old_at, [bisect_left(entries, key) for key in new_keys]

    def _bound_after(self, entries: list, at: int, going: bool) -> None:
        """Keep `bound` true as the entry at `at` goes (called before it goes) or
        comes (after it came).

        `rows_needed` sweeps by start; an entry stays counted until an entry after it
        starts (its footprint's left) a gap past its end. An entry coming adds one to
        the count at most, and an entry going takes off one at most. Neither changes
        whether the others are counted when the entry after it starts no further left
        than it does (the usual case; a marker's left can pass a bar's): an upper
        bound stays as an entry goes, a lower one as an entry comes. Otherwise the
        bound is no longer known.
        """
        if self.bound is None:
            return
        upper = not self.lane.compact
        if upper and not going:
            self.bound += 1
        elif going and not upper:
            self.bound -= 1
        elif at + 1 < len(entries) and self._left(entries[at + 1]) < self._left(entries[at]):
            self.bound = None

    def _still_compact(self, compact: bool) -> bool:
        """Whether the lane is compact now (`rows_needed` > max_rows), counting all of
        it again only when the bound leaves that open."""
        if not self.max_rows:
            return False
        bound, most = self.bound, self.max_rows
        if bound is not None and (bound > most if compact else bound <= most):
            return compact
        self.bound = self.geometry.rows_needed(self.entries)  # all of it: exact
        return self.bound > most

    def _left(self, entry: tuple) -> float:
        """Where an entry's footprint starts, as `_Geometry.rows_needed` sees it."""
        return self.geometry.body(entry[3])[2]

    def _refill(self, removed: Sequence[Event], added: Sequence[Event]) -> None:
        """Stack afresh when the stacked events are not what the caller thinks."""
        gone = {e.id for e in removed} | {e.id for e in added}
        kept = [e[4] for e in self.entries if e[2] not in gone]
        self.fill([*kept, *added])

    def _sweep(self, start: int, check: int, delta: int, old_placed: list[PlacedEvent],
               compact: bool, touched: set[str]) -> set[int]:
        """Stack again from entry `start` until the rows' ends match the old sweep's;
        the rows changed are those of the `touched` events (a new version may keep its
        place) and of every event placed otherwise."""
        ends = _replay(old_placed, 0, start, [], compact)
        old_ends = list(ends)
        out = old_placed[:start]
        place = self._place_compact if compact else self._place
        entries, old_done, converged = self.entries, start - 1, False
        for j in range(start, len(entries)):
            out.append(place(entries[j], ends))
            if j >= check:
                target = j + delta
                if target > old_done:
                    _replay(old_placed, old_done + 1, target + 1, old_ends, compact)
                    old_done = target
                if ends == old_ends:
                    converged = True
                    break
        new_window = out[start:]
        old_window = old_placed[start:old_done + 1] if converged else old_placed[start:]
        if converged:
            out += old_placed[old_done + 1:]
            rows = self.lane.rows
        else:
            rows = max(len(ends), 1)
        self.placed = out
        self.lane = Lane(self.spec.key, self.spec.title, rows, self.spec.color, compact)
        was = {p.event_id: p for p in old_window}
        now = {p.event_id: p for p in new_window}
        return {p.row for p in new_window if p.event_id in touched
                or was.get(p.event_id) != p} | \
            {p.row for p in old_window if p.event_id in touched or now.get(p.event_id) != p}

    def _place(self, entry: tuple, ends: list[float]) -> PlacedEvent:
        """One step of `layout._stack`."""
        _, _, event_id, facts, event = entry
        x0, x1, left, body_right = self.geometry.body(facts)
        width = self.measure(event)
        label_right = body_right if not facts.marker and width <= body_right - left - 8 \
            else body_right + 4 + width
        limit = left - self.geometry.gap
        row = 0 if ends and ends[0] <= limit else _first_free(ends, limit)
        if row == len(ends):
            ends.append(label_right)
        else:
            ends[row] = label_right
        return PlacedEvent(event_id, self.index, row, x0, x1, label_right, facts.fuzzy_start,
                           facts.fuzzy_end, facts.marker, facts.first, facts.after)

    def _place_compact(self, entry: tuple, ends: list[float]) -> PlacedEvent:
        """One step of `layout._stack_compact`."""
        _, _, event_id, facts, _ = entry
        scale = self.geometry.scale
        x0 = (facts.first - scale.origin) * scale.px_per_day
        x1 = (facts.after - scale.origin) * scale.px_per_day
        right = x1 if x1 > x0 + 1 else x0 + 1
        row = 0 if ends and ends[0] <= x0 + MERGE_PX else _first_free(ends, x0 + MERGE_PX)
        if row == len(ends):
            ends.append(right)
        elif right > ends[row]:
            ends[row] = right
        return PlacedEvent(event_id, self.index, row, x0, x1, right, facts.fuzzy_start,
                           facts.fuzzy_end, facts.marker, facts.first, facts.after)


def _replay(placed: list[PlacedEvent], begin: int, end: int, ends: list[float],
            compact: bool) -> list[float]:
    """The rows' ends after the sweep placed `placed[begin:end]`, from `ends`."""
    for i in range(begin, end):
        p = placed[i]
        row, right = p.row, p.label_right
        if row == len(ends):
            ends.append(right)
        elif not compact or right > ends[row]:
            ends[row] = right
    return ends

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
from collections.abc import Mapping, Sequence

from negotiator_gui.domain.layout import (
    MERGE_PX,
    FactsOf,
    Lane,
    LaneSpec,
    MeasureLabel,
    PlacedEvent,
    _by_span,
    _entries,
    _first_free,
    _Geometry,
    _stacked,
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
        # the lane's events by id (the caller's mapping, kept current by it, or our own);
        # nothing else is kept but the places: a layout keeps no extra objects per event
        self.events: Mapping[str, Event] = {}
        self._own = True
        self.placed: list[PlacedEvent] = []  # by span then id, as layout_lane places them
        # what is known of `rows_needed`: at most this while the lane has labels, at
        # least this while it is compact (None: not known)
        self.bound: int | None = None
        self.lane = Lane(spec.key, spec.title, 1, spec.color)

    def fill(self, events: Sequence[Event], by_id: Mapping[str, Event] | None = None
             ) -> tuple[Lane, list[PlacedEvent]]:
        """Stack `events` from scratch (as `layout_lane`).

        Args:
            by_id: the same events by id, if the caller keeps such a mapping and
                updates it before each `update` (it is then not copied).
        """
        self._own = by_id is None
        self.events = {e.id: e for e in events} if by_id is None else by_id
        entries = _entries(events, self.facts_of)
        entries.sort(key=_by_span)
        self._stack_all(self._is_compact(entries), entries)
        return self.lane, self.placed

    def _entry(self, item: tuple) -> tuple:
        """The entry of a key (first, after, id) or place of the lane's current events."""
        key = _key_of(item)
        event = self.events[key[2]]
        return (key[0], key[1], key[2], self.facts_of(event), event)

    def _is_compact(self, entries: list) -> bool:
        if not self.max_rows:
            return False
        # all of the lane counted (the exact number), or more than max_rows (at least it)
        self.bound = self.geometry.rows_needed(entries, self.max_rows)
        return self.bound > self.max_rows

    def _stack_all(self, compact: bool, entries: list) -> None:
        self.lane, self.placed = _stacked(self.index, self.spec, entries, self.geometry,
                                          self.measure, compact)

    def update(self, removed: Sequence[Event], added: Sequence[Event]) -> set[int] | None:
        """Take out the `removed` events (the versions stacked) and put in `added`.

        Returns:
            The rows whose events or places changed; None when the lane was stacked
            again from scratch (it became compact or stopped being, or a removed
            event was not in it: every row may have changed).
        """
        old_placed, was_compact = self.placed, self.lane.compact
        if self._own:
            for event in removed:
                self.events.pop(event.id, None)  # type: ignore[attr-defined]
            self.events.update({e.id: e for e in added})  # type: ignore[attr-defined]
        edited = self._edit(removed, added)
        if edited is None:  # stack afresh what the lane holds now
            self.fill(list(self.events.values()), None if self._own else self.events)
            return None
        keys, old_at, new_at = edited
        compact = self._still_compact(was_compact, keys)
        if compact != was_compact:
            self._stack_all(compact, [self._entry(key) for key in keys])
            return None
        if not old_at and not new_at:
            return set()
        start = min(old_at + new_at)
        # from the new index `check` on, both sweeps have passed every touched event
        delta = len(old_placed) - len(keys)
        check = max(max(new_at, default=-1), max(old_at, default=-1) - delta, start)
        touched = {e.id for e in removed} | {e.id for e in added}
        return self._sweep(keys, start, check, delta, old_placed, compact, touched)

    def _edit(self, removed: Sequence[Event], added: Sequence[Event]
              ) -> tuple[list, list[int], list[int]] | None:
        """The lane's keys (first, after, id; sorted) once the events are taken out and
        put in, keeping `bound` true; where the removed ones were and the added ones are
        (None: a removed event was not in the lane)."""
        old_keys = self.placed  # keyed by _key_of; taking out and putting in keys
        keys, old_at = list(old_keys), []
        gone = {e.id: e for e in removed}  # while taking out, the versions stacked
        for event in removed:
            facts = self.facts_of(event)
            key = (facts.first, facts.after, event.id)
            at = bisect_left(old_keys, key, key=_key_of)
            if at == len(old_keys) or old_keys[at].event_id != event.id:
                return None
            old_at.append(at)
            at = bisect_left(keys, key, key=_key_of)
            self._bound_after(keys, at, True, gone)
            del keys[at]
        new_keys = []
        for event in added:
            facts = self.facts_of(event)
            key = (facts.first, facts.after, event.id)
            at = bisect_left(keys, key, key=_key_of)
            keys.insert(at, key)
            self._bound_after(keys, at, False, {})
            new_keys.append(key)
        return keys, old_at, [bisect_left(keys, key, key=_key_of) for key in new_keys]

    def _bound_after(self, keys: list, at: int, going: bool, gone: dict[str, Event]
                     ) -> None:
        """Keep `bound` true as the entry at `at` goes (called before it goes) or
        comes (after it came).

        `rows_needed` sweeps by start; an entry stays counted until an entry after it
        starts (its footprint's left) a gap past its end. An entry coming adds one to
        the count at most, and an entry going takes off one at most. Neither changes
        whether the others are counted when the entry after it starts no further left
        than it does (the usual case; a marker's left can pass a bar's): an upper
        bound stays as an entry goes, a lower one as an entry comes. Otherwise the
        bound is no longer known. (`gone`: the stacked versions of events going.)
        """
        if self.bound is None:
            return
        upper = not self.lane.compact
        if upper and not going:
            self.bound += 1
        elif going and not upper:
            self.bound -= 1
        elif at + 1 < len(keys) and \
                self._left(keys[at + 1], gone) < self._left(keys[at], gone):
            self.bound = None

    def _still_compact(self, compact: bool, keys: list) -> bool:
        """Whether the lane is compact now (`rows_needed` > max_rows), counting all of
        it again only when the bound leaves that open."""
        if not self.max_rows:
            return False
        bound, most = self.bound, self.max_rows
        if bound is not None and (bound > most if compact else bound <= most):
            return compact
        entries = [self._entry(key) for key in keys]
        self.bound = self.geometry.rows_needed(entries)  # all of it: exact
        return self.bound > most

    def _left(self, key: tuple, gone: dict[str, Event]) -> float:
        """Where an event's footprint starts, as `_Geometry.rows_needed` sees it."""
        event_id = _key_of(key)[2]
        event = gone.get(event_id) or self.events[event_id]
        return self.geometry.body(self.facts_of(event))[2]

    def _sweep(self, keys: list, start: int, check: int, delta: int,
               old_placed: list[PlacedEvent], compact: bool, touched: set[str]) -> set[int]:
        """Stack again from entry `start` until the rows' ends match the old sweep's;
        the rows changed are those of the `touched` events (a new version may keep its
        place) and of every event placed otherwise."""
        ends = _replay(old_placed, 0, start, [], compact)
        old_ends = list(ends)
        out = old_placed[:start]
        place = self._place_compact if compact else self._place
        entry, old_done, converged = self._entry, start - 1, False
        for j in range(start, len(keys)):
            out.append(place(entry(keys[j]), ends))
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


def _key_of(item: tuple) -> tuple:
    """The sort key (first day, day after, id) of a key or of a PlacedEvent."""
    if type(item) is tuple:
        return item
    return item.first_day, item.after_day, item.event_id

"""LaneStack.update (incremental re-stacking) gives exactly what layout_lane gives afresh."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator_gui.domain.lane_stack import LaneStack
from negotiator_gui.domain.layout import LaneSpec, _entries, layout_lane
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.timescale import TimeScale
from tests.builders import DATED_BASE, a_dated_event

BASE = DATED_BASE
SPEC = LaneSpec("political", "Political")
SCALES = [0.05, 0.7, 3.0, 12.0, 40.0]  # px per day: compact decades to a few days wide


def measure(event: Event) -> float:
    return 7.0 * len(event.title)


def dated(event_id: str, offset: int, length: int, precision: int, title: int) -> Event:
    """`a_dated_event` titled with `title` letters."""
    return a_dated_event(event_id, offset, length, precision, title="x" * title)


spans = st.tuples(st.integers(0, 400), st.sampled_from([0, 0, 0, 1, 3, 20, 150]),
                  st.sampled_from([2, 2, 2, 1, 0]), st.integers(1, 30))
edits = st.lists(st.tuples(st.sampled_from(["move", "resize", "delete", "insert", "retitle"]),
                           st.integers(0, 10_000), spans), min_size=1, max_size=12)


def fresh(events: dict[str, Event], scale: TimeScale, max_rows: int):
    return layout_lane(0, SPEC, list(events.values()), scale, measure, max_label=120.0,
                       max_rows=max_rows)


def rows_of(placed) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in placed:
        out.setdefault(p.row, []).append(p)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(spans, min_size=0, max_size=60), edits=edits,
       ppd=st.sampled_from(SCALES), max_rows=st.sampled_from([0, 2, 4, 64]),
       batch=st.integers(1, 3))
def test_updates_stack_as_a_fresh_layout(start, edits, ppd, max_rows, batch):
    scale = TimeScale(BASE.toordinal(), ppd)
    events = {f"e{i}": dated(f"e{i}", *span) for i, span in enumerate(start)}
    stack = LaneStack(0, SPEC, scale, measure, max_label=120.0, max_rows=max_rows)
    stack.fill(list(events.values()))
    serial = len(events)
    for at in range(0, len(edits), batch):  # several edits in one update, as one change set
        removed, added = [], []
        for what, pick, span in edits[at:at + batch]:
            ids = sorted(set(events) - {e.id for e in removed} - {e.id for e in added})
            if what == "insert" or not ids:
                serial += 1
                new = dated(f"e{serial}", *span)
                events[new.id] = new
                added.append(new)
                continue
            old = events.pop(ids[pick % len(ids)])
            removed.append(old)
            if what == "delete":
                continue
            offset, length, precision, title = span
            if what == "move":
                length = (old.end or old.start).last_day().toordinal() - \
                    old.start.first_day().toordinal()
                title = len(old.title)
            elif what == "resize":
                offset = old.start.first_day().toordinal() - BASE.toordinal()
            new = dated(old.id, offset, length, precision, title)
            events[new.id] = new
            added.append(new)
        before = rows_of(stack.placed)
        changed = stack.update(removed, added)
        lane, placed = fresh(events, scale, max_rows)
        assert (stack.lane, stack.placed) == (lane, placed)
        if max_rows and stack.bound is not None:  # the kept bound holds
            needed = stack.geometry.rows_needed(
                sorted(_entries(events.values(), stack.facts_of), key=lambda e: e[:3]))
            assert needed >= stack.bound if lane.compact else needed <= stack.bound
        after = rows_of(placed)
        if changed is not None:  # every row whose events changed is reported
            differ = {r for r in set(before) | set(after) if before.get(r) != after.get(r)}
            assert differ <= changed


def test_a_move_far_from_the_others_restacks_little():
    """Only the moved event's neighbourhood is swept: the rest keep their places."""
    scale = TimeScale(BASE.toordinal(), 3.0)
    events = [dated(f"e{i:03}", 10 * i, 2, 2, 4) for i in range(200)]
    stack = LaneStack(0, SPEC, scale, measure, max_label=120.0, max_rows=64)
    stack.fill(events)
    old_placed = list(stack.placed)
    moved = dated("e100", 1001, 2, 2, 4)
    changed = stack.update([events[100]], [moved])
    assert changed == {old_placed[100].row}
    assert stack.placed[:100] == old_placed[:100] and stack.placed[101:] == old_placed[101:]
    assert stack.placed[100].x0 == 1001 * 3.0


def test_a_lane_that_becomes_dense_turns_compact_and_back():
    scale = TimeScale(BASE.toordinal(), 0.7)
    events = [dated(f"e{i}", 400 * i, 0, 2, 20) for i in range(3)]
    stack = LaneStack(0, SPEC, scale, measure, max_label=120.0, max_rows=2)
    stack.fill(events)
    assert not stack.lane.compact
    crowd = [dated(f"c{i}", i, 0, 2, 20) for i in range(3, 9)]
    assert stack.update([], crowd) is None  # stacked afresh: every row may change
    assert stack.lane.compact
    assert stack.update(crowd, []) is None
    assert (stack.lane, stack.placed) == fresh({e.id: e for e in events}, scale, 2)


def test_removing_an_event_it_never_had_restacks_from_scratch():
    scale = TimeScale(BASE.toordinal(), 3.0)
    events = [dated(f"e{i}", i * 5, 0, 2, 3) for i in range(5)]
    stack = LaneStack(0, SPEC, scale, measure)
    stack.fill(events)
    stranger = dated("zz", 7, 0, 2, 3)
    assert stack.update([stranger], []) is None
    assert stack.placed == fresh({e.id: e for e in events}, scale, 0)[1]


def test_a_marker_that_starts_right_of_the_next_bar_changes_the_count_when_it_goes():
    """At 40 px a day a marker's footprint starts right of a bar starting the same
    day: taking it out lets two earlier labels stay counted (3 rows needed, not 2),
    putting it back lets them go. The kept bounds must not hide that."""
    scale = TimeScale(BASE.toordinal(), 40.0)
    bars = [dated("a1", 0, 1, 2, 3), dated("a2", 0, 1, 2, 3), dated("b", 5, 1, 2, 3)]
    marker = dated("m", 5, 0, 2, 3)
    labelled = {e.id: e for e in [*bars, marker]}
    assert not fresh(labelled, scale, 2)[0].compact
    assert fresh({e.id: e for e in bars}, scale, 2)[0].compact
    stack = LaneStack(0, SPEC, scale, measure, max_label=120.0, max_rows=2)
    stack.fill(list(labelled.values()))
    far = dated("far", 300, 0, 2, 3)
    stack.update([], [far])  # the bound is counted again
    labelled["far"] = far
    assert not stack.lane.compact
    stack.update([marker], [])
    del labelled["m"]
    assert (stack.lane, stack.placed) == fresh(labelled, scale, 2)
    assert stack.lane.compact
    stack.update([], [marker])
    labelled["m"] = marker
    assert (stack.lane, stack.placed) == fresh(labelled, scale, 2)
    assert not stack.lane.compact

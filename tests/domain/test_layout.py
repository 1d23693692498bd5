"""The lane layout shared by the canvas and the PDF figure."""

from __future__ import annotations

from datetime import date

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.layout import LaneSpec, event_facts, layout_events, layout_lane
from negotiator_gui.domain.timescale import TimeScale
from tests.builders import a_track, an_event

SCALE = TimeScale(PartialDate(2013, 1, 1).first_day().toordinal(), 10.0)


def measure(text: str) -> float:
    return 7.0 * len(text)


def test_lanes_follow_track_order():
    tracks = (a_track(id="b", name="Experts", order=2), a_track(id="a", name="Political", order=1))
    layout = layout_events([], tracks, SCALE, measure)
    assert [lane.title for lane in layout.lanes] == ["Political", "Experts"]


def test_overlapping_events_stack_into_sub_rows_and_others_share_a_row():
    events = [an_event(id="a", title="A"), an_event(id="b", title="B"),
              an_event(id="c", title="C", start=PartialDate(2013, 6, 1), end=None)]
    layout = layout_events(events, (a_track(),), SCALE, measure)
    rows = {p.event_id: p.row for p in layout.events}
    assert rows["a"] != rows["b"]
    assert rows["c"] == 0
    assert layout.lanes[0].rows == 2


def test_labels_reserve_room_so_they_never_overlap():
    long_title = "x" * 30  # 210 units of label, far wider than a 2-day bar
    events = [an_event(id="a", title=long_title),
              an_event(id="b", title="B", start=PartialDate(2013, 3, 2), end=None)]
    layout = layout_events(events, (a_track(),), SCALE, measure)
    placed = {p.event_id: p for p in layout.events}
    assert placed["a"].label_right > placed["b"].x0
    assert placed["a"].row != placed["b"].row


def test_uncertain_dates_are_flagged_and_one_day_events_are_markers():
    events = [an_event(id="m", start=PartialDate(2013, 2), end=None),
              an_event(id="d", start=PartialDate(2013, 5, 1), end=None)]
    placed = {p.event_id: p for p in layout_events(events, (a_track(),), SCALE, measure).events}
    assert placed["m"].fuzzy_start and not placed["m"].marker
    assert placed["m"].x1 - placed["m"].x0 == 28 * 10.0
    assert placed["d"].marker and not placed["d"].fuzzy_start


def test_events_on_unknown_tracks_get_an_unassigned_lane():
    layout = layout_events([an_event(track="gone")], (a_track(),), SCALE, measure)
    assert [lane.title for lane in layout.lanes] == ["Political directors", "Unassigned"]
    assert layout.events[0].lane == 1


def dense_day_events(count: int) -> list:
    """`count` one-day events on consecutive days: far too close for labels when zoomed out."""
    first = PartialDate(2013, 1, 1).first_day().toordinal()
    return [an_event(id=f"e{i}", title=f"Event {i}",
                     start=PartialDate.from_date(date.fromordinal(first + i)), end=None)
            for i in range(count)]


def test_a_lane_too_dense_for_labels_is_laid_out_compact():
    events = dense_day_events(200)
    zoomed_out = TimeScale(SCALE.origin, 0.5)  # 200 days in 100 pixels
    labelled = layout_events(events, (a_track(),), zoomed_out, measure)
    compact = layout_events(events, (a_track(),), zoomed_out, measure, max_rows=20)
    assert not labelled.lanes[0].compact and labelled.lanes[0].rows > 20
    assert compact.lanes[0].compact and compact.lanes[0].rows == 1
    assert all(p.label_right == max(p.x1, p.x0 + 1) for p in compact.events)


def test_compact_lanes_still_stack_bodies_that_overlap():
    long = an_event(id="long", start=PartialDate(2013, 1, 1), end=PartialDate(2013, 12, 31))
    layout = layout_events([long, *dense_day_events(200)], (a_track(),),
                           TimeScale(SCALE.origin, 0.5), measure, max_rows=20)
    rows = {p.event_id: p.row for p in layout.events}
    assert layout.lanes[0].compact
    assert rows["e10"] != rows["long"]


def test_a_lane_with_room_keeps_its_labels_whatever_max_rows():
    events = dense_day_events(5)
    layout = layout_events(events, (a_track(),), SCALE, measure, max_rows=20)
    assert not layout.lanes[0].compact
    assert layout.events[0].label_right > layout.events[0].x1


def test_one_lane_is_laid_out_as_in_the_whole_layout():
    events = [an_event(id="a", title="A"), an_event(id="b", title="B"),
              an_event(id="c", title="C", start=PartialDate(2013, 6, 1), end=None)]
    whole = layout_events(events, (a_track(),), SCALE, measure)
    lane, placed = layout_lane(0, LaneSpec("political", "Political"), events, SCALE,
                               lambda e: measure(e.title))
    assert placed == list(whole.events)
    assert lane.rows == whole.lanes[0].rows
    assert [(p.first_day, p.after_day) for p in placed] == \
        [event_facts(e)[:2] for e in sorted(events, key=lambda e: e.start)]

"""Shifting, resizing and copying events, keeping date precision."""

from __future__ import annotations

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.editing import (
    copy_events,
    move_event,
    resize_event,
    shift_date,
    snap_unit,
    unique_id,
)
from negotiator_gui.domain.model import Link
from tests.builders import a_project, an_event


def test_snapping_follows_the_zoom():
    assert [snap_unit(px) for px in (20, 3, 0.3)] == ["day", "week", "month"]


def test_dates_shift_in_their_own_precision():
    assert shift_date(PartialDate(2013, 2, 26), 3, "day") == PartialDate(2013, 3, 1)
    assert shift_date(PartialDate(2013, 2, 26), 9, "week") == PartialDate(2013, 3, 5)
    assert shift_date(PartialDate(2013, 1, 31), 30, "month") == PartialDate(2013, 2, 28)
    assert shift_date(PartialDate(2013, 2), 40, "day") == PartialDate(2013, 3)
    assert shift_date(PartialDate(2013), 400, "day") == PartialDate(2014)
    assert shift_date(PartialDate(2013), 100, "day") == PartialDate(2013)


def test_moving_keeps_the_span_and_can_change_track():
    moved = move_event(an_event(), 7, "day", track="experts")
    assert (moved.start, moved.end, moved.track) == (
        PartialDate(2013, 3, 5), PartialDate(2013, 3, 6), "experts")


def test_resizing_never_crosses_the_other_end():
    event = an_event()
    assert resize_event(event, "end", 5, "day").end == PartialDate(2013, 3, 4)
    assert resize_event(event, "end", -9, "day").end is None
    assert resize_event(event, "start", 9, "day").start == PartialDate(2013, 2, 27)
    assert resize_event(an_event(end=None), "end", 2, "day").end == PartialDate(2013, 2, 28)


def test_copies_get_fresh_ids_and_keep_the_links_among_them():
    project = a_project()
    events, links = copy_events(project, project.events, project.links, " (copy)")
    copy = events[0]
    assert copy.id == "almaty-1-2" and copy.title.endswith("(copy)")
    assert {i.id for i in copy.items} == {"c-20pc-2", "r-unsc-2"}
    assert links == (Link("c-20pc-2", "r-unsc-2"),)


def test_copies_from_another_project_drop_unknown_references():
    project = a_project()
    foreign = an_event(track="elsewhere", parties=("mars",), items=())
    events, _ = copy_events(project, [foreign], [])
    assert events[0].track == "political" and events[0].parties == ()


def test_unique_ids_count_up():
    taken = {"a", "a-2"}
    assert unique_id("a", taken) == "a-3"
    assert unique_id("b", taken) == "b"

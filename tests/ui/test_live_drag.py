"""A drag in track lanes moves the events themselves: the lanes stack round them and
their links follow as the pointer moves; the drop then only writes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import QPoint

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.project_index import index_of, with_versions
from negotiator_gui.ui.timeline_scene import TimelineScene
from tests.builders import a_dated_event
from tests.ui.test_canvas import LEFT, NO_MOD, days, on_disk, open_window, point_of
from tests.ui.test_canvas_patch_property import snapshot


def fresh_layout(view, project) -> dict:
    """What a full layout of `project` shows, as plain values."""
    scene = TimelineScene()
    scene.populate(project, view.timeline.scale, view.timeline.top, view.timeline.options)
    return snapshot(scene)


def test_while_dragged_an_event_is_laid_out_where_it_would_land(window, demo_file, qtbot):
    open_window(window, demo_file)
    view, timeline = window.view, window.view.timeline
    viewport = view.viewport()
    start = point_of(window, "almaty-2")
    before = timeline.first_body("almaty-2")
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(days(window, 3), 0))
    qtbot.mouseMove(viewport, start + QPoint(days(window, 7), 0))
    drag = view.mouse.drag
    assert drag.live and not timeline.hidden and not timeline.ghost.ghosts
    assert timeline.first_body("almaty-2").left() == before.left() + days(window, 7)
    moved = with_versions(window.session.project, drag.result)
    expected = fresh_layout(view, moved)
    shown = snapshot(timeline)
    for key in ("lanes", "bands", "rows", "placements", "range"):
        assert shown[key] == expected[key], key
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 5)  # nothing written
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 7), 0))
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 12)
    after = snapshot(timeline)
    assert {k: after[k] for k in ("lanes", "bands", "rows", "placements", "range")} == \
        {k: expected[k] for k in ("lanes", "bands", "rows", "placements", "range")}


def test_a_drop_finds_the_drag_drawn_and_lays_nothing_out_again(window, demo_file, qtbot,
                                                                monkeypatch):
    open_window(window, demo_file)
    view, timeline = window.view, window.view.timeline
    viewport = view.viewport()
    start = point_of(window, "almaty-2")
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(days(window, 4), 0))
    restacked = []
    monkeypatch.setattr(timeline.layout, "restack",
                        lambda index: restacked.append(index))
    view.viewport().grab()
    assert not timeline.damage.whole
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 4), 0))
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 9)
    assert restacked == [] and not timeline.damage.whole
    assert not timeline.damage.rects and not timeline.damage.arcs


def test_links_follow_a_dragged_event(window, demo_file, qtbot):
    open_window(window, demo_file)
    view, timeline = window.view, window.view.timeline
    session = window.session
    linked = next(e for e in session.project.events if timeline.links.links_of(e.id))
    link = timeline.links.links_of(linked.id)[0]
    viewport = view.viewport()
    start = point_of(window, linked.id)
    before = timeline.first_body(linked.id)
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(days(window, 2), 0))
    qtbot.mouseMove(viewport, start + QPoint(days(window, 5), 0))
    arc = timeline.links.arcs_of([linked.id], make=True)[0]
    ends = [arc.points[0][0], arc.points[3][0]]
    moved_to = before.center().x() + days(window, 5)
    assert min(abs(x - moved_to) for x in ends) < 0.5, \
        "the arc does not reach the event where it is dragged"
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 5), 0))
    assert timeline.links.links_of(linked.id)[0] == link


def test_a_drop_the_file_refuses_puts_the_events_back(window, demo_file, qtbot):
    open_window(window, demo_file)
    view, timeline = window.view, window.view.timeline
    before = snapshot(timeline)
    viewport = view.viewport()
    start = point_of(window, "almaty-2")
    body = timeline.first_body("almaty-2")
    blocker = sqlite3.connect(demo_file, isolation_level=None)
    window.session.store.conn.execute("PRAGMA busy_timeout = 50")
    blocker.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mousePress(viewport, LEFT, NO_MOD, start)
        qtbot.mouseMove(viewport, start + QPoint(days(window, 3), 0))
        qtbot.mouseMove(viewport, start + QPoint(days(window, 6), 0))
        assert timeline.first_body("almaty-2") != body
        qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 6), 0))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.session.undo_stack.count() == 0
    after = snapshot(timeline)
    for key in ("lanes", "bands", "rows", "placements", "range"):
        assert after[key] == before[key], key


def test_the_view_stays_put_while_the_first_event_is_dragged_later(window, demo_file, qtbot):
    """The scene may only grow during a drag: were it to shrink, the view would scroll
    and the event would run away from the pointer."""
    open_window(window, demo_file)
    view, session = window.view, window.session
    first = min(session.project.events, key=lambda e: e.start.first_day())
    viewport = view.viewport()
    start = point_of(window, first.id)
    origin = view.mapToScene(QPoint(0, 0))
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    for step in (10, 20, 30, 40):
        qtbot.mouseMove(viewport, start + QPoint(days(window, step), 0))
        assert view.mapToScene(QPoint(0, 0)) == origin
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 40), 0))
    assert on_disk(demo_file)[first.id].start.first_day() > first.start.first_day()


def test_in_party_lanes_a_drag_shows_ghosts_and_writes_on_release(window, demo_file, qtbot):
    open_window(window, demo_file)
    view, timeline = window.view, window.view.timeline
    view.set_lane_mode("party")
    viewport = view.viewport()
    start = point_of(window, "almaty-2")
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(days(window, 3), 0))
    qtbot.mouseMove(viewport, start + QPoint(days(window, 7), 0))
    assert not view.mouse.drag.live
    assert timeline.hidden == {"almaty-2"} and timeline.ghost.ghosts
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 7), 0))
    assert not timeline.hidden and not timeline.ghost.ghosts
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 12)


def test_with_versions_leaves_the_project_and_its_index_alone(session):
    project = session.project
    index = index_of(project)
    order = index.order
    event = project.events[3]
    later = replace(event, title="Later", start=PartialDate(2030, 1, 1), end=None)
    new = a_dated_event("brand-new", 10, 0, 2)
    shown = with_versions(project, [later, new])
    assert [e.id for e in shown.events] == [e.id for e in project.events] + ["brand-new"]
    assert shown.events[3] is later and project.events[3] is event
    assert index_of(project) is index and index.order is order
    assert index.events[event.id] is event


def test_an_undo_during_a_drag_ends_it_and_shows_the_project(window, demo_file, qtbot):
    open_window(window, demo_file)
    view, timeline, session = window.view, window.view.timeline, window.session
    other = next(e for e in session.project.events if e.id == "almaty-1")
    session.apply(ChangeSet(put_events=(replace(other, title="Almaty I"),)), "Rename")
    viewport = view.viewport()
    start = point_of(window, "almaty-2")
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(days(window, 3), 0))
    qtbot.mouseMove(viewport, start + QPoint(days(window, 9), 0))
    session.undo_stack.undo()
    assert view.mouse.drag is None
    expected = fresh_layout(view, session.project)
    shown = snapshot(timeline)
    for key in ("lanes", "bands", "rows", "placements", "range"):
        assert shown[key] == expected[key], key
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(days(window, 9), 0))
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 5)

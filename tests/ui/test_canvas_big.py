"""The canvas with thousands of events: compact lanes, deferred re-layout, edits of one lane."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Link, Project
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.main_window import MainWindow
from negotiator_gui.ui.timeline_view import SYNC_LAYOUT_EVENTS
from tests.builders import a_party, a_track, an_event, an_item
from tests.ui.test_canvas import LEFT, NO_MOD, drag, on_disk

TRACKS = 4


def big_project(path, count: int) -> None:
    """`count` events, a few days apart, over four tracks; one link per ten events."""
    first = PartialDate(2000, 1, 1).first_day().toordinal()
    events = []
    for i in range(count):
        start = _dt.date.fromordinal(first + 3 * i + i % 5)
        end = _dt.date.fromordinal(start.toordinal() + i % 3)
        events.append(an_event(
            id=f"e{i}", title=f"Meeting number {i} on the sanctions", track=f"t{i % TRACKS}",
            start=PartialDate.from_date(start),
            end=PartialDate.from_date(end) if end != start else None,
            parties=("iran",), location="",
            items=(an_item(id=f"i{i}", by="iran", to="iran", subject=""),)))
    links = tuple(Link(f"i{i}", f"i{i + 7}") for i in range(0, count - 7, 10))
    tracks = tuple(a_track(id=f"t{n}", name=f"Track {n}", order=n) for n in range(TRACKS))
    with ProjectStore.create(path) as store:
        store.merge(Project(parties=(a_party(),), tracks=tracks, events=tuple(events),
                            links=links))


def placements(window: MainWindow) -> dict[str, tuple]:
    """Where every event is drawn: lane, row and body."""
    timeline = window.view.timeline
    out = {}
    for event_id, glyphs in timeline.event_items.items():
        body = timeline.body_rect(glyphs[0])
        out[event_id] = (glyphs[0].lane, glyphs[0].row, round(body.left(), 3),
                         round(body.top(), 3), round(body.width(), 3))
    return out


def ctrl_wheel(view, steps: int, point: QPointF) -> None:
    view.wheelEvent(QWheelEvent(point, view.viewport().mapToGlobal(point), QPoint(0, 0),
                                QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.ControlModifier,
                                Qt.ScrollPhase.NoScrollPhase, False))


def point_on(window: MainWindow, event_id: str) -> QPoint:
    timeline = window.view.timeline
    window.view.ensureVisible(timeline.bounds_of(event_id)[0], 250, 50)
    return window.view.mapFromScene(timeline.drawn_body(event_id).center())


def test_dense_lanes_are_drawn_compact_and_their_events_stay_clickable(window, tmp_path,
                                                                      qtbot):
    path = tmp_path / "big.sqlite"
    big_project(path, 3000)
    assert window.open_path(path)
    view = window.view
    lanes = view.timeline.lanes
    assert all(band.compact and band.rows == 1 for band in lanes)
    bottom = view.mapFromScene(QPointF(0, lanes[-1].top + lanes[-1].height)).y()
    assert bottom <= view.viewport().height()  # every event in view at once
    middle = point_on(window, "e1500")
    qtbot.mouseClick(view.viewport(), LEFT, NO_MOD, middle)
    chosen = window.selection.ids
    assert len(chosen) == 1
    assert abs(int(chosen[0][1:]) - 1500) < 40  # an event drawn under the pointer
    drag(qtbot, window, middle + QPoint(-30, -12), middle + QPoint(30, 12),
         Qt.KeyboardModifier.ShiftModifier)
    assert len(window.selection.ids) > 20


def test_zooming_a_big_project_draws_at_once_and_restacks_when_the_wheel_rests(
        window, tmp_path, qtbot):
    path = tmp_path / "big.sqlite"
    big_project(path, SYNC_LAYOUT_EVENTS + 100)
    assert window.open_path(path)
    view = window.view
    point = QPointF(700, 300)
    day = view.scale.day_at(view.mapToScene(point.toPoint()).x())
    laid_out = view.timeline.layout.scale
    for _ in range(8):
        ctrl_wheel(view, 1, point)
    assert view.scale.px_per_day > laid_out.px_per_day * 5
    assert abs(view.scale.day_at(view.mapToScene(point.toPoint()).x()) - day) < 1
    assert view.timeline.layout.scale == laid_out  # not laid out again yet...
    assert_labels_clear_of_next_event(view)  # ...yet labels already give way
    qtbot.waitUntil(lambda: view.timeline.layout.scale == view.scale, timeout=3000)
    assert not any(band.compact for band in view.timeline.lanes)
    assert_labels_clear_of_next_event(view)


def assert_labels_clear_of_next_event(view) -> None:
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.timeline.lane_items:
        for row in range(len(item.rows)):
            shapes = list(item.shapes(row, rect.left(), rect.right()))
            for shape, after in zip(shapes, shapes[1:], strict=False):
                label = shape[3]
                if label is not None and not shape[4]:
                    assert label.right() <= after[1], shape[0].event.id


def test_an_edit_lays_out_again_only_the_lanes_it_touched(window, tmp_path, qtbot,
                                                          monkeypatch):
    path = tmp_path / "big.sqlite"
    big_project(path, 400)
    assert window.open_path(path)
    view = window.view
    view.zoom_by(12.0 / view.scale.px_per_day)
    full_layouts = []
    monkeypatch.setattr(view.timeline, "populate", lambda *a: full_layouts.append(a))
    start = point_on(window, "e201")  # track t1
    target = next(b for b in view.timeline.lanes if b.key == "t2")
    drag(qtbot, window, start, QPoint(start.x() + round(7 * view.scale.px_per_day),
                                      view.mapFromScene(QPointF(0, target.top + 12)).y()))
    moved = on_disk(path)["e201"]
    assert moved.track == "t2"
    assert moved.start == PartialDate.from_date(
        _dt.date.fromordinal(PartialDate(2000, 1, 1).first_day().toordinal() + 604 + 7))
    assert full_layouts == []
    patched = placements(window)
    monkeypatch.undo()
    view.rebuild()
    assert placements(window) == patched
    window.session.undo_stack.undo()
    assert on_disk(path)["e201"].track == "t1"
    assert full_layouts == []
    assert view.timeline.glyphs_of("e201")[0].lane == 1


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_hovering_an_event_shows_its_details_escaped(window, demo_file, qtbot):
    assert window.open_path(demo_file)
    session = window.session
    event = next(e for e in session.project.events if e.id == "almaty-2")
    from negotiator_gui.domain.changes import ChangeSet
    assert session.apply(ChangeSet(put_events=(replace(event, title="<b>Almaty</b> II"),)),
                         "Rename")
    view = window.view
    pos = point_on(window, "almaty-2")
    QToolTip.hideText()
    help_event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    view.viewportEvent(help_event)
    assert "&lt;b&gt;Almaty&lt;/b&gt; II" in QToolTip.text()
    assert "5–6 April 2013" in QToolTip.text()
    QToolTip.hideText()


def test_an_edit_under_a_hiding_filter_hides_what_stops_matching(window, tmp_path, qtbot,
                                                                 monkeypatch):
    from negotiator_gui.domain.changes import ChangeSet
    from negotiator_gui.domain.filtering import FilterSpec
    path = tmp_path / "big.sqlite"
    big_project(path, 200)
    assert window.open_path(path)
    window.filter_bar.set_spec(FilterSpec(tracks=("t1", "t2"), mode="hide"))
    timeline = window.view.timeline
    shown = timeline.shown_ids()
    assert "e1" in shown and "e2" in shown and "e3" not in shown
    full_layouts = []
    monkeypatch.setattr(timeline, "populate", lambda *a: full_layouts.append(a))
    session = window.session
    events = {e.id: e for e in session.project.events}
    assert session.apply(ChangeSet(put_events=(replace(events["e1"], track="t3"),
                                               replace(events["e3"], track="t2"))), "Move")
    assert full_layouts == []
    assert timeline.shown_ids() == (shown - {"e1"}) | {"e3"}
    assert timeline.glyphs_of("e3")[0].lane == 2

"""The canvas keeps its lanes, links and grid as one picture between frames and draws
again only what an edit changed: every frame must be what drawing the whole view
afresh gives, pixel for pixel, through drags, edits, undo, selection, filters,
zoom, scroll, collapse and palette changes; and a drag-move must really redraw
only a part of the view."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPalette

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.editing import move_event
from negotiator_gui.ui import canvas_layer
from negotiator_gui.ui.lane_rows import label_room
from negotiator_gui.ui.timeline_view import TimelineView
from tests.ui.conftest import go_dark, open_canvas
from tests.ui.images import differing

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def painted(monkeypatch) -> list[list[QRect]]:
    """The areas drawn into the kept picture for each frame (since the frame before:
    an edit's are drawn while its COMMIT waits), drawn as parts even where the whole
    view would be quicker to draw, so that the parts are what is checked."""
    monkeypatch.setattr(canvas_layer, "AREA_PIXELS", 100)
    frames: list[list[QRect]] = []
    since: list[QRect] = []
    paint, draw = canvas_layer.CanvasLayer._paint, canvas_layer.CanvasLayer.draw

    def recording_paint(self, painter, frame, areas):
        since.extend(areas)
        paint(self, painter, frame, areas)

    def recording_draw(self, painter):
        draw(self, painter)
        frames.append(list(since))
        since.clear()

    monkeypatch.setattr(canvas_layer.CanvasLayer, "_paint", recording_paint)
    monkeypatch.setattr(canvas_layer.CanvasLayer, "draw", recording_draw)
    return frames


def check(view: TimelineView, step: str) -> None:
    """A frame from the kept picture (as the last frames left it, with only what
    changed drawn again) equals the whole view drawn afresh."""
    kept = view.viewport().grab().toImage()
    view.layer.keep = False
    fresh = view.viewport().grab().toImage()
    view.layer.keep = True
    assert kept == fresh, f"{step}: {differing(kept, fresh)} pixels differ"


def centre_of(view: TimelineView, event_id: str) -> QPoint:
    body = view.timeline.drawn_body(event_id)
    return view.mapFromScene(QPointF(body.center().x(), body.center().y()))


def drag(qtbot, qapp, view: TimelineView, event_id: str, by: QPoint, step: str) -> None:
    """Drag an event as a person does (each move painted), checking the frames."""
    viewport = view.viewport()
    start = centre_of(view, event_id)
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    check(view, f"{step}: pressed")
    qtbot.mouseMove(viewport, start + QPoint(by.x() // 2, by.y() // 2))
    check(view, f"{step}: dragging")
    qtbot.mouseMove(viewport, start + by)
    check(view, f"{step}: dragged further")
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + by)
    check(view, f"{step}: released")


def linked_event(view: TimelineView) -> str:
    """An event in view with links to others."""
    timeline = view.timeline
    shown = [i for i in sorted(timeline.shown_ids()) if timeline.links.links_of(i)]
    frame = view.mapToScene(view.viewport().rect()).boundingRect()
    for event_id in shown:
        if frame.adjusted(100, 60, -200, -60).contains(timeline.drawn_body(event_id)):
            return event_id
    pytest.skip("no linked event in view")


def test_drag_moves_redraw_a_part_and_equal_a_fresh_frame(dense_canvas, qtbot, qapp,
                                                          painted):
    view = dense_canvas.view
    view.zoom_by(8.0, 500.0)
    qapp.processEvents()
    view.viewport().grab()
    event_id = linked_event(view)
    view.selection.select([event_id])
    check(view, "selected")
    painted.clear()
    drag(qtbot, qapp, view, event_id, QPoint(45, 0), "along its lane")
    whole = QRect(QPoint(0, 0), view.viewport().size())
    kept = painted[0::2]  # (each check then draws the whole view afresh)
    assert len(kept) == 4
    moves, release = kept[1:3], kept[3]
    assert all(moves), "a drag move drew nothing: the event did not move live"
    assert all(area != whole for frame in moves for area in frame), \
        "a drag move redrew the whole view"
    assert release == [], "the release drew again what the drag had drawn"
    assert dense_canvas.session.undo_stack.count() == 1
    dense_canvas.session.undo_stack.undo()
    check(view, "undone")
    dense_canvas.session.undo_stack.redo()
    check(view, "redone")
    lane_step = view.timeline.lanes[1].top - view.timeline.lanes[0].top
    drag(qtbot, qapp, view, event_id, QPoint(0, int(lane_step)), "into the next lane")
    check(view, "after the lane change")


def test_edits_selection_and_view_changes_equal_a_fresh_frame(dense_canvas, qtbot, qapp,
                                                             painted):
    view, session = dense_canvas.view, dense_canvas.session
    view.zoom_by(8.0, 500.0)
    qapp.processEvents()
    check(view, "zoomed")
    event_id = linked_event(view)
    view.selection.select([event_id])
    check(view, "selected")
    event = next(e for e in session.project.events if e.id == event_id)
    assert session.apply(ChangeSet(put_events=(replace(event, title="A new, longer title "
                                                       "for this round of talks"),)), "Title")
    check(view, "retitled")
    for days in (9, -4, 30):  # a date typed in the inspector: no drag hid it first
        event = next(e for e in session.project.events if e.id == event_id)
        assert session.apply(ChangeSet(put_events=(move_event(event, days, "day"),)), "Move")
        check(view, f"moved by {days} days")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    check(view, "nudged")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    check(view, "nudged down a lane")
    session.undo_stack.undo()
    check(view, "undone")
    item = next((e.items[0].id for e in session.project.events if e.id == event_id
                 and e.items), "")
    view.selection.set_current_item(item) if hasattr(view.selection, "set_current_item") \
        else None
    check(view, "an item chosen")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    check(view, "deleted")
    session.undo_stack.undo()
    check(view, "delete undone")
    view.selection.clear()
    check(view, "selection cleared")
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 137)
    check(view, "panned")
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 40)
    check(view, "scrolled")
    view.zoom_by(0.5, 300.0)
    check(view, "zoomed out")
    key = next(band.key for band in view.timeline.lanes if band.key)
    view.toggle_lane(key)
    check(view, "lane collapsed")
    view.toggle_lane(key)
    check(view, "lane opened")


def test_hover_filter_and_palette_equal_a_fresh_frame(demo_file, qtbot, qapp):
    old = QPalette(qapp.palette())
    canvas = open_canvas(qtbot, demo_file, 900, 420)
    try:
        view = canvas.view
        check(view, "opened")
        some = sorted(view.timeline.shown_ids())[0]
        qtbot.mouseMove(view.viewport(), centre_of(view, some))
        check(view, "hovered")
        view.timeline.apply_filter({some})
        check(view, "dimmed")
        view.timeline.apply_filter(None)
        check(view, "undimmed")
        go_dark(qapp)
        check(view, "dark")
        view.resize(700, 380)
        qapp.processEvents()
        check(view, "resized")
    finally:
        canvas.session.close()
        qapp.setPalette(old)


def test_a_scene_render_still_draws_the_lanes(demo_file, qtbot):
    """Only the view's own pass leaves the lanes to its kept layer: rendering the
    scene elsewhere (a printout, a picture) draws them."""
    from PySide6.QtGui import QImage, QPainter

    canvas = open_canvas(qtbot, demo_file, 900, 420)
    try:
        scene = canvas.view.timeline
        lane = next(item for item in scene.lane_items if item.rows)
        area = lane.boundingRect().intersected(scene.sceneRect())
        image = QImage(400, 60, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        scene.render(painter, source=area.adjusted(0, 0, 0, 0))
        painter.end()
        colours = {image.pixel(x, y) for x in range(0, 400, 4) for y in range(0, 60, 4)}
        assert len(colours) > 2, "the lanes' events were not drawn"
    finally:
        canvas.session.close()


def test_an_event_moved_far_is_gone_from_where_it_was(demo_file, qtbot, qapp, painted):
    """A date typed in the inspector moves an event that no drag hid first."""
    canvas = open_canvas(qtbot, demo_file, 1000, 480)
    try:
        view, session = canvas.view, canvas.session
        qapp.processEvents()  # (the first layout, fitted to the view)
        view.scale = view.scale.zoomed(12.0 / view.scale.px_per_day)
        view.rebuild()
        qapp.processEvents()
        event = next(e for e in session.project.events if e.id == "almaty-2")
        view.ensureVisible(view.timeline.bounds_of(event.id)[0], 300, 50)
        check(view, "zoomed in")
        view.viewport().grab()  # (a still view's frame makes the kept picture)
        partly = []  # (a move that changes the lane's rows redraws the whole view)
        for days in (6, -9, 2, 25, -40, 8):
            event = next(e for e in session.project.events if e.id == event.id)
            painted.clear()
            assert session.apply(ChangeSet(put_events=(move_event(event, days, "day"),)),
                                 "Move")
            check(view, f"moved by {days} days")
            whole = QRect(QPoint(0, 0), view.viewport().size())
            partly.append(bool(painted[0]) and whole not in painted[0])
        assert partly[0], "a move within its row redrew the whole view"
    finally:
        session.close()


def test_an_edit_is_drawn_while_its_commit_waits_and_its_frame_copies_it(
        dense_canvas, qapp, painted):
    view, session = dense_canvas.view, dense_canvas.session
    view.zoom_by(8.0, 500.0)
    qapp.processEvents()
    event_id = linked_event(view)
    check(view, "before")
    painted.clear()
    waiting = []
    paint = canvas_layer.CanvasLayer._paint

    def noting(self, painter, frame, areas):
        waiting.append(session.store._committing._flush is not None)
        paint(self, painter, frame, areas)

    canvas_layer.CanvasLayer._paint = noting
    try:
        event = next(e for e in session.project.events if e.id == event_id)
        assert session.apply(ChangeSet(put_events=(move_event(event, 3, "day"),)), "Move")
        assert waiting == [True], "the edit's parts were not drawn while the COMMIT waited"
        view.viewport().grab()
        assert waiting == [True], "the frame drew again what was drawn while waiting"
    finally:
        canvas_layer.CanvasLayer._paint = paint
    whole = QRect(QPoint(0, 0), view.viewport().size())
    assert painted[0] and whole not in painted[0]
    check(view, "moved while the COMMIT waited")


def test_a_label_cut_short_by_the_next_event_is_in_that_events_part(dense_canvas, qapp):
    """Drawn at a scale its rows were not laid out at (a zoom not yet settled), an
    event's label stops short of the next event in its row: the part drawn again
    for that next event reaches back over the label, as far as the whole label.
    A label drawn whole is not in it."""
    view = dense_canvas.view
    view.scale = view.scale.zoomed(6.0 / view.scale.px_per_day)
    view.rebuild()
    qapp.processEvents()
    timeline = view.timeline
    timeline.set_scale(view.scale.zoomed(0.5))  # events come closer; labels give way
    cut, kept = None, None
    for lane, before, glyph in neighbours(timeline):
        shape = lane.find(before)
        if shape is None or shape[4]:
            continue
        whole = min(timeline.glyphs.label_width(before.event),
                    label_room(timeline.scale.px_per_day))
        if shape[3] is None or shape[3].width() < whole - 20:
            cut = cut or (lane, shape, whole, glyph)
        elif shape[3].width() >= whole - 0.5:
            kept = kept or (lane, shape, glyph)
    assert cut and kept, "no label cut short by the next event, or none drawn whole"
    lane, shape, whole, glyph = cut
    (part,) = lane.drawn_parts([glyph])
    assert part.left() <= shape[2] and part.right() >= shape[2] + 4 + whole
    lane, shape, glyph = kept
    (part,) = lane.drawn_parts([glyph])
    assert part.left() > shape[3].right()


def test_moving_the_event_after_a_long_label_draws_as_a_fresh_frame(dense_canvas, qapp,
                                                                     painted):
    view, session = dense_canvas.view, dense_canvas.session
    view.scale = view.scale.zoomed(6.0 / view.scale.px_per_day)
    view.rebuild()
    qapp.processEvents()
    timeline = view.timeline
    room = label_room(timeline.scale.px_per_day)
    before, glyph = next(
        (before, glyph) for lane, before, glyph in neighbours(timeline)
        if (shape := lane.find(before)) and shape[3] is not None and not shape[4]
        and shape[3].width() >= room - 0.5)
    view.ensureVisible(timeline.bounds_of(before.event.id)[0], 100, 60)
    check(view, "in view")
    for days in (-2, 4):
        event = next(e for e in session.project.events if e.id == glyph.event.id)
        assert session.apply(ChangeSet(put_events=(move_event(event, days, "day"),)), "Move")
        check(view, f"the next event moved by {days} days")


def neighbours(timeline):
    """(lane, glyph, the glyph after it in its row) in every labelled row."""
    for lane in timeline.lane_items:
        for row in lane.rows if not lane.band.compact else ():
            for before, glyph in zip(row.glyphs, row.glyphs[1:], strict=False):
                yield lane, before, glyph


@pytest.mark.parametrize("project", ["empty_file", "demo_file"])
def test_the_canvas_paints_every_pixel_itself(project, request, qtbot, qapp):
    """Qt does not fill the canvas before painting it (the kept layer covers it all):
    a frame is the same over a red fill as without one."""
    canvas = open_canvas(qtbot, request.getfixturevalue(project), 700, 900)
    try:
        view, port = canvas.view, canvas.view.viewport()
        qapp.processEvents()
        assert port.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        view.layer.keep = False
        plain = port.grab().toImage()
        palette = port.palette()
        palette.setColor(port.backgroundRole(), QColor("red"))
        port.setPalette(palette)
        port.setAutoFillBackground(True)
        port.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        over_red = port.grab().toImage()
        assert plain == over_red, f"{differing(plain, over_red)} pixels left to the fill"
    finally:
        canvas.session.close()


def test_the_overlay_is_kept_in_the_picture_unless_ghosts_must_pass_under_it(
        dense_canvas, qtbot, qapp, monkeypatch):
    """A still view's frame copies the picture with the axis, headers and legend in
    it; while a drag's ghosts show (party lanes), the overlay is drawn over them."""
    view = dense_canvas.view
    view.zoom_by(8.0, 500.0)
    qapp.processEvents()
    view.viewport().grab()
    overlays = []
    paint = view.overlay.paint
    monkeypatch.setattr(view.overlay, "paint", lambda *a: (overlays.append(1), paint(*a)))
    view.viewport().grab()
    assert view.layer.folded and overlays == [], "a still frame drew the overlay again"
    check(view, "still")
    view.set_lane_mode("party")
    qapp.processEvents()
    view.viewport().grab()
    event_id = linked_event(view)
    viewport = view.viewport()
    start = centre_of(view, event_id)
    under_headers = QPoint(40 - start.x(), 0)  # the ghost passes under the lane headers
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + under_headers / 2)
    qtbot.mouseMove(viewport, start + under_headers)
    assert view.timeline.ghost.ghosts
    view.viewport().grab()
    view.viewport().grab()  # (a still frame: the picture made again)
    assert not view.layer.folded
    check(view, "ghosts under the headers")
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + under_headers)
    check(view, "dropped")
    view.viewport().grab()
    assert view.layer.folded
    check(view, "still again")

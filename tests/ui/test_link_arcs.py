"""Link arcs after edits: only the moved events' arcs are made again, and the frame is
still the frame of a full layout, pixel for pixel; links are indexed when first drawn."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.ui.images import differing


def test_link_arcs_after_drags_are_those_of_a_fresh_layout(dense_canvas):
    """After drags only the moved events' arcs are made again (the others' are kept):
    the frame must still equal one drawn from a full layout, every arc made anew."""
    view, session, selection = dense_canvas.view, dense_canvas.session, dense_canvas.selection
    view.zoom_by(1.5 / view.scale.px_per_day, 500.0)  # links drawn, ~40 events in view
    view.rebuild()
    layer = view.timeline.links
    inner = view.viewport().rect().adjusted(250, 60, -100, -40)
    left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    dragged = 0
    for event_id in sorted(view.timeline.shown_ids()):
        body = view.timeline.first_body(event_id)
        if body is None or not layer.links_of(event_id):
            continue
        start = view.mapFromScene(body.center())
        if not inner.contains(start):
            continue
        before = session.undo_stack.count()
        QTest.mousePress(view.viewport(), left, plain, start)
        QTest.mouseMove(view.viewport(), start + QPoint(20, 0))
        QTest.mouseMove(view.viewport(), start + QPoint(45 if dragged % 2 else -45, 0))
        QTest.mouseRelease(view.viewport(), left, plain,
                           start + QPoint(45 if dragged % 2 else -45, 0))
        assert session.undo_stack.count() == before + 1
        view.viewport().grab()  # the arcs in view are made (and kept) here
        dragged += 1
        if dragged == 4:
            break
    assert dragged == 4
    selection.select([])
    # Gather the link window around this view again (its arcs kept): how an arc is
    # cut depends on the window, and a fresh layout gathers one around this view.
    layer._window = None
    patched = view.viewport().grab().toImage()
    view.rebuild()
    fresh = view.viewport().grab().toImage()
    assert patched == fresh, f"{differing(patched, fresh)} pixels differ"


def test_links_are_indexed_only_when_first_drawn(dense_canvas):
    """Opening zoomed out with nothing selected draws no link: the links are not indexed
    for the first frame (0.2 s at 100,000 events); selecting an event draws its links."""
    view, session, selection = dense_canvas.view, dense_canvas.session, dense_canvas.selection
    layer = view.timeline.links
    view.viewport().grab()
    assert layer.only is not None and layer._maps is None
    chosen = next(e.id for e in session.project.events if layer.links_of(e.id))
    assert layer._maps is not None
    bare = view.viewport().grab().toImage()
    selection.select([chosen])
    assert view.viewport().grab().toImage() != bare  # its links (and outline) show
    assert {lk.key for lk in layer._forced_links().values()} == {
        lk.key for lk in session.project.links
        if chosen in {layer.owner_of(lk.source), layer.owner_of(lk.target)}
        and layer.owner_of(lk.source) != layer.owner_of(lk.target)}

"""The canvas's axis and lane headers are drawn from kept pixmaps: every frame must
be what drawing them afresh gives, pixel for pixel, and a kept pixmap must be
drawn again when what it shows changes (scroll, zoom, lanes, palette, lane drag)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QPalette

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.ui.timeline_view import TimelineView
from tests.ui.conftest import go_dark, open_canvas
from tests.ui.images import differing


@pytest.fixture
def canvas(qtbot, qapp, demo_file):
    old = QPalette(qapp.palette())
    canvas = open_canvas(qtbot, demo_file, 900, 420)  # short: the lanes scroll
    yield canvas.view, canvas.session
    canvas.session.close()
    qapp.setPalette(old)


def check(view: TimelineView, step: str) -> None:
    """A frame from the kept pixmaps (as they are after the last frame) equals one
    drawn afresh."""
    kept = view.viewport().grab().toImage()
    view.overlay.keep_pixmaps = False
    fresh = view.viewport().grab().toImage()
    view.overlay.keep_pixmaps = True
    view.viewport().grab()  # the pixmaps of this state, kept for the next step
    assert kept == fresh, f"{step}: {differing(kept, fresh)} pixels differ"


def test_kept_axis_and_headers_are_drawn_again_when_they_change(canvas, qapp):
    view, session = canvas
    view.viewport().grab()
    check(view, "opened")
    view.zoom_by(2.0, 400.0)
    check(view, "zoomed")
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 150)
    check(view, "panned")
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    check(view, "scrolled down")
    key = next(band.key for band in view.timeline.lanes if band.key)
    view.toggle_lane(key)
    check(view, "lane collapsed")
    view.mouse.lane_drag = (key, 120.0)
    check(view, "lane dragged")
    view.mouse.lane_drag = None
    track = next(t for t in session.project.tracks if t.id == key)
    assert session.apply(ChangeSet(tracks=tuple(replace(t, name="Renamed track")
                                                if t is track else t
                                                for t in session.project.tracks)), "Rename")
    check(view, "lane renamed")
    view.set_color_by("party")
    check(view, "legend by party")
    go_dark(qapp)
    check(view, "dark")
    view.resize(700, 380)
    qapp.processEvents()
    check(view, "resized")

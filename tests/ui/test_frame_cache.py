"""The canvas's frame cache paints the very pixels of an uncached repaint.

Two views show one session: one caches its frames (repainting only what
changed), the other paints every frame whole. After each step of a sequence
(moves by keyboard and by mouse, selection changes, pans, zooms, a palette
switch; and in a child process the same at a device pixel ratio of 2) both
are grabbed and must be equal, pixel for pixel, and the cached one must
really have repainted only part of the frame where little changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QRegion
from PySide6.QtTest import QTest

from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from canvas_bench import make_project  # noqa: E402


def differing(a: QImage, b: QImage) -> int:
    """How many pixels of two images of one size differ."""
    return sum(1 for y in range(a.height()) for x in range(a.width())
               if a.pixel(x, y) != b.pixel(x, y))


class Pair:
    """A caching view and a plain one over one session and selection."""

    def __init__(self, session: ProjectSession, selection: EventSelection, qtbot) -> None:
        self.cached = TimelineView(session, selection)
        self.plain = TimelineView(session, selection)
        self.plain.frame_cache.enabled = False
        self.partial = 0  # frames the cached view painted only in part
        for view in (self.cached, self.plain):
            qtbot.addWidget(view)
            view.resize(1000, 640)
            view.show()

    def both(self, act) -> None:
        """Do the same to both views."""
        for view in (self.cached, self.plain):
            act(view)

    def check(self, step: str) -> None:
        """Grab both; they must be equal."""
        a = self.cached.viewport().grab().toImage()
        b = self.plain.viewport().grab().toImage()
        assert a.size() == b.size(), step
        if a != b:
            a.save(f"/tmp/frame-cache-{step}-cached.png")
            b.save(f"/tmp/frame-cache-{step}-plain.png")
        assert a == b, f"{step}: {differing(a, b)} pixels differ"
        parts = self.cached.frame_cache.last_parts
        whole = QRegion(self.cached.viewport().rect())
        if not parts.isEmpty() and parts != whole:
            self.partial += 1


def shown_event(view: TimelineView) -> str:
    """An event drawn well inside the view, away from its edges."""
    for margin in (250, 120, 20):
        inner = view.viewport().rect().adjusted(margin + 170, margin // 2 + 50, -margin,
                                                -margin // 2)
        for event_id in sorted(view.timeline.shown_ids()):
            glyphs = view.timeline.glyphs_of(event_id)
            if glyphs and inner.contains(
                    view.mapFromScene(view.timeline.body_rect(glyphs[0]).center())):
                return event_id
    raise AssertionError("no event inside the view")


@pytest.fixture
def dense_file(tmp_path: Path) -> Path:
    """A generated project of 600 events with links between them."""
    path = tmp_path / "dense.sqlite"
    make_project(path, 600)
    return path


@pytest.fixture
def restore_palette(qapp):
    old = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(old)


def run_sequence(pair: Pair, session: ProjectSession, selection: EventSelection,
                 qapp) -> None:
    """Moves, selections, pans, zooms and a palette switch, checked after each."""
    pair.check("opened")
    pair.both(lambda v: v.zoom_by(3.0, 500.0))
    pair.check("zoomed-in")  # the selection's links only (zoomed out)
    pair.both(lambda v: v.zoom_by(10.0 / v.scale.px_per_day, 500.0))
    pair.check("zoomed-to-10")  # every link in view
    chosen = shown_event(pair.cached)
    selection.select([chosen])
    pair.check("selected")
    assert pair.cached.edits.nudge_selected(3, "day")
    pair.check("nudged")
    assert pair.cached.edits.nudge_selected(-2, "week")
    pair.check("nudged-back")
    other = shown_event(pair.cached)
    selection.select([other])
    pair.check("selected-other")
    # The same drag in both views (each shows its own preview); only one drops it.
    view = pair.cached
    start = view.mapFromScene(view.timeline.body_rect(
        view.timeline.glyphs_of(other)[0]).center())
    left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    pair.both(lambda v: QTest.mousePress(v.viewport(), left, plain, start))
    for dx in (20, 60):
        for v in (pair.cached, pair.plain):
            QTest.mouseMove(v.viewport(), start + QPoint(dx, 0))
        pair.check(f"dragging-{dx}")
    assert pair.plain.mouse.cancel()
    QTest.mouseRelease(view.viewport(), left, plain, start + QPoint(60, 0))
    QTest.mouseRelease(pair.plain.viewport(), left, plain, start + QPoint(60, 0))
    pair.check("dropped")
    selection.select([])
    pair.check("unselected")
    pair.both(lambda v: v.horizontalScrollBar().setValue(v.horizontalScrollBar().value() + 90))
    pair.check("panned")
    pair.both(lambda v: v.verticalScrollBar().setValue(v.verticalScrollBar().value() + 45))
    pair.check("panned-down")
    selection.select([shown_event(pair.cached)])
    assert pair.cached.edits.move_selected_to_lane(1)
    pair.check("to-next-lane")
    session.undo_stack.undo()
    pair.check("undone")
    pair.both(lambda v: v.zoom_by(0.5, 300.0))
    pair.check("zoomed-out")
    dark = QPalette(qapp.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    qapp.setPalette(dark)
    qapp.processEvents()
    pair.check("dark")
    selection.select([shown_event(pair.cached)])
    pair.check("dark-selected")
    assert pair.cached.edits.nudge_selected(1, "week")
    pair.check("dark-nudged")


def test_cached_frames_match_uncached_ones(qtbot, qapp, dense_file, restore_palette):
    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, qtbot)
    session.open(dense_file)
    try:
        run_sequence(pair, session, selection, qapp)
    finally:
        session.close()
    # Where little changed the cached view repainted only part of its frame.
    assert pair.partial >= 5


def test_cached_frames_match_on_the_sample_project(qtbot, qapp, demo_file, restore_palette):
    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, qtbot)
    session.open(demo_file)
    try:
        run_sequence(pair, session, selection, qapp)
    finally:
        session.close()


def test_a_stale_frame_is_caught(qtbot, qapp, dense_file):
    """The comparison itself works: a change the cache is not told of shows up."""
    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, qtbot)
    session.open(dense_file)
    try:
        pair.both(lambda v: v.zoom_by(6.0, 500.0))
        pair.check("zoomed")
        chosen = shown_event(pair.cached)
        for view in (pair.cached, pair.plain):  # selected behind the cache's back
            view.timeline.selected = {chosen}
        a = pair.cached.viewport().grab().toImage()
        b = pair.plain.viewport().grab().toImage()
        assert a != b
    finally:
        session.close()


SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    sys.path.insert(0, {tests!r})
    from ui.test_frame_cache import Pair, run_sequence
    from negotiator_gui.ui.selection import EventSelection
    from negotiator_gui.ui.session import ProjectSession

    class Bot:
        def addWidget(self, widget):
            pass

    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, Bot())
    session.open(Path({path!r}))
    assert pair.cached.viewport().devicePixelRatioF() == 2.0
    run_sequence(pair, session, selection, app)
    assert pair.partial >= 5, pair.partial
    session.close()
    print("SAME")
""")


def test_cached_frames_match_at_pixel_ratio_2(dense_file):
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    script = SCRIPT.format(tests=str(ROOT / "tests"), path=str(dense_file))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0 and "SAME" in done.stdout, done.stderr[-3000:]


def test_frame_is_not_painted_again_when_nothing_changed(qtbot, dense_file):
    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, qtbot)
    session.open(dense_file)
    try:
        pair.check("first")
        pair.cached.viewport().grab()
        assert pair.cached.frame_cache.last_parts.isEmpty()
        assert QRect() == pair.cached.frame_cache.last_parts.boundingRect()
    finally:
        session.close()


def test_window_patch_keeps_buckets_as_a_full_sort_would(qtbot, dense_file):
    """After edits, each bucket of the link window holds what sorting all anew gives."""
    session, selection = ProjectSession(), EventSelection()
    pair = Pair(session, selection, qtbot)
    session.open(dense_file)
    try:
        pair.both(lambda v: v.zoom_by(10.0 / v.scale.px_per_day, 500.0))
        pair.check("zoomed")
        layer = pair.cached.timeline.links
        patched = 0
        for days in (3, -9, 40, -2):
            selection.select([shown_event(pair.cached)])
            assert pair.cached.edits.nudge_selected(days, "day")
            pair.check(f"nudged-{days}")
            window = layer._window
            assert window is not None
            buckets = [{id(e) for e in bucket} for bucket in window.buckets]
            counts = [len(bucket) for bucket in window.buckets]
            window._sort_into_buckets()
            assert buckets == [{id(e) for e in bucket} for bucket in window.buckets]
            assert counts == [len(bucket) for bucket in window.buckets]  # none twice
            patched += 1
        assert patched == 4
    finally:
        session.close()


def test_a_click_selects_without_scrolling(qtbot, dense_file):
    """Pressing an event near the view's edge selects it where it is (the frame
    before the press stays valid); selecting from elsewhere still scrolls to it."""
    session, selection = ProjectSession(), EventSelection()
    view = TimelineView(session, selection)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    session.open(dense_file)
    try:
        view.zoom_by(10.0 / view.scale.px_per_day, 500.0)
        chosen = shown_event(view)
        body = view.timeline.body_rect(view.timeline.glyphs_of(chosen)[0])
        bar = view.horizontalScrollBar()
        # Put the event's middle 15 pixels from the right edge.
        bar.setValue(bar.value() + view.mapFromScene(body.center()).x()
                     - (view.viewport().width() - 15))
        before = bar.value()
        point = view.mapFromScene(body.center())
        assert view.viewport().width() - 20 <= point.x() < view.viewport().width()
        left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(view.viewport(), left, plain, point)
        QTest.mouseRelease(view.viewport(), left, plain, point)
        assert selection.ids == [chosen]
        assert bar.value() == before
        assert view.follow_selection
        selection.select([])
        bar.setValue(bar.minimum())
        selection.select([chosen])
        assert bar.value() != bar.minimum()
    finally:
        session.close()


def test_link_arcs_after_drags_are_those_of_a_fresh_layout(qtbot, dense_file):
    """After drags only the moved events' arcs are made again (the others' are kept):
    the frame must still equal one drawn from a full layout, every arc made anew."""
    session, selection = ProjectSession(), EventSelection()
    view = TimelineView(session, selection)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    session.open(dense_file)
    try:
        view.zoom_by(1.5 / view.scale.px_per_day, 500.0)  # links drawn, ~40 events in view
        view.rebuild()
        layer = view.timeline.links
        inner = view.viewport().rect().adjusted(250, 60, -100, -40)
        left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        dragged = 0
        for event_id in sorted(view.timeline.shown_ids()):
            glyphs = view.timeline.glyphs_of(event_id)
            if not glyphs or not layer.links_of(event_id):
                continue
            start = view.mapFromScene(view.timeline.body_rect(glyphs[0]).center())
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
        patched = view.viewport().grab().toImage()
        view.rebuild()
        fresh = view.viewport().grab().toImage()
        assert patched == fresh, f"{differing(patched, fresh)} pixels differ"
    finally:
        session.close()

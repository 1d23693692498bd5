"""A click on an event selects it where it is: the view does not scroll (a drag that
starts there keeps its event under the pointer). A selection made elsewhere (the
tables, the filter, the keyboard) still scrolls the event into view."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from canvas_bench import make_project  # noqa: E402


def test_a_click_selects_without_scrolling(qtbot, tmp_path):
    path = tmp_path / "dense.sqlite"
    make_project(path, 600)
    session, selection = ProjectSession(), EventSelection()
    view = TimelineView(session, selection)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    session.open(path)
    try:
        view.zoom_by(10.0 / view.scale.px_per_day, 500.0)
        view.rebuild()
        chosen = next(i for i in sorted(view.timeline.shown_ids())
                      if view.timeline.glyphs_of(i))
        body = view.timeline.body_rect(view.timeline.glyphs_of(chosen)[0])
        view.ensureVisible(body, 10, 80)
        bar = view.horizontalScrollBar()
        # The event's middle 15 pixels from the right edge: its label is out of view.
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

"""A click on an event selects it where it is: the view does not scroll (a drag that
starts there keeps its event under the pointer). A selection made elsewhere (the
tables, the filter, the keyboard) still scrolls the event into view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def test_a_click_selects_without_scrolling(dense_canvas):
    view, selection = dense_canvas.view, dense_canvas.selection
    view.zoom_by(10.0 / view.scale.px_per_day, 500.0)
    view.rebuild()
    chosen = next(i for i in sorted(view.timeline.shown_ids())
                  if view.timeline.first_body(i) is not None)
    body = view.timeline.first_body(chosen)
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

"""Direct editing on the timeline, driven like a user and checked in the file on disk."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def on_disk(path):
    with ProjectStore.open(path, read_only=True) as store:
        return {e.id: e for e in store.load().events}


def open_window(window: MainWindow, path, px_per_day: float = 12.0) -> MainWindow:
    assert window.open_path(path)
    view = window.view
    view.scale = view.scale.zoomed(px_per_day / view.scale.px_per_day)
    view.rebuild()
    first = min(e.start.first_day().toordinal() for e in window.session.project.events)
    view._scroll_to_day(first - 5, 180)
    return window


def point_of(window: MainWindow, event_id: str, where: str = "middle") -> QPoint:
    timeline = window.view.timeline
    window.view.ensureVisible(timeline.bounds_of(event_id)[0], 200, 50)
    body = timeline.drawn_body(event_id)
    x = {"middle": body.center().x(), "start": body.left() + 1, "end": body.right() - 1}[where]
    return window.view.mapFromScene(QPointF(x, body.center().y()))


def drag(qtbot, window: MainWindow, start: QPoint, end: QPoint, modifier=NO_MOD) -> None:
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, LEFT, modifier, start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    qtbot.mouseMove(viewport, middle)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, modifier, end)


def days(window: MainWindow, n: int) -> int:
    return round(n * window.view.scale.px_per_day)


def test_dragging_an_event_moves_it_in_time_as_one_undo_step(window, demo_file, qtbot):
    open_window(window, demo_file)
    start = point_of(window, "almaty-2")
    drag(qtbot, window, start, start + QPoint(days(window, 7), 0))
    moved = on_disk(demo_file)["almaty-2"]
    assert (moved.start, moved.end) == (PartialDate(2013, 4, 12), PartialDate(2013, 4, 13))
    assert window.session.undo_stack.count() == 1
    assert window.session.undo_stack.text(0) == "Move “Almaty talks, second round”"
    window.session.undo_stack.undo()
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 5)


def test_dragging_into_another_lane_changes_the_track(window, demo_file, qtbot):
    open_window(window, demo_file)
    start = point_of(window, "almaty-2")
    lane = next(b for b in window.view.timeline.lanes if b.key == "experts")
    target_y = window.view.mapFromScene(QPointF(0, lane.top + lane.height / 2)).y()
    drag(qtbot, window, start, QPoint(start.x(), target_y))
    moved = on_disk(demo_file)["almaty-2"]
    assert moved.track == "experts"
    assert moved.start == PartialDate(2013, 4, 5)


def test_dragging_either_edge_changes_start_or_end(window, demo_file, qtbot):
    open_window(window, demo_file, px_per_day=30.0)
    right = point_of(window, "almaty-2", "end")
    drag(qtbot, window, right, right + QPoint(days(window, 2), 0))
    assert on_disk(demo_file)["almaty-2"].end == PartialDate(2013, 4, 8)
    left = point_of(window, "almaty-2", "start")
    drag(qtbot, window, left, left - QPoint(days(window, 3), 0))
    event = on_disk(demo_file)["almaty-2"]
    assert (event.start, event.end) == (PartialDate(2013, 4, 2), PartialDate(2013, 4, 8))
    assert window.session.undo_stack.count() == 2


def test_a_month_known_event_moves_by_whole_months(window, demo_file, qtbot):
    open_window(window, demo_file)
    start = point_of(window, "iaea-tehran-2013-02")
    drag(qtbot, window, start, start + QPoint(days(window, 31), 0))
    assert on_disk(demo_file)["iaea-tehran-2013-02"].start == PartialDate(2013, 3)


def test_escape_during_a_drag_puts_everything_back(window, demo_file, qtbot):
    open_window(window, demo_file)
    before = on_disk(demo_file)
    viewport = window.view.viewport()
    start = point_of(window, "almaty-2")
    timeline = window.view.timeline
    before_body = timeline.drawn_body("almaty-2")
    qtbot.mousePress(viewport, LEFT, NO_MOD, start)
    qtbot.mouseMove(viewport, start + QPoint(40, 0))
    qtbot.mouseMove(viewport, start + QPoint(90, 0))
    assert timeline.drawn_body("almaty-2").x() > before_body.x()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert timeline.drawn_body("almaty-2") == before_body
    qtbot.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(90, 0))
    assert on_disk(demo_file) == before
    assert window.session.undo_stack.count() == 0


def test_ctrl_click_and_rubber_band_select_and_a_selection_moves_together(window, demo_file,
                                                                          qtbot):
    open_window(window, demo_file)
    viewport = window.view.viewport()
    qtbot.mouseClick(viewport, LEFT, NO_MOD, point_of(window, "almaty-1"))
    qtbot.mouseClick(viewport, LEFT, Qt.KeyboardModifier.ControlModifier,
                     point_of(window, "istanbul-experts"))
    assert set(window.selection.ids) == {"almaty-1", "istanbul-experts"}
    start = point_of(window, "istanbul-experts")
    drag(qtbot, window, start, start + QPoint(days(window, 1), 0))
    events = on_disk(demo_file)
    assert events["almaty-1"].start == PartialDate(2013, 2, 27)
    assert events["istanbul-experts"].start == PartialDate(2013, 3, 19)
    assert window.session.undo_stack.count() == 1
    # Shift+drag over empty space selects what the rectangle touches.
    window.selection.clear()
    a = point_of(window, "icg-report")
    b = point_of(window, "istanbul-experts")
    drag(qtbot, window, QPoint(a.x() - 20, a.y() - 12), QPoint(b.x() + 20, b.y() + 12),
         Qt.KeyboardModifier.ShiftModifier)
    assert {"almaty-1", "istanbul-experts", "icg-report"} <= set(window.selection.ids)


def test_double_click_on_empty_space_creates_an_event_there(window, demo_file, qtbot):
    open_window(window, demo_file)
    lane = next(b for b in window.view.timeline.lanes if b.key == "security-council")
    x = window.view.mapFromScene(QPointF(window.view.scale.x_of(
        PartialDate(2013, 3, 10).first_day()) + 2, 0)).x()
    y = window.view.mapFromScene(QPointF(0, lane.top + lane.height / 2)).y()
    qtbot.mouseDClick(window.view.viewport(), LEFT, NO_MOD, QPoint(x, y))
    created = [e for e in on_disk(demo_file).values() if e.title == "New event"]
    assert len(created) == 1
    assert created[0].track == "security-council"
    assert created[0].start == PartialDate(2013, 3, 10)
    assert window.selection.ids == [created[0].id]


def test_delete_copy_paste_and_duplicate_from_the_keyboard(window, demo_file, qtbot):
    open_window(window, demo_file)
    view = window.view
    view.setFocus()
    window.selection.select(["almaty-1"])
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    events = on_disk(demo_file)
    pasted = [e for e in events.values() if e.title == "Almaty talks, first round"
              and e.id != "almaty-1"]
    assert len(pasted) == 1 and len(pasted[0].items) == 4
    assert window.selection.ids == [pasted[0].id]
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert any(e.title.endswith("(copy)") for e in on_disk(demo_file).values())
    window.selection.select(["icg-report"])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    events = on_disk(demo_file)
    assert "icg-report" not in events
    with ProjectStore.open(demo_file, read_only=True) as store:
        links = store.load().links
    assert links and not any(lk.source.startswith("icg-") or lk.target.startswith("icg-")
                             for lk in links)
    window.session.undo_stack.undo()
    assert "icg-report" in on_disk(demo_file)


def test_arrow_keys_nudge_and_repeated_nudges_are_one_step(window, demo_file, qtbot):
    open_window(window, demo_file)
    view = window.view
    view.setFocus()
    window.selection.select(["almaty-2"])
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 8)
    assert window.session.undo_stack.count() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert on_disk(demo_file)["almaty-2"].track == "experts"
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert on_disk(demo_file)["almaty-2"].start == PartialDate(2013, 4, 5)


def test_tab_steps_through_events_and_enter_opens_one(window, demo_file, qtbot):
    open_window(window, demo_file)
    view = window.view
    view.setFocus()
    opened: list[str] = []
    view.open_requested.connect(opened.append)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.selection.ids == ["iaea-tehran-2013-02"]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.selection.ids == ["icg-report"]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == ["icg-report"]


def test_lanes_collapse_reorder_and_switch_mode(window, demo_file, qtbot):
    open_window(window, demo_file)
    view = window.view
    experts = next(b for b in view.timeline.lanes if b.key == "experts")
    y = view.mapFromScene(QPointF(0, experts.top + 10)).y()
    qtbot.mouseClick(view.viewport(), LEFT, NO_MOD, QPoint(8, y))
    assert "experts" in view.options.collapsed
    assert view.timeline.glyphs_of("istanbul-experts") == []
    view.edits.reorder_tracks("security-council", 0)
    with ProjectStore.open(demo_file, read_only=True) as store:
        tracks = store.load().tracks
        assert tracks[0].id == "security-council"
        assert "experts" in store.settings()["canvas"]
    view.set_lane_mode("party")
    assert "Iran" in [b.title for b in view.timeline.lanes]
    assert len(view.timeline.glyphs_of("almaty-1")) == 3  # P5+1, Iran and EU lanes


def test_context_menu_on_an_event_offers_its_actions(window, demo_file, qtbot):
    open_window(window, demo_file)
    menu = window.view.menus.menu_at(point_of(window, "almaty-1"))
    texts = [a.text() for a in menu.actions() if a.text()]
    assert "Delete" in texts and "Duplicate" in texts and "Open in Inspector" in texts
    assert window.selection.ids == ["almaty-1"]
    empty = window.view.menus.menu_at(QPoint(700, 700))
    assert [a.text() for a in empty.actions() if a.text()][0] == "New Event Here"


def test_selecting_an_item_highlights_its_partners(window, demo_file, qtbot):
    open_window(window, demo_file)
    window.selection.set_current_item("a2-iran-response")
    assert window.view.timeline.highlighted == {"almaty-1", "almaty-2"}


def test_read_only_projects_cannot_be_dragged(window, demo_file, qtbot):
    assert window.open_path(demo_file, read_only=True)
    before = on_disk(demo_file)
    start = point_of(window, "almaty-2")
    drag(qtbot, window, start, start + QPoint(80, 0))
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert on_disk(demo_file) == before
    assert QApplication.clipboard() is not None


def test_dragging_a_lane_header_reorders_the_tracks(window, demo_file, qtbot):
    open_window(window, demo_file)
    view = window.view
    lanes = {b.key: b for b in view.timeline.lanes}
    src = lanes["security-council"]
    dst = lanes["political"]
    start = QPoint(80, view.mapFromScene(QPointF(0, src.top + 10)).y())
    end = QPoint(80, view.mapFromScene(QPointF(0, dst.top + 10)).y())
    drag(qtbot, window, start, end)
    with ProjectStore.open(demo_file, read_only=True) as store:
        order = [t.id for t in sorted(store.load().tracks, key=lambda t: t.order)]
    assert order[0] == "security-council"
    window.session.undo_stack.undo()
    with ProjectStore.open(demo_file, read_only=True) as store:
        order = [t.id for t in sorted(store.load().tracks, key=lambda t: t.order)]
    assert order[0] == "political"

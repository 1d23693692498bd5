"""The first window: the sample on a timeline, bad files in a dialog, File menu."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from negotiator_gui import app as app_module
from negotiator_gui.ui.main_window import MainWindow
from tests.conftest import sha256


def error_box(window: MainWindow) -> QMessageBox | None:
    return window.findChild(QMessageBox, "errorBox")


def test_the_sample_opens_with_a_lane_per_track_and_every_event(window, demo_file):
    assert window.open_path(demo_file)
    lanes = [lane.title for lane in window.view.timeline.lanes]
    assert lanes == ["Political directors", "Technical experts", "IAEA–Iran",
                     "Security Council"]
    assert set(window.view.timeline.event_items) == {
        "iaea-tehran-2013-02", "icg-report", "almaty-1", "istanbul-experts", "almaty-2"}
    assert window.windowTitle() == "almaty.sqlite — Negotiator"
    assert not window.banner.isVisible()
    assert "5 events" in window.statusBar().currentMessage()


def test_events_sit_at_their_dates_in_their_lane(window, demo_file):
    window.open_path(demo_file)
    timeline = window.view.timeline
    rects = {k: timeline.bounds_of(k)[0] for k in timeline.event_items}
    first, second = rects["almaty-1"], rects["almaty-2"]
    assert first.left() < rects["istanbul-experts"].left()
    assert rects["istanbul-experts"].left() < second.left()
    lanes = window.view.timeline.lanes
    experts = lanes[1]
    y = rects["istanbul-experts"].center().y()
    assert experts.top <= y <= experts.top + experts.height


def test_every_event_is_visible_after_opening(window, demo_file):
    window.open_path(demo_file)
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for event_id in view.timeline.event_items:  # across: lanes may scroll down
        rect = view.timeline.bounds_of(event_id)[0].adjusted(-3, -3, 3, 3)  # as painted
        assert visible.left() <= rect.left() and rect.right() <= visible.right(), event_id


def test_a_bad_file_gets_a_dialog_and_the_window_stays_usable(window, demo_file, tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a project")
    before = sha256(bad)
    assert window.open_path(demo_file)
    assert not window.open_path(bad)
    box = error_box(window)
    assert box is not None and box.isVisible()
    assert "this is a text file, not a Negotiator project" in box.informativeText()
    assert sha256(bad) == before
    assert window.session.path == demo_file
    assert window.windowTitle() == "almaty.sqlite — Negotiator"
    box.accept()
    assert window.open_path(demo_file)


def test_a_read_only_file_is_marked_in_the_title_and_a_banner(window, demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA user_version = 50")
    conn.commit()
    conn.close()
    assert window.open_path(demo_file)
    assert window.windowTitle() == "almaty.sqlite [read-only] — Negotiator"
    assert window.banner.isVisible()
    assert "made by a newer version of Negotiator" in window.banner.text()


def test_new_project_is_made_and_shown(window, tmp_path):
    assert window.create_project(tmp_path / "talks")
    assert (tmp_path / "talks.sqlite").exists()
    assert window.windowTitle() == "talks.sqlite — Negotiator"
    assert window.settings.recent_files()[0] == tmp_path / "talks.sqlite"


def test_recent_files_reopen_from_the_menu(window, demo_file, empty_file, qtbot):
    window.open_path(demo_file)
    window.open_path(empty_file)
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert names[:2] == ["empty.sqlite", "almaty.sqlite"]
    window.recent_menu.actions()[1].trigger()
    assert window.session.path == demo_file


def test_ctrl_wheel_zooms_about_the_pointer_and_keys_zoom(window, demo_file, qtbot):
    window.open_path(demo_file)
    view = window.view
    before = view.scale.px_per_day
    point = QPointF(600, 300)
    day_before = view.scale.day_at(view.mapToScene(point.toPoint()).x())
    wheel = QWheelEvent(point, view.viewport().mapToGlobal(point), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(wheel)
    assert view.scale.px_per_day > before
    day_after = view.scale.day_at(view.mapToScene(point.toPoint()).x())
    assert abs(day_after - day_before) < 1
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.scale.px_per_day < before * 1.25


def test_the_gui_command_line_refuses_unknown_options(qapp, capsys):
    assert app_module.main(["negotiator-gui", "--bogus"]) == 2
    assert "usage: negotiator-gui" in capsys.readouterr().err


def test_dropping_a_file_opens_it(window, demo_file):
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDropEvent
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(demo_file))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.path == Path(demo_file)


def test_the_gui_command_opens_a_given_file_read_only(qapp, monkeypatch, demo_file):
    shown: list[MainWindow] = []

    class Recording(MainWindow):
        def show(self) -> None:
            shown.append(self)

    monkeypatch.setattr(app_module, "MainWindow", Recording)
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)
    assert app_module.main(["negotiator-gui", str(demo_file), "--read-only"]) == 0
    window = shown[0]
    assert window.session.path == demo_file
    assert window.session.read_only_reason == "it was opened read-only as asked"
    assert window.windowTitle() == "almaty.sqlite [read-only] — Negotiator"
    window.close()
    window.deleteLater()


def test_the_filter_bar_dims_or_hides_events_on_the_canvas(window, demo_file, qtbot):
    from negotiator_gui.domain.filtering import FilterSpec
    window.open_path(demo_file)
    window.filter_bar.set_spec(FilterSpec(text="Almaty"))
    dimmed = window.view.timeline.dimmed
    assert dimmed == {"iaea-tehran-2013-02", "icg-report"}  # Istanbul's summary names Almaty
    assert "filter:" in window.statusBar().currentMessage()
    window.filter_bar.set_spec(FilterSpec(text="Almaty", mode="hide"))
    shown = {"almaty-1", "almaty-2", "istanbul-experts"}
    assert set(window.view.timeline.event_items) == shown
    window.session.reload()
    assert set(window.view.timeline.event_items) == shown


def test_enter_on_the_canvas_opens_the_event_in_the_inspector(window, demo_file, qtbot):
    window.open_path(demo_file)
    window.view.setFocus()
    window.selection.select(["almaty-2"])
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert window.inspector.isVisible()
    focused = QApplication.focusWidget()
    assert focused is not None and focused.text() == "Almaty talks, second round"
    qtbot.keyClicks(focused, "Almaty II")
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    from negotiator_gui.storage.project_store import ProjectStore
    with ProjectStore.open(demo_file, read_only=True) as store:
        titles = {e.id: e.title for e in store.load().events}
    assert titles["almaty-2"] == "Almaty II"


def test_ctrl_t_gives_the_keyboard_to_the_events_table(window, demo_file, qtbot):
    window.open_path(demo_file)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.table_dock.events_view
    qtbot.keyClick(window.table_dock.events_view, Qt.Key.Key_Down)
    assert len(window.selection.ids) == 1


def test_save_a_copy_writes_a_consistent_copy_and_keeps_the_original_open(window, demo_file,
                                                                          tmp_path):
    window.open_path(demo_file)
    copy = tmp_path / "copy.sqlite"
    assert window.save_copy_to(copy)
    from negotiator_gui.storage.project_store import ProjectStore
    with ProjectStore.open(copy, read_only=True) as store:
        assert len(store.load().events) == 5
    assert window.session.path == demo_file
    assert not window.save_copy_to(demo_file)


def test_window_geometry_and_docks_are_remembered(qtbot, settings, demo_file):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.table_dock.hide()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (700, 500)
    assert not second.table_dock.isVisible()

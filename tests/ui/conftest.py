"""Fixtures for window tests: a window with its own private settings file."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette

from negotiator_gui import app as app_module
from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.inspector_dock import InspectorDock
from negotiator_gui.ui.main_window import MainWindow
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_view import TimelineView
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))  # canvas_bench makes generated projects


@pytest.fixture
def settings(tmp_path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings, qapp) -> MainWindow:
    # Clicks of one test must never pair up with the last click of the one before
    # into a double-click: tests send double-clicks explicitly (qtbot.mouseDClick).
    qapp.styleHints().setMouseDoubleClickInterval(1)
    qtbot.wait(5)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def session(qtbot, demo_file):
    """A session on a fresh copy of the sample project."""
    s = ProjectSession()
    s.open(demo_file)
    yield s
    s.close()


@pytest.fixture
def selection() -> EventSelection:
    """A shared selection, empty."""
    return EventSelection()


@pytest.fixture
def dock(qtbot, session, selection) -> InspectorDock:
    """The inspector on the sample project, shown, nothing selected."""
    widget = InspectorDock(session, selection)
    qtbot.addWidget(widget)
    widget.resize(360, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def app_windows(qapp, monkeypatch, settings) -> list[MainWindow]:
    """The windows `negotiator_gui.app.main` makes during the test, each with this
    test's settings; its event loop returns at once. Closed and deleted after."""
    shown: list[MainWindow] = []

    class Recording(MainWindow):
        def __init__(self) -> None:
            super().__init__(settings)
            shown.append(self)

    monkeypatch.setattr(app_module, "MainWindow", Recording)
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)
    yield shown
    for window in shown:
        window.close()
        window.deleteLater()


@dataclass
class Canvas:
    """A canvas alone on its own session and selection."""

    view: TimelineView
    session: ProjectSession
    selection: EventSelection


def go_dark(qapp) -> None:
    """Switch the application to a dark palette (the caller puts the old one back)."""
    dark = QPalette(qapp.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    qapp.setPalette(dark)
    qapp.processEvents()


def open_canvas(qtbot, path, width: int, height: int) -> Canvas:
    """A `width` x `height` canvas, shown, on its own session opened on `path` (close
    the session when done)."""
    session, selection = ProjectSession(), EventSelection()
    view = TimelineView(session, selection)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    session.open(path)
    return Canvas(view, session, selection)


@pytest.fixture
def dense_canvas(qtbot, tmp_path):
    """A 1000x640 canvas on a generated project of 600 events with links between them
    (benchmarks/canvas_bench.py makes it), opened and fitted."""
    from canvas_bench import make_project

    path = tmp_path / "dense.sqlite"
    make_project(path, 600)
    canvas = open_canvas(qtbot, path, 1000, 640)
    yield canvas
    canvas.session.close()

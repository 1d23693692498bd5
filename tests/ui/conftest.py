"""Fixtures for window tests: a window with its own private settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.main_window import MainWindow
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession


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

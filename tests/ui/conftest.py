"""Fixtures for window tests: a window with its own private settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.main_window import MainWindow


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

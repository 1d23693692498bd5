"""The first run: a welcome offering the sample, a new project or an existing one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from negotiator_gui import app as app_module
from negotiator_gui.ui.welcome_dialog import WelcomeDialog


@pytest.fixture
def data(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    monkeypatch.setattr(app_module, "data_dir", lambda: folder)
    return folder


def press(qtbot, dialog: WelcomeDialog, choice: str) -> None:
    qtbot.mouseClick(dialog.buttons[choice], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.wait(10)  # the chosen action runs once the dialog has closed


def test_a_first_run_has_no_start_file_and_a_given_or_remembered_one_wins(window, tmp_path):
    assert app_module.start_file(window, None) is None
    other = tmp_path / "other.sqlite"
    assert app_module.start_file(window, other) == other
    window.settings.add_recent(tmp_path / "last.sqlite")
    assert app_module.start_file(window, None) == tmp_path / "last.sqlite"


def test_the_sample_button_opens_a_copy_of_the_sample_never_the_bundled_file(window, qtbot,
                                                                             data):
    dialog = app_module.welcome(window)
    qtbot.waitExposed(dialog)
    press(qtbot, dialog, "sample")
    copy = data / "Almaty sample.sqlite"
    assert window.session.path == copy and copy.is_file()
    assert window.windowTitle() == "Almaty sample.sqlite — Negotiator"
    assert len(window.session.project.events) >= 5  # the Almaty sample's events
    assert window.settings.last_project() == copy  # the next start skips the welcome


def test_the_new_button_asks_where_and_makes_an_empty_project(window, qtbot, data, monkeypatch,
                                                              tmp_path):
    asked = []
    target = tmp_path / "talks"

    def save_name(*args, **kwargs):
        asked.append(args)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    dialog = app_module.welcome(window)
    press(qtbot, dialog, "new")
    assert asked
    assert window.session.path == tmp_path / "talks.sqlite"
    assert not window.session.project.events
    assert not data.exists()  # no sample made


def test_the_open_button_asks_for_a_file_and_opens_it(window, qtbot, data, monkeypatch,
                                                      demo_file):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(demo_file), "")))
    dialog = app_module.welcome(window)
    press(qtbot, dialog, "open")
    assert window.session.path == demo_file


def test_cancel_leaves_an_empty_window_with_new_and_open(window, qtbot, data):
    dialog = app_module.welcome(window)
    qtbot.waitExposed(dialog)
    dialog.reject()
    qtbot.wait(10)
    assert window.session.store is None
    assert window.actions_.new.isEnabled() and window.actions_.open.isEnabled()
    assert not data.exists()


def test_main_shows_the_welcome_on_a_first_run_only(app_windows, settings, demo_file, data):
    shown = app_windows
    assert app_module.main(["negotiator-gui"]) == 0
    first = shown[-1]
    welcome = first.findChild(WelcomeDialog)
    assert welcome is not None and welcome.isVisible()
    # Behind it, a copy of the sample is open, as the product brief says of a first run.
    assert first.session.path == data / "Almaty sample.sqlite"
    welcome.reject()
    first.close()
    settings.add_recent(demo_file)
    assert app_module.main(["negotiator-gui"]) == 0
    second = shown[-1]
    assert second.findChild(WelcomeDialog) is None
    assert second.session.path == demo_file
    second.close()

"""The entry point pauses the cycle collector for the start and the app resumes it."""

from __future__ import annotations

import gc

from negotiator_gui import app as app_module
from negotiator_gui import launch


def test_the_collector_is_paused_while_the_program_starts(monkeypatch):
    seen = []
    monkeypatch.setattr(app_module, "main", lambda: seen.append(gc.isenabled()) or 0)
    try:
        assert launch.main() == 0
        assert seen == [False]
    finally:
        gc.enable()


def test_the_application_resumes_it_once_the_window_is_up(qtbot, app_windows, demo_file):
    launch.pause_gc()
    try:
        assert app_module.main(["negotiator-gui", str(demo_file)]) == 0
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=2000)
    finally:
        gc.enable()

"""Regenerate the screenshots in docs/ (offscreen) from the sample and the real history.

Run: .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_home = tempfile.mkdtemp(prefix="negotiator-shots-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")

from PySide6.QtCore import QSettings  # noqa: E402

from negotiator_gui.app import make_application  # noqa: E402
from negotiator_gui.domain.dates import PartialDate  # noqa: E402
from negotiator_gui.operations import create_demo, import_file  # noqa: E402
from negotiator_gui.storage.project_store import ProjectStore  # noqa: E402
from negotiator_gui.ui.app_settings import AppSettings  # noqa: E402
from negotiator_gui.ui.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent
HISTORY = DOCS.parent / "tests" / "data" / "iran_nuclear_2002_2016.json"


def window_for(app, project: Path, size=(1440, 860)) -> MainWindow:
    settings = AppSettings(QSettings(os.path.join(_home, f"{project.stem}.ini"),
                                     QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    app.processEvents()
    window.open_path(project)
    app.processEvents()
    return window


def save(app, window: MainWindow, name: str) -> None:
    app.processEvents()
    window.grab().save(str(DOCS / name))
    print(f"wrote {DOCS / name}")


def main() -> int:
    app = make_application(sys.argv[:1])
    sample = Path(_home) / "Almaty sample.sqlite"
    create_demo(sample).close()
    window = window_for(app, sample)
    window.selection.select(["almaty-1"])
    save(app, window, "main-window.png")
    window.close()

    history = Path(_home) / "Iran nuclear talks.sqlite"
    with ProjectStore.create(history) as store:
        import_file(store, HISTORY)
    window = window_for(app, history)
    save(app, window, "history-decades.png")
    view = window.view
    view.zoom_by(12.0 / view.scale.px_per_day)
    view._scroll_to_day(PartialDate(2015, 6, 20).first_day().toordinal(), 180)
    window.selection.select(["jcpoa-concluded"] if any(
        e.id == "jcpoa-concluded" for e in window.session.project.events) else
        [e.id for e in window.session.project.events
         if e.start == PartialDate(2015, 7, 14)][:1])
    view._scroll_to_day(PartialDate(2015, 6, 20).first_day().toordinal(), 180)
    save(app, window, "history-weeks.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the screenshots in docs/ from the sample project (offscreen).

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

from negotiator_gui.app import make_application  # noqa: E402
from negotiator_gui.operations import create_demo  # noqa: E402
from negotiator_gui.ui.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = make_application(sys.argv[:1])
    project = Path(_home) / "Almaty sample.sqlite"
    create_demo(project).close()
    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    window.open_path(project)
    app.processEvents()
    window.grab().save(str(DOCS / "main-window.png"))
    window.close()
    print(f"wrote {DOCS / 'main-window.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

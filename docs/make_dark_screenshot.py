"""Regenerate docs/main-window-dark.png: the sample project in a dark palette (offscreen).

Run: .venv/bin/python docs/make_dark_screenshot.py [--scale 2] [--out PATH]
(--scale 2 paints at 200%, as on a high-density screen; look at it, do not commit it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR to paint at")
    parser.add_argument("--light", action="store_true", help="keep the light palette")
    parser.add_argument("--out", type=Path, default=DOCS / "main-window-dark.png")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="negotiator-shots-")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.update(QT_SCALE_FACTOR=args.scale, XDG_CONFIG_HOME=os.path.join(home, "c"),
                      XDG_DATA_HOME=os.path.join(home, "d"))
    from PySide6.QtCore import QSettings

    from negotiator_gui.app import make_application
    from negotiator_gui.operations import create_demo
    from negotiator_gui.ui import palette
    from negotiator_gui.ui.app_settings import AppSettings
    from negotiator_gui.ui.main_window import MainWindow

    app = make_application(sys.argv[:1])
    app.setStyle("Fusion")
    if not args.light:
        app.setPalette(palette.dark_palette())
    sample = Path(home) / "Almaty sample.sqlite"
    create_demo(sample).close()
    window = MainWindow(AppSettings(QSettings(os.path.join(home, "s.ini"),
                                              QSettings.Format.IniFormat)))
    window.resize(1440, 860)
    window.show()
    app.processEvents()
    window.open_path(sample)
    window.selection.select(["almaty-1"])
    app.processEvents()
    window.grab().save(str(args.out))
    print(f"wrote {args.out}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

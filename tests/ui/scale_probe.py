"""Run with QT_SCALE_FACTOR=2: open the sample, paint the canvas, print what was drawn at
which device pixel ratio (tests/ui/test_scale.py reads the JSON)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def main() -> None:
    app = QApplication(sys.argv)
    from negotiator_gui.operations import create_demo
    from negotiator_gui.ui.app_settings import AppSettings
    from negotiator_gui.ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    create_demo(folder / "sample.sqlite").close()
    window = MainWindow(AppSettings(QSettings(str(folder / "s.ini"),
                                              QSettings.Format.IniFormat)))
    window.resize(1200, 800)
    window.show()
    window.open_path(folder / "sample.sqlite")
    window.view.fit_all()
    app.processEvents()
    grab = window.view.viewport().grab()
    kept = window.view.timeline.glyphs._pixmaps._kept.values()
    legend = window.view.overlay._legend_pixmap
    print(json.dumps({
        "window_ratio": window.devicePixelRatioF(),
        "grab_ratio": grab.devicePixelRatio(),
        "grab_width": grab.width(),
        "viewport_width": window.view.viewport().width(),
        "labels": [pixmap.devicePixelRatio() for _, _, pixmap in kept],
        "label_widths": [[pixmap.width(), pixmap.deviceIndependentSize().width()]
                         for _, _, pixmap in kept],
        "legend_ratio": legend[1].devicePixelRatio() if legend else None,
    }))
    window.close()


if __name__ == "__main__":
    main()

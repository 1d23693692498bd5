"""Crisp at 200%: labels, the legend and the whole canvas are drawn at the screen's
device pixel ratio, not drawn at 100% and stretched."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtGui import QImage, QPainter

from tests.conftest import REPO


def test_at_ratio_2_label_pixmaps_are_made_at_ratio_2(window, demo_file, qtbot):
    assert window.open_path(demo_file)
    view = window.view
    view.fit_all()
    qtbot.waitUntil(lambda: not view._settle.isActive())
    viewport = view.viewport()
    image = QImage(viewport.width() * 2, viewport.height() * 2,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(2)
    painter = QPainter(image)
    view.timeline.glyphs.refresh_palette()  # forget labels drawn on screen at ratio 1
    view.render(painter)
    painter.end()
    kept = list(view.timeline.glyphs._pixmaps._kept.values())
    assert kept
    for _, key, pixmap in kept:
        assert pixmap.devicePixelRatio() == 2
        assert pixmap.width() >= 2 * pixmap.deviceIndependentSize().width() - 1
        assert key[-1] == 2  # a label at another ratio is another label


def test_with_qt_scale_factor_2_the_window_paints_at_ratio_2(tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "tests.ui.scale_probe"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["window_ratio"] == 2 and seen["grab_ratio"] == 2
    assert seen["grab_width"] == 2 * seen["viewport_width"]
    assert seen["labels"] and set(seen["labels"]) == {2.0}
    for pixels, logical in seen["label_widths"]:
        assert pixels >= 2 * logical - 1
    assert seen["legend_ratio"] == 2

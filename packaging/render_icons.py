"""Render the SVG icon into the PNG sizes of resources/icons/hicolor (run after editing the SVG).

Usage: `.venv/bin/python packaging/render_icons.py` from the source checkout. The
PNGs are committed, so neither the build nor the install script needs an SVG
renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from negotiator_gui import APP_ID, ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def png_path(size: int) -> Path:
    """Where the `size` x `size` PNG lives."""
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> Path:
    """Render the SVG at `size` pixels into its PNG; returns the PNG's path.

    Raises:
        RuntimeError: the SVG did not load or the PNG could not be written.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise RuntimeError(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out = png_path(size)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise RuntimeError(f"{out}: could not write the PNG")
    return out


def main() -> int:
    """Render every size; print each file written."""
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    for size in ICON_SIZES:
        print(render(size).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

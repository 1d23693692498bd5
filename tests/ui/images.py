"""Comparing grabbed frames."""

from __future__ import annotations

from PySide6.QtGui import QImage


def differing(a: QImage, b: QImage) -> int:
    """How many pixels differ between two images of one size."""
    return sum(1 for y in range(a.height()) for x in range(a.width())
               if a.pixel(x, y) != b.pixel(x, y))

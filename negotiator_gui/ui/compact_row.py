"""CompactRow: a dense row merged pixel by pixel into one strip, kept while the zoom holds."""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from math import ceil, floor

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.glyph_painter import DIM_OPACITY
from negotiator_gui.ui.lane_rows import ISOLATION, MARKER_HALF, Row

BAR = palette.BAR_HEIGHT
LABEL_REACH = 320.0  # no label reaches further right of its event's body


class CompactRow:
    """What a compact row draws at one zoom: a strip of pixels for the events
    merged, and the events clear of their neighbours, drawn whole (with their
    label where it has room).

    Events that fall within one pixel are merged: the pixel takes the colour
    of the last of them. The strip is one row of pixels stretched to a bar's
    height, so a row of thousands of events is one image to draw.
    """

    __slots__ = ("key", "pixels", "image", "image_rect", "whole", "whole_lefts", "is_whole")

    def __init__(self, key: tuple) -> None:
        self.key = key
        self.pixels = bytearray()  # the image's memory: it must live as long as the image
        self.image: QImage | None = None
        self.image_rect = QRectF()
        self.whole: list[tuple[int, float, float, float]] = []  # index, left, right, next left
        self.whole_lefts: list[float] = []
        self.is_whole = bytearray()

    @classmethod
    def of(cls, row: Row, scale: TimeScale, top: float, hidden: set[str],
           dimmed: set[str], version: int) -> CompactRow:
        """The row's compact drawing, made again only when the zoom, place or fading changed."""
        key = (scale.origin, scale.px_per_day, top, version)
        cached = row.cache
        if cached is not None and cached.key == key:
            return cached
        made = cls(key)
        made._build(row, scale, top, hidden, dimmed)
        row.cache = made
        return made

    def _build(self, row: Row, scale: TimeScale, top: float, hidden: set[str],
               dimmed: set[str]) -> None:
        origin, ppd, half = scale.origin, scale.px_per_day, MARKER_HALF
        xs0 = [(d - origin) * ppd for d in row.starts]
        xs1 = [(d - origin) * ppd for d in row.ends]
        lefts = [(a + b) * 0.5 - half if m else a
                 for a, b, m in zip(xs0, xs1, row.markers, strict=True)]
        rights = [(a + b) * 0.5 + half if m else (b if b > a + 2 else a + 2)
                  for a, b, m in zip(xs0, xs1, row.markers, strict=True)]
        # clear[i]: glyph i is clear of glyph i - 1; whole: clear of both neighbours
        clear = [True, *(r + ISOLATION <= n for r, n in zip(rights, lefts[1:], strict=False))] \
            if lefts else []
        whole = [a and b for a, b in zip(clear, [*clear[1:], True], strict=False)]
        self.is_whole = bytearray(whole)
        inf = float("inf")
        self.whole = [(i, lefts[i], rights[i], lefts[i + 1] if i + 1 < len(lefts) else inf)
                      for i, w in enumerate(whole) if w]
        self.whole_lefts = [w[1] for w in self.whole]
        self._paint_pixels(xs0, xs1, whole, row, top, hidden, dimmed)

    def _paint_pixels(self, xs0: list[float], xs1: list[float], whole: list[bool], row: Row,
                      top: float, hidden: set[str], dimmed: set[str]) -> None:
        """One row of pixels, each in the colour of the (last) event over it, stretched
        to a bar's height when drawn."""
        if all(whole):
            return
        offset = floor(min(x for x, w in zip(xs0, whole, strict=True) if not w))
        firsts = [floor(x) - offset for x in xs0]
        afters = [ceil(x) - offset for x in xs1]
        width = max(a for a, w in zip(afters, whole, strict=True) if not w) + 1
        pixels = bytearray(width * 4)
        if row.pixel_values is None:
            row.pixel_values = [_premultiplied(color, False) for color in row.colors]
        values = row.pixel_values
        if dimmed:
            values = [_premultiplied(c, True) if i in dimmed else v
                      for c, v, i in zip(row.colors, values, row.ids, strict=True)]
        for first, after, value, is_whole, event_id in zip(firsts, afters, values, whole,
                                                          row.ids, strict=True):
            if is_whole or (hidden and event_id in hidden):
                continue
            if after <= first:
                after = first + 1
            pixels[first * 4:after * 4] = value * (after - first)
        self.pixels = pixels
        self.image = QImage(pixels, width, 1, width * 4,
                            QImage.Format.Format_ARGB32_Premultiplied)
        self.image_rect = QRectF(offset, top, width, BAR)

    def paint_merged(self, painter: QPainter) -> None:
        """Draw the merged events (the painter clips to what is exposed)."""
        if self.image is not None:
            painter.drawImage(self.image_rect, self.image)

    def whole_between(self, x_lo: float, x_hi: float) -> list[tuple[int, float, float, float]]:
        """The whole-drawn events whose body or label may show between two scene x."""
        lefts = self.whole_lefts
        first = bisect_left(lefts, x_lo - LABEL_REACH)
        return [w for w in self.whole[first:bisect_right(lefts, x_hi)] if w[3] >= x_lo]


def _premultiplied(color: QColor, faded: bool) -> bytes:
    """A colour as the four bytes of a premultiplied ARGB32 pixel in memory."""
    alpha = DIM_OPACITY if faded else 1.0
    argb = (round(255 * alpha), round(color.red() * alpha), round(color.green() * alpha),
            round(color.blue() * alpha))
    return bytes(argb if sys.byteorder == "big" else reversed(argb))

"""The canvas follows the palette: dark background and light text in a dark scheme, the
reverse in a light one, and a switch while the window is open repaints in the new colours."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPalette

from negotiator_gui.ui import palette
from negotiator_gui.ui.main_window import MainWindow


@pytest.fixture
def restore_palette(qapp):
    old = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(old)


def shown(window: MainWindow, path, qtbot) -> MainWindow:
    """The project fitted in the view, the deferred re-layout after the zoom done (so
    nothing but the palette change itself can repaint the labels later)."""
    assert window.open_path(path)
    view = window.view
    view.fit_all()
    view.zoom_by(0.999)  # no longer "fitted": a resize would re-lay out everything
    qtbot.waitUntil(lambda: not view._settle.isActive())
    return window


def background_and_ink(image: QImage, rect: QRect) -> tuple[int, int]:
    """Lightness of the commonest colour in `rect` and of the colour most unlike it."""
    ratio = image.devicePixelRatio()
    counts: Counter[int] = Counter()
    for x in range(int(rect.left() * ratio), int(rect.right() * ratio)):
        for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio)):
            counts[image.pixel(x, y)] += 1
    background = QColor.fromRgb(counts.most_common(1)[0][0]).lightness()
    ink = max((QColor.fromRgb(c).lightness() for c in counts),
              key=lambda light: abs(light - background))
    return background, ink


def regions(window: MainWindow) -> dict[str, QRect]:
    """Where to look: the axis, a lane header, a label outside its marker, empty canvas."""
    view = window.view
    width = view.viewport().width()
    timeline = view.timeline
    glyph = timeline.glyphs_of("istanbul-experts")[0]
    label = timeline.shape_of(glyph)[3]
    assert label is not None
    label_rect = view.mapFromScene(QRectF(label)).boundingRect()
    first = timeline.lanes[0]
    header_top = view.mapFromScene(0, first.top).y()
    bottom = view.mapFromScene(0, timeline.lanes[-1].top + timeline.lanes[-1].height).y()
    return {
        "axis": QRect(palette.LANE_HEADER_WIDTH + 2, 2, width - palette.LANE_HEADER_WIDTH - 4,
                      palette.AXIS_HEIGHT - 6),
        "header": QRect(2, header_top + 2, palette.LANE_HEADER_WIDTH - 6, 22),
        "label": label_rect.adjusted(0, 1, -1, -1),
        "canvas": QRect(palette.LANE_HEADER_WIDTH + 10, bottom + 10, 200, 40),
    }


def look(window: MainWindow) -> dict[str, tuple[int, int]]:
    image = window.view.viewport().grab().toImage()
    return {name: background_and_ink(image, rect) for name, rect in regions(window).items()}


def test_in_a_light_palette_the_canvas_is_light_and_its_text_dark(window, demo_file,
                                                                  restore_palette, qtbot):
    shown(window, demo_file, qtbot)
    seen = look(window)
    assert seen["canvas"][0] > 200
    for name in ("axis", "header", "label"):
        background, ink = seen[name]
        assert background > 180 and ink < 90, (name, seen[name])


def test_switching_to_a_dark_palette_repaints_the_canvas_dark_with_light_text(
        window, demo_file, restore_palette, qtbot):
    shown(window, demo_file, qtbot)
    look(window)  # labels drawn and kept in the light palette's colours
    restore_palette.setPalette(palette.dark_palette())
    qtbot.wait(20)
    seen = look(window)
    assert seen["canvas"][0] < 60
    for name in ("axis", "header", "label"):
        background, ink = seen[name]
        assert background < 80 and ink > 170, (name, seen[name])


def test_dark_lanes_still_alternate_and_are_edged(window, demo_file, restore_palette, qtbot):
    restore_palette.setPalette(palette.dark_palette())
    shown(window, demo_file, qtbot)
    first, second = palette.lane_fill(0), palette.lane_fill(1)
    assert first.lightness() - second.lightness() >= 6
    assert palette.lane_edge().lightness() - max(first, second,
                                                 key=QColor.lightness).lightness() >= 12


def test_labels_on_kind_colours_stay_readable_in_both_schemes(restore_palette):
    for scheme in (QPalette(restore_palette.palette()), palette.dark_palette()):
        restore_palette.setPalette(scheme)
        for kind in palette.KIND_COLORS:
            fill = palette.kind_color(kind)
            on = palette.on_color(fill)
            assert _contrast(fill, on) >= 3.0, kind


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF()))
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)

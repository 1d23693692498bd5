"""Colours and fonts of the timeline, cached once, taken from the application palette."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from negotiator_gui.domain import colors as domain_colors

# One colour per event kind; chosen to stay distinct for colour-blind readers
# (Okabe–Ito order) and legible under white or dark label text.
KIND_COLORS = domain_colors.KIND_COLORS

LANE_HEADER_WIDTH = 170
AXIS_HEIGHT = 50
LANE_PADDING = 10
ROW_HEIGHT = 30
BAR_HEIGHT = 20
COLLAPSED_HEIGHT = 26
COMPACT_PADDING = 5  # a compact lane (zoomed out, dense) is a thin strip


@cache
def kind_color(kind: str) -> QColor:
    """The colour of an event kind (grey for anything unknown)."""
    return QColor(KIND_COLORS.get(kind, KIND_COLORS["other"]))


def is_dark() -> bool:
    """True when the application palette has a dark window background."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def text_color() -> QColor:
    """Text colour of the current palette."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Text)


def lane_fill(index: int) -> QColor:
    """Alternating lane backgrounds that read on light and dark palettes."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return base.darker(104 if index % 2 == 0 else 100) if not is_dark() \
        else base.lighter(112 if index % 2 == 0 else 100)


def label_font() -> QFont:
    """The font of event labels."""
    font = QGuiApplication.font()
    font.setPointSizeF(max(font.pointSizeF(), 9.0))
    return font


def badge_font() -> QFont:
    """The smaller font of item badges."""
    font = label_font()
    font.setPointSizeF(font.pointSizeF() * 0.8)
    font.setBold(True)
    return font


def on_color(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background`."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#111111") if luminance > 0.55 else QColor("white")


def link_color() -> QColor:
    """Link arrows: the text colour, faint."""
    color = text_color()
    color.setAlphaF(0.35)
    return color


def highlight_strong() -> QColor:
    """The palette's highlight, for the links of the chosen item."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Highlight)


def highlight_color() -> QColor:
    """A soft version of the palette's highlight, behind highlighted events."""
    color = QGuiApplication.palette().color(QPalette.ColorRole.Highlight)
    color.setAlphaF(0.35)
    return color


def party_color(color: str, key: str) -> QColor:
    """A party's colour, or a stable one picked from its id when it has none."""
    if color and QColor.isValidColorName(color):
        return QColor(color)
    fallback = list(KIND_COLORS.values())
    return QColor(fallback[sum(map(ord, key)) % len(fallback)])


def header_font() -> QFont:
    """The font of lane headers."""
    font = label_font()
    font.setBold(True)
    return font

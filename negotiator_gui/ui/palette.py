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


def mix(background: QColor, foreground: QColor, share: float) -> QColor:
    """`share` of `foreground` over `background`, opaque: a tint that keeps its contrast
    with the foreground whether the palette is light or dark."""
    keep = 1.0 - share
    return QColor.fromRgbF(background.redF() * keep + foreground.redF() * share,
                           background.greenF() * keep + foreground.greenF() * share,
                           background.blueF() * keep + foreground.blueF() * share)


def base_color() -> QColor:
    """The canvas background: the palette's Base (white, or near black in a dark scheme)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Base)


def lane_fills() -> tuple[QColor, QColor]:
    """The backgrounds of even and odd lanes: every other lane tinted a little towards
    the text colour, so the stripes show on light and dark palettes alike."""
    base = base_color()
    return mix(base, text_color(), 0.045), base


def lane_fill(index: int) -> QColor:
    """The background of lane `index` (see `lane_fills`)."""
    return lane_fills()[index % 2]


def lane_edge() -> QColor:
    """The line between lanes."""
    return mix(base_color(), text_color(), 0.13)


def header_fill() -> QColor:
    """Behind the axis and the lane headers: the palette's Window colour."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


def today_color() -> QColor:
    """The today line: vermilion, lighter on a dark background to keep its contrast."""
    color = QColor("#D55E00")
    return color.lighter(135) if is_dark() else color


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
    """Near black or white, whichever reads better on `background` (a kind or party
    colour: these stay the same in both schemes, so their labels do too)."""
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


_DARK = {
    "Window": "#2d2d2d", "WindowText": "#e8e8e8", "Base": "#1e1e1e",
    "AlternateBase": "#262626", "ToolTipBase": "#3a3a3a", "ToolTipText": "#e8e8e8",
    "PlaceholderText": "#8c8c8c", "Text": "#e8e8e8", "Button": "#353535",
    "ButtonText": "#e8e8e8", "BrightText": "#ff6b6b", "Light": "#4a4a4a",
    "Midlight": "#3e3e3e", "Mid": "#2a2a2a", "Dark": "#1a1a1a", "Shadow": "#0d0d0d",
    "Highlight": "#3d8ee0", "HighlightedText": "#ffffff", "Link": "#6cb4ff",
    "LinkVisited": "#b58cff",
}


def dark_palette() -> QPalette:
    """A complete dark palette like the Fusion style's dark scheme: for screenshots and
    tests on platforms that have no colour scheme to follow (offscreen)."""
    result = QPalette()
    for role, color in _DARK.items():
        result.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return result

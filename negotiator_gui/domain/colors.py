"""The colours of events and parties, as hex text, shared by the canvas and the exports."""

from __future__ import annotations

import re

# One colour per event kind; chosen to stay distinct for colour-blind readers
# (Okabe–Ito order) and legible under white or dark label text.
KIND_COLORS: dict[str, str] = {
    "round": "#0072B2",
    "expert-meeting": "#009E73",
    "meeting": "#56B4E9",
    "statement": "#CC79A7",
    "report": "#E69F00",
    "deadline": "#D55E00",
    "milestone": "#6A3D9A",
    "other": "#7F7F7F",
}
DARK_TEXT = "#111111"
LIGHT_TEXT = "#FFFFFF"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def kind_color(kind: str) -> str:
    """The colour of an event kind (grey for anything unknown)."""
    return KIND_COLORS.get(kind, KIND_COLORS["other"])


def is_hex_color(value: str) -> bool:
    """True for '#rgb' or '#rrggbb'."""
    return bool(_HEX.fullmatch(value or ""))


def rgb(color: str) -> tuple[float, float, float]:
    """Red, green and blue of a hex colour, each 0..1 ('#rgb' or '#rrggbb').

    Raises:
        ValueError: `color` is not a hex colour.
    """
    if not is_hex_color(color):
        raise ValueError(f"'{color}' is not a colour of the form #rrggbb")
    digits = color[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def party_color(color: str, key: str) -> str:
    """A party's colour, or a stable one picked from its id when it has none."""
    if is_hex_color(color):
        return color
    fallback = list(KIND_COLORS.values())
    return fallback[sum(map(ord, key)) % len(fallback)]


def on_color(background: str) -> str:
    """Dark or white text, whichever reads better on `background`."""
    r, g, b = rgb(background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return DARK_TEXT if luminance > 0.55 else LIGHT_TEXT


def tint(color: str, strength: float) -> str:
    """`color` mixed with white: strength 1 is the colour, 0 is white."""
    mixed = (1 - strength + c * strength for c in rgb(color))
    return "#" + "".join(f"{round(c * 255):02X}" for c in mixed)


def darker(color: str, factor: float = 1.4) -> str:
    """`color` darkened as Qt's QColor.darker(140) does, near enough."""
    return "#" + "".join(f"{round(c * 255 / factor):02X}" for c in rgb(color))

"""The embedded fonts (DejaVu Sans, shipped under resources/fonts) and what each can print."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)
# Where a face lacks a character, the next that has it prints it: the
# obliques have no Arabic letters, the regular face has them.
FALLBACKS: dict[str, tuple[str, ...]] = {
    REGULAR: (REGULAR, BOLD),
    BOLD: (BOLD, REGULAR),
    ITALIC: (ITALIC, REGULAR),
    BOLD_ITALIC: (BOLD_ITALIC, BOLD, REGULAR),
}
# Characters that take no room and need no glyph (joiners, direction marks).
INVISIBLE = frozenset(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
                                "\u202e\u2060\u2066\u2067\u2068\u2069\u061c\ufeff"))


def font_file(face: str) -> Path:
    """The TrueType file of a face, inside the installed package."""
    return Path(str(resources.files("negotiator_gui.resources").joinpath(
        "fonts", f"{face}.ttf")))


@cache
def register_fonts() -> str:
    """Register the DejaVu faces with reportlab once; returns the regular face's name."""
    for face in FACES:
        # shapable=False: shaping is done here, line by line (see text.py).
        pdfmetrics.registerFont(TTFont(face, str(font_file(face)), shapable=False))
    registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                       boldItalic=BOLD_ITALIC)
    # Drawings start each render in this font (reportlab documents overriding
    # the defaults at module level); left as Helvetica, a PDF would name a
    # font it does not embed.
    shapes.STATE_DEFAULTS["fontName"] = REGULAR
    return REGULAR


@cache
def coverage(face: str) -> frozenset[int]:
    """The code points a face has glyphs for."""
    register_fonts()
    font = pdfmetrics.getFont(face)
    return frozenset(font.face.charToGlyph)


@cache
def unseen(face: str) -> dict[int, None]:
    """A `str.translate` table dropping the invisible characters a face has no glyph
    for: printed, they would show as boxes; left out, nothing visible changes."""
    return dict.fromkeys(INVISIBLE - coverage(face))


def face_for(char: str, face: str) -> str | None:
    """The face that prints `char` for text set in `face`, or None when none can."""
    code = ord(char)
    for candidate in FALLBACKS.get(face, (face,)):
        if code in coverage(candidate):
            return candidate
    return None


def width(text: str, face: str, size: float) -> float:
    """Width of `text` in points, each character in the face that prints it."""
    if not text:
        return 0.0
    if set(map(ord, text)) <= coverage(face):
        return pdfmetrics.stringWidth(text, face, size)
    return sum(pdfmetrics.stringWidth(c, face_for(c, face) or face, size) for c in text)


def elide(text: str, face: str, size: float, room: float) -> str:
    """`text` cut at the end, with an ellipsis, to `room` points (logical order)."""
    if room <= 0:
        return ""
    text = text[: int(room / (size * 0.25)) + 2]  # no glyph is narrower than this
    if width(text, face, size) <= room:
        return text
    while text and width(text + "…", face, size) > room:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""

"""BidiParagraph: a paragraph holding right-to-left text, shaped and reordered line by line."""

from __future__ import annotations

import re
from collections.abc import Callable

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from negotiator_gui.export import fonts
from negotiator_gui.export.text import base_is_rtl, shape, visual

_WORDS = re.compile(r"\S+\s*|\s+")


class BidiParagraph(Flowable):
    """Arabic-script and Hebrew text set right to left.

    The text is shaped once (joined letter forms), broken into lines in
    logical order at the width it is given, and only then is each line put in
    display order: reordering a whole paragraph first would put its lines in
    the wrong order. The lines are set as one reportlab Paragraph.
    """

    def __init__(self, text: str, style: ParagraphStyle,
                 markup: Callable[[str, str], str], rtl: bool | None = None) -> None:
        """
        Args:
            text: protected text in logical order (see `text.protect`).
            style: the paragraph style; its alignment becomes right for
                right-to-left text.
            markup: turns one display-order line and a face into markup.
            rtl: the paragraph's direction; None to take it from its first
                strong letter.
        """
        super().__init__()
        self.text = shape(text)
        self.style = style
        self.rtl = base_is_rtl(text) if rtl is None else rtl
        self._markup = markup
        self._para: Paragraph | None = None
        self._width = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._para is None or avail_width != self._width:
            self._para = self._paragraph(avail_width)
            self._width = avail_width
        self.width, self.height = self._para.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        return self._para.split(avail_width, avail_height)

    def draw(self) -> None:
        self._para.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def _paragraph(self, width: float) -> Paragraph:
        room = width - self.style.leftIndent - self.style.rightIndent - 1
        broken = break_lines(self.text, self.style.fontName, self.style.fontSize, room)
        face = self.style.fontName
        body = "<br/>".join(self._markup(visual(line, self.rtl), face) for line in broken)
        style = ParagraphStyle(f"{self.style.name}-bidi", parent=self.style,
                               alignment=TA_RIGHT if self.rtl else TA_LEFT,
                               firstLineIndent=0)
        return Paragraph(body, style)


def break_lines(text: str, face: str, size: float, room: float) -> list[str]:
    """Greedy line breaks of shaped, logical-order text at `room` points."""
    out: list[str] = []
    line, used = "", 0.0
    for word in _WORDS.findall(text):
        advance = fonts.width(word, face, size)
        if used + fonts.width(word.rstrip(), face, size) <= room or not line.strip():
            if advance > room and not line.strip():
                pieces = _hard_break(word, face, size, room)
                out += pieces[:-1]
                line, used = pieces[-1], fonts.width(pieces[-1], face, size)
                continue
            line, used = line + word, used + advance
        else:
            out.append(line.rstrip())
            line, used = word, advance
    out.append(line.rstrip())
    return [piece for piece in out if piece] or [""]


def _hard_break(word: str, face: str, size: float, room: float) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and fonts.width(piece + char, face, size) > room:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]

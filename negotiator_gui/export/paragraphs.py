"""Paragraphs made and laid out once: parsed markup shared, line breaks kept per width.

A briefing sets the same short texts thousands of times (table headings,
labels, statuses, a ledger's item texts twice), and reportlab lays every
paragraph out again and again: when a table measures its rows, again when it
draws them, again after a page split, and all of it once more on the second
pass that fills in the contents. Both are pure work on the same input, so:

* `ParagraphMaker` parses each (markup, style) once and gives every further
  paragraph of it fresh copies of the parsed fragments (a paragraph may
  change its own fragments while splitting, so they are never shared);
* `MemoParagraph` keeps the lines it broke for the last width it was given
  and hands them back when asked to wrap at that width again; on a canvas
  marked `sketching` (the first, layout-only pass, see `template`) it is
  measured but not drawn.

The PDF is byte for byte the one plain `Paragraph`s make.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph


class MemoParagraph(Paragraph):
    """A reportlab Paragraph that breaks its lines once per width.

    Wrapping depends only on the text, the style and the width, none of which
    change after the paragraph is made; the height given is not used.
    """

    _memo: tuple | None = None  # (width given, width, height, line widths, lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.width, self.height, self._wrapWidths, self.blPara = memo
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:  # a width too narrow to set anything keeps nothing
            self._memo = (availWidth, self.width, height, self._wrapWidths, self.blPara)
        return width, height

    def draw(self) -> None:
        """Draw, unless the canvas is a layout-only sketch that is never saved."""
        if not getattr(self.canv, "sketching", False):
            super().draw()


class ParagraphMaker:
    """Makes `MemoParagraph`s, parsing each distinct (markup, style) only once."""

    def __init__(self) -> None:
        # (markup, id(style)) -> (style given, text, style parsed, bullet, fragments)
        self._parsed: dict[tuple[str, int], tuple] = {}

    def __call__(self, markup: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of `markup` in `style`, as `Paragraph(markup, style)` would be."""
        key = (markup, id(style))
        found = self._parsed.get(key)
        if found is None or found[0] is not style:
            made = MemoParagraph(markup, style)
            self._parsed[key] = (style, made.text, made.style, made.bulletText,
                                 [frag.clone() for frag in made.frags])
            return made
        _, text, parsed_style, bullet, frags = found
        return MemoParagraph(text, parsed_style, bulletText=bullet,
                             frags=[frag.clone() for frag in frags])

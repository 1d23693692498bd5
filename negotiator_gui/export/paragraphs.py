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
  measured but not drawn;
* the paragraphs one `ParagraphMaker` made of the same (markup, style) also
  share their line breaks per width, when those are plain lines of words
  (reportlab's `kind` 0, which splitting and drawing only read; lines of
  fragments, kind 1, are kept per paragraph, as splitting may edit them).

The PDF is byte for byte the one plain `Paragraph`s make.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _SplitWordHY

from negotiator_gui.export.sketch import SketchSkipping


class MemoParagraph(SketchSkipping, Paragraph):
    """A reportlab Paragraph that breaks its lines once per width.

    Wrapping depends only on the text, the style and the width, none of which
    change after the paragraph is made; the height given is not used.
    """

    _memo: tuple | None = None  # (width given, width, height, line widths, lines)
    _shared: dict[float, tuple] | None = None  # width given -> memo, see ParagraphMaker

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if (memo is None or memo[0] != availWidth) and self._shared is not None:
            memo = self._shared.get(availWidth)
        if memo is not None and memo[0] == availWidth:
            _, self.width, self.height, self._wrapWidths, self.blPara = memo
            self._memo = memo
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:  # a width too narrow to set anything keeps nothing
            self._memo = (availWidth, self.width, height, self._wrapWidths, self.blPara)
            if self._shared is not None and _read_only(self.blPara):
                self._shared[availWidth] = self._memo
        return width, height


class ParagraphMaker:
    """Makes `MemoParagraph`s, parsing each distinct (markup, style) only once."""

    def __init__(self) -> None:
        # (markup, id(style)) -> (style given, text, style parsed, bullet, fragments,
        # line breaks by width)
        self._parsed: dict[tuple[str, int], tuple] = {}

    def __call__(self, markup: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of `markup` in `style`, as `Paragraph(markup, style)` would be."""
        key = (markup, id(style))
        found = self._parsed.get(key)
        if found is None or found[0] is not style:
            made = MemoParagraph(markup, style)
            made._shared = {}
            self._parsed[key] = (style, made.text, made.style, made.bulletText,
                                 [frag.clone() for frag in made.frags], made._shared)
            return made
        _, text, parsed_style, bullet, frags, shared = found
        made = MemoParagraph(text, parsed_style, bulletText=bullet,
                             frags=[frag.clone() for frag in frags])
        made._shared = shared
        return made


def _read_only(lines) -> bool:
    """Whether reportlab only reads these broken lines once made: plain words (kind 0),
    none of them a hyphenated piece (splitting retypes the last such word)."""
    return lines.kind == 0 and not any(
        isinstance(word, _SplitWordHY) for line in lines.lines for word in line[1])

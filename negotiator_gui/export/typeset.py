"""Typesetter: user text to flowables, escaped, chunked and in the right direction."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from negotiator_gui.export import fonts
from negotiator_gui.export.bidi_paragraph import BidiParagraph
from negotiator_gui.export.markup import Notes, markup, plain
from negotiator_gui.export.paragraphs import ParagraphMaker
from negotiator_gui.export.styles import Styles, styles
from negotiator_gui.export.text import chunks, display, has_rtl, lines, protect

Part = tuple[str, bool]  # text, and whether it is set in bold
CELL_LIMIT = 3000  # characters of user text in one table cell


class Typesetter:
    """Makes flowables of user text; everything it could not print goes into `notes`."""

    def __init__(self, notes: Notes | None = None) -> None:
        self.notes = notes if notes is not None else Notes()
        self.styles: Styles = styles()
        self.paragraph = ParagraphMaker()  # each distinct text parsed once

    def markup(self, text: str, face: str = fonts.REGULAR, where: str = "") -> str:
        """Safe markup of one left-to-right user text, to combine with our own markup."""
        return markup(protect(text), face, self.notes, where)

    def plain(self, text: str, face: str = fonts.REGULAR, where: str = "") -> str:
        """User text for a single face (canvas strings), placeholders as text, in
        logical order; pass it through `text.display` before drawing."""
        return plain(protect(text), face, self.notes, where)

    def paragraphs(self, text: str, style: ParagraphStyle | None = None,
                   where: str = "") -> list[Flowable]:
        """A user text of any length: one flowable per line, long lines in chunks."""
        style = style or self.styles.body
        pieces = [piece for line in lines(protect(text)) if line.strip()
                  for piece in chunks(line)]
        if not pieces:
            return []
        tight = _tight(style)
        out = [self._one(piece, tight, where) for piece in pieces[:-1]]
        out.append(self._one(pieces[-1], style, where))
        return out

    def para(self, text: str, style: ParagraphStyle | None = None,
             where: str = "") -> Flowable:
        """One short user text as one flowable (its lines kept as line breaks)."""
        style = style or self.styles.body
        protected = protect(text)
        if has_rtl(protected):
            return BidiParagraph(" ".join(lines(protected)), style, self._marker(where))
        body = "<br/>".join(markup(line, style.fontName, self.notes, where)
                            for line in lines(protected))
        return self.paragraph(body, style)

    def cell(self, text: str, style: ParagraphStyle | None = None,
             where: str = "") -> Flowable | list[Flowable]:
        """A table cell of user text; a long text becomes a list of flowables.

        reportlab lays out a table row as a whole, in time that grows fast with
        its length, so a text longer than `CELL_LIMIT` is cut, visibly, and the
        cut is reported. (Item texts are printed whole below their table.)
        """
        style = style or self.styles.cell
        if len(text) > CELL_LIMIT:
            self.notes.add(f"A text in {where or 'a table'} has {len(text):,} characters; "
                           f"its table cell shows the first {CELL_LIMIT:,}")
            text = f"{text[:CELL_LIMIT]} [… {len(text) - CELL_LIMIT:,} more characters]"
        if len(text) <= 1000 and "\n" not in text:
            return self.para(text, style, where)
        return self.paragraphs(text, style, where) or self.para("", style)

    def parts(self, parts: Sequence[Part], style: ParagraphStyle | None = None,
              where: str = "") -> Flowable:
        """Short texts run together, some in bold ('Iran: ' then the item's text).

        Right-to-left text is set without the bold, inside a left-to-right line
        (the briefing's own words read left to right).
        """
        style = style or self.styles.body
        joined = protect("".join(text for text, _ in parts))
        if has_rtl(joined):
            return BidiParagraph(" ".join(lines(joined)), style, self._marker(where), rtl=False)
        body = "".join(self._part(text, bold, style, where) for text, bold in parts)
        return self.paragraph(body, style)

    def own(self, text: str, style: ParagraphStyle | None = None) -> Flowable:
        """Our own words (labels, table headings), which may quote names: set as user text."""
        return self.para(text, style)

    def heading(self, text: str, style: ParagraphStyle, level: int, key: str,
                number: str = "", where: str = "") -> Flowable:
        """A heading listed in the contents and the PDF outline."""
        full = f"{number}  {text}" if number else text
        flowable = self.para(full, style, where)
        shown = display(self.plain(full, fonts.REGULAR, where))
        toc = markup(protect(shown), fonts.REGULAR, self.notes, where)
        flowable.toc_entry = (level, toc, key, self.plain(full, fonts.REGULAR, where))
        return flowable

    def space(self, height: float = 6) -> Spacer:
        """Vertical room."""
        return Spacer(1, height)

    def _one(self, text: str, style: ParagraphStyle, where: str) -> Flowable:
        if has_rtl(text):
            return BidiParagraph(text, style, self._marker(where))
        return self.paragraph(markup(text, style.fontName, self.notes, where), style)

    def _part(self, text: str, bold: bool, style: ParagraphStyle, where: str) -> str:
        face = fonts.BOLD if bold else style.fontName
        body = markup(protect(text), face, self.notes, where)
        return f'<font face="{face}">{body}</font>' if bold else body

    def _marker(self, where: str):
        return lambda line, face: markup(line, face, self.notes, where)


@cache
def _tight(style: ParagraphStyle) -> ParagraphStyle:
    """`style` without room after: the chunks of one text follow each other closely."""
    return ParagraphStyle(f"{style.name}-tight", parent=style, spaceAfter=0)

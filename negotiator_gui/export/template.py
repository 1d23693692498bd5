"""BriefingTemplate: pages (portrait and landscape) with the marking, footer and contents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.export import fonts, styles
from negotiator_gui.export.sketch import is_sketch
from negotiator_gui.export.text import display

Progress = Callable[[int, int, str], None]


class BriefingLayoutError(NegotiatorError):
    """Something in the briefing cannot be fitted on a page."""


@dataclass(frozen=True)
class Furniture:
    """What stands on every page: the marking at top and bottom, and the footer."""

    marking: str       # plain text (see markup.plain), logical order
    title: str
    issued: str        # 'Issued 3 May 2024'


class SketchCanvas(Canvas):
    """The canvas of the first pass, which only finds where things fall (the pages of
    the contents, the page count): it is never saved, so paragraphs skip drawing on it."""

    sketching = True


class BriefingTemplate(BaseDocTemplate):
    """A4 or Letter pages; 'portrait' and 'landscape' templates share the furniture.

    Headings that carry a `toc_entry` (level, markup, key, outline text) feed
    the contents and the PDF outline. Flowables that carry a
    `briefing_context` ('event “Almaty talks” (almaty-1)') name what is being
    laid out when something does not fit.
    """

    def __init__(self, target, paper: str, furniture: Furniture,
                 progress: Progress | None = None, **info) -> None:
        super().__init__(target, pagesize=styles.page_size(paper), invariant=1,
                         initialFontName=fonts.REGULAR, initialFontSize=9,
                         leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
                         topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
                         **info)
        self.furniture = furniture
        self.progress = progress
        self.contents_depth = 1   # deepest heading level listed in the contents
        self.total_pages = 0      # pages of the previous pass: the Y of 'page X of Y'
        self._passes = 0
        self._context = ""
        self.addPageTemplates([self._template("portrait", paper, False),
                               self._template("landscape", paper, True)])

    def _template(self, name: str, paper: str, landscape: bool) -> PageTemplate:
        width, height = styles.page_size(paper, landscape)
        frame = Frame(styles.MARGIN_X, styles.MARGIN_BOTTOM, width - 2 * styles.MARGIN_X,
                      height - styles.MARGIN_TOP - styles.MARGIN_BOTTOM, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(name, [frame], onPage=self._decorate, pagesize=(width, height))

    # -- building -----------------------------------------------------------------

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        context = getattr(flowables[0], "briefing_context", None) if flowables else None
        if context:
            self._context = context
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            where = f" in the part on {self._context}" if self._context else ""
            raise BriefingLayoutError(
                f"Something{where} is too large to fit on a page (page {self.page}); "
                f"shorten it or leave it out. ({str(exc).splitlines()[0][:200]})") from None

    def build(self, flowables: list[Flowable], filename=None,
              canvasmaker: type[Canvas] = Canvas) -> None:
        """One pass; the first of a `multiBuild` only lays out (on a `SketchCanvas`), as
        its pages are never kept: the contents and 'page X of Y' are known only after it."""
        if self._passes == 0 and not getattr(self, "_doSave", 1):  # multiBuild: not saved
            canvasmaker = SketchCanvas
        super().build(flowables, filename, canvasmaker)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "toc_entry", None)
        if entry is None:
            return
        level, text, key, outline = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(outline, key, level=level, closed=level > 0)
        if level <= self.contents_depth:
            self.notify("TOCEntry", (level, text, self.page, key))

    def afterPage(self) -> None:
        if self.progress is not None:
            estimate = max(self.total_pages, self.page)
            self.progress(self.page, estimate,
                          f"Laying out page {self.page} (pass {self._passes + 1})")

    def _allSatisfied(self) -> bool:
        """Another pass while the contents or the page count still move."""
        settled = super()._allSatisfied() and self.page == self.total_pages \
            and not is_sketch(self.canv)  # a sketch is never the PDF
        self.total_pages = self.page
        self._passes += 1
        return settled

    # -- page furniture -----------------------------------------------------------

    def _decorate(self, canvas: Canvas, doc: BriefingTemplate) -> None:
        if is_sketch(canvas):
            return  # the furniture takes no room in the frame: a sketch needs none of it
        width, height = canvas._pagesize
        furniture = self.furniture
        canvas.saveState()
        canvas.setFillColor(styles.MARKING_INK)
        canvas.setFont(fonts.BOLD, 9)
        room = width - 2 * styles.MARGIN_X
        marking = display(fonts.elide(furniture.marking, fonts.BOLD, 9, room))
        canvas.drawCentredString(width / 2, height - 12 * mm, marking)
        canvas.drawCentredString(width / 2, 8 * mm, marking)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(styles.MARGIN_X, 17.5 * mm, width - styles.MARGIN_X, 17.5 * mm)
        canvas.setFillColor(styles.MUTED)
        canvas.setFont(fonts.REGULAR, 7.5)
        y = 13.5 * mm
        title = fonts.elide(furniture.title, fonts.REGULAR, 7.5, width / 2 - 60)
        canvas.drawString(styles.MARGIN_X, y, display(title))
        canvas.drawCentredString(width / 2 + 40, y, furniture.issued)
        total = str(self.total_pages) if self.total_pages else "?"
        canvas.drawRightString(width - styles.MARGIN_X, y, f"Page {doc.page} of {total}")
        canvas.restoreState()


"""The briefing's look: paper, margins, colours, paragraph and table styles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from negotiator_gui.export import fonts

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 24 * mm
INK = colors.HexColor("#1A1A1A")
NAVY = colors.HexColor("#14325C")
MUTED = colors.HexColor("#5B6573")
RULE = colors.HexColor("#B8C2D0")
HEADER_BG = colors.HexColor("#E6ECF4")
ZEBRA = colors.HexColor("#F5F7FA")
MARKING_INK = colors.HexColor("#8B1A1A")


def page_size(paper: str, landscape_page: bool = False) -> tuple[float, float]:
    """Width and height in points of 'a4' or 'letter', portrait or landscape.

    Raises:
        ValueError: an unknown paper name.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper '{paper}' (use a4 or letter)")
    size = PAPERS[paper]
    return landscape(size) if landscape_page else portrait(size)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the briefing uses."""

    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    meta_label: ParagraphStyle
    muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    marking: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    caption: ParagraphStyle
    right: ParagraphStyle


@cache
def styles() -> Styles:
    """The styles, made once (fonts registered first)."""
    regular = fonts.register_fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12.5, textColor=INK,
                          spaceAfter=5, alignment=TA_LEFT)
    cell = ParagraphStyle("cell", parent=base, fontSize=7.6, leading=9.6, spaceAfter=0)
    heading = ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, textColor=NAVY,
                             keepWithNext=1)
    return Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=3),
        cell=cell,
        cell_head=ParagraphStyle("cell-head", parent=cell, fontName=fonts.BOLD, textColor=NAVY),
        meta_label=ParagraphStyle("meta-label", parent=cell, textColor=MUTED),
        muted=ParagraphStyle("muted", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        h1=ParagraphStyle("h1", parent=heading, fontSize=15, leading=19, spaceAfter=4),
        h2=ParagraphStyle("h2", parent=heading, fontSize=11.5, leading=14.5, spaceBefore=14,
                          spaceAfter=5),
        h3=ParagraphStyle("h3", parent=heading, fontSize=9.5, leading=12.5, spaceBefore=9,
                          spaceAfter=3, textColor=INK),
        title=ParagraphStyle("title", parent=heading, fontSize=24, leading=30, spaceAfter=10),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=13, leading=17,
                                textColor=MUTED, spaceAfter=24),
        marking=ParagraphStyle("marking", parent=base, fontName=fonts.BOLD, fontSize=12,
                               leading=15, alignment=TA_CENTER, textColor=MARKING_INK),
        toc=(ParagraphStyle("toc0", parent=base, fontName=fonts.BOLD, fontSize=9.5, leading=13,
                            spaceBefore=5, leftIndent=0, firstLineIndent=0),
             ParagraphStyle("toc1", parent=base, fontSize=8.2, leading=10.6, spaceAfter=0,
                            leftIndent=14, firstLineIndent=0)),
        caption=ParagraphStyle("caption", parent=base, fontSize=8, leading=10, textColor=MUTED,
                               spaceAfter=4),
        right=ParagraphStyle("right", parent=cell, alignment=TA_RIGHT),
    )


def table_style(header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """Thin rules, a tinted header row and faint banding: the look of every table."""
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 7.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
                     ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, NAVY)]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(commands)


def meta_style() -> TableStyle:
    """The label–value block under an event's heading: no rules, labels muted."""
    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ])


def frame_size(paper: str, landscape_page: bool = False) -> tuple[float, float]:
    """Width and height of the text frame on a page."""
    width, height = page_size(paper, landscape_page)
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM

"""Reused layout work: paragraphs parsed and broken once, a first pass that only lays out.

Each shortcut must leave the PDF exactly as reportlab makes it without them.
"""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from negotiator_gui.export import fonts, paragraphs, tables, template
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.paragraphs import MemoParagraph, ParagraphMaker
from negotiator_gui.export.text import protect
from negotiator_gui.operations import sample_document
from tests.export.conftest import options, page_texts

TEXT = ("The parties agreed to <b>resume</b> talks on the enrichment ceiling "
        "within thirty days, subject to verification.<br/>Second line &amp; more.")


@pytest.fixture(scope="module")
def style() -> ParagraphStyle:
    fonts.register_fonts()
    return ParagraphStyle("t", fontName=fonts.REGULAR, fontSize=10, leading=12)


def _lines(para: Paragraph) -> list:
    return [(getattr(line, "words", None) and [getattr(w, "text", w) for w in line.words],
             round(line.extraSpace, 6)) if not isinstance(line, tuple) else line
            for line in para.blPara.lines]


def test_memo_paragraph_breaks_lines_once_per_width(style, monkeypatch):
    calls = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines",
                        lambda self, widths: calls.append(widths) or original(self, widths))
    para = MemoParagraph(TEXT, style)
    first = para.wrap(200, 1000)
    assert para.wrap(200, 50) == first and len(calls) == 1
    narrow = para.wrap(120, 1000)
    assert len(calls) == 2 and narrow[1] > first[1]
    assert para.wrap(200, 1000) == first and len(calls) == 3  # only the last width is kept


@pytest.mark.parametrize("width", [60, 120, 200, 400])
def test_memo_paragraph_lays_out_as_reportlab_does(style, width):
    plain, memo = Paragraph(TEXT, style), MemoParagraph(TEXT, style)
    assert memo.wrap(width, 500) == plain.wrap(width, 500)
    assert memo.wrap(width, 500) == plain.wrap(width, 500)
    assert _lines(memo) == _lines(plain)
    split_plain, split_memo = plain.split(width, 13), memo.split(width, 13)
    assert [p.wrap(width, 500) for p in split_memo] == [p.wrap(width, 500) for p in split_plain]


def test_memo_paragraph_wraps_again_after_a_refused_split(style):
    para = MemoParagraph(TEXT, style)
    size = para.wrap(200, 1000)
    assert para.split(200, 1) == []  # reportlab drops its lines when nothing fits
    assert para.wrap(200, 1000) == size and para.blPara.lines


def test_maker_parses_each_text_once_and_never_shares_fragments(style, monkeypatch):
    parsed = []
    original = Paragraph._setup

    def setup(self, text, style, bullet, frags, cleaner):
        if frags is None:
            parsed.append(text)
        return original(self, text, style, bullet, frags, cleaner)
    monkeypatch.setattr(Paragraph, "_setup", setup)
    make = ParagraphMaker()
    one, two = make(TEXT, style), make(TEXT, style)
    other_style = ParagraphStyle("u", parent=style, fontSize=12)
    three = make(TEXT, other_style)
    assert parsed == [TEXT, TEXT]  # once per style
    assert isinstance(two, MemoParagraph) and two.style is style and three.style is other_style
    assert not set(map(id, one.frags)) & set(map(id, two.frags))
    assert [f.__dict__ for f in one.frags] == [f.__dict__ for f in two.frags]
    two.frags[0].text = "changed"
    assert make(TEXT, style).frags[0].text == one.frags[0].text != "changed"
    assert one.wrap(150, 500) == Paragraph(TEXT, style).wrap(150, 500)


def test_sketch_pass_makes_the_same_pdf_as_full_passes(tmp_path, monkeypatch):
    project = sample_document()
    quick = write_briefing(project, options(), tmp_path / "quick.pdf")
    # Without the shortcuts: every pass draws on a real canvas, every paragraph
    # is parsed and broken afresh.
    monkeypatch.setattr(template.SketchCanvas, "sketching", False)
    monkeypatch.setattr(paragraphs.MemoParagraph, "wrap", Paragraph.wrap)
    monkeypatch.setattr(paragraphs.ParagraphMaker, "__call__",
                        lambda self, text, style: Paragraph(text, style))
    full = write_briefing(project, options(), tmp_path / "full.pdf")
    assert quick.pages == full.pages > 3
    assert (tmp_path / "quick.pdf").read_bytes() == (tmp_path / "full.pdf").read_bytes()


def test_only_the_sketch_skips_drawing(tmp_path, monkeypatch):
    canvases = []
    original = template.BriefingTemplate.build

    def build(self, flowables, filename=None, canvasmaker=None):
        original(self, flowables, filename)
        canvases.append(type(self.canv))
    monkeypatch.setattr(template.BriefingTemplate, "build", build)
    project = sample_document()
    write_briefing(project, options(), tmp_path / "b.pdf")
    assert canvases[0] is template.SketchCanvas
    assert template.SketchCanvas not in canvases[1:] and len(canvases) >= 2
    text = " ".join(page_texts(tmp_path / "b.pdf"))
    event = next(e for e in project.events if e.items)
    assert event.items[0].text.split()[0] in text  # table cells were drawn
    assert "Page 2 of" in text


def test_tables_skip_drawing_only_on_a_sketch(monkeypatch):
    drawn = []
    monkeypatch.setattr(tables._Table, "draw", lambda self: drawn.append(self))
    table = tables.Table([["a"]])
    table.canv = template.SketchCanvas(None)
    table.draw()
    assert drawn == []
    table.canv = template.Canvas(None)
    table.draw()
    assert drawn == [table]



def test_figure_drawings_skip_drawing_only_on_a_sketch(monkeypatch):
    from reportlab.graphics.shapes import Drawing

    from negotiator_gui.export.figure import FigureDrawing

    drawn = []
    monkeypatch.setattr(Drawing, "draw", lambda self, *a, **k: drawn.append(self))
    drawing = FigureDrawing(100, 40)
    drawing.canv = template.SketchCanvas(None)
    drawing.draw()
    assert drawn == []
    drawing.canv = template.Canvas(None)
    drawing.draw()
    assert drawn == [drawing]


def test_page_furniture_is_drawn_only_on_a_real_canvas(tmp_path):
    fonts.register_fonts()
    furniture = template.Furniture("UNCLASSIFIED", "A title", "Issued today")
    doc = template.BriefingTemplate(str(tmp_path / "f.pdf"), "a4", furniture)
    doc.page = 1
    sketch, real = template.SketchCanvas(None), template.Canvas(None)
    doc._decorate(sketch, doc)
    doc._decorate(real, doc)
    assert sketch._code == [] and real._code


def test_protect_finds_unprintables_as_before():
    assert protect("plain\ttext\nnext") == "plain text\nnext"
    for char in ("\x00", "\x1b", "\x7f", "\x85", "\ud800"):
        marked = protect(f"a{char}b")
        assert marked[0] == "a" and marked[2] == "b" and ord(marked[1]) >= 0xF0000


def _rows(n: int, style) -> list[list]:
    return [[MemoParagraph(f"Row {i} " + "word " * (i % 7 * 5), style), f"{i}"]
            for i in range(n)]


def test_tables_measure_rows_again_only_when_it_could_change_them(style, monkeypatch):
    plain = tables._Table(_rows(30, style), colWidths=[150, 40], longTableOptimize=1)
    whole = plain.wrap(190, 10_000)
    plain_parts = [part.wrap(190, 300) for part in plain.split(190, 300)]
    narrower = tables._Table(_rows(30, style), colWidths=[110, 40]).wrap(150, 10_000)
    calls = []
    original = tables._Table._calc
    monkeypatch.setattr(tables._Table, "_calc",
                        lambda self, w, h: calls.append((w, h)) or original(self, w, h))
    table = tables.Table(_rows(30, style), colWidths=[150, 40], longTableOptimize=1)
    assert table.wrap(190, 10_000) == whole
    assert table.wrap(190, whole[1]) == whole and len(calls) == 1  # it all still fits
    assert table.wrap(190, whole[1] + 50) == whole and len(calls) == 1
    table.wrap(190, whole[1] / 2)  # no longer fits: measured again (to be split)
    assert len(calls) == 2
    assert table.wrap(190, 10_000) == whole and len(calls) == 2
    assert [part.wrap(190, 300) for part in table.split(190, 300)] == plain_parts
    table._argW = [110, 40]  # a new width is measured anew
    table._width_calculated_once = 0
    before = len(calls)
    assert table.wrap(150, 10_000) == narrower and len(calls) == before + 1


def test_markup_kept_for_repeats_still_reports_what_cannot_be_printed():
    from negotiator_gui.export.markup import Notes, markup
    missing = "\U0001f99c"  # a parrot: no embedded face has it
    for _ in range(2):
        notes = Notes()
        assert "[U+1F99C]" in markup(f"Bird {missing}", fonts.REGULAR, notes, "event x")
        assert notes.warnings() and "event x" in notes.warnings()[0]
    assert markup("A & B", fonts.REGULAR, Notes()) == markup("A & B", fonts.REGULAR, Notes()) \
        == "A &amp; B"


def test_a_single_build_draws_everything(tmp_path):
    from reportlab.platypus import PageBreak

    from negotiator_gui.export.typeset import Typesetter

    ts = Typesetter()
    furniture = template.Furniture("UNCLASSIFIED", "A title", "Issued today")
    doc = template.BriefingTemplate(str(tmp_path / "one.pdf"), "a4", furniture)
    doc.build([ts.para("Only one pass here"), PageBreak(), ts.para("Second page")])
    text = " ".join(page_texts(tmp_path / "one.pdf"))
    assert "Only one pass here" in text and "Second page" in text


def test_maker_paragraphs_of_one_text_share_plain_line_breaks(style, monkeypatch):
    calls = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines",
                        lambda self, widths: calls.append(widths) or original(self, widths))
    make = ParagraphMaker()
    words = "Agreed in principle, subject to verification " * 6
    one, two = make(words, style), make(words, style)
    assert one.wrap(150, 500) == two.wrap(150, 500) and len(calls) == 1
    assert two.wrap(100, 500) == one.wrap(100, 500) and len(calls) == 2
    assert one.wrap(150, 500) == two.wrap(150, 500) and len(calls) == 2
    mixed = make(TEXT, style), make(TEXT, style)  # lines of fragments: kept per paragraph
    assert mixed[0].wrap(150, 500) == mixed[1].wrap(150, 500) and len(calls) == 4
    calls.clear()
    assert make(words, ParagraphStyle("v", parent=style)).wrap(150, 500) and len(calls) == 1


def test_shared_line_breaks_survive_a_split_and_lay_out_as_reportlab_does(style):
    make = ParagraphMaker()
    words = "Agreed in principle, subject to verification " * 6
    one, two = make(words, style), make(words, style)
    one.wrap(150, 500)
    first, rest = one.split(150, 30)
    plain = Paragraph(words, style)
    assert two.wrap(150, 500) == plain.wrap(150, 500)
    assert _lines(two) == _lines(plain)
    plain_parts = plain.split(150, 30)
    assert [p.wrap(150, 500) for p in two.split(150, 30)] == \
        [p.wrap(150, 500) for p in plain_parts] == [first.wrap(150, 500), rest.wrap(150, 500)]

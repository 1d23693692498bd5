"""The PDF briefing, read back with pypdf: sections, furniture, fonts, determinism."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest
from pypdf import PdfReader

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.scope import BriefingOptionsError
from negotiator_gui.operations import sample_document
from tests.export.conftest import flat, options, page_texts

HEADINGS = ["Contents", "Summary: the state of play", "Timeline", "Rounds and meetings",
            "Ledger", "Record of proposals", "Changes since March 2013", "Sources"]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("briefing") / "sample.pdf"
    result = write_briefing(sample_document(), options(changes_since=PartialDate(2013, 3)),
                            path)
    return path, result


def test_every_section_heading_is_present(sample_pdf):
    text = flat(" ".join(page_texts(sample_pdf[0])))
    for heading in HEADINGS:
        assert heading in text
    for field in ("Date of issue", "3 May 2024", "Period covered", "Prepared by", "Iran desk"):
        assert field in text


def test_every_page_has_page_x_of_y_and_the_marking_twice(sample_pdf):
    path, result = sample_pdf
    texts = page_texts(path)
    assert result.pages == len(texts) > 5
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {len(texts)}" in text
        assert text.count("UNCLASSIFIED") >= 2
        assert "P5+1 talks with Iran: Almaty 2013" in text
        assert "Issued 3 May 2024" in text


def test_contents_give_page_numbers(sample_pdf):
    contents = flat(page_texts(sample_pdf[0])[1])
    assert "Contents" in contents
    assert "3.3 Almaty talks, first round" in contents
    numbers = re.findall(r"\. (\d+)\b", contents)
    assert len(numbers) >= 10 and max(map(int, numbers)) >= 10


def test_every_event_of_the_period_is_present(sample_pdf):
    text = flat(" ".join(page_texts(sample_pdf[0])))
    for event in sample_document().events:
        assert event.title in text


def test_items_cite_sources_by_number(sample_pdf):
    text = flat(" ".join(page_texts(sample_pdf[0])))
    assert "[1] Spider Web: The Making and Unmaking of Iran Sanctions" in text
    assert "Stop producing uranium enriched to 20% Floated enrichment [1]" in text


def test_every_font_is_embedded(sample_pdf):
    reader = PdfReader(sample_pdf[0])
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "DejaVu" in font["/BaseFont"]


def test_two_builds_are_byte_identical(tmp_path):
    chosen = options(changes_since=PartialDate(2013, 3))
    first = write_briefing(sample_document(), chosen, tmp_path / "a.pdf")
    second = write_briefing(sample_document(), chosen, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert first.pages == second.pages


def test_letter_paper_and_landscape_figure(tmp_path):
    path = tmp_path / "letter.pdf"
    write_briefing(sample_document(), options(paper="letter", orientation="landscape"), path)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in PdfReader(path).pages]
    assert sizes[0] == (612, 792)
    assert (792, 612) in sizes


def test_meeting_briefing_has_last_positions_and_open_issues(tmp_path):
    path = tmp_path / "meeting.pdf"
    write_briefing(sample_document(), options(meeting="almaty-2"), path)
    text = flat(" ".join(page_texts(path)))
    assert "Ahead of Almaty talks, second round" in text
    assert "Each side's last position, by subject" in text
    assert "Open issues" in text


def test_unknown_meeting_is_refused(tmp_path):
    with pytest.raises(BriefingOptionsError, match="no-such-event"):
        write_briefing(sample_document(), options(meeting="no-such-event"), tmp_path / "m.pdf")
    assert not list(tmp_path.iterdir())


def test_period_and_track_choose_the_events(tmp_path):
    path = tmp_path / "period.pdf"
    selection = Selection(start=PartialDate(2013, 3), tracks=("political",))
    write_briefing(sample_document(), options(selection=selection), path)
    text = flat(" ".join(page_texts(path)))
    assert "Almaty talks, second round" in text
    assert "Almaty talks, first round" not in text
    assert "Technical experts meeting, Istanbul" not in text


def test_history_briefing_builds_in_seconds(tmp_path, history_project):
    path = tmp_path / "history.pdf"
    started = time.perf_counter()
    result = write_briefing(history_project, options(orientation="landscape"), path)
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"took {elapsed:.1f} s"
    text = flat(" ".join(page_texts(path)))
    for event in history_project.events[::10]:
        assert flat(event.title) in text
    assert result.pages > 50


def test_progress_is_reported_and_can_cancel(tmp_path):
    seen = []
    write_briefing(sample_document(), options(), tmp_path / "p.pdf",
                   progress=lambda done, total, text: seen.append((done, total, text)))
    assert seen[0][2] == "Preparing the briefing"
    assert any("page" in text for _, _, text in seen)

    def cancel(done, total, text):
        if done >= 2:
            raise KeyboardInterrupt

    (tmp_path / "c.pdf").write_bytes(b"earlier")
    with pytest.raises(KeyboardInterrupt):
        write_briefing(sample_document(), options(), tmp_path / "c.pdf", progress=cancel)
    assert (tmp_path / "c.pdf").read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.pdf", "p.pdf"]


def test_the_cycle_collector_is_off_only_while_a_briefing_is_made(tmp_path):
    import gc

    seen = []
    write_briefing(sample_document(), options(), tmp_path / "a.pdf",
                   progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and not any(seen) and gc.isenabled()

    def cancel(*_):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        write_briefing(sample_document(), options(), tmp_path / "b.pdf", progress=cancel)
    assert gc.isenabled()
    gc.disable()
    try:
        write_briefing(sample_document(), options(), tmp_path / "c.pdf")
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_options_refuse_unknown_paper():
    with pytest.raises(ValueError, match="paper"):
        replace(options(), paper="a3")

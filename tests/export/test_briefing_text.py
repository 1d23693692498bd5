"""User text in the briefing: printed as typed, in any script, restricted records left out."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from reportlab.platypus import Spacer

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import ProjectInfo
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export import briefing
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.template import BriefingLayoutError
from negotiator_gui.export.text import shape
from tests.builders import a_project, an_event, an_item
from tests.export.conftest import flat, options, page_texts

HOSTILE_TITLE = "AT&T <b>unclosed & &amp; talks"
HOSTILE_SUMMARY = "See <img src='/etc/passwd'/> and <font size=80>big</font>; bell\x07 esc\x1b"


def _write(tmp_path, project, name="b.pdf", **chosen):
    path = tmp_path / name
    result = write_briefing(project, options(**chosen), path)
    return path, result, flat(" ".join(page_texts(path)))


def test_hostile_text_prints_literally(tmp_path):
    event = an_event(title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, location="Q&A <i>room",
                     items=(an_item(text="<para>x</para> & <br/> </b>"),))
    _, result, text = _write(tmp_path, a_project(events=(event,)))
    assert HOSTILE_TITLE in text
    assert "See <img src='/etc/passwd'/> and <font size=80>big</font>; bell[BEL] esc[ESC]" \
        in text
    assert "Q&A <i>room" in text
    assert "<para>x</para> & <br/> </b>" in text
    assert result.warnings == ()


def test_every_script_prints(tmp_path):
    persian = "مذاکرات هسته‌ای ایران با گروه پنج به علاوه یک در آلماتی"
    hebrew = "שיחות בנושא הגרעין"
    latin = "Négociations à Genève, Ærøskøbing, Łódź"
    greek, cyrillic = "Διαπραγματεύσεις στη Γενεύη", "Переговоры в Алматы"
    event = an_event(title=persian, location=hebrew, summary=f"{latin}. {greek}. {cyrillic}.")
    _, result, text = _write(tmp_path, a_project(events=(event,)))
    for plain in (latin, greek, cyrillic):
        assert plain in text
    # pypdf turns right-to-left runs back into reading order: what it reads
    # back is the text as typed, Arabic letters in their shaped (joined) forms.
    assert hebrew in text
    assert shape(persian).replace("\u200c", "") in text  # the joiner has done its work
    assert "\ufe8e" in shape(persian) and "\ufe8e" not in persian
    assert result.warnings == ()


def test_long_persian_paragraph_keeps_its_line_order(tmp_path):
    letters = "بپتجچدرسشک"
    words = ["م" + "".join(letters[int(d)] for d in f"{n:03d}") for n in range(150)]
    event = an_event(summary=" ".join(words))
    path, _, _ = _write(tmp_path, a_project(events=(event,)))
    pages = page_texts(path)
    section = next(n for n, page in enumerate(pages) if "Each event of the period" in page)
    lines = [line for page in pages[section:] for line in page.splitlines()
             if any(shape(w) in line for w in words)]
    assert len(lines) > 3
    assert shape(words[0]) in lines[0] and shape(words[0]) not in lines[1]
    assert shape(words[1]) in lines[0]
    assert shape(words[-1]) in lines[-1]
    order = [min(n for n, w in enumerate(words) if shape(w) in line) for line in lines]
    assert order == sorted(order)  # each line goes on from the one above


def test_characters_no_font_has_are_reported(tmp_path):
    event = an_event(title="Talks in 北京", summary="नमस्ते")
    _, result, text = _write(tmp_path, a_project(events=(event,)))
    assert "[U+5317]" in text and "[U+4EAC]" in text and "[U+0928]" in text
    assert any("U+5317" in w and "almaty-1" in w for w in result.warnings)
    assert any("U+0928" in w for w in result.warnings)


def test_restricted_records_are_absent_from_the_wider_distribution(tmp_path):
    secret_event = an_event(id="secret", title="Backchannel ZQX meeting", restricted=True,
                            start=PartialDate(2013, 3, 1), end=None,
                            items=(an_item(id="s-1", text="Hidden offer QQV"),))
    open_event = an_event(items=(an_item(), an_item(id="r-2", text="Restricted item RRW",
                                                     restricted=True)))
    project = a_project(events=(open_event, secret_event))
    _, _, full = _write(tmp_path, project, "full.pdf")
    assert "Backchannel ZQX meeting" in full and "Restricted item RRW" in full
    assert "Hidden offer QQV" in full
    wider = Selection(include_restricted=False)
    _, _, text = _write(tmp_path, project, "wider.pdf", selection=wider)
    for secret in ("ZQX", "QQV", "RRW", "restricted)"):
        assert secret not in text
    assert "1 events" in text and "1 items put on the table" in text
    assert "Wider distribution" in text


def test_changes_since_come_from_the_history(tmp_path):
    event = an_event(restricted=False)
    secret = an_event(id="secret", title="Secret ZQX", restricted=True)
    history = [
        {"at": "2024-04-01T10:00:00+00:00", "user": "amira", "action": "Edit title",
         "kind": "event", "record_id": "almaty-1", "before": {"title": "Old"},
         "after": {"title": "Almaty talks, first round"}},
        ("2024-04-02T10:00:00+00:00", "ben", "Add event", "event", "secret", None,
         {"title": "Secret ZQX", "restricted": True}),
        ("2023-01-01T10:00:00+00:00", "carl", "Too early", "event", "almaty-1", None, {}),
    ]
    project = a_project(events=(event, secret))
    since = PartialDate(2024, 3)
    _, _, text = _write(tmp_path, project, "full.pdf", changes_since=since, history=history)
    assert "Changes since March 2024" in text
    assert "amira Edit title" in text and "Secret ZQX" in text and "Too early" not in text
    _, _, wider = _write(tmp_path, project, "wider.pdf", changes_since=since, history=history,
                         selection=Selection(include_restricted=False))
    assert "amira Edit title" in wider and "ZQX" not in wider


def test_changes_since_without_history_use_record_dates(tmp_path):
    _, _, text = _write(tmp_path, a_project(), changes_since=PartialDate(2013, 1))
    assert "No change history was supplied" in text
    assert "Almaty talks, first round" in text


@pytest.mark.slow
def test_a_million_character_summary_is_quick(tmp_path):
    summary = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20000)[:1_000_000]
    project = a_project(events=(an_event(summary=summary),))
    started = time.perf_counter()
    _, result, _ = _write(tmp_path, project)
    assert time.perf_counter() - started < 90
    assert result.pages > 100


def test_a_flowable_too_large_names_its_event_and_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "b.pdf"
    path.write_bytes(b"the good briefing")
    real = briefing.build_story

    def oversized(project, chosen, notes=None):
        story = real(project, chosen, notes)
        giant = Spacer(10, 5000)
        giant.briefing_context = "event “Almaty talks, first round” (almaty-1)"
        return [*story[:6], giant, *story[6:]]

    monkeypatch.setattr(briefing, "build_story", oversized)
    with pytest.raises(BriefingLayoutError, match="Almaty talks, first round.*almaty-1"):
        write_briefing(a_project(), options(), path)
    assert path.read_bytes() == b"the good briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["b.pdf"]


def test_cover_uses_the_options_title_and_marking(tmp_path):
    project = a_project(info=ProjectInfo("Project", "Subject", "RESTRICTED"))
    path, _, text = _write(tmp_path, project, title="Briefing for the Minister",
                           marking="OFFICIAL-SENSITIVE")
    assert "Briefing for the Minister" in text
    for page in page_texts(path):
        assert page.count("OFFICIAL-SENSITIVE") >= 2


def test_empty_period_still_builds(tmp_path):
    selection = Selection(start=PartialDate(1990), end=PartialDate(1991))
    _, _, text = _write(tmp_path, a_project(), selection=selection)
    assert "No events fall within the briefing's period." in text
    assert replace(options(), selection=selection).selection.start == PartialDate(1990)


def test_long_item_text_is_printed_whole_below_its_table(tmp_path):
    text = " ".join(f"w{n}" for n in range(30000))
    started = time.perf_counter()
    _, result, printed = _write(tmp_path, a_project(events=(an_event(items=(an_item(
        text=text),)),)))
    assert time.perf_counter() - started < 30
    assert "Full text of item 3.1.1" in printed
    assert "w0 w1 w2" in printed and "w29998 w29999" in printed
    assert result.warnings == ()


def test_overlong_cell_text_is_cut_visibly_and_reported(tmp_path):
    event = an_event(location="Vienna " * 1000)
    _, result, printed = _write(tmp_path, a_project(events=(event,)))
    assert "more characters]" in printed
    assert any("almaty-1" in w and "7,000 characters" in w for w in result.warnings)

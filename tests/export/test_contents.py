"""A long history lists only its chapters in the contents; a short one lists every meeting."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.interchange import json_format
from negotiator_gui.operations import sample_document
from tests.conftest import HISTORY


def contents_page(path) -> str:
    return PdfReader(path).pages[1].extract_text()


def test_contents_depth_follows_the_length_of_the_briefing(tmp_path):
    options = BriefingOptions(issued=dt.date(2024, 5, 3))
    short = tmp_path / "short.pdf"
    write_briefing(sample_document(), options, short)
    assert "Almaty talks, first round" in contents_page(short)
    long = tmp_path / "long.pdf"
    write_briefing(json_format.read_json(HISTORY).project, options, long)
    text = contents_page(long)
    assert "Rounds and meetings" in text and "Sources" in text
    assert "Geneva" not in text
    outline = PdfReader(long).outline
    assert len(outline) >= 5  # every meeting is still in the PDF's bookmarks

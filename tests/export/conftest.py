"""Fixtures for the export tests: options, and reading a PDF back with pypdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.interchange.json_format import read_json

HISTORY = Path(__file__).parent.parent / "data" / "iran_nuclear_2002_2016.json"
ISSUED = dt.date(2024, 5, 3)


def options(**overrides) -> BriefingOptions:
    """Briefing options with a fixed date of issue."""
    return BriefingOptions(**{"issued": ISSUED, "prepared_by": "Iran desk", **overrides})


def page_texts(path: Path) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Text with all runs of white space made one space (line breaks vary)."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def history_project():
    """The 229-event history of the Iran nuclear talks."""
    return read_json(HISTORY).project

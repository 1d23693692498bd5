"""The filter summary the window shows, in its language."""

from __future__ import annotations

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.filtering import FilterSpec
from negotiator_gui.ui.filter_text import describe
from tests.builders import a_project


def test_an_empty_filter_says_nothing(qapp):
    assert describe(FilterSpec()) == ""


def test_every_part_is_named_in_order(qapp):
    spec = FilterSpec(parties=frozenset({"p5", "iran"}), tracks=frozenset({"political"}),
                      kinds=frozenset({"round"}), item_types=frozenset({"relief"}),
                      statuses=frozenset({"held"}), tags=frozenset({"vienna"}),
                      start=PartialDate(2013, 2), restricted="hide", text=" enrichment ")
    text = describe(spec, a_project())
    assert text == ("Iran, P5+1 · Political directors · Round of talks · Relief · Held · "
                    "#vienna · since Feb 2013 · restricted hidden · “enrichment”")


def test_periods_read_as_ranges(qapp):
    assert describe(FilterSpec(start=PartialDate(2013, 2, 26), end=PartialDate(2014, 1))) == \
        "26 Feb 2013 – Jan 2014"
    assert describe(FilterSpec(end=PartialDate(2015))) == "until 2015"
    assert describe(FilterSpec(parties=frozenset({"unknown"}))) == "unknown"

"""Validation messages a person can act on, naming where each problem is."""

from __future__ import annotations

from dataclasses import replace

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Link
from negotiator_gui.domain.validation import KnownIds, validate_project
from tests.builders import a_party, a_project, an_event, an_item


def messages(project, existing=None):
    return [str(p) for p in validate_project(project, existing)]


def test_a_good_project_has_no_problems():
    assert messages(a_project()) == []


def test_end_before_start_is_named_by_place():
    project = a_project()
    event = replace(project.events[0], end=PartialDate(2013, 2, 1))
    assert "events[0].end: before start" in messages(replace(project, events=(event,)))


def test_an_end_known_to_the_month_is_not_before_a_day_in_that_month():
    project = a_project()
    event = replace(project.events[0], start=PartialDate(2013, 2, 26), end=PartialDate(2013, 2))
    assert messages(replace(project, events=(event,))) == []


def test_unknown_references_are_named():
    project = a_project()
    event = replace(project.events[0], track="nowhere", parties=("iran", "mars"),
                    items=(an_item(by="venus"),))
    found = messages(replace(project, events=(event,), links=()))
    assert "events[0].track: unknown track 'nowhere'" in found
    assert "events[0].parties[1]: unknown party 'mars'" in found
    assert "events[0].items[0].by: unknown party 'venus'" in found


def test_unknown_words_list_the_allowed_ones():
    project = a_project()
    event = replace(project.events[0], kind="summit", status="done")
    found = messages(replace(project, events=(event,)))
    assert any(m.startswith("events[0].kind: unknown event kind 'summit' (use round,")
               for m in found)
    assert any(m.startswith("events[0].status: unknown event status 'done'") for m in found)


def test_bad_colour_empty_title_and_duplicate_ids():
    project = a_project()
    parties = (a_party(color="teal"), a_party(id="p5", name="P5+1"), a_party(id="p5", name="x"))
    event = replace(project.events[0], title="  ")
    found = messages(replace(project, parties=parties, events=(event,)))
    assert "parties[0].color: 'teal' is not a colour of the form #rrggbb" in found
    assert "parties[2].id: 'p5' is used more than once" in found
    assert "events[0].title: must not be empty" in found


def test_item_ids_are_unique_across_events():
    project = a_project()
    second = an_event(id="almaty-2", items=(an_item(),))
    found = messages(replace(project, events=project.events + (second,)))
    assert "events[1].items[0].id: 'c-20pc' is used more than once" in found


def test_links_must_join_two_known_items():
    project = a_project(links=(Link("c-20pc", "ghost"), Link("c-20pc", "c-20pc")))
    found = messages(project)
    assert "links[0].to: unknown item 'ghost'" in found
    assert "links[1]: an item cannot be linked to itself" in found


def test_references_may_name_records_already_in_the_project():
    project = a_project(parties=(), tracks=(), sources=())
    existing = KnownIds({"iran", "p5"}, {"political"}, {"icg"}, set())
    assert messages(project, existing) == []

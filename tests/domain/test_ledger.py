"""The ledger gathers each party's items by section and subject, and the exchanges."""

from __future__ import annotations

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.ledger import SECTIONS, build_ledger
from negotiator_gui.domain.model import Link
from negotiator_gui.operations import sample_document
from tests.builders import a_project, an_event, an_item

TWENTY = "Stop producing uranium enriched to 20%"
UNSC = "Security Council resolution removing international sanctions"


def test_sample_iran_conceded_what_the_p5_received():
    ledger = build_ledger(sample_document())
    iran, p5 = ledger.party("iran"), ledger.party("p5+1")
    assert TWENTY in iran.texts("conceded")
    assert TWENTY in p5.texts("received")
    assert TWENTY not in iran.texts("received")


def test_sample_relief_and_proposals_are_offered():
    ledger = build_ledger(sample_document())
    offered = ledger.party("p5+1").texts("offered")
    assert UNSC in offered
    assert "Package offering a route towards easing of sanctions" in offered
    assert UNSC in ledger.party("iran").texts("received")


def test_demands_stay_with_the_party_that_made_them():
    ledger = build_ledger(sample_document())
    demand = "Any agreement to proceed in reciprocal, phased steps"
    assert ledger.party("iran").texts("demanded") == [demand]
    assert demand not in ledger.party("p5+1").texts("received")


def test_sections_are_grouped_by_subject_alphabetically():
    conceded = build_ledger(sample_document()).party("iran").section("conceded")
    subjects = [g.subject for g in conceded.groups]
    assert subjects == ["enrichment", "inspections", "stockpile"]
    inspections = conceded.groups[1]
    assert len(inspections.entries) == 2
    assert inspections.status_counts() == {"floated": 2}
    assert conceded.count == 4


def test_parties_without_items_are_left_out_and_order_follows_the_project():
    ledger = build_ledger(sample_document())
    assert [p.party_id for p in ledger.parties] == ["iran", "p5+1"]
    assert [s.key for s in ledger.party("iran").sections] == [
        "offered", "conceded", "demanded", "committed", "received"]
    assert all(s.key in SECTIONS for p in ledger.parties for s in p.sections)


def test_exchanges_link_items_of_different_parties():
    ledger = build_ledger(sample_document())
    texts = [x.text() for x in ledger.exchanges]
    assert f"Iran: {TWENTY} ⇄ P5+1: {UNSC} (in exchange for)" in texts
    assert any("→" in t and "(responds to)" in t for t in texts)
    assert len(texts) == 8


def test_links_within_one_party_are_not_exchanges():
    items = (an_item(id="a", by="iran"), an_item(id="b", by="iran", text="Other"))
    project = a_project(events=(an_event(items=items),), links=(Link("a", "b"),))
    assert build_ledger(project).exchanges == ()


def test_unattributed_items_gather_under_an_empty_party_last():
    items = (an_item(id="a", by="", to="iran", subject=""),)
    ledger = build_ledger(a_project(events=(an_event(items=items),), links=()))
    assert ledger.parties[-1].party_id == ""
    assert ledger.parties[-1].texts("conceded") == ["Halt enrichment to 20%"]
    assert ledger.party("iran").section("received").groups[0].subject == ""


def test_entries_are_listed_by_event_date():
    early = an_event(id="e1", start=PartialDate(2012), end=None,
                     items=(an_item(id="x", text="Later text"),))
    late = an_event(id="e2", start=PartialDate(2013, 5), end=None,
                    items=(an_item(id="y", text="Earlier text"),))
    ledger = build_ledger(a_project(events=(late, early), links=()))
    assert ledger.party("iran").texts("conceded") == ["Later text", "Earlier text"]

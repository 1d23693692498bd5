"""What uses a party, track or source; merging and deleting them rewrites every reference."""

from __future__ import annotations

from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import apply
from negotiator_gui.domain.model import Party, Track
from negotiator_gui.domain.usage import (
    RecordError,
    RecordInUseError,
    delete_record,
    merge_parties,
    merge_records,
    merge_sources,
    merge_tracks,
    new_id,
    put_record,
    reorder_tracks,
    usages,
)
from negotiator_gui.domain.validation import validate_project
from tests.builders import a_party, a_project, a_source, a_track, an_event, an_item


def coalition_project():
    """Iran, the P5+1 (US, UK), its twin E3+3 (UK, FR) and events using both twins."""
    parties = (a_party(), a_party(id="p5", name="P5+1", short="P5+1", members=("us", "uk")),
               a_party(id="e3", name="E3+3", short="E3+3", members=("uk", "fr")),
               a_party(id="us", short="US"), a_party(id="uk", short="UK"),
               a_party(id="fr", short="FR"))
    first = an_event(parties=("p5", "e3", "iran"),
                     items=(an_item(by="iran", to="p5"), an_item(id="r", by="p5", to="iran")))
    second = an_event(id="almaty-2", title="Almaty talks, second round", parties=("e3",))
    return a_project(parties=parties, events=(first, second), links=())


def test_usages_of_a_party_name_events_items_and_coalitions():
    project = a_project(parties=a_project().parties + (
        Party("p5-plus", "Bigger", "P5+", members=("p5",)),))
    assert usages(project, "party", "p5") == [
        "event “Almaty talks, first round” (parties)",
        "item “Halt enrichment to 20%” (to)",
        "item “Security Council resolution lifting sanctions” (by)",
        "party “P5+” (members)",
    ]


def test_usages_name_both_roles_of_an_item_once():
    item = an_item(by="iran", to="iran")
    project = a_project(events=(an_event(parties=(), items=(item,)),), links=())
    assert usages(project, "parties", "iran") == ["item “Halt enrichment to 20%” (by, to)"]


def test_usages_of_tracks_and_sources():
    project = a_project()
    assert usages(project, "track", "political") == ["event “Almaty talks, first round” (track)"]
    assert usages(project, "source", "icg") == [
        "event “Almaty talks, first round” (sources)", "item “Halt enrichment to 20%” (sources)"]
    assert usages(project, "track", "unused") == []


def test_long_texts_are_cut_in_usages():
    project = a_project(events=(an_event(title="x" * 200),), links=())
    [text] = usages(project, "track", "political")
    assert len(text) < 80 and "…" in text


def test_merging_parties_rewrites_events_items_and_members():
    project = coalition_project()
    merged = apply(project, merge_parties(project, "e3", "p5"))
    assert [p.id for p in merged.parties] == ["iran", "e3", "us", "uk", "fr"]
    assert merged.parties[1].members == ("uk", "fr", "us")
    first = next(e for e in merged.events if e.id == "almaty-1")
    assert first.parties == ("e3", "iran")
    assert [(i.by, i.to) for i in first.items] == [("iran", "e3"), ("e3", "iran")]
    assert validate_project(merged) == []


def test_merging_a_member_into_its_coalition_leaves_no_self_membership():
    project = coalition_project()
    merged = apply(project, merge_parties(project, "p5", "us"))
    p5 = next(p for p in merged.parties if p.id == "p5")
    assert p5.members == ("uk",)
    merged = apply(project, merge_parties(project, "uk", "e3"))
    uk = next(p for p in merged.parties if p.id == "uk")
    assert "uk" not in uk.members and uk.members == ("fr",)
    assert validate_project(merged) == []


def test_merge_only_puts_events_that_change():
    project = coalition_project()
    changes = merge_parties(project, "iran", "fr")
    assert changes.put_events == ()


def test_merging_tracks_moves_events():
    project = a_project(tracks=(a_track(), a_track(id="experts", name="Experts", order=2)))
    merged = apply(project, merge_tracks(project, "experts", "political"))
    assert [t.id for t in merged.tracks] == ["experts"]
    assert {e.track for e in merged.events} == {"experts"}
    assert validate_project(merged) == []


def test_merging_sources_rewrites_events_and_items_without_repeats():
    project = a_project(sources=(a_source(), a_source(id="icg-b", title="Spider Web (copy)")))
    event = project.events[0]
    event = replace(event, sources=("icg", "icg-b"),
                    items=(replace(event.items[0], sources=("icg-b",)),) + event.items[1:])
    project = replace(project, events=(event,))
    merged = apply(project, merge_sources(project, "icg", "icg-b"))
    assert [s.id for s in merged.sources] == ["icg"]
    assert merged.events[0].sources == ("icg",)
    assert merged.events[0].items[0].sources == ("icg",)
    assert validate_project(merged) == []


def test_a_record_cannot_be_merged_into_itself_or_a_missing_one():
    project = a_project()
    with pytest.raises(RecordError):
        merge_records(project, "party", "iran", "iran")
    with pytest.raises(RecordError):
        merge_records(project, "tracks", "political", "nowhere")


def test_deleting_a_used_record_is_refused_with_its_usages():
    project = a_project()
    with pytest.raises(RecordInUseError) as caught:
        delete_record(project, "track", "political")
    assert isinstance(caught.value, ValueError)
    assert caught.value.usages == ["event “Almaty talks, first round” (track)"]
    assert "Political directors" in str(caught.value)


def test_deleting_an_unused_record_removes_it_only():
    project = a_project(tracks=(a_track(), a_track(id="spare", name="Spare", order=2)))
    changes = delete_record(project, "track", "spare")
    assert [t.id for t in changes.tracks] == ["political"]
    assert changes.put_events == ()
    with pytest.raises(RecordError):
        delete_record(project, "track", "spare-2")


def test_put_record_replaces_in_place_or_appends():
    project = a_project()
    renamed = put_record(project, "party", replace(project.parties[0], name="Iran"))
    assert [p.name for p in renamed.parties] == ["Iran", "P5+1"]
    added = put_record(project, "party", Party("eu", "European Union"))
    assert [p.id for p in added.parties] == ["iran", "p5", "eu"]


def test_reorder_tracks_numbers_them_in_the_order_given():
    project = a_project(tracks=(a_track(), Track("b", "B", 5), Track("c", "C", 9)))
    changes = reorder_tracks(project, ["c", "political"])
    assert [(t.id, t.order) for t in changes.tracks] == [("c", 1), ("political", 2), ("b", 3)]


@pytest.mark.parametrize(("name", "taken", "expected"), [
    ("New party", [], "new-party"),
    ("New party", ["new-party"], "new-party-2"),
    ("New party", ["new-party", "new-party-2"], "new-party-3"),
    ("Côte d’Ivoire", [], "cote-d-ivoire"),
    ("ایران", [], "party"),
    ("  P5+1 (E3+3) ", [], "p5-1-e3-3"),
])
def test_new_ids_are_unique_ascii_slugs(name, taken, expected):
    assert new_id(name, taken, "party") == expected

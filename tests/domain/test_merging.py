"""merge_changes: a document's records brought into a project by id, nothing deleted."""

from __future__ import annotations

from dataclasses import replace

from negotiator_gui.domain.changes import apply
from negotiator_gui.domain.merging import merge_changes
from negotiator_gui.domain.model import Project, ProjectInfo
from tests.builders import a_party, a_project, a_track, an_event, an_item


def test_new_records_are_added_and_known_ones_updated():
    current = a_project()
    incoming = Project(ProjectInfo("ignored"),
                       (a_party(name="Iran (renamed)"), a_party(id="eu", name="EU", short="EU")),
                       (a_track(id="tech", name="Technical experts"),), (),
                       (an_event(title="First round (updated)", items=()),
                        an_event(id="new-1", track="tech", items=())), ())
    merged = apply(current, merge_changes(current, incoming, with_info=False))
    assert [p.id for p in merged.parties] == ["iran", "p5", "eu"]
    assert merged.parties[0].name == "Iran (renamed)"
    assert [t.id for t in merged.tracks] == ["political", "tech"]
    assert merged.sources == current.sources  # none given: untouched
    titles = {e.id: e.title for e in merged.events}
    assert titles == {"almaty-1": "First round (updated)", "new-1": "Almaty talks, first round"}
    assert merged.info == current.info


def test_items_the_document_does_not_list_are_kept():
    current = a_project()
    updated = an_item(text="Halt 20% enrichment (revised)", sources=("icg",))
    incoming = Project(ProjectInfo(), (), (), (), (an_event(items=(updated,)),), ())
    merged = apply(current, merge_changes(current, incoming, with_info=False))
    items = {i.id: i.text for i in merged.events[0].items}
    assert items == {"c-20pc": "Halt 20% enrichment (revised)",
                     "r-unsc": "Security Council resolution lifting sanctions"}
    assert merged.links == current.links


def test_an_item_placed_in_another_event_moves_there():
    current = a_project()
    moved = current.events[0].items[1]
    incoming = Project(ProjectInfo(), (), (), (),
                       (an_event(id="almaty-2", items=(moved,)),), ())
    merged = apply(current, merge_changes(current, incoming, with_info=False))
    holders = {e.id: [i.id for i in e.items] for e in merged.events}
    assert holders == {"almaty-1": ["c-20pc"], "almaty-2": ["r-unsc"]}


def test_the_project_details_are_taken_only_when_the_document_sets_them():
    current = a_project()
    incoming = replace(a_project(), info=ProjectInfo("New title", marking="RESTRICTED"))
    assert merge_changes(current, incoming, with_info=False).info is None
    assert apply(current, merge_changes(current, incoming, True)).info.title == "New title"

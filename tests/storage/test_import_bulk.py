"""Imports take shortcuts for records new to the file; the file must end up as without them.

New events and items have no lists, owners or search rows to replace, and a new
event's search row is made from the record itself. Each test compares with what
the tables say (the search index rebuilt from them, the lists read back).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from negotiator_gui.domain.errors import ValidationError
from negotiator_gui.domain.validation import validate_project
from negotiator_gui.storage import search
from negotiator_gui.storage.project_store import ProjectStore
from tests.builders import a_project, an_event, an_item

INDEX = f"SELECT event_id, text FROM {search.TABLE} ORDER BY event_id, text"


def index_rows(store: ProjectStore) -> list[tuple[str, str]]:
    return store.conn.execute(INDEX).fetchall()


def rebuilt_rows(store: ProjectStore) -> list[tuple[str, str]]:
    """The index as rebuilt from the tables (then put back as it was)."""
    before = index_rows(store)
    store.rebuild_search_index()
    after = index_rows(store)
    assert len(after) == len(before)
    return after


def many_events() -> tuple:
    """Events with tags out of order, repeated and accented, items with subjects,
    empty places and summaries, and no items at all."""
    events = []
    for n in range(12):
        items = tuple(an_item(id=f"i{n}-{k}", text=f"Item {k} of {n} über Genève",
                              subject="" if k else f"subj{n}", sources=("icg",) * (k == 1))
                      for k in range(n % 4))
        events.append(an_event(id=f"e{n}", title=f"Round {n}", location="" if n % 2 else "Wien",
                               summary="" if n % 3 else f"Summary {n}\nsecond line",
                               tags=("zeta", "Alpha", "été", "zeta", "beta")[: n % 6],
                               items=items, parties=("p5", "iran")[: n % 3]))
    return tuple(events)


@pytest.fixture
def store(tmp_path):
    with ProjectStore.create(tmp_path / "p.sqlite") as made:
        yield made


def test_import_into_a_new_file_indexes_as_the_tables_say(store):
    project = a_project(events=many_events(), links=())
    store.merge(project)
    rows = index_rows(store)
    assert len(rows) == 12 and rows == rebuilt_rows(store)
    assert store.search("genève") == {f"e{n}" for n in range(12) if n % 4}
    assert store.search("alpha zeta") == {f"e{n}" for n in range(12) if n % 6 >= 2}
    loaded = {e.id: e for e in store.load().events}
    assert {i: (e.tags, e.parties, e.items) for i, e in loaded.items()} == {
        e.id: (tuple(dict.fromkeys(e.tags)), e.parties, e.items) for e in project.events}


def test_import_over_existing_records_replaces_their_lists_items_and_rows(store):
    store.merge(a_project(events=many_events(), links=()))
    first = {e.id: e for e in many_events()}
    moved = first["e3"].items[1]  # an item an existing event loses to a new event
    changed = (
        replace(first["e3"], tags=("new",), parties=("iran",), items=first["e3"].items[:1]),
        replace(first["e5"], items=(replace(first["e5"].items[0], sources=()),)),
        an_event(id="fresh", title="Fresh round", tags=("b", "a"), items=(moved,)),
        an_event(id="fresh-2", title="Fresh too", items=(an_item(id="brand-new"),)),
    )
    store.merge(a_project(events=changed, links=()))
    assert index_rows(store) == rebuilt_rows(store)
    loaded = {e.id: e for e in store.load().events}
    assert loaded["e3"].tags == ("new",) and loaded["e3"].parties == ("iran",)
    # an import keeps the items an event does not list, unless they moved elsewhere
    assert [i.id for i in loaded["e3"].items] == ["i3-0", "i3-2"]
    assert [i.id for i in loaded["fresh"].items] == [moved.id]
    assert loaded["e5"].items[0].sources == ()
    assert store.search("fresh") == {"fresh", "fresh-2"}
    assert store.search(moved.text.split()[0] + " " + "fresh") == {"fresh"}
    assert {row[0] for row in store.conn.execute(
        f"SELECT event_id FROM {search.TABLE}")} == set(loaded)


def test_a_refused_import_leaves_the_index_alone(store):
    store.merge(a_project(events=many_events(), links=()))
    before = index_rows(store)
    bad = an_event(id="bad", title="Bad", items=(an_item(id="x", type="no-such-type"),))
    with pytest.raises(ValidationError):
        store.merge(a_project(events=(*many_events()[:2], bad), links=()))
    assert index_rows(store) == before


def test_validation_names_where_each_problem_is():
    event = an_event(id="ok\x07", items=(
        an_item(id="i\x01", type="nonsense", status="odd", by="nobody", sources=("none",)),),
        parties=("ghost",), sources=("none",))
    places = {p.where for p in validate_project(a_project(events=(event,), links=()))}
    assert {"events[0].id", "events[0].parties[0]", "events[0].sources[0]",
            "events[0].items[0].id", "events[0].items[0].type", "events[0].items[0].status",
            "events[0].items[0].by", "events[0].items[0].sources[0]"} <= places

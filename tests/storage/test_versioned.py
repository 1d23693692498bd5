"""Shared files: edits apply only to the versions the user saw; history records them."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.storage.versioned import ConflictError


def rename(store: ProjectStore, base, versions, event_id: str, title: str):
    event = next(e for e in base.events if e.id == event_id)
    return store.write_versioned(ChangeSet(put_events=(replace(event, title=title),)),
                                 base, versions, f"Rename to {title}")


def test_an_edit_from_an_old_version_is_a_conflict_and_writes_nothing(demo_file):
    with ProjectStore.open(demo_file) as a, ProjectStore.open(demo_file) as b:
        base_a, versions_a = a.load(), a.versions()
        base_b, versions_b = b.load(), b.versions()
        rename(a, base_a, versions_a, "almaty-1", "Mine")
        with pytest.raises(ConflictError) as caught:
            rename(b, base_b, versions_b, "almaty-1", "Theirs")
        conflict = caught.value.conflicts[0]
        assert (conflict.kind, conflict.record_id) == ("event", "almaty-1")
        assert conflict.theirs == conflict.mine + 1
        assert "a colleague changed event almaty-1" in str(caught.value)
        assert {e.id: e.title for e in b.load().events}["almaty-1"] == "Mine"


def test_200_races_on_one_record_have_exactly_one_winner(demo_file):
    stores = [ProjectStore.open(demo_file), ProjectStore.open(demo_file)]
    try:
        for trial in range(200):
            bases = [(s.load(), s.versions()) for s in stores]
            barrier = threading.Barrier(2)
            outcome: list[str] = [""] * 2

            def edit(n: int, trial=trial, bases=bases, barrier=barrier,
                     outcome=outcome) -> None:
                barrier.wait()
                try:
                    rename(stores[n], *bases[n], "almaty-2", f"t{trial}-c{n}")
                    outcome[n] = "won"
                except ConflictError:
                    outcome[n] = "conflict"

            threads = [threading.Thread(target=edit, args=(n,)) for n in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(outcome) == ["conflict", "won"], trial
            winner = outcome.index("won")
            title = {e.id: e.title for e in stores[0].load().events}["almaty-2"]
            assert title == f"t{trial}-c{winner}"
    finally:
        for s in stores:
            s.close()


def test_a_colleagues_new_item_is_not_deleted_by_my_edit_of_its_event(demo_file):
    with ProjectStore.open(demo_file) as a, ProjectStore.open(demo_file) as b:
        base_b, versions_b = b.load(), b.versions()
        base_a = a.load()
        event = next(e for e in base_a.events if e.id == "almaty-2")
        item = replace(event.items[0], id="their-item", text="Their new item")
        a.write_versioned(ChangeSet(put_events=(replace(event, items=event.items + (item,)),)),
                          base_a, a.versions(), "Add item")
        with pytest.raises(ConflictError) as caught:
            rename(b, base_b, versions_b, "almaty-2", "Mine")
        assert any(c.record_id == "their-item" for c in caught.value.conflicts)


def test_a_colleagues_new_party_survives_my_edit_of_the_party_list(demo_file):
    with ProjectStore.open(demo_file) as a, ProjectStore.open(demo_file) as b:
        base_b, versions_b = b.load(), b.versions()
        base_a = a.load()
        new = replace(base_a.parties[0], id="vatican", name="Holy See", short="")
        a.write_versioned(ChangeSet(parties=base_a.parties + (new,)), base_a, a.versions(),
                          "Add party")
        iran = replace(base_b.parties[0], color="#000000")
        b.write_versioned(ChangeSet(parties=(iran,) + base_b.parties[1:]), base_b, versions_b,
                          "Recolour Iran")
        parties = {p.id: p for p in b.load().parties}
    assert "vatican" in parties and parties["iran"].color == "#000000"


def test_every_change_is_in_the_history_with_before_and_after(demo_file):
    with ProjectStore.open(demo_file) as store:
        rename(store, store.load(), store.versions(), "almaty-1", "Almaty I")
        rows = store.conn.execute(
            "SELECT user, action, kind, record_id, before, after FROM history "
            "WHERE kind = 'event'").fetchall()
        assert store.last_change() > 0
    user, action, kind, record_id, before, after = rows[-1]
    assert (action, kind, record_id) == ("Rename to Almaty I", "event", "almaty-1")
    assert json.loads(before)["title"] == "Almaty talks, first round"
    assert json.loads(after)["title"] == "Almaty I"
    assert user

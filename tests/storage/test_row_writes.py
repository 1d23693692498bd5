"""A move writes what changed: the event row's changed columns, its history row and its
version; its lists, items and search-index row are left alone unless they changed."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet, apply
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.storage import search
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.storage.versioned import ConflictError


def _event(project, event_id: str):
    return next(e for e in project.events if e.id == event_id)


def _busy_event(project):
    """An event with items and tags, so that skipped rewrites would show."""
    return next(e for e in project.events if e.items and e.tags)


def _write(store: ProjectStore, base, versions, event, action: str):
    """Write one event as `store.write_versioned` does for the session; the SQL it ran."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        after = store.write_versioned(ChangeSet(put_events=(event,)), base, versions, action)
    finally:
        store.conn.set_trace_callback(None)
    return after, statements


def _index_row(store: ProjectStore, event_id: str) -> tuple[int, str]:
    return store.conn.execute("SELECT rowid, text FROM search_index WHERE event_id = ?",
                              (event_id,)).fetchone()


@pytest.fixture
def store(demo_file):
    with ProjectStore.open(demo_file) as opened:
        yield opened


def test_a_move_writes_only_the_changed_columns_and_keeps_the_index_row(store):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    moved = replace(event, start=PartialDate(2031, 3, 4), end=None)
    row_before = _index_row(store, event.id)
    after, sql = _write(store, base, versions, moved, "Move")
    written = " ".join(sql)
    assert "UPDATE events SET \"start\" = '2031-03-04', version = version + 1" in written
    for untouched in ("search_index", "event_tags", "event_parties", "event_sources",
                      "item_sources", "INTO items", "DELETE FROM items"):
        assert untouched not in written, untouched
    assert after[("event", event.id)] == versions[("event", event.id)] + 1
    assert _index_row(store, event.id) == row_before
    reloaded = _event(store.load(), event.id)
    assert reloaded == moved  # items, tags, parties and sources as they were
    assert store.versions() == {**versions, ("event", event.id): after[("event", event.id)]}


def test_the_moved_event_is_found_by_its_text_after_the_move_and_after_undo(store):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    moved = replace(event, start=PartialDate(2031, 3, 4), end=PartialDate(2031, 3, 9))
    versions.update(_write(store, base, versions, moved, "Move")[0])
    now = apply(base, ChangeSet(put_events=(moved,)))
    word = event.items[0].text.split()[0]
    tag = event.tags[0]
    for text in (word, tag, event.title):
        assert event.id in search.search(store.conn, text), text
    versions.update(_write(store, now, versions, event, "Undo Move")[0])  # the undo
    assert _event(store.load(), event.id) == event
    for text in (word, tag, event.title):
        assert event.id in search.search(store.conn, text), text
    counts = dict(store.conn.execute(
        "SELECT event_id, count(*) FROM search_index GROUP BY event_id"))
    assert counts[event.id] == 1


def test_a_new_title_still_reindexes_the_event(store):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    _, sql = _write(store, base, versions, replace(event, title="Quokka summit"), "Rename")
    assert any("search_index" in s for s in sql)
    assert search.search(store.conn, "quokka") == {event.id}
    assert event.id not in search.search(store.conn, event.title)
    assert _index_row(store, event.id)[1].startswith("Quokka summit\n")


@pytest.mark.parametrize("change", ["location", "summary", "tags", "items", "parties"])
def test_a_change_of_lists_or_indexed_text_is_written_and_indexed(store, change):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    edited = {
        "location": replace(event, location="Wombatville"),
        "summary": replace(event, summary="Wombatville accord"),
        "tags": replace(event, tags=(*event.tags, "wombatville")),
        "items": replace(event, items=(replace(event.items[0], text="Wombatville"),
                                       *event.items[1:])),
        "parties": replace(event, parties=event.parties[:1]),
    }[change]
    _write(store, base, versions, edited, "Edit")
    assert _event(store.load(), event.id) == edited
    found = search.search(store.conn, "wombatville")
    assert found == (set() if change == "parties" else {event.id})


def test_the_history_row_of_a_move_holds_the_dates_before_and_after(store):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    moved = replace(event, start=PartialDate(2031, 3, 4), end=None)
    _write(store, base, versions, moved, "Move event")
    rows = store.conn.execute("SELECT action, kind, record_id, before, after FROM history "
                              "ORDER BY id DESC").fetchall()
    newest = [r for r in rows if r[0] == "Move event"]
    assert [(a, k, r) for a, k, r, _, _ in newest] == [("Move event", "event", event.id)]
    before, after = json.loads(newest[0][3]), json.loads(newest[0][4])
    assert {k for k in before if before[k] != after.get(k)} == {"start", "end"} - (
        {"end"} if event.end is None else set())
    assert after["start"] == "2031-03-04"


def test_a_move_over_a_colleagues_move_is_a_conflict_and_writes_nothing(demo_file):
    with ProjectStore.open(demo_file) as mine, ProjectStore.open(demo_file) as theirs:
        base, versions = mine.load(), mine.versions()
        event = _busy_event(base)
        theirs.write_versioned(ChangeSet(put_events=(replace(event, start=PartialDate(2040)),)),
                               theirs.load(), theirs.versions(), "Move")
        with pytest.raises(ConflictError):
            _write(mine, base, versions, replace(event, start=PartialDate(2031, 3, 4)), "Move")
        assert _event(mine.load(), event.id).start == PartialDate(2040)


def test_writing_an_unchanged_event_keeps_its_version(store):
    base, versions = store.load(), store.versions()
    event = _busy_event(base)
    after, sql = _write(store, base, versions, event, "Nothing")
    assert after[("event", event.id)] == versions[("event", event.id)]
    assert not any(s.lstrip().upper().startswith(("UPDATE EVENTS", "INSERT INTO EVENTS"))
                   for s in sql)


@pytest.mark.parametrize("field", ["tags", "parties", "sources"])
def test_a_change_of_lists_alone_is_a_new_version_and_a_colleagues_stale_edit_conflicts(
        demo_file, field):
    with ProjectStore.open(demo_file) as mine, ProjectStore.open(demo_file) as theirs:
        base, versions = mine.load(), mine.versions()
        event = next(e for e in base.events if e.tags and e.parties and e.sources)
        theirs_base, theirs_versions = theirs.load(), theirs.versions()
        edited = replace(event, **{field: getattr(event, field)[:-1]})
        after, _ = _write(mine, base, versions, edited, "Edit lists")
        assert after[("event", event.id)] == versions[("event", event.id)] + 1
        with pytest.raises(ConflictError):
            theirs.write_versioned(
                ChangeSet(put_events=(replace(event, title="Theirs"),)),
                theirs_base, theirs_versions, "Rename")
        assert _event(mine.load(), event.id) == edited

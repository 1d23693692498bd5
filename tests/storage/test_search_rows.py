"""The search index row of an event is found by its remembered row number, never wrongly:
a colleague's re-index or a rolled-back transaction makes the remembered number stale."""

from __future__ import annotations

from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage import search
from negotiator_gui.storage.project_store import ProjectStore


def _retitle(store: ProjectStore, event_id: str, title: str) -> None:
    event = next(e for e in store.load().events if e.id == event_id)
    store.write(ChangeSet(put_events=(replace(event, title=title),)))


def _rows(store: ProjectStore) -> dict[str, int]:
    return dict(store.conn.execute(
        "SELECT event_id, count(*) FROM search_index GROUP BY event_id"))


def test_a_colleagues_reindex_between_my_edits_leaves_one_row_per_event(demo_file):
    with ProjectStore.open(demo_file) as mine, ProjectStore.open(demo_file) as theirs:
        _retitle(mine, "almaty-2", "Zanzibar")     # remembers the rows
        _retitle(theirs, "almaty-2", "Quixotic")   # a new row, elsewhere
        _retitle(theirs, "almaty-1", "Xylophone")
        _retitle(mine, "almaty-2", "Kumquat")
        _retitle(mine, "almaty-1", "Walrus")
        counts = _rows(mine)
        assert set(counts.values()) == {1}
        assert set(counts) == {e.id for e in mine.load().events}
        assert search.search(mine.conn, "Kumquat") == {"almaty-2"}
        assert search.search(mine.conn, "Walrus") == {"almaty-1"}
        for gone in ("Zanzibar", "Quixotic", "Xylophone"):
            assert search.search(mine.conn, gone) == set()


def test_a_rolled_back_edit_leaves_no_stale_row_number(demo_file):
    with ProjectStore.open(demo_file) as store:
        _retitle(store, "almaty-2", "Zanzibar")
        event = next(e for e in store.load().events if e.id == "almaty-1")
        with pytest.raises(RuntimeError), store.transaction() as conn:
            search.index_events(conn, ["almaty-1"])
            conn.execute("UPDATE events SET title = 'Ghost' WHERE id = 'almaty-1'")
            search.index_events(conn, ["almaty-1"])
            raise RuntimeError("undone")
        _retitle(store, "almaty-2", "Kumquat")
        store.write(ChangeSet(put_events=(replace(event, title="Walrus"),)))
        assert set(_rows(store).values()) == {1}
        assert search.search(store.conn, "Ghost") == set()
        assert search.search(store.conn, "Walrus") == {"almaty-1"}
        assert search.search(store.conn, "Kumquat") == {"almaty-2"}

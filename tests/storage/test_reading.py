"""Loading a project: what the file holds comes back exactly, quickly and compactly,
odd values included."""

from __future__ import annotations

import dataclasses
import sqlite3

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Link
from negotiator_gui.storage.project_store import ProjectStore


def load(path):
    with ProjectStore.open(path, read_only=True) as store:
        return store.load(), store.load_problems


def test_odd_values_in_text_columns_load_as_text(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE events SET location = 42, summary = 3.5 WHERE id = 'almaty-1'")
    conn.execute("UPDATE items SET by_party = NULL, subject = 7 WHERE rowid = "
                 "(SELECT min(rowid) FROM items)")
    conn.execute("UPDATE links SET note = 12 WHERE rowid = (SELECT min(rowid) FROM links)")
    item_id = conn.execute("SELECT id FROM items WHERE rowid = "
                           "(SELECT min(rowid) FROM items)").fetchone()[0]
    conn.commit()
    conn.close()
    project, problems = load(demo_file)
    event = next(e for e in project.events if e.id == "almaty-1")
    assert (event.location, event.summary) == ("42", "3.5")
    item = next(i for e in project.events for i in e.items if i.id == item_id)
    assert (item.by, item.subject) == ("", "7")
    assert "12" in {link.note for link in project.links}
    assert problems == []


def test_unknown_keys_are_kept_per_record_and_records_without_share_nothing_visible(
        demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("""UPDATE events SET extra = '{"colour": "teal"}' WHERE id = 'almaty-1'""")
    conn.execute("UPDATE events SET extra = 'not json' WHERE id = 'almaty-2'")
    conn.commit()
    conn.close()
    project, _ = load(demo_file)
    extras = {e.id: e.extra for e in project.events}
    assert extras["almaty-1"] == {"colour": "teal"}
    assert extras["almaty-2"] == {}
    assert all(value == {} for key, value in extras.items() if key != "almaty-1")


def test_equal_dates_and_repeated_texts_are_one_object_each(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE events SET start = '2013-02-26', \"end\" = NULL")
    conn.commit()
    conn.close()
    project, _ = load(demo_file)
    starts = {id(e.start) for e in project.events}
    assert len(starts) == 1 and project.events[0].start == PartialDate(2013, 2, 26)
    kinds = [e.kind for e in project.events]
    assert len({id(k) for k in kinds}) == len(set(kinds))


def test_a_date_a_row_cannot_parse_still_leaves_only_that_row_out(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE events SET start = '2013-02-30' WHERE id = 'almaty-1'")
    conn.execute("UPDATE events SET start = '2013-02-30' WHERE id = 'almaty-2'")
    conn.commit()
    conn.close()
    project, problems = load(demo_file)
    assert {"almaty-1", "almaty-2"}.isdisjoint(e.id for e in project.events)
    assert sum("left out" in str(p) for p in problems) == 2


def test_records_are_slotted_frozen_and_still_replaceable():
    event = Event("e", "Title", "t", PartialDate(2013), items=(Item("i", "text"),))
    assert not hasattr(event, "__dict__") and not hasattr(event.items[0], "__dict__")
    assert not hasattr(Link("a", "b"), "__dict__")
    moved = dataclasses.replace(event, start=PartialDate(2014))
    assert moved.start == PartialDate(2014) and moved.items == event.items
    try:
        event.title = "x"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("records must stay frozen")

"""Every edit is one undo step written at once; undoing all gives back the file."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Link, Party, Source, Track
from negotiator_gui.interchange import json_format
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.session import ProjectSession


def file_json(path) -> str:
    with ProjectStore.open(path, read_only=True) as store:
        return json_format.dumps(store.load())


def random_change(rng: random.Random, session: ProjectSession, n: int) -> ChangeSet:
    """One random edit of the kinds a user makes."""
    project = session.project
    events = list(project.events)
    items = [(e, i) for e in events for i in e.items]
    choice = rng.randrange(11)
    if choice == 0 or not events:
        start = PartialDate(2013, rng.randint(1, 12), rng.randint(1, 28))
        return ChangeSet(put_events=(Event(f"new-{n}", f"Event {n}",
                                           rng.choice(project.tracks).id, start),))
    event = rng.choice(events)
    if choice == 1:
        return ChangeSet(delete_events=(event.id,))
    if choice == 2:
        day = event.start.first_day().toordinal() + rng.randint(-30, 30)
        import datetime as dt
        start = PartialDate.from_date(dt.date.fromordinal(day), event.start.precision)
        return ChangeSet(put_events=(replace(event, start=start, end=None),))
    if choice == 3:
        return ChangeSet(put_events=(replace(event, title=f"{event.title} ({n})",
                                             track=rng.choice(project.tracks).id),))
    if choice == 4:
        item = Item(f"item-{n}", f"Offer {n}", "proposal", rng.choice(project.parties).id)
        return ChangeSet(put_events=(replace(event, items=event.items + (item,)),))
    if choice == 5 and items:
        owner, item = rng.choice(items)
        kept = tuple(i for i in owner.items if i.id != item.id)
        return ChangeSet(put_events=(replace(owner, items=kept),))
    if choice == 6 and len(items) >= 2:
        (_, a), (_, b) = rng.sample(items, 2)
        return ChangeSet(put_links=(Link(a.id, b.id, "responds-to", f"note {n}"),))
    if choice == 7 and project.links:
        return ChangeSet(delete_links=(rng.choice(project.links).key,))
    if choice == 8:
        party = Party(f"party-{n}", f"Party {n}", color="#123456")
        return ChangeSet(parties=project.parties + (party,))
    if choice == 9:
        return ChangeSet(tracks=project.tracks + (Track(f"track-{n}", f"Track {n}", n),),
                         sources=project.sources + (Source(f"src-{n}", f"Report {n}"),))
    return ChangeSet(info=replace(project.info, title=f"Title {n}"))


@pytest.mark.parametrize("seed", [1, 2])
def test_200_random_edits_undo_to_the_original_and_redo_to_the_end(session, demo_file, seed):
    rng = random.Random(seed)
    original = file_json(demo_file)
    failures: list[str] = []
    session.write_failed.connect(failures.append)
    applied = 0
    for n in range(200):
        if session.apply(random_change(rng, session, n), f"edit {n}"):
            applied += 1
    assert failures == []
    assert applied > 150
    end = file_json(demo_file)
    assert json_format.dumps(session.project) == end
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert file_json(demo_file) == original
    assert json_format.dumps(session.project) == original
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    assert file_json(demo_file) == end


def test_deleting_an_event_takes_its_links_and_undo_brings_them_back(session, demo_file):
    before = file_json(demo_file)
    assert session.apply(ChangeSet(delete_events=("icg-report",)), "Delete report")
    assert len(session.project.links) == 2
    session.undo_stack.undo()
    assert file_json(demo_file) == before


def test_a_failed_write_is_not_shown_as_done(session, demo_file, qtbot):
    blocker = sqlite3.connect(demo_file, isolation_level=None)
    session.store.conn.execute("PRAGMA busy_timeout = 100")
    blocker.execute("BEGIN IMMEDIATE")
    messages: list[str] = []
    session.write_failed.connect(messages.append)
    before = session.project
    try:
        event = replace(before.events[0], title="Renamed")
        assert not session.apply(ChangeSet(put_events=(event,)), "Rename")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert session.project == before
    assert session.undo_stack.count() == 0
    assert messages and "locked" in messages[0]


def test_a_commit_that_fails_after_the_views_saw_it_is_taken_back(session, demo_file,
                                                                    qtbot):
    """A colleague reading holds the file: the write gets in but its COMMIT cannot.
    The views are shown the change while the COMMIT waits; when it fails, they
    are shown the project as it was, and nothing is left in the file."""
    file_before = file_json(demo_file)
    reader = sqlite3.connect(demo_file, isolation_level=None)
    session.store.conn.execute("PRAGMA busy_timeout = 100")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # holds a shared lock
    seen: list = []
    session.project_changed.connect(lambda changes: seen.append(
        (changes, session.project.events[0].title)))
    messages: list[str] = []
    session.write_failed.connect(messages.append)
    before, versions = session.project, dict(session.versions)
    try:
        event = replace(before.events[0], title="Renamed")
        assert not session.apply(ChangeSet(put_events=(event,)), "Rename")
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    assert [title for _, title in seen] == ["Renamed", before.events[0].title]
    assert seen[1][0] is None  # shown everything again
    assert session.project is before and session.versions == versions
    assert session.undo_stack.count() == 0
    assert messages and "locked" in messages[0]
    assert file_json(demo_file) == file_before
    assert session.apply(ChangeSet(put_events=(event,)), "Rename")  # the file is sound
    assert file_json(demo_file) == json_format.dumps(session.project)


def test_a_failed_undo_leaves_the_stack_where_the_file_is(session, demo_file, qtbot):
    event = replace(session.project.events[0], title="Renamed")
    assert session.apply(ChangeSet(put_events=(event,)), "Rename")
    blocker = sqlite3.connect(demo_file, isolation_level=None)
    session.store.conn.execute("PRAGMA busy_timeout = 100")
    blocker.execute("BEGIN IMMEDIATE")
    messages: list[str] = []
    session.write_failed.connect(messages.append)
    try:
        session.undo_stack.undo()
        qtbot.waitUntil(lambda: session.undo_stack.index() == 1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert messages
    assert session.project.events[0].title == "Renamed"
    assert file_json(demo_file) == json_format.dumps(session.project)
    session.undo_stack.undo()
    assert session.project.events[0].title != "Renamed"


def test_nudges_of_the_same_events_merge_into_one_step(session):
    event = session.project.events[0]
    for days in (1, 2, 3):
        moved = replace(event, start=PartialDate(2013, 2, days))
        session.apply(ChangeSet(put_events=(moved,)), "Nudge", merge_key="nudge")
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.project.events[0] == event


def test_settings_are_kept_in_the_project(session, demo_file):
    session.set_setting("filter", '{"text": "Almaty"}')
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert store.settings() == {"filter": '{"text": "Almaty"}'}


def test_the_views_hear_when_a_shown_change_waits_for_the_disk(session, qtbot):
    """After the views are shown a change, `waiting_for_disk` says its COMMIT is under
    way (they may do now what the next frame needs); `apply` returns once it is over."""
    heard: list[tuple[str, bool]] = []
    session.project_changed.connect(lambda _changes: heard.append(("changed", False)))
    session.waiting_for_disk.connect(lambda: heard.append(
        ("waiting", session.store._committing._flush is not None)))
    event = replace(session.project.events[0], title="Renamed")
    assert session.apply(ChangeSet(put_events=(event,)), "Rename")
    assert heard == [("changed", False), ("waiting", True)]
    assert session.store._committing._flush is None

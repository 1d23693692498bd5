"""Full-text search in the project file: what it finds, what it refuses, and keeping in step."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.filtering import event_search_text, text_matches
from negotiator_gui.domain.model import Event, Item
from negotiator_gui.operations import import_file
from negotiator_gui.storage import schema, search
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.session import ProjectSession
from tests.builders import a_project, an_event, an_item
from tests.conftest import HISTORY

ALMATY = {"almaty-1", "almaty-2", "istanbul-experts"}  # Istanbul's summary names Almaty
SAMPLE_IDS = {"iaea-tehran-2013-02", "icg-report", "almaty-1", "istanbul-experts", "almaty-2"}


@pytest.fixture
def store(demo_file):
    with ProjectStore.open(demo_file) as opened:
        yield opened


@pytest.fixture
def session(qtbot, demo_file):
    s = ProjectSession()
    s.open(demo_file)
    yield s
    s.close()


def found(path: Path, text: str) -> set[str]:
    with ProjectStore.open(path, read_only=True) as reopened:
        return reopened.search(text)


def geneva_event(**overrides) -> Event:
    return replace(an_event(id="geneva-2013", title="Genève talks", location="Genève",
                            parties=("p5+1", "iran"),
                            start=PartialDate(2013, 11, 24), end=None, items=(),
                            summary="Interim deal"), **overrides)


# -- what it finds -------------------------------------------------------------

def test_search_finds_by_title_summary_and_item_text(store):
    assert store.search("Almaty") == ALMATY
    assert store.search("substantive") == {"almaty-1"}           # summary
    assert store.search("Code 3.1") == {"icg-report"}            # item text
    assert store.search("stockpile") == {"icg-report"}           # item subject


def test_every_word_must_be_there_and_the_last_may_be_a_prefix(store):
    assert store.search("almaty two") == {"almaty-2"}
    assert store.search("Alma") == ALMATY
    assert store.search("Alma ") == set()                         # a finished word
    assert store.search("almaty tehran") == set()


def test_search_ignores_case_and_accents(session):
    session.apply(ChangeSet(put_events=(geneva_event(),)), "Add Genève")
    assert found(session.path, "Geneve") == {"geneva-2013"}
    assert found(session.path, "GENÈVE talks") == {"geneva-2013"}
    assert found(session.path, "geneve") == {"geneva-2013"}


def test_persian_text_is_found(store, session):
    assert store.search("تهران") == {"iaea-tehran-2013-02"}
    persian = geneva_event(id="fa", title="مذاکرات ژنو", summary="ایران می‌خواهد تحریم‌ها لغو شود")
    session.apply(ChangeSet(put_events=(persian,)), "Add")
    assert found(session.path, "ژنو") == {"fa"}
    assert found(session.path, "می‌خواهد") == {"fa"}
    assert found(session.path, "تحریم") == {"fa"}     # the start of a word


def test_tags_are_searched(store):
    assert store.search("technical") == {"istanbul-experts"}


def test_empty_or_blank_text_finds_nothing(store):
    assert store.search("") == set()
    assert store.search("   ") == set()
    assert store.search("*") == set()


@pytest.mark.parametrize("hostile", [
    '" OR * NEAR(', "title:x", "text:*", "*", "a OR b", "NOT almaty", '"', '""', "(",
    "almaty) OR (", "^almaty", "event_id:almaty-1", "almaty AND", "- almaty", "{text}: x",
    "'; DROP TABLE events; --", "NEAR(almaty tehran, 0)", "\x00", "almaty\x00",
])
def test_hostile_input_never_raises_and_never_matches_everything(store, hostile):
    hits = store.search(hostile)
    assert hits != SAMPLE_IDS
    assert store.search("almaty") == ALMATY
    assert len(store.load().events) == 5


def test_operators_are_only_words(store):
    assert search.fts_query('" OR * NEAR(') == '"OR" "NEAR"'
    assert search.fts_query("title:x") == '"title" "x"*'
    assert search.fts_query('a"b') == '"a" "b"*'
    assert store.search("almaty OR tehran") == set()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_is_a_safe_query(store, text):
    assert store.search(text) <= SAMPLE_IDS


def test_a_search_matches_the_plain_python_search(store):
    project = store.load()
    for text in ("almaty", "Alm", "enrichment", "sanctions relief", "iran", "IAEA–Iran",
                 "20%", "تهران", "round"):
        index = store.search(text)
        scan = {e.id for e in project.events
                if text_matches(event_search_text(e), text)}
        assert index == scan, text


# -- keeping in step -------------------------------------------------------------

def test_edits_through_the_session_keep_the_index_in_step(session):
    almaty = next(e for e in session.project.events if e.id == "almaty-2")
    renamed = replace(almaty, title="Astana round", summary="Short.")
    session.apply(ChangeSet(put_events=(renamed,)), "Rename")
    assert found(session.path, "Astana") == {"almaty-2"}
    assert found(session.path, "positions apart") == set()
    item = Item("new-offer", "Suspension of Fordow", "proposal", "p5+1", "iran")
    session.apply(ChangeSet(put_events=(replace(renamed, items=(item,)),)), "Add item")
    assert found(session.path, "Fordow") == {"almaty-2"}
    session.apply(ChangeSet(put_events=(replace(renamed, items=()),)), "Remove items")
    assert found(session.path, "Fordow") == set()


def test_a_deleted_event_is_no_longer_found_and_undo_brings_it_back(session):
    session.apply(ChangeSet(delete_events=("icg-report",)), "Delete report")
    assert found(session.path, "Code 3.1") == set()
    session.undo_stack.undo()
    assert found(session.path, "Code 3.1") == {"icg-report"}
    session.undo_stack.redo()
    assert found(session.path, "Spider") == set()


def test_an_item_moved_to_another_event_is_found_there_only(store):
    project = a_project()
    store.merge(project)
    moved = an_event(id="vienna", title="Vienna", items=(an_item(text="Halt enrichment"),))
    store.merge(a_project(events=(moved,), links=()), with_info=False)
    assert store.search("halt") == {"vienna"}


def test_a_json_import_is_searchable(empty_file, tmp_path):
    with ProjectStore.open(empty_file) as opened:
        import_file(opened, HISTORY)
        events = opened.load().events
    assert len(events) == 229
    hits = found(empty_file, "Lausanne")
    assert hits and all("lausanne" in event_search_text(e).casefold()
                        for e in events if e.id in hits)
    assert found(empty_file, "tehran declaration") == {
        e.id for e in events if "Tehran Declaration" in event_search_text(e)}



def test_rebuilding_the_index_gives_the_same_answers(store):
    before = {text: store.search(text) for text in ("almaty", "iran", "relief")}
    store.conn.execute("DELETE FROM search_index")
    assert store.search("almaty") == set()
    store.rebuild_search_index()
    assert {text: store.search(text) for text in before} == before


# -- older files -------------------------------------------------------------------

def make_old(path: Path, stop_before: str, version: int) -> None:
    """A project file of an older schema version holding one event with an item."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    schema.migrations.apply(db, stop_before=stop_before)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO tracks (id, name) VALUES ('political', 'Political')")
    conn.execute("INSERT INTO events (id, kind, title, track_id, start, status, location) "
                 "VALUES ('e1', 'round', 'Talks', 'political', '2009-10-01', 'held', 'Genève')")
    conn.execute("INSERT INTO items (id, event_id, type, text, status) "
                 "VALUES ('i1', 'e1', 'proposal', 'Fuel swap offer', 'proposed')")
    conn.close()


@pytest.mark.parametrize(("stop_before", "version"), [
    ("0002_record_versions", 1), ("0003_search", 2)])
def test_an_upgraded_older_file_gets_its_index_filled(tmp_path, stop_before, version):
    path = tmp_path / "old.sqlite"
    make_old(path, stop_before, version)
    with ProjectStore.open(path) as store:
        assert store.upgraded_from == version
        assert store.search("geneve") == {"e1"}
        assert store.search("swap") == {"e1"}


def test_an_older_file_opened_read_only_is_still_searched(tmp_path):
    path = tmp_path / "old.sqlite"
    make_old(path, "0003_search", 2)
    with ProjectStore.open(path, read_only=True) as store:
        assert not search.has_index(store.conn)
        assert store.search("Geneve") == {"e1"}
        assert store.search("fuel sw") == {"e1"}
        assert store.search('" OR *') == set()


def test_a_new_file_has_the_index_and_opens_cleanly(empty_file):
    with ProjectStore.open(empty_file) as store:
        assert store.read_only_reason is None
        assert search.has_index(store.conn)
        assert store.integrity_check() == "ok"

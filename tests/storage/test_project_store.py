"""The project file: settings of every connection, transactions, upgrades with backups."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from negotiator_gui.domain.errors import ValidationError
from negotiator_gui.domain.model import ProjectInfo
from negotiator_gui.storage import errors, schema
from negotiator_gui.storage.project_store import ProjectStore
from tests.builders import a_project, an_event
from tests.conftest import sha256


def test_a_new_project_carries_our_identity_and_current_schema(empty_file):
    conn = sqlite3.connect(empty_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(schema.MIGRATION_NAMES)
    conn.close()


def test_every_connection_is_hardened(empty_file):
    with ProjectStore.open(empty_file) as store:
        pragma = {name: store.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in (
            "journal_mode", "synchronous", "foreign_keys", "trusted_schema",
            "cell_size_check", "mmap_size", "busy_timeout")}
        assert pragma == {"journal_mode": "delete", "synchronous": 2, "foreign_keys": 1,
                          "trusted_schema": 0, "cell_size_check": 1, "mmap_size": 0,
                          "busy_timeout": 5000}
        assert store.conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) <= 20_000_000


def test_a_runaway_query_is_interrupted(empty_file):
    with ProjectStore.open(empty_file) as store:
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            store.conn.execute("WITH RECURSIVE cte_n(x) AS (SELECT 1 UNION ALL "
                               "SELECT x + 1 FROM cte_n) SELECT count(*) FROM cte_n").fetchone()
        assert time.monotonic() - started < 4


def test_a_runaway_view_in_a_hostile_file_is_refused_at_once(empty_file):
    conn = sqlite3.connect(empty_file)
    conn.execute("CREATE VIEW cte_forever AS WITH RECURSIVE cte_forever2(x) AS (SELECT 1 "
                 "UNION ALL SELECT x + 1 FROM cte_forever2) SELECT count(*) FROM cte_forever2")
    conn.commit()
    conn.close()
    with ProjectStore.open(empty_file) as store:
        assert "triggers or views" in store.read_only_reason
        started = time.monotonic()
        with pytest.raises(sqlite3.DatabaseError, match="not authorized|interrupted"):
            store.conn.execute("SELECT * FROM cte_forever").fetchone()
        assert time.monotonic() - started < 3


def test_a_huge_value_is_refused(empty_file):
    with ProjectStore.open(empty_file) as store:
        with pytest.raises(sqlite3.DataError):
            store.conn.execute("SELECT ?", ("x" * 30_000_000,)).fetchone()


def test_each_action_begins_immediate(empty_file):
    statements: list[str] = []
    with ProjectStore.open(empty_file) as store:
        store.conn.set_trace_callback(statements.append)
        store.merge(a_project())
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"]
    # "-- ..." lines are SQLite's own statements inside ours (the search index
    # writes what it gathered as the COMMIT runs).
    assert [s for s in statements if not s.startswith("-- ")][-1] == "COMMIT"


def test_a_failed_action_leaves_the_file_as_it_was(empty_file):
    with ProjectStore.open(empty_file) as store:
        store.merge(a_project())
    before = sha256(empty_file)
    with ProjectStore.open(empty_file) as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as conn:
                conn.execute("DELETE FROM events")
                raise RuntimeError("boom")
        assert len(store.load().events) == 1
    assert sha256(empty_file) == before


def test_a_busy_file_gives_a_clear_message(empty_file, monkeypatch):
    from negotiator_gui.storage import connection
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    blocker = sqlite3.connect(empty_file, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with ProjectStore.open(empty_file) as store:
            store.conn.execute("PRAGMA busy_timeout = 200")
            with pytest.raises(errors.ProjectBusyError, match="locked; nothing was changed"):
                store.merge(a_project())
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_create_refuses_an_existing_file(demo_file):
    before = sha256(demo_file)
    with pytest.raises(errors.ProjectFileError, match="exists already"):
        ProjectStore.create(demo_file)
    assert sha256(demo_file) == before


def test_create_in_a_missing_folder_says_so(tmp_path):
    with pytest.raises(errors.WriteFailedError, match="could not be made"):
        ProjectStore.create(tmp_path / "no" / "such" / "x.sqlite")


def test_an_invalid_merge_writes_nothing(empty_file):
    before = sha256(empty_file)
    bad = a_project(events=(an_event(track="nowhere"),))
    with ProjectStore.open(empty_file) as store:
        with pytest.raises(ValidationError, match="events\\[0\\].track: unknown track"):
            store.merge(bad)
    assert sha256(empty_file) == before


def test_merge_updates_by_id_bumps_versions_and_deletes_nothing(empty_file):
    project = a_project()
    with ProjectStore.open(empty_file) as store:
        store.merge(project)
        store.merge(project)  # same values: no new version
        renamed = an_event(title="Almaty I", items=())
        store.merge(a_project(events=(renamed,), links=()), with_info=False)
        after = store.load()
        versions = dict(store.conn.execute("SELECT id, version FROM events"))
    assert after.events[0].title == "Almaty I"
    assert [i.id for i in after.events[0].items] == ["c-20pc", "r-unsc"]
    assert len(after.links) == 1
    assert versions == {"almaty-1": 2}


def test_save_a_copy_uses_the_backup_api(demo_file, tmp_path):
    copy = tmp_path / "copy.sqlite"
    with ProjectStore.open(demo_file) as store:
        store.backup_to(copy)
        original = store.load()
    with ProjectStore.open(copy) as store:
        assert store.load() == original


# -- older files ---------------------------------------------------------------

def make_v1(path: Path) -> None:
    """A project file as the first schema version wrote it, with one event."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    schema.migrations.apply(db, stop_before="0002_record_versions")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO tracks (id, name) VALUES ('political', 'Political')")
    conn.execute("INSERT INTO events (id, kind, title, track_id, start, status) "
                 "VALUES ('e1', 'round', 'Geneva', 'political', '2009-10-01', 'held')")
    conn.close()


def test_an_older_file_is_backed_up_then_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    make_v1(path)
    original = sha256(path)
    with ProjectStore.open(path) as store:
        assert store.upgraded_from == 1
        assert store.schema_version() == schema.SCHEMA_VERSION
        assert [e.title for e in store.load().events] == ["Geneva"]
        backup = store.backup_path
    assert backup is not None and backup.parent == tmp_path
    assert "format1-backup" in backup.name
    with ProjectStore.open(backup, read_only=True) as old:
        assert old.schema_version() == 1
        assert [e.title for e in old.load().events] == ["Geneva"]
    assert sha256(path) != original


def test_a_failing_upgrade_leaves_the_original_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_v1(path)
    original = sha256(path)

    def broken(db):
        db.execute("ALTER TABLE events ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema.migrations._migrations[1], "fn", broken)
    with pytest.raises(errors.MigrationError, match="left as it was"):
        ProjectStore.open(path)
    assert sha256(path) == original
    assert len(list(tmp_path.glob("old.format1-backup-*.sqlite"))) == 1


def test_an_older_file_in_a_read_only_place_is_shown_without_upgrading(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_v1(path)
    original = sha256(path)
    with ProjectStore.open(path, read_only=True) as store:
        assert store.upgraded_from is None
        assert [e.title for e in store.load().events] == ["Geneva"]
    assert sha256(path) == original


def test_info_is_written_on_create(tmp_path):
    with ProjectStore.create(tmp_path / "t.sqlite", ProjectInfo(title="Vienna")) as store:
        assert store.load().info.title == "Vienna"

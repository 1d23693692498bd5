"""Backups through SQLite's backup API: verified, the newest ten kept, restorable in place."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage import backups
from negotiator_gui.storage.project_store import ProjectStore


def test_a_backup_is_a_verified_copy_and_only_ten_are_kept(demo_file, tmp_path):
    folder = tmp_path / "backups"
    with ProjectStore.open(demo_file) as store:
        first = store.take_backup(folder)
        with ProjectStore.open(first.path, read_only=True) as copy:
            assert copy.integrity_check() == "ok"
            assert len(copy.load().events) == 5
        for n in range(12):
            stamp = (dt.datetime(2020, 1, 1) + dt.timedelta(minutes=n)).strftime(
                "%Y-%m-%d %H%M%S")
            (folder / f"almaty {stamp}.sqlite").write_bytes(first.path.read_bytes())
        backups.prune(folder)
    found = backups.listing(folder)
    assert len(found) == 10
    assert found[0].path == first.path  # the newest stays


def test_restoring_puts_the_content_back_for_everyone(demo_file, tmp_path):
    folder = tmp_path / "backups"
    with ProjectStore.open(demo_file) as store, ProjectStore.open(demo_file) as colleague:
        saved = store.take_backup(folder)
        base = store.load()
        renamed = replace(base.events[0], title="Changed after the backup")
        store.write_versioned(ChangeSet(put_events=(renamed,)), base, store.versions(), "x")
        store.restore_backup(saved.path, folder)
        assert colleague.load().events[0].title == base.events[0].title
    assert len(backups.listing(folder)) == 2  # the state before the restore was kept too


def test_a_damaged_backup_is_refused_and_the_project_left_alone(demo_file, tmp_path):
    from tests.conftest import sha256
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        try:
            store.restore_backup(bad, tmp_path / "b")
        except Exception as exc:  # noqa: BLE001 - the message is what matters
            assert "not a Negotiator project" in str(exc)
        else:
            raise AssertionError("a text file was restored")
    assert sha256(demo_file) == before

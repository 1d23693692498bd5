"""The COMMIT waits for the disk on its own thread while the caller shows the change."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage.errors import ProjectFileError
from negotiator_gui.storage.project_store import ProjectStore


def rename(store: ProjectStore, title: str, meanwhile) -> dict:
    base = store.load()
    event = replace(base.events[0], title=title)
    return store.write_versioned(ChangeSet(put_events=(event,)), base, store.versions(),
                                 "Rename", meanwhile=meanwhile)


def test_meanwhile_runs_here_once_with_the_new_versions(demo_file):
    calls: list = []
    with ProjectStore.open(demo_file) as store:
        after = rename(store, "Renamed", lambda versions: calls.append(
            (dict(versions), threading.current_thread())))
        assert calls == [(after, threading.main_thread())]
        assert after
        assert store.load().events[0].title == "Renamed"
        assert not store.conn.in_transaction


def test_a_failed_commit_is_raised_after_meanwhile_and_rolled_back(demo_file):
    with ProjectStore.open(demo_file) as store:
        title = store.load().events[0].title
        store.conn.execute("PRAGMA busy_timeout = 100")
        reader = sqlite3.connect(demo_file, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM events").fetchone()  # a shared lock
        calls: list = []
        try:
            with pytest.raises(ProjectFileError, match="locked"):
                rename(store, "Renamed", calls.append)
        finally:
            reader.execute("ROLLBACK")
            reader.close()
        assert len(calls) == 1
        assert not store.conn.in_transaction
        assert store.load().events[0].title == title
        rename(store, "Renamed", calls.append)  # the connection still writes
        assert store.load().events[0].title == "Renamed"


def test_what_meanwhile_raises_comes_out_once_the_commit_is_over(demo_file):
    def fails(_versions) -> None:
        raise LookupError("a view broke")

    with ProjectStore.open(demo_file) as store:
        with pytest.raises(LookupError):
            rename(store, "Renamed", fails)
        assert not store.conn.in_transaction
        assert store.load().events[0].title == "Renamed"  # the write itself was sound

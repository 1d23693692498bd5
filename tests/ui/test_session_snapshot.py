"""Opening and re-reading a project read records, versions and settings as of one
moment: a colleague's save in the middle would otherwise give versions newer than the
records shown, and an edit of those records would overwrite the colleague's change."""

from __future__ import annotations

import sqlite3

from negotiator_gui.storage import reading
from negotiator_gui.ui.session import ProjectSession


def colleague_saves(path, refused: list[str]) -> None:
    """A colleague changes an event's title (and its version) and tries to save."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE events SET title = 'Changed by a colleague', "
                      "version = version + 1 WHERE id = (SELECT min(id) FROM events)")
        other.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        refused.append(str(exc))
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_colleagues_save_waits_until_the_project_is_read(qapp, demo_file, monkeypatch):
    refused: list[str] = []
    original = reading.load_project

    def load_then_colleague(conn):
        loaded = original(conn)
        colleague_saves(demo_file, refused)  # after the records, before the versions
        return loaded

    monkeypatch.setattr(reading, "load_project", load_then_colleague)
    session = ProjectSession()
    session.open(demo_file)
    try:
        assert refused and "locked" in refused[0]
        first = min(e.id for e in session.project.events)
        title = next(e.title for e in session.project.events if e.id == first)
        assert title != "Changed by a colleague"
        with sqlite3.connect(demo_file) as conn:
            version = conn.execute("SELECT version FROM events WHERE id = ?",
                                   (first,)).fetchone()[0]
        assert session.versions[("event", first)] == version
        session.reload()  # a re-read too
        assert len(refused) == 2
        colleague_saves(demo_file, refused)  # once read, the save goes through
        assert len(refused) == 2
    finally:
        session.close()

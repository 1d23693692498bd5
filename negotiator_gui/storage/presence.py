"""Who else has the project open: a heartbeat each instance keeps in the file.

Entries of instances that stopped beating (crashed, killed, unplugged) expire.
Presence rows are not changes to the records: they add no history.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from dataclasses import dataclass

HEARTBEAT_S = 20
EXPIRE_S = 90


@dataclass(frozen=True)
class Presence:
    """One other instance with the file open."""

    user: str
    host: str
    opened_at: _dt.datetime


def new_instance() -> str:
    """A fresh id for this program's stay in the file."""
    return os.urandom(16).hex()  # as random as uuid4, without loading uuid at start-up


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def join(conn: sqlite3.Connection, instance: str, user: str, host: str) -> None:
    """Announce this instance (inside a write transaction)."""
    now = _now().isoformat(timespec="seconds")
    conn.execute("INSERT INTO presence (instance, user, host, pid, opened_at, seen_at) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(instance) DO UPDATE SET "
                 "seen_at = excluded.seen_at", (instance, user, host, os.getpid(), now, now))


def beat(conn: sqlite3.Connection, instance: str, user: str, host: str) -> None:
    """Say this instance is still here, and drop entries that expired."""
    join(conn, instance, user, host)
    cutoff = (_now() - _dt.timedelta(seconds=EXPIRE_S)).isoformat(timespec="seconds")
    conn.execute("DELETE FROM presence WHERE seen_at < ?", (cutoff,))


def leave(conn: sqlite3.Connection, instance: str) -> None:
    """This instance closes the file."""
    conn.execute("DELETE FROM presence WHERE instance = ?", (instance,))


def others(conn: sqlite3.Connection, instance: str) -> list[Presence]:
    """Every other instance seen within the expiry time, earliest first."""
    cutoff = (_now() - _dt.timedelta(seconds=EXPIRE_S)).isoformat(timespec="seconds")
    rows = conn.execute("SELECT user, host, opened_at FROM presence WHERE instance != ? "
                        "AND seen_at >= ? ORDER BY opened_at", (instance, cutoff))
    out = []
    for user, host, opened in rows:
        try:
            when = _dt.datetime.fromisoformat(str(opened))
        except ValueError:
            continue  # a hostile or damaged row: not shown
        out.append(Presence(str(user)[:80], str(host)[:80], when))
    return out

"""Hardened SQLite connections: safe pragmas, limits, a query guard and an authorizer."""

from __future__ import annotations

import contextlib
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from negotiator_gui.storage.schema import OWN_TRIGGERS, OWN_VIEWS

BUSY_TIMEOUT_S = 5.0
MAX_VALUE_BYTES = 20_000_000
QUERY_BUDGET_S = 2.0
_PROGRESS_STEPS = 20_000


class QueryGuard:
    """Interrupts any statement that runs past its time budget (runaway views, huge scans).

    Statements get `QUERY_BUDGET_S` by default; known long work (quick_check,
    bulk loads) widens the budget for its duration with `allow`.
    """

    def __init__(self, budget_s: float = QUERY_BUDGET_S) -> None:
        self.budget_s = budget_s
        self._deadline = 0.0
        self._depth = 0

    def __call__(self) -> int:
        now = time.monotonic()
        if self._deadline == 0.0:
            self._deadline = now + self.budget_s
            return 0
        return 1 if now > self._deadline else 0

    def reset(self) -> None:
        """Start a new budget; called before each statement batch."""
        if self._depth == 0:
            self._deadline = 0.0

    @contextlib.contextmanager
    def allow(self, seconds: float) -> Iterator[None]:
        """Give the enclosed work `seconds` in total."""
        self._depth += 1
        saved = self._deadline
        self._deadline = time.monotonic() + seconds
        try:
            yield
        finally:
            self._depth -= 1
            self._deadline = saved if self._depth else 0.0


CTE_PREFIX = "cte_"


def _make_authorizer(file_objects: frozenset[str]):
    """An authorizer refusing whatever a trigger or view we did not create tries to do.

    SQLite names the trigger, view or common table expression an action comes
    from. Ours are known by name; our own CTEs start with `CTE_PREFIX` and are
    allowed unless the file holds a trigger or view of that very name.
    """
    def authorize(action: int, arg1: str | None, arg2: str | None,
                  db_name: str | None, source: str | None) -> int:
        if action == sqlite3.SQLITE_ATTACH:
            return sqlite3.SQLITE_DENY
        if source is None or source in OWN_TRIGGERS or source in OWN_VIEWS:
            return sqlite3.SQLITE_OK
        if source.startswith(CTE_PREFIX) and source not in file_objects:
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY
    return authorize


class GuardedConnection(sqlite3.Connection):
    """A connection whose statements each get a fresh time budget."""

    guard: QueryGuard

    def execute(self, *args, **kwargs):  # noqa: D102 - sqlite3 API
        self.guard.reset()
        return super().execute(*args, **kwargs)

    def executemany(self, *args, **kwargs):  # noqa: D102 - sqlite3 API
        self.guard.reset()
        return super().executemany(*args, **kwargs)


def connect(path: Path, read_only: bool) -> GuardedConnection:
    """Open `path` with every safety setting on.

    Args:
        path: an existing project file.
        read_only: open with SQLite's read-only mode, so nothing can be written.

    Returns:
        A connection in autocommit mode: callers begin their own transactions.
    """
    mode = "ro" if read_only else "rw"
    uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                           isolation_level=None, factory=GuardedConnection,
                           check_same_thread=False)
    try:
        harden(conn)
    except Exception:
        conn.close()
        raise
    return conn


def harden(conn: GuardedConnection) -> None:
    """Apply the safety pragmas, limits, guard and authorizer to `conn`."""
    conn.guard = QueryGuard()
    conn.set_progress_handler(conn.guard, _PROGRESS_STEPS)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1_000_000)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.setlimit(sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 10)
    for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0",
                   "foreign_keys=ON", "synchronous=FULL",
                   f"busy_timeout={int(BUSY_TIMEOUT_S * 1000)}"):
        conn.execute(f"PRAGMA {pragma}")
    names = frozenset(row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    conn.set_authorizer(_make_authorizer(names))


def set_journal_delete(conn: sqlite3.Connection) -> None:
    """Use a rollback journal: WAL needs shared memory network drives lack."""
    mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError(f"could not set journal_mode=DELETE (got {mode})")

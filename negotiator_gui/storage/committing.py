"""COMMIT on a thread of its own, so that the disk's flush overlaps other work.

With `synchronous=FULL` and a rollback journal, most of a small transaction's
time is the COMMIT waiting for the disk (journal written and synced, file
synced, journal deleted). SQLite lets the waiting happen without Python's lock,
so one committing thread can wait for the disk while the caller's thread shows
the change. The caller always waits for the COMMIT before going on: nothing is
taken as written before it is.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable


class _Flush:
    """One COMMIT handed to the committing thread."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.started = threading.Event()
        self.done = threading.Event()
        self.error: sqlite3.Error | None = None

    def run(self) -> None:
        self.started.set()
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:  # the caller rolls back and reports it
            self.error = exc
        finally:
            self.done.set()


_jobs: queue.SimpleQueue[_Flush] = queue.SimpleQueue()
_thread: threading.Thread | None = None
_starting = threading.Lock()


def _serve() -> None:
    while True:
        _jobs.get().run()


def _committer() -> None:
    """Start the committing thread once (a daemon: it holds nothing at exit but
    an idle wait; a COMMIT under way is always waited for by its caller)."""
    global _thread
    with _starting:
        if _thread is None:
            _thread = threading.Thread(target=_serve, name="negotiator-commit", daemon=True)
            _thread.start()


class Committing:
    """The COMMIT of a connection under way on the committing thread, if any."""

    def __init__(self) -> None:
        self._flush: _Flush | None = None

    def wait(self) -> None:
        """Return once no COMMIT of this connection is under way."""
        flush = self._flush
        if flush is not None:
            flush.done.wait()

    def commit_while(self, conn: sqlite3.Connection, meanwhile: Callable[[], None]) -> None:
        """COMMIT `conn`'s open transaction on the committing thread while
        `meanwhile()` runs on this one; return once both are over.

        Raises:
            sqlite3.Error: the COMMIT failed (the transaction is still open for the
                caller to roll back), once `meanwhile()` has run.
            Whatever `meanwhile()` raised, once the COMMIT is over.
        """
        _committer()
        flush = _Flush(conn)
        self._flush = flush
        _jobs.put(flush)
        # Wait (without Python's lock) until the thread has begun: once in
        # SQLite it lets go of the lock, so neither thread waits for the other.
        flush.started.wait()
        try:
            meanwhile()
        finally:
            flush.done.wait()
            self._flush = None
        if flush.error is not None:
            raise flush.error

"""The open project file: checked opening, upgrades with backup, one transaction per action."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import Problem, ValidationError
from negotiator_gui.domain.model import Project, ProjectInfo
from negotiator_gui.domain.validation import KnownIds, validate_project
from negotiator_gui.storage import (
    backups,
    committing,
    connection,
    opening,
    presence,
    reading,
    search,
    upgrading,
    versioned,
    writing,
)
from negotiator_gui.storage.errors import (
    ProjectBusyError,
    ProjectFileError,
    ReadOnlyProjectError,
    WriteFailedError,
)
from negotiator_gui.storage.schema import APPLICATION_ID

if TYPE_CHECKING:
    from sqlite_utils import Database

IMPORT_BUDGET_S = 600.0  # a whole import is one statement batch: allow it time


class ProjectStore:
    """One open project file. Reads at will; writes only inside `transaction()`.

    Attributes:
        path: the file.
        read_only_reason: why the file may only be viewed, or None.
        upgraded_from: the schema version the file had before an upgrade, or None.
        backup_path: the verified copy made before an upgrade, or None.
    """

    def __init__(self, path: Path, conn: connection.GuardedConnection,
                 read_only_reason: str | None) -> None:
        self.path = path
        self._conn = conn
        self._committing = committing.Committing()
        self.read_only_reason = read_only_reason
        self.upgraded_from: int | None = None
        self.backup_path: Path | None = None
        self.load_problems: list[Problem] = []
        self.file_restriction: str | None = read_only_reason
        self.author = versioned.Author.current()
        self.instance = presence.new_instance()

    @property
    def conn(self) -> connection.GuardedConnection:
        """The connection, once no COMMIT of it is under way on the committing thread."""
        self._committing.wait()
        return self._conn

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the connection, made on first use (its import is slow)."""
        from sqlite_utils import Database

        return Database(self.conn, recursive_triggers=False, execute_plugins=False)

    # -- opening and creating ------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False) -> ProjectStore:
        """Open an existing project after checking it read-only.

        Args:
            path: the project file.
            read_only: view only, even if the file could be written.

        Raises:
            ProjectFileError: the file cannot be opened; it was not changed.
        """
        path = Path(path)
        found = opening.inspect(path)
        reason = found.read_only_reason
        if read_only and reason is None:
            reason = "it was opened read-only as asked"
        backup = None
        if found.needs_upgrade and reason is None:
            backup = upgrading.backup_beside(path, found.schema_version)
            upgrading.migrate(path, backup)
        try:
            conn = connection.connect(path, read_only=reason is not None)
        except sqlite3.Error as exc:
            raise _write_error(path, exc) from exc
        if reason is None:
            _set_journal(path, conn)
        store = cls(path, conn, reason)
        store.file_restriction = found.read_only_reason
        if backup is not None:
            store.upgraded_from, store.backup_path = found.schema_version, backup
        return store

    @classmethod
    def create(cls, path: Path | str, info: ProjectInfo | None = None) -> ProjectStore:
        """Make a new, empty project file at `path`.

        Raises:
            ProjectFileError: the file exists already or cannot be written.
        """
        path = Path(path)
        try:
            path.open("xb").close()
        except FileExistsError:
            raise ProjectFileError(path, "a file of that name exists already; "
                                         "choose another name") from None
        except OSError as exc:
            raise WriteFailedError(path, f"the file could not be made ({exc.strerror})") \
                from None
        try:
            conn = connection.connect(path, read_only=False)
            _set_journal(path, conn)
            store = cls(path, conn, None)
            with store.transaction():
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                upgrading.apply_migrations(store.db)
                if info is not None:
                    writing.write_info(conn, info)
        except BaseException:
            with contextlib.suppress(Exception):
                conn.close()
            path.unlink(missing_ok=True)
            raise
        return store

    def close(self) -> None:
        """Close the file; safe to call twice."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the project may only be viewed."""
        return self.read_only_reason is not None

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see the file as it was at one moment (one read transaction):
        records, versions and settings from different moments would let an edit
        overwrite a colleague's change unseen. A colleague's save waits until it ends."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")  # deferred: no lock until the first read
        try:
            yield
        finally:
            self._rollback()

    def load(self) -> Project:
        """Every record; records that cannot be read go to `load_problems`."""
        with self.conn.guard.allow(30.0):
            project, self.load_problems = reading.load_project(self.conn)
        return project

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def integrity_check(self) -> str:
        """SQLite's full integrity check: 'ok', or the first problem found."""
        with self.conn.guard.allow(300.0):
            rows = [row[0] for row in self.conn.execute("PRAGMA integrity_check(5)")]
        return "ok" if rows == ["ok"] else rows[0]

    def search(self, text: str) -> set[str]:
        """Ids of the events whose title, place, summary, tags or items hold every word.

        Case and accents are ignored and the last word may be the start of a
        word; whatever the user types is only ever words to look for.
        Empty text finds nothing.

        Raises:
            ProjectFileError: the file could not be read (locked too long).
        """
        try:
            with self.conn.guard.allow(10.0):
                return search.search(self.conn, text)
        except sqlite3.Error as exc:
            raise _search_error(self.path, exc) from exc

    def schema_version(self) -> int:
        """The file's schema version."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- writing ---------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, meanwhile: Callable[[], None] | None = None
                    ) -> Iterator[sqlite3.Connection]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

        With `meanwhile`, the COMMIT waits for the disk on the committing thread
        while `meanwhile()` runs on this one (see `committing`): it runs once
        everything before the COMMIT has succeeded, and the COMMIT's failure, if
        any, is raised after it.

        Raises:
            ReadOnlyProjectError: the project is open read-only.
            ProjectBusyError: a colleague held the file locked too long.
            WriteFailedError: the disk refused the write (full, gone, read-only).
        """
        if self.read_only_reason is not None:
            raise ReadOnlyProjectError(self.path, "the project is read-only: "
                                                  + self.read_only_reason)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path, exc) from exc
        try:
            # No savepoint inside: any error rolls the whole transaction back below.
            yield self.conn
            if meanwhile is None:
                self.conn.execute("COMMIT")
            else:
                self._committing.commit_while(self._conn, meanwhile)
        except sqlite3.Error as exc:
            self._rollback()
            raise _write_error(self.path, exc) from exc
        except BaseException:
            self._rollback()
            raise

    def merge(self, project: Project, with_info: bool = True) -> None:
        """Bring `project`'s records in, all or nothing: new ids added, known ids updated.

        References may name records the file already holds. Validation runs
        inside the write transaction, so it sees what colleagues committed.

        Raises:
            ValidationError: the records break the project's rules; nothing written.
            ProjectFileError: the file could not be written; nothing written.
        """
        with self.transaction() as conn, self.conn.guard.allow(IMPORT_BUDGET_S):
            existing = _known_ids(conn)
            problems = validate_project(project, existing=existing)
            if problems:
                raise ValidationError(problems)
            writing.merge_project(conn, project, with_info, existing.items)
            versioned.note_import(conn, self.author, project.counts())

    def write_versioned(self, changes: ChangeSet, base: Project, expected: versioned.Versions,
                        action: str, only: set[versioned.Key] | None = None,
                        meanwhile: Callable[[versioned.Versions], None] | None = None
                        ) -> versioned.Versions:
        """Write one user action, only over the record versions the user saw.

        Args:
            changes: the action.
            base: the project as the user saw it.
            expected: the versions of the records the user saw (absent: new).
            action: the action's name, for the history.
            only: with an undo or redo, the records its edit touched.
            meanwhile: called with the new versions while the COMMIT waits for the
                disk (see `transaction`); if the COMMIT then fails, the error is
                raised after it ran, and the caller must take back what it did.

        Returns:
            The new versions of every record written or deleted.

        Raises:
            ConflictError: a colleague changed one of those records; nothing written.
            ProjectFileError: the file could not be written; nothing written.
        """
        plan = versioned.WritePlan.of(changes, base, only)
        after: versioned.Versions = {}
        show = None if meanwhile is None else lambda: meanwhile(after)
        with self.transaction(show) as conn:
            versioned.check(conn, self.path, plan, expected)
            after.update(versioned.write(conn, plan, base, self.author, action))
        return after

    # -- backups -----------------------------------------------------------------

    def take_backup(self, folder: Path) -> backups.Backup:
        """A verified copy of the project in `folder` (the newest ten are kept)."""
        return backups.take(self.conn, self.path, folder)

    def restore_backup(self, backup: Path, folder: Path) -> None:
        """Replace the project's content with a backup's, after backing up the present.

        Raises:
            ReadOnlyProjectError: the project is read-only.
            ProjectFileError: the backup is not sound, or the file could not be written.
        """
        if self.read_only_reason is not None:
            raise ReadOnlyProjectError(self.path, "the project is read-only: "
                                                  + self.read_only_reason)
        backups.restore_check(backup)
        self.take_backup(folder)
        try:
            backups.restore(backup, self.conn)
        except sqlite3.Error as exc:
            raise _write_error(self.path, exc) from exc

    # -- presence ----------------------------------------------------------------

    def announce(self) -> None:
        """Tell colleagues this instance has the file open (or is still here)."""
        if self.read_only_reason is not None:
            return
        with self.transaction() as conn:
            presence.beat(conn, self.instance, self.author.user, self.author.host)

    def withdraw(self) -> None:
        """Tell colleagues this instance closed the file; never raises."""
        if self.read_only_reason is not None:
            return
        with contextlib.suppress(ProjectFileError, sqlite3.Error):
            with self.transaction() as conn:
                presence.leave(conn, self.instance)

    def colleagues(self) -> list[presence.Presence]:
        """Other instances that have the file open now."""
        try:
            return presence.others(self.conn, self.instance)
        except sqlite3.Error:
            return []  # an older file without presence, or busy for a moment

    def history(self, kind: str | None = None, record_id: str | None = None,
                user: str | None = None, limit: int = 2000, after_id: int = 0
                ) -> list[versioned.HistoryEntry]:
        """Recorded changes, newest first (none for an older file opened read-only);
        with `after_id` only those recorded after that entry."""
        try:
            return versioned.read_history(self.conn, kind, record_id, user, limit, after_id)
        except sqlite3.OperationalError:
            return []

    def history_users(self) -> list[str]:
        """Everyone who changed the project."""
        try:
            return versioned.history_users(self.conn)
        except sqlite3.OperationalError:
            return []

    def versions(self) -> versioned.Versions:
        """Every record's version in the file now."""
        return versioned.all_versions(self.conn)

    def last_change(self) -> int:
        """A number that grows with every change to the records (0 without history)."""
        try:
            return versioned.last_change(self.conn)
        except sqlite3.OperationalError:
            return 0  # an older file, opened read-only, keeps no history

    def write(self, changes: ChangeSet) -> None:
        """Write one user action in one transaction.

        Raises:
            ProjectFileError: the file could not be written; nothing was changed.
        """
        with self.transaction() as conn:
            writing.write_changes(conn, changes)

    def rebuild_search_index(self) -> None:
        """Index every event afresh, in one transaction (upgrades do this themselves).

        Raises:
            ProjectFileError: the file could not be written; nothing changed.
        """
        with self.transaction() as conn, self.conn.guard.allow(300.0):
            search.rebuild_index(conn)

    def settings(self) -> dict[str, str]:
        """The project's stored settings (filters, lane order...)."""
        try:
            return writing.read_settings(self.conn)
        except sqlite3.OperationalError:
            return {}  # an older file, opened read-only, has no settings table

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def backup_to(self, target: Path | str) -> None:
        """Write a consistent copy of the project to `target` (SQLite's backup API)."""
        upgrading.copy_to(self.conn, Path(target))


def _known_ids(conn: sqlite3.Connection) -> KnownIds:
    def ids(table: str) -> set[str]:
        return {row[0] for row in conn.execute(f"SELECT id FROM {table}")}
    return KnownIds(ids("parties"), ids("tracks"), ids("sources"), ids("items"))


def _set_journal(path: Path, conn: sqlite3.Connection) -> None:
    try:
        connection.set_journal_delete(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise _write_error(path, exc) from exc


def _write_error(path: Path, exc: sqlite3.Error) -> ProjectFileError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ProjectBusyError(path, "a colleague is saving to this file and it stayed "
                                      "locked; nothing was changed, please try again")
    if "full" in text:
        return WriteFailedError(path, "the disk is full; nothing was changed")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyProjectError(path, "the file or its folder has become read-only; "
                                          "nothing was changed")
    if "constraint" in text:
        return WriteFailedError(path, f"the change breaks a rule of the project ({exc}); "
                                      "nothing was changed")
    return WriteFailedError(path, f"the change could not be written ({exc}); "
                                  "nothing was changed")


def _search_error(path: Path, exc: sqlite3.Error) -> ProjectFileError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ProjectBusyError(path, "a colleague is saving to this file; "
                                      "the search will work again in a moment")
    if "interrupted" in text:
        return ProjectFileError(path, "the search took too long; try more words")
    return ProjectFileError(path, f"the search failed ({exc})")



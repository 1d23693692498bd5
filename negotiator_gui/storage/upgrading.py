"""Upgrading older project files: a verified backup beside the file, then the migrations."""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from negotiator_gui.storage import connection, opening, schema
from negotiator_gui.storage.errors import MigrationError, ProjectFileError
from negotiator_gui.storage.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply_migrations(db: Database) -> None:
    schema.migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def copy_to(conn: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()


def backup_beside(path: Path, version: int) -> Path:
    """Copy an older file to a verified backup beside it before it is upgraded."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.format{version}-backup-{stamp}{path.suffix}")
    source = connection.connect(path, read_only=True)
    try:
        copy_to(source, target)
        opening.inspect(target)
    except (sqlite3.Error, ProjectFileError, OSError) as exc:
        target.unlink(missing_ok=True)
        raise MigrationError(path, "the file is from an older version and must be "
                                   "upgraded, but no verified backup could be written "
                                   f"beside it ({exc}); it was left as it was") from exc
    finally:
        source.close()
    return target


def migrate(path: Path, backup: Path) -> None:
    """Upgrade the file's schema in one transaction; on failure nothing changes."""
    from sqlite_utils import Database  # only upgrades need it: kept out of start-up

    conn = connection.connect(path, read_only=False)
    try:
        conn.execute("BEGIN IMMEDIATE")
        with conn.guard.allow(300.0):
            apply_migrations(Database(conn, recursive_triggers=False,
                                       execute_plugins=False))
        conn.execute("COMMIT")
    except Exception as exc:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise MigrationError(path, f"the upgrade from an older version failed ({exc}); "
                                   f"the file was left as it was (a backup is at "
                                   f"{backup.name})") from exc
    finally:
        conn.close()

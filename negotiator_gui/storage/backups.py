"""Backups of a project through SQLite's backup API, verified, kept to the newest ten."""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from negotiator_gui.storage import opening
from negotiator_gui.storage.errors import ProjectFileError, WriteFailedError

KEEP = 10
INTERVAL_S = 600
_STAMP = "%Y-%m-%d %H%M%S"
_STAMP_RE = re.compile(r"(\d{4}-\d{2}-\d{2} \d{6})(?:-\d+)?$")


@dataclass(frozen=True)
class Backup:
    """One verified copy of a project."""

    path: Path
    taken: _dt.datetime


def folder_for(data_dir: Path, project: Path) -> Path:
    """Where the backups of `project` are kept inside the user's data folder."""
    import hashlib  # (loaded on first use: start-up time)

    digest = hashlib.sha256(str(project.absolute()).encode("utf-8")).hexdigest()[:10]
    return data_dir / "backups" / f"{project.stem}-{digest}"


def take(conn: sqlite3.Connection, project: Path, folder: Path) -> Backup:
    """Copy the open project to a new backup in `folder`, verify it, prune old ones.

    Raises:
        WriteFailedError: the copy could not be written or did not verify; any
            partial copy is removed.
    """
    now = _dt.datetime.now()
    target = folder / f"{project.stem} {now.strftime(_STAMP)}.sqlite"
    n = 2
    while target.exists():  # two backups in one second (a restore backs up first)
        target = folder / f"{project.stem} {now.strftime(_STAMP)}-{n}.sqlite"
        n += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        opening.inspect(target)
    except (OSError, sqlite3.Error, ProjectFileError) as exc:
        target.unlink(missing_ok=True)
        raise WriteFailedError(target, f"the backup could not be made ({exc})") from exc
    prune(folder)
    return Backup(target, now)


def listing(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first."""
    found = []
    for path in folder.glob("*.sqlite") if folder.is_dir() else []:
        match = _STAMP_RE.search(path.stem)
        try:
            taken = _dt.datetime.strptime(match.group(1), _STAMP) if match else None
        except ValueError:
            taken = None
        if taken is not None:
            found.append(Backup(path, taken))
    return sorted(found, key=lambda b: (b.taken, b.path.stat().st_mtime_ns), reverse=True)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the newest `keep` backups."""
    for old in listing(folder)[keep:]:
        old.path.unlink(missing_ok=True)


def restore_check(backup: Path) -> None:
    """Refuse a backup that is not a sound project of a version this program writes.

    Raises:
        ProjectFileError: naming what is wrong with the backup.
    """
    found = opening.inspect(backup)
    if found.read_only_reason and "newer version" in found.read_only_reason:
        raise ProjectFileError(backup, "this backup was made by a newer version of "
                                       "Negotiator and cannot be restored here")


def restore(backup: Path, conn: sqlite3.Connection) -> None:
    """Put a backup's content into the open project, in place (colleagues see it)."""
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        source.backup(conn)
    finally:
        source.close()

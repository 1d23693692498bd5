"""Opening checks: every file is inspected read-only before anything may write to it."""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from negotiator_gui.storage import connection
from negotiator_gui.storage.errors import (
    DamagedFileError,
    EmptyFileError,
    FileMissingError,
    ForeignFileError,
    IncompatibleSchemaError,
    NotAProjectError,
    ProjectBusyError,
)
from negotiator_gui.storage.schema import (
    APPLICATION_ID,
    OWN_TRIGGERS,
    OWN_VIEWS,
    SCHEMA_VERSION,
    expected_columns,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
QUICK_CHECK_BUDGET_S = 60.0
_SQLITE_READONLY_ROLLBACK = 776


@dataclass(frozen=True)
class Inspection:
    """What the read-only checks found out about a file that may be opened."""

    path: Path
    schema_version: int
    read_only_reason: str | None   # why it may only be viewed, or None
    needs_upgrade: bool


def inspect(path: Path) -> Inspection:
    """Check `path` without writing to it.

    Returns:
        What was found: the schema version and whether the file may be edited.

    Raises:
        ProjectFileError: (a subclass naming the case) when the file cannot
            be opened at all.
    """
    header = _read_header(path)
    _check_header(path, header)
    try:
        return _inspect_database(path)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) != _SQLITE_READONLY_ROLLBACK:
            raise _database_error(path, exc) from exc
        denied = _writable(path)
        if denied is not None:
            raise DamagedFileError(
                path, "a program that was writing to this file stopped half way, and "
                      "the file must be repaired from the journal beside it before it can "
                      f"be read, but {denied}; ask someone who may write there to open it "
                      "once (nothing was changed)") from exc
        _recover_hot_journal(path)
        return _inspect_database(path)
    except sqlite3.DatabaseError as exc:
        raise _database_error(path, exc) from exc


def _read_header(path: Path) -> bytes:
    if not path.exists():
        raise FileMissingError(path, "there is no such file")
    if not path.is_file():
        raise FileMissingError(path, "this is a folder or device, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise FileMissingError(path, "you do not have permission to read this file") from None
    except OSError as exc:
        raise FileMissingError(path, f"the file could not be read ({exc.strerror})") from None
    if not header:
        raise EmptyFileError(path, "the file is empty (0 bytes), so it holds no project; "
                                   "it may be a copy that did not finish")
    return header


def _check_header(path: Path, header: bytes) -> None:
    if not header.startswith(SQLITE_MAGIC):
        raise NotAProjectError(path, f"this is {_describe_foreign(header)}, "
                                     "not a Negotiator project")
    if len(header) < 100:
        raise DamagedFileError(path, "the file is damaged: it ends inside its header "
                                     "(a truncated copy?)")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedFileError(path, "the file is damaged: its header is not valid")
    size = path.stat().st_size
    counter, valid_for = header[24:28], header[92:96]
    pages = struct.unpack(">I", header[28:32])[0]
    if size % page_size or (counter == valid_for and pages and size < pages * page_size):
        raise DamagedFileError(path, "the file is damaged: it is shorter than its header "
                                     "says (a truncated copy?)")
    app_id = struct.unpack(">I", header[68:72])[0]
    if app_id not in (0, APPLICATION_ID):
        raise ForeignFileError(path, "this SQLite database belongs to another application "
                                     f"(application id 0x{app_id:08X}), not Negotiator")


def _describe_foreign(header: bytes) -> str:
    if header.startswith(b"%PDF"):
        return "a PDF document"
    if header.startswith(b"PK\x03\x04"):
        return "a ZIP archive (perhaps a Word, Excel or ZIP file)"
    if header.lstrip()[:1] in (b"{", b"["):
        return "a JSON or text file (to bring JSON in, use Import)"
    try:
        header.decode("utf-8")
    except UnicodeDecodeError:
        return "not an SQLite database"
    return "a text file"


def _inspect_database(path: Path) -> Inspection:
    conn = connection.connect(path, read_only=True)
    try:
        return _inspect_open(path, conn)
    finally:
        conn.close()


def _inspect_open(path: Path, conn: connection.GuardedConnection) -> Inspection:
    with conn.guard.allow(QUICK_CHECK_BUDGET_S):
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise DamagedFileError(path, "the file is damaged: SQLite's integrity check "
                                     f"failed ({problems[0]})")
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if app_id != APPLICATION_ID:
        raise _not_ours(path, objects)
    reasons = []
    if version > SCHEMA_VERSION:
        reasons.append(f"it was made by a newer version of Negotiator (file format "
                       f"{version}; this version reads up to {SCHEMA_VERSION}), "
                       "so it can be viewed but not changed")
    _check_shape(path, conn, version, dict((name, kind) for kind, name in objects))
    foreign = sorted(name for kind, name in objects
                     if (kind == "trigger" and name not in OWN_TRIGGERS)
                     or (kind == "view" and name not in OWN_VIEWS))
    if foreign:
        reasons.append("it contains triggers or views that Negotiator did not create "
                       f"({', '.join(foreign[:5])}), so it is not safe to edit")
    denied = _writable(path)
    if denied:
        reasons.append(denied)
    return Inspection(path, version, "; ".join(reasons) or None,
                      needs_upgrade=version < SCHEMA_VERSION)


def _not_ours(path: Path, objects: list[tuple[str, str]]) -> ForeignFileError:
    tables = sorted(name for kind, name in objects if kind == "table")
    if not tables:
        return ForeignFileError(path, "this is an empty SQLite database, "
                                      "not a Negotiator project")
    listed = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
    return ForeignFileError(path, "this SQLite database belongs to another application "
                                  f"(it holds tables {listed}), not Negotiator")


def _check_shape(path: Path, conn: sqlite3.Connection, version: int,
                 kinds: dict[str, str]) -> None:
    if version == 0:
        return
    impostors = sorted(t for t in expected_columns(version) if kinds.get(t, "table") != "table")
    if impostors:
        raise IncompatibleSchemaError(
            path, f"the project is damaged or tampered with: {', '.join(impostors)} should be "
                  f"a table but is a {kinds[impostors[0]]}, so it cannot be opened")
    missing = []
    for table, columns in sorted(expected_columns(version).items()):
        have = {row[1] for row in conn.execute(
            "SELECT * FROM pragma_table_info(?)", (table,))}
        if not have:
            missing.append(f"table {table}")
        else:
            missing += [f"column {table}.{c}" for c in sorted(columns - have)]
    if missing:
        listed = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise IncompatibleSchemaError(
            path, f"the project is incomplete or damaged: {listed} missing, "
                  "so it cannot be opened")


def _writable(path: Path) -> str | None:
    """Why the file cannot be written, or None when it can."""
    if not os.access(path, os.W_OK):
        return "you do not have permission to change this file"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return ("its folder is read-only, and SQLite must write a journal beside "
                "the file to change it safely")
    return None


def _recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back a crashed writer's journal, as any opener would."""
    conn = connection.connect(path, read_only=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _database_error(path: Path, exc: sqlite3.DatabaseError) -> Exception:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ProjectBusyError(path, "a colleague's program is holding the file locked; "
                                      "try again in a moment")
    if "interrupted" in text:
        return DamagedFileError(path, "checking the file took too long; it may be "
                                      "damaged or hostile")
    return DamagedFileError(path, f"the file is damaged or not a database ({text})")

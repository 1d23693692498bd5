"""Versioned writes for shared files: an edit applies only to the versions the user saw.

Every record carries a version. A change names the versions it started from;
inside its transaction the versions in the file are compared first, and if a
colleague changed or removed any of those records meanwhile, nothing is
written and a `ConflictError` lists each one. Every change is also written to
the history table: who, when, which record, before and after.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.snapshots import plain, record_documents
from negotiator_gui.storage import writing
from negotiator_gui.storage.errors import ProjectFileError

Key = tuple[str, str]  # (kind, id): ("event", "almaty-1"), ("link", "a\x1fb\x1fkind")
Versions = dict[Key, int]
_TABLES = {"event": "events", "item": "items", "party": "parties", "track": "tracks",
           "source": "sources"}


def link_id(key: tuple[str, str, str]) -> str:
    """A link's id in keys and history: from, to and kind joined."""
    return "\x1f".join(key)


@dataclass(frozen=True)
class Author:
    """Who is writing: recorded in the history with each change."""

    user: str
    host: str

    @classmethod
    def current(cls) -> Author:
        """The logged-in user on this machine."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = os.environ.get("USERNAME", "") or "unknown"
        return cls(user, _host_name())


def _host_name() -> str:
    """This machine's name (os.uname where there is one: no socket module to load)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # Windows

    return socket.gethostname()


@dataclass(frozen=True)
class Conflict:
    """A record a colleague changed (or removed, or added) after the user last saw it."""

    kind: str
    record_id: str
    mine: int | None     # the version the user started from (None: thought it new)
    theirs: int | None   # the version in the file now (None: removed)


class ConflictError(ProjectFileError):
    """Colleagues changed records this edit would overwrite; nothing was written."""

    def __init__(self, path: Path | str, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        names = ", ".join(f"{c.kind} {c.record_id.split(chr(31))[0]}" for c in conflicts[:3])
        more = f" and {len(conflicts) - 3} more" if len(conflicts) > 3 else ""
        super().__init__(path, f"a colleague changed {names}{more} since you last saw it; "
                               "nothing was overwritten")


@dataclass
class WritePlan:
    """The records one change really writes, worked out against what the user saw."""

    changes: ChangeSet
    keys: set[Key] = field(default_factory=set)       # every record written or deleted
    new_items: dict[str, set[str]] = field(default_factory=dict)  # event -> its item ids

    @classmethod
    def of(cls, changes: ChangeSet, base: Project, only: set[Key] | None = None) -> WritePlan:
        """What `changes` writes, given the project the user saw.

        Lists of parties, tracks and sources count only the records that differ
        from `base`; records a colleague added are never deleted. With `only`,
        records outside it are left alone (an undo touches what its edit did).
        """
        trimmed = _trim_lists(changes, base, only)
        plan = cls(trimmed)
        events = index_of(base).events
        for event in trimmed.put_events:
            plan.keys.add(("event", event.id))
            plan.keys |= {("item", i.id) for i in event.items}
            old = events.get(event.id)
            if old is not None:
                plan.keys |= {("item", i.id) for i in old.items}
        for event_id in trimmed.delete_events:
            plan.keys.add(("event", event_id))
            if event_id in events:
                plan.keys |= {("item", i.id) for i in events[event_id].items}
        plan.keys |= {("link", link_id(k)) for k in trimmed.delete_links}
        plan.keys |= {("link", link_id(lk.key)) for lk in trimmed.put_links}
        for kind, records, deleted in _list_changes(trimmed, base):
            plan.keys |= {(kind, r.id) for r in records} | {(kind, i) for i in deleted}
        return plan


def _trim_lists(changes: ChangeSet, base: Project, only: set[Key] | None) -> ChangeSet:
    """Keep colleagues' records in full lists: the list as mine, plus theirs I never saw."""
    out = changes
    for kind, name in (("party", "parties"), ("track", "tracks"), ("source", "sources")):
        records = getattr(changes, name)
        if records is None:
            continue
        if only is not None:
            allowed = {rid for k, rid in only if k == kind}
            theirs = {r.id: r for r in getattr(base, name)}
            mine = {r.id for r in records}
            kept = [r if r.id in allowed else theirs[r.id] for r in records
                    if r.id in allowed or r.id in theirs]
            kept += [r for r in theirs.values() if r.id not in mine and r.id not in allowed]
            records = tuple(kept)
        out = replace(out, **{name: records})
    return out


def _list_changes(changes: ChangeSet, base: Project):
    """(kind, records that differ from base, ids removed from base) for each full list."""
    for kind, name in (("party", "parties"), ("track", "tracks"), ("source", "sources")):
        records = getattr(changes, name)
        if records is None:
            continue
        old = {r.id: (i, r) for i, r in enumerate(getattr(base, name))}
        changed = [r for i, r in enumerate(records) if r.id not in old or old[r.id][1] != r
                   or (kind == "party" and old[r.id][0] != i)]
        removed = set(old) - {r.id for r in records}
        yield kind, changed, removed


def current_versions(conn: sqlite3.Connection, keys: Iterable[Key]) -> Versions:
    """The versions the file holds now for these records (absent ones left out)."""
    out: Versions = {}
    grouped: dict[str, list[str]] = {}
    for kind, rid in keys:
        grouped.setdefault(kind, []).append(rid)
    for kind, ids in grouped.items():
        if kind == "link":
            rows = conn.execute(
                "SELECT from_item, to_item, kind, version FROM links WHERE "
                "from_item || char(31) || to_item || char(31) || kind IN "
                "(SELECT value FROM json_each(?))", (json.dumps(ids),))
            out.update({("link", link_id((a, b, k))): v for a, b, k, v in rows})
            continue
        rows = conn.execute(f"SELECT id, version FROM {_TABLES[kind]} WHERE id IN "
                            "(SELECT value FROM json_each(?))", (json.dumps(ids),))
        out.update({(kind, rid): v for rid, v in rows})
    return out


def all_versions(conn: sqlite3.Connection) -> Versions:
    """Every record's version, as the user sees the project now."""
    out: Versions = {}
    for kind, table in _TABLES.items():
        out.update({(kind, rid): v for rid, v in conn.execute(f"SELECT id, version FROM {table}")})
    rows = conn.execute("SELECT from_item, to_item, kind, version FROM links")
    out.update({("link", link_id((a, b, k))): v for a, b, k, v in rows})
    return out


def items_added_by_others(conn: sqlite3.Connection, plan: WritePlan,
                          expected: Versions) -> list[Conflict]:
    """Items a colleague put on events this change rewrites or deletes."""
    events = [rid for kind, rid in plan.keys if kind == "event"]
    rows = conn.execute("SELECT id, version FROM items WHERE event_id IN "
                        "(SELECT value FROM json_each(?))", (json.dumps(events),))
    return [Conflict("item", rid, None, v) for rid, v in rows if ("item", rid) not in expected
            and ("item", rid) not in plan.keys]


def check(conn: sqlite3.Connection, path: Path, plan: WritePlan, expected: Versions) -> None:
    """Refuse the change if any record it touches is not at the version the user saw.

    Raises:
        ConflictError: listing every record a colleague changed, removed or added.
    """
    now = current_versions(conn, plan.keys)
    conflicts = [Conflict(kind, rid, expected.get((kind, rid)), now.get((kind, rid)))
                 for kind, rid in sorted(plan.keys)
                 if expected.get((kind, rid)) != now.get((kind, rid))]
    conflicts += items_added_by_others(conn, plan, expected)
    if conflicts:
        raise ConflictError(path, conflicts)


def write(conn: sqlite3.Connection, plan: WritePlan, base: Project, author: Author,
          action: str) -> Versions:
    """Write the plan and its history rows; returns the new versions of what it touched."""
    before = _snapshot(base, plan.keys)
    known = {"parties": {p.id for p in base.parties}, "tracks": {t.id for t in base.tracks},
             "sources": {s.id for s in base.sources}}
    # `check` found the file's records at the versions of `base`: an event's row
    # can be written by its changed columns alone, against base's.
    writing.write_changes(conn, plan.changes, known, index_of(base).events)
    after = _snapshot(written(base, plan.changes), plan.keys)
    _history(conn, author, action, before, after)
    return current_versions(conn, plan.keys)


def written(base: Project, changes: ChangeSet) -> Project:
    """The records `changes` puts, as `apply(base, changes)` holds them: for the keys
    a write plan names, the same records (the events, items and links it puts; the
    lists given whole), without making the whole project after the change."""
    return Project(
        parties=changes.parties if changes.parties is not None else base.parties,
        tracks=changes.tracks if changes.tracks is not None else base.tracks,
        sources=changes.sources if changes.sources is not None else base.sources,
        events=tuple({e.id: e for e in changes.put_events}.values()),
        links=tuple({lk.key: lk for lk in changes.put_links}.values()))


def _snapshot(project: Project, keys: set[Key]) -> dict[Key, dict]:
    """The keyed records of `project` as dicts (see `record_documents`), looked up
    through the project's index: events by id with their items, links by key.
    Only items not on the events the keys name are searched for (an item new to
    the project, or moved from an event the change does not name)."""
    index = index_of(project)
    out: dict[Key, dict] = {}
    lists: set[Key] = set()
    items = {rid for kind, rid in keys if kind == "item"}
    for kind, rid in keys:
        if kind == "event":
            event = index.events.get(rid)
            if event is not None:
                out[(kind, rid)] = plain(event)
                _item_documents(event, items, out)
        elif kind == "link":
            parts = tuple(rid.split("\x1f"))
            if len(parts) != 3:  # an id holding the separator: compare joined ids
                lists.add((kind, rid))
            elif (link := index.links.get(parts)) is not None:  # type: ignore[arg-type]
                out[(kind, rid)] = plain(link)
        elif kind != "item":
            lists.add((kind, rid))
    missing = {rid for rid in items if ("item", rid) not in out}
    if missing:
        for event in project.events:
            _item_documents(event, missing, out)
    if lists:  # parties, tracks and sources: a few records each
        out.update(record_documents(replace(project, events=(), links=project.links
                                            if any(k == "link" for k, _ in lists) else ()),
                                    lists, link_id))
    return out


def _item_documents(event, wanted: set[str], out: dict[Key, dict]) -> None:
    for item in event.items:
        if item.id in wanted:
            out[("item", item.id)] = {**plain(item), "event": event.id}


def _history(conn: sqlite3.Connection, author: Author, action: str,
             before: dict[Key, dict], after: dict[Key, dict]) -> None:
    now = writing.now_text()
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        rows.append((now, author.user, author.host, action, key[0], key[1],
                     _dump(old), _dump(new)))
    conn.executemany("INSERT INTO history (at, user, host, action, kind, record_id, before, "
                     "after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _dump(record: dict | None) -> str | None:
    return None if record is None else json.dumps(record, ensure_ascii=False, sort_keys=True)


def note_import(conn: sqlite3.Connection, author: Author, counts: dict[str, int]) -> None:
    """One history row for an import (its records are too many to list one by one)."""
    summary = json.dumps(counts, sort_keys=True)
    conn.execute("INSERT INTO history (at, user, host, action, kind, record_id, before, after) "
                 "VALUES (?, ?, ?, 'Import', 'project', '', NULL, ?)",
                 (writing.now_text(), author.user, author.host, summary))


def last_change(conn: sqlite3.Connection) -> int:
    """The id of the newest history row: changes when anyone changes the records."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]



@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change to one record."""

    id: int
    at: str
    user: str
    host: str
    action: str
    kind: str
    record_id: str
    before: dict | None
    after: dict | None

    def changed_fields(self) -> list[str]:
        """The fields that differ between before and after ('created', 'deleted')."""
        if self.before is None:
            return ["created"]
        if self.after is None:
            return ["deleted"]
        return sorted(k for k in set(self.before) | set(self.after)
                      if self.before.get(k) != self.after.get(k))


def read_history(conn: sqlite3.Connection, kind: str | None = None,
                 record_id: str | None = None, user: str | None = None,
                 limit: int = 2000, after_id: int = 0) -> list[HistoryEntry]:
    """The newest recorded changes first, optionally for one record or one person,
    and with `after_id` only those recorded after that entry."""
    clauses, params = [], []
    for clause, value in (("kind = ?", kind), ("record_id = ?", record_id),
                          ("user = ?", user), ("id > ?", after_id)):
        if value:
            clauses.append(clause)
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(f"SELECT id, at, user, host, action, kind, record_id, before, after "
                        f"FROM history {where} ORDER BY id DESC LIMIT ?", (*params, limit))
    return [HistoryEntry(i, str(at), str(u), str(h), str(a), str(k), str(r),
                         _load(b), _load(af)) for i, at, u, h, a, k, r, b, af in rows]


def _load(text) -> dict | None:
    try:
        value = json.loads(text) if text else None
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def history_users(conn: sqlite3.Connection) -> list[str]:
    """Everyone who changed the project."""
    return [row[0] for row in conn.execute("SELECT DISTINCT user FROM history ORDER BY user")]

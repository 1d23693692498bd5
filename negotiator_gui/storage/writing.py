"""Writing records: upserts that bump a record's version only when it really changed.

Every function here runs inside a transaction the caller holds. User text is
always passed as a parameter, never written into SQL.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.model import (
    Event,
    Item,
    Link,
    Party,
    Project,
    ProjectInfo,
    Source,
    Track,
)
from negotiator_gui.storage import search


def now_text() -> str:
    """The current UTC time as ISO text, for created_at / updated_at."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _extra(extra: dict[str, Any]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"


def _upsert(conn: sqlite3.Connection, table: str, columns: Sequence[str],
            rows: Iterable[Sequence[Any]], keep_on_update: Sequence[str] = ()) -> None:
    """Insert rows, or update those whose id exists and whose values differ.

    `table` and `columns` are our own constants; values go in as parameters.
    Columns in `keep_on_update` are written on insert only.
    """
    now = now_text()
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    changing = [c for c in columns if c != "id" and c not in keep_on_update]
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in changing)
    differs = " OR ".join(f'"{c}" IS NOT excluded."{c}"' for c in changing)
    sql = (f"INSERT INTO {table} ({names}, created_at, updated_at) "
           f"VALUES ({marks}, ?, ?) ON CONFLICT(id) DO UPDATE SET {sets}, "
           f"version = version + 1, updated_at = excluded.updated_at WHERE {differs}")
    conn.executemany(sql, ((*row, now, now) for row in rows))


def _replace_lists(conn: sqlite3.Connection, table: str, owner: str, column: str,
                   lists: dict[str, Sequence[str]],
                   present: Collection[str] | None = None) -> None:
    """Make each owner's list in `table` exactly the given values, in order.

    `present`: the owners that were in the file already (only they can have rows
    to replace); None: any of them may have.
    """
    stale = lists if present is None else [k for k in lists if k in present]
    conn.executemany(f"DELETE FROM {table} WHERE {owner} = ?", ((k,) for k in stale))
    rows = [(key, value, pos) for key, values in lists.items()
            for pos, value in enumerate(dict.fromkeys(values))]
    conn.executemany(
        f"INSERT INTO {table} ({owner}, {column}, position) VALUES (?, ?, ?)", rows)


def write_info(conn: sqlite3.Connection, info: ProjectInfo) -> None:
    """Set the project's title, subject, marking and description."""
    conn.execute(
        "UPDATE project SET title = ?, subject = ?, marking = ?, description = ?, "
        "extra = ? WHERE id = 1",
        (info.title, info.subject, info.marking, info.description, _extra(info.extra)))


def write_parties(conn: sqlite3.Connection, parties: Sequence[Party]) -> None:
    """Add or update parties (members replaced); new ones go after the existing."""
    base = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM parties").fetchone()[0]
    _upsert(conn, "parties", ("id", "name", "short", "color", "position", "extra"),
            ((p.id, p.name, p.short, p.color, base + i, _extra(p.extra))
             for i, p in enumerate(parties)), keep_on_update=("position",))
    _replace_lists(conn, "party_members", "party_id", "member_id",
                   {p.id: p.members for p in parties})


def write_tracks(conn: sqlite3.Connection, tracks: Sequence[Track]) -> None:
    """Add or update tracks."""
    _upsert(conn, "tracks", ("id", "name", "position", "color", "extra"),
            ((t.id, t.name, t.order, t.color, _extra(t.extra)) for t in tracks))


def write_sources(conn: sqlite3.Connection, sources: Sequence[Source]) -> None:
    """Add or update sources."""
    _upsert(conn, "sources", ("id", "title", "publisher", "date", "url", "note", "extra"),
            ((s.id, s.title, s.publisher, s.date.iso() if s.date else None, s.url,
              s.note, _extra(s.extra)) for s in sources))


_EVENT_COLUMNS = ("kind", "title", "track_id", "start", "end", "location", "status",
                  "summary", "restricted", "extra")
_INDEXED_COLUMNS = frozenset({"title", "location", "summary"})  # with tags and items


def _event_row(e: Event) -> tuple:
    """An event's values for `_EVENT_COLUMNS`, as stored."""
    return (e.kind, e.title, e.track, e.start.iso(), e.end.iso() if e.end else None,
            e.location, e.status, e.summary, int(e.restricted), _extra(e.extra))


def _same_lists(old: Event, new: Event) -> bool:
    """True when the event's parties, sources, tags and items are all unchanged."""
    return (old.parties == new.parties and old.sources == new.sources
            and old.tags == new.tags and old.items == new.items)


@lru_cache(maxsize=64)
def _update_sql(columns: tuple[str, ...]) -> str:
    """UPDATE of these event columns (our constants), bumping the version only when
    a value differs; one text per set of columns, so SQLite's prepared statement
    is reused from the connection's statement cache."""
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    differs = " OR ".join(f'"{c}" IS NOT ?' for c in columns)
    return (f"UPDATE events SET {sets}, version = version + 1, updated_at = ? "
            f"WHERE id = ? AND ({differs})")


def _write_rows_only(conn: sqlite3.Connection, events: Sequence[Event],
                     before: Mapping[str, Event] | None,
                     deleted: Collection[str]) -> list[Event]:
    """Write the events whose lists and items are as `before` holds them: only the
    changed columns of their rows (a move: dates or track), and their search-index
    rows only when title, place or summary changed. Returns the other events, which
    need the full write."""
    if before is None:
        return list(events)
    full: list[Event] = []
    reindex: list[str] = []
    for event in events:
        old = before.get(event.id)
        if old is None or event.id in deleted or not _same_lists(old, event):
            full.append(event)
            continue
        new_row, old_row = _event_row(event), _event_row(old)
        changed = [(c, v) for c, v, was in zip(_EVENT_COLUMNS, new_row, old_row, strict=True)
                   if v != was]
        if not changed:
            continue
        columns = tuple(c for c, _ in changed)
        values = [v for _, v in changed]
        conn.execute(_update_sql(columns), (*values, now_text(), event.id, *values))
        if _INDEXED_COLUMNS.intersection(columns):
            reindex.append(event.id)
    search.index_events(conn, reindex)
    return full


def write_events(conn: sqlite3.Connection, events: Sequence[Event],
                 bulk: bool = False, known_items: set[str] | None = None) -> None:
    """Add or update events with their parties, sources, tags and items, and index them.

    Items of an event that the given event does not list are kept. With `bulk`
    (an import), the events and items the file did not hold yet are found first
    in one query each (the items from `known_items`, every item id the file holds,
    when the caller has read them already): new records have no lists, owners or
    index rows to replace.
    """
    present = _present(conn, "events", [e.id for e in events]) if bulk else None
    _upsert(conn, "events", ("id", *_EVENT_COLUMNS),
            ((e.id, *_event_row(e)) for e in events))
    _replace_lists(conn, "event_parties", "event_id", "party_id",
                   {e.id: e.parties for e in events}, present)
    _replace_lists(conn, "event_sources", "event_id", "source_id",
                   {e.id: e.sources for e in events}, present)
    _replace_lists(conn, "event_tags", "event_id", "tag", {e.id: e.tags for e in events},
                   present)
    placed = [(e.id, pos, item) for e in events for pos, item in enumerate(e.items)]
    item_ids = [item.id for _, _, item in placed]
    old_items: set[str] | None = None
    if bulk:
        old_items = _present(conn, "items", item_ids) if known_items is None \
            else known_items.intersection(item_ids)
    former = search.owners_of(conn, item_ids if old_items is None else list(old_items))
    write_items(conn, placed, old_items)
    if present is None or old_items is None:
        search.index_events(conn, [*(e.id for e in events), *former])
        return
    # An import: an event new to the file whose items are new too is stored as
    # exactly this record, so its index row is made from the record at hand.
    fresh = [e for e in events
             if e.id not in present and not any(i.id in old_items for i in e.items)]
    search.add_events(conn, fresh)
    done = {e.id for e in fresh}
    search.index_events(conn, [*(e.id for e in events if e.id not in done), *former],
                        {e.id for e in events} - present - done)


def _present(conn: sqlite3.Connection, table: str, ids: list[str]) -> set[str]:
    """Those of `ids` that `table` (our constant) holds now, found in one statement."""
    if not ids or conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
        return set()  # nothing yet (an import into a new file)
    rows = conn.execute(f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                        (json.dumps(ids),))
    return {row[0] for row in rows}


def write_items(conn: sqlite3.Connection, placed: Sequence[tuple[str, int, Item]],
                present: Collection[str] | None = None) -> None:
    """Add or update items, each given with its event id and position.

    `present`: the ids of those items the file held already; None: any may be.
    """
    _upsert(conn, "items",
            ("id", "event_id", "position", "type", "by_party", "to_party", "text",
             "status", "subject", "restricted", "extra"),
            ((i.id, event_id, pos, i.type, i.by or None, i.to or None, i.text, i.status,
              i.subject, int(i.restricted), _extra(i.extra))
             for event_id, pos, i in placed))
    _replace_lists(conn, "item_sources", "item_id", "source_id",
                   {i.id: i.sources for _, _, i in placed}, present)


def write_links(conn: sqlite3.Connection, links: Sequence[Link]) -> None:
    """Add links, or update the note of those that exist (same from, to, kind)."""
    now = now_text()
    conn.executemany(
        "INSERT INTO links (from_item, to_item, kind, note, extra, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(from_item, to_item, kind) DO UPDATE SET "
        "note = excluded.note, extra = excluded.extra, version = version + 1, "
        "updated_at = excluded.updated_at "
        "WHERE note IS NOT excluded.note OR extra IS NOT excluded.extra",
        ((lk.source, lk.target, lk.kind, lk.note, _extra(lk.extra), now, now)
         for lk in links))


def merge_project(conn: sqlite3.Connection, project: Project, with_info: bool,
                  known_items: set[str] | None = None) -> None:
    """Add or update every record of `project`; delete nothing.

    Args:
        conn: a connection inside a write transaction.
        project: the records to bring in (already validated).
        with_info: also set the project's title, subject, marking and description.
        known_items: every item id the file holds, if read already in this transaction.
    """
    if with_info:
        write_info(conn, project.info)
    write_parties(conn, project.parties)
    write_tracks(conn, project.tracks)
    write_sources(conn, project.sources)
    write_events(conn, project.events, bulk=True, known_items=known_items)
    write_links(conn, project.links)


def write_changes(conn: sqlite3.Connection, changes: ChangeSet,
                  known: dict[str, set[str]] | None = None,
                  before: Mapping[str, Event] | None = None) -> None:
    """Write one change set: the whole of one user action.

    Lists of parties, tracks and sources are first added to, and only trimmed
    at the end, so records still named by events are never removed before
    those events have been rewritten.

    Args:
        conn: a connection inside a write transaction.
        changes: the change.
        known: for each of "parties", "tracks" and "sources", the ids the
            user saw; only those can be removed by a shorter list, so that
            records a colleague added meanwhile stay. None: trim to the list.
        before: the events as the user saw them (and as the file holds them:
            the caller checked their versions), by id. An event whose lists and
            items are unchanged then has only its row's changed columns written,
            and its search-index row only when its indexed text changed.
    """
    if changes.info is not None:
        write_info(conn, changes.info)
    _put_list(conn, "parties", changes.parties, write_parties)
    _put_list(conn, "tracks", changes.tracks, write_tracks)
    _put_list(conn, "sources", changes.sources, write_sources)
    if changes.delete_links:
        conn.executemany("DELETE FROM links WHERE from_item = ? AND to_item = ? AND kind = ?",
                         changes.delete_links)
    if changes.delete_events:
        conn.executemany("DELETE FROM events WHERE id = ?",
                         ((i,) for i in changes.delete_events))
        search.index_events(conn, changes.delete_events)
    if changes.put_events:
        full = _write_rows_only(conn, changes.put_events, before, changes.delete_events)
        if full:
            _drop_missing_items(conn, full)
            write_events(conn, full)
            _bump_for_lists(conn, full, before)
    if changes.put_links:
        write_links(conn, changes.put_links)
    for table, records in (("parties", changes.parties), ("tracks", changes.tracks),
                           ("sources", changes.sources)):
        if records is not None:
            _trim(conn, table, {r.id for r in records}, None if known is None else known[table])
    _write_settings(conn, changes.settings)


def _bump_for_lists(conn: sqlite3.Connection, events: Sequence[Event],
                    before: Mapping[str, Event] | None) -> None:
    """A new version for events whose parties, sources or tags alone changed (their
    rows were the same, so the upsert kept the version): a colleague's edit made
    from the old lists is then a conflict, not silently overwritten."""
    if before is None:
        return
    now = now_text()
    conn.executemany(
        "UPDATE events SET version = version + 1, updated_at = ? WHERE id = ?",
        ((now, e.id) for e in events if (old := before.get(e.id)) is not None
         and _event_row(old) == _event_row(e)
         and (old.parties, old.sources, old.tags) != (e.parties, e.sources, e.tags)))


def _put_list(conn, table: str, records, write) -> None:
    if records is None:
        return
    write(conn, records)
    if table == "parties":  # tracks keep their own order; sources are listed by id
        conn.executemany("UPDATE parties SET position = ? WHERE id = ? AND position IS NOT ?",
                         ((pos, r.id, pos) for pos, r in enumerate(records)))


def _trim(conn: sqlite3.Connection, table: str, keep: set[str], known: set[str] | None) -> None:
    present = [row[0] for row in conn.execute(f"SELECT id FROM {table}")]
    conn.executemany(f"DELETE FROM {table} WHERE id = ?",
                     ((i,) for i in present
                      if i not in keep and (known is None or i in known)))


def _drop_missing_items(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    """Delete items of these events that their new versions no longer hold."""
    for event in events:
        keep = {item.id for item in event.items}
        rows = conn.execute("SELECT id FROM items WHERE event_id = ?", (event.id,))
        gone = [(row[0],) for row in rows if row[0] not in keep]
        conn.executemany("DELETE FROM items WHERE id = ?", gone)


def _write_settings(conn: sqlite3.Connection, settings: dict[str, str]) -> None:
    for key, value in settings.items():
        if value == "":
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value", (key, value))


def read_settings(conn: sqlite3.Connection) -> dict[str, str]:
    """Every project setting (filters, lane order...), as stored text."""
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM settings")}

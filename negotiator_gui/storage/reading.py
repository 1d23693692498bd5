"""Reading a whole project out of the file, flagging bad records instead of failing."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict
from typing import Any

from negotiator_gui.domain.dates import PartialDate, parse_optional
from negotiator_gui.domain.errors import DateError, Problem
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


def load_project(conn: sqlite3.Connection) -> tuple[Project, list[Problem]]:
    """Every record of the project, and problems with records that had to be left out.

    Args:
        conn: an open, checked project connection.

    Returns:
        The project, and one problem per record that could not be read.
    """
    problems: list[Problem] = []
    shared = _Shared()
    lists = _lists(conn, problems, shared)
    items = _items(conn, lists, problems, shared)
    project = Project(
        info=_info(conn, problems),
        parties=tuple(_parties(conn, lists, problems)),
        tracks=tuple(_tracks(conn, problems)),
        sources=tuple(_sources(conn, problems)),
        events=tuple(_events(conn, lists, items, problems, shared)),
        links=tuple(_links(conn, problems, shared)),
    )
    problems += _dangling(project)
    return project, problems


def _dangling(project: Project, limit: int = 100) -> list[Problem]:
    """References to records the file does not hold (a damaged or hand-edited file)."""
    tracks = {t.id for t in project.tracks}
    parties = {p.id for p in project.parties}
    found = []
    for event in project.events:
        if event.track not in tracks:
            found.append(Problem(f"event '{event.id}'", f"its track '{event.track}' does not "
                                                        "exist; shown under Unassigned"))
        for item in event.items:
            for role in (item.by, item.to):
                if role and role not in parties:
                    found.append(Problem(f"item '{item.id}'",
                                         f"names a party '{role}' that does not exist"))
        if len(found) >= limit:
            break
    return found[:limit]


def extra_of(text: Any) -> dict[str, Any]:
    """The kept unknown keys of a record; anything unreadable counts as none."""
    if text == "{}":  # nearly every record: no parsing
        return {}
    try:
        value = json.loads(text) if text else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


class _Shared:
    """One copy of each repeated value while loading: a project's thousands of records
    name the same few kinds, statuses, tracks and parties, and records without unknown
    keys share one empty `extra` (records are frozen: nothing changes it in place)."""

    def __init__(self) -> None:
        self.dates: dict[str, PartialDate] = {}
        self.no_extra: dict[str, Any] = {}

    @staticmethod
    def text(value: Any) -> str:
        """`value` as text (as `_text`), the same object for equal texts."""
        return sys.intern(value if value.__class__ is str else _text(value))

    def extra(self, text: Any) -> dict[str, Any]:
        """`extra_of(text)`, the shared empty dict for none."""
        if text == "{}" or not text:
            return self.no_extra
        return extra_of(text) or self.no_extra

    def date(self, text: Any) -> PartialDate:
        """`PartialDate.parse(text)`, parsed once per distinct text.

        Raises:
            DateError: as `PartialDate.parse`.
        """
        found = self.dates.get(text) if text.__class__ is str else None
        if found is None:
            found = PartialDate.parse(text)
            self.dates[text] = found
        return found

    def optional_date(self, text: Any) -> PartialDate | None:
        """`parse_optional(text)`, parsed once per distinct text."""
        if text is None or (text.__class__ is str and not text.strip()):
            return None
        return self.date(text)


def _info(conn: sqlite3.Connection, problems: list[Problem]) -> ProjectInfo:
    rows = _select(conn, "SELECT title, subject, marking, description, extra FROM project "
                   "WHERE id = 1", "project", problems)
    row = rows[0] if rows else None
    if row is None:
        return ProjectInfo()
    return ProjectInfo(*(_text(v) for v in row[:4]), extra=extra_of(row[4]))


def _lists(conn: sqlite3.Connection, problems: list[Problem], shared: _Shared
           ) -> dict[str, dict[str, tuple[str, ...]]]:
    """Owner id -> ordered referenced ids, for each list table."""
    queries = {
        "members": "SELECT party_id, member_id FROM party_members ORDER BY position, rowid",
        "event_parties": "SELECT event_id, party_id FROM event_parties ORDER BY position, rowid",
        "event_sources": "SELECT event_id, source_id FROM event_sources ORDER BY position, rowid",
        "event_tags": "SELECT event_id, tag FROM event_tags ORDER BY position, rowid",
        "item_sources": "SELECT item_id, source_id FROM item_sources ORDER BY position, rowid",
    }
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    text, intern = shared.text, sys.intern
    for name, sql in queries.items():
        grouped: dict[str, list[str]] = defaultdict(list)
        table = sql.split(" FROM ")[1].split()[0]
        for owner, value in _select(conn, sql, table, problems):
            grouped[owner].append(intern(value) if value.__class__ is str else text(value))
        out[name] = {owner: tuple(values) for owner, values in grouped.items()}
    return out


def _parties(conn: sqlite3.Connection, lists: dict, problems: list[Problem]) -> list[Party]:
    rows = _select(conn, "SELECT id, name, short, color, extra FROM parties "
                   "ORDER BY position, id", "parties", problems)
    return [
        Party(pid, _text(name), _text(short), _text(color),
              tuple(lists["members"].get(pid, ())), extra_of(extra))
        for pid, name, short, color, extra in rows
    ]


def _tracks(conn: sqlite3.Connection, problems: list[Problem]) -> list[Track]:
    rows = _select(conn, "SELECT id, name, position, color, extra FROM tracks "
                   "ORDER BY position, id", "tracks", problems)
    return [
        Track(tid, _text(name), position if isinstance(position, int) else 0,
              _text(color), extra_of(extra))
        for tid, name, position, color, extra in rows
    ]


def _sources(conn: sqlite3.Connection, problems: list[Problem]) -> list[Source]:
    out = []
    rows = _select(conn, "SELECT id, title, publisher, date, url, note, extra FROM sources "
                   "ORDER BY id", "sources", problems)
    for sid, title, publisher, date, url, note, extra in rows:
        try:
            when = parse_optional(date)
        except DateError as exc:
            problems.append(Problem(f"source '{sid}'", f"date: {exc}"))
            when = None
        out.append(Source(sid, _text(title), _text(publisher), when, _text(url),
                          _text(note), extra_of(extra)))
    return out


def _items(conn: sqlite3.Connection, lists: dict, problems: list[Problem],
           shared: _Shared) -> dict[str, tuple[Item, ...]]:
    by_event: dict[str, list[Item]] = defaultdict(list)
    rows = _select(conn, "SELECT id, event_id, type, by_party, to_party, text, status, "
                   "subject, restricted, extra FROM items ORDER BY event_id, position, rowid",
                   "items", problems)
    sources, same, extra, intern = lists["item_sources"], shared.text, shared.extra, sys.intern
    none = shared.no_extra
    for iid, event_id, kind, by, to, text, status, subject, restricted, more in rows:
        try:  # texts as they should be: interned in C (fast)
            item = Item(iid, text if text.__class__ is str else _text(text), intern(kind),
                        intern(by), intern(to), intern(status), intern(subject),
                        sources.get(iid, ()), bool(restricted),
                        none if more == "{}" else extra(more))
        except TypeError:  # a NULL or a number where text belongs
            item = Item(iid, _text(text), same(kind), same(by), same(to), same(status),
                        same(subject), sources.get(iid, ()), bool(restricted), extra(more))
        by_event[event_id].append(item)
    return {event_id: tuple(items) for event_id, items in by_event.items()}


def _events(conn: sqlite3.Connection, lists: dict, items: dict[str, tuple[Item, ...]],
            problems: list[Problem], shared: _Shared) -> list[Event]:
    out = []
    rows = _select(conn, 'SELECT id, kind, title, track_id, start, "end", location, status, '
                   "summary, restricted, extra FROM events ORDER BY start, id", "events",
                   problems)
    parties, sources, tags = lists["event_parties"], lists["event_sources"], lists["event_tags"]
    same, extra, date, optional_date = shared.text, shared.extra, shared.date, \
        shared.optional_date
    intern = sys.intern
    known = shared.dates  # the dates read so far, by their text
    for (eid, kind, title, track, start, end, location, status, summary,
         restricted, more) in rows:
        try:
            start_date = known.get(start) or date(start)
            end_date = None if end is None else known.get(end) or optional_date(end)
        except DateError as exc:
            problems.append(Problem(f"event '{eid}'", f"left out: {exc}"))
            continue
        try:  # texts as they should be: interned in C (fast)
            event = Event(
                eid, title if title.__class__ is str else _text(title), intern(track),
                start_date, end_date, intern(kind), intern(location), parties.get(eid, ()),
                intern(status), summary if summary.__class__ is str else _text(summary),
                sources.get(eid, ()), tags.get(eid, ()), bool(restricted),
                items.get(eid, ()), extra(more))
        except TypeError:  # a NULL or a number where text belongs
            event = Event(
                eid, _text(title), same(track), start_date, end_date, same(kind),
                same(location), parties.get(eid, ()), same(status), _text(summary),
                sources.get(eid, ()), tags.get(eid, ()), bool(restricted),
                items.get(eid, ()), extra(more))
        out.append(event)
    return out


def _links(conn: sqlite3.Connection, problems: list[Problem], shared: _Shared) -> list[Link]:
    rows = _select(conn, "SELECT from_item, to_item, kind, note, extra FROM links "
        "ORDER BY from_item, to_item, kind", "links", problems)
    same, extra = shared.text, shared.extra
    return [Link(_text(a), _text(b), same(kind), same(note), extra(more))
            for a, b, kind, note, more in rows]


def _select(conn: sqlite3.Connection, sql: str, table: str,
            problems: list[Problem]) -> list[tuple]:
    """All rows of a query; rows holding a value over the size limit are left out
    and flagged, so one hostile value does not cost the whole project."""
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.DataError:
        bad = _oversized_rows(conn, table)
    for rowid in sorted(bad):
        problems.append(Problem(f"{table} row {rowid}", "left out: it holds a value larger "
                                                        "than this program reads"))
    keep = f"rowid NOT IN (SELECT value FROM json_each('{json.dumps(sorted(bad))}'))"
    head, _, tail = sql.partition(f" FROM {table}")
    if tail.lstrip().startswith("WHERE"):
        tail = tail.replace("WHERE", f"WHERE {keep} AND", 1)
    else:
        tail = f" WHERE {keep}{tail}"
    return conn.execute(f"{head} FROM {table}{tail}").fetchall()


def _oversized_rows(conn: sqlite3.Connection, table: str) -> set[int]:
    bad = set()
    for (rowid,) in conn.execute(f"SELECT rowid FROM {table}").fetchall():
        try:
            conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchall()
        except sqlite3.DataError:
            bad.add(rowid)
    return bad

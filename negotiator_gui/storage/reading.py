"""Reading a whole project out of the file, flagging bad records instead of failing."""

from __future__ import annotations

import json
import sqlite3
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
    lists = _lists(conn)
    items = _items(conn, lists, problems)
    project = Project(
        info=_info(conn),
        parties=tuple(_parties(conn, lists)),
        tracks=tuple(_tracks(conn)),
        sources=tuple(_sources(conn, problems)),
        events=tuple(_events(conn, lists, items, problems)),
        links=tuple(_links(conn)),
    )
    return project, problems


def extra_of(text: Any) -> dict[str, Any]:
    """The kept unknown keys of a record; anything unreadable counts as none."""
    try:
        value = json.loads(text) if text else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _info(conn: sqlite3.Connection) -> ProjectInfo:
    row = conn.execute(
        "SELECT title, subject, marking, description, extra FROM project WHERE id = 1"
    ).fetchone()
    if row is None:
        return ProjectInfo()
    return ProjectInfo(*(_text(v) for v in row[:4]), extra=extra_of(row[4]))


def _lists(conn: sqlite3.Connection) -> dict[str, dict[str, list[str]]]:
    """Owner id -> ordered referenced ids, for each list table."""
    queries = {
        "members": "SELECT party_id, member_id FROM party_members ORDER BY position, rowid",
        "event_parties": "SELECT event_id, party_id FROM event_parties ORDER BY position, rowid",
        "event_sources": "SELECT event_id, source_id FROM event_sources ORDER BY position, rowid",
        "event_tags": "SELECT event_id, tag FROM event_tags ORDER BY position, rowid",
        "item_sources": "SELECT item_id, source_id FROM item_sources ORDER BY position, rowid",
    }
    out: dict[str, dict[str, list[str]]] = {}
    for name, sql in queries.items():
        grouped: dict[str, list[str]] = defaultdict(list)
        for owner, value in conn.execute(sql):
            grouped[owner].append(_text(value))
        out[name] = grouped
    return out


def _parties(conn: sqlite3.Connection, lists: dict) -> list[Party]:
    rows = conn.execute(
        "SELECT id, name, short, color, extra FROM parties ORDER BY position, id")
    return [
        Party(pid, _text(name), _text(short), _text(color),
              tuple(lists["members"].get(pid, ())), extra_of(extra))
        for pid, name, short, color, extra in rows
    ]


def _tracks(conn: sqlite3.Connection) -> list[Track]:
    rows = conn.execute(
        "SELECT id, name, position, color, extra FROM tracks ORDER BY position, id")
    return [
        Track(tid, _text(name), position if isinstance(position, int) else 0,
              _text(color), extra_of(extra))
        for tid, name, position, color, extra in rows
    ]


def _sources(conn: sqlite3.Connection, problems: list[Problem]) -> list[Source]:
    out = []
    rows = conn.execute(
        "SELECT id, title, publisher, date, url, note, extra FROM sources ORDER BY id")
    for sid, title, publisher, date, url, note, extra in rows:
        try:
            when = parse_optional(date)
        except DateError as exc:
            problems.append(Problem(f"source '{sid}'", f"date: {exc}"))
            when = None
        out.append(Source(sid, _text(title), _text(publisher), when, _text(url),
                          _text(note), extra_of(extra)))
    return out


def _items(conn: sqlite3.Connection, lists: dict,
           problems: list[Problem]) -> dict[str, list[Item]]:
    by_event: dict[str, list[Item]] = defaultdict(list)
    rows = conn.execute(
        "SELECT id, event_id, type, by_party, to_party, text, status, subject, "
        "restricted, extra FROM items ORDER BY event_id, position, rowid")
    for iid, event_id, kind, by, to, text, status, subject, restricted, extra in rows:
        by_event[event_id].append(Item(
            iid, _text(text), _text(kind), _text(by), _text(to), _text(status),
            _text(subject), tuple(lists["item_sources"].get(iid, ())),
            bool(restricted), extra_of(extra)))
    return by_event


def _events(conn: sqlite3.Connection, lists: dict, items: dict[str, list[Item]],
            problems: list[Problem]) -> list[Event]:
    out = []
    rows = conn.execute(
        'SELECT id, kind, title, track_id, start, "end", location, status, summary, '
        "restricted, extra FROM events ORDER BY start, id")
    for (eid, kind, title, track, start, end, location, status, summary,
         restricted, extra) in rows:
        try:
            start_date = PartialDate.parse(start)
            end_date = parse_optional(end)
        except DateError as exc:
            problems.append(Problem(f"event '{eid}'", f"left out: {exc}"))
            continue
        out.append(Event(
            eid, _text(title), _text(track), start_date, end_date, _text(kind),
            _text(location), tuple(lists["event_parties"].get(eid, ())), _text(status),
            _text(summary), tuple(lists["event_sources"].get(eid, ())),
            tuple(lists["event_tags"].get(eid, ())), bool(restricted),
            tuple(items.get(eid, ())), extra_of(extra)))
    return out


def _links(conn: sqlite3.Connection) -> list[Link]:
    rows = conn.execute(
        "SELECT from_item, to_item, kind, note, extra FROM links "
        "ORDER BY from_item, to_item, kind")
    return [Link(_text(a), _text(b), _text(kind), _text(note), extra_of(extra))
            for a, b, kind, note, extra in rows]

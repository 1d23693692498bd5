"""Full-text search over events: an FTS5 index kept in step by the writers, and safe queries.

The index holds one row per event: its title, place, summary, tags and its
items' text and subjects. The writers refresh the rows of the events they
touch inside their own transaction (no triggers: the connection's authorizer
refuses trigger actions). User text never becomes FTS5 syntax: every word is
quoted as an FTS5 string.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

from negotiator_gui.domain.filtering import ends_in_word, split_words, text_matches
from negotiator_gui.domain.model import Event

TABLE = "search_index"
CREATE_TABLE = (f"CREATE VIRTUAL TABLE {TABLE} USING fts5(event_id UNINDEXED, text, "
                "tokenize = 'unicode61 remove_diacritics 2')")

# Each event's searchable text, built in SQL so no records need loading.
_EVENT_TEXT = """
    SELECT e.id, e.title || char(10) || e.location || char(10) || e.summary || char(10)
        || coalesce((SELECT group_concat(t.tag, ' ') FROM event_tags t
                     WHERE t.event_id = e.id), '') || char(10)
        || coalesce((SELECT group_concat(i.text || ' ' || i.subject, char(10)) FROM items i
                     WHERE i.event_id = e.id), '')
    FROM events e"""
_CHOSEN = "(SELECT value FROM json_each(?))"


def index_events(conn: sqlite3.Connection, event_ids: Iterable[str],
                 new: Collection[str] = ()) -> None:
    """Bring the index rows of these events in line with the tables.

    Call after writing or deleting the events (and their items or tags):
    deleted events lose their rows, the others get fresh ones. `new`: events
    this transaction added (an import's), which have no row yet to remove.
    """
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return
    chosen = json.dumps(ids)
    old = [i for i in ids if i not in new] if new else ids
    known = _known_rows(conn, old) if old else []
    if known is not None:  # by row number: no walk over every row's unindexed event id
        conn.executemany(f"DELETE FROM {TABLE} WHERE rowid = ?", ((r,) for r in known))
    else:
        conn.execute(f"DELETE FROM {TABLE} WHERE event_id IN {_CHOSEN}", (json.dumps(old),))
    with _remembering(conn) as rows:
        for event_id in ids:
            rows.pop(event_id, None)
        conn.execute(f"INSERT INTO {TABLE} (event_id, text) {_EVENT_TEXT} "
                     f"WHERE e.id IN {_CHOSEN}", (chosen,))


def event_text(event: Event) -> str:
    """The indexed text of an event as stored, exactly as `_EVENT_TEXT` reads it from
    the tables: tags once each in the order of their key (sorted), items in order."""
    tags = " ".join(sorted(set(event.tags)))
    items = "\n".join(f"{item.text} {item.subject}" for item in event.items)
    return f"{event.title}\n{event.location}\n{event.summary}\n{tags}\n{items}"


def add_events(conn: sqlite3.Connection, events: Sequence[Event]) -> None:
    """Index events just added to the file, with items just added: rows made from the
    records themselves (an import's), as `index_events` would make them from the tables."""
    if not events:
        return
    with _remembering(conn):
        conn.executemany(f"INSERT INTO {TABLE} (event_id, text) VALUES (?, ?)",
                         ((event.id, event_text(event)) for event in events))


# Every event has exactly one index row (all writers keep it so). Each connection
# remembers the row numbers it read or wrote, event id -> rowid, and checks them
# before use: a colleague's commit or a rolled-back transaction can make any stale.
_ROWS = "_search_rows"


def _rows_of(conn: sqlite3.Connection) -> dict[str, int]:
    rows = getattr(conn, _ROWS, None)
    if rows is None:
        rows = {str(e): r for r, e in conn.execute(f"SELECT rowid, event_id FROM {TABLE}")}
        try:
            setattr(conn, _ROWS, rows)
        except AttributeError:  # a plain sqlite3 connection (an upgrade): nothing kept
            return {}
    return rows


@contextmanager
def _remembering(conn: sqlite3.Connection) -> Iterator[dict[str, int]]:
    """The remembered rows, to which the rows the block inserts are added after it."""
    rows = _rows_of(conn)
    newest = conn.execute(f"SELECT rowid FROM {TABLE} ORDER BY rowid DESC LIMIT 1").fetchone()
    yield rows
    rows.update((str(e), r) for r, e in conn.execute(
        f"SELECT rowid, event_id FROM {TABLE} WHERE rowid > ?", (newest[0] if newest else 0,)))


def _known_rows(conn: sqlite3.Connection, ids: list[str]) -> list[int] | None:
    """The index rows of `ids`, when each one's remembered row is still its own; None
    when any is not known or not sure (a full search for them is needed then)."""
    rows = _rows_of(conn)
    wanted = {rows[i]: i for i in ids if i in rows}
    if len(wanted) != len(ids):
        return None  # a new event has no row yet, or a colleague's event is not known
    found = {r: conn.execute(f"SELECT event_id FROM {TABLE} WHERE rowid = ?", (r,)).fetchone()
             for r in wanted}
    if any(row is None or row[0] != wanted[r] for r, row in found.items()):
        setattr(conn, _ROWS, None)  # read afresh when next needed
        return None
    return list(wanted)


def owners_of(conn: sqlite3.Connection, item_ids: list[str]) -> set[str]:
    """The events that hold these items now (to re-index them when items move)."""
    if not item_ids:
        return set()
    rows = conn.execute(f"SELECT DISTINCT event_id FROM items WHERE id IN {_CHOSEN}",
                        (json.dumps(item_ids),))
    return {row[0] for row in rows}


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Index every event afresh (after an upgrade, or to repair the index)."""
    conn.execute(f"DELETE FROM {TABLE}")
    conn.execute(f"INSERT INTO {TABLE} (event_id, text) {_EVENT_TEXT}")
    if getattr(conn, _ROWS, None) is not None:
        setattr(conn, _ROWS, None)


def has_index(conn: sqlite3.Connection) -> bool:
    """True when the file has a search index (an older file opened read-only has none)."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (TABLE,)).fetchone()
    return row is not None


def fts_query(text: str) -> str | None:
    """An FTS5 query for the user's words: all of them, the last one also as a prefix.

    The text is cut into words of letters and digits as the index's tokenizer
    cuts it (which also folds case and accents), and every word is quoted as
    an FTS5 string, so operators, column names, stars, quotes and
    brackets typed by the user are never FTS5 syntax.

    Returns:
        The query, or None when the text holds no letters or digits.
    """
    words = split_words(text)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    if ends_in_word(text):
        quoted[-1] += "*"
    return " ".join(quoted)


def search(conn: sqlite3.Connection, text: str) -> set[str]:
    """Ids of the events whose text holds every word of `text`.

    Case and accents are ignored ('geneve' finds 'Genève'); the last word
    also matches as the start of a word. Empty text finds nothing.
    """
    query = fts_query(text)
    if query is None:
        return set()
    if not has_index(conn):
        return _scan(conn, text)
    rows = conn.execute(f"SELECT event_id FROM {TABLE} WHERE {TABLE} MATCH ?", (query,))
    return {row[0] for row in rows}


def _scan(conn: sqlite3.Connection, text: str) -> set[str]:
    """Search without an index, reading each event's text."""
    return {event_id for event_id, haystack in conn.execute(_EVENT_TEXT)
            if text_matches(haystack or "", text)}

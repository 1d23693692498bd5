"""The project file's schema: made only by these migrations, versioned in user_version."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from negotiator_gui.storage import search

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

# 'NEGO' in ASCII: marks a file as a Negotiator project (header offset 68).
APPLICATION_ID = 0x4E45474F
MIGRATION_SET = "negotiator"

# (name, function) in order. sqlite-utils' Migrations object over them is made on
# first use (`migrations`, below): importing sqlite-utils costs ~50 ms of start-up,
# and opening a current file never needs it.
_STEPS: list[tuple[str, Callable[[Database], None]]] = []


def _migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register the decorated function as the next migration, called `name`."""
    def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        _STEPS.append((name, fn))
        return fn
    return register


def __getattr__(name: str) -> Any:
    """`migrations`: sqlite-utils' Migrations of this schema, made once when first asked."""
    if name != "migrations":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from sqlite_utils.migrations import Migrations

    made = Migrations(MIGRATION_SET)
    for step_name, fn in _STEPS:
        made(name=step_name)(fn)
    globals()["migrations"] = made
    return made


migrations: Migrations  # made by __getattr__ on first use


@_migration("0001_base")
def _base(db: Database) -> None:
    db.execute("""
        CREATE TABLE project (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            marking TEXT NOT NULL DEFAULT 'UNCLASSIFIED',
            description TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("INSERT INTO project (id) VALUES (1)")
    db.execute("""
        CREATE TABLE parties (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            short TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("""
        CREATE TABLE party_members (
            party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (party_id, member_id)
        )""")
    db.execute("""
        CREATE TABLE tracks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            color TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("""
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            publisher TEXT NOT NULL DEFAULT '',
            date TEXT,
            url TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("""
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            track_id TEXT NOT NULL REFERENCES tracks(id),
            start TEXT NOT NULL,
            "end" TEXT,
            location TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            restricted INTEGER NOT NULL DEFAULT 0,
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("CREATE INDEX events_track ON events (track_id)")
    db.execute("CREATE INDEX events_start ON events (start)")
    _list_table(db, "event_parties", "event_id", "events", "party_id", "parties")
    _list_table(db, "event_sources", "event_id", "events", "source_id", "sources")
    db.execute("""
        CREATE TABLE event_tags (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (event_id, tag)
        )""")
    db.execute("""
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            type TEXT NOT NULL,
            by_party TEXT REFERENCES parties(id),
            to_party TEXT REFERENCES parties(id),
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            restricted INTEGER NOT NULL DEFAULT 0,
            extra TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("CREATE INDEX items_event ON items (event_id, position)")
    _list_table(db, "item_sources", "item_id", "items", "source_id", "sources")
    db.execute("""
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            from_item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            to_item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}',
            UNIQUE (from_item, to_item, kind)
        )""")
    db.execute("CREATE INDEX links_to ON links (to_item)")


@_migration("0002_record_versions")
def _record_versions(db: Database) -> None:
    """Each record carries a version and times, for shared editing and 'changes since'."""
    for table in ("parties", "tracks", "sources", "events", "items", "links"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
        db.execute(f"ALTER TABLE {table} ADD COLUMN created_at TEXT NOT NULL DEFAULT ''")
        db.execute(f"ALTER TABLE {table} ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""")


@_migration("0003_search")
def _search(db: Database) -> None:
    """A full-text index over events' and items' text, filled from what the file holds."""
    db.execute(search.CREATE_TABLE)
    search.rebuild_index(db.conn)


@_migration("0004_sharing")
def _sharing(db: Database) -> None:
    """History of every change (who, when, what, before and after) and who has the file open."""
    db.execute("""
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL DEFAULT '',
            host TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            before TEXT,
            after TEXT
        )""")
    db.execute("CREATE INDEX history_record ON history (kind, record_id)")
    db.execute("""
        CREATE TABLE presence (
            instance TEXT PRIMARY KEY,
            user TEXT NOT NULL DEFAULT '',
            host TEXT NOT NULL DEFAULT '',
            pid INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL,
            seen_at TEXT NOT NULL
        )""")


def _list_table(db: Database, name: str, owner: str, owner_table: str,
                ref: str, ref_table: str) -> None:
    db.execute(f"""
        CREATE TABLE {name} (
            {owner} TEXT NOT NULL REFERENCES {owner_table}(id) ON DELETE CASCADE,
            {ref} TEXT NOT NULL REFERENCES {ref_table}(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY ({owner}, {ref})
        )""")


MIGRATION_NAMES: tuple[str, ...] = tuple(name for name, _ in _STEPS)
SCHEMA_VERSION = len(MIGRATION_NAMES)

# What each schema version must hold: table -> columns. A file of that version
# missing any of these is damaged; one with more is from a newer program.
_V1 = {
    "project": {"id", "title", "subject", "marking", "description", "extra"},
    "parties": {"id", "name", "short", "color", "position", "extra"},
    "party_members": {"party_id", "member_id", "position"},
    "tracks": {"id", "name", "position", "color", "extra"},
    "sources": {"id", "title", "publisher", "date", "url", "note", "extra"},
    "events": {"id", "kind", "title", "track_id", "start", "end", "location",
               "status", "summary", "restricted", "extra"},
    "event_parties": {"event_id", "party_id", "position"},
    "event_sources": {"event_id", "source_id", "position"},
    "event_tags": {"event_id", "tag", "position"},
    "items": {"id", "event_id", "position", "type", "by_party", "to_party", "text",
              "status", "subject", "restricted", "extra"},
    "item_sources": {"item_id", "source_id", "position"},
    "links": {"id", "from_item", "to_item", "kind", "note", "extra"},
    "_sqlite_migrations": {"id", "migration_set", "name", "applied_at"},
}
_VERSIONED = {"version", "created_at", "updated_at"}
_V2 = {
    **{t: cols | _VERSIONED if t in
       ("parties", "tracks", "sources", "events", "items", "links") else cols
       for t, cols in _V1.items()},
    "settings": {"key", "value"},
}
_V3 = {**_V2, search.TABLE: {"event_id", "text"}}
_V4 = {**_V3,
       "history": {"id", "at", "user", "host", "action", "kind", "record_id", "before",
                   "after"},
       "presence": {"instance", "user", "host", "pid", "opened_at", "seen_at"}}
EXPECTED_COLUMNS: dict[int, dict[str, set[str]]] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
# Triggers and views this program creates (none yet); anything else is foreign.
OWN_TRIGGERS: frozenset[str] = frozenset()
OWN_VIEWS: frozenset[str] = frozenset()


def expected_columns(version: int) -> dict[str, set[str]]:
    """Tables and columns a file of schema `version` must have (ours at most)."""
    return EXPECTED_COLUMNS.get(min(version, SCHEMA_VERSION), {})

"""What the timeline shows: a filter over events, kept as JSON in the project, and text search.

A `FilterSpec` combines criteria with AND; the values within one criterion
combine with OR (ticking Iran and the IAEA shows events of either). An empty
criterion does not filter.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.model import Event, Item, Project
from negotiator_gui.domain.vocab import EVENT_STATUSES, ITEM_STATUSES

RESTRICTED_CHOICES = ("all", "only", "hide")
MODES = ("dim", "hide")
FORMAT_VERSION = 1
_SET_FIELDS = ("parties", "tracks", "kinds", "item_types", "statuses", "tags")
MAX_TEXT = 500
_WORD = re.compile(r"[^\W_]+")

_KIND_PLURALS = {
    "round": "rounds", "expert-meeting": "experts meetings", "meeting": "meetings",
    "statement": "statements", "report": "reports", "deadline": "deadlines",
    "milestone": "milestones", "other": "other events",
}
_TYPE_PLURALS = {
    "proposal": "proposals", "concession": "concessions", "relief": "relief",
    "demand": "demands", "commitment": "commitments", "red-line": "red lines",
}


@dataclass(frozen=True)
class FilterSpec:
    """Which events the timeline highlights, and what happens to the rest.

    Attributes:
        parties: ids of parties; an event matches if one of them (or a
            coalition it belongs to, or a member of it) takes part in the
            event or gives or receives one of its items.
        tracks, kinds, tags: the event's track, kind, or one of its tags.
        item_types: the event has an item of one of these types.
        statuses: event statuses and item statuses together; the event's
            status must be one of the event statuses given, and one of its
            items must have one of the item statuses given. An item must
            match the item types and item statuses at once.
        start, end: the event overlaps this range (either may be None).
        restricted: "all", "only" (events that are or hold restricted
            material) or "hide" (events marked restricted).
        text: words to search for in titles, places, summaries, tags and items.
        mode: "dim" or "hide" the events that do not match.
    """

    parties: frozenset[str] = frozenset()
    tracks: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    item_types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    start: PartialDate | None = None
    end: PartialDate | None = None
    restricted: str = "all"
    text: str = ""
    mode: str = "dim"

    def is_empty(self) -> bool:
        """True when no criterion is set (the mode alone filters nothing)."""
        return not self.active_criteria()

    def active_criteria(self) -> list[str]:
        """Names of the criteria in use: 'parties', ..., 'dates', 'restricted', 'text'."""
        names = [name for name in _SET_FIELDS if getattr(self, name)]
        if self.start or self.end:
            names.append("dates")
        if self.restricted != "all":
            names.append("restricted")
        if self.text.strip():
            names.append("text")
        return names

    def cleared(self) -> FilterSpec:
        """No criteria, keeping the dim/hide choice."""
        return FilterSpec(mode=self.mode)

    def with_values(self, name: str, values: Iterable[str]) -> FilterSpec:
        """This spec with the set criterion `name` (e.g. "parties") replaced."""
        if name not in _SET_FIELDS:
            raise ValueError(f"{name} is not a set criterion")
        return replace(self, **{name: frozenset(values)})

    def to_json(self) -> str:
        """The spec as compact JSON text, sets sorted, for the project's settings."""
        data: dict[str, Any] = {"version": FORMAT_VERSION}
        for name in _SET_FIELDS:
            data[name] = sorted(getattr(self, name))
        data["start"] = self.start.iso() if self.start else None
        data["end"] = self.end.iso() if self.end else None
        data.update(restricted=self.restricted, text=self.text, mode=self.mode)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: Any) -> FilterSpec:
        """Read `to_json` output; anything unreadable falls back to its default.

        Never raises: a damaged or foreign setting gives an empty filter, and
        each bad field is dropped on its own.
        """
        try:
            data = json.loads(text) if isinstance(text, str | bytes) else None
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return cls()
        values: dict[str, Any] = {name: _strings(data.get(name)) for name in _SET_FIELDS}
        values["start"], values["end"] = _date(data.get("start")), _date(data.get("end"))
        values["restricted"] = _choice(data.get("restricted"), RESTRICTED_CHOICES)
        values["mode"] = _choice(data.get("mode"), MODES)
        text_value = data.get("text")
        values["text"] = text_value[:MAX_TEXT] if _is_text(text_value) else ""
        return cls(**values)


def _strings(value: Any) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(v for v in value if _is_text(v) and v)


def _is_text(value: Any) -> bool:
    """A string that can be stored (lone surrogates from JSON cannot)."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _date(value: Any) -> PartialDate | None:
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value)
    except DateError:
        return None


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    return value if isinstance(value, str) and value in choices else choices[0]


# -- matching -------------------------------------------------------------------

def matching_events(project: Project, spec: FilterSpec,
                    text_hits: set[str] | None) -> set[str]:
    """Ids of the events of `project` that meet every criterion of `spec`.

    Args:
        project: the records.
        spec: the filter.
        text_hits: ids of the events the text search found, or None when
            there is no text to search for.

    Returns:
        The ids of matching events (every event for an empty spec).
    """
    parties = _party_closure(project, spec.parties)
    event_statuses = {s for s in spec.statuses if s in EVENT_STATUSES}
    item_statuses = {s for s in spec.statuses if s in ITEM_STATUSES}
    first = spec.start.first_day() if spec.start else None
    last = spec.end.last_day() if spec.end else None
    found = set()
    for event in project.events:
        if text_hits is not None and event.id not in text_hits:
            continue
        if not _fields_match(event, spec, event_statuses):
            continue
        if parties and not _involves(event, parties):
            continue
        if (spec.item_types or item_statuses) and not any(
                _item_matches(i, spec.item_types, item_statuses) for i in event.items):
            continue
        if _in_range(event, first, last) and _restricted_ok(event, spec.restricted):
            found.add(event.id)
    return found


def _fields_match(event: Event, spec: FilterSpec, event_statuses: set[str]) -> bool:
    return ((not spec.tracks or event.track in spec.tracks)
            and (not spec.kinds or event.kind in spec.kinds)
            and (not event_statuses or event.status in event_statuses)
            and (not spec.tags or not spec.tags.isdisjoint(event.tags)))


def _party_closure(project: Project, chosen: frozenset[str]) -> set[str]:
    """The chosen parties, their members, and the coalitions they belong to."""
    closure = set(chosen)
    for party in project.parties:
        if party.id in chosen:
            closure.update(party.members)
        elif not chosen.isdisjoint(party.members):
            closure.add(party.id)
    return closure


def _involves(event: Event, parties: set[str]) -> bool:
    if not parties.isdisjoint(event.parties):
        return True
    return any(item.by in parties or item.to in parties for item in event.items)


def _item_matches(item: Item, types: frozenset[str], statuses: set[str]) -> bool:
    return (not types or item.type in types) and (not statuses or item.status in statuses)


def _in_range(event: Event, first: _dt.date | None, last: _dt.date | None) -> bool:
    if first is not None and (event.end or event.start).last_day() < first:
        return False
    return last is None or event.start.first_day() <= last


def _restricted_ok(event: Event, choice: str) -> bool:
    if choice == "only":
        return event.restricted or any(item.restricted for item in event.items)
    if choice == "hide":
        return not event.restricted
    return True


# -- text search ----------------------------------------------------------------

def fold(text: str) -> str:
    """Text with case and accents removed, for search ('Genève' -> 'geneve')."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


def split_words(text: str) -> list[str]:
    """The runs of letters and digits in `text`, as SQLite's unicode61 tokenizer cuts them."""
    return _WORD.findall(text)


def search_words(text: str) -> list[str]:
    """The words of `text` as search compares them: without case or accents."""
    return [fold(word) for word in split_words(text)]


def ends_in_word(text: str) -> bool:
    """True when `text` ends inside a word, which search then takes as a prefix."""
    return bool(_WORD.fullmatch(text[-1:]))


def event_search_text(event: Event) -> str:
    """What text search looks through for an event: title, place, summary, tags, items."""
    parts = [event.title, event.location, event.summary, " ".join(event.tags)]
    parts += [f"{item.text} {item.subject}" for item in event.items]
    return "\n".join(parts)


def text_matches(haystack: str, query: str) -> bool:
    """True when every word of `query` is a word of `haystack` (the last may be a prefix).

    The plain-Python twin of the project file's full-text search, for files
    that have no search index (an older file opened read-only).
    """
    wanted = search_words(query)
    if not wanted:
        return False
    words = set(search_words(haystack))
    *whole, last = wanted
    if not all(word in words for word in whole):
        return False
    if not ends_in_word(query):
        return last in words
    return any(word.startswith(last) for word in words)


# -- describing -----------------------------------------------------------------

def describe(spec: FilterSpec, project: Project | None = None) -> str:
    """A one-line account of the filter, for a status bar.

    Args:
        spec: the filter.
        project: gives parties' and tracks' names; ids are shown without it.

    Returns:
        E.g. 'Iran, P5+1 · rounds · since Feb 2013'; '' for an empty filter.
    """
    party_names = {p.id: p.label for p in project.parties} if project else {}
    track_names = {t.id: t.name for t in project.tracks} if project else {}
    parts = [
        names_in_order(spec.parties, party_names),
        names_in_order(spec.tracks, track_names),
        ", ".join(_KIND_PLURALS.get(k, k) for k in sorted(spec.kinds)),
        ", ".join(_TYPE_PLURALS.get(t, t) for t in sorted(spec.item_types)),
        ", ".join(_status_label(s) for s in sorted(spec.statuses)),
        ", ".join(f"#{tag}" for tag in sorted(spec.tags)),
        _range_label(spec.start, spec.end),
        {"only": "restricted only", "hide": "restricted hidden"}.get(spec.restricted, ""),
        f"“{spec.text.strip()}”" if spec.text.strip() else "",
    ]
    return " · ".join(part for part in parts if part)


def names_in_order(ids: frozenset[str], names: dict[str, str]) -> str:
    """The names of `ids`, in the order `names` lists them (ids it lacks: by id, after)."""
    order = {key: pos for pos, key in enumerate(names)}
    ranked = sorted(ids, key=lambda i: (order.get(i, len(order)), i))
    return ", ".join(names.get(i, i) for i in ranked)


def _status_label(status: str) -> str:
    return (EVENT_STATUSES.get(status) or ITEM_STATUSES.get(status) or status).lower()


def _range_label(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return f"{start.label(short=True)} – {end.label(short=True)}"
    if start:
        return f"since {start.label(short=True)}"
    return f"until {end.label(short=True)}" if end else ""


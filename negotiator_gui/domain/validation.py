"""Rules every record must keep, reported as problems that name where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from negotiator_gui.domain.errors import Problem
from negotiator_gui.domain.model import Event, Item, Link, Party, Project, Source, Track
from negotiator_gui.domain.vocab import (
    EVENT_KINDS,
    EVENT_STATUSES,
    ITEM_STATUSES,
    ITEM_TYPES,
    LINK_KINDS,
    choices_text,
)

COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_CONTROL = re.compile("[\x00-\x1f]")  # control characters, not allowed in ids
MAX_ID_LENGTH = 200
MAX_TEXT_LENGTH = 1_000_000


@dataclass
class KnownIds:
    """Ids that references may name: the records being checked plus any already kept."""

    parties: set[str] = field(default_factory=set)
    tracks: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, project: Project) -> KnownIds:
        """The ids `project` holds."""
        return cls(
            parties={p.id for p in project.parties},
            tracks={t.id for t in project.tracks},
            sources={s.id for s in project.sources},
            items={i.id for i in project.items()},
        )

    def merged(self, other: KnownIds) -> KnownIds:
        """Both sets of ids together."""
        return KnownIds(
            self.parties | other.parties,
            self.tracks | other.tracks,
            self.sources | other.sources,
            self.items | other.items,
        )


def check_id(value: str, where: str) -> list[Problem]:
    """An id must be non-empty text of sensible length."""
    if not isinstance(value, str) or not value.strip():
        return [Problem(where, "must not be empty")]
    if len(value) > MAX_ID_LENGTH:
        return [Problem(where, f"is longer than {MAX_ID_LENGTH} characters")]
    if _CONTROL.search(value):
        return [Problem(where, "contains control characters")]
    return []


def check_choice(value: str, words: dict[str, str], where: str, what: str) -> list[Problem]:
    """`value` must be one of `words`."""
    if value in words:
        return []
    return [Problem(where, f"unknown {what} '{value}' (use {choices_text(words)})")]


def check_color(value: str, where: str) -> list[Problem]:
    """A colour is empty (automatic) or `#rrggbb`."""
    if value == "" or COLOR.fullmatch(value):
        return []
    return [Problem(where, f"'{value}' is not a colour of the form #rrggbb")]


def check_refs(values: Iterable[str], known: set[str], where: str, what: str) -> list[Problem]:
    """Every value must name a known id."""
    return [
        Problem(f"{where}[{i}]", f"unknown {what} '{value}'")
        for i, value in enumerate(values)
        if value not in known
    ]


def validate_party(party: Party, where: str, known: KnownIds) -> list[Problem]:
    """Problems with one party."""
    problems = check_id(party.id, f"{where}.id")
    if not party.name.strip():
        problems.append(Problem(f"{where}.name", "must not be empty"))
    problems += check_color(party.color, f"{where}.color")
    problems += check_refs(party.members, known.parties, f"{where}.members", "party")
    if party.id in party.members:
        problems.append(Problem(f"{where}.members", "a party cannot be its own member"))
    return problems


def validate_track(track: Track, where: str) -> list[Problem]:
    """Problems with one track."""
    problems = check_id(track.id, f"{where}.id")
    if not track.name.strip():
        problems.append(Problem(f"{where}.name", "must not be empty"))
    return problems + check_color(track.color, f"{where}.color")


def validate_source(source: Source, where: str) -> list[Problem]:
    """Problems with one source."""
    problems = check_id(source.id, f"{where}.id")
    if not source.title.strip():
        problems.append(Problem(f"{where}.title", "must not be empty"))
    return problems


def validate_item(item: Item, where: str, known: KnownIds) -> list[Problem]:
    """Problems with one item."""
    problems = check_id(item.id, f"{where}.id")
    if not item.text.strip():
        problems.append(Problem(f"{where}.text", "must not be empty"))
    # The places are named only when something is wrong: 30,000 items are checked on import.
    if item.type not in ITEM_TYPES:
        problems += check_choice(item.type, ITEM_TYPES, f"{where}.type", "item type")
    if item.status not in ITEM_STATUSES:
        problems += check_choice(item.status, ITEM_STATUSES, f"{where}.status", "item status")
    for role, value in (("by", item.by), ("to", item.to)):
        if value and value not in known.parties:
            problems.append(Problem(f"{where}.{role}", f"unknown party '{value}'"))
    if item.sources:
        problems += check_refs(item.sources, known.sources, f"{where}.sources", "source")
    return problems


def validate_event_fields(event: Event, where: str = "") -> list[Problem]:
    """Problems within one event's own fields, without looking at references."""
    at = f"{where}." if where else ""
    problems = check_id(event.id, f"{at}id")
    if not event.title.strip():
        problems.append(Problem(f"{at}title", "must not be empty"))
    if event.end is not None and event.end.last_day() < event.start.first_day():
        problems.append(Problem(f"{at}end", "before start"))
    if event.kind not in EVENT_KINDS:
        problems += check_choice(event.kind, EVENT_KINDS, f"{at}kind", "event kind")
    if event.status not in EVENT_STATUSES:
        problems += check_choice(event.status, EVENT_STATUSES, f"{at}status", "event status")
    return problems


def validate_event(event: Event, where: str, known: KnownIds) -> list[Problem]:
    """Problems with one event and its items."""
    problems = validate_event_fields(event, where)
    if event.track not in known.tracks:
        problems.append(Problem(f"{where}.track", f"unknown track '{event.track}'"))
    if event.parties:
        problems += check_refs(event.parties, known.parties, f"{where}.parties", "party")
    if event.sources:
        problems += check_refs(event.sources, known.sources, f"{where}.sources", "source")
    for i, item in enumerate(event.items):
        problems += validate_item(item, f"{where}.items[{i}]", known)
    return problems


def validate_link(link: Link, where: str, known: KnownIds) -> list[Problem]:
    """Problems with one link."""
    problems = check_choice(link.kind, LINK_KINDS, f"{where}.kind", "link kind")
    for role, value in (("from", link.source), ("to", link.target)):
        if value not in known.items:
            problems.append(Problem(f"{where}.{role}", f"unknown item '{value}'"))
    if link.source == link.target:
        problems.append(Problem(where, "an item cannot be linked to itself"))
    return problems


def validate_project(project: Project, existing: KnownIds | None = None) -> list[Problem]:
    """Every problem in `project`, naming where each is.

    Args:
        project: the records to check.
        existing: ids already kept elsewhere (a project being merged into)
            that references may also name.

    Returns:
        The problems, in document order; empty when all is well.
    """
    known = KnownIds.of(project)
    if existing is not None:
        known = known.merged(existing)
    problems = _duplicate_problems(project)
    for i, party in enumerate(project.parties):
        problems += validate_party(party, f"parties[{i}]", known)
    for i, track in enumerate(project.tracks):
        problems += validate_track(track, f"tracks[{i}]")
    for i, source in enumerate(project.sources):
        problems += validate_source(source, f"sources[{i}]")
    for i, event in enumerate(project.events):
        problems += validate_event(event, f"events[{i}]", known)
    for i, link in enumerate(project.links):
        problems += validate_link(link, f"links[{i}]", known)
    return problems


def _duplicate_problems(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    lists = {
        "parties": [p.id for p in project.parties],
        "tracks": [t.id for t in project.tracks],
        "sources": [s.id for s in project.sources],
        "events": [e.id for e in project.events],
    }
    for name, ids in lists.items():
        for i, value in _repeats(ids):
            problems.append(Problem(f"{name}[{i}].id", f"'{value}' is used more than once"))
    seen_items: set[str] = set()
    for i, event in enumerate(project.events):
        for j, item in enumerate(event.items):
            if item.id in seen_items:
                problems.append(Problem(f"events[{i}].items[{j}].id",
                                        f"'{item.id}' is used more than once"))
            seen_items.add(item.id)
    for i, value in _repeats([link.key for link in project.links]):
        problems.append(Problem(f"links[{i}]", f"repeats the link {value[0]} → {value[1]}"))
    return problems


def _repeats(ids: list) -> list[tuple[int, object]]:
    seen: set = set()
    out = []
    for i, value in enumerate(ids):
        if value in seen:
            out.append((i, value))
        seen.add(value)
    return out

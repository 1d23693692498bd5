"""The ledger: what each party offered, conceded, demanded and received, and the exchanges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Link, Project
from negotiator_gui.domain.vocab import ITEM_STATUSES, LINK_KINDS

# The sections of a party's ledger, in the order they are shown, and the item
# types each gathers from what the party put on the table (`by`).
GIVEN_SECTIONS: dict[str, frozenset[str]] = {
    "offered": frozenset({"proposal", "relief"}),
    "conceded": frozenset({"concession"}),
    "demanded": frozenset({"demand"}),
    "committed": frozenset({"commitment"}),
    "red-lines": frozenset({"red-line"}),
}
# What a party received (`to`): things given to it. Demands and red lines
# addressed to a party are not something it received; they stay with the
# party that made them.
RECEIVED_TYPES = frozenset({"proposal", "relief", "concession", "commitment"})
SECTIONS: tuple[str, ...] = (*GIVEN_SECTIONS, "received")
STATUS_ORDER: dict[str, int] = {status: n for n, status in enumerate(ITEM_STATUSES)}
# Exchanges read both ways; other relations point from one item to the other.
EXCHANGE_ARROW = "⇄"
RELATION_ARROW = "→"


@dataclass(frozen=True)
class Entry:
    """One item in a ledger, with the event where it was tabled."""

    item: Item
    event: Event

    @property
    def date(self) -> PartialDate:
        """The date of the event that tabled the item."""
        return self.event.start


@dataclass(frozen=True)
class SubjectGroup:
    """The entries of one section about one subject ('' for none), oldest first."""

    subject: str
    entries: tuple[Entry, ...]

    def status_counts(self) -> dict[str, int]:
        """How many entries have each status, in the vocabulary's order."""
        counts = Counter(e.item.status for e in self.entries)
        return dict(sorted(counts.items(), key=lambda kv: _status_rank(kv[0])))


@dataclass(frozen=True)
class Section:
    """One heading of a party's ledger ('offered', ..., 'received'), by subject."""

    key: str
    groups: tuple[SubjectGroup, ...]

    @property
    def count(self) -> int:
        """How many entries the section holds."""
        return sum(len(g.entries) for g in self.groups)


@dataclass(frozen=True)
class PartyLedger:
    """What one party gave and received; `party_id` '' gathers unattributed items.

    Only sections with entries are listed, in `SECTIONS` order.
    """

    party_id: str
    label: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        """The section named `key`, or None when it is empty."""
        return next((s for s in self.sections if s.key == key), None)

    def texts(self, key: str) -> list[str]:
        """The item texts of section `key`, for a quick look."""
        section = self.section(key)
        return [e.item.text for g in section.groups for e in g.entries] if section else []


@dataclass(frozen=True)
class Exchange:
    """A link between items put on the table by two different parties."""

    link: Link
    source: Entry
    target: Entry
    source_label: str
    target_label: str

    @property
    def kind_label(self) -> str:
        """The relation in words: 'in exchange for'."""
        return LINK_KINDS.get(self.link.kind, self.link.kind)

    def pair_text(self) -> str:
        """'Iran: Halt 20% enrichment ⇄ P5+1: Security Council resolution'."""
        arrow = EXCHANGE_ARROW if self.link.kind == "in-exchange-for" else RELATION_ARROW
        return (f"{self.source_label}: {self.source.item.text} {arrow} "
                f"{self.target_label}: {self.target.item.text}")

    def text(self) -> str:
        """'Iran: Halt 20% enrichment ⇄ P5+1: Security Council resolution (in exchange for)'."""
        return f"{self.pair_text()} ({self.kind_label})"


@dataclass(frozen=True)
class Ledger:
    """Every party's ledger, in the project's party order, and the exchanges."""

    parties: tuple[PartyLedger, ...]
    exchanges: tuple[Exchange, ...]

    def party(self, party_id: str) -> PartyLedger | None:
        """The ledger of `party_id`, or None when it has no entries."""
        return next((p for p in self.parties if p.party_id == party_id), None)


def build_ledger(project: Project) -> Ledger:
    """The ledger of `project`.

    Each party gets the items it put on the table (`by`) under the section
    for their type, and the items given to it (`to`) under 'received'; each
    section is grouped by subject (alphabetical, none last) and each group
    lists entries by event date, then status.
    """
    labels = {p.id: p.label for p in project.parties}
    entries = [Entry(item, event) for event in project.events for item in event.items]
    given, received = _buckets(entries)
    parties = []
    for party_id in _party_order(project, entries):
        sections = [Section(key, _by_subject(found))
                    for key, found in given.get(party_id, {}).items()]
        if party_id in received:
            sections.append(Section("received", _by_subject(received[party_id])))
        if sections:
            sections.sort(key=lambda s: SECTIONS.index(s.key))
            parties.append(PartyLedger(party_id, labels.get(party_id, party_id),
                                       tuple(sections)))
    return Ledger(tuple(parties), _exchanges(project, entries, labels))


def _buckets(entries: list[Entry]
             ) -> tuple[dict[str, dict[str, list[Entry]]], dict[str, list[Entry]]]:
    """Entries by giver and section, and by receiver, in one pass."""
    section_of = {t: key for key, types in GIVEN_SECTIONS.items() for t in types}
    given: dict[str, dict[str, list[Entry]]] = {}
    received: dict[str, list[Entry]] = {}
    for entry in entries:
        item = entry.item
        section = section_of.get(item.type)
        if section:
            given.setdefault(item.by, {}).setdefault(section, []).append(entry)
        if item.to and item.type in RECEIVED_TYPES:
            received.setdefault(item.to, []).append(entry)
    return given, received


def _party_order(project: Project, entries: list[Entry]) -> list[str]:
    """Known parties in project order, then unknown ids, then '' (unattributed)."""
    known = [p.id for p in project.parties]
    named = {e.item.by for e in entries} | {e.item.to for e in entries}
    unknown = sorted(named - set(known) - {""})
    return known + unknown + ([""] if "" in {e.item.by for e in entries} else [])


def _by_subject(entries: list[Entry]) -> tuple[SubjectGroup, ...]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.item.subject, []).append(entry)
    ordered = sorted(groups, key=lambda s: (s == "", s.casefold()))
    return tuple(SubjectGroup(s, tuple(sorted(groups[s], key=_entry_order))) for s in ordered)


def _entry_order(entry: Entry) -> tuple:
    return (entry.date.first_day(), _status_rank(entry.item.status), entry.item.text.casefold())


def _status_rank(status: str) -> int:
    return STATUS_ORDER.get(status, len(STATUS_ORDER))


def _exchanges(project: Project, entries: list[Entry], labels: dict[str, str]
               ) -> tuple[Exchange, ...]:
    by_id = {e.item.id: e for e in entries}
    found = []
    for link in project.links:
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None:
            continue
        a, b = source.item.by, target.item.by
        if a and b and a != b:
            found.append(Exchange(link, source, target, labels.get(a, a), labels.get(b, b)))
    return tuple(sorted(found, key=lambda x: (_entry_order(x.source), x.link.key)))

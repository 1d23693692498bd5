"""The records of a negotiation project: parties, tracks, sources, events, items, links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.vocab import (
    DEFAULT_EVENT_KIND,
    DEFAULT_EVENT_STATUS,
    DEFAULT_ITEM_STATUS,
    DEFAULT_ITEM_TYPE,
    DEFAULT_LINK_KIND,
)

Extra = dict[str, Any]
# The records of a project (tens of thousands of them) are slotted dataclasses: no
# __dict__ each, a third of the memory. Project itself is not: it keeps its lookup
# index (domain.project_index) beside its fields.


@dataclass(frozen=True)
class ProjectInfo:
    """What the project is about, and its handling marking."""

    title: str = ""
    subject: str = ""
    marking: str = "UNCLASSIFIED"
    description: str = ""
    extra: Extra = field(default_factory=dict, compare=True)


@dataclass(frozen=True, slots=True)
class Party:
    """A state, group or organisation; a coalition lists its member parties."""

    id: str
    name: str
    short: str = ""
    color: str = ""
    members: tuple[str, ...] = ()
    extra: Extra = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The short name where there is one."""
        return self.short or self.name or self.id


@dataclass(frozen=True, slots=True)
class Track:
    """A lane of the timeline: a level or channel of the negotiation."""

    id: str
    name: str
    order: int = 0
    color: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Source:
    """A document or report that events and items cite."""

    id: str
    title: str
    publisher: str = ""
    date: PartialDate | None = None
    url: str = ""
    note: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """What one party put on the table for another at an event."""

    id: str
    text: str
    type: str = DEFAULT_ITEM_TYPE
    by: str = ""
    to: str = ""
    status: str = DEFAULT_ITEM_STATUS
    subject: str = ""
    sources: tuple[str, ...] = ()
    restricted: bool = False
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    """Something on a track at a date or over dates, with the items tabled there."""

    id: str
    title: str
    track: str
    start: PartialDate
    end: PartialDate | None = None
    kind: str = DEFAULT_EVENT_KIND
    location: str = ""
    parties: tuple[str, ...] = ()
    status: str = DEFAULT_EVENT_STATUS
    summary: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    restricted: bool = False
    items: tuple[Item, ...] = ()
    extra: Extra = field(default_factory=dict)

    @property
    def is_point(self) -> bool:
        """True for a one-date event (drawn as a marker)."""
        return self.end is None or self.end == self.start


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two items, such as 'in exchange for'."""

    source: str
    target: str
    kind: str = DEFAULT_LINK_KIND
    note: str = ""
    extra: Extra = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a link: from, to and kind."""
        return (self.source, self.target, self.kind)


@dataclass(frozen=True)
class Project:
    """A whole negotiation: everything one project file holds."""

    info: ProjectInfo = field(default_factory=ProjectInfo)
    parties: tuple[Party, ...] = ()
    tracks: tuple[Track, ...] = ()
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    links: tuple[Link, ...] = ()

    def items(self) -> list[Item]:
        """Every item of every event, in event order."""
        return [item for event in self.events for item in event.items]

    def counts(self) -> dict[str, int]:
        """How many records of each kind the project holds."""
        from negotiator_gui.domain.project_index import index_of  # it imports this module

        return index_of(self).counts()  # counted once, then kept up to date by edits

    def _counted(self) -> dict[str, int]:
        """`counts()` by walking every event."""
        return {
            "parties": len(self.parties),
            "tracks": len(self.tracks),
            "sources": len(self.sources),
            "events": len(self.events),
            "items": sum(len(e.items) for e in self.events),
            "links": len(self.links),
        }

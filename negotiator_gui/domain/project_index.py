"""Lookups over one project (events by id, links by key, sort positions, counts), cheap to keep.

A `Project` is immutable, so an index over it can never go stale. The index is
built on first use, part by part, and kept with the project it describes.
`changes.apply` carries the parts already built over to the project it makes,
patched with only the records the change touched, so one edit costs time in
proportion to what it changed, not to the size of the project.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from negotiator_gui.domain.model import Event, Link, Project

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

LinkKey = tuple[str, str, str]
EventKey = tuple[str, str]
_ATTRIBUTE = "_project_index"


def event_order(event: Event) -> EventKey:
    """The order events are kept and listed in: by start as written, then id."""
    return (event.start.iso(), event.id)


def _nothing() -> None:
    return None


def index_of(project: Project) -> ProjectIndex:
    """The index of `project`, made (empty, parts built on use) the first time it is asked."""
    found = project.__dict__.get(_ATTRIBUTE)
    if found is None or found._project() is not project:  # none yet, or a copy's
        found = ProjectIndex(project)
        # Project is a frozen dataclass: the index is not one of its fields (it takes
        # no part in equality or hashing); it is kept beside them like a cached property.
        object.__setattr__(project, _ATTRIBUTE, found)
    return found


class ProjectIndex:
    """Lookups over one project; each part is built the first time it is used."""

    def __init__(self, project: Project) -> None:
        self._project = weakref.ref(project)
        self._events: dict[str, Event] | None = None
        self._order: list[EventKey] | None = None
        self._links: dict[LinkKey, Link] | None = None
        self._link_order: list[LinkKey] | None = None
        self._item_count: int | None = None
        self._tallies: dict[str, Counter[str]] = {}   # name in TALLIES -> its counts
        self._checked: dict[str, bool] = {}   # part -> whether it is in order

    def __reduce__(self) -> tuple:
        """A copied or pickled project leaves its index behind (it is made again)."""
        return (_nothing, ())

    def __deepcopy__(self, memo: dict) -> None:
        return None

    def _of(self) -> Project:
        project = self._project()
        if project is None:  # pragma: no cover - the index lives inside its project
            raise ReferenceError("the project of this index is gone")
        return project

    @property
    def events(self) -> dict[str, Event]:
        """Events by id (do not change the dict: it may be shared)."""
        if self._events is None:
            self._events = {e.id: e for e in self._of().events}
        return self._events

    @property
    def order(self) -> list[EventKey]:
        """`event_order` of each event, in the order `project.events` lists them."""
        if self._order is None:
            self._order = [event_order(e) for e in self._of().events]
        return self._order

    def events_sorted(self) -> bool:
        """True when `project.events` is in `event_order` (a project made by hand may not be)."""
        order = self.order
        return all(a < b for a, b in zip(order, order[1:], strict=False))

    @property
    def links(self) -> dict[LinkKey, Link]:
        """Links by key (do not change the dict: it may be shared)."""
        if self._links is None:
            self._links = {lk.key: lk for lk in self._of().links}
        return self._links

    @property
    def link_order(self) -> list[LinkKey]:
        """The key of each link, in the order `project.links` lists them."""
        if self._link_order is None:
            self._link_order = [lk.key for lk in self._of().links]
        return self._link_order

    def links_sorted(self) -> bool:
        """True when `project.links` is in key order."""
        order = self.link_order
        return all(a < b for a, b in zip(order, order[1:], strict=False))

    @property
    def item_count(self) -> int:
        """How many items all events hold."""
        if self._item_count is None:
            self._item_count = sum(len(e.items) for e in self._of().events)
        return self._item_count

    def tally(self, name: str) -> Counter[str]:
        """How many times each value of `TALLIES[name]` occurs over all events (do not
        change the Counter: it may be shared)."""
        found = self._tallies.get(name)
        if found is None:
            values = TALLIES[name]
            found = self._tallies[name] = Counter(v for e in self._of().events
                                                  for v in values(e))
        return found

    @property
    def subjects(self) -> Counter[str]:
        """How many items name each subject (empty subjects left out)."""
        return self.tally("subjects")

    def counts(self) -> dict[str, int]:
        """`Project.counts()`, without walking every event."""
        project = self._of()
        return {"parties": len(project.parties), "tracks": len(project.tracks),
                "sources": len(project.sources), "events": len(project.events),
                "items": self.item_count, "links": len(project.links)}


# What `ProjectIndex.tally` counts: per event, the values it adds.
TALLIES: dict[str, Callable[[Event], Iterable[str]]] = {
    "subjects": lambda e: [i.subject for i in e.items if i.subject],
    "kinds": lambda e: (e.kind,),
    "lead_parties": lambda e: e.parties[:1],
}

SMALL = 64  # more records than this in one change: sort afresh instead of patching


def patched_events(base: Project, removed: Iterable[str], put: tuple[Event, ...]
                   ) -> tuple[tuple[Event, ...], ProjectIndex | None]:
    """The events of `base` without `removed` and with `put` (replacing by id), in order.

    Returns the new tuple and, for a small change, a detached index holding the
    event parts for the new project (None after a large change: built on use).
    A small change moves `base`'s events-by-id and order to the new parts.
    """
    index = index_of(base)
    gone = list(dict.fromkeys(removed))
    if len(gone) + len(put) > SMALL or not _sorted_once(index, "events"):
        events = dict(index.events)
        for event_id in gone:
            events.pop(event_id, None)
        for event in put:
            events[event.id] = event
        return tuple(sorted(events.values(), key=event_order)), None
    # The new project takes over the base's dict and order and patches them in place
    # (copying 10,000 entries cost more than the rest of an edit); the base's index
    # makes them again from its own events if it is ever asked.
    events, order = index.events, index.order
    index._events = index._order = None
    listed = list(base.events)
    count = index.item_count if index._item_count is not None else None
    tallies = {name: Counter(found) for name, found in index._tallies.items()}
    for event_id in [*gone, *(e.id for e in put)]:
        old = events.pop(event_id, None)
        if old is None:
            continue
        at = bisect_left(order, event_order(old))
        del listed[at], order[at]
        count = _less(count, tallies, old)
    for event in put:
        if event.id in events:  # put twice in one change: the last one counts
            old = events.pop(event.id)
            at = bisect_left(order, event_order(old))
            del listed[at], order[at]
            count = _less(count, tallies, old)
        key = event_order(event)
        at = bisect_left(order, key)
        listed.insert(at, event)
        order.insert(at, key)
        events[event.id] = event
        if count is not None:
            count += len(event.items)
        for name, found in tallies.items():
            found.update(TALLIES[name](event))
    detached = ProjectIndex(base)  # a carrier of the new parts (see `adopt`)
    detached._events, detached._order = events, order
    detached._item_count, detached._tallies = count, tallies
    return tuple(listed), detached


def prepare_edits(project: Project) -> None:
    """Work out now what the first edit of `project` needs (events by id, their order
    and whether they are in it), e.g. in idle time after opening."""
    _sorted_once(index_of(project), "events")


def _sorted_once(index: ProjectIndex, part: str) -> bool:
    """Whether the part is in order, checked once per index (patched parts stay in order)."""
    known = index._checked
    if part not in known:
        known[part] = index.events_sorted() if part == "events" else index.links_sorted()
    return known[part]


def _less(count: int | None, tallies: dict[str, Counter[str]], old: Event) -> int | None:
    """Take `old` out of the item count and the tallies (changed in place)."""
    for name, found in tallies.items():
        for value in TALLIES[name](old):
            found[value] -= 1
            if found[value] <= 0:
                del found[value]
    return None if count is None else count - len(old.items)


def patched_links(base: Project, removed: Iterable[LinkKey], put: tuple[Link, ...]
                  ) -> tuple[tuple[Link, ...], dict[LinkKey, Link] | None,
                             list[LinkKey] | None]:
    """The links of `base` without `removed` and with `put`, in key order; with the
    link parts of the new project's index for a small change (else None)."""
    index = index_of(base)
    gone = list(dict.fromkeys(removed))
    if not gone and not put:
        return base.links, index._links, index._link_order
    links = dict(index.links)
    if len(gone) + len(put) > SMALL or not _sorted_once(index, "links"):
        for key in gone:
            links.pop(key, None)
        for link in put:
            links[link.key] = link
        return tuple(sorted(links.values(), key=lambda lk: lk.key)), None, None
    listed, order = list(base.links), list(index.link_order)
    for key in [*gone, *(lk.key for lk in put)]:
        if links.pop(key, None) is not None:
            at = bisect_left(order, key)
            del listed[at], order[at]
    for link in put:
        if link.key in links:
            links.pop(link.key)
            at = bisect_left(order, link.key)
            del listed[at], order[at]
        at = bisect_left(order, link.key)
        listed.insert(at, link)
        order.insert(at, link.key)
        links[link.key] = link
    return tuple(listed), links, order


def adopt(project: Project, base: Project, events_part: ProjectIndex | None,
          links: dict[LinkKey, Link] | None, link_order: list[LinkKey] | None) -> None:
    """Give `project` (just made from `base` by `apply`) the index parts worked out
    while making it; parts it shares with `base` keep what is known of their order."""
    index, before = index_of(project), index_of(base)
    if events_part is not None:
        index._events, index._order = events_part._events, events_part._order
        index._item_count, index._tallies = events_part._item_count, events_part._tallies
        index._checked["events"] = True
    index._links, index._link_order = links, link_order
    if project.links is base.links:
        if "links" in before._checked:
            index._checked["links"] = before._checked["links"]
    elif link_order is not None:
        index._checked["links"] = True


def with_versions(base: Project, events: Iterable[Event]) -> Project:
    """`base` with these new versions of some of its events, each where the old one
    is listed (a view of a change being made, e.g. a drag: `base` and its index are
    left as they are, unlike `changes.apply`). Events not in `base` are added last."""
    index = index_of(base)
    known, listed = index.events, list(base.events)
    in_order = _sorted_once(index, "events")
    extra = []
    for event in events:
        old = known.get(event.id)
        if old is None:
            extra.append(event)
            continue
        at = bisect_left(index.order, event_order(old)) if in_order else \
            next(i for i, e in enumerate(listed) if e is old)
        listed[at] = event
    return replace(base, events=tuple(listed + extra))

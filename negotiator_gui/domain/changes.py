"""Change sets: one user action as records to put and delete, applied and inverted purely.

Every edit in the program is a `ChangeSet`. Applying it to a project gives the
new project; `invert` gives the change set that undoes it. The storage layer
writes a change set in one transaction; the undo stack keeps both directions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from negotiator_gui.domain.model import Event, Link, Party, Project, ProjectInfo, Source, Track
from negotiator_gui.domain.project_index import (
    adopt,
    event_order,
    index_of,
    patched_events,
    patched_links,
)

__all__ = ["ChangeSet", "apply", "event_order", "index_of", "invert", "put_events",
           "with_dependent_links"]

LinkKey = tuple[str, str, str]


@dataclass(frozen=True)
class ChangeSet:
    """Records to put (insert or replace whole, items included) and ids to delete.

    Parties, tracks and sources are few: when given, the tuple is the complete
    new list, in order. Events and links are many: they are put and deleted
    one by one. Deleting an event deletes its items; links to those items must
    be listed in `delete_links` too (`with_dependent_links` does that).
    """

    put_events: tuple[Event, ...] = ()
    delete_events: tuple[str, ...] = ()
    put_links: tuple[Link, ...] = ()
    delete_links: tuple[LinkKey, ...] = ()
    parties: tuple[Party, ...] | None = None
    tracks: tuple[Track, ...] | None = None
    sources: tuple[Source, ...] | None = None
    info: ProjectInfo | None = None
    settings: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when the change set changes nothing."""
        return not (self.put_events or self.delete_events or self.put_links
                    or self.delete_links or self.settings) and self.parties is None \
            and self.tracks is None and self.sources is None and self.info is None

    def event_ids(self) -> set[str]:
        """Ids of every event put or deleted."""
        return {e.id for e in self.put_events} | set(self.delete_events)


def with_dependent_links(project: Project, changes: ChangeSet) -> ChangeSet:
    """`changes`, also deleting every link whose item disappears with it."""
    gone = _items_removed(project, changes)
    if not gone:
        return changes
    doomed = {lk.key for lk in project.links if lk.source in gone or lk.target in gone}
    keys = tuple(dict.fromkeys((*changes.delete_links, *sorted(doomed))))
    return replace(changes, delete_links=keys)


def _items_removed(project: Project, changes: ChangeSet) -> set[str]:
    index = index_of(project).events
    before: set[str] = set()
    for event_id in changes.event_ids():
        if event_id in index:
            before |= {i.id for i in index[event_id].items}
    after = {i.id for e in changes.put_events for i in e.items}
    return before - after


def apply(project: Project, changes: ChangeSet) -> Project:
    """The project after `changes`, in the order the file lists records:
    parties as given, tracks by order, sources by id, events by date, links by
    their ends.

    Costs time in proportion to the change, not to the project: events and
    links are taken out and put back by bisection, and the new project's
    index (see `project_index`) is carried over from `project`'s.
    """
    events, events_part = patched_events(project, changes.delete_events,
                                         changes.put_events)
    links, link_index, link_order = patched_links(project, changes.delete_links,
                                                  changes.put_links)
    out = Project(
        info=changes.info if changes.info is not None else project.info,
        parties=changes.parties if changes.parties is not None else project.parties,
        tracks=tuple(sorted(changes.tracks, key=lambda t: (t.order, t.id)))
        if changes.tracks is not None else project.tracks,
        sources=tuple(sorted(changes.sources, key=lambda s: s.id))
        if changes.sources is not None else project.sources,
        events=events,
        links=links,
    )
    adopt(out, project, events_part, link_index, link_order)
    return out


def invert(project: Project, changes: ChangeSet, settings: dict[str, str] | None = None
           ) -> ChangeSet:
    """The change set that takes `apply(project, changes)` back to `project`.

    Args:
        project: the project before `changes`.
        changes: the change to undo.
        settings: the current values of the settings `changes` sets.
    """
    index = index_of(project)
    events = index.events
    touched = changes.event_ids()
    link_keys = link_keys_of(changes)
    links = index.links if link_keys else {}
    old_settings = settings or {}
    return ChangeSet(
        put_events=tuple(events[i] for i in sorted(touched) if i in events),
        delete_events=tuple(sorted(i for i in touched if i not in events)),
        put_links=tuple(links[k] for k in sorted(link_keys) if k in links),
        delete_links=tuple(sorted(k for k in link_keys if k not in links)),
        parties=project.parties if changes.parties is not None else None,
        tracks=project.tracks if changes.tracks is not None else None,
        sources=project.sources if changes.sources is not None else None,
        info=project.info if changes.info is not None else None,
        settings={k: old_settings.get(k, "") for k in changes.settings},
    )


def link_keys_of(changes: ChangeSet) -> set[LinkKey]:
    """Keys of every link put or deleted."""
    return set(changes.delete_links) | {lk.key for lk in changes.put_links}


def put_events(events: Iterable[Event]) -> ChangeSet:
    """A change set that puts `events`."""
    return ChangeSet(put_events=tuple(events))

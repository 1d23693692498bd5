"""Bringing a document's records into a project as one change set.

The rules are INTERCHANGE.md's: records whose id is new are added, records
whose id exists are updated to the document's values, and nothing absent from
the document is deleted — not even an item of an updated event that the
document does not list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.model import Event, Project

__all__ = ["merge_changes"]

R = TypeVar("R")


def merge_changes(current: Project, incoming: Project, with_info: bool) -> ChangeSet:
    """The change set that merges `incoming` into `current` by id.

    Args:
        current: the project as the user sees it.
        incoming: the records read from a document (already validated).
        with_info: also take the document's title, subject, marking and description.
    """
    return ChangeSet(
        put_events=_merged_events(current, incoming),
        put_links=incoming.links,
        parties=_merged(current.parties, incoming.parties),
        tracks=_merged(current.tracks, incoming.tracks),
        sources=_merged(current.sources, incoming.sources),
        info=incoming.info if with_info else None,
    )


def _merged(present: Sequence[R], given: Sequence[R]) -> tuple[R, ...] | None:
    """`present` with records of `given` replaced by id and new ones after; None if none given."""
    if not given:
        return None
    by_id = {r.id: r for r in given}  # type: ignore[attr-defined]
    known = {r.id for r in present}  # type: ignore[attr-defined]
    kept = [by_id.get(r.id, r) for r in present]  # type: ignore[attr-defined]
    return (*kept, *(r for r in given if r.id not in known))  # type: ignore[attr-defined]


def _merged_events(current: Project, incoming: Project) -> tuple[Event, ...]:
    """The document's events, each still holding the items it does not list.

    An item the document places in another event moves there: the event that
    held it is put again without it.
    """
    events = index_of(current).events
    claimed = {i.id: e.id for e in incoming.events for i in e.items}
    given = {e.id for e in incoming.events}
    put = [_kept_items(events.get(e.id), e, claimed) for e in incoming.events]
    for event_id in _owners(current, claimed):
        if event_id in given:
            continue
        old = events[event_id]
        put.append(replace(old, items=tuple(i for i in old.items if i.id not in claimed)))
    return tuple(put)


def _owners(current: Project, claimed: dict[str, str]) -> list[str]:
    """Ids of the current events holding an item the document places elsewhere."""
    return [e.id for e in current.events
            if any(i.id in claimed and claimed[i.id] != e.id for i in e.items)]


def _kept_items(old: Event | None, new: Event, claimed: dict[str, str]) -> Event:
    """`new`, still holding the items of `old` that the document does not place anywhere."""
    if old is None:
        return new
    missing = tuple(i for i in old.items if i.id not in claimed)
    return replace(new, items=new.items + missing) if missing else new

"""Choosing part of a project: a period, tracks, parties, and the wider-distribution cut."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Project


@dataclass(frozen=True)
class Selection:
    """What part of a project an export covers; empty collections mean everything."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    tracks: Collection[str] = ()
    parties: Collection[str] = ()
    include_restricted: bool = True

    def keeps(self, event: Event) -> bool:
        """True when `event` falls within the selection."""
        if not self.include_restricted and event.restricted:
            return False
        if self.tracks and event.track not in self.tracks:
            return False
        last = (event.end or event.start).last_day()
        if self.start is not None and last < self.start.first_day():
            return False
        if self.end is not None and event.start.first_day() > self.end.last_day():
            return False
        return not self.parties or _involves(event, self.parties)


def _involves(event: Event, parties: Collection[str]) -> bool:
    if any(p in parties for p in event.parties):
        return True
    return any(item.by in parties or item.to in parties for item in event.items)


def select(project: Project, selection: Selection) -> Project:
    """The events the selection keeps, without restricted items if asked, and the
    links whose both ends remain. Parties, tracks and sources are kept whole."""
    events = []
    for event in project.events:
        if not selection.keeps(event):
            continue
        if not selection.include_restricted:
            event = dataclasses.replace(
                event, items=tuple(i for i in event.items if not i.restricted))
        events.append(event)
    kept = {item.id for event in events for item in event.items}
    links = tuple(lk for lk in project.links if lk.source in kept and lk.target in kept)
    return dataclasses.replace(project, events=tuple(events), links=links)

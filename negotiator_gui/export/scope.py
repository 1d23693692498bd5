"""Scope: the part of a project a briefing covers, in order, with section and source numbers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from negotiator_gui.domain.dates import PartialDate, span_label
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import Event, Project, Source
from negotiator_gui.domain.selection import select
from negotiator_gui.export.options import NEXT_MEETING, BriefingOptions

MEETING_KINDS = ("round", "expert-meeting", "meeting")


class BriefingOptionsError(NegotiatorError):
    """Options that do not describe a briefing that can be made."""


@dataclass(frozen=True)
class Scope:
    """What the briefing covers.

    Attributes:
        project: the chosen records only (restricted ones gone if asked, items
            of other types gone, links whose ends remain).
        events: the chosen events in date order.
        later: events after the period that the selection would otherwise keep
            (for 'next scheduled event').
        meeting: the meeting a one-meeting briefing prepares, or None.
        period: the period covered, in words.
        bounds: the period's start and end as chosen (None: the events')
        numbers: each event's section number ('3.12').
        sources: each cited source's number, in order of first citation.
    """

    project: Project
    events: tuple[Event, ...]
    later: tuple[Event, ...]
    meeting: Event | None
    period: str
    bounds: tuple[PartialDate | None, PartialDate | None]
    numbers: dict[str, str]
    sources: dict[str, int]

    def party(self, party_id: str) -> str:
        """A party's short name (its id when unknown, '?' when none)."""
        if not party_id:
            return "?"
        return next((p.label for p in self.project.parties if p.id == party_id), party_id)

    def track(self, track_id: str) -> str:
        """A track's name."""
        return next((t.name for t in self.project.tracks if t.id == track_id), track_id)

    def cite(self, source_ids: tuple[str, ...]) -> str:
        """'[1, 4]' for the sources cited, '' for none."""
        numbers = sorted({self.sources[s] for s in source_ids if s in self.sources})
        return "[" + ", ".join(map(str, numbers)) + "]" if numbers else ""

    def source_list(self) -> list[tuple[int, str, Source | None]]:
        """Every cited source by number; None for an id the project does not hold."""
        known = {s.id: s for s in self.project.sources}
        return [(n, sid, known.get(sid)) for sid, n in self.sources.items()]


def where(event: Event) -> str:
    """How warnings name an event: 'event “Almaty talks” (almaty-1)'."""
    title = event.title if len(event.title) <= 60 else event.title[:59] + "…"
    return f"event “{title}” ({event.id})"


def event_order(event: Event) -> tuple:
    """Date order: first day, last day, title."""
    return (event.start.first_day(), (event.end or event.start).last_day(),
            event.title.casefold(), event.id)


def build_scope(project: Project, options: BriefingOptions, chapter: int = 0) -> Scope:
    """The scope of a briefing.

    Args:
        chapter: the number of the chapter that holds the event sections.

    Raises:
        BriefingOptionsError: the chosen meeting is not among the chosen events.
    """
    selection = options.selection
    unbounded = select(project, dataclasses.replace(selection, start=None, end=None))
    meeting = _meeting(unbounded, options)
    if meeting is not None and selection.end is None:
        last = meeting.end or meeting.start
        selection = dataclasses.replace(selection, end=last)
    chosen = _with_item_types(select(project, selection), options.item_types)
    events = tuple(sorted(chosen.events, key=event_order))
    chosen = dataclasses.replace(chosen, events=events)
    cutoff = selection.end.last_day() if selection.end else None
    later = tuple(e for e in sorted(unbounded.events, key=event_order)
                  if cutoff is not None and e.start.first_day() > cutoff)
    numbers = {e.id: f"{chapter}.{n}" if chapter else str(n) for n, e in enumerate(events, 1)}
    return Scope(chosen, events, later, meeting, _period(selection, events),
                 (selection.start, selection.end), numbers, _source_numbers(events))


def _meeting(project: Project, options: BriefingOptions) -> Event | None:
    if not options.meeting:
        return None
    if options.meeting == NEXT_MEETING:
        upcoming = sorted((e for e in project.events
                           if e.start.first_day() > options.issued), key=event_order)
        meetings = [e for e in upcoming if e.kind in MEETING_KINDS] or upcoming
        if not meetings:
            raise BriefingOptionsError(
                f"no event is scheduled after {options.issued.isoformat()} to brief for")
        return meetings[0]
    found = next((e for e in project.events if e.id == options.meeting), None)
    if found is None:
        raise BriefingOptionsError(f"no event '{options.meeting}' among the events chosen "
                                   "for the briefing")
    return found


def _with_item_types(project: Project, types) -> Project:
    if not types:
        return project
    events = tuple(dataclasses.replace(e, items=tuple(i for i in e.items if i.type in types))
                   for e in project.events)
    kept = {i.id for e in events for i in e.items}
    links = tuple(k for k in project.links if k.source in kept and k.target in kept)
    return dataclasses.replace(project, events=events, links=links)


def _period(selection, events: tuple[Event, ...]) -> str:
    start: PartialDate | None = selection.start or (events[0].start if events else None)
    end = selection.end
    if end is None and events:
        end = max((e.end or e.start for e in events), key=lambda d: d.last_day())
    if start is None:
        return "No events" if end is None else f"Up to {end.label()}"
    return span_label(start, end)


def _source_numbers(events: tuple[Event, ...]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for event in events:
        for source in (*event.sources, *(s for i in event.items for s in i.sources)):
            numbers.setdefault(source, len(numbers) + 1)
    return numbers

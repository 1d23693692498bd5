"""Edits the timeline makes: shifting and resizing dates, duplicating and pasting events."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from negotiator_gui.domain.dates import PartialDate, Precision
from negotiator_gui.domain.model import Event, Link, Project

SNAP_UNITS = ("day", "week", "month")


def snap_unit(px_per_day: float) -> str:
    """The step a drag snaps to at this zoom: day, week or month."""
    if px_per_day >= 6:
        return "day"
    if px_per_day >= 1:
        return "week"
    return "month"


def add_months(day: _dt.date, months: int) -> _dt.date:
    """`day` moved by whole months, the day clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    last = calendar.monthrange(year, month + 1)[1]
    return _dt.date(year, month + 1, min(day.day, last))


def shift_date(date: PartialDate, days: int, unit: str) -> PartialDate:
    """`date` moved by about `days`, in steps of `unit`, keeping its precision.

    A date known to the month moves by whole months; one known to the year
    by whole years, whatever the unit.
    """
    if date.precision is Precision.YEAR:
        years = round(days / 365.25)
        return PartialDate(min(max(date.year + years, 1), 9999))
    if date.precision is Precision.MONTH or unit == "month":
        moved = add_months(date.first_day(), round(days / 30.44))
        return PartialDate.from_date(moved, date.precision)
    step = 7 if unit == "week" else 1
    days = step * round(days / step)
    return PartialDate.from_date(_from_ordinal(date.first_day().toordinal() + days))


def _from_ordinal(day: int) -> _dt.date:
    return _dt.date.fromordinal(min(max(day, 1), _dt.date.max.toordinal()))


def move_event(event: Event, days: int, unit: str, track: str | None = None) -> Event:
    """The event moved in time (start and end together), and to `track` if given."""
    start = shift_date(event.start, days, unit)
    end = shift_date(event.end, days, unit) if event.end is not None else None
    if end is not None and end.last_day() < start.first_day():
        end = start
    return replace(event, start=start, end=end, track=track or event.track)


def resize_event(event: Event, edge: str, days: int, unit: str) -> Event:
    """The event with its start (edge 'start') or end (edge 'end') moved.

    An edge is never dragged past the other one: the span shrinks to one date.
    """
    end = event.end or event.start
    if edge == "start":
        start = shift_date(event.start, days, unit)
        if start.first_day() > end.last_day():
            start = end.with_precision(event.start.precision)
        return replace(event, start=start, end=_end_or_none(start, end))
    new_end = shift_date(end, days, unit)
    if new_end.last_day() < event.start.first_day():
        new_end = event.start
    return replace(event, end=_end_or_none(event.start, new_end))


def _end_or_none(start: PartialDate, end: PartialDate) -> PartialDate | None:
    return None if end == start else end


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken; adds it to `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def copy_events(project: Project, events: Sequence[Event], links: Iterable[Link],
                title_suffix: str = "") -> tuple[tuple[Event, ...], tuple[Link, ...]]:
    """Copies of `events` with fresh event and item ids, and the links among them.

    References to tracks, parties and sources the project does not hold are
    dropped (events go to the first track), so events copied from another
    project can be pasted. Links whose both ends are copied are copied too.

    Returns:
        The new events and links, ready to put.
    """
    event_ids = {e.id for e in project.events}
    item_ids = {i.id for i in project.items()}
    tracks = {t.id for t in project.tracks}
    parties = {p.id for p in project.parties}
    sources = {s.id for s in project.sources}
    fallback_track = project.tracks[0].id if project.tracks else ""
    renamed: dict[str, str] = {}
    out = []
    for event in events:
        items = tuple(replace(
            item, id=renamed.setdefault(item.id, unique_id(item.id, item_ids)),
            by=item.by if item.by in parties else "", to=item.to if item.to in parties else "",
            sources=tuple(s for s in item.sources if s in sources)) for item in event.items)
        out.append(replace(
            event, id=unique_id(event.id, event_ids), title=event.title + title_suffix,
            track=event.track if event.track in tracks else fallback_track,
            parties=tuple(p for p in event.parties if p in parties),
            sources=tuple(s for s in event.sources if s in sources), items=items))
    new_links = tuple(replace(lk, source=renamed[lk.source], target=renamed[lk.target])
                      for lk in links if lk.source in renamed and lk.target in renamed)
    return tuple(out), new_links


def links_among(project: Project, event_ids: set[str]) -> list[Link]:
    """Links whose both items belong to the given events."""
    owner = {i.id: e.id for e in project.events for i in e.items}
    return [lk for lk in project.links
            if owner.get(lk.source) in event_ids and owner.get(lk.target) in event_ids]


def new_event_id(project: Project, title: str = "event") -> str:
    """A fresh event id."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "event"
    return unique_id(base[:40], {e.id for e in project.events})


def describe(events: Sequence[Event], verb: str) -> str:
    """An undo name: 'Move “Almaty talks”' or 'Move 3 events'."""
    if len(events) == 1:
        return f"{verb} “{events[0].title}”"
    return f"{verb} {len(events)} events"

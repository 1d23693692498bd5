"""The events as an iCalendar (RFC 5545) file: all-day events, escaped and folded."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection
from pathlib import Path

from negotiator_gui.domain.dates import PartialDate, span_label
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.domain.selection import Selection, select
from negotiator_gui.domain.vocab import EVENT_KINDS, EVENT_STATUSES, ITEM_STATUSES, ITEM_TYPES
from negotiator_gui.export.files import write_text_atomically
from negotiator_gui.export.text import control_name, is_unprintable

CRLF = "\r\n"
FOLD = 75  # octets per line, the line end not counted
_STATUS = {"planned": "TENTATIVE", "postponed": "TENTATIVE", "held": "CONFIRMED",
           "cancelled": "CANCELLED"}


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line ends escaped; control
    characters (which RFC 5545 forbids) shown as placeholders such as [ESC]."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char in ";,":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char != "\t" and is_unprintable(char):
            out.append(f"[{control_name(ord(char))}]")
        else:
            out.append(char)
    return "".join(out)


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets (CRLF then a space),
    never inside a UTF-8 sequence."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8", "surrogatepass"))
        if size + width > FOLD:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return CRLF.join(out)


def ics_text(project: Project, selection: Selection, issued: _dt.date,
             item_types: Collection[str] = ()) -> str:
    """The calendar of the events the selection keeps.

    Args:
        project: the records.
        selection: period, tracks, parties, restricted records or not.
        issued: the export date, used as every event's DTSTAMP (no clock is read).
        item_types: the item types listed in descriptions; empty for all.
    """
    chosen = select(project, selection)
    names = {p.id: p.label for p in project.parties}
    tracks = {t.id: t.name for t in project.tracks}
    stamp = issued.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Negotiator//Negotiation timeline//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(project.info.title or 'Negotiation')}"]
    for event in sorted(chosen.events, key=lambda e: (e.start.first_day(), e.id)):
        lines += _vevent(event, stamp, names, tracks, item_types)
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF


def write_ics(project: Project, selection: Selection, path: Path | str, issued: _dt.date,
              item_types: Collection[str] = ()) -> None:
    """Write `ics_text` to `path`, aside first and then moved into place.

    Raises:
        OSError: the file could not be written; any earlier file is left as it was.
    """
    write_text_atomically(Path(path), ics_text(project, selection, issued, item_types),
                          newline="")


def _vevent(event: Event, stamp: str, names: dict[str, str], tracks: dict[str, str],
            item_types: Collection[str]) -> list[str]:
    first = event.start.first_day()
    after = (event.end or event.start).last_day() + _dt.timedelta(days=1)
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.id)}@negotiator", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{after:%Y%m%d}",
             f"SUMMARY:{escape_text(event.title)}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines.append(f"DESCRIPTION:{escape_text(_description(event, names, tracks, item_types))}")
    lines.append(f"CATEGORIES:{escape_text(EVENT_KINDS.get(event.kind, event.kind))}")
    lines.append(f"STATUS:{_STATUS.get(event.status, 'CONFIRMED')}")
    lines.append(f"CLASS:{'CONFIDENTIAL' if event.restricted else 'PUBLIC'}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def _description(event: Event, names: dict[str, str], tracks: dict[str, str],
                 item_types: Collection[str]) -> str:
    parts = [f"{span_label(event.start, event.end)}{_precision(event.start)}",
             f"{EVENT_KINDS.get(event.kind, event.kind)}, "
             f"{EVENT_STATUSES.get(event.status, event.status).lower()}; "
             f"track: {tracks.get(event.track, event.track)}"]
    if event.parties:
        parts.append("Parties: " + ", ".join(names.get(p, p) for p in event.parties))
    if event.summary:
        parts += ["", event.summary]
    items = [i for i in event.items if not item_types or i.type in item_types]
    if items:
        parts += ["", "Items:"]
        parts += [f"- {names.get(i.by, i.by) or '?'} → {names.get(i.to, i.to) or '?'}: "
                  f"{ITEM_TYPES.get(i.type, i.type)}: {i.text} "
                  f"({ITEM_STATUSES.get(i.status, i.status).lower()})" for i in items]
    return "\n".join(parts)


def _precision(date: PartialDate) -> str:
    if date.day:
        return ""
    return " (known to the month)" if date.month else " (known to the year)"

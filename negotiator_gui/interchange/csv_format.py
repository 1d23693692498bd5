"""Events as CSV: `start,end,kind,title,track,location,parties,status,summary`."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

from negotiator_gui.domain.dates import PartialDate, parse_optional
from negotiator_gui.domain.editing import unique_id
from negotiator_gui.domain.errors import DateError, Problem, ValidationError
from negotiator_gui.domain.model import Event, Party, Project, Track
from negotiator_gui.domain.validation import validate_event_fields
from negotiator_gui.interchange.errors import InterchangeFileError
from negotiator_gui.interchange.files import read_text, write_text_atomically

COLUMNS = ("start", "end", "kind", "title", "track", "location", "parties", "status",
           "summary")
MAX_CSV_BYTES = 100_000_000
# Cells a spreadsheet would run as a formula get a leading apostrophe on export.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _protect(text: str) -> str:
    if text.startswith(_FORMULA_START) or (text[:1] == "'" and text[1:2] and
                                           text[1:].startswith(_FORMULA_START)):
        return "'" + text
    return text


def _unprotect(text: str) -> str:
    if text[:1] == "'" and text[1:].startswith(_FORMULA_START + ("'",)):
        return text[1:]
    return text


def dumps(project: Project) -> str:
    """The project's events as CSV text, one row each, in date order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in project.events:
        writer.writerow([_protect(v) for v in (
            e.start.iso(), e.end.iso() if e.end else "", e.kind, e.title, e.track,
            e.location, ";".join(e.parties), e.status, e.summary)])
    return out.getvalue()


def write_csv(project: Project, path: Path) -> None:
    """Write the events to `path` as CSV, replacing it only when complete."""
    write_text_atomically(path, dumps(project))


def slug(text: str, fallback: str = "x") -> str:
    """An id made from text: lower case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value[:60] or fallback


def loads(text: str, existing: Project) -> Project:
    """Read CSV text into events, creating the tracks and parties it names.

    A track or party cell matches an existing id, then an existing name
    (ignoring case); anything else becomes a new record. Each event's id is
    made from its start and title, so importing the same file again updates
    rather than duplicates.

    Raises:
        ValidationError: one problem per bad cell, as `row 3, end: before start`.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ValidationError([Problem("row 1", "the file is empty")])
    header = [h.strip().lower() for h in header]
    missing = [c for c in ("start", "title", "track") if c not in header]
    if missing:
        raise ValidationError([Problem("row 1", f"missing column(s): {', '.join(missing)} "
                                                f"(expected {','.join(COLUMNS)})")])
    return _read_rows(reader, header, existing)


def _read_rows(reader, header: list[str], existing: Project) -> Project:
    problems: list[Problem] = []
    tracks = _Resolver({t.id: (t.name,) for t in existing.tracks})
    parties = _Resolver({p.id: (p.name, p.short) for p in existing.parties})
    events: list[Event] = []
    used_ids: set[str] = set()
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(f"row {line}", f"has {len(row)} cells but the header "
                                                   f"has {len(header)}"))
            continue
        cells = {h: _unprotect(row[i]) if i < len(row) else "" for i, h in enumerate(header)}
        event = _row_event(cells, line, tracks, parties, used_ids, problems)
        if event is not None:
            events.append(event)
    if problems:
        raise ValidationError(problems)
    new_tracks = tuple(Track(tid, name, order=len(existing.tracks) + i + 1)
                       for i, (tid, name) in enumerate(tracks.created.items()))
    new_parties = tuple(Party(pid, name) for pid, name in parties.created.items())
    return Project(existing.info, new_parties, new_tracks, (), tuple(events), ())


def _row_event(cells: dict[str, str], line: int, tracks: _Resolver, parties: _Resolver,
               used_ids: set[str], problems: list[Problem]) -> Event | None:
    where = f"row {line}"
    try:
        start = PartialDate.parse(cells.get("start", ""))
    except DateError as exc:
        problems.append(Problem(f"{where}, start", str(exc)))
        return None
    try:
        end = parse_optional(cells.get("end", ""))
    except DateError as exc:
        problems.append(Problem(f"{where}, end", str(exc)))
        return None
    track_cell = cells.get("track", "").strip()
    if not track_cell:
        problems.append(Problem(f"{where}, track", "must not be empty"))
        return None
    title = cells.get("title", "").strip()
    event_id = unique_id(f"{start.iso()}-{slug(title, 'event')}", used_ids)
    party_ids = tuple(parties.resolve(p.strip()) for p in cells.get("parties", "").split(";")
                      if p.strip())
    event = Event(event_id, title, tracks.resolve(track_cell), start, end,
                  cells.get("kind", "").strip() or "other", cells.get("location", ""),
                  party_ids, cells.get("status", "").strip() or "held",
                  cells.get("summary", ""))
    found = validate_event_fields(event)
    problems += [Problem(f"{where}, {p.where}", p.message) for p in found]
    return None if found else event


class _Resolver:
    """Finds a record by id, then by any of its names ignoring case, or makes a new id."""

    def __init__(self, names: dict[str, tuple[str, ...]]) -> None:
        self.ids = set(names)
        self.by_name: dict[str, str] = {}
        for rid, words in names.items():
            for word in (*words, rid):
                if word:
                    self.by_name.setdefault(word.casefold(), rid)
        self.created: dict[str, str] = {}

    def resolve(self, cell: str) -> str:
        if cell in self.ids:
            return cell
        found = self.by_name.get(cell.casefold())
        if found is not None:
            return found
        new_id = unique_id(slug(cell), self.ids)
        self.created[new_id] = cell
        self.by_name[cell.casefold()] = new_id
        return new_id


def read_csv(path: Path, existing: Project) -> Project:
    """Read an events CSV file against the project it will be imported into.

    Raises:
        InterchangeFileError: the file cannot be read, or a row is wrong.
    """
    text = read_text(path, MAX_CSV_BYTES)
    try:
        return loads(text, existing)
    except ValidationError as exc:
        raise InterchangeFileError(path, exc.problems) from None
    except csv.Error as exc:
        raise InterchangeFileError(path, [Problem("", f"not readable as CSV ({exc})")]) \
            from None

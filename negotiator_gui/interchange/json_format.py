"""The JSON interchange format, version 1 (shared/INTERCHANGE.md): read and write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import Problem, ValidationError
from negotiator_gui.domain.model import (
    Event,
    Item,
    Link,
    Party,
    Project,
    ProjectInfo,
    Source,
    Track,
)
from negotiator_gui.interchange.errors import InterchangeFileError
from negotiator_gui.interchange.fields import RecordReader
from negotiator_gui.interchange.files import read_text, write_text_atomically

FORMAT = "negotiation-timeline"
VERSION = 1
MAX_DOCUMENT_BYTES = 200_000_000

_TOP = {"format", "version", "project", "parties", "tracks", "sources", "events", "links"}
_INFO = {"title", "subject", "marking", "description"}
_PARTY = {"id", "name", "short", "color", "members"}
_TRACK = {"id", "name", "order", "color"}
_SOURCE = {"id", "title", "publisher", "date", "url", "note"}
_EVENT = {"id", "kind", "title", "track", "start", "end", "location", "parties", "status",
          "summary", "sources", "tags", "restricted", "items"}
_ITEM = {"id", "type", "by", "to", "text", "status", "subject", "sources", "restricted"}
_LINK = {"from", "to", "kind", "note"}


# -- writing -------------------------------------------------------------------

def to_document(project: Project) -> dict[str, Any]:
    """The project as an interchange document (a JSON-ready dict)."""
    info = project.info
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": {**info.extra, "title": info.title, "subject": info.subject,
                    "marking": info.marking, "description": info.description},
        "parties": [{**p.extra, "id": p.id, "name": p.name, "short": p.short,
                     "color": p.color, "members": list(p.members)}
                    for p in project.parties],
        "tracks": [{**t.extra, "id": t.id, "name": t.name, "order": t.order,
                    "color": t.color} for t in project.tracks],
        "sources": [{**s.extra, "id": s.id, "title": s.title, "publisher": s.publisher,
                     "date": s.date.iso() if s.date else "", "url": s.url, "note": s.note}
                    for s in project.sources],
        "events": [_event_doc(e) for e in project.events],
        "links": [{**lk.extra, "from": lk.source, "to": lk.target, "kind": lk.kind,
                   "note": lk.note} for lk in project.links],
    }


def _event_doc(e: Event) -> dict[str, Any]:
    doc = {**e.extra, "id": e.id, "kind": e.kind, "title": e.title, "track": e.track,
           "start": e.start.iso()}
    if e.end is not None:
        doc["end"] = e.end.iso()
    doc.update({
        "location": e.location, "parties": list(e.parties), "status": e.status,
        "summary": e.summary, "sources": list(e.sources), "tags": list(e.tags),
        "restricted": e.restricted, "items": [_item_doc(i) for i in e.items],
    })
    return doc


def _item_doc(i: Item) -> dict[str, Any]:
    return {**i.extra, "id": i.id, "type": i.type, "by": i.by, "to": i.to, "text": i.text,
            "status": i.status, "subject": i.subject, "sources": list(i.sources),
            "restricted": i.restricted}


def dumps(project: Project) -> str:
    """The project as interchange JSON text (UTF-8, indented, stable)."""
    return json.dumps(to_document(project), ensure_ascii=False, indent=2) + "\n"


def write_json(project: Project, path: Path) -> None:
    """Write the project to `path` as interchange JSON, replacing it only when complete."""
    write_text_atomically(path, dumps(project))


# -- reading -------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    """A read interchange document."""

    project: Project
    warnings: list[Problem]
    has_info: bool  # the document sets the project's title, subject...


def from_document(doc: Any) -> Document:
    """Read an interchange document.

    Returns:
        The project, warnings (unknown fields, kept as they are), and whether
        the document carries project information.

    Raises:
        ValidationError: one problem per fault, each naming its place. References
            are not checked here (see `validate_project`).
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    top = RecordReader(doc, "document", _TOP, problems, warnings)
    if not top.ok:
        raise ValidationError(problems)
    _check_header(top, problems)
    info_reader = RecordReader(top.record.get("project", {}), "project", _INFO,
                               problems, warnings)
    info = ProjectInfo(info_reader.text("title"), info_reader.text("subject"),
                       info_reader.text("marking", "UNCLASSIFIED"),
                       info_reader.text("description"), info_reader.extra)

    def each(key: str, read) -> tuple:
        out = []
        for i, record in enumerate(top.records(key)):
            value = read(RecordReader(record, f"{key}[{i}]", _KNOWN[key], problems, warnings))
            if value is not None:
                out.append(value)
        return tuple(out)

    project = Project(info, each("parties", _party), each("tracks", _track),
                      each("sources", _source),
                      each("events", lambda r: _event(r, problems, warnings)),
                      each("links", _link))
    if problems:
        raise ValidationError(problems)
    return Document(project, warnings, "project" in top.record)


_KNOWN = {"parties": _PARTY, "tracks": _TRACK, "sources": _SOURCE, "events": _EVENT,
          "links": _LINK}


def _check_header(top: RecordReader, problems: list[Problem]) -> None:
    fmt = top.record.get("format")
    if fmt != FORMAT:
        problems.append(Problem("format", f"expected \"{FORMAT}\", got {json.dumps(fmt)[:60]}"
                                if fmt is not None else f"missing (expected \"{FORMAT}\")"))
    version = top.record.get("version")
    if version != VERSION or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            problems.append(Problem("version", f"{version} is newer than this program "
                                               f"reads ({VERSION}); update Negotiator"))
        else:
            problems.append(Problem("version", f"expected {VERSION}, got "
                                               f"{json.dumps(version)[:40]}"))


def _party(r: RecordReader) -> Party | None:
    return Party(r.text("id", required=True), r.text("name", required=True),
                 r.text("short"), r.text("color"), r.id_list("members"), r.extra)


def _track(r: RecordReader) -> Track | None:
    return Track(r.text("id", required=True), r.text("name", required=True),
                 r.number("order"), r.text("color"), r.extra)


def _source(r: RecordReader) -> Source | None:
    return Source(r.text("id", required=True), r.text("title", required=True),
                  r.text("publisher"), r.date("date"), r.text("url"), r.text("note"),
                  r.extra)


def _event(r: RecordReader, problems: list[Problem], warnings: list[Problem]) -> Event | None:
    start = r.date("start", required=True)
    end = r.date("end")
    items = []
    for i, record in enumerate(r.records("items")):
        reader = RecordReader(record, f"{r.where}.items[{i}]", _ITEM, problems, warnings)
        items.append(_item(reader))
    if start is None:
        start = PartialDate(1)  # a placeholder: the problem is already noted
    return Event(
        r.text("id", required=True), r.text("title", required=True),
        r.text("track", required=True), start, end, r.text("kind", "other"),
        r.text("location"), r.id_list("parties"), r.text("status", "held"),
        r.text("summary"), r.id_list("sources"), r.id_list("tags"), r.flag("restricted"),
        tuple(items), r.extra)


def _item(r: RecordReader) -> Item:
    return Item(r.text("id", required=True), r.text("text", required=True),
                r.text("type", "proposal"), r.text("by"), r.text("to"),
                r.text("status", "proposed"), r.text("subject"), r.id_list("sources"),
                r.flag("restricted"), r.extra)


def _link(r: RecordReader) -> Link | None:
    return Link(r.text("from", required=True), r.text("to", required=True),
                r.text("kind", "in-exchange-for"), r.text("note"), r.extra)


def loads(text: str, where: str = "document") -> Document:
    """Parse interchange JSON text and check its own rules (not references).

    Raises:
        ValidationError: the text is not JSON, or breaks the format's rules.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError([Problem(f"line {exc.lineno}, column {exc.colno}",
                                       f"not valid JSON ({exc.msg})")]) from None
    except RecursionError:
        raise ValidationError([Problem(where, "nested too deeply to read")]) from None
    return from_document(doc)


def read_json(path: Path) -> Document:
    """Read an interchange file, checking everything that can be checked without a project.

    Raises:
        InterchangeFileError: the file cannot be read or is not valid UTF-8 JSON.
        ValidationError: the document breaks the format's rules.
    """
    text = read_text(path, MAX_DOCUMENT_BYTES)
    try:
        return loads(text)
    except ValidationError as exc:
        raise InterchangeFileError(path, exc.problems) from None


"""What the command line and the window both do: make, import into and export projects."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from negotiator_gui.domain.errors import NegotiatorError, Problem, ValidationError
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.selection import Selection, select
from negotiator_gui.domain.validation import KnownIds, validate_project
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.figure_files import write_png, write_svg
from negotiator_gui.export.ics import write_ics
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.interchange import csv_format, json_format
from negotiator_gui.interchange.errors import InterchangeFileError
from negotiator_gui.storage.project_store import ProjectStore

SAMPLE_NAME = "almaty-2013.json"
EXPORT_FORMATS = {".json": "JSON", ".csv": "CSV", ".pdf": "PDF briefing",
                  ".ics": "ICS calendar", ".svg": "SVG figure", ".png": "PNG figure"}


class UnsupportedFormatError(NegotiatorError):
    """A file type the program cannot read or write (yet)."""


def sample_document() -> Project:
    """The bundled sample project (the Almaty talks of 2013)."""
    text = resources.files("negotiator_gui.resources").joinpath(
        "sample", SAMPLE_NAME).read_text(encoding="utf-8")
    return json_format.loads(text).project


def create_demo(path: Path) -> ProjectStore:
    """A new project file at `path` holding the sample project.

    Raises:
        ProjectFileError: `path` exists or cannot be written.
    """
    project = sample_document()
    store = ProjectStore.create(path, project.info)
    try:
        store.merge(project)
    except BaseException:
        store.close()
        path.unlink(missing_ok=True)
        raise
    return store


@dataclass(frozen=True)
class ImportRead:
    """A file read for import: its records, whether it sets the project's details, warnings."""

    project: Project
    with_info: bool
    warnings: list[Problem]


def read_import(source: Path, current: Project) -> ImportRead:
    """Read a .json or .csv file to bring into `current` (nothing is written).

    The records are checked against the document's rules and against the ids
    `current` already holds.

    Raises:
        UnsupportedFormatError: neither .json nor .csv.
        InterchangeFileError: the file is unreadable or breaks the format's
            rules; each problem names its place.
    """
    read = _read_exchange(source, lambda: current)
    problems = validate_project(read.project, existing=KnownIds.of(current))
    if problems:
        raise InterchangeFileError(source, problems)
    return read


def import_file(store: ProjectStore, source: Path) -> list[Problem]:
    """Bring a .json or .csv file into the project, all or nothing.

    Returns:
        Warnings (unknown fields kept as they are).

    Raises:
        UnsupportedFormatError: neither .json nor .csv.
        ValidationError: the file breaks the format's rules; nothing written.
        ProjectFileError: the project could not be written; nothing written.
    """
    read = _read_exchange(source, store.load)
    with _named_by(source):  # checked inside the write transaction, against colleagues'
        store.merge(read.project, with_info=read.with_info)
    return read.warnings


@contextmanager
def _named_by(source: Path) -> Iterator[None]:
    """Problems with the records raised inside, as problems of the file `source`."""
    try:
        yield
    except InterchangeFileError:
        raise
    except ValidationError as exc:
        raise InterchangeFileError(source, exc.problems) from None


def _read_exchange(source: Path, existing: Callable[[], Project]) -> ImportRead:
    """The records of a .json or .csv file, not yet checked against a project.

    Args:
        source: the file; its extension names the format.
        existing: the project a CSV file's tracks and parties are matched to
            (asked for only when reading CSV).

    Raises:
        UnsupportedFormatError: neither .json nor .csv.
        InterchangeFileError: the file is unreadable or breaks the format's rules.
    """
    suffix = source.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise UnsupportedFormatError(f"{source}: cannot import '{suffix or 'no extension'}' "
                                     "files; use .json or .csv")
    with _named_by(source):
        if suffix == ".json":
            document = json_format.read_json(source)
            return ImportRead(document.project, document.has_info, document.warnings)
        return ImportRead(csv_format.read_csv(source, existing()), False, [])


def export_file(project: Project, out: Path, selection: Selection, paper: str = "a4",
                history: Sequence = (), issued: _dt.date | None = None,
                **briefing: Any) -> list[str]:
    """Write the selected part of `project` to `out`, in the format its extension names.

    Args:
        project: the records.
        out: the file to write; its extension chooses the format.
        selection: period, tracks, parties, restricted or not.
        paper: 'a4' or 'letter' (PDF).
        history: the project's change history, for the briefing's changes section.
        issued: the date of issue (today when None).
        briefing: further BriefingOptions for a PDF (item_types, orientation,
            meeting, changes_since, prepared_by).

    Returns:
        Warnings, such as characters no embedded font has.

    Raises:
        UnsupportedFormatError: the extension is not one the program writes.
        NegotiatorError: the briefing cannot be laid out (the message names why).
        OSError: the file could not be written; any earlier file is left as it was.
    """
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise UnsupportedFormatError(f"{out}: unknown export type '{suffix or 'none'}' "
                                     f"(use {', '.join(EXPORT_FORMATS)})")
    issued = issued or _dt.date.today()
    if suffix == ".pdf":
        options = BriefingOptions(issued=issued, selection=selection, paper=paper,
                                  history=tuple(history), **briefing)
        return list(write_briefing(project, options, out).warnings)
    item_types = briefing.get("item_types", ())
    if suffix == ".ics":
        write_ics(project, selection, out, issued, item_types)
        return []
    if suffix == ".svg":
        return list(write_svg(project, selection, out, item_types) or [])
    if suffix == ".png":
        return list(write_png(project, selection, out, item_types) or [])
    chosen = select(project, selection)
    if suffix == ".json":
        json_format.write_json(chosen, out)
    else:
        csv_format.write_csv(chosen, out)
    return []

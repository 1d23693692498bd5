"""The `negotiator` command: new, demo, import, export, check, info."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from negotiator_gui import __version__
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import DateError, NegotiatorError, ValidationError
from negotiator_gui.domain.model import ProjectInfo
from negotiator_gui.domain.selection import Selection
from negotiator_gui.domain.vocab import ITEM_TYPES
from negotiator_gui.operations import create_demo, export_file, import_file
from negotiator_gui.storage.project_store import ProjectStore

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _date_arg(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The command line, with one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="negotiator", description="Work with Negotiator project files.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = sub.add_parser("new", help="make an empty project")
    new.add_argument("file", type=Path)
    new.add_argument("--title", default="", help="the project's title")
    demo = sub.add_parser("demo", help="make the sample project (Almaty talks, 2013)")
    demo.add_argument("file", type=Path)
    imp = sub.add_parser("import", help="bring a .json or .csv file into a project")
    imp.add_argument("file", type=Path)
    imp.add_argument("source", type=Path)
    exp = sub.add_parser("export", help="write a PDF briefing, or the project as .json, "
                                        ".csv, .ics, .svg or .png")
    exp.add_argument("file", type=Path)
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    exp.add_argument("--from", dest="start", type=_date_arg, metavar="DATE")
    exp.add_argument("--to", dest="end", type=_date_arg, metavar="DATE")
    exp.add_argument("--track", action="append", default=[], metavar="ID")
    exp.add_argument("--party", action="append", default=[], metavar="ID")
    exp.add_argument("--paper", choices=("a4", "letter"), default="a4")
    exp.add_argument("--no-restricted", action="store_true",
                     help="leave out restricted events and items")
    exp.add_argument("--item-type", action="append", default=[], metavar="TYPE",
                     choices=list(ITEM_TYPES), help="only these item types (repeatable)")
    exp.add_argument("--landscape", action="store_true",
                     help="put the briefing's timeline figure on landscape pages")
    exp.add_argument("--meeting", default="", metavar="EVENT",
                     help="a briefing ahead of one meeting: an event id, or 'next'")
    exp.add_argument("--since", type=_date_arg, metavar="DATE",
                     help="list the changes made since DATE")
    exp.add_argument("--prepared-by", default="", metavar="TEXT", help="for the cover")
    for name, text in (("check", "check a project file"), ("info", "count what it holds")):
        sub.add_parser(name, help=text).add_argument("file", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 refused, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return _COMMANDS[args.command](args)
    except ValidationError as exc:
        _fail(exc.summary())
    except NegotiatorError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except sqlite3.Error as exc:
        _fail(f"{getattr(args, 'file', '')}: the project file could not be used ({exc})")
    except KeyboardInterrupt:
        _fail("interrupted; nothing was half written")
    return EXIT_REFUSED


def _fail(message: str) -> None:
    lines = message.splitlines() or [""]
    print(f"negotiator: {lines[0]}", file=sys.stderr)
    for line in lines[1:]:
        print(f"  {line}", file=sys.stderr)


def _new(args: argparse.Namespace) -> int:
    title = args.title or args.file.stem
    ProjectStore.create(args.file, ProjectInfo(title=title)).close()
    print(f"Made an empty project: {args.file}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    create_demo(args.file).close()
    print(f"Made the sample project: {args.file}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    with ProjectStore.open(args.file) as store:
        before = store.load().counts()
        warnings = import_file(store, args.source)
        after = store.load().counts()
    for warning in warnings[:20]:
        print(f"negotiator: warning: {args.source}: {warning}", file=sys.stderr)
    if len(warnings) > 20:
        print(f"negotiator: warning: … and {len(warnings) - 20} more", file=sys.stderr)
    added = after["events"] - before["events"]
    print(f"Imported {args.source} into {args.file}: {after['events']} events "
          f"({added:+d}), {after['items']} items, {after['links']} links.")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.start and args.end and args.end.last_day() < args.start.first_day():
        raise NegotiatorError("--to is before --from")
    with ProjectStore.open(args.file, read_only=True) as store:
        project = store.load()
        history = store.history()
    _check_ids(project, args)
    selection = Selection(args.start, args.end, frozenset(args.track),
                          frozenset(args.party), not args.no_restricted)
    extras = {"item_types": tuple(args.item_type)}
    if args.output.suffix.lower() == ".pdf":
        extras.update(orientation="landscape" if args.landscape else "portrait",
                      meeting=args.meeting, changes_since=args.since,
                      prepared_by=args.prepared_by)
    warnings = export_file(project, args.output, selection, args.paper, history, **extras)
    for warning in warnings[:20]:
        print(f"negotiator: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.output}")
    return EXIT_OK


def _check_ids(project, args: argparse.Namespace) -> None:
    tracks = {t.id for t in project.tracks}
    parties = {p.id for p in project.parties}
    for value in args.track:
        if value not in tracks:
            raise NegotiatorError(f"{args.file}: no track with id '{value}' "
                                  f"(tracks: {', '.join(sorted(tracks)) or 'none'})")
    for value in args.party:
        if value not in parties:
            raise NegotiatorError(f"{args.file}: no party with id '{value}' "
                                  f"(parties: {', '.join(sorted(parties)) or 'none'})")


def _check(args: argparse.Namespace) -> int:
    with ProjectStore.open(args.file, read_only=True) as store:
        version = store.schema_version()
        integrity = store.integrity_check()
        project = store.load()
        problems = store.load_problems
        restriction = store.file_restriction
    print(f"{args.file}: a Negotiator project, file format {version}")
    if restriction:
        print(f"editing: not allowed, because {restriction}")
    print(f"integrity: {integrity}")
    for problem in problems:
        print(f"record: {problem}")
    if integrity != "ok" or problems:
        _fail(f"{args.file}: {len(problems)} record(s) could not be read"
              if integrity == "ok" else f"{args.file}: integrity check failed")
        return EXIT_REFUSED
    print(f"records: {sum(project.counts().values())}, all readable")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    with ProjectStore.open(args.file, read_only=True) as store:
        project = store.load()
    print(f"title: {project.info.title}")
    if project.info.subject:
        print(f"subject: {project.info.subject}")
    print(f"marking: {project.info.marking}")
    if project.events:
        first = min(e.start for e in project.events)
        last = max((e.end or e.start) for e in project.events)
        print(f"period: {first.label()} – {last.label()}")
    for name, count in project.counts().items():
        print(f"{name}: {count}")
    return EXIT_OK


_COMMANDS = {"new": _new, "demo": _demo, "import": _import, "export": _export,
             "check": _check, "info": _info}


if __name__ == "__main__":
    sys.exit(main())

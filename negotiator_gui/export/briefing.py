"""The PDF briefing: `build_story` makes the flowables, `write_briefing` writes the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable

from negotiator_gui.collector import collector_paused
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Project
from negotiator_gui.export import fonts
from negotiator_gui.export.changes_pages import changes
from negotiator_gui.export.cover import contents, cover
from negotiator_gui.export.figure_pages import figure_chapter
from negotiator_gui.export.files import write_atomically
from negotiator_gui.export.ledger_pages import ledger, proposals
from negotiator_gui.export.markup import Notes
from negotiator_gui.export.meeting_pages import ahead_of_meeting
from negotiator_gui.export.meetings import meetings
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.export.scope import build_scope
from negotiator_gui.export.sources_pages import sources
from negotiator_gui.export.styles import frame_size
from negotiator_gui.export.summary import summary
from negotiator_gui.export.template import BriefingTemplate, Furniture, Progress
from negotiator_gui.export.typeset import Typesetter

CONTENTS_SECTIONS = 60  # more level-2 headings than this: chapters only in the contents


@dataclass(frozen=True)
class BriefingResult:
    """What `write_briefing` made: the file, its page count, and what to tell the user."""

    path: Path
    pages: int
    warnings: tuple[str, ...]


def chapter_names(options: BriefingOptions) -> list[str]:
    """The chapters after the contents, in order."""
    names = ["summary", "meeting", "timeline", "meetings", "ledger", "proposals", "changes",
             "sources"]
    if not options.meeting:
        names.remove("meeting")
    if options.changes_since is None:
        names.remove("changes")
    return names


def build_story(project: Project, options: BriefingOptions,
                notes: Notes | None = None) -> list[Flowable]:
    """The flowables of the briefing, in order; pure: no clock, no files.

    Args:
        project: the whole project; the options choose what the briefing covers.
        options: see `BriefingOptions`.
        notes: collects warnings (characters no font has...); see `Notes.warnings`.

    Raises:
        BriefingOptionsError: the options name a meeting that is not there.
    """
    ts = Typesetter(notes)
    numbers = {name: str(n) for n, name in enumerate(chapter_names(options), 1)}
    scope = build_scope(project, options, int(numbers["meetings"]))
    width, height = frame_size(options.paper)
    title, marking = titles(project, options)
    story = cover(scope, options, ts, title, marking) + contents(ts)
    story += summary(scope, ts, numbers["summary"], width, height)
    if "meeting" in numbers:
        story += ahead_of_meeting(scope, ts, numbers["meeting"], width)
    story += figure_chapter(scope, ts, numbers["timeline"], options.paper,
                            options.landscape_figure)
    story += meetings(scope, ts, numbers["meetings"], width)
    story += ledger(scope, ts, numbers["ledger"], width)
    story += proposals(scope, ts, numbers["proposals"], width)
    if "changes" in numbers:
        story += changes(scope, options, ts, numbers["changes"], width)
    story += sources(scope, ts, numbers["sources"], width)
    return story


def titles(project: Project, options: BriefingOptions) -> tuple[str, str]:
    """The briefing's title and handling marking (the options', else the project's)."""
    title = options.title or project.info.title or "Negotiation briefing"
    marking = options.marking or project.info.marking or "UNCLASSIFIED"
    return title, marking


def write_briefing(project: Project, options: BriefingOptions, path: Path | str,
                   progress: Progress | None = None) -> BriefingResult:
    """Build the briefing and write it to `path` (written aside, then moved into place).

    Args:
        project: the project (a snapshot: this may run off the GUI thread).
        options: see `BriefingOptions`.
        path: the PDF to write; an earlier file there is replaced only on success.
        progress: called as progress(done, total, message) while pages are laid
            out; raise from it to cancel (nothing is written then).

    Returns:
        The path, the number of pages and the warnings for the user.

    Raises:
        BriefingOptionsError: the options name a meeting that is not there.
        BriefingLayoutError: something cannot fit on a page; the message names it.
        OSError: the file could not be written.
    """
    with collector_paused():
        return _write_briefing(project, options, Path(path), progress)


def _write_briefing(project: Project, options: BriefingOptions, path: Path,
                    progress: Progress | None) -> BriefingResult:
    notes = Notes()
    if progress is not None:
        progress(0, 0, "Preparing the briefing")
    story = build_story(project, options, notes)
    ts = Typesetter(notes)
    title, marking = titles(project, options)
    furniture = Furniture(ts.plain(marking, fonts.BOLD, "the marking"),
                          ts.plain(title, fonts.REGULAR, "the title"),
                          f"Issued {PartialDate.from_date(options.issued).label()}")
    pages = [0]
    sections = sum(1 for f in story if getattr(f, "toc_entry", (9,))[0] == 1)

    def write(target: Path) -> None:
        doc = BriefingTemplate(str(target), options.paper, furniture, progress,
                               title=ts.plain(title), author=ts.plain(options.prepared_by),
                               subject=ts.plain(project.info.subject),
                               creator="Negotiator")
        # A long history lists its chapters only: every meeting stays in the
        # PDF outline, but pages of contents would bury the briefing.
        doc.contents_depth = 1 if sections <= CONTENTS_SECTIONS else 0
        doc.multiBuild(story, maxPasses=12)
        pages[0] = doc.page

    write_atomically(path, write)
    return BriefingResult(path, pages[0], tuple(notes.warnings()))


__all__ = ["BriefingResult", "Progress", "build_story", "chapter_names", "titles",
           "write_briefing"]

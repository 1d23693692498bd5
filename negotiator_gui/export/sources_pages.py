"""The numbered list of sources that the events and items of the briefing cite."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from negotiator_gui.export.common import grid, no_entries, share
from negotiator_gui.export.scope import Scope
from negotiator_gui.export.typeset import Typesetter


def sources(scope: Scope, ts: Typesetter, number: str, width: float) -> list[Flowable]:
    """The chapter: each cited source by its number, in order of first citation."""
    story: list[Flowable] = [PageBreak(), ts.heading("Sources", ts.styles.h1, 0, "sources",
                                                     number)]
    listed = scope.source_list()
    if not listed:
        return [*story, no_entries(ts, "No event or item in the briefing cites a source.")]
    story.append(ts.own("Numbered in the order the briefing first cites them; only sources "
                        "cited by the records in this briefing are listed.", ts.styles.muted))
    rows = []
    for n, source_id, source in listed:
        if source is None:
            body = [ts.parts([(source_id, True), (" — not among the project's sources", False)],
                             ts.styles.cell, "a source")]
        else:
            details = ", ".join(x for x in (source.publisher,
                                            source.date.label() if source.date else "") if x)
            body = [ts.parts([(source.title or source.id, True),
                              (f". {details}" if details else "", False)],
                             ts.styles.cell, "a source")]
            for extra in (source.url, source.note):
                body += ts.paragraphs(extra, ts.styles.cell, "a source")
        rows.append([ts.own(f"[{n}]", ts.styles.cell), body])
    story.append(grid(rows, share(width, [30, None]), ts, ["No.", "Source"], zebra=False))
    return story

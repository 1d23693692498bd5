"""The cover page and the contents of the briefing."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from negotiator_gui.domain.dates import PartialDate, span_label
from negotiator_gui.domain.vocab import ITEM_TYPES
from negotiator_gui.export import fonts, styles
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.export.scope import Scope
from negotiator_gui.export.styles import frame_size
from negotiator_gui.export.tables import Table
from negotiator_gui.export.typeset import Typesetter


def cover(scope: Scope, options: BriefingOptions, ts: Typesetter, title: str,
          marking: str) -> list[Flowable]:
    """Title, subject, date of issue, period, preparer, distribution and the marking."""
    info = scope.project.info
    width = frame_size(options.paper)[0]
    story: list[Flowable] = [Spacer(1, 22 * mm), ts.own("BRIEFING", ts.styles.muted),
                             ts.para(title, ts.styles.title, "the title")]
    if scope.meeting is not None:
        meeting = scope.meeting
        story.append(ts.para(f"Ahead of {meeting.title}, "
                             f"{span_label(meeting.start, meeting.end)}",
                             ts.styles.subtitle, "the cover"))
    elif info.subject:
        story.append(ts.para(info.subject, ts.styles.subtitle, "the subject"))
    story.append(_rule(width))
    story.append(_details(scope, options, ts, width))
    story += [Spacer(1, 14 * mm), _marking_box(marking, ts, width)]
    if info.description:
        story += [Spacer(1, 12 * mm), *ts.paragraphs(info.description, ts.styles.muted,
                                                      "the description")]
    return story


def contents(ts: Typesetter) -> list[Flowable]:
    """The contents page(s), filled with page numbers as the briefing is laid out."""
    toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    toc.levelStyles = list(ts.styles.toc)
    return [PageBreak(), ts.own("Contents", ts.styles.h1), Spacer(1, 6), toc]


def _details(scope: Scope, options: BriefingOptions, ts: Typesetter, width: float) -> Table:
    issued = PartialDate.from_date(options.issued).label()
    rows = [("Subject", scope.project.info.subject if scope.meeting else ""),
            ("Date of issue", issued), ("Period covered", scope.period),
            ("Prepared by", options.prepared_by),
            ("Distribution", _distribution(options)),
            ("Tracks", ", ".join(scope.track(t) for t in options.selection.tracks)),
            ("Parties", ", ".join(scope.party(p) for p in options.selection.parties)),
            ("Item types", ", ".join(ITEM_TYPES.get(t, t) for t in sorted(options.item_types)))]
    data = [[ts.own(label, ts.styles.meta_label), ts.cell(value, ts.styles.body, "the cover")]
            for label, value in rows if value]
    table = Table(data, colWidths=[34 * mm, width - 34 * mm], hAlign="LEFT")
    table.setStyle(styles.meta_style())
    return table


def _distribution(options: BriefingOptions) -> str:
    if options.selection.include_restricted:
        return "Full: includes records marked restricted"
    return "Wider distribution: records marked restricted are left out"


def _marking_box(marking: str, ts: Typesetter, width: float) -> Table:
    table = Table([[ts.para(marking, ts.styles.marking, "the marking")]],
                  colWidths=[width * 0.6], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, styles.MARKING_INK),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("FONTNAME", (0, 0), (-1, -1), fonts.BOLD)]))
    return table


def _rule(width: float) -> Flowable:
    line = Table([[""]], colWidths=[width], rowHeights=[6])
    line.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.5, styles.NAVY),
                              ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]))
    return line

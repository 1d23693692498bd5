"""One section per round or meeting: its facts, summary, items and the links between items."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from negotiator_gui.domain.dates import Precision, span_label
from negotiator_gui.domain.model import Event, Link
from negotiator_gui.domain.vocab import EVENT_KINDS, EVENT_STATUSES, LINK_KINDS
from negotiator_gui.export import styles
from negotiator_gui.export.common import (
    clip,
    grid,
    item_index,
    item_ref,
    no_entries,
    share,
    status_word,
    type_word,
)
from negotiator_gui.export.scope import Scope, where
from negotiator_gui.export.tables import Table
from negotiator_gui.export.typeset import Typesetter

LONG = 1500  # characters: a longer item text is printed in full below its table
_PRECISION = {Precision.MONTH: "known to the month", Precision.YEAR: "known to the year"}


def meetings(scope: Scope, ts: Typesetter, number: str, width: float) -> list[Flowable]:
    """The chapter: every event of the period in date order."""
    story: list[Flowable] = [PageBreak(), ts.heading("Rounds and meetings", ts.styles.h1, 0,
                                                     "meetings", number)]
    if not scope.events:
        return [*story, no_entries(ts, "No events fall within the briefing's period.")]
    story.append(ts.own("Each event of the period in date order. Items are numbered within "
                        "their event (3.2.1 is the first item of event 3.2); numbers in "
                        "square brackets are sources, listed at the end.", ts.styles.muted))
    links = _links_by_item(scope.project.links)
    index = item_index(scope.project)
    for event in scope.events:
        story += event_section(scope, ts, event, width, links, index)
    return story


def event_section(scope: Scope, ts: Typesetter, event: Event, width: float,
                  links: dict[str, list[Link]], index: dict) -> list[Flowable]:
    """The section on one event."""
    context = where(event)
    number = scope.numbers.get(event.id, "")
    heading = ts.heading(event.title, ts.styles.h2, 1, f"event-{number}", number, context)
    parts: list[Flowable] = [heading, facts(scope, ts, event, width)]
    parts += ts.paragraphs(event.summary, ts.styles.body, context)
    if event.items:
        parts.append(_items(scope, ts, event, width))
        parts += _long_texts(scope, ts, event)
    parts += _item_links(scope, ts, event, width, links, index)
    for flowable in parts:
        flowable.briefing_context = context
    return parts


def facts(scope: Scope, ts: Typesetter, event: Event, width: float) -> Table:
    """Date (at its known precision), place, track, kind, parties, sources, handling."""
    when = span_label(event.start, event.end)
    fuzzy = {_PRECISION.get(d.precision) for d in (event.start, event.end) if d} - {None}
    if fuzzy:
        when += f" ({', '.join(sorted(fuzzy))})"
    kind = (f"{EVENT_KINDS.get(event.kind, event.kind)}, "
            f"{EVENT_STATUSES.get(event.status, event.status).lower()}")
    rows = [("Date", when), ("Place", event.location), ("Track", scope.track(event.track)),
            ("Kind", kind), ("Parties", ", ".join(scope.party(p) for p in event.parties)),
            ("Sources", scope.cite(event.sources)),
            ("Handling", "Restricted: leave out of wider distribution" if event.restricted
             else "")]
    data = [[ts.own(label, ts.styles.meta_label), ts.cell(value, ts.styles.cell, where(event))]
            for label, value in rows if value]
    table = Table(data, colWidths=[20 * mm, width - 20 * mm], hAlign="LEFT")
    table.setStyle(styles.meta_style())
    table.spaceAfter = 5
    return table


def _items(scope: Scope, ts: Typesetter, event: Event, width: float) -> Table:
    context = where(event)
    rows = []
    for item in event.items:
        rows.append([
            ts.own(item_ref(scope, event, item), ts.styles.cell),
            ts.own(type_word(item), ts.styles.cell),
            ts.cell(f"{scope.party(item.by)} → {scope.party(item.to)}", where=context),
            ts.cell(item.text if len(item.text) <= LONG else
                    f"{clip(item.text, LONG - 200)} (the full text follows the table)",
                    where=context),
            ts.own(status_word(item), ts.styles.cell),
            ts.cell(item.subject, where=context),
            ts.own(scope.cite(item.sources), ts.styles.cell),
        ])
    widths = share(width, [38, 58, 66, None, 58, 58, 34])
    return grid(rows, widths, ts, ["No.", "Type", "By → to", "Item", "Status", "Subject",
                                   "Src."])


def _long_texts(scope: Scope, ts: Typesetter, event: Event) -> list[Flowable]:
    """Item texts too long for a table cell, in full."""
    out: list[Flowable] = []
    for item in event.items:
        if len(item.text) > LONG:
            out.append(ts.own(f"Full text of item {item_ref(scope, event, item)}",
                              ts.styles.h3))
            out += ts.paragraphs(item.text, ts.styles.body, where(event))
    return out


def _item_links(scope: Scope, ts: Typesetter, event: Event, width: float,
                links: dict[str, list[Link]], index: dict) -> list[Flowable]:
    rows = []
    seen = set()
    for item in event.items:
        for link in links.get(item.id, []):
            if link.key in seen or link.source not in index or link.target not in index:
                continue
            seen.add(link.key)
            rows.append([_end(scope, ts, index[link.source], event),
                         ts.own(LINK_KINDS.get(link.kind, link.kind), ts.styles.cell),
                         _end(scope, ts, index[link.target], event),
                         ts.cell(link.note, where=where(event))])
    if not rows:
        return []
    header = ["Item", "Relation", "Item", "Note"]
    widths = share(width, [None, 62, None, 90])
    if not any(link.note for item in event.items for link in links.get(item.id, [])):
        rows, header, widths = [r[:3] for r in rows], header[:3], share(width, [None, 62, None])
    return [ts.own("How these items tie to others", ts.styles.h3),
            grid(rows, widths, ts, header)]


def _end(scope: Scope, ts: Typesetter, found, here: Event) -> Flowable:
    event, item = found
    place = "" if event.id == here.id else f" — {clip(event.title, 60)}, " \
        f"{event.start.label(short=True)}"
    text = f"{item_ref(scope, event, item)} {scope.party(item.by)}: {clip(item.text, 160)}{place}"
    return ts.cell(text, where=where(here))


def _links_by_item(links: tuple[Link, ...]) -> dict[str, list[Link]]:
    out: dict[str, list[Link]] = {}
    for link in links:
        out.setdefault(link.source, []).append(link)
        if link.target != link.source:
            out.setdefault(link.target, []).append(link)
    return out

"""The ledger (what each party gave and received, by subject) and the record of proposals."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from negotiator_gui.domain.ledger import Entry, PartyLedger, Section, build_ledger
from negotiator_gui.domain.model import Event, Item
from negotiator_gui.domain.proposals import SubjectRecord, record_of_proposals
from negotiator_gui.export.common import (
    clip,
    grid,
    item_ref,
    no_entries,
    share,
    status_word,
    type_word,
)
from negotiator_gui.export.scope import Scope, where
from negotiator_gui.export.typeset import Typesetter

SECTION_TITLES = {
    "offered": "Offered (proposals and relief)",
    "conceded": "Conceded",
    "demanded": "Demanded",
    "committed": "Committed to",
    "red-lines": "Red lines",
    "received": "Received (offered, conceded or committed to it by others)",
}
MAX_SIDES = 3  # record of proposals: one column per side up to this many


def ledger(scope: Scope, ts: Typesetter, number: str, width: float) -> list[Flowable]:
    """The ledger chapter: per party, then the exchanges between parties."""
    story: list[Flowable] = [PageBreak(), ts.heading("Ledger", ts.styles.h1, 0, "ledger",
                                                     number)]
    built = build_ledger(scope.project)
    if not built.parties:
        return [*story, no_entries(ts, "No items were put on the table in the period.")]
    story.append(ts.own("For each party, what it put on the table and what it received, "
                        "grouped by subject, oldest first. References point to the item in "
                        "the section on its event.", ts.styles.muted))
    for n, party in enumerate(built.parties, 1):
        story += _party(scope, ts, party, f"{number}.{n}", width)
    story.append(ts.heading("Exchanges between parties", ts.styles.h2, 1, "exchanges",
                            f"{number}.{len(built.parties) + 1}"))
    rows = [[ts.cell(f"{x.source_label}: {clip(x.source.item.text, 200)}", where="a link"),
             ts.own(x.kind_label, ts.styles.cell),
             ts.cell(f"{x.target_label}: {clip(x.target.item.text, 200)}", where="a link"),
             ts.own(f"{_ref(scope, x.source)} / {_ref(scope, x.target)}", ts.styles.cell)]
            for x in built.exchanges]
    if rows:
        story.append(grid(rows, share(width, [None, 64, None, 62]), ts,
                          ["Given", "Relation", "In return", "Refs."]))
    else:
        story.append(no_entries(ts, "No links between items of different parties."))
    return story


def _party(scope: Scope, ts: Typesetter, party: PartyLedger, number: str,
           width: float) -> list[Flowable]:
    label = party.label if party.party_id else "Unattributed items"
    out: list[Flowable] = [ts.heading(label, ts.styles.h2, 1, f"ledger-{number}", number,
                                      "a party")]
    for section in party.sections:
        out.append(ts.own(SECTION_TITLES.get(section.key, section.key), ts.styles.h3))
        out.append(_section_table(scope, ts, section, width))
    return out


def _section_table(scope: Scope, ts: Typesetter, section: Section, width: float):
    received = section.key == "received"
    rows = []
    for group in section.groups:
        for n, entry in enumerate(group.entries):
            item = entry.item
            other = scope.party(item.by) if received else scope.party(item.to)
            rows.append([
                ts.cell(group.subject or "(no subject)", where="a subject") if n == 0
                else ts.own("", ts.styles.cell),
                ts.own(entry.date.label(short=True), ts.styles.cell),
                ts.cell(clip(item.text, 700), where=where(entry.event)),
                ts.cell(f"{type_word(item)} {'from' if received else 'to'} {other}",
                        where=where(entry.event)),
                ts.own(status_word(item), ts.styles.cell),
                ts.own(_ref(scope, entry), ts.styles.cell),
            ])
    widths = share(width, [66, 56, None, 88, 58, 42])
    return grid(rows, widths, ts, ["Subject", "Date", "Item", "Kind", "Status", "Ref."])


def _ref(scope: Scope, entry: Entry) -> str:
    return item_ref(scope, entry.event, entry.item)


def proposals(scope: Scope, ts: Typesetter, number: str, width: float) -> list[Flowable]:
    """The record of proposals: per subject, each event that moved it, each side's position."""
    story: list[Flowable] = [PageBreak(), ts.heading("Record of proposals", ts.styles.h1, 0,
                                                     "proposals", number)]
    subjects = record_of_proposals(scope.events, [p.id for p in scope.project.parties])
    if not subjects:
        return [*story, no_entries(ts, "No items with a subject in the period.")]
    story.append(ts.own("Subject by subject, the rounds and meetings in which it was taken "
                        "up, and what each side put on the table there: read down a column to "
                        "see how a side's position moved.", ts.styles.muted))
    for n, record in enumerate(subjects, 1):
        story.append(ts.heading(record.subject, ts.styles.h2, 1,
                                f"subject-{n}", f"{number}.{n}", "a subject"))
        story.append(_matrix(scope, ts, record, width))
    return story


def _matrix(scope: Scope, ts: Typesetter, record: SubjectRecord, width: float):
    columns = list(record.sides) if len(record.sides) <= MAX_SIDES else [None]
    data = []
    for row in record.rows:
        event = row.event
        line = [ts.cell(f"{event.start.label(short=True)}  {event.title} "
                        f"({scope.numbers.get(event.id, '')})", where=where(event))]
        for side in columns:
            line.append(_positions(scope, ts, event, row.by(side), side is None))
        data.append(line)
    header = ["Round or meeting"] + [scope.party(s) if s is not None else "Positions"
                                     for s in columns]
    widths = share(width, [118] + [None] * len(columns))
    return grid(data, widths, ts, header)


def _positions(scope: Scope, ts: Typesetter, event: Event, items: list[Item], named: bool):
    if not items:
        return ts.own("", ts.styles.cell)
    out = []
    for item in items:
        who = f"{scope.party(item.by)}: " if named else ""
        out.append(ts.cell(f"{who}{clip(item.text, 240)} ({status_word(item).lower()})",
                           where=where(event)))
    return out

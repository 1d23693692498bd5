"""For a one-meeting briefing: the meeting, each side's last offer and the open issues."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from negotiator_gui.domain.model import Event, Item
from negotiator_gui.export.common import (
    OPEN,
    clip,
    grid,
    item_ref,
    no_entries,
    share,
    status_word,
    superseded,
)
from negotiator_gui.export.meetings import facts
from negotiator_gui.export.scope import Scope, where
from negotiator_gui.export.typeset import Typesetter


def ahead_of_meeting(scope: Scope, ts: Typesetter, number: str,
                     width: float) -> list[Flowable]:
    """The chapter on the coming meeting; empty for a briefing on a whole period."""
    meeting = scope.meeting
    if meeting is None:
        return []
    story: list[Flowable] = [
        PageBreak(), ts.heading(f"Ahead of {meeting.title}", ts.styles.h1, 0, "meeting",
                                number, where(meeting)),
        facts(scope, ts, meeting, width), *ts.paragraphs(meeting.summary, ts.styles.body,
                                                         where(meeting))]
    before = [e for e in scope.events
              if e.start.first_day() < meeting.start.first_day() and e.id != meeting.id]
    latest = _last_positions(before)
    story.append(ts.own("Each side's last position, by subject", ts.styles.h3))
    if latest:
        story.append(_positions_table(scope, ts, latest, width))
    else:
        story.append(no_entries(ts, "No items were put on the table before the meeting."))
    gone = superseded(scope.project)
    open_items = [(e, i) for (e, i) in latest.values() if i.status in OPEN and i.id not in gone]
    story.append(ts.own("Open issues", ts.styles.h3))
    if open_items:
        story.append(_open_table(scope, ts, open_items, width))
    else:
        story.append(no_entries(ts, "No item is still floated or proposed."))
    return story


def _last_positions(events: list[Event]) -> dict[tuple[str, str], tuple[Event, Item]]:
    """The latest item of each party on each subject (events are in date order)."""
    latest: dict[tuple[str, str], tuple[Event, Item]] = {}
    for event in events:
        for item in event.items:
            latest[(item.by, item.subject)] = (event, item)
    return latest


def _positions_table(scope: Scope, ts: Typesetter, latest: dict, width: float):
    order = {p.id: n for n, p in enumerate(scope.project.parties)}
    keys = sorted(latest, key=lambda k: (order.get(k[0], len(order)), k[0], k[1].casefold()))
    rows = []
    for key in keys:
        event, item = latest[key]
        rows.append([ts.cell(scope.party(item.by), where=where(event)),
                     ts.cell(item.subject or "(no subject)", where=where(event)),
                     ts.cell(clip(item.text, 400), where=where(event)),
                     ts.own(status_word(item), ts.styles.cell),
                     ts.own(f"{event.start.label(short=True)} ({item_ref(scope, event, item)})",
                            ts.styles.cell)])
    return grid(rows, share(width, [58, 70, None, 58, 84]), ts,
                ["Party", "Subject", "Last position", "Status", "When"])


def _open_table(scope: Scope, ts: Typesetter, entries: list, width: float):
    rows = [[ts.cell(item.subject or "(no subject)", where=where(event)),
             ts.cell(f"{scope.party(item.by)} → {scope.party(item.to)}: {clip(item.text, 400)}",
                     where=where(event)),
             ts.own(item_ref(scope, event, item), ts.styles.cell)]
            for event, item in sorted(entries, key=lambda x: x[1].subject.casefold())]
    return grid(rows, share(width, [80, None, 44]), ts, ["Subject", "Open item", "Ref."])

"""The one-page summary: the state of play at the end of the period."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, PageBreak

from negotiator_gui.domain.dates import span_label
from negotiator_gui.domain.model import Event, Item
from negotiator_gui.domain.vocab import EVENT_STATUSES
from negotiator_gui.export.common import (
    CLOSED,
    DONE,
    OPEN,
    clip,
    grid,
    item_ref,
    no_entries,
    share,
    status_word,
    superseded,
)
from negotiator_gui.export.scope import MEETING_KINDS, Scope, where
from negotiator_gui.export.typeset import Typesetter

LISTED = 7  # items listed under each heading before 'and N more'


def summary(scope: Scope, ts: Typesetter, number: str, width: float,
            height: float) -> list[Flowable]:
    """The summary chapter, shrunk if need be to one page."""
    body: list[Flowable] = [ts.own(_overview(scope), ts.styles.body)]
    body += _event_block(ts, "Latest round", _latest_round(scope), scope)
    body += _event_block(ts, "Next scheduled event", _next_event(scope), scope)
    body += _per_party(scope, ts, width)
    entries = _entries(scope)
    gone = superseded(scope.project)
    done = [(e, i) for e, i in entries if i.status in DONE]
    open_ = [(e, i) for e, i in entries if i.status in OPEN and i.id not in gone]
    body += _item_list(scope, ts, "Agreed and implemented", done)
    body += _item_list(scope, ts, "Still open (most recent first)", open_)
    heading = ts.heading("Summary: the state of play", ts.styles.h1, 0, "summary", number)
    return [PageBreak(), heading, KeepInFrame(width, height - 30, body, mode="shrink")]


def _overview(scope: Scope) -> str:
    items = [i for e in scope.events for i in e.items]
    statuses = Counter(i.status for i in items)
    tracks = len({e.track for e in scope.events})
    done = sum(statuses[s] for s in DONE)
    open_ = sum(statuses[s] for s in OPEN)
    closed = sum(statuses[s] for s in CLOSED)
    return (f"Period covered: {scope.period}. {len(scope.events)} events on {tracks} "
            f"track(s); {len(items)} items put on the table, of which {done} agreed or "
            f"implemented, {open_} still floated or proposed, and {closed} rejected or "
            "withdrawn.")


def _latest_round(scope: Scope) -> Event | None:
    held = [e for e in scope.events if e.status == "held" and e != scope.meeting]
    rounds = [e for e in held if e.kind == "round"] or [e for e in held
                                                         if e.kind in MEETING_KINDS]
    return rounds[-1] if rounds else None


def _next_event(scope: Scope) -> Event | None:
    if scope.meeting is not None:
        return scope.meeting
    planned = [e for e in scope.events if e.status in ("planned", "postponed")]
    later = [e for e in scope.later if e.status != "cancelled"]
    return (planned + later)[0] if planned + later else None


def _event_block(ts: Typesetter, title: str, event: Event | None,
                 scope: Scope) -> list[Flowable]:
    out: list[Flowable] = [ts.own(title, ts.styles.h3)]
    if event is None:
        return [*out, no_entries(ts, "None in the records chosen for this briefing.")]
    status = EVENT_STATUSES.get(event.status, event.status)
    facts = [span_label(event.start, event.end), event.location, status]
    ref = scope.numbers.get(event.id)
    if ref:
        facts.append(f"see {ref}")
    out.append(ts.parts([(event.title, True), ("  ·  " + "  ·  ".join(f for f in facts if f),
                                               False)], ts.styles.body, where(event)))
    if event.summary:
        out.append(ts.para(clip(event.summary, 600), ts.styles.small, where(event)))
    return out


def _per_party(scope: Scope, ts: Typesetter, width: float) -> list[Flowable]:
    counts: dict[str, Counter] = {}
    gone = superseded(scope.project)
    for _, item in _entries(scope):
        key = "open" if item.status in OPEN and item.id not in gone else item.status
        counts.setdefault(item.by, Counter())[key] += 1
    if not counts:
        return [ts.own("Items by party", ts.styles.h3), no_entries(ts, "No items.")]
    order = [p.id for p in scope.project.parties if p.id in counts]
    order += sorted(set(counts) - set(order))
    rows = [[ts.cell(scope.party(p), where="a party"), *(_num(ts, counts[p], k) for k in
            (("open",), ("agreed",), ("implemented",), tuple(CLOSED)))] for p in order]
    widths = share(width, [None, 62, 62, 70, 90])
    right = ParagraphStyle("cell-head-right", parent=ts.styles.cell_head, alignment=TA_RIGHT)
    header = ["Party (who tabled)", *(ts.own(h, right) for h in
                                      ("Open", "Agreed", "Implemented", "Rejected / withdrawn"))]
    return [ts.own("Items by party", ts.styles.h3), grid(rows, widths, ts, header)]


def _num(ts: Typesetter, counts: Counter, keys: tuple[str, ...]):
    total = sum(counts[k] for k in keys)
    return ts.own(str(total) if total else "–", ts.styles.right)


def _item_list(scope: Scope, ts: Typesetter, title: str,
               entries: list[tuple[Event, Item]]) -> list[Flowable]:
    out: list[Flowable] = [ts.own(title, ts.styles.h3)]
    if not entries:
        return [*out, no_entries(ts, "None.")]
    for event, item in list(reversed(entries))[:LISTED]:
        head = f"{scope.party(item.by)} → {scope.party(item.to)}: "
        tail = (f"  ({status_word(item)}, {event.start.label(short=True)}, "
                f"{item_ref(scope, event, item)})")
        out.append(ts.parts([(head, True), (clip(item.text, 220), False), (tail, False)],
                            ts.styles.small, where(event)))
    if len(entries) > LISTED:
        out.append(no_entries(ts, f"… and {len(entries) - LISTED} more: see the ledger."))
    return out


def _entries(scope: Scope) -> list[tuple[Event, Item]]:
    return [(e, i) for e in scope.events for i in e.items]

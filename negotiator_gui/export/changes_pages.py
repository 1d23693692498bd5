"""Changes since a chosen date: from the project's history, or else from the records' dates."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, PageBreak

from negotiator_gui.domain.dates import PartialDate, span_label
from negotiator_gui.domain.vocab import EVENT_STATUSES
from negotiator_gui.export.common import grid, no_entries, share
from negotiator_gui.export.options import BriefingOptions, HistoryRecord
from negotiator_gui.export.scope import Scope, where
from negotiator_gui.export.typeset import Typesetter

LIMIT = 400  # rows; past this the reader is told how many more there were
_KINDS = {"event": "Event", "item": "Item", "party": "Party", "track": "Track",
          "source": "Source", "link": "Link", "project": "Project"}


def changes(scope: Scope, options: BriefingOptions, ts: Typesetter, number: str,
            width: float) -> list[Flowable]:
    """The chapter; empty when no date was chosen."""
    since = options.changes_since
    if since is None:
        return []
    story: list[Flowable] = [PageBreak(), ts.heading(f"Changes since {since.label()}",
                                                     ts.styles.h1, 0, "changes", number)]
    records = [HistoryRecord.of(entry) for entry in options.history]
    if records:
        return story + _from_history(scope, options, ts, since, records, width)
    return story + _from_dates(scope, ts, since, width)


def _from_history(scope: Scope, options: BriefingOptions, ts: Typesetter, since: PartialDate,
                  records: list[HistoryRecord], width: float) -> list[Flowable]:
    first = since.first_day()
    held = ({e.id for e in scope.events}, {i.id for e in scope.events for i in e.items})
    full = options.selection.include_restricted
    chosen = [r for r in records if r.day is not None and r.day >= first
              and _shown(r, full, *held)]
    chosen.sort(key=lambda r: (r.at, r.kind, r.record_id))
    out: list[Flowable] = [ts.own("Changes recorded in the project's history, oldest first.",
                                  ts.styles.muted)]
    if not chosen:
        return [*out, no_entries(ts, "No recorded changes to the records in this briefing.")]
    rows = [[ts.own(r.at[:10], ts.styles.cell), ts.cell(r.user, where="the history"),
             ts.cell(r.action, where="the history"),
             ts.cell(f"{_KINDS.get(r.kind, r.kind)}: {_record_name(r)}", where="the history"),
             ts.own(_what(r), ts.styles.cell)] for r in chosen[:LIMIT]]
    out.append(grid(rows, share(width, [52, 60, None, None, 58]), ts,
                    ["Date", "By", "Change", "Record", "What"]))
    if len(chosen) > LIMIT:
        out.append(no_entries(ts, f"… and {len(chosen) - LIMIT} more changes."))
    return out


def _shown(record: HistoryRecord, full: bool, events: set[str], items: set[str]) -> bool:
    """Only changes to records the briefing holds; in a wider-distribution briefing
    nothing restricted, nor any deleted record (whose handling can no longer be told)."""
    if not full and (_restricted(record.before) or _restricted(record.after)):
        return False
    if record.kind == "event":
        return record.record_id in events or (full and record.after is None)
    if record.kind == "item":
        return record.record_id in items or (full and record.after is None)
    if record.kind == "link":
        ends = record.record_id.split("\x1f")
        return len(ends) >= 2 and ends[0] in items and ends[1] in items
    return True


def _restricted(document) -> bool:
    return bool(document and document.get("restricted"))


def _record_name(record: HistoryRecord) -> str:
    document = record.after or record.before or {}
    for key in ("title", "text", "name"):
        if document.get(key):
            return str(document[key])
    if record.kind == "link":
        return " → ".join(record.record_id.split("\x1f")[:2])
    return record.record_id


def _what(record: HistoryRecord) -> str:
    if record.before is None and record.after is None:
        return ""
    if record.before is None:
        return "added"
    if record.after is None:
        return "deleted"
    fields = sorted(k for k in set(record.before) | set(record.after)
                    if record.before.get(k) != record.after.get(k))
    return ", ".join(fields[:6]) + (" …" if len(fields) > 6 else "")


def _from_dates(scope: Scope, ts: Typesetter, since: PartialDate,
                width: float) -> list[Flowable]:
    first = since.first_day()
    events = [e for e in scope.events if (e.end or e.start).last_day() >= first]
    out: list[Flowable] = [ts.own(
        "No change history was supplied, so this lists the events dated on or after that "
        "day, from the records' own dates.", ts.styles.muted)]
    if not events:
        return [*out, no_entries(ts, "No events dated on or after that day.")]
    return [*out, grid(list(_date_rows(scope, ts, events)), share(width, [96, None, 110, 56]),
                       ts, ["Date", "Event", "Track", "Status"])]


def _date_rows(scope: Scope, ts: Typesetter, events: Iterable) -> Iterable[list]:
    for event in events:
        yield [ts.own(span_label(event.start, event.end, short=True), ts.styles.cell),
               ts.cell(f"{event.title} ({scope.numbers.get(event.id, '')})", where=where(event)),
               ts.cell(scope.track(event.track), where=where(event)),
               ts.own(EVENT_STATUSES.get(event.status, event.status), ts.styles.cell)]

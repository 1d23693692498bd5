"""BriefingOptions: what a briefing covers and how it is printed, and the history it may cite."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.selection import Selection

PAPERS = ("a4", "letter")
ORIENTATIONS = ("portrait", "landscape")
NEXT_MEETING = "next"


@dataclass(frozen=True)
class BriefingOptions:
    """Everything a briefing is built from besides the project.

    Nothing here is read from the clock or the machine: the caller passes the
    date of issue, so that two builds with the same options are identical.

    Attributes:
        issued: the date of issue, printed on the cover and in every footer.
        selection: period, tracks, parties, and `include_restricted=False`
            for the wider-distribution briefing (restricted events and items
            left out everywhere: sections, figure, ledger, counts).
        item_types: the item types to include; empty for all.
        paper: 'a4' or 'letter'.
        orientation: 'portrait', or 'landscape' for the timeline figure's pages.
        meeting: an event id for a briefing ahead of that meeting, 'next' for
            the first event after the date of issue, or '' for none.
        changes_since: the date from which changes are listed; None for no
            such section.
        history: the project's change history (see `HistoryRecord.of`):
            dicts, tuples (at, user, action, kind, record_id, before, after)
            or objects with those attributes.
        prepared_by: who prepared the briefing, for the cover.
        title: the cover's title; '' for the project's title.
        marking: the handling marking; '' for the project's marking.
    """

    issued: _dt.date
    selection: Selection = field(default_factory=Selection)
    item_types: Collection[str] = ()
    paper: str = "a4"
    orientation: str = "portrait"
    meeting: str = ""
    changes_since: PartialDate | None = None
    history: Sequence[Any] = ()
    prepared_by: str = ""
    title: str = ""
    marking: str = ""

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper '{self.paper}' (use a4 or letter)")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation '{self.orientation}' "
                             "(use portrait or landscape)")

    @property
    def landscape_figure(self) -> bool:
        """True when the timeline figure goes on landscape pages."""
        return self.orientation == "landscape"


@dataclass(frozen=True)
class HistoryRecord:
    """One recorded change to one record, as the storage layer keeps it."""

    at: str
    user: str
    action: str
    kind: str
    record_id: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None

    @classmethod
    def of(cls, entry: Any) -> HistoryRecord:
        """A history entry from a dict, a 7-tuple or an object with the same names."""
        names = ("at", "user", "action", "kind", "record_id", "before", "after")
        if isinstance(entry, HistoryRecord):
            return entry
        if isinstance(entry, Mapping):
            values = [entry.get(name) for name in names]
        elif isinstance(entry, Sequence) and not isinstance(entry, str):
            values = list(entry)[:7] + [None] * (7 - len(entry))
        else:
            values = [getattr(entry, name, None) for name in names]
        text = [str(v or "") for v in values[:5]]
        before, after = (v if isinstance(v, Mapping) else None for v in values[5:7])
        return cls(*text, before, after)

    @property
    def day(self) -> _dt.date | None:
        """The day of the change, read from `at` (ISO text); None if unreadable."""
        try:
            return _dt.date.fromisoformat(self.at[:10])
        except ValueError:
            return None

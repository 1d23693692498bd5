"""The record of proposals: per subject, the meetings that took it up and each side's items.

Shared by the briefing's "Record of proposals" and the Proposals view in the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from negotiator_gui.domain.model import Event, Item


@dataclass(frozen=True)
class ProposalRow:
    """One round or meeting and the items on one subject tabled there."""

    event: Event
    items: tuple[Item, ...]

    def by(self, side: str | None) -> list[Item]:
        """The items `side` put forward (all for None)."""
        return [i for i in self.items if side is None or i.by == side]


@dataclass(frozen=True)
class SubjectRecord:
    """A subject, the sides that put items on it, and the meetings in date order."""

    subject: str
    sides: tuple[str, ...]
    rows: tuple[ProposalRow, ...]


def record_of_proposals(events: Iterable[Event], party_order: Sequence[str]
                        ) -> list[SubjectRecord]:
    """Every subject (A–Z) with its meetings (in the given order) and sides.

    Args:
        events: the events to read, in date order.
        party_order: party ids in the order sides should appear; others follow.
    """
    found: dict[str, dict[str, tuple[Event, list[Item]]]] = {}
    for event in events:
        for item in event.items:
            if item.subject:
                slot = found.setdefault(item.subject, {})
                slot.setdefault(event.id, (event, []))[1].append(item)
    rank = {p: n for n, p in enumerate(party_order)}
    out = []
    for subject in sorted(found, key=str.casefold):
        rows = tuple(ProposalRow(e, tuple(items)) for e, items in found[subject].values())
        sides = sorted({i.by for row in rows for i in row.items},
                       key=lambda p: (rank.get(p, len(rank)), p))
        out.append(SubjectRecord(subject, tuple(sides), rows))
    return out

"""Small pieces the briefing's chapters share: item references, tables, word lists."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from negotiator_gui.domain.model import Event, Item, Project
from negotiator_gui.domain.vocab import ITEM_STATUSES, ITEM_TYPES
from negotiator_gui.export import styles
from negotiator_gui.export.scope import Scope
from negotiator_gui.export.tables import Table
from negotiator_gui.export.typeset import Typesetter

OPEN = frozenset({"floated", "proposed"})
DONE = frozenset({"agreed", "implemented"})
CLOSED = frozenset({"rejected", "withdrawn"})


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word where it can, with an ellipsis."""
    text = " ".join(text[: limit * 2].split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def item_ref(scope: Scope, event: Event, item: Item) -> str:
    """'3.12.2': the event's section number and the item's place in it."""
    index = next((n for n, i in enumerate(event.items, 1) if i.id == item.id), 0)
    return f"{scope.numbers.get(event.id, '?')}.{index}"


def item_index(project: Project) -> dict[str, tuple[Event, Item]]:
    """Every item by id, with its event."""
    return {item.id: (event, item) for event in project.events for item in event.items}


def superseded(project: Project) -> set[str]:
    """Ids of items another item supersedes: no longer on the table."""
    return {link.target for link in project.links if link.kind == "supersedes"}


def type_word(item: Item) -> str:
    """'Concession'."""
    return ITEM_TYPES.get(item.type, item.type)


def status_word(item: Item) -> str:
    """'Agreed', with '(restricted)' for a restricted item."""
    word = ITEM_STATUSES.get(item.status, item.status)
    return f"{word} (restricted)" if item.restricted else word


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], ts: Typesetter,
         header: Sequence[str | Flowable] | None = None, zebra: bool = True) -> Table:
    """A table with our look; a header row (our words) repeats on each page it spans."""
    data = [list(row) for row in rows]
    if header:
        data.insert(0, [ts.own(h, ts.styles.cell_head) if isinstance(h, str) else h
                        for h in header])
    table = Table(data, colWidths=list(widths), repeatRows=1 if header else 0,
                  splitByRow=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(styles.table_style(1 if header else 0, zebra))
    return table


def share(width: float, fixed: Sequence[float | None]) -> list[float]:
    """Column widths: the fixed ones as given, the None ones sharing what is left."""
    free = width - sum(w for w in fixed if w is not None)
    flexible = sum(1 for w in fixed if w is None) or 1
    return [w if w is not None else free / flexible for w in fixed]


def no_entries(ts: Typesetter, text: str) -> Flowable:
    """A muted line saying a part of the briefing is empty."""
    return ts.own(text, ts.styles.muted)

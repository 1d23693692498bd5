"""A few edited rows move one by one (beginMoveRows) to where they sort, in either order."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.ui.event_table_model import EventTableModel
from negotiator_gui.ui.item_table_model import ItemTableModel


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_moved_events_land_where_a_full_sort_puts_them(qtbot, session, order):
    models = (EventTableModel(session), ItemTableModel(session))
    for model in models:
        model.sort(1, order)
    moves = []
    for model in models:
        model.rowsMoved.connect(lambda *args: moves.append(args))
        model.layoutChanged.connect(lambda *args: moves.append("layout"))
    rng = random.Random(4)
    for step in range(25):
        event = rng.choice(session.project.events)
        kept = {m: QPersistentModelIndex(m.index(m.row_of(k), 0)) for m in models
                for k in [m.key_at(rng.randrange(m.rowCount()))]}
        keys_before = {m: m.key_at(kept[m].row()) for m in models}
        day = PartialDate(2011 + rng.randrange(4), rng.randint(1, 12), rng.randint(1, 28))
        session.apply(ChangeSet(put_events=(replace(event, start=day, end=None),)), "Move")
        for model in models:
            keys = [model.key_at(row) for row in range(model.rowCount())]
            assert keys == model._sorted(keys), f"step {step}: {event.id} to {day}"
            assert model._rows == {k: n for n, k in enumerate(keys)}
            assert model.key_at(kept[model].row()) == keys_before[model]
    assert moves and "layout" not in moves  # moved row by row, no re-layout of every row

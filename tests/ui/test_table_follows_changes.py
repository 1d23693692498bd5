"""The events table follows written changes row by row and ends as a table built afresh
would be: the same rows in the same order under the same filter, the selection kept."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event
from negotiator_gui.ui import event_table_model as ev
from negotiator_gui.ui.event_table_model import EventTableModel
from negotiator_gui.ui.table_cells import ID_ROLE
from negotiator_gui.ui.table_dock import TableDock

WORDS = ("talks", "Almaty", "experts", "Straße", "STRASSE", "İstanbul", "istanbul", "Café",
         "CAFÉ", "über", "Über", "round")


def a_dock(qtbot, session, selection, text: str = "", column: int = ev.START,
           order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> TableDock:
    dock = TableDock(session, selection)
    qtbot.addWidget(dock)
    dock.resize(1200, 400)
    dock.show()
    qtbot.waitExposed(dock)
    dock.events_view.sortByColumn(column, order)
    if text:
        dock.filters["events"].setText(text)
        dock._apply_filter("events")  # now, not after the pause a big table waits for
    return dock


def shown_rows(dock: TableDock) -> list[tuple]:
    """Every cell of the events table as the user sees it (and the row's event)."""
    proxy = dock.event_proxy
    return [(proxy.index(r, 0).data(ID_ROLE),
             *(proxy.index(r, c).data() for c in range(proxy.columnCount())))
            for r in range(proxy.rowCount())]


def selected_rows(dock: TableDock) -> list[str]:
    return sorted(i.data(ID_ROLE) for i in dock.events_view.selectionModel().selectedRows())


def some_events(rng: random.Random, count: int) -> tuple[Event, ...]:
    return tuple(Event(f"gen-{n}", f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n % 7}",
                       "political", PartialDate(2012 + rng.randrange(3), rng.randint(1, 12),
                                                rng.choice([None, 1, 15, 28])),
                       kind=rng.choice(["round", "meeting", "statement"]),
                       location=rng.choice(["", "Vienna", "Genève", "ALMATY"]))
                 for n in range(count))


def an_edit(rng: random.Random, session) -> ChangeSet:
    """A drag-like move, a retitling, a deletion or a new event, chosen at random."""
    events = session.project.events
    event = rng.choice(events)
    roll = rng.random()
    if roll < 0.5:
        day = event.start.first_day().toordinal() + rng.choice([-40, -3, -1, 1, 2, 30])
        start = PartialDate.from_date(PartialDate(2000).first_day().fromordinal(day))
        return ChangeSet(put_events=(replace(event, start=start, end=None),))
    if roll < 0.75:
        title = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
        return ChangeSet(put_events=(replace(event, title=title),))
    if roll < 0.85 and len(events) > 10:
        return ChangeSet(delete_events=(event.id,))
    fresh = some_events(rng, 1)[0]
    return ChangeSet(put_events=(replace(fresh, id=f"new-{rng.randrange(10**6)}"),))


@pytest.mark.parametrize(("text", "column", "order"), [
    ("", ev.START, Qt.SortOrder.AscendingOrder),
    ("", ev.START, Qt.SortOrder.DescendingOrder),
    ("almaty", ev.START, Qt.SortOrder.AscendingOrder),
    ("stra", ev.TITLE, Qt.SortOrder.AscendingOrder),
    ("i", ev.END, Qt.SortOrder.DescendingOrder),
])
def test_after_edits_and_undos_the_rows_are_those_of_a_fresh_table(
        qtbot, session, selection, text, column, order):
    rng = random.Random(f"{text}{column}{order}")
    assert session.apply(ChangeSet(put_events=some_events(rng, 60)), "Add")
    live = a_dock(qtbot, session, selection, text, column, order)
    chosen = [e.id for e in rng.sample(session.project.events, 4)]
    selection.select(chosen)
    for step in range(40):
        assert session.apply(an_edit(rng, session), "Edit")
        if step % 9 == 8:
            session.undo_stack.undo()
        fresh = a_dock(qtbot, session, selection, text, column, order)
        assert shown_rows(live) == shown_rows(fresh), f"step {step}"
        shown = {row[0] for row in shown_rows(live)}
        assert selected_rows(live) == sorted(i for i in selection.ids if i in shown)
        fresh.close()
        fresh.deleteLater()


def test_the_quick_filter_finds_what_qt_finds_ignoring_case(qtbot, session, selection):
    """The table's filter means what a QSortFilterProxyModel's fixed string means:
    any cell's text holding the words, case ignored as Qt ignores it."""
    rng = random.Random(7)
    assert session.apply(ChangeSet(put_events=some_events(rng, 60)), "Add")
    dock = a_dock(qtbot, session, selection)
    reference = QSortFilterProxyModel()
    reference.setSourceModel(EventTableModel(session))
    reference.setFilterKeyColumn(-1)
    reference.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    for text in ("almaty", "STRASSE", "straße", "ss", "İ", "i", "café", "É", "ÜBER", "3",
                 "vienna 1", "(", "*", "", " "):
        dock.filters["events"].setText(text)
        dock._apply_filter("events")
        reference.setFilterFixedString(text)
        wanted = {reference.index(r, 0).data(ID_ROLE) for r in range(reference.rowCount())}
        assert {row[0] for row in shown_rows(dock)} == wanted, text


def test_an_edit_that_hides_a_selected_row_deselects_only_that_event(qtbot, session,
                                                                      selection):
    dock = a_dock(qtbot, session, selection, "almaty")
    selection.select(["almaty-1", "almaty-2"])
    event = index_of(session.project).events["almaty-1"]
    assert session.apply(ChangeSet(put_events=(replace(event, title="Other", location="Vienna"),)),
                         "Retitle")
    assert [row[0] for row in shown_rows(dock)] == ["almaty-2"]
    assert selection.ids == ["almaty-2"]
    assert selected_rows(dock) == ["almaty-2"]
    event = index_of(session.project).events["almaty-1"]
    assert session.apply(ChangeSet(put_events=(replace(event, title="Almaty I"),)),
                         "Retitle")
    assert [row[0] for row in shown_rows(dock)] == ["almaty-1", "almaty-2"]
    assert selection.ids == ["almaty-2"]


def test_a_moved_date_moves_one_row_and_keeps_the_selection(qtbot, session, selection):
    """The cheap answer to a drag: the view is told of one row move, not a new layout."""
    dock = a_dock(qtbot, session, selection)
    selection.select(["almaty-2"])
    signals: list[str] = []
    dock.event_proxy.rowsMoved.connect(lambda *_: signals.append("moved"))
    dock.event_proxy.layoutChanged.connect(lambda *_: signals.append("layout"))
    event = index_of(session.project).events["almaty-2"]
    assert session.apply(ChangeSet(put_events=(replace(event, start=PartialDate(2012, 1),
                                                       end=None),)), "Move")
    assert signals == ["moved"]
    assert shown_rows(dock)[0][0] == "almaty-2"
    assert selected_rows(dock) == ["almaty-2"]
    assert dock.events_view.selectionModel().currentIndex().data(ID_ROLE) == "almaty-2"


@pytest.mark.parametrize("text", ["political", "renamed", ""])
def test_a_renamed_track_refilters_every_row_as_a_fresh_table_would(qtbot, session,
                                                                     selection, text):
    rng = random.Random(3)
    assert session.apply(ChangeSet(put_events=some_events(rng, 40)), "Add")
    live = a_dock(qtbot, session, selection, text, ev.TRACK)
    selection.select([e.id for e in session.project.events[:3]])
    tracks = tuple(replace(t, name=f"Renamed {t.name}") if t.id == "political" else t
                   for t in session.project.tracks)
    assert session.apply(ChangeSet(tracks=tracks), "Rename track")
    fresh = a_dock(qtbot, session, selection, text, ev.TRACK)
    assert shown_rows(live) == shown_rows(fresh)
    session.undo_stack.undo()
    fresh = a_dock(qtbot, session, selection, text, ev.TRACK)
    assert shown_rows(live) == shown_rows(fresh)

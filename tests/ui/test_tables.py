"""The table dock: events and items tables edited inline, the ledger, shared selection."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event
from negotiator_gui.storage.errors import ProjectFileError
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui import event_table_model as ev
from negotiator_gui.ui import item_table_model as it
from negotiator_gui.ui import table_dock
from negotiator_gui.ui.event_table_model import EventTableModel
from negotiator_gui.ui.item_table_model import ItemTableModel
from negotiator_gui.ui.ledger_model import EVENT_IDS_ROLE, LedgerModel
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_cells import ID_ROLE, ITEM_ID_ROLE
from negotiator_gui.ui.table_dock import TableDock
from tests.conftest import sha256

TWENTY = "Stop producing uranium enriched to 20%"
UNSC = "Security Council resolution removing international sanctions"


def stored(path):
    with ProjectStore.open(path, read_only=True) as store:
        return store.load()


def stored_event(path, event_id: str) -> Event:
    return next(e for e in stored(path).events if e.id == event_id)


@pytest.fixture
def dock(qtbot, session, selection) -> TableDock:
    d = TableDock(session, selection)
    qtbot.addWidget(d)
    d.resize(1200, 400)
    d.show()
    qtbot.waitExposed(d)
    return d


def proxy_index(dock: TableDock, event_id: str, column: int) -> QModelIndex:
    row = dock.event_model.row_of(event_id)
    return dock.event_proxy.mapFromSource(dock.event_model.index(row, column))


def click(qtbot, view, index: QModelIndex, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     view.visualRect(index).center())


def type_into_cell(qtbot, view, index: QModelIndex, text: str) -> None:
    """Click the cell, press F2, replace the text and press Enter, as a user does."""
    click(qtbot, view, index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call.
    qtbot.waitUntil(lambda: view.indexWidget(index) is not editor)


def ledger_rows(model, parent=None, path=()):
    """Every row of the ledger as (path of texts, index)."""
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        here = (*path, index.data())
        yield here, index
        yield from ledger_rows(model, index, here)


# -- models ----------------------------------------------------------------------


def some_edits(session: ProjectSession) -> None:
    first = session.project.events[0]
    session.apply(ChangeSet(put_events=(replace(first, title="Renamed"),)), "rename")
    new = Event("new-1", "New meeting", "experts", PartialDate(2012), kind="meeting")
    session.apply(ChangeSet(put_events=(new,)), "add")
    session.apply(ChangeSet(delete_events=("almaty-1",)), "delete")
    almaty2 = next(e for e in session.project.events if e.id == "almaty-2")
    session.apply(ChangeSet(put_events=(replace(almaty2, items=()),)), "drop items")
    session.undo_stack.undo()


@pytest.mark.parametrize("model_class", [EventTableModel, ItemTableModel, LedgerModel])
def test_every_model_passes_the_model_tester(qtmodeltester, session, model_class):
    model = model_class(session)
    qtmodeltester.check(model)
    some_edits(session)
    qtmodeltester.check(model)
    session.reload()
    qtmodeltester.check(model)


def test_the_dock_proxies_pass_the_model_tester(qtmodeltester, dock, session):
    dock.tabs.setCurrentIndex(2)
    some_edits(session)
    for proxy in (dock.event_proxy, dock.item_proxy, dock.ledger_proxy):
        qtmodeltester.check(proxy)


def test_edits_arrive_as_fine_grained_signals(qtbot, session):
    model = EventTableModel(session)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    new = Event("new-1", "New meeting", "experts", PartialDate(2012))
    with qtbot.waitSignal(model.rowsInserted):
        session.apply(ChangeSet(put_events=(new,)), "add")
    with qtbot.waitSignal(model.dataChanged):
        session.apply(ChangeSet(put_events=(replace(new, title="Renamed"),)), "rename")
    with qtbot.waitSignal(model.rowsRemoved):
        session.undo_stack.undo()
        session.undo_stack.undo()
    assert resets == []
    assert model.rowCount() == len(session.project.events) == 5
    assert model.row_of("new-1") == -1


def test_item_rows_follow_items_added_and_removed(qtbot, session):
    model = ItemTableModel(session)
    event = next(e for e in session.project.events if e.id == "almaty-2")
    extra = replace(event.items[0], id="extra", text="Another idea")
    with qtbot.waitSignal(model.rowsInserted):
        session.apply(ChangeSet(put_events=(replace(event, items=(*event.items, extra)),)), "a")
    row = model.row_of("extra")
    assert model.index(row, it.TEXT).data() == "Another idea"
    assert model.index(row, it.EVENT).data() == event.title
    with qtbot.waitSignal(model.rowsRemoved):
        session.undo_stack.undo()
    assert model.row_of("extra") == -1
    assert model.rowCount() == 12


# -- sorting and filtering -----------------------------------------------------------


def test_sorting_by_start_is_chronological_across_precisions(dock, session):
    dates = {"y2013": "2013", "m2013-01": "2013-01", "d2013-01-15": "2013-01-15",
             "m2013-03": "2013-03", "y2012": "2012"}
    events = tuple(Event(i, i, "political", PartialDate.parse(d)) for i, d in dates.items())
    session.apply(ChangeSet(put_events=events), "add")
    proxy = dock.event_proxy
    dock.events_view.sortByColumn(ev.START, Qt.SortOrder.AscendingOrder)
    starts = [proxy.index(r, ev.START).data(ID_ROLE) for r in range(proxy.rowCount())]
    by_date = sorted(session.project.events,
                     key=lambda e: (e.start.first_day(), e.start.precision))
    assert starts == [e.id for e in by_date]
    assert starts[:4] == ["y2012", "y2013", "m2013-01", "d2013-01-15"]
    assert proxy.index(1, ev.START).data() == "2013"
    assert proxy.index(2, ev.START).data() == "Jan 2013"
    dock.events_view.sortByColumn(ev.START, Qt.SortOrder.DescendingOrder)
    assert proxy.index(proxy.rowCount() - 1, 0).data(ID_ROLE) == "y2012"


def test_quick_filter_hides_rows_but_keeps_the_selection(qtbot, dock, selection):
    selection.select(["istanbul-experts"])
    qtbot.keyClicks(dock.filters["events"], "almaty")
    assert dock.event_proxy.rowCount() == 2
    assert selection.ids == ["istanbul-experts"]
    dock.filters["events"].clear()
    assert dock.event_proxy.rowCount() == 5
    assert [i.data(ID_ROLE) for i in dock.events_view.selectionModel().selectedRows()] \
        == ["istanbul-experts"]


def test_a_big_table_filters_after_a_pause_in_typing(qtbot, dock, monkeypatch):
    monkeypatch.setattr(table_dock, "BIG_TABLE", 1)
    qtbot.keyClicks(dock.filters["events"], "almaty")
    assert dock.event_proxy.rowCount() == 5
    qtbot.waitUntil(lambda: dock.event_proxy.rowCount() == 2)


# -- editing -----------------------------------------------------------------------------


def test_keyboard_edit_of_a_title_is_written_and_one_undo_step(qtbot, dock, session,
                                                                demo_file):
    index = proxy_index(dock, "almaty-1", ev.TITLE)
    type_into_cell(qtbot, dock.events_view, index, "Almaty I")
    assert stored_event(demo_file, "almaty-1").title == "Almaty I"
    assert session.undo_stack.count() == 1
    assert session.undo_stack.text(0) == "Edit title of “Almaty talks, first round”"
    assert proxy_index(dock, "almaty-1", ev.TITLE).data() == "Almaty I"
    session.undo_stack.undo()
    assert stored_event(demo_file, "almaty-1").title == "Almaty talks, first round"


def test_keyboard_edit_of_a_start_date_moves_the_row(qtbot, dock, session, demo_file):
    index = proxy_index(dock, "almaty-2", ev.START)
    type_into_cell(qtbot, dock.events_view, index, "2012-11")
    assert stored_event(demo_file, "almaty-2").start == PartialDate(2012, 11)
    assert dock.event_proxy.index(0, 0).data(ID_ROLE) == "almaty-2"
    assert dock.event_proxy.index(0, 0).data() == "Nov 2012"
    assert session.undo_stack.count() == 1


def test_invalid_date_is_refused_nothing_written_and_the_text_kept(qtbot, dock, session,
                                                                   demo_file):
    before = sha256(demo_file)
    index = proxy_index(dock, "almaty-1", ev.END)
    type_into_cell(qtbot, dock.events_view, index, "2013-13-40")
    assert not dock.problem_label.isHidden()
    assert "month" in dock.problem_label.text()
    qtbot.waitUntil(lambda: isinstance(dock.events_view.indexWidget(index), QLineEdit))
    assert dock.events_view.indexWidget(index).text() == "2013-13-40"
    assert sha256(demo_file) == before
    assert session.undo_stack.count() == 0


def test_a_refused_write_keeps_what_was_typed(qtbot, dock, session, demo_file, monkeypatch):
    def locked(*_args, **_kwargs):
        raise ProjectFileError(demo_file, "the file is locked by a colleague")

    monkeypatch.setattr(session.store, "write_versioned", locked)
    index = proxy_index(dock, "almaty-1", ev.LOCATION)
    type_into_cell(qtbot, dock.events_view, index, "Astana")
    assert "locked" in dock.problem_label.text()
    qtbot.waitUntil(lambda: isinstance(dock.events_view.indexWidget(index), QLineEdit))
    editor = dock.events_view.indexWidget(index)
    assert editor.text() == "Astana"
    monkeypatch.undo()
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # try again once the file is free
    qtbot.waitUntil(lambda: stored_event(demo_file, "almaty-1").location == "Astana")
    assert dock.problem_label.isHidden()


def test_an_end_before_the_start_is_refused(dock, session, demo_file):
    before = sha256(demo_file)
    model = dock.event_model
    index = model.index(model.row_of("almaty-1"), ev.END)
    assert not model.setData(index, "2012-01-01")
    assert "before start" in model.problem
    assert not model.setData(model.index(index.row(), ev.TITLE), "   ")
    assert sha256(demo_file) == before
    assert session.undo_stack.count() == 0


def test_a_kind_is_chosen_from_a_combo_box(qtbot, dock, session, demo_file):
    index = proxy_index(dock, "istanbul-experts", ev.KIND)
    dock.events_view.edit(index)
    combo = dock.events_view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "expert-meeting"
    combo.setCurrentIndex(combo.findData("statement"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.events_view.indexWidget(index) is None)
    assert stored_event(demo_file, "istanbul-experts").kind == "statement"
    assert session.undo_stack.text(0) == "Edit kind of “Technical experts meeting, Istanbul”"
    assert proxy_index(dock, "istanbul-experts", ev.KIND).data() == "Statement"


def test_setting_data_like_a_delegate_edits_track_location_end_and_restricted(dock, session,
                                                                              demo_file):
    model = dock.event_model
    row = model.row_of("istanbul-experts")
    assert model.setData(model.index(row, ev.TRACK), "political")
    assert model.setData(model.index(row, ev.LOCATION), "Istanbul")
    assert model.setData(model.index(row, ev.END), "2013-03-19")
    assert model.setData(model.index(row, ev.RESTRICTED), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(row, ev.TRACK), "nowhere")
    event = stored_event(demo_file, "istanbul-experts")
    assert (event.track, event.location, event.end, event.restricted) == (
        "political", "Istanbul", PartialDate(2013, 3, 19), True)
    assert session.undo_stack.count() == 4
    assert session.undo_stack.text(3) == "Mark “Technical experts meeting, Istanbul” restricted"


def test_space_on_the_restricted_cell_toggles_it(qtbot, dock, session, demo_file):
    index = proxy_index(dock, "almaty-2", ev.RESTRICTED)
    click(qtbot, dock.events_view, index)
    qtbot.keyClick(dock.events_view, Qt.Key.Key_Space)
    assert stored_event(demo_file, "almaty-2").restricted
    assert proxy_index(dock, "almaty-2", ev.RESTRICTED).data(
        Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    session.undo_stack.undo()
    assert not stored_event(demo_file, "almaty-2").restricted


def test_items_are_edited_inline(qtbot, dock, session, demo_file):
    dock.tabs.setCurrentIndex(1)
    model, proxy = dock.item_model, dock.item_proxy
    index = proxy.mapFromSource(model.index(model.row_of("icg-c-20pc"), it.TEXT))
    type_into_cell(qtbot, dock.items_view, index, "Halt 20% enrichment")
    row = model.row_of("icg-c-20pc")
    assert model.setData(model.index(row, it.STATUS), "agreed")
    assert model.setData(model.index(row, it.BY), "us")
    assert not model.setData(model.index(row, it.TYPE), "gift")
    item = next(i for i in stored_event(demo_file, "icg-report").items if i.id == "icg-c-20pc")
    assert (item.text, item.status, item.by) == ("Halt 20% enrichment", "agreed", "us")
    assert session.undo_stack.count() == 3
    assert session.undo_stack.text(0) == f"Edit text of “{TWENTY}”"


def test_a_read_only_project_cannot_be_edited(qtbot, demo_file):
    session = ProjectSession()
    session.open(demo_file, read_only=True)
    model = EventTableModel(session)
    index = model.index(0, ev.TITLE)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "New")
    session.close()


# -- shared selection ---------------------------------------------------------------


def test_selecting_rows_selects_events_and_back(qtbot, dock, selection):
    emitted = []
    selection.selection_changed.connect(emitted.append)
    click(qtbot, dock.events_view, proxy_index(dock, "almaty-1", ev.TITLE))
    assert selection.ids == ["almaty-1"]
    click(qtbot, dock.events_view, proxy_index(dock, "almaty-2", ev.TITLE),
          Qt.KeyboardModifier.ControlModifier)
    assert selection.ids == ["almaty-1", "almaty-2"]
    assert len(emitted) == 2
    selection.select(["icg-report", "istanbul-experts"])
    chosen = {i.data(ID_ROLE) for i in dock.events_view.selectionModel().selectedRows()}
    assert chosen == {"icg-report", "istanbul-experts"}
    current = dock.events_view.selectionModel().currentIndex()
    assert current.data(ID_ROLE) == "istanbul-experts"
    assert len(emitted) == 3
    assert selection.ids == ["icg-report", "istanbul-experts"]


def test_selecting_an_item_row_selects_its_event_and_item(qtbot, dock, selection):
    dock.tabs.setCurrentIndex(1)
    model, proxy = dock.item_model, dock.item_proxy
    index = proxy.mapFromSource(model.index(model.row_of("a1-pathway"), it.TEXT))
    click(qtbot, dock.items_view, index)
    assert selection.ids == ["almaty-1"]
    assert selection.current_item == "a1-pathway"
    chosen = {i.data(ID_ROLE) for i in dock.events_view.selectionModel().selectedRows()}
    assert chosen == {"almaty-1"}
    selected_items = dock.items_view.selectionModel().selectedRows()
    assert [i.data(ITEM_ID_ROLE) for i in selected_items] == ["a1-pathway"]


def test_a_selection_made_elsewhere_selects_the_items_of_its_events(dock, selection):
    selection.select(["almaty-1"])
    chosen = {i.data(ITEM_ID_ROLE) for i in dock.items_view.selectionModel().selectedRows()}
    assert len(chosen) == 4 and "a1-pathway" in chosen
    selection.set_current_item("a1-step-by-step")
    chosen = [i.data(ITEM_ID_ROLE) for i in dock.items_view.selectionModel().selectedRows()]
    assert chosen == ["a1-step-by-step"]


def test_the_selection_survives_a_reload(dock, session, selection):
    selection.select(["almaty-2"])
    session.reload()
    chosen = [i.data(ID_ROLE) for i in dock.events_view.selectionModel().selectedRows()]
    assert chosen == ["almaty-2"]
    assert selection.ids == ["almaty-2"]


def test_focus_events_table_gives_the_keyboard_a_row(qtbot, dock, selection):
    dock.tabs.setCurrentIndex(2)
    dock.focus_events_table()
    assert dock.tabs.currentIndex() == 0
    assert selection.ids == ["iaea-tehran-2013-02"]
    qtbot.keyClick(dock.events_view, Qt.Key.Key_Down)
    assert selection.ids == ["icg-report"]


# -- ledger ---------------------------------------------------------------------------


def test_ledger_groups_the_sample_by_party_section_and_subject(dock):
    dock.tabs.setCurrentIndex(2)
    paths = [path for path, _ in ledger_rows(dock.ledger_model)]
    assert ("Iran (12)", "Conceded (4)", "enrichment (1)", TWENTY) in paths
    assert ("Iran (12)", "Offered (2)", "enrichment (1)",
            "Iranian counter-proposal seeking early recognition of enrichment "
            "and broader sanctions relief") in paths
    assert ("P5+1 (11)", "Received (7)", "enrichment (2)",
            f"{TWENTY} (Concession, from Iran)") in paths
    exchange = f"Iran: {TWENTY} ⇄ P5+1: {UNSC}"
    assert ("Exchanges (8)", exchange) in paths
    leaf = next(i for p, i in ledger_rows(dock.ledger_model) if p[-1] == exchange)
    assert leaf.siblingAtColumn(1).data() == "in exchange for"
    assert leaf.data(EVENT_IDS_ROLE) == ["icg-report"]
    assert [p[0] for p in paths if len(p) == 1] == ["Iran (12)", "P5+1 (11)", "Exchanges (8)"]


def test_ledger_leaves_show_status_and_date(dock):
    dock.tabs.setCurrentIndex(2)
    leaf = next(i for p, i in ledger_rows(dock.ledger_proxy) if p[-1] == TWENTY)
    assert leaf.siblingAtColumn(1).data() == "Floated"
    assert leaf.siblingAtColumn(2).data() == "25 Feb 2013"
    assert leaf.siblingAtColumn(3).data() == "Crisis Group report: Spider Web"
    assert leaf.data(EVENT_IDS_ROLE) == ["icg-report"]


def test_double_clicking_a_ledger_entry_selects_its_event(qtbot, dock, selection):
    dock.tabs.setCurrentIndex(2)
    view = dock.ledger_view
    leaf = next(i for p, i in ledger_rows(dock.ledger_proxy) if p[-1] == TWENTY)
    view.scrollTo(leaf)
    # A double click is a click followed by a double-click event at the same place.
    click(qtbot, view, leaf)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.visualRect(leaf).center())
    assert selection.ids == ["icg-report"]
    assert selection.current_item == "icg-c-20pc"


def test_the_ledger_follows_edits_and_keeps_what_was_expanded(qtbot, dock, session):
    dock.tabs.setCurrentIndex(2)
    proxy, view = dock.ledger_proxy, dock.ledger_view
    exchanges = next(i for p, i in ledger_rows(proxy) if p == ("Exchanges (8)",))
    view.collapse(exchanges)
    session.apply(ChangeSet(delete_links=(session.project.links[0].key,)), "unlink")
    paths = {p: i for p, i in ledger_rows(proxy)}
    assert ("Exchanges (7)",) in paths
    assert not view.isExpanded(paths[("Exchanges (7)",)])
    assert view.isExpanded(paths[("Iran (12)",)])


def test_the_ledger_waits_until_it_is_shown(dock, session):
    dock.tabs.setCurrentIndex(2)
    dock.tabs.setCurrentIndex(0)
    session.apply(ChangeSet(delete_events=("icg-report",)), "delete")
    top = [p[0] for p, _ in ledger_rows(dock.ledger_model) if len(p) == 1]
    assert "Iran (12)" in top
    dock.tabs.setCurrentIndex(2)
    top = [p[0] for p, _ in ledger_rows(dock.ledger_model) if len(p) == 1]
    assert top == ["Iran (5)", "P5+1 (4)", "Exchanges (2)"]


def test_the_ledger_filter_keeps_whole_branches(qtbot, dock):
    dock.tabs.setCurrentIndex(2)
    qtbot.keyClicks(dock.filters["ledger"], "stockpile")
    paths = [p for p, _ in ledger_rows(dock.ledger_proxy)]
    assert ("Iran (12)", "Conceded (4)", "stockpile (1)",
            "Keep the stock of 5%-enriched uranium under an agreed ceiling") in paths
    assert all("Offered" not in p[1] for p in paths if len(p) > 1 and p[0] == "Iran (12)")


def test_an_edit_that_moves_rows_keeps_both_tables_sorted(dock, session, qtmodeltester):
    from negotiator_gui.domain.dates import PartialDate
    models = (dock.event_model, dock.item_model)
    for model in models:
        model.sort(1, Qt.SortOrder.AscendingOrder)
    event = next(e for e in session.project.events if e.id == "almaty-2")
    moved = replace(event, start=PartialDate(2013, 1, 2), end=None)
    session.apply(ChangeSet(put_events=(moved,)), "Move")
    for model in models:
        keys = [model.key_at(row) for row in range(model.rowCount())]
        assert keys == model._sorted(keys)
        qtmodeltester.check(model)

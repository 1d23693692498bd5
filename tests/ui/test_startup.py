"""Start-up stays quick: slow libraries load only when needed, and work deferred past
the first frame still happens."""

from __future__ import annotations

import subprocess
import sys

from negotiator_gui.storage.project_store import ProjectStore

HEAVY = ("sqlite_utils", "reportlab", "pypdfium2", "PIL", "negotiator_gui.export.briefing",
         "negotiator_gui.ui.export_dialog", "negotiator_gui.ui.records_dialog",
         "negotiator_gui.ui.backups_dialog", "negotiator_gui.ui.conflict_dialog",
         "negotiator_gui.ui.event_form", "negotiator_gui.ui.item_editor",
         "negotiator_gui.ui.proposals_view", "negotiator_gui.interchange.json_format",
         "negotiator_gui.ui.ledger_model", "negotiator_gui.domain.ledger")


def test_opening_a_project_in_the_window_loads_no_heavy_library(demo_file):
    script = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from negotiator_gui.ui.app_settings import AppSettings\n"
        "from negotiator_gui.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"w = MainWindow(AppSettings(QSettings({str(demo_file) + '.ini'!r}, "
        "QSettings.Format.IniFormat)))\n"
        "w.show()\n"
        f"assert w.open_path(__import__('pathlib').Path({str(demo_file)!r}))\n"
        "w.grab()\n"
        "app.processEvents()\n"
        "print(' '.join(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    loaded = [name for name in HEAVY if name in out]
    assert loaded == [], f"loaded at start-up: {loaded}"
    assert "negotiator_gui.ui.timeline_view" in out  # the check itself works


def test_the_open_window_announces_itself_to_colleagues_after_the_first_frame(
        window, demo_file, qtbot):
    window.open_path(demo_file)
    with ProjectStore.open(demo_file) as other:
        qtbot.waitUntil(lambda: len(other.colleagues()) == 1, timeout=3000)
        assert other.colleagues()[0].user == window.session.store.author.user


def test_a_new_file_still_gets_its_schema_through_sqlite_utils(tmp_path):
    with ProjectStore.create(tmp_path / "new.sqlite") as store:
        tables = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        names = [r[0] for r in store.conn.execute(
            "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert {"events", "items", "links", "presence"} <= tables
    from negotiator_gui.storage import schema
    assert names == list(schema.MIGRATION_NAMES) == [m.name for m in schema.migrations._migrations]


def test_the_items_table_is_read_only_once_its_tab_is_shown(window, demo_file):
    from dataclasses import replace

    from negotiator_gui.domain.changes import ChangeSet
    from negotiator_gui.ui.table_cells import ITEM_ID_ROLE

    dock = window.table_dock
    window.open_path(demo_file)
    project = window.session.project
    assert dock.tabs.currentIndex() == 0
    assert dock.event_model.rowCount() == len(project.events)
    assert dock.item_model.rowCount() == 0  # nobody looks: not sorted at opening
    window.selection.select(["almaty-1"])
    event = next(e for e in project.events if e.id == "almaty-1")
    first = event.items[0]
    edited = replace(event, items=(replace(first, text="Renamed while hidden"),
                                   *event.items[1:]))
    assert window.session.apply(ChangeSet(put_events=(edited,)), "Rename an item")
    assert dock.item_model.rowCount() == 0
    dock.tabs.setCurrentIndex(1)
    assert dock.item_model.rowCount() == project.counts()["items"]
    row = dock.item_model.row_of(first.id)
    assert dock.item_model.index(row, 5).data() == "Renamed while hidden"
    chosen = {i.data(ITEM_ID_ROLE) for i in dock.items_view.selectionModel().selectedRows()}
    assert chosen == {i.id for i in event.items}  # the selection is shown there too
    dock.tabs.setCurrentIndex(0)  # once read, later edits still reach it when shown again
    assert window.session.apply(ChangeSet(put_events=(event,)), "Rename it back")
    dock.tabs.setCurrentIndex(1)
    row = dock.item_model.row_of(first.id)
    assert dock.item_model.index(row, 5).data() == first.text


def test_the_events_table_sorts_by_start_as_the_general_key_would(window, demo_file):
    from PySide6.QtCore import Qt

    from negotiator_gui.ui.event_table_model import START
    from negotiator_gui.ui.table_cells import date_sort_key

    window.open_path(demo_file)
    model = window.table_dock.event_model
    events = window.session.project.events
    expected = sorted((e.id for e in events), key=lambda i: (
        date_sort_key(model.event_of(i).start), date_sort_key(model.event_of(i).start), i))
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        model.sort(START, order)
        rows = [model.key_at(r) for r in range(model.rowCount())]
        wanted = expected if order == Qt.SortOrder.AscendingOrder else expected[::-1]
        assert rows == wanted
    assert len(set(date_sort_key(e.start) for e in events)) > 1  # a real ordering


def test_the_proposals_tab_is_made_and_filled_when_first_shown(window, demo_file, qtbot):
    dock = window.table_dock
    window.open_path(demo_file)
    assert dock._proposals is None
    dock.tabs.setCurrentIndex(dock.tabs.count() - 1)
    view = dock.proposals_view
    qtbot.waitUntil(lambda: view.isVisible())
    assert view.topLevelItemCount() > 0
    assert dock.tabs.currentWidget().isAncestorOf(view)


def test_the_program_entry_point_loads_no_heavy_library():
    script = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
              "import negotiator_gui.app\n"
              "print(' '.join(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    assert "negotiator_gui.ui.main_window" in out
    assert [name for name in HEAVY + ("negotiator_gui.operations",) if name in out] == []


def test_the_ledger_is_made_when_its_tab_is_first_shown(window, demo_file):
    from negotiator_gui.ui.table_dock import TableDock
    window.open_path(demo_file)
    dock = window.findChild(TableDock)
    assert dock._ledger is None  # not made for the first frame
    dock.tabs.setCurrentWidget(dock._ledger_page)
    assert dock._ledger is not None and dock.ledger_view.isVisible()
    assert dock.ledger_proxy.rowCount() > 0  # filled at once, not stale
    dock.filters["ledger"].setText("enrichment")
    assert dock.ledger_proxy.rowCount() > 0


def test_the_first_edit_is_prepared_after_the_first_frame(qtbot, demo_file):
    """Opening leaves the events' order for later; the idle time after the first
    frame works it out, so that the first drag does not."""
    from negotiator_gui.domain.project_index import index_of
    from negotiator_gui.ui.session import ProjectSession

    session = ProjectSession()
    session.open(demo_file)
    try:
        index = index_of(session.project)
        assert index._order is None  # not on the way to the first frame
        qtbot.waitUntil(lambda: index._order is not None and index._checked.get("events"),
                        timeout=2000)
        assert index.order == sorted(index.order)
    finally:
        session.close()

"""Colleagues on one file: their edits appear, and nobody's edit is silently overwritten."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.conflict_dialog import ConflictDialog


def colleague_renames(path, event_id: str, title: str) -> None:
    """Another program (another connection) renames an event and commits."""
    with ProjectStore.open(path) as other:
        base = other.load()
        event = next(e for e in base.events if e.id == event_id)
        other.write_versioned(ChangeSet(put_events=(replace(event, title=title),)), base,
                              other.versions(), "Colleague's rename")


def title_on_screen(window, event_id: str) -> str:
    return window.view.timeline.items_of(event_id)[0].event.title


def test_a_colleagues_edit_appears_within_seconds_keeping_the_selection(window, demo_file,
                                                                        qtbot):
    window.open_path(demo_file)
    window.selection.select(["almaty-1"])
    colleague_renames(demo_file, "almaty-2", "Almaty II (theirs)")
    qtbot.waitUntil(lambda: title_on_screen(window, "almaty-2") == "Almaty II (theirs)",
                    timeout=3000)
    assert window.selection.ids == ["almaty-1"]


def test_editing_a_record_a_colleague_changed_shows_both_and_overwrites_nothing(
        window, demo_file, qtbot):
    window.open_path(demo_file)
    window.watch_timer.stop()  # the colleague's edit must not be read in first
    colleague_renames(demo_file, "almaty-2", "Theirs")
    event = next(e for e in window.session.project.events if e.id == "almaty-2")
    assert not window.session.apply(ChangeSet(put_events=(replace(event, title="Mine"),)),
                                    "Rename")
    dialog = window.findChild(ConflictDialog, "conflictDialog")
    assert dialog is not None and dialog.isVisible()
    assert ("Event “Theirs”", "title", "Theirs", "Mine") in dialog.rows
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert {e.id: e.title for e in store.load().events}["almaty-2"] == "Theirs"
    dialog.choose_mine()
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert {e.id: e.title for e in store.load().events}["almaty-2"] == "Mine"


def test_keep_theirs_drops_my_edit_and_shows_theirs(window, demo_file, qtbot):
    window.open_path(demo_file)
    window.watch_timer.stop()
    colleague_renames(demo_file, "almaty-2", "Theirs")
    event = next(e for e in window.session.project.events if e.id == "almaty-2")
    window.session.apply(ChangeSet(put_events=(replace(event, title="Mine"),)), "Rename")
    window.findChild(ConflictDialog, "conflictDialog").choose_theirs()
    assert title_on_screen(window, "almaty-2") == "Theirs"


def test_undoing_an_edit_a_colleague_changed_since_is_a_conflict(window, demo_file, qtbot):
    window.open_path(demo_file)
    session = window.session
    event = next(e for e in session.project.events if e.id == "almaty-2")
    assert session.apply(ChangeSet(put_events=(replace(event, title="Mine"),)), "Rename")
    colleague_renames(demo_file, "almaty-2", "Theirs after mine")
    assert session.check_for_changes()
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: window.findChild(ConflictDialog, "conflictDialog") is not None)
    qtbot.waitUntil(lambda: session.undo_stack.index() == 1)
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert {e.id: e.title for e in store.load().events}["almaty-2"] == "Theirs after mine"


def test_the_window_shows_who_else_has_the_file_open(window, demo_file, qtbot):
    window.open_path(demo_file)
    with ProjectStore.open(demo_file) as other:
        other.author = type(other.author)("colleague", "desk-7")
        other.announce()
        qtbot.waitUntil(lambda: window.presence_label.isVisible(), timeout=3000)
        assert window.presence_label.text() == "Also open: colleague"
        assert "colleague on desk-7, since" in window.presence_label.toolTip()
        other.withdraw()
    qtbot.waitUntil(lambda: not window.presence_label.isVisible(), timeout=3000)


def test_a_crashed_colleagues_presence_expires(demo_file):
    from negotiator_gui.storage import presence
    with ProjectStore.open(demo_file) as a, ProjectStore.open(demo_file) as b:
        b.announce()
        assert len(a.colleagues()) == 1
        with b.transaction() as conn:  # as if b's last beat was long ago, then it crashed
            conn.execute("UPDATE presence SET seen_at = '2000-01-01T00:00:00+00:00'")
        assert a.colleagues() == []
        a.announce()
        rows = a.conn.execute("SELECT count(*) FROM presence").fetchone()[0]
        assert rows == 1
        assert presence.EXPIRE_S > presence.HEARTBEAT_S * 3


def test_scheduled_backups_and_restore_from_the_file_menu(window, demo_file, qtbot,
                                                          monkeypatch, tmp_path):
    from negotiator_gui.ui import session as session_module
    monkeypatch.setattr(session_module, "data_dir", lambda: tmp_path / "data")
    window.open_path(demo_file)
    session = window.session
    assert session.take_backup_if_changed()      # the first one, on schedule
    assert not session.take_backup_if_changed()  # nothing changed since
    event = next(e for e in session.project.events if e.id == "almaty-2")
    session.apply(ChangeSet(put_events=(replace(event, title="After backup"),)), "Rename")
    dialog = window.show_backups()
    assert dialog.list.count() == 1
    monkeypatch.setattr(dialog, "confirm", lambda when: True)
    assert dialog.restore_chosen()
    assert title_on_screen(window, "almaty-2") == "Almaty talks, second round"
    with ProjectStore.open(demo_file, read_only=True) as store:
        assert {e.id: e.title for e in store.load().events}["almaty-2"] != "After backup"


def test_the_history_panel_lists_changes_and_a_records_history_is_one_click_away(
        window, demo_file, qtbot, qtmodeltester):
    window.open_path(demo_file)
    session = window.session
    event = next(e for e in session.project.events if e.id == "almaty-2")
    session.apply(ChangeSet(put_events=(replace(event, title="Almaty II"),)),
                  "Edit title of “Almaty talks, second round”")
    colleague_renames(demo_file, "almaty-1", "Almaty I")
    session.check_for_changes()
    panel = window.change_history
    qtbot.waitUntil(lambda: len(panel.model.entries) >= 2)
    qtmodeltester.check(panel.model)
    assert {e.action for e in panel.model.entries} >= {
        "Edit title of “Almaty talks, second round”", "Colleague's rename"}
    window.selection.select(["almaty-2"])
    qtbot.mouseClick(window.inspector.history_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    assert [e.record_id for e in panel.model.entries] == ["almaty-2"]
    panel.table.selectRow(0)
    assert "before: Almaty talks, second round" in panel.details.toPlainText()
    assert "after:  Almaty II" in panel.details.toPlainText()


def test_a_hundred_edits_from_another_process_appear_keeping_the_selection(
        window, demo_file, qtbot):
    import subprocess
    import sys

    from tests.conftest import REPO
    window.open_path(demo_file)
    window.selection.select(["almaty-2"])
    done = subprocess.run([sys.executable, "-m", "tests.storage.writer_worker",
                           str(demo_file), "100", "b"], cwd=REPO, capture_output=True)
    assert done.returncode == 0
    qtbot.waitUntil(lambda: len(window.session.project.events) == 105, timeout=3000)
    assert {f"b-{n}" for n in range(100)} <= set(window.view.timeline.event_items)
    assert window.selection.ids == ["almaty-2"]

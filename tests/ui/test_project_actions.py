"""File > Import and File > Project Details: one undo step each, written to the file at once."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog

from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui import project_actions
from tests.conftest import HISTORY, sha256


def _on_disk(path):
    store = ProjectStore.open(path, read_only=True)
    try:
        return store.load()
    finally:
        store.close()


def test_importing_a_json_file_adds_its_records_in_one_undo_step(window, demo_file):
    window.open_path(demo_file)
    before = window.session.project.counts()
    assert project_actions.import_path(window, HISTORY)
    after = _on_disk(demo_file).counts()
    assert after["events"] > before["events"] + 200
    assert window.session.project.counts() == after
    assert window.session.undo_stack.undoText() == "Import “iran_nuclear_2002_2016.json”"
    window.session.undo_stack.undo()
    assert _on_disk(demo_file).counts() == before


def test_a_csv_file_is_imported_with_its_new_tracks(window, demo_file, tmp_path):
    window.open_path(demo_file)
    csv = tmp_path / "events.csv"
    csv.write_text("start,end,kind,title,track,location,parties,status,summary\n"
                   "2013-05-15,,meeting,Istanbul follow-up,Back channel,Istanbul,,held,\n",
                   encoding="utf-8")
    assert project_actions.import_path(window, csv)
    project = _on_disk(demo_file)
    assert "Istanbul follow-up" in {e.title for e in project.events}
    assert "Back channel" in {t.name for t in project.tracks}


def test_a_bad_file_is_refused_with_its_problems_and_nothing_changes(window, demo_file, tmp_path):
    window.open_path(demo_file)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "negotiator", "version": 1, "events": [
        {"id": "x", "title": "", "track": "nowhere", "start": "2013-02-30"}]}),
        encoding="utf-8")
    digest = sha256(demo_file)
    assert not project_actions.import_path(window, bad)
    assert "bad.json" in window.last_error and "events[0]" in window.last_error
    assert sha256(demo_file) == digest
    assert window.session.undo_stack.count() == 0


def test_other_file_types_are_refused_by_name(window, demo_file, tmp_path):
    window.open_path(demo_file)
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert not project_actions.import_path(window, other)
    assert "notes.txt" in window.last_error and ".json or .csv" in window.last_error


def test_import_is_offered_only_for_an_editable_project(window, demo_file):
    window.open_path(demo_file, read_only=True)
    assert not window.actions_.import_.isEnabled()
    assert not project_actions.import_path(window, HISTORY)
    window.open_path(demo_file)
    assert window.actions_.import_.isEnabled()


def test_project_details_are_edited_in_one_undo_step(window, demo_file, qtbot):
    window.open_path(demo_file)
    old = window.session.project.info
    window.actions_.details.trigger()
    dialog = window.project_details_dialog
    dialog.title.setText("  Almaty and after  ")
    dialog.marking.setText("RESTRICTED")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    info = _on_disk(demo_file).info
    assert (info.title, info.marking, info.subject) == ("Almaty and after", "RESTRICTED",
                                                        old.subject)
    window.session.undo_stack.undo()
    assert _on_disk(demo_file).info == old


def test_an_empty_title_is_refused_beside_the_field_and_kept_open(window, demo_file):
    window.open_path(demo_file)
    window.actions_.details.trigger()
    dialog = window.project_details_dialog
    dialog.title.setText("   ")
    dialog.subject.setText("typed text stays")
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.text()
    assert dialog.subject.text() == "typed text stays"
    dialog.reject()
    assert window.session.undo_stack.count() == 0


def test_dropping_an_exchange_file_on_an_open_project_imports_it(window, demo_file):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent
    window.open_path(demo_file)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(HISTORY))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.path == demo_file
    assert _on_disk(demo_file).counts()["events"] > 200


def test_import_asks_for_a_file_beside_the_project_and_imports_it(window, demo_file,
                                                                   monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    asked = []

    def choose(*args, **kwargs):
        asked.append(args[2])
        return str(HISTORY), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window.open_path(demo_file)
    window.actions_.import_.trigger()
    assert asked == [str(demo_file.parent)]
    assert _on_disk(demo_file).counts()["events"] > 200

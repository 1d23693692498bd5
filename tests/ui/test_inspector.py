"""The inspector: a user edits the selected event, its items and links; each edit is in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QWidget

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import DateError
from negotiator_gui.domain.model import Event, Link, Project
from negotiator_gui.interchange import json_format
from negotiator_gui.storage.errors import ProjectFileError
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.form_fields import fill, tip
from negotiator_gui.ui.inspector_dock import InspectorDock
from negotiator_gui.ui.item_editor import new_item_id
from negotiator_gui.ui.partial_date_edit import parse_date_text
from negotiator_gui.ui.session import ProjectSession

CTRL = Qt.KeyboardModifier.ControlModifier


# -- fixtures and helpers ------------------------------------------------------

def reopened(path: Path) -> Project:
    with ProjectStore.open(path, read_only=True) as store:
        return store.load()


def event_on_disk(path: Path, event_id: str) -> Event:
    return next(e for e in reopened(path).events if e.id == event_id)


def file_json(path: Path) -> str:
    return json_format.dumps(reopened(path))


@pytest.fixture
def almaty(dock, selection) -> InspectorDock:
    selection.select(["almaty-1"])
    return dock


def retype(qtbot, edit: QWidget, text: str) -> None:
    """Select everything in a text field, type `text`, press Enter."""
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def pick(combo: QComboBox, label: str) -> None:
    """Choose the entry shown as `label`, as a click in the opened list would."""
    index = combo.findText(label)
    assert index >= 0, f"{label!r} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def tick(qtbot, checks: QListWidget, label: str) -> None:
    """Toggle the check box of the row shown as `label`, with the keyboard."""
    row = checks.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    checks.setCurrentItem(row)
    qtbot.keyClick(checks, Qt.Key.Key_Space)


def click_box(qtbot, box: QCheckBox) -> None:
    """Click the check box's indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


# -- showing ---------------------------------------------------------------------

def test_nothing_selected_invites_a_selection(dock):
    assert dock.pages.currentWidget() is dock.empty_label
    assert "Select an event on the timeline" in dock.empty_label.text()


def test_the_selected_event_fills_every_field(almaty):
    form = almaty.form
    assert form.title_edit.text() == "Almaty talks, first round"
    assert form.kind_combo.currentText() == "Round of talks"
    assert form.track_combo.currentText() == "Political directors"
    assert form.start_edit.text() == "2013-02-26"
    assert "known to the day" in form.start_edit.hint.text()
    assert form.end_edit.text() == "2013-02-27"
    assert form.parties_list.checked() == ("iran", "p5+1", "eu")
    assert form.sources_list.checked() == ("article",)
    assert form.tags_edit.text() == "sanctions, enrichment"
    assert not form.restricted_check.isChecked()
    assert almaty.item_editor.items_list.count() == 4
    assert almaty.tabs.tabText(1) == "Items (4)"


def test_focus_title_selects_the_whole_title(almaty):
    almaty.focus_title()
    assert almaty.form.title_edit.selectedText() == "Almaty talks, first round"


def test_labels_have_buddies_and_controls_accessible_names(almaty):
    form = almaty.form
    for binding in (*form.fields.values(), *almaty.item_editor.fields.values()):
        assert binding.widget.accessibleName(), binding.name
    for button in (almaty.item_editor.add_button, almaty.item_editor.add_link_button):
        assert button.toolTip()


# -- editing the event -----------------------------------------------------------

def test_each_event_field_edit_is_written_at_once(qtbot, almaty, session, demo_file):
    form = almaty.form
    retype(qtbot, form.title_edit, "Almaty I")
    pick(form.kind_combo, "Meeting")
    pick(form.track_combo, "Technical experts")
    retype(qtbot, form.start_edit.line_edit, "25 Feb 2013")
    retype(qtbot, form.end_edit.line_edit, "")
    retype(qtbot, form.location_edit, "Almaty")
    tick(qtbot, form.parties_list, "United States")
    tick(qtbot, form.parties_list, "European Union (High Representative, convenor of the talks)")
    pick(form.status_combo, "Postponed")
    form.summary_edit.selectAll()
    qtbot.keyClicks(form.summary_edit, "Short summary.")
    qtbot.keyClick(form.summary_edit, Qt.Key.Key_Return, CTRL)
    retype(qtbot, form.tags_edit, "sanctions, , talks, sanctions")
    tick(qtbot, form.sources_list, "Spider Web: The Making and Unmaking of Iran Sanctions")
    click_box(qtbot, form.restricted_check)

    event = event_on_disk(demo_file, "almaty-1")
    assert (event.title, event.kind, event.track) == ("Almaty I", "meeting", "experts")
    assert (event.start, event.end) == (PartialDate(2013, 2, 25), None)
    assert event.location == "Almaty"
    assert event.parties == ("p5+1", "iran", "us")  # kept in their order, new ones last
    assert event.status == "postponed"
    assert event.summary == "Short summary."
    assert event.tags == ("sanctions", "talks")
    assert event.sources == ("article", "icg-2013")
    assert event.restricted is True
    assert len(event.items) == 4
    assert session.undo_stack.count() == 13
    assert session.undo_stack.text(0) == "Edit title of “Almaty talks, first round”"
    assert form.start_edit.text() == "2013-02-25"  # what was understood, in its kept form


def test_leaving_a_field_keeps_what_was_typed(qtbot, almaty, demo_file):
    almaty.activateWindow()
    qtbot.waitActive(almaty)
    form = almaty.form
    form.summary_edit.setFocus()
    qtbot.keyClicks(form.summary_edit, "Opening. ")
    form.location_edit.setFocus()
    qtbot.keyClicks(form.location_edit, ", day one")
    form.title_edit.setFocus()
    event = event_on_disk(demo_file, "almaty-1")
    assert event.summary.startswith("Opening. The six powers")
    assert event.location == "Almaty, Kazakhstan, day one"


def test_a_date_known_to_the_month_keeps_its_precision(qtbot, almaty, demo_file):
    retype(qtbot, almaty.form.end_edit.line_edit, "Mar 2013")
    assert event_on_disk(demo_file, "almaty-1").end == PartialDate(2013, 3)
    assert "known to the month" in almaty.form.end_edit.hint.text()


def test_end_before_start_is_shown_not_written_and_the_text_stays(qtbot, almaty, session,
                                                                   demo_file):
    before = file_json(demo_file)
    retype(qtbot, almaty.form.end_edit.line_edit, "2013-01-05")
    assert "before the start" in almaty.form.error_text("end")
    assert almaty.form.fields["end"].error.isVisible()
    assert almaty.form.end_edit.text() == "2013-01-05"
    assert file_json(demo_file) == before
    assert session.undo_stack.count() == 0
    # a colleague's edit elsewhere does not wipe what the user typed
    retype(qtbot, almaty.form.location_edit, "Almaty, KZ")
    assert almaty.form.end_edit.text() == "2013-01-05"
    retype(qtbot, almaty.form.end_edit.line_edit, "2013-02-28")
    assert almaty.form.error_text("end") == ""
    assert event_on_disk(demo_file, "almaty-1").end == PartialDate(2013, 2, 28)


@pytest.mark.parametrize(("field", "text", "message"), [
    ("title", "", "needs a title"),
    ("start", "26 Febtember 2013", "not a date"),
    ("start", "2013-02-30", "has no day 30"),
])
def test_invalid_input_is_refused_beside_its_field(qtbot, almaty, demo_file, field, text,
                                                   message):
    before = file_json(demo_file)
    binding = almaty.form.fields[field]
    edit = binding.widget if isinstance(binding.widget, QLineEdit) else binding.widget.line_edit
    retype(qtbot, edit, text)
    assert message in almaty.form.error_text(field)
    assert edit.text() == text
    assert file_json(demo_file) == before


def test_a_refused_write_keeps_what_was_typed(qtbot, almaty, session, demo_file, monkeypatch):
    def locked(*_args, **_kwargs):
        raise ProjectFileError(demo_file, "the file is locked by a colleague")

    failures = []
    session.write_failed.connect(failures.append)
    monkeypatch.setattr(session.store, "write_versioned", locked)
    retype(qtbot, almaty.form.title_edit, "Lost?")
    assert failures and "locked" in failures[0]
    assert almaty.form.title_edit.text() == "Lost?"
    monkeypatch.undo()
    qtbot.keyClick(almaty.form.title_edit, Qt.Key.Key_Return)  # try again once it is free
    assert event_on_disk(demo_file, "almaty-1").title == "Lost?"


def test_undo_of_an_inspector_edit_restores_the_file(qtbot, almaty, session, demo_file):
    before = file_json(demo_file)
    retype(qtbot, almaty.form.title_edit, "Renamed")
    assert event_on_disk(demo_file, "almaty-1").title == "Renamed"
    session.undo_stack.undo()
    assert file_json(demo_file) == before
    assert almaty.form.title_edit.text() == "Almaty talks, first round"
    session.undo_stack.redo()
    assert event_on_disk(demo_file, "almaty-1").title == "Renamed"


def test_a_refresh_leaves_unsaved_typing_alone(qtbot, almaty, session):
    qtbot.keyClicks(almaty.form.title_edit, " (draft)")
    almaty.form.location_edit.setText("Somewhere else")  # a field the user is not in
    session.reload()  # as when a colleague's edit arrives
    assert almaty.form.title_edit.text() == "Almaty talks, first round (draft)"
    assert almaty.form.location_edit.text() == "Almaty, Kazakhstan"


def test_typing_is_kept_for_its_event_when_the_selection_moves(qtbot, almaty, selection,
                                                               demo_file):
    qtbot.keyClicks(almaty.form.location_edit, " (Rixos hotel)")
    selection.select(["almaty-2"])
    assert event_on_disk(demo_file, "almaty-1").location == "Almaty, Kazakhstan (Rixos hotel)"
    assert event_on_disk(demo_file, "almaty-2").location != "Almaty, Kazakhstan (Rixos hotel)"
    assert almaty.form.title_edit.text() == "Almaty talks, second round"


# -- several events --------------------------------------------------------------

def test_several_events_are_set_in_one_undo_step(qtbot, dock, selection, session, demo_file):
    ids = ["almaty-1", "almaty-2", "icg-report"]
    selection.select(ids)
    assert "3 events selected" in dock.heading.text()
    assert not dock.form.title_edit.isVisibleTo(dock)
    assert dock.form.kind_combo.currentIndex() == -1  # the kinds differ
    before = file_json(demo_file)
    pick(dock.form.status_combo, "Cancelled")
    pick(dock.form.kind_combo, "Meeting")
    click_box(qtbot, dock.form.restricted_check)
    project = reopened(demo_file)
    chosen = [e for e in project.events if e.id in ids]
    assert {(e.status, e.kind, e.restricted) for e in chosen} == {("cancelled", "meeting", True)}
    assert session.undo_stack.count() == 3
    assert session.undo_stack.text(0) == "Set status of 3 events"
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert file_json(demo_file) == before


def test_tracks_of_several_events_change_together(dock, selection, demo_file):
    selection.select(["almaty-1", "almaty-2"])
    pick(dock.form.track_combo, "Security Council")
    tracks = {e.track for e in reopened(demo_file).events if e.id.startswith("almaty")}
    assert tracks == {"security-council"}


# -- items -----------------------------------------------------------------------

def items_on_disk(path: Path, event_id: str = "almaty-1") -> list[str]:
    return [i.id for i in event_on_disk(path, event_id).items]


def test_choosing_an_item_tells_the_selection(almaty, selection):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(2)
    assert selection.current_item == "a1-step-by-step"
    assert editor.text_edit.text() == "Any agreement to proceed in reciprocal, phased steps"
    selection.set_current_item("a1-pathway")
    assert editor.items_list.currentRow() == 0


def test_add_edit_move_and_delete_items(qtbot, almaty, session, demo_file):
    editor = almaty.item_editor
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    new_id = "almaty-1-item-1"
    assert items_on_disk(demo_file)[-1] == new_id
    assert editor.current_item_id() == new_id
    qtbot.keyClicks(editor.text_edit, "Freeze on new centrifuges")  # the text is selected
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    pick(editor.type_combo, "Concession")
    pick(editor.by_combo, "Iran")
    pick(editor.to_combo, "P5+1")
    pick(editor.status_combo, "Agreed")
    editor.subject_combo.lineEdit().selectAll()
    qtbot.keyClicks(editor.subject_combo.lineEdit(), "centrifuges")
    qtbot.keyClick(editor.subject_combo.lineEdit(), Qt.Key.Key_Return)
    tick(qtbot, editor.sources_list, "Spider Web: The Making and Unmaking of Iran Sanctions")
    click_box(qtbot, editor.restricted_check)
    item = event_on_disk(demo_file, "almaty-1").items[-1]
    assert (item.text, item.type, item.by, item.to) == (
        "Freeze on new centrifuges", "concession", "iran", "p5+1")
    assert (item.status, item.subject, item.sources, item.restricted) == (
        "agreed", "centrifuges", ("icg-2013",), True)

    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert items_on_disk(demo_file) == ["a1-pathway", "a1-enrich-right", new_id,
                                        "a1-step-by-step", "a1-iran-proposal"]
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert items_on_disk(demo_file)[3] == new_id
    assert editor.items_list.currentRow() == 3
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert new_id not in items_on_disk(demo_file)
    assert almaty.tabs.tabText(1) == "Items (4)"
    assert session.undo_stack.text(session.undo_stack.count() - 1).startswith("Delete item")


def test_an_item_without_text_is_refused(qtbot, almaty, demo_file):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(0)
    editor.text_edit.selectAll()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    assert "needs a text" in editor.error_text("text")
    assert event_on_disk(demo_file, "almaty-1").items[0].text.startswith("Package")


def test_deleting_an_item_removes_its_links(qtbot, almaty, demo_file):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(0)  # a1-pathway: two links answer it
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert not [lk for lk in reopened(demo_file).links if "a1-pathway" in lk.key]


def test_new_item_ids_do_not_clash():
    assert new_item_id("e", {"e-item-1", "e-item-2"}) == "e-item-3"
    assert new_item_id("e", set()) == "e-item-1"


# -- links -------------------------------------------------------------------------

def test_add_a_link_with_the_picker_and_remove_it(qtbot, almaty, session, demo_file):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(2)  # a1-step-by-step
    assert editor.links_list.count() == 1
    assert "responds to → Package offering" in editor.links_list.item(0).text()
    qtbot.mouseClick(editor.add_link_button, Qt.MouseButton.LeftButton)
    picker = editor.link_picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter_edit, "security council")
    assert picker.visible_ids() == ["icg-r-unsc"]
    assert picker.choose("icg-r-unsc")
    picker.set_kind("conditional-on")
    qtbot.keyClicks(picker.note_edit, "only with relief")
    assert "conditional on" in picker.preview.text()
    picker.accept()
    link = Link("a1-step-by-step", "icg-r-unsc", "conditional-on", "only with relief")
    assert link in reopened(demo_file).links
    assert editor.links_list.count() == 2

    row = next(r for r in range(editor.links_list.count())
               if "Security Council" in editor.links_list.item(r).text())
    editor.links_list.setCurrentRow(row)
    qtbot.mouseClick(editor.remove_link_button, Qt.MouseButton.LeftButton)
    assert link.key not in {lk.key for lk in reopened(demo_file).links}
    assert session.undo_stack.text(session.undo_stack.count() - 1).startswith("Remove link")


def test_links_show_both_directions(almaty):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(0)  # a1-pathway is the target of two links
    texts = [editor.links_list.item(r).text() for r in range(editor.links_list.count())]
    assert len(texts) == 2 and all(t.startswith("← responds to this:") for t in texts)


def test_the_picker_refuses_a_link_that_exists(qtbot, almaty):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(2)
    picker = editor.open_link_picker()
    picker.choose("a1-pathway")
    picker.set_kind("responds-to")
    assert "already linked" in picker.preview.text()
    picker.accept()
    assert picker.isVisible()
    picker.reverse_check.setChecked(True)
    assert picker.link() == Link("a1-pathway", "a1-step-by-step", "responds-to")
    picker.reject()


# -- read-only and models ------------------------------------------------------------

def test_a_read_only_project_is_shown_but_not_editable(qtbot, demo_file, selection):
    session = ProjectSession()
    session.open(demo_file, read_only=True)
    dock = InspectorDock(session, selection)
    qtbot.addWidget(dock)
    dock.show()
    selection.select(["almaty-1"])
    form, editor = dock.form, dock.item_editor
    assert form.title_edit.text() == "Almaty talks, first round"
    assert form.title_edit.isReadOnly() and not form.kind_combo.isEnabled()
    assert not form.restricted_check.isEnabled()
    assert not form.parties_list.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    editor.items_list.setCurrentRow(0)
    assert not editor.add_button.isEnabled() and not editor.delete_button.isEnabled()
    assert not editor.add_link_button.isEnabled() and editor.text_edit.isReadOnly()
    assert dock.read_only_label.isVisibleTo(dock)
    qtbot.keyClicks(form.title_edit, "x")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert session.undo_stack.count() == 0
    session.close()


def test_the_lists_are_sound_item_models(qtmodeltester, almaty):
    editor = almaty.item_editor
    editor.items_list.setCurrentRow(0)
    picker = editor.open_link_picker()
    for view in (editor.items_list, editor.links_list, editor.sources_list,
                 almaty.form.parties_list, picker.candidates):
        qtmodeltester.check(view.model())
    picker.reject()


# -- reading dates -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("2013", "2013"), ("2013-02", "2013-02"), ("2013-2-6", "2013-02-06"),
    ("26 Feb 2013", "2013-02-26"), ("February 2013", "2013-02"), ("Feb 26, 2013", "2013-02-26"),
    ("  26  september 2013 ", "2013-09-26"),
])
def test_dates_are_read_as_people_type_them(text, iso):
    assert parse_date_text(text).iso() == iso


@pytest.mark.parametrize("text", ["Ma 2013", "2013-13", "2013-02-00", "soon", "2013/02/26"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(DateError):
        parse_date_text(text)


def test_a_blank_date_is_no_date():
    assert parse_date_text("  ") is None


def test_user_text_is_never_read_as_markup_or_as_a_placeholder():
    assert fill("Link %1 to %2", "a %2 b", "c") == "Link a %2 b to c"
    assert tip("<b>P5+1</b> & co\nline") == "<p>&lt;b&gt;P5+1&lt;/b&gt; &amp; co<br>line</p>"

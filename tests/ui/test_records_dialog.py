"""The parties, tracks and sources editors: every change one undo step, written at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from negotiator_gui.interchange import json_format
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.records_dialog import RecordsDialog
from negotiator_gui.ui.session import ProjectSession


def reopened(path):
    with ProjectStore.open(path, read_only=True) as store:
        return store.load()


def file_json(path) -> str:
    return json_format.dumps(reopened(path))


def record(path, kind: str, record_id: str):
    return next((r for r in getattr(reopened(path), kind) if r.id == record_id), None)


@pytest.fixture
def dialog(qtbot, session):
    d = RecordsDialog(session)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def retype(qtbot, editor, text: str) -> None:
    """Select all the field's text, type over it and press Enter, as a user does."""
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def last_step(session) -> str:
    stack = session.undo_stack
    return stack.text(stack.index() - 1)


# -- parties -------------------------------------------------------------------


def test_rename_a_party(qtbot, dialog, session, demo_file):
    page = dialog.page("parties")
    page.select("iran")
    retype(qtbot, page.editors["name"], "Iran (Islamic Republic)")
    assert record(demo_file, "parties", "iran").name == "Iran (Islamic Republic)"
    assert last_step(session) == "Rename party “Iran”"
    assert session.undo_stack.count() == 1
    assert page.list.currentItem().text() == "Iran — Iran (Islamic Republic)"


def test_recolour_a_party_by_typing_and_by_the_colour_chooser(qtbot, dialog, session,
                                                              demo_file, monkeypatch):
    page = dialog.page("parties")
    page.select("us")
    retype(qtbot, page.editors["color"], "#A0B0C0")
    assert record(demo_file, "parties", "us").color == "#a0b0c0"
    assert last_step(session) == "Recolour party “US”"
    monkeypatch.setattr(dialog, "choose_color", lambda initial: "#112233")
    qtbot.mouseClick(page.color_buttons["color"], Qt.MouseButton.LeftButton)
    assert record(demo_file, "parties", "us").color == "#112233"
    assert page.editors["color"].text() == "#112233"
    assert session.undo_stack.count() == 2


def test_set_the_members_of_a_party(qtbot, dialog, session, demo_file):
    page = dialog.page("parties")
    page.select("p5+1")
    members = page.members
    ids = [members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(members.count())]
    assert "p5+1" not in ids
    for party_id in ("ru", "eu"):
        members.setFocus()
        members.setCurrentRow(ids.index(party_id))
        qtbot.keyClick(members.viewport(), Qt.Key.Key_Space)
    assert record(demo_file, "parties", "p5+1").members == ("us", "uk", "fr", "de", "cn", "eu")
    assert last_step(session) == "Set members of party “P5+1”"
    assert session.undo_stack.count() == 2


def test_add_a_party_with_an_id_made_from_its_name(qtbot, dialog, session, demo_file):
    page = dialog.page("parties")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.draft and page.editors["id"].text() == "new-party"
    retype(qtbot, page.editors["name"], "Republic of Kazakhstan")
    # Enter in the name created it already; a short name is then an edit.
    assert record(demo_file, "parties", "republic-of-kazakhstan").name == "Republic of Kazakhstan"
    assert last_step(session) == "Add party “Republic of Kazakhstan”"
    assert not page.draft and page.current_id == "republic-of-kazakhstan"
    assert page.editors["id"].isReadOnly()
    retype(qtbot, page.editors["short"], "Kazakhstan")
    assert record(demo_file, "parties", "republic-of-kazakhstan").short == "Kazakhstan"
    assert last_step(session) == "Edit short name of party “Republic of Kazakhstan”"


def test_new_ids_stay_unique(qtbot, dialog, demo_file):
    page = dialog.page("parties")
    for _ in range(2):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    parties = [p.id for p in reopened(demo_file).parties]
    assert parties[-2:] == ["new-party", "new-party-2"]


def test_a_new_party_gets_the_members_ticked_before_it_is_created(qtbot, dialog, demo_file):
    page = dialog.page("parties")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    checked = [page.members.item(i).checkState() for i in range(page.members.count())]
    assert set(checked) == {Qt.CheckState.Unchecked}
    page.members.setCurrentRow(1)
    qtbot.keyClick(page.members.viewport(), Qt.Key.Key_Space)
    retype(qtbot, page.editors["name"], "E3+3")
    assert record(demo_file, "parties", "e3-3").members == ("p5+1",)


def test_a_duplicate_id_is_shown_and_nothing_is_written(qtbot, dialog, demo_file):
    before = file_json(demo_file)
    page = dialog.page("parties")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    retype(qtbot, page.editors["id"], "iran")
    assert page.errors["id"].isVisibleTo(dialog)
    assert "already" in page.errors["id"].text()
    assert page.draft and page.editors["id"].text() == "iran"
    assert file_json(demo_file) == before
    retype(qtbot, page.editors["id"], "iran-2")
    assert record(demo_file, "parties", "iran-2").name == "New party"
    assert page.errors["id"].isHidden()


def test_an_empty_name_is_shown_and_not_written_and_the_text_stays(qtbot, dialog, session,
                                                                    demo_file):
    before = file_json(demo_file)
    page = dialog.page("parties")
    page.select("iran")
    retype(qtbot, page.editors["name"], "")
    assert page.errors["name"].isVisibleTo(dialog)
    assert file_json(demo_file) == before
    assert session.undo_stack.count() == 0
    assert page.editors["name"].text() == ""


def test_a_bad_colour_is_shown_not_written_and_survives_other_edits(qtbot, dialog, demo_file):
    page = dialog.page("parties")
    page.select("p5+1")
    retype(qtbot, page.editors["color"], "blue")
    assert page.errors["color"].isVisibleTo(dialog)
    assert "#rrggbb" in page.errors["color"].text()
    assert record(demo_file, "parties", "p5+1").color == "#1f3f8a"
    retype(qtbot, page.editors["short"], "E3+3")
    assert record(demo_file, "parties", "p5+1").short == "E3+3"
    assert page.editors["color"].text() == "blue"
    assert record(demo_file, "parties", "p5+1").color == "#1f3f8a"
    retype(qtbot, page.editors["color"], "#000000")
    assert page.errors["color"].isHidden()
    assert record(demo_file, "parties", "p5+1").color == "#000000"


def test_merging_parties_is_one_undo_step_that_rewrites_everything(qtbot, dialog, session,
                                                                   demo_file, monkeypatch):
    before = file_json(demo_file)
    page = dialog.page("parties")
    page.select("p5+1")
    offered = []
    monkeypatch.setattr(dialog, "choose_record",
                        lambda title, text, choices: offered.extend(choices) or "eu")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert "p5+1" not in [i for i, _ in offered] and "eu" in [i for i, _ in offered]
    project = reopened(demo_file)
    assert "p5+1" not in [p.id for p in project.parties]
    eu = next(p for p in project.parties if p.id == "eu")
    assert eu.members == ("us", "uk", "fr", "de", "cn", "ru")
    almaty = next(e for e in project.events if e.id == "almaty-1")
    assert almaty.parties == ("eu", "iran")
    assert {(i.by, i.to) for i in almaty.items} == {("eu", "iran"), ("iran", "eu")}
    assert "p5+1" not in json_format.dumps(project)
    assert session.undo_stack.count() == 1
    assert last_step(session) == "Merge “P5+1” into “EU”"
    assert page.current_id == "eu"
    session.undo_stack.undo()
    assert file_json(demo_file) == before
    session.undo_stack.redo()
    assert "p5+1" not in [p.id for p in reopened(demo_file).parties]


def test_merge_cancelled_changes_nothing(qtbot, dialog, session, monkeypatch):
    page = dialog.page("parties")
    monkeypatch.setattr(dialog, "choose_record", lambda *args: None)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.count() == 0


# -- tracks --------------------------------------------------------------------


def track_ids(path) -> list[str]:
    return [t.id for t in reopened(path).tracks]


def test_add_a_track_at_the_end(qtbot, dialog, session, demo_file):
    dialog.show_tab("tracks")
    page = dialog.page("tracks")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.editors["name"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.editors["name"], "Unilateral sanctions")
    qtbot.keyClicks(page.editors["color"], "#aa0000")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    track = record(demo_file, "tracks", "unilateral-sanctions")
    assert (track.name, track.color, track.order) == ("Unilateral sanctions", "#aa0000", 5)
    assert track_ids(demo_file)[-1] == "unilateral-sanctions"
    assert last_step(session) == "Add track “Unilateral sanctions”"


def test_reorder_tracks_with_the_buttons(qtbot, dialog, session, demo_file):
    dialog.show_tab("tracks")
    page = dialog.page("tracks")
    page.select("experts")
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert track_ids(demo_file) == ["experts", "political", "iaea-iran", "security-council"]
    assert last_step(session) == "Move track “Technical experts” up"
    assert page.current_id == "experts" and not page.up_button.isEnabled()
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert track_ids(demo_file) == ["political", "iaea-iran", "experts", "security-council"]
    assert [t.order for t in reopened(demo_file).tracks] == [1, 2, 3, 4]
    assert session.undo_stack.count() == 3


def test_dropping_a_track_elsewhere_in_the_list_reorders(qtbot, dialog, session, demo_file,
                                                         qtmodeltester):
    page = dialog.page("tracks")
    model = page.list.model()
    qtmodeltester.check(model)
    # What the list view does on an internal drop.
    model.moveRow(QModelIndex(), 3, QModelIndex(), 0)
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1)
    assert track_ids(demo_file) == ["security-council", "political", "experts", "iaea-iran"]
    assert last_step(session) == "Reorder tracks"


def test_deleting_a_used_track_is_refused_with_what_uses_it(qtbot, dialog, session, demo_file,
                                                             monkeypatch):
    told = []
    monkeypatch.setattr(dialog, "inform", lambda title, text: told.append(text))
    monkeypatch.setattr(dialog, "confirm", lambda *args: pytest.fail("must not ask"))
    page = dialog.page("tracks")
    page.select("political")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    [text] = told
    for title in ("Crisis Group report: Spider Web", "Almaty talks, first round",
                  "Almaty talks, second round"):
        assert f"event “{title}” (track)" in text
    assert "Istanbul" not in text
    assert "political" in track_ids(demo_file)
    assert session.undo_stack.count() == 0


def test_deleting_an_unused_track_asks_and_works(qtbot, dialog, session, demo_file,
                                                 monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(dialog, "confirm", lambda title, text: answers.pop(0))
    page = dialog.page("tracks")
    page.select("security-council")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "security-council" in track_ids(demo_file)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "security-council" not in track_ids(demo_file)
    assert last_step(session) == "Delete track “Security Council”"
    assert page.current_id == "iaea-iran"
    session.undo_stack.undo()
    assert "security-council" in track_ids(demo_file)
    assert page.list.count() == 4


# -- sources -------------------------------------------------------------------

def test_add_a_source(qtbot, dialog, session, demo_file):
    dialog.show_tab("sources")
    page = dialog.page("sources")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.editors["title"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.editors["title"], "Joint Plan of Action")
    qtbot.keyClicks(page.editors["publisher"], "EU")
    qtbot.keyClicks(page.editors["date"], "2013-11")
    qtbot.keyClicks(page.editors["url"], "https://example.org/jpoa")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    source = record(demo_file, "sources", "joint-plan-of-action")
    assert (source.title, source.publisher, source.date.iso(), source.url) == (
        "Joint Plan of Action", "EU", "2013-11", "https://example.org/jpoa")
    assert last_step(session) == "Add source “Joint Plan of Action”"


def test_edit_a_source_and_a_bad_date_is_shown_not_written(qtbot, dialog, session, demo_file):
    dialog.show_tab("sources")
    page = dialog.page("sources")
    page.select("icg-2013")
    retype(qtbot, page.editors["date"], "2013-02")
    assert record(demo_file, "sources", "icg-2013").date.iso() == "2013-02"
    assert last_step(session).startswith("Edit date of source “Spider Web")
    retype(qtbot, page.editors["note"], "Read before Almaty.")
    assert record(demo_file, "sources", "icg-2013").note == "Read before Almaty."
    retype(qtbot, page.editors["date"], "2013-13")
    assert page.errors["date"].isVisibleTo(dialog)
    assert page.editors["date"].text() == "2013-13"
    assert record(demo_file, "sources", "icg-2013").date.iso() == "2013-02"
    retype(qtbot, page.editors["date"], "")
    assert record(demo_file, "sources", "icg-2013").date is None
    assert session.undo_stack.count() == 3


# -- the dialog ----------------------------------------------------------------


def test_undo_shows_the_old_value_in_the_form(qtbot, dialog, session):
    page = dialog.page("tracks")
    page.select("experts")
    retype(qtbot, page.editors["name"], "Experts")
    page.list.setFocus()
    session.undo_stack.undo()
    assert page.editors["name"].text() == "Technical experts"
    assert page.list.currentItem().text() == "Technical experts"


def test_show_tab(qtbot, session):
    d = RecordsDialog(session, tab="sources")
    qtbot.addWidget(d)
    assert d.tabs.currentWidget() is d.page("sources")
    d.show_tab("track")
    assert d.tabs.currentWidget() is d.page("tracks")


def test_a_read_only_project_can_only_be_viewed(qtbot, demo_file):
    session = ProjectSession()
    session.open(demo_file, read_only=True)
    d = RecordsDialog(session)
    qtbot.addWidget(d)
    d.show()
    page = d.page("parties")
    page.select("p5+1")
    assert page.editors["name"].text() == "P5+1 (E3+3)"
    assert page.editors["name"].isReadOnly()
    for button in (page.add_button, page.delete_button, page.merge_button,
                   page.color_buttons["color"]):
        assert not button.isEnabled()
    assert not page.members.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not d.page("tracks").up_button.isEnabled()
    assert d.status.text().startswith("View only")
    session.close()

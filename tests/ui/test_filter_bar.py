"""The filter bar as a user drives it: typing, ticking, dates, clearing; kept in the project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.filtering import FilterSpec
from negotiator_gui.operations import import_file
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.filter_bar import FILTER_SETTING, FilterBar
from negotiator_gui.ui.session import ProjectSession
from tests.conftest import HISTORY

# Popup menus on the offscreen platform say these of themselves.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ALMATY = {"almaty-1", "almaty-2", "istanbul-experts"}


def make_bar(qtbot, session: ProjectSession) -> FilterBar:
    bar = FilterBar(session)
    qtbot.addWidget(bar)
    bar.resize(1280, 34)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


@pytest.fixture
def bar(qtbot, session) -> FilterBar:
    return make_bar(qtbot, session)


def stored_spec(path) -> FilterSpec | None:
    with ProjectStore.open(path, read_only=True) as store:
        text = store.settings().get(FILTER_SETTING)
    return None if text is None else FilterSpec.from_json(text)


def open_section(qtbot, bar: FilterBar, name: str) -> QMenu:
    """Click Filters, then the section's entry; return the section's menu, open."""
    qtbot.mouseClick(bar.filters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bar.menu.isVisible)
    section = bar.menu.sections[name]
    where = bar.menu.actionGeometry(section.menuAction()).center()
    qtbot.mouseMove(bar.menu, where)
    qtbot.mouseClick(bar.menu, Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(section.isVisible)
    return section


def tick(qtbot, menu: QMenu, label_start: str) -> None:
    action = next(a for a in menu.actions() if a.text().startswith(label_start))
    where = menu.actionGeometry(action).center()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=where)


def test_no_filter_means_nothing_is_dimmed(bar):
    assert bar.matching() is None
    assert bar.spec.is_empty()
    assert bar.count_label.text() == ""
    assert not bar.clear_button.isVisible()


def test_typing_narrows_after_a_pause_and_is_stored(qtbot, bar, session):
    with qtbot.waitSignal(bar.filter_changed, timeout=2000) as changed:
        qtbot.keyClicks(bar.search_edit, "Almaty")
        assert bar.matching() is None            # not yet: the user is still typing
    assert changed.args[0].text == "Almaty"
    assert bar.matching() == ALMATY
    qtbot.keyClicks(bar.search_edit, " two")
    qtbot.waitUntil(lambda: bar.matching() == {"almaty-2"}, timeout=2000)
    assert bar.count_label.text() == "1 of 5 events match"
    assert stored_spec(session.path).text == "Almaty two"


def test_persian_typed_through_an_input_method_is_searched(qtbot, bar):
    bar.search_edit.setFocus()
    typed = QInputMethodEvent()
    typed.setCommitString("تهران")
    QApplication.sendEvent(bar.search_edit, typed)
    qtbot.waitUntil(lambda: bar.matching() == {"iaea-tehran-2013-02"}, timeout=2000)


def test_hostile_text_in_the_box_matches_nothing_and_raises_nothing(qtbot, bar):
    qtbot.keyClicks(bar.search_edit, '" OR * NEAR(')
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    assert bar.matching() == set()
    assert bar.count_label.text() == "0 of 5 events match"


def test_escape_clears_the_search(qtbot, bar):
    qtbot.keyClicks(bar.search_edit, "Almaty")
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    assert bar.matching() == ALMATY
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Escape)
    assert bar.search_edit.text() == ""
    assert bar.matching() is None


def test_ticking_parties_in_the_menu_narrows_and_the_menu_stays_open(qtbot, bar, session):
    parties = open_section(qtbot, bar, "parties")
    with qtbot.waitSignal(bar.filter_changed):
        tick(qtbot, parties, "IAEA")
    assert bar.matching() == {"iaea-tehran-2013-02"}
    assert parties.isVisible()
    tick(qtbot, parties, "EU")
    assert bar.matching() == {"iaea-tehran-2013-02", "almaty-1", "almaty-2"}
    assert bar.menu.sections["parties"].title() == "Parties (2)"
    assert bar.filters_button.text() == "Filters (1)"
    assert stored_spec(session.path).parties == {"iaea", "eu"}
    tick(qtbot, parties, "IAEA")
    assert bar.matching() == {"almaty-1", "almaty-2"}
    parties.close()
    bar.menu.close()


def test_kinds_statuses_and_text_combine(qtbot, bar):
    kinds = open_section(qtbot, bar, "kinds")
    tick(qtbot, kinds, "Round of talks")
    kinds.close()
    bar.menu.close()
    statuses = open_section(qtbot, bar, "statuses")
    tick(qtbot, statuses, "Floated")
    statuses.close()
    bar.menu.close()
    assert bar.matching() == {"almaty-1"}
    qtbot.keyClicks(bar.search_edit, "second")
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    assert bar.matching() == {"almaty-1"}          # its summary promises a second round


def test_tags_offer_the_projects_tags(qtbot, bar):
    tags = open_section(qtbot, bar, "tags")
    labels = [a.text() for a in tags.actions()]
    assert labels == ["enrichment", "iaea", "inspections", "sanctions", "technical"]
    tick(qtbot, tags, "technical")
    assert bar.matching() == {"istanbul-experts"}
    tags.close()
    bar.menu.close()


def test_a_date_range_typed_in_the_menu(qtbot, bar, session):
    qtbot.mouseClick(bar.filters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bar.menu.isVisible)
    qtbot.mouseClick(bar.menu.from_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.menu.from_edit, "2013-03")
    qtbot.keyClick(bar.menu.from_edit, Qt.Key.Key_Return)
    assert bar.matching() == {"istanbul-experts", "almaty-2"}
    assert stored_spec(session.path).start == PartialDate(2013, 3)
    bar.menu.to_edit.setFocus()
    qtbot.keyClicks(bar.menu.to_edit, "2013-13")
    qtbot.keyClick(bar.menu.to_edit, Qt.Key.Key_Return)
    assert bar.spec.end is None                    # refused, and the text stays
    assert bar.menu.to_edit.text() == "2013-13"
    assert "month" in bar.menu.to_edit.toolTip()
    bar.menu.to_edit.clear()
    qtbot.keyClicks(bar.menu.to_edit, "2013-03")
    qtbot.keyClick(bar.menu.to_edit, Qt.Key.Key_Return)
    assert bar.matching() == {"istanbul-experts"}
    bar.menu.close()


def test_restricted_and_hide_mode_are_chosen_in_the_menu(qtbot, bar, session):
    bar.menu.restricted_actions["only"].trigger()
    assert bar.matching() == set()
    assert bar.menu.restricted_menu.title() == "Restricted (only)"
    bar.menu.mode_actions["hide"].trigger()
    assert bar.spec.mode == "hide"
    assert stored_spec(session.path) == FilterSpec(restricted="only", mode="hide")


def test_clear_resets_everything_but_the_mode(qtbot, bar, session):
    bar.menu.mode_actions["hide"].trigger()
    qtbot.keyClicks(bar.search_edit, "Almaty")
    parties = open_section(qtbot, bar, "parties")
    tick(qtbot, parties, "EU")
    parties.close()
    bar.menu.close()
    assert bar.clear_button.isVisible()
    with qtbot.waitSignal(bar.filter_changed) as changed:
        qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert changed.args[0] == FilterSpec(mode="hide")
    assert bar.matching() is None
    assert bar.search_edit.text() == ""
    assert not bar.clear_button.isVisible()
    assert stored_spec(session.path) == FilterSpec(mode="hide")


def test_the_filter_comes_back_when_the_project_is_opened_again(qtbot, bar, session):
    wanted = FilterSpec(parties=frozenset({"eu"}), text="Almaty", start=PartialDate(2013, 3))
    bar.set_spec(wanted)
    path = session.path
    session.close()
    assert bar.matching() is None
    later = ProjectSession()
    later.open(path)
    second = make_bar(qtbot, later)
    assert second.spec == wanted
    assert second.search_edit.text() == "Almaty"
    assert second.menu.from_edit.text() == "2013-03"
    assert second.matching() == {"almaty-2"}
    with qtbot.waitSignal(bar.filter_changed) as restored:
        session.open(path)
    assert restored.args[0] == wanted
    assert bar.matching() == {"almaty-2"}
    later.close()


def test_a_read_only_project_filters_without_saving_or_complaining(qtbot, demo_file):
    viewer = ProjectSession()
    viewer.open(demo_file, read_only=True)
    bar = make_bar(qtbot, viewer)
    with qtbot.assertNotEmitted(viewer.write_failed):
        qtbot.keyClicks(bar.search_edit, "Almaty")
        qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
        bar.menu.mode_actions["hide"].trigger()
    assert bar.matching() == ALMATY
    assert stored_spec(demo_file) is None
    viewer.close()


def test_edits_to_the_project_update_the_count(qtbot, bar, session):
    from negotiator_gui.domain.changes import ChangeSet
    qtbot.keyClicks(bar.search_edit, "Almaty")
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "3 of 5 events match"
    session.apply(ChangeSet(delete_events=("almaty-2",)), "Delete")
    assert bar.count_label.text() == "2 of 4 events match"
    assert bar.matching() == {"almaty-1", "istanbul-experts"}


def test_ctrl_f_puts_the_keyboard_in_the_search_box(qtbot, bar):
    bar.search_edit.setText("old")
    bar.filters_button.setFocus()
    bar.activateWindow()
    bar.focus_search()
    qtbot.waitUntil(bar.search_edit.hasFocus)
    assert bar.search_edit.selectedText() == "old"


def test_many_tags_are_grouped_with_the_most_used_first(qtbot, empty_file):
    with ProjectStore.open(empty_file) as store:
        import_file(store, HISTORY)
    history = ProjectSession()
    history.open(empty_file)
    bar = make_bar(qtbot, history)
    tags = open_section(qtbot, bar, "tags")
    tick(qtbot, tags, "pmd")
    assert len(bar.matching()) == 19
    assert bar.count_label.text() == "19 of 229 events match"
    groups = [a.menu() for a in tags.actions() if a.menu() is not None]
    assert len(groups) == 6 and all(len(g.actions()) <= 25 for g in groups)
    holder = next(g for g in groups if any(a.text() == "pmd" for a in g.actions()))
    assert next(a for a in holder.actions() if a.text() == "pmd").isChecked()
    tags.close()
    bar.menu.close()
    history.close()


def test_a_choice_no_longer_in_the_project_can_be_unticked(qtbot, bar):
    bar.set_spec(FilterSpec(parties=frozenset({"gone", "eu"})))
    assert bar.matching() == {"almaty-1", "almaty-2"}
    parties = open_section(qtbot, bar, "parties")
    tick(qtbot, parties, "gone")
    assert bar.spec.parties == {"eu"}
    parties.close()
    bar.menu.close()


def test_the_clear_button_in_the_search_box_clears_the_search(qtbot, bar):
    from PySide6.QtWidgets import QToolButton
    qtbot.keyClicks(bar.search_edit, "Almaty")
    qtbot.keyClick(bar.search_edit, Qt.Key.Key_Return)
    clear = bar.search_edit.findChild(QToolButton)
    qtbot.waitUntil(clear.isVisible)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert bar.search_edit.text() == ""
    qtbot.waitUntil(lambda: bar.matching() is None, timeout=2000)

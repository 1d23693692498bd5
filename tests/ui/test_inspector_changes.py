"""The inspector follows each written change by what it changed: the shown event's new
dates at once, nothing redone for other events, links' partners kept current, and a
hidden inspector brought up to date when it is shown again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.ui.inspector_dock import InspectorDock


def _event(session, event_id: str):
    return index_of(session.project).events[event_id]


def _move(session, event_id: str, start: PartialDate) -> None:
    event = _event(session, event_id)
    assert session.apply(ChangeSet(put_events=(replace(event, start=start, end=None),)),
                         "Move event")


@pytest.fixture
def dock(dock: InspectorDock, selection) -> InspectorDock:
    """The inspector (tests/ui/conftest.py) showing the first Almaty round."""
    selection.select(["almaty-1"])
    return dock


def test_a_move_of_the_shown_event_shows_its_new_dates_and_undo_the_old(dock, session):
    old = _event(session, "almaty-1").start
    _move(session, "almaty-1", PartialDate(2014, 5, 6))
    assert dock.form.start_edit.date() == PartialDate(2014, 5, 6)
    assert "6 May 2014" in dock.heading.text()
    session.undo_stack.undo()
    assert dock.form.start_edit.date() == old
    assert "6 May 2014" not in dock.heading.text()


def test_a_change_to_another_event_redoes_nothing_here(dock, session, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(dock.form, "show_events", lambda *a, **k: calls.append("form"))
    monkeypatch.setattr(dock.item_editor, "show_event", lambda *a, **k: calls.append("items"))
    _move(session, "istanbul-experts", PartialDate(2013, 3, 20))
    assert calls == []
    _move(session, "almaty-1", PartialDate(2014, 5, 6))
    assert calls == ["form"]  # its items and links are as they were


def test_a_renamed_partner_event_shows_in_the_links_of_the_chosen_item(dock, session):
    editor = dock.item_editor
    editor.items_list.setCurrentRow(0)  # a1-pathway: two links answer it
    assert editor.links_list.count() == 2
    partner = _event(session, "almaty-2")
    assert session.apply(ChangeSet(put_events=(replace(partner, title="Almaty II"),)),
                         "Rename")
    texts = [editor.links_list.item(r).text() for r in range(editor.links_list.count())]
    assert any("(Almaty II)" in text for text in texts), texts


def test_a_hidden_inspector_is_brought_up_to_date_when_shown(qtbot, window, demo_file):
    window.open_path(demo_file)
    window.selection.select(["almaty-1"])
    dock = window.inspector
    assert dock.isVisible()
    dock.hide()
    _move(window.session, "almaty-1", PartialDate(2014, 5, 6))
    assert dock._stale  # nobody sees it: the work waits
    dock.show()
    assert dock.form.start_edit.date() == PartialDate(2014, 5, 6)
    assert "6 May 2014" in dock.heading.text()
    assert not dock._stale

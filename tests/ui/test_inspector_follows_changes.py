"""After any run of changes the inspector shows what an inspector opened afresh on the
same selection shows, though it updates only the fields whose values changed."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLineEdit

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.ui.inspector_dock import InspectorDock
from negotiator_gui.ui.partial_date_edit import PartialDateEdit


def shown(dock: InspectorDock) -> dict[str, object]:
    """What the user sees in the inspector: each field's widget, the heading, the tabs."""
    seen: dict[str, object] = {"heading": dock.heading.text(), "page": dock.pages.currentIndex(),
                               "tabs": [dock.tabs.tabText(i) for i in range(dock.tabs.count())],
                               "items tab": dock.tabs.isTabVisible(1)}
    for form in (dock.form, dock.item_editor):
        for name, binding in form.fields.items():
            widget = binding.widget
            if isinstance(widget, PartialDateEdit):
                seen[name] = (widget.text(), widget.hint.text())
            elif isinstance(widget, QLineEdit):
                seen[name] = widget.text()
            else:
                seen[f"{type(form).__name__}.{name}"] = binding.read()
            seen[f"{name} error"] = binding.error.text()
    items = dock.item_editor.items_list
    seen["items"] = [items.item(r).text() for r in range(items.count())]
    return seen


def a_fresh_inspector(qtbot, session, selection) -> InspectorDock:
    dock = InspectorDock(session, selection)
    qtbot.addWidget(dock)
    dock.show()
    return dock


def a_change(rng: random.Random, event):
    """A drag-like date move or a change of one other field, at random."""
    roll = rng.random()
    if roll < 0.5:
        day = event.start.first_day().toordinal() + rng.choice([-9, -1, 1, 4, 30])
        start = PartialDate.from_date(event.start.first_day().fromordinal(day))
        end = None if event.end is None or rng.random() < 0.3 else \
            PartialDate.from_date(event.end.last_day().fromordinal(day + 2))
        return replace(event, start=start, end=end)
    field, values = rng.choice([
        ("title", ["Almaty talks", "Geneva round", "Vienna"]),
        ("kind", ["round", "meeting", "statement"]),
        ("status", ["held", "planned", "postponed"]),
        ("location", ["", "Almaty", "Genève"]),
        ("restricted", [True, False]),
        ("tags", [(), ("sanctions",), ("enrichment", "sanctions")]),
        ("summary", ["", "Talks.", "Long talks\nover two days."]),
        ("parties", [("iran",), ("iran", "eu"), ()]),
    ])
    return replace(event, **{field: rng.choice(values)})


@pytest.mark.parametrize("seed", range(4))
def test_after_changes_and_undos_the_fields_are_those_of_a_fresh_inspector(
        qtbot, dock, session, selection, seed):
    rng = random.Random(seed)
    selection.select(["almaty-1"])
    for step in range(30):
        event = index_of(session.project).events["almaty-1"]
        assert session.apply(ChangeSet(put_events=(a_change(rng, event),)), "Change")
        if step % 7 == 6:
            session.undo_stack.undo()
        fresh = a_fresh_inspector(qtbot, session, selection)
        assert shown(dock) == shown(fresh), f"step {step}"
        fresh.close()
        fresh.deleteLater()


def test_a_pick_that_was_not_written_is_put_right_by_the_next_change(qtbot, dock, session,
                                                                     selection, monkeypatch):
    selection.select(["almaty-1"])
    form = dock.form
    monkeypatch.setattr(session, "apply", lambda *_args, **_kw: False)  # the write fails
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("statement"))
    assert form.kind_combo.value() == "statement"
    monkeypatch.undo()
    event = index_of(session.project).events["almaty-1"]
    assert session.apply(ChangeSet(put_events=(replace(event, start=PartialDate(2013, 3),
                                                       end=None),)), "Move")
    assert form.kind_combo.value() == event.kind
    assert form.start_edit.text() == "2013-03"


def test_typing_survives_a_move_of_the_shown_event(qtbot, dock, session, selection):
    selection.select(["almaty-1"])
    qtbot.keyClicks(dock.form.title_edit, " (draft)")
    event = index_of(session.project).events["almaty-1"]
    assert session.apply(ChangeSet(put_events=(replace(event, start=PartialDate(2013, 3, 1),
                                                       end=None),)), "Move")
    assert dock.form.title_edit.text() == "Almaty talks, first round (draft)"
    assert dock.form.title_edit.isModified()
    assert dock.form.start_edit.text() == "2013-03-01"
    assert dock.form.end_edit.text() == ""

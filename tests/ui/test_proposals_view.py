"""The record of proposals in the app, from the same code as the briefing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from negotiator_gui.domain.proposals import record_of_proposals
from negotiator_gui.ui.proposals_view import ProposalsView


def test_the_view_lists_subjects_meetings_and_each_sides_items(qtbot, session, selection):
    view = ProposalsView(session, selection)
    qtbot.addWidget(view)
    view.show()
    subjects = [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]
    expected = [r.subject for r in record_of_proposals(
        session.project.events, [p.id for p in session.project.parties])]
    assert subjects == expected and "enrichment" in subjects
    enrichment = view.topLevelItem(subjects.index("enrichment"))
    meetings = [enrichment.child(i).text(0) for i in range(enrichment.childCount())]
    assert any("Almaty talks, first round" in m for m in meetings)
    first = enrichment.child(0).child(0)
    view.itemDoubleClicked.emit(first, 0)
    assert selection.ids == [first.data(0, Qt.ItemDataRole.UserRole)]


def test_a_hidden_view_waits_and_catches_up_when_shown(qtbot, session, selection):
    from dataclasses import replace

    from negotiator_gui.domain.changes import ChangeSet
    view = ProposalsView(session, selection)
    qtbot.addWidget(view)
    event = next(e for e in session.project.events if e.id == "almaty-2")
    item = replace(event.items[0], subject="verification")
    session.apply(ChangeSet(put_events=(replace(event, items=(item,)),)), "Retag")
    assert view.topLevelItemCount() == 0  # not shown yet: nothing built
    view.show()
    subjects = [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]
    assert "verification" in subjects

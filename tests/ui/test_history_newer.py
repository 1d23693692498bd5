"""The shown Change History takes an edit in by reading only what was recorded since."""

from __future__ import annotations

from dataclasses import replace

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage import versioned
from negotiator_gui.ui.history_panel import HistoryPanel


def _move(session, event_id: str, title: str) -> None:
    event = next(e for e in session.project.events if e.id == event_id)
    session.apply(ChangeSet(put_events=(replace(event, title=title),)), f"Rename {title}")


def test_each_edit_adds_its_entries_on_top_as_a_full_read_would(qtbot, session, qtmodeltester,
                                                                 monkeypatch):
    panel = HistoryPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    _move(session, "almaty-1", "First")   # the first read is a full one
    full_reads = []
    monkeypatch.setattr(panel, "refresh", lambda *a: full_reads.append(a))
    inserted = []
    panel.model.rowsInserted.connect(lambda *a: inserted.append(a))
    for n in range(3):
        _move(session, "almaty-2", f"Second {n}")
    assert not full_reads and len(inserted) == 3
    fresh = versioned.read_history(session.store.conn)
    assert [e.id for e in panel.model.entries] == [e.id for e in fresh]
    assert panel.model.entries[0].after["title"] == "Second 2"
    qtmodeltester.check(panel.model)


def test_narrowed_to_one_record_it_adds_only_that_records_entries(qtbot, session):
    panel = HistoryPanel(session)
    qtbot.addWidget(panel)
    _move(session, "almaty-1", "First")
    panel.record = ("event", "almaty-1")
    panel.show()
    _move(session, "almaty-2", "Other")
    _move(session, "almaty-1", "Again")
    assert [e.after["title"] for e in panel.model.entries] == ["Again", "First"]

"""The shown Change History takes an edit in by reading only what was recorded since,
once the edit is written and the event loop is back."""

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
    qtbot.waitUntil(lambda: (panel.model.entries[0].after or {}).get("title") == "First")
    full_reads = []
    monkeypatch.setattr(panel, "refresh", lambda *a: full_reads.append(a))
    inserted = []
    panel.model.rowsInserted.connect(lambda *a: inserted.append(a))
    for n in range(3):
        _move(session, "almaty-2", f"Second {n}")
        qtbot.waitUntil(lambda n=n: len(inserted) == n + 1)
    assert not full_reads
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
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2)
    assert [e.after["title"] for e in panel.model.entries] == ["Again", "First"]


def test_an_edit_is_read_into_the_list_after_it_is_written_not_while(qtbot, session,
                                                                    monkeypatch):
    # Reading the history while the edit is written would wait for its COMMIT and
    # hold up the edit's frame; the list catches up once the event loop is back.
    panel = HistoryPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    reads = []
    history = session.store.history
    monkeypatch.setattr(session.store, "history",
                        lambda *a, **k: reads.append(a) or history(*a, **k))
    _move(session, "almaty-1", "First")
    _move(session, "almaty-1", "Second")
    assert not reads
    qtbot.waitUntil(lambda: (panel.model.entries[0].after or {}).get("title") == "Second")
    assert len(reads) == 1  # both edits in one read
    assert panel.model.entries[1].after["title"] == "First"

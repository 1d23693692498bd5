"""Events as CSV, in and out."""

from __future__ import annotations

import pytest

from negotiator_gui.domain.errors import ValidationError
from negotiator_gui.interchange import csv_format
from negotiator_gui.operations import import_file
from negotiator_gui.storage.project_store import ProjectStore
from tests.conftest import sha256

HEADER = "start,end,kind,title,track,location,parties,status,summary\n"


def test_export_writes_the_documented_columns(demo_file):
    with ProjectStore.open(demo_file) as store:
        text = csv_format.dumps(store.load())
    lines = text.splitlines()
    assert lines[0] == HEADER.strip()
    assert '2013-02-26,2013-02-27,round,"Almaty talks, first round",political' in lines[3]
    assert "p5+1;iran;eu" in lines[3]


def test_csv_round_trips_events(demo_file, tmp_path):
    with ProjectStore.open(demo_file) as store:
        project = store.load()
    out = tmp_path / "events.csv"
    csv_format.write_csv(project, out)
    target = tmp_path / "target.sqlite"
    ProjectStore.create(target).close()
    with ProjectStore.open(target) as store:
        import_file(store, out)
        again = store.load()
    def key(e):
        return (e.start, e.end, e.kind, e.title, e.location, e.status, e.summary,
                len(e.parties))
    assert sorted(map(key, again.events)) == sorted(map(key, project.events))
    assert {t.name for t in again.tracks} == {e.track for e in project.events}


def test_unknown_tracks_and_parties_are_created_and_known_ones_matched(demo_file, tmp_path):
    source = tmp_path / "more.csv"
    source.write_text(HEADER + "2013-05-15,,meeting,Vienna consultations,IAEA Board,Vienna,"
                      "Iran;Vatican,held,\n", encoding="utf-8")
    with ProjectStore.open(demo_file) as store:
        import_file(store, source)
        import_file(store, source)  # again: updates, does not duplicate
        project = store.load()
    event = [e for e in project.events if e.title == "Vienna consultations"]
    assert len(event) == 1
    assert event[0].track == "iaea-board"
    assert event[0].parties == ("iran", "vatican")
    assert any(p.id == "vatican" and p.name == "Vatican" for p in project.parties)


def test_formula_cells_are_defused_and_read_back_exactly(tmp_path, demo_file):
    with ProjectStore.open(demo_file) as store:
        project = store.load()
    from dataclasses import replace
    event = replace(project.events[0], title="=HYPERLINK(\"x\")", summary="'+literal")
    text = csv_format.dumps(replace(project, events=(event,)))
    assert "'=HYPERLINK" in text
    back = csv_format.loads(text, project)
    assert back.events[0].title == "=HYPERLINK(\"x\")"
    assert back.events[0].summary == "'+literal"


def test_bad_rows_are_named_and_nothing_is_imported(demo_file, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(HEADER + "2013-05-15,2013-05-01,meeting,Backwards,political,,,held,\n"
                      "2013-13-01,,meeting,Bad month,political,,,held,\n"
                      "2013-06-01,,party,Odd kind,political,,,held,\n"
                      "2013-06-02,,meeting,,political,,,held,\n", encoding="utf-8")
    before = sha256(demo_file)
    with ProjectStore.open(demo_file) as store:
        with pytest.raises(ValidationError) as caught:
            import_file(store, source)
    found = [str(p) for p in caught.value.problems]
    assert "row 2, end: before start" in found
    assert "row 3, start: month 13 does not exist" in found
    assert any(f.startswith("row 4, kind: unknown event kind 'party'") for f in found)
    assert "row 5, title: must not be empty" in found
    assert sha256(demo_file) == before


def test_a_csv_without_the_needed_columns_is_refused():
    with pytest.raises(ValidationError, match="missing column"):
        csv_format.loads("when,what\n2013,x\n", csv_format.Project())

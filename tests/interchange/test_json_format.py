"""The JSON interchange format: round trips, merging by id, all-or-nothing refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import ValidationError
from negotiator_gui.domain.model import (
    Event,
    Item,
    Link,
    Party,
    Project,
    ProjectInfo,
    Source,
    Track,
)
from negotiator_gui.domain.vocab import (
    EVENT_KINDS,
    EVENT_STATUSES,
    ITEM_STATUSES,
    ITEM_TYPES,
    LINK_KINDS,
)
from negotiator_gui.interchange import json_format
from negotiator_gui.interchange.errors import InterchangeFileError
from negotiator_gui.operations import import_file, sample_document
from negotiator_gui.storage.project_store import ProjectStore
from tests.builders import a_project
from tests.conftest import HISTORY, REPO, sha256


def round_trip(project: Project, tmp_path: Path, name: str = "rt") -> Project:
    """Export `project` as JSON, import it into a new file, read it back."""
    path = tmp_path / f"{name}.sqlite"
    with ProjectStore.create(path) as store:
        store.merge(project)
        return store.load()


def test_the_sample_round_trips_exactly(tmp_path):
    project = sample_document()
    text = json_format.dumps(project)
    again = round_trip(json_format.loads(text).project, tmp_path)
    assert json_format.dumps(again) == text


def test_the_bundled_sample_file_is_in_canonical_form():
    path = REPO / "resources" / "sample" / "almaty-2013.json"
    document = json_format.read_json(path)
    assert document.warnings == []
    assert json_format.dumps(document.project) == path.read_text("utf-8")


def test_a_large_real_history_round_trips(tmp_path):
    document = json_format.read_json(HISTORY)
    project = document.project
    assert document.warnings == []
    assert len(project.events) >= 150
    precisions = {e.start.precision for e in project.events}
    assert len(precisions) == 3
    path = tmp_path / "history.sqlite"
    with ProjectStore.create(path) as store:
        import_file(store, HISTORY)
        first = json_format.dumps(store.load())
    with ProjectStore.create(tmp_path / "again.sqlite") as again:
        again.merge(json_format.loads(first).project)
        assert json_format.dumps(again.load()) == first
    reread = json_format.loads(first).project
    assert {e.id for e in reread.events} == {e.id for e in project.events}
    assert sorted(lk.key for lk in reread.links) == sorted(lk.key for lk in project.links)


# -- generated projects --------------------------------------------------------

ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-+_", min_size=1, max_size=12)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
names = texts.filter(lambda t: t.strip() != "")
colors = st.one_of(st.just(""), st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))


@st.composite
def partial_dates(draw):
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(0, 12))
    day = draw(st.integers(1, 28)) if month and draw(st.booleans()) else 0
    return PartialDate(year, month, day)


@st.composite
def projects(draw) -> Project:
    party_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    track_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    parties = tuple(Party(pid, draw(names), draw(texts), draw(colors),
                          tuple(draw(st.lists(st.sampled_from(party_ids), unique=True)
                                     .map(lambda ms, pid=pid: [m for m in ms if m != pid]))))
                    for pid in party_ids)
    # Generated in the canonical order an export writes: tracks by order, events by date.
    tracks = tuple(sorted((Track(tid, draw(names), draw(st.integers(0, 9)), draw(colors))
                           for tid in track_ids), key=lambda t: (t.order, t.id)))
    sources = tuple(Source(sid, draw(names), draw(texts), draw(st.none() | partial_dates()),
                           draw(texts), draw(texts)) for sid in sorted(source_ids))
    item_ids = iter(draw(st.lists(ids, min_size=12, max_size=12, unique=True)))
    events = []
    for eid in draw(st.lists(ids, max_size=4, unique=True)):
        start = draw(partial_dates())
        end = draw(st.none() | st.just(PartialDate(start.year + 1)))
        items = tuple(_item(draw, next(item_ids), party_ids, source_ids)
                      for _ in range(draw(st.integers(0, 3))))
        events.append(Event(
            eid, draw(names), draw(st.sampled_from(track_ids)), start, end,
            draw(st.sampled_from(list(EVENT_KINDS))), draw(texts),
            tuple(draw(st.lists(st.sampled_from(party_ids), unique=True))),
            draw(st.sampled_from(list(EVENT_STATUSES))), draw(texts),
            tuple(draw(st.lists(st.sampled_from(source_ids), unique=True)))
            if source_ids else (),
            tuple(draw(st.lists(names, max_size=2, unique=True))), draw(st.booleans()),
            items))
    all_items = [i.id for e in events for i in e.items]
    links = ()
    if len(all_items) >= 2:
        pairs = draw(st.lists(st.tuples(st.sampled_from(all_items), st.sampled_from(all_items),
                                        st.sampled_from(list(LINK_KINDS))),
                              max_size=4, unique=True))
        links = tuple(sorted((Link(a, b, k, draw(texts)) for a, b, k in pairs if a != b),
                             key=lambda lk: lk.key))
    info = ProjectInfo(draw(texts), draw(texts), draw(texts), draw(texts))
    events.sort(key=lambda e: (e.start.iso(), e.id))
    return Project(info, parties, tracks, sources, tuple(events), links)


def _item(draw, item_id, party_ids, source_ids) -> Item:
    return Item(item_id, draw(names), draw(st.sampled_from(list(ITEM_TYPES))),
                draw(st.sampled_from(["", *party_ids])), draw(st.sampled_from(["", *party_ids])),
                draw(st.sampled_from(list(ITEM_STATUSES))), draw(texts),
                tuple(draw(st.lists(st.sampled_from(source_ids), unique=True)))
                if source_ids else (), draw(st.booleans()))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(projects())
def test_export_then_import_gives_back_the_same_project(tmp_path_factory, project):
    tmp = tmp_path_factory.mktemp("rt")
    text = json_format.dumps(project)
    again = round_trip(json_format.loads(text).project, tmp)
    assert again == project
    assert json_format.dumps(again) == text


# -- refusals ------------------------------------------------------------------

def doc_with(**changes) -> dict:
    doc = json_format.to_document(a_project())
    for path, value in changes.items():
        target = doc
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return doc


def import_doc(store: ProjectStore, doc, tmp_path: Path) -> list:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    return import_file(store, source)


def test_each_problem_is_reported_with_its_place_and_nothing_is_imported(empty_file, tmp_path):
    doc = doc_with(events__0__end="2013-01-01", events__0__kind="summit",
                   parties__0__color="green", links__0__to="ghost")
    doc["events"][0]["items"][1]["by"] = "mars"
    before = sha256(empty_file)
    with ProjectStore.open(empty_file) as store:
        with pytest.raises(ValidationError) as caught:
            import_doc(store, doc, tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert "events[0].end: before start" in found
    assert any(f.startswith("events[0].kind: unknown event kind 'summit'") for f in found)
    assert "parties[0].color: 'green' is not a colour of the form #rrggbb" in found
    assert "links[0].to: unknown item 'ghost'" in found
    assert "events[0].items[1].by: unknown party 'mars'" in found
    assert sha256(empty_file) == before


@pytest.mark.parametrize(("doc", "message"), [
    ("[1, 2]", "document: expected an object, got a list"),
    ('{"format": "other", "version": 1}', 'format: expected "negotiation-timeline"'),
    ('{"format": "negotiation-timeline", "version": 2}', "version: 2 is newer than"),
    ('{"format": "negotiation-timeline", "version": 1, "events": [{"id": 3}]}',
     "events[0].id: expected text, got a number"),
    ('{"format": "negotiation-timeline", "version": 1, "events": [{"id": "e"}]}',
     "events[0].start: missing"),
    ('{"format": "negotiation-timeline", "version": 1, "events": [{"id": "e", '
     '"title": "t", "track": "x", "start": "2013-02-30"}]}',
     "events[0].start: February 2013 has no day 30"),
    ('{"format": "negotiation-timeline", "version": 1, "parties": "iran"}',
     "document.parties: expected a list, got text"),
    ('{"format": "negotiation-timeline",\n "version": 1,,}', "line 2, column 15: not valid JSON"),
    ('[' * 100000 + ']' * 100000, "nested too deeply"),
])
def test_malformed_documents_are_refused_with_a_place(doc, message):
    with pytest.raises(ValidationError) as caught:
        json_format.loads(doc)
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"project": {"title": "Genève"}}'.encode("latin-1"))
    with pytest.raises(InterchangeFileError, match="line 1: the text is not UTF-8"):
        json_format.read_json(path)


def test_unknown_fields_are_kept_and_warned_about(empty_file, tmp_path):
    doc = doc_with(events__0__classification="NOFORN")
    doc["x-tool"] = {"v": 1}
    with ProjectStore.open(empty_file) as store:
        warnings = import_doc(store, doc, tmp_path)
        project = store.load()
    assert [str(w) for w in warnings] == [
        "document.x-tool: unknown field, kept as it is",
        "events[0].classification: unknown field, kept as it is"]
    assert project.events[0].extra == {"classification": "NOFORN"}
    assert json_format.to_document(project)["events"][0]["classification"] == "NOFORN"


def test_importing_merges_by_id(demo_file, tmp_path):
    doc = {"format": "negotiation-timeline", "version": 1,
           "events": [{"id": "almaty-2", "title": "Almaty II", "track": "political",
                       "start": "2013-04-05", "kind": "round", "status": "held"},
                      {"id": "new-one", "title": "Istanbul", "track": "experts",
                       "start": "2013-05", "parties": ["iran"]}]}
    with ProjectStore.open(demo_file) as store:
        before = store.load()
        import_doc(store, doc, tmp_path)
        after = store.load()
    titles = {e.id: e.title for e in after.events}
    assert titles["almaty-2"] == "Almaty II"
    assert titles["new-one"] == "Istanbul"
    assert len(after.events) == len(before.events) + 1
    assert after.events[-1].start.precision.name in ("DAY", "MONTH")
    assert len(after.links) == len(before.links)
    assert after.info == before.info  # a document without "project" keeps the title


def test_export_writes_through_a_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("previous good export")
    import os

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        json_format.write_json(a_project(), out)
    assert out.read_text() == "previous good export"
    assert list(tmp_path.iterdir()) == [out]

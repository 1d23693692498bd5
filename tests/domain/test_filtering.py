"""The filter: each criterion, their combinations, JSON that survives anything, descriptions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.filtering import (
    FilterSpec,
    describe,
    matching_events,
    search_words,
    text_matches,
)
from negotiator_gui.operations import sample_document
from tests.builders import a_project, an_event, an_item

SAMPLE = sample_document()
ALL = {e.id for e in SAMPLE.events}


def matching(spec: FilterSpec, text_hits: set[str] | None = None) -> set[str]:
    return matching_events(SAMPLE, spec, text_hits)


def test_an_empty_filter_matches_every_event():
    assert FilterSpec().is_empty()
    assert FilterSpec(mode="hide").is_empty()
    assert FilterSpec(text="   ").is_empty()
    assert matching(FilterSpec()) == ALL


# -- each criterion ---------------------------------------------------------------

def test_parties_match_events_they_take_part_in():
    assert matching(FilterSpec(parties=frozenset({"iaea"}))) == {"iaea-tehran-2013-02"}
    assert matching(FilterSpec(parties=frozenset({"eu"}))) == {"almaty-1", "almaty-2"}
    assert matching(FilterSpec(parties=frozenset({"eu", "iaea"}))) == {
        "almaty-1", "almaty-2", "iaea-tehran-2013-02"}


def test_a_member_matches_its_coalitions_events_and_a_coalition_its_members():
    p5 = ALL - {"iaea-tehran-2013-02"}
    assert matching(FilterSpec(parties=frozenset({"us"}))) == p5
    project = a_project(parties=SAMPLE.parties, events=(
        an_event(id="us-alone", parties=("us",)), an_event(id="iaea", parties=("iaea",))))
    assert matching_events(project, FilterSpec(parties=frozenset({"p5+1"})), None) == {
        "us-alone"}


def test_a_party_giving_or_receiving_an_item_matches():
    project = a_project(events=(an_event(parties=(), items=(an_item(by="iran", to="p5"),)),
                                an_event(id="other", parties=())))
    assert matching_events(project, FilterSpec(parties=frozenset({"p5"})), None) == {
        "almaty-1"}


def test_tracks_kinds_and_tags():
    assert matching(FilterSpec(tracks=frozenset({"experts"}))) == {"istanbul-experts"}
    assert matching(FilterSpec(kinds=frozenset({"round"}))) == {"almaty-1", "almaty-2"}
    assert matching(FilterSpec(kinds=frozenset({"round", "report"}))) == {
        "almaty-1", "almaty-2", "icg-report"}
    assert matching(FilterSpec(tags=frozenset({"technical", "inspections"}))) == {
        "istanbul-experts", "icg-report", "iaea-tehran-2013-02"}


def test_item_types_match_events_holding_such_an_item():
    assert matching(FilterSpec(item_types=frozenset({"concession"}))) == {"icg-report"}
    assert matching(FilterSpec(item_types=frozenset({"demand", "relief"}))) == {
        "almaty-1", "icg-report"}


def test_event_and_item_statuses():
    assert matching(FilterSpec(statuses=frozenset({"held"}))) == ALL
    assert matching(FilterSpec(statuses=frozenset({"planned"}))) == set()
    assert matching(FilterSpec(statuses=frozenset({"floated"}))) == {"icg-report", "almaty-1"}
    assert matching(FilterSpec(statuses=frozenset({"held", "proposed"}))) == {
        "almaty-1", "almaty-2"}


def test_item_type_and_item_status_must_hold_for_the_same_item():
    floated = FilterSpec(item_types=frozenset({"concession"}), statuses=frozenset({"floated"}))
    assert matching(floated) == {"icg-report"}
    assert matching(replace(floated, statuses=frozenset({"proposed"}))) == set()


def test_a_date_range_keeps_events_that_overlap_it():
    since_march = FilterSpec(start=PartialDate(2013, 3))
    assert matching(since_march) == {"istanbul-experts", "almaty-2"}
    until_feb = FilterSpec(end=PartialDate(2013, 2))
    assert matching(until_feb) == {"iaea-tehran-2013-02", "icg-report", "almaty-1"}
    # The Tehran talks are known only to the month: they may fall on the 27th.
    assert matching(FilterSpec(start=PartialDate(2013, 2, 27), end=PartialDate(2013, 3, 1))) \
        == {"iaea-tehran-2013-02", "almaty-1"}
    assert matching(FilterSpec(start=PartialDate(2014), end=PartialDate(2015))) == set()


def test_restricted_all_only_or_hidden():
    project = a_project(events=(
        an_event(id="open"), an_event(id="secret", restricted=True),
        an_event(id="secret-item", items=(an_item(restricted=True),))))
    only = matching_events(project, FilterSpec(restricted="only"), None)
    hidden = matching_events(project, FilterSpec(restricted="hide"), None)
    assert only == {"secret", "secret-item"}
    assert hidden == {"open", "secret-item"}
    assert matching_events(project, FilterSpec(), None) == {"open", "secret", "secret-item"}


def test_text_hits_narrow_the_rest():
    hits = {"almaty-1", "icg-report"}
    assert matching(FilterSpec(text="x"), hits) == hits
    assert matching(FilterSpec(text="x", kinds=frozenset({"round"})), hits) == {"almaty-1"}
    assert matching(FilterSpec(text="x"), set()) == set()


def test_criteria_combine_with_and():
    spec = FilterSpec(parties=frozenset({"eu"}), start=PartialDate(2013, 3),
                      kinds=frozenset({"round"}))
    assert matching(spec) == {"almaty-2"}
    assert matching(replace(spec, tracks=frozenset({"experts"}))) == set()


def test_unknown_ids_match_nothing_rather_than_fail():
    assert matching(FilterSpec(parties=frozenset({"gone"}))) == set()
    assert matching(FilterSpec(statuses=frozenset({"nonsense"}))) == ALL


# -- JSON ----------------------------------------------------------------------------

clean_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
dates = st.none() | st.builds(PartialDate, st.integers(1, 9999), st.just(0), st.just(0)) \
    | st.builds(PartialDate, st.integers(1, 9999), st.integers(1, 12), st.integers(0, 28))
names = st.frozensets(clean_text.filter(bool), max_size=5)
specs = st.builds(FilterSpec, parties=names, tracks=names, kinds=names, item_types=names,
                  statuses=names, tags=names, start=dates, end=dates,
                  restricted=st.sampled_from(["all", "only", "hide"]), text=clean_text,
                  mode=st.sampled_from(["dim", "hide"]))


@given(specs)
def test_json_round_trip(spec):
    assert FilterSpec.from_json(spec.to_json()) == spec


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(json_values)
def test_any_json_gives_a_filter(value):
    spec = FilterSpec.from_json(json.dumps(value))
    assert isinstance(spec, FilterSpec)
    FilterSpec.from_json(spec.to_json())


@given(st.dictionaries(st.sampled_from(["parties", "tags", "start", "end", "restricted",
                                        "text", "mode", "version"]), json_values))
def test_any_fields_give_a_filter_that_can_be_stored(data):
    spec = FilterSpec.from_json(json.dumps(data))
    assert spec.restricted in ("all", "only", "hide") and spec.mode in ("dim", "hide")
    spec.to_json().encode("utf-8")


@pytest.mark.parametrize("garbage", [
    None, "", "{", "[]", "null", "42", '"text"', b"\xff\xfe", 3.5, "{" * 5000 + "}" * 5000,
    '{"parties": "iran"}', '{"parties": [1, null, "iran"]}', '{"start": "2013-13"}',
    '{"mode": "explode", "restricted": true}', '{"text": "\\ud800"}',
])
def test_garbage_falls_back_to_defaults(garbage):
    spec = FilterSpec.from_json(garbage)
    assert isinstance(spec, FilterSpec)
    spec.to_json().encode("utf-8")


def test_each_bad_field_is_dropped_on_its_own():
    spec = FilterSpec.from_json(json.dumps({
        "parties": [1, "iran", None], "start": "2013-13", "end": "2014-02", "mode": "hide",
        "restricted": "maybe", "tracks": "political", "text": ["x"], "foreign": {"a": 1}}))
    assert spec == FilterSpec(parties=frozenset({"iran"}), end=PartialDate(2014, 2),
                              mode="hide")


# -- text and descriptions ------------------------------------------------------------

def test_text_matching_ignores_case_and_accents_and_takes_the_last_word_as_a_prefix():
    assert search_words("Genève, IAEA–Iran") == ["geneve", "iaea", "iran"]
    assert text_matches("Talks in Genève", "geneve talk")
    assert not text_matches("Talks in Genève", "geneve talk ")
    assert not text_matches("Talks in Genève", "")
    assert not text_matches("Talks in Genève", '" OR *')


def test_describe_names_parties_kinds_and_dates():
    spec = FilterSpec(parties=frozenset({"p5+1", "iran"}), kinds=frozenset({"round"}),
                      start=PartialDate(2013, 2))
    assert describe(spec, SAMPLE) == "Iran, P5+1 · rounds · since Feb 2013"
    assert describe(FilterSpec()) == ""
    assert describe(FilterSpec(end=PartialDate(2014), restricted="hide", text=" fuel ",
                               tags=frozenset({"oil"}))) \
        == "#oil · until 2014 · restricted hidden · “fuel”"
    assert describe(FilterSpec(start=PartialDate(2013, 2, 1), end=PartialDate(2013, 3),
                               item_types=frozenset({"relief"}),
                               statuses=frozenset({"agreed"}))) \
        == "relief · agreed · 1 Feb 2013 – Mar 2013"

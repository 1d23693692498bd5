"""Dates with their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiator_gui.domain.dates import PartialDate, Precision, parse_optional, span_label
from negotiator_gui.domain.errors import DateError


@pytest.mark.parametrize(("text", "precision", "label"), [
    ("2013-02-26", Precision.DAY, "26 February 2013"),
    ("2013-02", Precision.MONTH, "February 2013"),
    ("2013", Precision.YEAR, "2013"),
])
def test_dates_keep_the_precision_they_are_known_to(text, precision, label):
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.iso() == text
    assert date.label() == label


@pytest.mark.parametrize(("text", "fragment"), [
    ("2013-02-30", "no day 30"),
    ("2013-13", "month 13"),
    ("2013-00", "month 00"),
    ("2013-01-00", "day 00"),
    ("26/02/2013", "YYYY-MM-DD"),
    ("2013-2-26", "YYYY-MM-DD"),
    ("", "YYYY-MM-DD"),
    ("0000", "year 0"),
])
def test_bad_dates_say_what_is_wrong(text, fragment):
    with pytest.raises(DateError, match=fragment):
        PartialDate.parse(text)


def test_a_date_that_is_not_text_is_refused():
    with pytest.raises(DateError, match="expected a date as text"):
        PartialDate.parse(20130226)  # type: ignore[arg-type]


def test_month_and_year_dates_cover_their_whole_period():
    assert PartialDate(2012, 2).last_day() == dt.date(2012, 2, 29)
    assert PartialDate(2013).first_day() == dt.date(2013, 1, 1)
    assert PartialDate(2013).last_day() == dt.date(2013, 12, 31)


def test_spans_read_naturally():
    assert span_label(PartialDate(2013, 2, 26), PartialDate(2013, 2, 27)) == "26–27 February 2013"
    assert span_label(PartialDate(2013, 2), PartialDate(2014)) == "February 2013 – 2014"
    assert span_label(PartialDate(2013, 2, 26), None, short=True) == "26 Feb 2013"


def test_blank_optional_dates_are_none():
    assert parse_optional("") is None
    assert parse_optional(None) is None
    assert parse_optional("2013") == PartialDate(2013)


@st.composite
def partial_dates(draw):
    day = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    return PartialDate.from_date(day, draw(st.sampled_from(list(Precision))))


@given(partial_dates())
def test_iso_text_round_trips(date):
    assert PartialDate.parse(date.iso()) == date
    assert date.first_day() <= date.last_day()

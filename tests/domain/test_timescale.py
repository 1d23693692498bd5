"""Time scale and axis ticks from decades to days."""

from __future__ import annotations

import datetime as dt

import pytest

from negotiator_gui.domain.timescale import TimeScale, context_ticks, fit, tick_unit, ticks

D = dt.date(2013, 2, 26).toordinal()


def test_x_and_day_are_inverse():
    scale = TimeScale(D, 3.0)
    assert scale.x_of_day(D + 10) == 30.0
    assert scale.day_at(30.0) == D + 10
    assert scale.date_at(31.0) == dt.date(2013, 3, 8)


@pytest.mark.parametrize(("px_per_day", "unit"), [
    (100, "day"), (12, "week"), (3, "month"), (0.8, "quarter"), (0.25, "year"),
    (0.05, "5years"), (0.02, "decade"), (0.01, "25years"),
])
def test_the_tick_unit_follows_the_zoom(px_per_day, unit):
    assert tick_unit(px_per_day) == unit


def test_month_ticks_name_the_year_in_january():
    first, last = dt.date(2012, 11, 1).toordinal(), dt.date(2013, 3, 1).toordinal()
    labels = [t.label for t in ticks(first, last, 3.0)]
    assert labels == ["Nov", "Dec", "Jan 2013", "Feb", "Mar"]


def test_ticks_are_spaced_at_least_the_minimum_apart():
    for px in (200, 20, 2, 0.2, 0.02, 0.006):
        span = int(1500 / px)  # about 1500 pixels of timeline
        found = ticks(D - span, D + span, px)
        gaps = [(b.day - a.day) * px for a, b in zip(found, found[1:], strict=False)]
        assert len(found) >= 3 and min(gaps) >= 70 * 0.9


def test_context_row_names_the_month_over_weeks():
    found = context_ticks(D - 3, D + 10, 12.0)
    assert [t.label for t in found] == ["February 2013", "March 2013"]
    assert found[0].day == D - 3


def test_ticks_stay_inside_the_calendar():
    assert ticks(-100, 50, 1.0)[0].day >= 1
    assert ticks(dt.date.max.toordinal() - 10, dt.date.max.toordinal() + 100, 50.0)


def test_fit_shows_the_whole_range():
    scale = fit(D, D + 100, 1000)
    assert scale.x_of_day(D) > 0
    assert scale.x_of_day(D + 100) < 1000

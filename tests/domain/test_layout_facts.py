"""event_facts, worked out straight from the date fields, agrees with the definitions
it stands for (span_days, is_marker, the precisions) for every kind of date."""

from __future__ import annotations

import calendar
import random

from negotiator_gui.domain.dates import PartialDate, Precision
from negotiator_gui.domain.layout import EventFacts, event_facts, is_marker, span_days
from negotiator_gui.domain.model import Event


def by_definition(event: Event) -> EventFacts:
    first, after = span_days(event)
    return EventFacts(first, after, is_marker(event), event.start.precision < Precision.DAY,
                      (event.end or event.start).precision < Precision.DAY)


def some_date(rng: random.Random) -> PartialDate:
    year = rng.choice([1, 1999, 2000, 2004, 2013, 2100, 9999])
    month = rng.choice([0, 1, 2, 12])
    day = rng.choice([0, 1, 28, 29]) if month else 0
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return PartialDate(year, month, day)


def test_event_facts_agree_with_their_definitions():
    rng = random.Random(6)
    for n in range(3000):
        start = some_date(rng)
        end = rng.choice([None, start, PartialDate(start.year, start.month, start.day),
                          some_date(rng)])
        event = Event(f"e{n}", "t", "tr", start, end)
        assert event_facts(event) == by_definition(event), (start, end)


def test_rows_needed_stops_counting_once_over_enough_and_agrees_below():
    from negotiator_gui.domain.layout import _by_span, _Geometry
    from negotiator_gui.domain.timescale import TimeScale

    events = [Event(f"e{n}", "t", "tr", PartialDate(2013, 1, 1 + n % 28)) for n in range(300)]
    ordered = sorted(((f.first, f.after, e.id, f, e) for e in events
                      for f in (event_facts(e),)), key=_by_span)
    geometry = _Geometry(TimeScale(PartialDate(2013, 1, 1).first_day().toordinal(), 10.0),
                         8.0, 12.0, 260.0)
    full = geometry.rows_needed(ordered)
    assert full > 64
    assert 64 < geometry.rows_needed(ordered, 64) <= full
    assert geometry.rows_needed(ordered, full + 5) == full
    assert geometry.rows_needed(ordered[:3], 64) == geometry.rows_needed(ordered[:3])

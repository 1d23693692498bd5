"""Builders for test records: `an_event(**overrides)` and friends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from negotiator_gui.domain.dates import PartialDate
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


def a_party(**overrides: Any) -> Party:
    return replace(Party("iran", "Islamic Republic of Iran", "Iran", "#2a9d8f"), **overrides)


def a_track(**overrides: Any) -> Track:
    return replace(Track("political", "Political directors", 1), **overrides)


def a_source(**overrides: Any) -> Source:
    return replace(Source("icg", "Spider Web", "International Crisis Group",
                          PartialDate(2013, 2)), **overrides)


def an_item(**overrides: Any) -> Item:
    return replace(Item("c-20pc", "Halt enrichment to 20%", "concession", "iran", "p5",
                        "proposed", "enrichment"), **overrides)


def an_event(**overrides: Any) -> Event:
    return replace(Event("almaty-1", "Almaty talks, first round", "political",
                         PartialDate(2013, 2, 26), PartialDate(2013, 2, 27), "round",
                         "Almaty", ("p5", "iran"), "held"), **overrides)


def a_project(**overrides: Any) -> Project:
    """A small valid project: two parties, a track, a source, an event with two linked items."""
    items = (an_item(sources=("icg",)),
             an_item(id="r-unsc", type="relief", by="p5", to="iran",
                     text="Security Council resolution lifting sanctions", subject="sanctions"))
    base = Project(
        ProjectInfo("P5+1 talks", "Iran nuclear programme"),
        (a_party(), a_party(id="p5", name="P5+1", short="P5+1", color="#264653")),
        (a_track(),), (a_source(),), (an_event(items=items, sources=("icg",)),),
        (Link("c-20pc", "r-unsc"),))
    return replace(base, **overrides)


DATED_BASE = date(2013, 1, 1)


def a_dated_event(event_id: str, offset: int, length: int, precision: int,
                  **overrides: Any) -> Event:
    """An event `offset` days after DATED_BASE lasting `length` days (0: one day),
    known to the day (2), the month (1) or the year (0)."""
    first = DATED_BASE + timedelta(days=offset)
    last = first + timedelta(days=length)

    def cut(day: date) -> PartialDate:
        return PartialDate(day.year, day.month if precision else None,
                           day.day if precision == 2 else None)
    return an_event(id=event_id, start=cut(first), end=None if length == 0 else cut(last),
                    **overrides)

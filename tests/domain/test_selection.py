"""Choosing a period, tracks, parties and the wider-distribution cut."""

from __future__ import annotations

from dataclasses import replace

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.selection import Selection, select
from tests.builders import a_project, an_event


def test_restricted_events_and_items_and_their_links_are_left_out():
    project = a_project()
    event = project.events[0]
    items = (event.items[0], replace(event.items[1], restricted=True))
    secret = an_event(id="secret", restricted=True, items=())
    project = replace(project, events=(replace(event, items=items), secret))
    chosen = select(project, Selection(include_restricted=False))
    assert [e.id for e in chosen.events] == ["almaty-1"]
    assert [i.id for i in chosen.events[0].items] == ["c-20pc"]
    assert chosen.links == ()


def test_period_tracks_and_parties():
    project = a_project()
    assert select(project, Selection(start=PartialDate(2013, 3))).events == ()
    assert select(project, Selection(end=PartialDate(2013, 2))).events != ()
    assert select(project, Selection(tracks={"experts"})).events == ()
    assert select(project, Selection(parties={"iran"})).events != ()
    assert select(project, Selection(parties={"eu"})).events == ()

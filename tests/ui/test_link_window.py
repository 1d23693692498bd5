"""The link layer gathers the links near the view once and reuses them while panning:
it must draw the arcs the plain rule draws (links of the events in view, and of the
selection), frame after frame, and follow an edit."""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import replace

from PySide6.QtCore import QRectF

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Link, Project
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui import link_layer_item
from tests.ui.test_canvas_big import big_project


def _project_with_long_links(path, count: int = 600) -> None:
    big_project(path, count)
    rng = random.Random(2)
    with ProjectStore.open(path) as store:
        links = tuple({(a, b): Link(f"i{a}", f"i{b}") for a, b in
                       ((rng.randrange(count), rng.randrange(count)) for _ in range(count))
                       if a != b}.values())
        store.merge(Project(links=links), with_info=False)


def _plain_rule(layer, exposed: QRectF) -> set[int]:
    """The links the layer drew before the window: `_wanted`, then bounds and piece."""
    out = set()
    for link in layer._wanted(exposed):
        arc = layer._arc(link)
        if arc is not None and arc.bounds.intersects(exposed) and \
                arc.piece(exposed) is not None:
            out.add(id(link))
    return out


def test_panning_draws_the_links_the_plain_rule_draws(window, tmp_path, monkeypatch):
    path = tmp_path / "links.sqlite"
    _project_with_long_links(path)
    window.open_path(path)
    view = window.view
    view.zoom_by(8.0 / view.scale.px_per_day)
    view.rebuild()
    layer = view.timeline.links
    drawn: list[int] = []
    real = link_layer_item.LinkLayerItem._draw

    used: dict[int, tuple] = {}

    def spy(self, painter, link, arc, piece, exposed, *rest):
        if arc is not None and arc.bounds.intersects(exposed) and \
                (piece if piece is not None else arc.piece(exposed)) is not None:
            drawn.append(id(link))
            used[id(link)] = (link, arc.points)
        real(self, painter, link, arc, piece, exposed, *rest)

    monkeypatch.setattr(link_layer_item.LinkLayerItem, "_draw", spy)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.minimum() + 300)
    windows = set()
    checked = 0
    for step in range(40):
        if step in (10, 11, 25, 30):  # an edit moves an event in view: the window follows
            shown = view.mapToScene(view.viewport().rect()).boundingRect()
            moving = sorted(view.timeline.ids_in_x(shown.left(), shown.right()))[step % 3]
            event = next(e for e in window.session.project.events if e.id == moving)
            day = event.start.first_day().toordinal() + (4 if step % 2 else -30)
            window.session.apply(ChangeSet(put_events=(replace(
                event, start=PartialDate.from_date(_dt.date.fromordinal(day)),
                end=None),)), "Move")
        if step == 20:  # one far away too; and the selection's links show anywhere
            event = next(e for e in window.session.project.events if e.id == "e300")
            window.session.apply(ChangeSet(put_events=(replace(
                event, start=PartialDate(2001, 3, 3), end=None),)), "Move")
            window.selection.select(["e10"])
        bar.setValue(bar.value() + 150)
        drawn.clear()
        view.viewport().grab()
        exposed = view.mapToScene(view.viewport().rect()).boundingRect()
        expected = _plain_rule(layer, exposed)
        # Every arc the plain rule draws is drawn; anything more has no part in view.
        assert expected <= set(drawn), f"step {step}"
        extra = set(drawn) - expected
        for link in (lk for lk in window.session.project.links if id(lk) in extra):
            arc = layer._arc(link)
            assert arc is None or arc.piece(exposed) is None or \
                not arc.bounds.intersects(exposed)
        for link, points in used.values():  # each arc drawn where its events are now
            layer._arcs.pop(id(link), None)
            assert layer._arc(link).points == points, f"step {step}"
        used.clear()
        checked += len(expected)
        windows.add(id(layer._window))
    assert checked > 100
    assert 2 < len(windows) < 20  # reused while panning inside it, gathered anew past it

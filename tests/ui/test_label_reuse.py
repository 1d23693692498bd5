"""Event labels (elided title and badges) are drawn once into pixmaps: a version of an
event with the same title and items (moved, resized, retimed) reuses its label; a new
title or new items draw it again."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Project
from negotiator_gui.ui.glyph_painter import GlyphPainter
from tests.builders import a_party, an_event, an_item


def label(painter: GlyphPainter, event, drawn: list) -> object:
    look = painter.label_look(event, 300.0)

    def draw(p: QPainter, rect: QRectF) -> None:
        drawn.append(event.title)
    return look, painter._pixmaps.get(event, (300, 0, 1.0), (300, 16), 1.0, draw)


def test_a_moved_event_keeps_its_label_and_a_retitled_one_gets_a_new_one(qapp):
    painter = GlyphPainter()
    painter.set_parties(Project(parties=(a_party(),)))
    event = an_event(items=(an_item(),))
    drawn: list[str] = []
    look, pixmap = label(painter, event, drawn)
    moved = replace(event, start=PartialDate(2014, 1, 1), end=None)
    assert label(painter, moved, drawn) == (look, pixmap)
    assert painter.label_width(moved) == painter.label_width(event)
    assert drawn == [event.title]
    retitled = replace(moved, title="Geneva talks")
    new_look, _ = label(painter, retitled, drawn)
    assert new_look.text == "Geneva talks" and drawn == [event.title, "Geneva talks"]
    more = replace(retitled, items=(an_item(), an_item(id="r-1", type="relief")))
    width = painter.label_width(retitled)
    badge_look, _ = label(painter, more, drawn)
    assert badge_look != new_look and painter.label_width(more) > width
    assert drawn[-1] == "Geneva talks" and len(drawn) == 3

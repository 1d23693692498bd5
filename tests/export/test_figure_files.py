"""The timeline figure as SVG and PNG, and as drawn in the briefing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PIL import Image

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export.figure_files import figure_drawing, write_png, write_svg
from negotiator_gui.operations import sample_document
from tests.builders import a_project, an_event


def _strings(drawing) -> list[str]:
    found = []

    def walk(node):
        for child in getattr(node, "contents", []):
            if hasattr(child, "text"):
                found.append(child.text)
            walk(child)
    walk(drawing)
    return found


def test_svg_is_well_formed_and_holds_every_title(tmp_path):
    path = tmp_path / "figure.svg"
    project = a_project(events=(an_event(title="AT&T <b> talks"),))
    assert write_svg(project, Selection(), path) == []
    root = ET.parse(path).getroot()
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "AT&T <b> talks" in texts
    assert "Political directors" in texts


def test_png_is_written(tmp_path):
    path = tmp_path / "figure.png"
    write_png(sample_document(), Selection(), path, scale=1.0)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.width > 500 and image.height > 100
        colours = image.convert("RGB").getcolors(1_000_000)
    assert any(rgb == (0x00, 0x72, 0xB2) for _, rgb in colours)  # a round, in its colour


def test_figure_labels_match_the_events_and_lanes():
    project = sample_document()
    strings = _strings(figure_drawing(project, Selection()))
    for event in project.events:  # whole, or cut with an ellipsis as in the app
        assert any(s == event.title or (s.endswith("…") and event.title.startswith(s[:-1]))
                   for s in strings)
    for track in project.tracks:
        assert any(track.name in s for s in strings)


def test_figure_spans_the_chosen_period_and_leaves_out_restricted():
    secret = an_event(id="secret", title="Secret ZQX", restricted=True)
    project = a_project(events=(an_event(), secret))
    strings = _strings(figure_drawing(project, Selection(include_restricted=False,
                                                         start=PartialDate(2013, 1),
                                                         end=PartialDate(2013, 6))))
    assert "Almaty talks, first round" in strings
    assert not any("ZQX" in s for s in strings)
    assert any("2013" in s for s in strings)


def test_kind_colours_are_the_apps():
    from negotiator_gui.domain.colors import KIND_COLORS
    from negotiator_gui.ui.palette import KIND_COLORS as APP_COLORS

    assert KIND_COLORS == APP_COLORS

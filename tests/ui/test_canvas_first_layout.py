"""The canvas's first layout takes quick paths that must give what the general ones give."""

from __future__ import annotations

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Project, Track
from negotiator_gui.ui.canvas_layout import CanvasLayout, CanvasOptions


def general_members(layout: CanvasLayout, project: Project, options: CanvasOptions) -> list:
    """Lane members the way every lane mode finds them (keys_of per event)."""
    out = [{} for _ in layout.specs]
    for event in project.events:
        if options.shows(event.id):
            for key in layout._keys_of(event):
                if key in layout._index:
                    out[layout._index[key]][event.id] = event
    return out


def project() -> Project:
    tracks = (Track("a", "A", 0), Track("b", "B", 1))
    on = ["a", "b", "ghost", "", "a", "b"]
    events = tuple(Event(f"e{n}", f"E{n}", track, PartialDate(2000 + n))
                   for n, track in enumerate(on))
    return Project(tracks=tracks, events=events)


def test_sorting_into_track_lanes_agrees_with_the_general_way():
    p = project()
    for matching, mode in ((None, "dim"), ({"e0", "e2", "e3"}, "hide"), ({"e1"}, "dim")):
        options = CanvasOptions(matching=matching, filter_mode=mode)
        layout = CanvasLayout(glyphs=None)
        layout._sort_into_lanes(p, options)
        assert [spec.key for spec in layout.specs] == ["a", "b", ""]
        assert layout.members == general_members(layout, p, options)
        assert [list(m) for m in layout.members] != [[], [], []]
    hidden = CanvasOptions(matching={"e0"}, filter_mode="hide")
    layout = CanvasLayout(glyphs=None)
    layout._sort_into_lanes(p, hidden)
    assert [list(m) for m in layout.members] == [["e0"], [], []]


def test_other_lane_modes_still_sort_the_general_way():
    p = project()
    options = CanvasOptions(lane_mode="party")
    layout = CanvasLayout(glyphs=None)
    layout._sort_into_lanes(p, options)
    assert layout.members == general_members(layout, p, options)
    assert list(layout.members[-1]) == [e.id for e in p.events]  # all in "No party"

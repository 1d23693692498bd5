"""The canvas after an edit (TimelineScene.patch: incremental re-stacking, rows, placement
index, bands, extent) is exactly what a fresh layout of the edited project gives."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator_gui.domain.changes import ChangeSet, apply
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.canvas_layout import CanvasOptions
from negotiator_gui.ui.timeline_scene import TimelineScene
from tests.builders import DATED_BASE, a_dated_event, a_party, a_track, an_item

BASE = DATED_BASE
TRACKS = tuple(a_track(id=f"t{n}", name=f"Track {n}", order=n) for n in range(3))
# px per day: compact lanes (0.05 and 0.3 with dense events) up to a few days wide
SCALES = [0.05, 0.3, 2.0, 10.0, 40.0]


def dated(event_id: str, track: str, offset: int, length: int, precision: int,
          title: int, items: int) -> Event:
    return a_dated_event(event_id, offset, length, precision, title="Talks " + "x" * title,
                         track=track,
                         items=tuple(an_item(id=f"{event_id}-i{k}") for k in range(items)))


LANES = ["t0", "t1", "t2", "t0", "t1", "t2", "gone"]  # "gone": the Unassigned lane comes
spans = st.tuples(st.sampled_from(LANES), st.integers(0, 300),
                  st.sampled_from([0, 0, 0, 2, 9, 120]), st.sampled_from([2, 2, 2, 1, 0]),
                  st.integers(0, 25), st.sampled_from([0, 0, 1, 2]))
edits = st.lists(st.tuples(st.sampled_from(["move", "resize", "lane", "delete", "insert"]),
                           st.integers(0, 10_000), spans, st.integers(1, 2)),
                 min_size=1, max_size=8)


def snapshot(scene: TimelineScene) -> dict:
    """Everything the canvas shows and looks up, as plain values."""
    rows = [[[(g.event.id, g.event, g.lane, g.row, g.index, g.d0, g.d1, g.marker,
               g.fuzzy_start, g.fuzzy_end, g.color.rgba()) for g in row.glyphs]
             for row in lane_rows] for lane_rows in scene.layout.rows]
    arrays = [[(row.starts, row.ends, row.reach, row.ids) for row in lane_rows]
              for lane_rows in scene.layout.rows]
    placements = {key: sorted((g.lane, g.row, g.index) for g in glyphs)
                  for key, glyphs in scene._placements.items()}
    return {"lanes": scene.layout.lanes, "bands": scene.lanes, "rows": rows,
            "arrays": arrays, "placements": placements, "range": scene.day_range,
            "extent": scene.x_extent, "bottom": scene.bottom,
            "items": [item.rows for item in scene.lane_items] == scene.layout.rows}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(start=st.lists(spans, min_size=1, max_size=40), edits=edits,
       ppd=st.sampled_from(SCALES), collapse=st.sampled_from([None, "t1"]))
def test_a_patched_canvas_equals_a_fresh_layout(qapp, start, edits, ppd, collapse):
    scale = TimeScale(BASE.toordinal(), ppd)
    options = CanvasOptions(collapsed={collapse} if collapse else set())
    project = apply(Project(parties=(a_party(),), tracks=TRACKS),
                    ChangeSet(put_events=tuple(dated(f"e{i}", *span)
                                               for i, span in enumerate(start))))
    scene = TimelineScene()
    scene.populate(project, scale, palette.AXIS_HEIGHT, options)
    serial = len(start)
    for what, pick, span, count in edits:
        ids = sorted(e.id for e in project.events)
        put, delete = [], []
        for n in range(count):  # one or two events per change set
            if what == "insert" or not ids:
                serial += 1
                put.append(dated(f"e{serial}", *span))
                continue
            old = next(e for e in project.events if e.id == ids[(pick + n) % len(ids)])
            ids.remove(old.id)
            if what == "delete":
                delete.append(old.id)
                continue
            track, offset, length, precision, title, items = span
            if what == "move":  # as a drag: same length, same lane
                days = (old.end or old.start).last_day().toordinal() - \
                    old.start.first_day().toordinal()
                put.append(dated(old.id, old.track, offset, days, 2, len(old.title) - 6,
                                 len(old.items)))
            elif what == "resize":
                put.append(dated(old.id, old.track, old.start.first_day().toordinal()
                                 - BASE.toordinal(), length, precision, len(old.title) - 6,
                                 len(old.items)))
            else:  # to another lane, keeping its dates
                put.append(replace(old, track=track))
        changes = ChangeSet(put_events=tuple(put), delete_events=tuple(delete))
        project = apply(project, changes)
        if not scene.patch(project, changes, None):  # as TimelineView does
            scene.populate(project, scale, palette.AXIS_HEIGHT, options)
        fresh = TimelineScene()
        fresh.populate(project, scale, palette.AXIS_HEIGHT, options)
        assert snapshot(scene) == snapshot(fresh)


def test_drags_in_the_window_draw_what_a_full_layout_draws(window, tmp_path, qtbot):
    """Real drags (in time, and into another lane) are shown by the incremental path;
    the frame is then pixel for pixel the frame of a full layout of the same project."""
    from PySide6.QtCore import QPoint

    from tests.ui.test_canvas import drag, open_window, point_of
    from tests.ui.test_canvas_big import big_project

    path = tmp_path / "big.sqlite"
    big_project(path, 400)
    open_window(window, path, px_per_day=6.0)
    view = window.view
    populated = []
    original = view.timeline.populate
    view.timeline.populate = lambda *a, **k: (populated.append(1), original(*a, **k))[1]
    lane_height = view.timeline.lanes[1].top - view.timeline.lanes[0].top
    for event_id, offset in [("e40", QPoint(30, 0)), ("e41", QPoint(-45, 0)),
                             ("e60", QPoint(0, round(lane_height))), ("e42", QPoint(12, 0))]:
        start = point_of(window, event_id)
        drag(qtbot, window, start, start + offset)
    assert window.session.undo_stack.count() == 4
    assert not populated, "a drag should be shown without a full layout"
    tracks = {e.id: e.track for e in window.session.project.events}
    assert tracks["e60"] != "t0" and tracks["e40"] == "t0"
    patched = view.viewport().grab().toImage()
    rows = [[row.ids for row in lane] for lane in view.timeline.layout.rows]
    view.rebuild()
    assert [[row.ids for row in lane] for lane in view.timeline.layout.rows] == rows
    assert view.viewport().grab().toImage() == patched

"""EventDrag: one drag of events on the canvas, shown live and applied on release."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF

from negotiator_gui.domain import editing
from negotiator_gui.domain.layout import ordered_tracks, span_days
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui.drag_ghost_item import Ghost
from negotiator_gui.ui.timeline_scene import LaneBand, TimelineScene


@dataclass
class EventDrag:
    """Moves (zone 'move') or resizes (zone 'start' / 'end') events with the pointer.

    Nothing is written while dragging. In track lanes the events themselves move
    as the pointer does, the lanes stacking round them and their links following
    (`live`); the lane under the pointer is read from the lanes as they were at
    the press, so that a lane growing or shrinking under the drag does not move
    it. Elsewhere (party or subject lanes, where an event may show in several)
    the originals are hidden and ghosts drawn where they would land. The result
    is the changed events, for one undo step on release, which then finds them
    drawn already.
    """

    scene: TimelineScene
    project: Project
    events: list[Event]         # the originals being dragged
    zone: str                   # move | start | end
    press: QPointF              # scene position of the press
    press_lane: str             # lane key under the press
    lanes_are_tracks: bool
    result: list[Event] = field(default_factory=list)
    active: bool = False
    live: bool = False
    bands: list[LaneBand] = field(default_factory=list)  # the lanes at the press

    def __post_init__(self) -> None:
        self.live = self.lanes_are_tracks
        self.bands = list(self.scene.lanes)

    def update(self, pos: QPointF, scale: TimeScale, free: bool) -> None:
        """Preview the drag with the pointer at scene `pos`.

        Args:
            pos: the pointer, in scene coordinates.
            scale: the canvas's time scale.
            free: snap to days whatever the zoom (Shift held).
        """
        self.active = True
        unit = "day" if free else editing.snap_unit(scale.px_per_day)
        days = round((pos.x() - self.press.x()) / scale.px_per_day)
        track_shift = self._track_shift(pos)
        self.result = [self._changed(e, days, unit, track_shift) for e in self.events]
        if self.live and self.scene.show_moved(self.project, self.result):
            return
        self.live = False  # (the lanes are as the project has them again)
        self._preview(scale)

    def _track_shift(self, pos: QPointF) -> int:
        if self.zone != "move" or not self.lanes_are_tracks:
            return 0
        band = next((b for b in self.bands if b.top <= pos.y() < b.top + b.height), None)
        if band is None or not band.key:
            return 0
        tracks = [t.id for t in ordered_tracks(self.project.tracks)]
        if band.key not in tracks or self.press_lane not in tracks:
            return 0
        return tracks.index(band.key) - tracks.index(self.press_lane)

    def _changed(self, event: Event, days: int, unit: str, track_shift: int) -> Event:
        if self.zone in ("start", "end"):
            return editing.resize_event(event, self.zone, days, unit)
        track = None
        if track_shift:
            tracks = [t.id for t in ordered_tracks(self.project.tracks)]
            index = tracks.index(event.track) if event.track in tracks else 0
            track = tracks[min(max(index + track_shift, 0), len(tracks) - 1)]
        return editing.move_event(event, days, unit, track)

    def _preview(self, scale: TimeScale) -> None:
        ghosts: list[Ghost] = []
        tops = {b.key: b.top for b in self.scene.lanes}
        for old, new in zip(self.events, self.result, strict=True):
            first_old, _ = span_days(old)
            first_new, after_new = span_days(new)
            dy = tops[new.track] - tops[old.track] \
                if new.track != old.track and old.track in tops and new.track in tops else 0.0
            for glyph in self.scene.glyphs_of(old.id):
                body = self.scene.body_rect(glyph)
                if self.zone == "move":
                    dx = (first_new - first_old) * scale.px_per_day
                    left, right = body.left() + dx, body.right() + dx
                else:
                    left = scale.x_of_day(first_new)
                    right = max(scale.x_of_day(after_new), left + 2)
                ghosts.append(self.scene.ghost_for(glyph.moved(new), left, right,
                                                   body.top() + dy))
        self.scene.preview_drag({e.id for e in self.events}, ghosts)

    def changed_events(self) -> list[Event]:
        """The dragged events that end up different."""
        return [new for old, new in zip(self.events, self.result, strict=False) if new != old]

    def cancel(self) -> None:
        """Put every event back where it was."""
        if self.live and self.result:
            self.scene.show_moved(self.project, self.events)
        self.scene.end_preview()
        self.result = []

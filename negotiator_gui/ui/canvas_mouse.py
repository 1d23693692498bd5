"""CanvasMouse: what the mouse does on the timeline: select, drag, resize, pan, rubber-band."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QRubberBand, QToolTip

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.ui import palette
from negotiator_gui.ui.event_drag import EventDrag
from negotiator_gui.ui.glyph_painter import tooltip
from negotiator_gui.ui.lane_item import EDGE_GRIP, Shape
from negotiator_gui.ui.timeline_overlay import TRIANGLE
from negotiator_gui.ui.timeline_scene import LaneBand
from negotiator_gui.ui.translations import step_name

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_view import TimelineView

_LEFT = Qt.MouseButton.LeftButton
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


class CanvasMouse(QObject):
    """Turns presses, moves and releases on the view's viewport into edits.

    A press on an event selects it and may start an `EventDrag`; on a lane
    header it folds the lane or starts moving it; on empty space it pans, or
    with Shift draws a rubber band that selects what it touches.
    """

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.drag: EventDrag | None = None
        self.lane_drag: tuple[str, float] | None = None
        self._origin = QPoint()
        self._pan: tuple[int, int] | None = None
        self._band: QRubberBand | None = None
        self._band_base: list[str] = []
        self._empty_press = False

    # -- what is where -----------------------------------------------------------

    def shape_at(self, pos: QPoint) -> Shape | None:
        """The event drawn under a viewport position."""
        if pos.x() < palette.LANE_HEADER_WIDTH or pos.y() < palette.AXIS_HEIGHT:
            return None
        return self.view.timeline.shape_at(self.view.mapToScene(pos))

    def zone_at(self, shape: Shape, pos: QPoint) -> str:
        """'start' or 'end' near a bar's ends (a resize), otherwise 'move'."""
        glyph, left, right = shape[0], shape[1], shape[2]
        if glyph.marker or not shape[5] or right - left < 3 * EDGE_GRIP:
            return "move"
        x = self.view.mapToScene(pos).x()
        if abs(x - left) <= EDGE_GRIP:
            return "start"
        if abs(x - right) <= EDGE_GRIP:
            return "end"
        return "move"

    def show_tooltip(self, event: QHelpEvent) -> None:
        """The full title and the items of the event under the pointer, if any."""
        shape = self.shape_at(event.pos())
        if shape is None:
            QToolTip.hideText()
            event.ignore()
            return
        QToolTip.showText(event.globalPos(),
                          tooltip(shape[0].event, self.view.timeline.glyphs.names),
                          self.view.viewport())

    # -- press -------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        """Handle a press; False when the view should handle it itself."""
        if event.button() != _LEFT:
            return False
        pos = event.position().toPoint()
        self._origin = pos
        header = self.view.lane_header_at(pos)
        if header is not None:
            self._press_header(header, pos)
            return True
        shape = self.shape_at(pos)
        if shape is not None:
            self._press_event(shape, event)
            return True
        self._empty_press = True
        if event.modifiers() & _SHIFT:
            self._start_band(pos, bool(event.modifiers() & _CTRL))
        else:
            bars = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
            self._pan = (bars[0].value(), bars[1].value())
        return True

    def _press_event(self, shape: Shape, event: QMouseEvent) -> None:
        view, selection = self.view, self.view.selection
        event_id = shape[0].event.id
        if event.modifiers() & _CTRL:
            ids = selection.ids
            selection.select([i for i in ids if i != event_id] if event_id in ids
                             else ids + [event_id])
            return
        if event_id not in selection.ids:
            selection.select([event_id])
        pos = event.position().toPoint()
        zone = self.zone_at(shape, pos)
        chosen = set(selection.ids) if zone == "move" else {event_id}
        events = [e for e in view.project.events if e.id in chosen]
        scene_pos = view.mapToScene(pos)
        band = view.timeline.lane_at(scene_pos.y())
        self.drag = EventDrag(view.timeline, view.project, events, zone, scene_pos,
                              band.key if band else "", view.options.lane_mode == "track")
        view.setFocus()

    def _press_header(self, band: LaneBand, pos: QPoint) -> None:
        view = self.view
        if pos.x() <= TRIANGLE + 4:
            view.toggle_lane(band.key)
            return
        if view.options.lane_mode == "track" and band.key and view.session.editable:
            self.lane_drag = (band.key, float(pos.y()))

    def _start_band(self, pos: QPoint, add: bool) -> None:
        if self._band is None:
            self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.view.viewport())
        self._band_base = self.view.selection.ids if add else []
        self._band.setGeometry(QRect(pos, QSize()))
        self._band.show()

    # -- move --------------------------------------------------------------------

    def move(self, event: QMouseEvent) -> None:
        """Drag, pan, stretch the band, or show what a press here would do."""
        view = self.view
        pos = event.position().toPoint()
        far = (pos - self._origin).manhattanLength() >= QApplication.startDragDistance()
        if self.drag is not None:
            if (far or self.drag.active) and view.session.editable:
                free = bool(event.modifiers() & _SHIFT)
                self.drag.update(view.mapToScene(pos), view.scale, free)
            return
        if self.lane_drag is not None:
            self.lane_drag = (self.lane_drag[0], float(pos.y()))
            view.viewport().update()
            return
        if self._band is not None and self._band.isVisible():
            self._stretch_band(pos)
            return
        if self._pan is not None:
            delta = pos - self._origin
            view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            view.horizontalScrollBar().setValue(self._pan[0] - delta.x())
            view.verticalScrollBar().setValue(self._pan[1] - delta.y())
            return
        self._update_cursor(pos)

    def _stretch_band(self, pos: QPoint) -> None:
        view = self.view
        rect = QRect(self._origin, pos).normalized()
        self._band.setGeometry(rect)
        scene_rect = QRectF(view.mapToScene(rect.topLeft()), view.mapToScene(rect.bottomRight()))
        found = view.timeline.ids_in_rect(scene_rect)
        view.follow_selection = False  # the band is where the user is looking
        try:
            view.selection.select(self._band_base + found)
        finally:
            view.follow_selection = True

    def _update_cursor(self, pos: QPoint) -> None:
        shape = self.shape_at(pos)
        viewport = self.view.viewport()
        if shape is None:
            viewport.unsetCursor()
            return
        zone = self.zone_at(shape, pos)
        viewport.setCursor(Qt.CursorShape.SizeHorCursor if zone != "move"
                           else Qt.CursorShape.PointingHandCursor)

    # -- release -----------------------------------------------------------------

    def release(self, event: QMouseEvent) -> bool:
        """Finish whatever the press started; False when it was not ours."""
        if event.button() != _LEFT:
            return False
        pos = event.position().toPoint()
        moved = (pos - self._origin).manhattanLength() >= QApplication.startDragDistance()
        if self.drag is not None:
            self._finish_drag()
        elif self.lane_drag is not None:
            self._finish_lane_drag(pos)
        elif self._band is not None and self._band.isVisible():
            self._band.hide()
            if not moved and not self._band_base:
                self.view.selection.clear()
        elif self._empty_press and not moved:
            self.view.selection.clear()
        if self._pan is not None:
            self.view.viewport().unsetCursor()
        self._pan, self._empty_press = None, False
        return True

    def _finish_drag(self) -> None:
        drag, self.drag = self.drag, None
        if drag is None:
            return
        changed = drag.changed_events() if drag.active else []
        if not changed:
            drag.cancel()
            return
        verb = {"move": self.tr("Move"), "start": self.tr("Change start of"),
                "end": self.tr("Change end of")}[drag.zone]
        if not self.view.session.apply(ChangeSet(put_events=tuple(changed)),
                                       step_name(changed, verb)):
            drag.cancel()

    def _finish_lane_drag(self, pos: QPoint) -> None:
        view = self.view
        key, _ = self.lane_drag
        self.lane_drag = None
        target = view.timeline.lane_at(view.mapToScene(pos).y())
        keys = [b.key for b in view.timeline.lanes if b.key]
        if target is not None and target.key in keys and target.key != key:
            view.edits.reorder_tracks(key, keys.index(target.key))
        view.viewport().update()

    def cancel(self) -> bool:
        """Esc: put back a drag in progress; False when there was none."""
        if self.drag is not None:
            self.drag.cancel()
            self.drag = None
            return True
        if self.lane_drag is not None:
            self.lane_drag = None
            self.view.viewport().update()
            return True
        if self._band is not None and self._band.isVisible():
            self._band.hide()
            self.view.selection.select(self._band_base)
            return True
        return False

    def forget(self) -> None:
        """The project changed under a drag in progress (an undo, a colleague's
        edit): the drag ends, its events put back where the project has them."""
        drag, self.drag = self.drag, None
        if drag is not None:
            drag.cancel()

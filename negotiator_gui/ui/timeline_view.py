"""TimelineView: the editable canvas: zoom, pan, select, drag, resize, create, keyboard."""

from __future__ import annotations

import datetime as _dt
import json

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from negotiator_gui.domain import editing
from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale, fit
from negotiator_gui.ui import palette
from negotiator_gui.ui.canvas_actions import CanvasActions
from negotiator_gui.ui.canvas_menus import CanvasMenus
from negotiator_gui.ui.event_drag import EventDrag
from negotiator_gui.ui.event_item import EventItem
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_overlay import TRIANGLE, TimelineOverlay
from negotiator_gui.ui.timeline_scene import CanvasOptions, LaneBand, TimelineScene

ZOOM_STEP = 1.25
LINKS_MIN_PX_PER_DAY = 0.5  # zoomed out further, only the selection's links are drawn
CANVAS_SETTING = "canvas"


class TimelineView(QGraphicsView):
    """Shows and edits a project's timeline.

    Mouse: drag an event to move it (Shift: by days), drag a bar's end to
    resize, drag empty space to pan, Shift+drag empty space to select a
    rectangle, Ctrl+click to add to the selection, double-click empty space to
    make an event, Ctrl+wheel or pinch to zoom. Keyboard: arrows nudge,
    Up/Down change lane, Tab steps through events, Enter opens, Delete,
    Ctrl+C/V/D, +/- zoom, Esc cancels a drag or clears the selection.

    Signals:
        zoom_changed(float): pixels per day after a zoom.
        open_requested(str): the user asked to edit an event in the inspector.
        tracks_requested: the user asked to edit the tracks (lane menu).
    """

    zoom_changed = Signal(float)
    open_requested = Signal(str)
    tracks_requested = Signal()

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.selection = session, selection
        self.edits = CanvasActions(session, selection, self)
        self.timeline = TimelineScene(self)
        self.setScene(self.timeline)
        self.options = CanvasOptions()
        self.scale = TimeScale(_dt.date.today().toordinal(), 2.0)
        self.overlay = TimelineOverlay(self)
        self.menus = CanvasMenus(self)
        self._fitted = False
        self._syncing = False
        self._drag: EventDrag | None = None
        self._lane_drag: tuple[str, float] | None = None
        self._press_empty: QPoint | None = None
        self._press_consumed = False
        self._filter_source = None
        self._setup()
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_changed.connect(self._on_session_project_changed)
        selection.selection_changed.connect(self._on_selection_changed)
        selection.current_item_changed.connect(self._on_selection_current_item_changed)
        self.timeline.selectionChanged.connect(self._on_scene_selection_changed)

    def _setup(self) -> None:
        self.setRenderHints(QPainter.RenderHint.Antialiasing |
                            QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(self.tr(
            "Events by lane over time. Tab steps through events; arrows move them."))

    @property
    def project(self) -> Project:
        """The project shown."""
        return self.session.project

    # -- content ---------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        self._load_options()
        self.fit_all()
        self.setFocus()

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        self.selection.keep_existing({e.id for e in self.project.events})
        self.rebuild()

    def _load_options(self) -> None:
        try:
            stored = json.loads(self.session.settings.get(CANVAS_SETTING, "{}"))
        except ValueError:
            stored = {}
        stored = stored if isinstance(stored, dict) else {}
        mode = stored.get("lane_mode")
        color = stored.get("color_by")
        collapsed = stored.get("collapsed")
        self.options.lane_mode = mode if mode in ("track", "party", "subject") else "track"
        self.options.color_by = color if color in ("kind", "party") else "kind"
        self.options.collapsed = {c for c in collapsed if isinstance(c, str)} \
            if isinstance(collapsed, list) else set()
        self.options.show_links = stored.get("show_links", True) is not False
        self.options.show_legend = stored.get("show_legend", True) is not False

    def _save_options(self) -> None:
        if not self.session.editable:
            return
        self.session.set_setting(CANVAS_SETTING, json.dumps({
            "lane_mode": self.options.lane_mode, "color_by": self.options.color_by,
            "collapsed": sorted(self.options.collapsed),
            "show_links": self.options.show_links,
            "show_legend": self.options.show_legend}))

    def set_lane_mode(self, mode: str) -> None:
        """Lanes by 'track', 'party' or 'subject'."""
        self.options.lane_mode = mode
        self._save_options()
        self.rebuild()

    def set_color_by(self, what: str) -> None:
        """Colour events by 'kind' or 'party'."""
        self.options.color_by = what
        self._save_options()
        self.rebuild()

    def set_show_links(self, show: bool) -> None:
        """Draw the links between items, or not."""
        self.options.show_links = show
        self._save_options()
        self.rebuild()

    def set_show_legend(self, show: bool) -> None:
        """Draw the colour legend, or not."""
        self.options.show_legend = show
        self._save_options()
        self.viewport().update()

    def toggle_lane(self, key: str) -> None:
        """Collapse or expand a lane."""
        self.options.collapsed ^= {key}
        self._save_options()
        self.rebuild()

    def set_filter_source(self, source) -> None:
        """Ask `source` (a FilterBar: `matching()` and `spec.mode`) before each layout."""
        self._filter_source = source

    def _refresh_filter(self) -> None:
        if self._filter_source is not None:
            self.options.matching = self._filter_source.matching()
            self.options.filter_mode = self._filter_source.spec.mode

    def rebuild(self) -> None:
        """Lay the project out again, keeping the visible dates, scroll and selection."""
        anchor = self.scale.day_at(self.mapToScene(palette.LANE_HEADER_WIDTH, 0).x())
        vertical = self.verticalScrollBar().value()
        self._drag = None
        self._refresh_filter()
        self.options.link_filter = self._link_filter()
        self._syncing = True  # clearing the scene must not clear the shared selection
        try:
            self.timeline.populate(self.project, self.scale, palette.AXIS_HEIGHT, self.options)
        finally:
            self._syncing = False
        self._scroll_to_day(anchor, palette.LANE_HEADER_WIDTH)
        self.verticalScrollBar().setValue(vertical)
        self._select_items(self.selection.ids)
        self.timeline.highlight_item(self.project, self.selection.current_item)
        self.viewport().update()

    def _link_filter(self) -> set[str] | None:
        """All links when zoomed in; only the selection's when zoomed out."""
        if self.scale.px_per_day >= LINKS_MIN_PX_PER_DAY:
            return None
        return set(self.selection.ids)

    def _update_links(self) -> None:
        wanted = self._link_filter()
        if self.options.show_links and wanted is not None:
            self.options.link_filter = wanted
            self.timeline.set_links(wanted)
            self.timeline.highlight_item(self.project, self.selection.current_item)

    # -- zoom and scroll -------------------------------------------------------

    def fit_all(self) -> None:
        """Zoom so every event fits across the view."""
        self._fit(_days_of(self.project.events))
        self._fitted = True

    def fit_selection(self) -> None:
        """Zoom to the selected events (all events when none is selected)."""
        chosen = set(self.selection.ids)
        events = [e for e in self.project.events if e.id in chosen]
        if not events:
            self.fit_all()
            return
        self._fit(_days_of(events))
        items = [i for e in events for i in self.timeline.items_of(e.id)]
        if items:
            self.ensureVisible(items[0], 50, 60)

    def _fit(self, day_range: tuple[int, int] | None) -> None:
        width = max(self.viewport().width() - palette.LANE_HEADER_WIDTH - 20, 200)
        if day_range is None:
            today = _dt.date.today().toordinal()
            day_range = (today - 180, today + 180)
        self.scale = fit(day_range[0], day_range[1], width)
        overflow = self._label_overflow(day_range[1])
        if overflow > 0:
            self.scale = fit(day_range[0], day_range[1], max(width - overflow, 100))
        self.rebuild()
        left = day_range[0] - 0.05 * (day_range[1] - day_range[0]) - 1
        self._scroll_to_day(left, palette.LANE_HEADER_WIDTH)
        self.zoom_changed.emit(self.scale.px_per_day)

    def _label_overflow(self, last_day: int) -> float:
        """How far labels reach past the last day at the current scale, in pixels."""
        reach = self.timeline.label_reach(self.project, self.scale)
        margin = self.scale.x_of_day(last_day) + 0.05 * self.scale.px_per_day * (
            last_day - self.scale.origin)
        return reach - margin + 24

    def _scroll_to_day(self, day: float, viewport_x: float) -> None:
        shift = self.mapFromScene(QPointF(self.scale.x_of_day(day), 0)).x() - viewport_x
        bar = self.horizontalScrollBar()
        bar.setValue(int(round(bar.value() + shift)))

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by `factor`, keeping the day under viewport x `anchor_x` in place."""
        self._fitted = False
        if anchor_x is None:
            anchor_x = (palette.LANE_HEADER_WIDTH + self.viewport().width()) / 2
        day = self.scale.day_at(self.mapToScene(int(anchor_x), 0).x())
        self.scale = self.scale.zoomed(factor)
        self.rebuild()
        self._scroll_to_day(day, anchor_x)
        self.zoom_changed.emit(self.scale.px_per_day)

    def wheelEvent(self, event: QWheelEvent) -> None:
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps, event.position().x())
            event.accept()
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + event.value(), event.position().x())
                return True
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                local = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom_by(pinch.scaleFactor(), local.x())
                return True
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_all()

    # -- selection sync ----------------------------------------------------------

    def _select_items(self, ids: list[str]) -> None:
        self._syncing = True
        try:
            chosen = set(ids)
            for event_id, items in self.timeline.event_items.items():
                for item in items:
                    item.setSelected(event_id in chosen)
        finally:
            self._syncing = False

    def _on_selection_changed(self, ids: list[str]) -> None:
        self._update_links()
        if not self._syncing:
            self._select_items(ids)
            if ids:
                items = self.timeline.items_of(ids[-1])
                if items:
                    self.ensureVisible(items[0], 40, 40)
        self.viewport().update()

    def _on_scene_selection_changed(self) -> None:
        if self._syncing:
            return
        chosen = [i.event.id for i in self.timeline.selectedItems() if isinstance(i, EventItem)]
        ordered = [i for i in self.selection.ids if i in chosen] + \
            [i for i in chosen if i not in self.selection.ids]
        self._syncing = True
        try:
            self.selection.select(ordered)
        finally:
            self._syncing = False

    def _on_selection_current_item_changed(self, item_id: str) -> None:
        self.timeline.highlight_item(self.project, item_id)

    # -- mouse -----------------------------------------------------------------

    def event_item_at(self, pos: QPoint) -> EventItem | None:
        """The topmost event under a viewport position."""
        if pos.x() < palette.LANE_HEADER_WIDTH or pos.y() < palette.AXIS_HEIGHT:
            return None
        for item in self.items(pos):
            if isinstance(item, EventItem):
                return item
        return None

    def lane_header_at(self, pos: QPoint) -> LaneBand | None:
        """The lane whose header is under a viewport position."""
        if pos.x() >= palette.LANE_HEADER_WIDTH or pos.y() < palette.AXIS_HEIGHT:
            return None
        return self.timeline.lane_at(self.mapToScene(pos).y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        header = self.lane_header_at(pos)
        item = self.event_item_at(pos)
        self._press_consumed = header is not None or item is not None
        if header is not None:
            self._press_header(header, pos)
            return
        if item is not None:
            self._press_event(item, event)
            return
        self._press_empty = pos
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        super().mousePressEvent(event)

    def _press_event(self, item: EventItem, event: QMouseEvent) -> None:
        event_id = item.event.id
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            ids = self.selection.ids
            self.selection.select([i for i in ids if i != event_id] if event_id in ids
                                  else ids + [event_id])
            return
        if event_id not in self.selection.ids:
            self.selection.select([event_id])
        scene_pos = self.mapToScene(event.position().toPoint())
        zone = item.zone_at(item.mapFromScene(scene_pos).x())
        chosen = set(self.selection.ids) if zone == "move" else {event_id}
        events = [e for e in self.project.events if e.id in chosen]
        band = self.timeline.lane_at(scene_pos.y())
        self._drag = EventDrag(self.timeline, self.project, events, zone, scene_pos,
                               band.key if band else "", self.options.lane_mode == "track")
        self._drag_origin = event.position().toPoint()
        self.setFocus()

    def _press_header(self, band: LaneBand, pos: QPoint) -> None:
        if pos.x() <= TRIANGLE + 4:
            self.toggle_lane(band.key)
            return
        if self.options.lane_mode == "track" and band.key and self.session.editable:
            self._lane_drag = (band.key, float(pos.y()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._drag is not None:
            far = (pos - self._drag_origin).manhattanLength() >= \
                QApplication.startDragDistance()
            if (far or self._drag.active) and self.session.editable:
                free = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._drag.update(self.mapToScene(pos), self.scale, free)
                self.viewport().update()
            return
        if self._lane_drag is not None:
            self._lane_drag = (self._lane_drag[0], float(pos.y()))
            self.viewport().update()
            return
        self._update_cursor(pos)
        super().mouseMoveEvent(event)

    def _update_cursor(self, pos: QPoint) -> None:
        item = self.event_item_at(pos)
        if item is None:
            self.viewport().unsetCursor()
            return
        zone = item.zone_at(item.mapFromScene(self.mapToScene(pos)).x())
        shape = Qt.CursorShape.SizeHorCursor if zone != "move" else \
            Qt.CursorShape.PointingHandCursor
        self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_drag()
            return
        if self._lane_drag is not None:
            self._finish_lane_drag(event.position().toPoint())
            return
        if self._press_consumed and event.button() == Qt.MouseButton.LeftButton:
            # The press never reached QGraphicsView: its release would read as a
            # click on empty space and clear the selection.
            self._press_consumed = False
            return
        super().mouseReleaseEvent(event)
        moved = self._press_empty is not None and \
            (event.position().toPoint() - self._press_empty).manhattanLength() >= \
            QApplication.startDragDistance()
        if self.dragMode() == QGraphicsView.DragMode.RubberBandDrag:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        elif self._press_empty is not None and not moved:
            self.selection.clear()
        self._press_empty = None

    def _finish_drag(self) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        changed = drag.changed_events() if drag.active else []
        if not changed:
            drag.cancel()
            return
        verb = {"move": self.tr("Move"), "start": self.tr("Change start of"),
                "end": self.tr("Change end of")}[drag.zone]
        if not self.session.apply(ChangeSet(put_events=tuple(changed)),
                                  editing.describe(changed, verb)):
            drag.cancel()

    def _finish_lane_drag(self, pos: QPoint) -> None:
        key, _ = self._lane_drag
        self._lane_drag = None
        target = self.timeline.lane_at(self.mapToScene(pos).y())
        keys = [b.key for b in self.timeline.lanes if b.key]
        if target is not None and target.key in keys and target.key != key:
            self.edits.reorder_tracks(key, keys.index(target.key))
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        item = self.event_item_at(pos)
        if item is not None:
            self.open_requested.emit(item.event.id)
            return
        if self.lane_header_at(pos) is not None or pos.y() < palette.AXIS_HEIGHT:
            return
        self.create_at(pos)

    def create_at(self, pos: QPoint) -> str | None:
        """Make a new event at the date and lane under a viewport position."""
        if not self.session.editable:
            return None
        scene_pos = self.mapToScene(pos)
        band = self.timeline.lane_at(scene_pos.y())
        track = band.key if band is not None and self.options.lane_mode == "track" else None
        return self.edits.create_event(self.scale.date_at(scene_pos.x()), track)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menus.show_at(event.pos(), event.globalPos())

    # -- keyboard --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            if self._drag is not None:
                self._drag.cancel()
                self._drag = None
            elif self._lane_drag is not None:
                self._lane_drag = None
                self.viewport().update()
            else:
                self.selection.clear()
            return True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
            return True
        if key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selection.current:
            self.open_requested.emit(self.selection.current)
            return True
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.selection.select(e.id for e in self.project.events)
            return True
        if not self.session.editable:
            return False
        return self._handle_edit_key(key, mods)

    def _handle_edit_key(self, key: int, mods) -> bool:
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.edits.delete_selected() or True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.selection.ids:
            unit = "day" if mods & Qt.KeyboardModifier.ShiftModifier else \
                editing.snap_unit(self.scale.px_per_day)
            self.edits.nudge_selected(1 if key == Qt.Key.Key_Right else -1, unit)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.selection.ids \
                and self.options.lane_mode == "track":
            self.edits.move_selected_to_lane(1 if key == Qt.Key.Key_Down else -1)
            return True
        return False

    def focusNextPrevChild(self, next_: bool) -> bool:
        """Tab and Shift+Tab step through events in date order (Ctrl+Tab leaves)."""
        events = [e.id for e in self.project.events if self.timeline.items_of(e.id)]
        if not events or not self.hasFocus():
            return super().focusNextPrevChild(next_)
        current = self.selection.current
        index = events.index(current) if current in events else -1
        index = (index + (1 if next_ else -1)) % len(events)
        self.selection.select([events[index]])
        return True

    # -- painting --------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, self.palette().base())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        self.overlay.paint(painter, self.scale, self.timeline.lanes, self.project,
                           self.options, self._lane_drag)


def _days_of(events) -> tuple[int, int] | None:
    if not events:
        return None
    firsts = [e.start.first_day().toordinal() for e in events]
    lasts = [(e.end or e.start).last_day().toordinal() + 1 for e in events]
    return min(firsts), max(lasts)

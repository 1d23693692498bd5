"""TimelineView: the editable canvas: zoom, pan, select, drag, resize, create, keyboard."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.canvas_actions import CanvasActions
from negotiator_gui.ui.canvas_keys import ZOOM_STEP, CanvasKeys
from negotiator_gui.ui.canvas_layer import CanvasLayer
from negotiator_gui.ui.canvas_menus import CanvasMenus
from negotiator_gui.ui.canvas_mouse import CanvasMouse
from negotiator_gui.ui.canvas_scroll import CanvasScroll, days_of
from negotiator_gui.ui.lane_item import Shape
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_overlay import TimelineOverlay
from negotiator_gui.ui.timeline_scene import CanvasOptions, LaneBand, TimelineScene

LINKS_MIN_PX_PER_DAY = 0.5  # zoomed out further, only the selection's links are drawn
CANVAS_SETTING = "canvas"
SETTLE_MS = 150        # a zoom lays the lanes out again once the wheel rests this long
SYNC_LAYOUT_EVENTS = 1500  # up to this many events, a zoom lays out at once


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
        self._scale = TimeScale(_dt.date.today().toordinal(), 2.0)
        self.overlay = TimelineOverlay(self)
        self.layer = CanvasLayer(self)
        self.timeline.layered = True  # the layer paints the lanes and links
        self.menus = CanvasMenus(self)
        self.mouse = CanvasMouse(self)
        self.keys = CanvasKeys(self)
        self.scroll = CanvasScroll(self)
        self._fitted = False
        self._opening = False
        self._zoom_anchor: tuple | None = None  # viewport x, day, and where the view was
        self.follow_selection = True  # scroll to a newly selected event
        self._filter_source = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._setup()
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_changed.connect(self._on_session_project_changed)
        session.waiting_for_disk.connect(self._on_session_waiting_for_disk)
        selection.selection_changed.connect(self._on_selection_changed)
        selection.current_item_changed.connect(self._on_selection_current_item_changed)

    def _setup(self) -> None:
        self.setRenderHints(QPainter.RenderHint.Antialiasing |
                            QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        # The kept layer covers every pixel (CanvasLayer.draw): Qt need not fill first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.viewport().setAutoFillBackground(False)
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(self.tr(
            "Events by lane over time. Tab steps through events; arrows move them."))

    @property
    def project(self) -> Project:
        """The project shown."""
        return self.session.project

    @property
    def scale(self) -> TimeScale:
        """The time scale: days to scene x."""
        return self._scale

    @scale.setter
    def scale(self, scale: TimeScale) -> None:
        self._scale = scale
        self.timeline.set_scale(scale)

    # -- content ---------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        self._load_options()
        self._opening = True  # a new project starts at its first lane
        try:
            self.fit_all()
        finally:
            self._opening = False
        self.setFocus()

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        if changes is not None and _settings_only(changes):
            return
        self.selection.keep_existing(index_of(self.project).events.keys())
        if changes is None or not self._patch(changes):
            self.rebuild()

    def _on_session_waiting_for_disk(self) -> None:
        self.layer.prepare()  # the edit's frame drawn while its COMMIT waits

    def _patch(self, changes: ChangeSet) -> bool:
        """Lay out only the lanes an edit touched; False when that will not do."""
        if self._settle.isActive() or self.timeline.scale != self._scale:
            return False
        old_matching = self.options.matching
        self._refresh_filter()
        self.mouse.forget()
        if not self.timeline.patch(self.project, changes, old_matching):
            return False
        self._select_items(self.selection.ids)
        self.timeline.highlight_item(self.project, self.selection.current_item)
        return True

    def _load_options(self) -> None:
        self.options.load(self.session.settings.get(CANVAS_SETTING, ""))

    def _save_options(self) -> None:
        if self.session.editable:
            self.session.set_setting(CANVAS_SETTING, self.options.dumps())

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
        self._settle.stop()
        anchor = self._scale.day_at(self.mapToScene(palette.LANE_HEADER_WIDTH, 0).x())
        vertical = self.scroll.anchor(self._opening)
        self.mouse.forget()
        self._refresh_filter()
        self.options.link_filter = self._link_filter()
        self.timeline.populate(self.project, self._scale, palette.AXIS_HEIGHT, self.options)
        self._scroll_to_day(anchor, palette.LANE_HEADER_WIDTH)
        self.scroll.restore(vertical)
        self._select_items(self.selection.ids)
        self.timeline.highlight_item(self.project, self.selection.current_item)
        self.viewport().update()

    def _link_filter(self) -> set[str] | None:
        """All links when zoomed in; only the selection's when zoomed out."""
        if self._scale.px_per_day >= LINKS_MIN_PX_PER_DAY:
            return None
        return set(self.selection.ids)

    def _update_links(self) -> None:
        self.options.link_filter = self._link_filter()
        self.timeline.set_links(self.options.link_filter)

    # -- zoom and scroll -------------------------------------------------------

    def fit_all(self) -> None:
        """Zoom so every event fits across the view."""
        self._fit(self.timeline.layout.day_range(self.project))
        self._fitted = True

    def fit_selection(self) -> None:
        """Zoom to the selected events (all events when none is selected)."""
        chosen = set(self.selection.ids)
        events = [e for e in self.project.events if e.id in chosen]
        if not events:
            self.fit_all()
            return
        self._fit(days_of(events))
        self._ensure_shown(self.selection.ids[0], 50, 60)

    def _fit(self, day_range: tuple[int, int] | None) -> None:
        scale, left = self.scroll.fit_scale(day_range)
        self._scale = scale
        self.rebuild()
        self._scroll_to_day(left, palette.LANE_HEADER_WIDTH)
        self.zoom_changed.emit(scale.px_per_day)

    def _scroll_to_day(self, day: float, viewport_x: float) -> None:
        self.scroll.to_day(day, viewport_x)

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by `factor`, keeping the day under viewport x `anchor_x` in place.

        A big project is drawn at the new zoom at once and laid out again
        (labels re-stacked) only once the zooming rests.
        """
        self._fitted = False
        if anchor_x is None:
            anchor_x = (palette.LANE_HEADER_WIDTH + self.viewport().width()) / 2
        bar = self.horizontalScrollBar()
        day = self._scale.day_at(self.mapToScene(0, 0).x() + anchor_x)
        last = self._zoom_anchor
        if last is not None and last[0] == anchor_x and last[2] == (bar.value(), self._scale):
            day = last[1]  # steps in a row keep the very same day, not a rounded one
        self.scale = self._scale.zoomed(factor)
        self._scroll_to_day(day, anchor_x)
        self._zoom_anchor = (anchor_x, day, (bar.value(), self._scale))
        if len(self.project.events) <= SYNC_LAYOUT_EVENTS:
            self.rebuild()
        else:
            self._update_links()
            self._settle.start()
        self.zoom_changed.emit(self._scale.px_per_day)

    def _on_settle_timeout(self) -> None:
        if self.mouse.drag is None:
            self.rebuild()

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
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self.mouse.show_tooltip(event)
            return True
        if kind == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + event.value(), event.position().x())
                return True
        if kind == QEvent.Type.Gesture:
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
        self.timeline.set_selected(ids)

    def _on_selection_changed(self, ids: list[str]) -> None:
        self._select_items(ids)
        self._update_links()
        if ids and self.follow_selection:
            self._ensure_shown(ids[-1], 40, 40)
        self.viewport().update()

    def _ensure_shown(self, event_id: str, x_margin: int, y_margin: int) -> None:
        bounds = self.timeline.bounds_of(event_id)
        if bounds:
            self.ensureVisible(bounds[0], x_margin, y_margin)

    def _on_selection_current_item_changed(self, item_id: str) -> None:
        self.timeline.highlight_item(self.project, item_id)

    # -- mouse -----------------------------------------------------------------

    def event_at(self, pos: QPoint) -> Shape | None:
        """The event drawn under a viewport position, as (glyph, left, right, label, ...)."""
        return self.mouse.shape_at(pos)

    def lane_header_at(self, pos: QPoint) -> LaneBand | None:
        """The lane whose header is under a viewport position."""
        if pos.x() >= palette.LANE_HEADER_WIDTH or pos.y() < palette.AXIS_HEIGHT:
            return None
        return self.timeline.lane_at(self.mapToScene(pos).y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # What a click selects is under the pointer: the view stays put (a drag
        # starting there keeps its event under the pointer).
        follow, self.follow_selection = self.follow_selection, False
        try:
            handled = self.mouse.press(event)
        finally:
            self.follow_selection = follow
        if not handled:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.mouse.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.mouse.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        shape = self.event_at(pos)
        if shape is not None:
            self.open_requested.emit(shape[0].event.id)
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
        return self.edits.create_event(self._scale.date_at(scene_pos.x()), track)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menus.show_at(event.pos(), event.globalPos())

    # -- keyboard --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.keys.handle(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        """Tab and Shift+Tab step through events in date order (Ctrl+Tab leaves)."""
        return self.keys.step(next_) or super().focusNextPrevChild(next_)

    # -- painting --------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self.layer.draw(painter)  # bands, links, lanes and grid, kept between frames

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if not self.layer.folded:  # (else the kept picture holds it)
            self.paint_overlay(painter)

    def paint_overlay(self, painter: QPainter) -> None:
        """The axis, today line, lane headers and legend, over everything."""
        self.overlay.paint(painter, self._scale, self.timeline.lanes, self.project,
                           self.options, self.mouse.lane_drag)

    def overlay_key(self) -> tuple | None:
        """What the overlay shows besides what the kept layer's picture depends on,
        when the picture may hold it; None while Qt draws items that the overlay
        must cover (a drag's ghosts)."""
        if self.timeline.ghost.ghosts:
            return None
        return self.overlay.state(self.timeline.lanes, self.project, self.options,
                                  self.mouse.lane_drag)


def _settings_only(changes: ChangeSet) -> bool:
    """A change of kept settings only (a filter, the canvas options): nothing to draw."""
    return bool(changes.settings) and ChangeSet(settings=changes.settings) == changes

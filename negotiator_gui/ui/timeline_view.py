"""TimelineView: the canvas with a fixed time axis and lane headers; zoom and pan."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QKeyEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale, context_ticks, fit, ticks
from negotiator_gui.ui import palette
from negotiator_gui.ui.timeline_scene import TimelineScene

ZOOM_STEP = 1.25


class TimelineView(QGraphicsView):
    """Shows a project's timeline. Ctrl+wheel or +/- zoom about the pointer; drag pans.

    Signals:
        zoom_changed(float): pixels per day after a zoom.
    """

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = TimelineScene(self)
        self.setScene(self.timeline)
        self.project = Project()
        self.scale = TimeScale(_dt.date.today().toordinal(), 2.0)
        self.setRenderHints(QPainter.RenderHint.Antialiasing |
                            QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self._fitted = False
        self._axis_font = palette.label_font()
        self._header_font = palette.header_font()

    # -- content -------------------------------------------------------------

    def show_project(self, project: Project) -> None:
        """Show `project`, zoomed to fit all its events."""
        self.project = project
        self.fit_all()

    def rebuild(self) -> None:
        """Lay the project out again at the current scale."""
        self.timeline.populate(self.project, self.scale, palette.AXIS_HEIGHT)
        self.viewport().update()

    def fit_all(self) -> None:
        """Zoom so every event fits across the view."""
        width = max(self.viewport().width() - palette.LANE_HEADER_WIDTH - 20, 200)
        day_range = _project_days(self.project)
        if day_range is None:
            today = _dt.date.today().toordinal()
            day_range = (today - 180, today + 180)
        self.scale = fit(day_range[0], day_range[1], width)
        overflow = self._label_overflow(day_range[1])
        if overflow > 0:
            self.scale = fit(day_range[0], day_range[1], max(width - overflow, 100))
        self._fitted = True
        self.rebuild()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.zoom_changed.emit(self.scale.px_per_day)

    def _label_overflow(self, last_day: int) -> float:
        """How far labels reach past the last day at the current scale, in pixels."""
        layout = self.timeline.layout_for(self.project, self.scale)
        reach = max((p.label_right for p in layout.events), default=0.0)
        margin = self.scale.x_of_day(last_day) + 0.05 * self.scale.px_per_day * (
            last_day - self.scale.origin)
        return reach - margin + 24

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by `factor`, keeping the day under viewport x `anchor_x` in place."""
        self._fitted = False
        if anchor_x is None:
            anchor_x = (palette.LANE_HEADER_WIDTH + self.viewport().width()) / 2
        scene_x = self.mapToScene(int(anchor_x), 0).x()
        day = self.scale.day_at(scene_x)
        self.scale = self.scale.zoomed(factor)
        self.rebuild()
        new_x = self.scale.x_of_day(day)
        shift = self.mapFromScene(QPointF(new_x, 0)).x() - anchor_x
        bar = self.horizontalScrollBar()
        bar.setValue(int(bar.value() + shift))
        self.zoom_changed.emit(self.scale.px_per_day)

    # -- input ---------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps, event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_all()
        self.viewport().update()

    # -- painting ------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawBackground(painter, rect)
        painter.fillRect(rect, self.palette().base())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        self._draw_grid_and_axis(painter)
        self._draw_today(painter)
        self._draw_lane_headers(painter)
        painter.restore()

    def _visible_days(self) -> tuple[int, int]:
        left = self.mapToScene(0, 0).x()
        right = self.mapToScene(self.viewport().width(), 0).x()
        return int(self.scale.day_at(left)) - 1, int(self.scale.day_at(right)) + 1

    def _draw_grid_and_axis(self, painter: QPainter) -> None:
        width = self.viewport().width()
        height = self.viewport().height()
        base = self.palette().window().color()
        painter.fillRect(QRectF(0, 0, width, palette.AXIS_HEIGHT), base)
        text = palette.text_color()
        grid = QColor(text)
        grid.setAlphaF(0.12)
        major_grid = QColor(text)
        major_grid.setAlphaF(0.25)
        painter.setFont(self._axis_font)
        metrics = QFontMetricsF(self._axis_font)
        first, last = self._visible_days()
        header_day = int(self.scale.day_at(self.mapToScene(palette.LANE_HEADER_WIDTH, 0).x()))
        self._draw_context_row(painter, max(first, header_day), last, text)
        painter.setFont(self._axis_font)
        for tick in ticks(first, last, self.scale.px_per_day):
            x = self.mapFromScene(QPointF(self.scale.x_of_day(tick.day), 0)).x()
            if x < palette.LANE_HEADER_WIDTH:
                continue
            painter.setPen(QPen(major_grid if tick.major else grid, 1))
            painter.drawLine(QPointF(x, palette.AXIS_HEIGHT), QPointF(x, height))
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(x, palette.AXIS_HEIGHT - (10 if tick.major else 6)),
                             QPointF(x, palette.AXIS_HEIGHT))
            label_y = palette.AXIS_HEIGHT - 12 - metrics.descent()
            painter.drawText(QPointF(x + 3, label_y), tick.label)
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(0, palette.AXIS_HEIGHT), QPointF(width, palette.AXIS_HEIGHT))

    def _draw_context_row(self, painter: QPainter, first: int, last: int,
                          text: QColor) -> None:
        """The month or year each stretch of the axis belongs to, sticky at the left."""
        painter.setFont(self._header_font)
        metrics = QFontMetricsF(self._header_font)
        marks = context_ticks(first, last, self.scale.px_per_day)
        xs = [max(self.mapFromScene(QPointF(self.scale.x_of_day(t.day), 0)).x(),
                  palette.LANE_HEADER_WIDTH) for t in marks]
        painter.setPen(QPen(text, 1))
        for i, (tick, x) in enumerate(zip(marks, xs, strict=True)):
            room = (xs[i + 1] if i + 1 < len(xs) else self.viewport().width()) - x - 8
            if metrics.horizontalAdvance(tick.label) <= room:
                painter.drawText(QPointF(x + 4, 4 + metrics.ascent()), tick.label)

    def _draw_today(self, painter: QPainter) -> None:
        x = self.mapFromScene(QPointF(self.scale.x_of(_dt.date.today()), 0)).x()
        if palette.LANE_HEADER_WIDTH < x < self.viewport().width():
            painter.setPen(QPen(QColor("#D55E00"), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, palette.AXIS_HEIGHT), QPointF(x, self.viewport().height()))

    def _draw_lane_headers(self, painter: QPainter) -> None:
        width = palette.LANE_HEADER_WIDTH
        height = self.viewport().height()
        painter.fillRect(QRectF(0, 0, width, height), self.palette().window())
        painter.setFont(self._header_font)
        metrics = QFontMetricsF(self._header_font)
        text = palette.text_color()
        for index, band in enumerate(self.timeline.lanes):
            top = self.mapFromScene(QPointF(0, band.top)).y()
            if top + band.height < palette.AXIS_HEIGHT or top > height:
                continue
            painter.fillRect(QRectF(0, top, width, band.height), palette.lane_fill(index))
            painter.setPen(QPen(text, 1))
            title = metrics.elidedText(band.title, Qt.TextElideMode.ElideRight, width - 16)
            painter.drawText(QRectF(10, top + 4, width - 16, palette.BAR_HEIGHT + 12),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        painter.fillRect(QRectF(0, 0, width, palette.AXIS_HEIGHT), self.palette().window())
        painter.setPen(QPen(text.lighter(150) if palette.is_dark() else text.darker(100), 1))
        painter.drawLine(QPointF(width, 0), QPointF(width, height))


def _project_days(project: Project) -> tuple[int, int] | None:
    if not project.events:
        return None
    firsts = [e.start.first_day().toordinal() for e in project.events]
    lasts = [(e.end or e.start).last_day().toordinal() + 1 for e in project.events]
    return min(firsts), max(lasts)

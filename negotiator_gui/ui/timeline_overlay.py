"""TimelineOverlay: the fixed parts of the canvas painted over it (axis, lane headers, legend)."""

from __future__ import annotations

import datetime as _dt
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsView

from negotiator_gui.domain.changes import index_of
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.timescale import TimeScale, context_ticks, ticks
from negotiator_gui.ui import date_text, palette, translations, vocab_labels
from negotiator_gui.ui.canvas_layout import CanvasOptions, LaneBand

TRIANGLE = 16  # room for the collapse triangle at the left of a lane header
# domain/layout.py's titles of the lane (key "") of events with no party, subject or track.
REST_LANES = (QT_TRANSLATE_NOOP("TimelineOverlay", "No party"),
              QT_TRANSLATE_NOOP("TimelineOverlay", "No subject"),
              QT_TRANSLATE_NOOP("TimelineOverlay", "Unassigned"))


class TimelineOverlay:
    """Paints, in viewport coordinates, what does not scroll with the timeline."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self.font = palette.label_font()
        self.bold = palette.header_font()
        self.small = palette.badge_font()
        self._legend_cache: tuple | None = None
        self._legend_pixmap: tuple | None = None
        # The axis (with the row of grid pixels under it) and the lane headers, drawn
        # once into pixmaps and drawn again from them while what they show stays.
        self.keep_pixmaps = True
        self._axis: tuple | None = None      # (key, axis pixmap, grid row)
        self._header: tuple | None = None    # (key, header column pixmap)

    def paint(self, painter: QPainter, scale: TimeScale, lanes: list[LaneBand],
              project: Project, options: CanvasOptions, drag_lane: tuple[str, float] | None
              ) -> None:
        """Everything fixed over the lanes: axis, today line, headers and legend."""
        painter.save()
        painter.resetTransform()
        self._axis_line(painter, scale)
        self._today(painter, scale)
        self._headers(painter, lanes, drag_lane)
        if options.show_legend:
            self._legend(painter, project, options)
        painter.restore()

    def state(self, lanes: list[LaneBand], project: Project, options: CanvasOptions,
              drag_lane: tuple[str, float] | None) -> tuple:
        """What `paint` shows besides the view's place, size, scale, palette and fonts:
        paints of equal states draw the same pixels."""
        legend = tuple((label, color.rgba()) for label, color in
                       self.legend_entries(project, options)) if options.show_legend else None
        return tuple(lanes), drag_lane, legend, _dt.date.today().toordinal()

    @staticmethod
    def paint_bands(painter: QPainter, rect: QRectF, lanes: list[LaneBand]) -> None:
        """The lanes' alternating backgrounds, in scene coordinates, under the events,
        each edged above and below with a darker line."""
        fills, edge = palette.lane_fills(), palette.lane_edge()
        for index, band in enumerate(lanes):
            if band.top > rect.bottom() or band.top + band.height < rect.top():
                continue
            painter.fillRect(QRectF(rect.left(), band.top, rect.width(), band.height),
                             fills[index % 2])
            painter.fillRect(QRectF(rect.left(), band.top - 0.5, rect.width(), 1), edge)
            painter.fillRect(QRectF(rect.left(), band.top + band.height - 0.5, rect.width(), 1),
                             edge)

    def _x(self, scale: TimeScale, day: float) -> float:
        return self.view.mapFromScene(QPointF(scale.x_of_day(day), 0)).x()

    def visible_days(self, scale: TimeScale) -> tuple[int, int]:
        """The days from the header's edge to the right of the viewport."""
        left = self.view.mapToScene(palette.LANE_HEADER_WIDTH, 0).x()
        right = self.view.mapToScene(self.view.viewport().width(), 0).x()
        return int(scale.day_at(left)) - 1, int(scale.day_at(right)) + 1

    def _axis_for(self, scale: TimeScale, ratio: float) -> tuple[QPixmap, QImage]:
        """The axis pixmap and the row of grid pixels for the view as it is now."""
        width = self.view.viewport().width()
        first, last = self.visible_days(scale)
        key = (first, last, scale.origin, scale.px_per_day, width, self._x(scale, first),
               ratio, _colours(), translations.generation())
        if not self.keep_pixmaps or self._axis is None or self._axis[0] != key:
            self._axis = (key, *self._draw_axis(scale, width, ratio, first, last))
        return self._axis[1], self._axis[2]

    def paint_grid(self, painter: QPainter, scale: TimeScale) -> None:
        """The grid's lines down the lanes, in viewport coordinates (under the events:
        the canvas's kept layer draws it)."""
        width, height = self.view.viewport().width(), self.view.viewport().height()
        _, row = self._axis_for(scale, painter.device().devicePixelRatioF())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp and quick
        painter.fillRect(QRectF(palette.LANE_HEADER_WIDTH, palette.AXIS_HEIGHT,
                                width - palette.LANE_HEADER_WIDTH, height - palette.AXIS_HEIGHT),
                         QBrush(row))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _axis_line(self, painter: QPainter, scale: TimeScale) -> None:
        axis, _ = self._axis_for(scale, painter.device().devicePixelRatioF())
        painter.drawPixmap(QPointF(0, 0), axis)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(palette.text_color(), 1))
        width = self.view.viewport().width()
        painter.drawLine(QPointF(0, palette.AXIS_HEIGHT), QPointF(width, palette.AXIS_HEIGHT))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _draw_axis(self, scale: TimeScale, width: int, ratio: float, first: int,
                   last: int) -> tuple[QPixmap, QImage]:
        """The axis above the lanes (its bottom line left out), and the row of grid
        pixels repeated down the view."""
        axis = QPixmap(math.ceil(width * ratio), math.ceil(palette.AXIS_HEIGHT * ratio))
        axis.setDevicePixelRatio(ratio)
        axis.fill(palette.header_fill())
        painter = QPainter(axis)
        painter.setRenderHints(self.view.renderHints())
        text = palette.text_color()
        grid, major = QColor(text), QColor(text)
        grid.setAlphaF(0.10)
        major.setAlphaF(0.22)
        self._context_row(painter, scale, first + 1, last, text)
        painter.setFont(self.font)
        descent = QFontMetricsF(self.font).descent()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp and quick
        painter.setPen(QPen(text, 1))
        # The grid lines are one row of pixels repeated down the view: a raster
        # engine draws a tall thin line span by span, a texture row by row.
        row = QImage(width, 1, QImage.Format.Format_ARGB32_Premultiplied)
        row.fill(Qt.GlobalColor.transparent)
        for tick in ticks(first, last, scale.px_per_day, names=date_text.month_names()):
            x = self._x(scale, tick.day)
            if x < palette.LANE_HEADER_WIDTH or x >= width:
                continue
            row.setPixelColor(int(x), 0, major if tick.major else grid)
            x = int(x) + 0.5
            painter.drawLine(QPointF(x, palette.AXIS_HEIGHT - (9 if tick.major else 5)),
                             QPointF(x, palette.AXIS_HEIGHT))
            painter.drawText(QPointF(x + 3, palette.AXIS_HEIGHT - 11 - descent), tick.label)
        painter.end()
        return axis, row

    def _context_row(self, painter: QPainter, scale: TimeScale, first: int, last: int,
                     text: QColor) -> None:
        """The month or year each stretch of the axis belongs to, sticky at the left."""
        painter.setFont(self.bold)
        metrics = QFontMetricsF(self.bold)
        marks = context_ticks(first, last, scale.px_per_day, names=date_text.month_names())
        xs = [max(self._x(scale, t.day), palette.LANE_HEADER_WIDTH) for t in marks]
        painter.setPen(QPen(text, 1))
        for i, (tick, x) in enumerate(zip(marks, xs, strict=True)):
            room = (xs[i + 1] if i + 1 < len(xs) else self.view.viewport().width()) - x - 8
            if metrics.horizontalAdvance(tick.label) <= room:
                painter.drawText(QPointF(x + 4, 4 + metrics.ascent()), tick.label)

    def _today(self, painter: QPainter, scale: TimeScale) -> None:
        x = self._x(scale, _dt.date.today().toordinal())
        if palette.LANE_HEADER_WIDTH < x < self.view.viewport().width():
            color = palette.today_color()
            painter.setPen(QPen(color, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, palette.AXIS_HEIGHT),
                             QPointF(x, self.view.viewport().height()))
            painter.setFont(self.small)
            painter.setPen(color)
            painter.drawText(QPointF(x + 3, palette.AXIS_HEIGHT + 12),
                             QCoreApplication.translate("TimelineOverlay", "today"))

    def _headers(self, painter: QPainter, lanes: list[LaneBand],
                 drag_lane: tuple[str, float] | None) -> None:
        width, height = palette.LANE_HEADER_WIDTH, self.view.viewport().height()
        ratio = painter.device().devicePixelRatioF()
        offset = self.view.mapFromScene(QPointF(0, 0)).y()
        key = (tuple(lanes), offset, height, drag_lane, ratio, _colours(),
               translations.generation())
        if not self.keep_pixmaps or self._header is None or self._header[0] != key:
            column = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
            column.setDevicePixelRatio(ratio)
            column.fill(palette.header_fill())
            column_painter = QPainter(column)
            column_painter.setRenderHints(self.view.renderHints())
            self._draw_headers(column_painter, lanes, drag_lane, width, height)
            column_painter.end()
            self._header = (key, column)
        painter.drawPixmap(QPointF(0, 0), self._header[1])
        painter.setPen(QPen(palette.text_color(), 1))
        painter.drawLine(QPointF(width, 0), QPointF(width, height))

    def _draw_headers(self, painter: QPainter, lanes: list[LaneBand],
                      drag_lane: tuple[str, float] | None, width: int, height: int) -> None:
        """The header column (its right edge left out): each lane's title and triangle."""
        metrics = QFontMetricsF(self.bold)
        text = palette.text_color()
        for index, band in enumerate(lanes):
            top = self.view.mapFromScene(QPointF(0, band.top)).y()
            if top + band.height < palette.AXIS_HEIGHT or top > height:
                continue
            rect = QRectF(0, top, width, band.height)
            painter.fillRect(rect, palette.lane_fill(index))
            if band.color:
                painter.fillRect(QRectF(0, top, 4, band.height), QColor(band.color))
            self._triangle(painter, QPointF(10, top + 13), band.collapsed, text)
            painter.setFont(self.bold)
            painter.setPen(QPen(text, 1))
            title = band.title if band.key else QCoreApplication.translate("TimelineOverlay",
                                                                          band.title)
            title += f"  ({band.count})" if band.collapsed else ""
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width - TRIANGLE - 10)
            painter.drawText(QRectF(TRIANGLE + 4, top + 3, width - TRIANGLE - 10, 20),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        if drag_lane is not None:
            painter.setPen(QPen(palette.highlight_strong(), 3))
            painter.drawLine(QPointF(0, drag_lane[1]), QPointF(width, drag_lane[1]))
        painter.fillRect(QRectF(0, 0, width, palette.AXIS_HEIGHT), palette.header_fill())

    @staticmethod
    def _triangle(painter: QPainter, centre: QPointF, collapsed: bool, color: QColor) -> None:
        c, r = centre, 4.0
        if collapsed:
            points = [QPointF(c.x() - r / 2, c.y() - r), QPointF(c.x() + r, c.y()),
                      QPointF(c.x() - r / 2, c.y() + r)]
        else:
            points = [QPointF(c.x() - r, c.y() - r / 2), QPointF(c.x() + r, c.y() - r / 2),
                      QPointF(c.x(), c.y() + r)]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF(points))

    def legend_entries(self, project: Project, options: CanvasOptions
                       ) -> list[tuple[str, QColor]]:
        """What the colours mean: the kinds or parties in use (worked out again only
        when those, the parties' list or the language change)."""
        name = "lead_parties" if options.color_by == "party" else "kinds"
        key = (options.color_by, frozenset(index_of(project).tally(name)),
               project.parties if options.color_by == "party" else (),
               translations.generation())
        cached = self._legend_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        entries = self._legend_entries(project, options)
        self._legend_cache = (key, entries)
        return entries

    @staticmethod
    def _legend_entries(project: Project, options: CanvasOptions) -> list[tuple[str, QColor]]:
        if options.color_by == "party":
            used = index_of(project).tally("lead_parties")  # kept up to date by edits
            return [(p.label, palette.party_color(p.color, p.id))
                    for p in project.parties if p.id in used]
        used = index_of(project).tally("kinds")
        return [(label, palette.kind_color(kind))
                for kind, label in vocab_labels.event_kinds().items() if kind in used]

    def _legend(self, painter: QPainter, project: Project, options: CanvasOptions) -> None:
        """The legend box at the bottom right, drawn once into a pixmap."""
        entries = self.legend_entries(project, options)
        if not entries:
            return
        ratio = painter.device().devicePixelRatioF()
        key = (tuple((label, color.rgba()) for label, color in entries),
               palette.base_color().rgba(), palette.text_color().rgba(), ratio)
        if self._legend_pixmap is None or self._legend_pixmap[0] != key:
            self._legend_pixmap = (key, self._legend_box(entries, ratio))
        pixmap = self._legend_pixmap[1]
        size = pixmap.deviceIndependentSize()
        view = self.view.viewport()
        painter.drawPixmap(QPointF(view.width() - size.width() - 11,
                                   view.height() - size.height() - 11), pixmap)

    def _legend_box(self, entries: list[tuple[str, QColor]], ratio: float) -> QPixmap:
        metrics = QFontMetricsF(self.small)
        line = metrics.height() + 4
        note = QCoreApplication.translate("TimelineOverlay",
                                          "Badges: C concessions · R relief · + other items")
        width = max([metrics.horizontalAdvance(label) + 34 for label, _ in entries] +
                    [metrics.horizontalAdvance(note) + 16])
        height = line * (len(entries) + 1) + 10
        pixmap = QPixmap(math.ceil((width + 2) * ratio), math.ceil((height + 2) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing |
                               QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.small)
        box = QRectF(1, 1, width, height)
        background = QColor(palette.base_color())
        background.setAlphaF(0.92)
        painter.setPen(QPen(palette.link_color(), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(box, 6, 6)
        for i, (label, color) in enumerate(entries):
            y = box.top() + 5 + i * line
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(box.left() + 8, y + 3, 14, line - 8), 3, 3)
            painter.setPen(palette.text_color())
            painter.drawText(QRectF(box.left() + 28, y, width - 30, line),
                             Qt.AlignmentFlag.AlignVCenter, label)
        painter.drawText(QRectF(box.left() + 8, box.top() + 5 + len(entries) * line,
                                width - 10, line), Qt.AlignmentFlag.AlignVCenter, note)
        painter.end()
        return pixmap


def _colours() -> tuple[int, int]:
    """What the overlay's colours come from: the application's and its palette."""
    return QGuiApplication.palette().cacheKey(), palette.text_color().rgba()

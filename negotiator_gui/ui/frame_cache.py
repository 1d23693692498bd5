"""FrameCache: the canvas's last frame, kept so that a repaint redraws only what changed.

The scene notes, in scene coordinates, every rectangle an edit, a selection,
a highlight, a filter or a drag preview changed, and the link arcs that moved
(`RepaintDirt`); anything else that changes the picture (scroll, zoom, size,
palette, lanes, options) is part of the frame's key, and a different key
repaints the whole frame. A repaint after a small change paints again, into
the cached frame and clipped to the dirty part of the viewport, the
background, the items and the overlay, in the order and with the painter
state of QGraphicsView's own paint event, then draws the frame. What an item
draws depends only on the view, never on the part exposed (which only skips
and clips), so the pixels are those of painting the whole frame (a test
compares them).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QPainter, QPen, QPixmap, QRegion
from PySide6.QtWidgets import QGraphicsView, QStyleOptionGraphicsItem, QWidget

ROW_MARGIN = 3.0     # a row's strip reaches this far above and below its bars
ARC_MARGIN = 4.0     # pen width and antialiasing around an arc
MAX_SHARE = 0.7      # dirtier than this share of the view: paint it all at once
MAX_NOTES = 400      # more notes than this before a frame: paint it all


class RepaintDirt:
    """What changed since the last frame: rectangles in scene coordinates, or everything."""

    def __init__(self) -> None:
        self.everything = True
        self.rects: list[QRectF] = []
        self.arcs: list = []  # LinkArc: where each draws in view is worked out when painting

    def add(self, rect: QRectF) -> None:
        """Something changed inside `rect` (scene coordinates)."""
        if not self.everything:
            self.rects.append(rect)
            if len(self.rects) > MAX_NOTES:
                self.all()

    def add_arc(self, arc) -> None:
        """A link's arc (a LinkArc) was drawn, or is to be drawn, differently."""
        if not self.everything:
            self.arcs.append(arc)
            if len(self.arcs) > MAX_NOTES:
                self.all()

    def all(self) -> None:
        """Everything changed (a layout, a zoom, a palette)."""
        self.everything = True
        self.rects, self.arcs = [], []

    def take(self) -> tuple[bool, list[QRectF], list]:
        """What changed since the last call; starts afresh."""
        out = (self.everything, self.rects, self.arcs)
        self.everything, self.rects, self.arcs = False, [], []
        return out


def arc_rect(arc, area: QRectF) -> QRectF | None:
    """Where a link's arc (a LinkArc) draws over `area` (scene), or None when not there."""
    if not arc.bounds.intersects(area):
        return None
    piece = arc.piece(area)
    rect = arc.head_bounds if piece is None else \
        piece.controlPointRect().united(arc.head_bounds)
    return rect.adjusted(-ARC_MARGIN, -ARC_MARGIN, ARC_MARGIN, ARC_MARGIN)


def frame_key(view) -> tuple:
    """All a TimelineView's frame shows besides what its scene notes as dirt: scroll,
    size, pixel ratio, palette, zooms, the lane being dragged, today, the legend."""
    port = view.viewport()
    legend = view.overlay.legend_entries(view.project, view.options) \
        if view.options.show_legend else []
    scale, drawn = view.scale, view.timeline.scale
    return (view.horizontalScrollBar().value(), view.verticalScrollBar().value(),
            port.width(), port.height(), port.devicePixelRatioF(), view.palette().cacheKey(),
            scale.origin, scale.px_per_day, drawn.origin, drawn.px_per_day,
            view.mouse.lane_drag, _dt.date.today().toordinal(),
            tuple((label, color.rgba()) for label, color in legend), view.transform())


class FrameCache:
    """The last frame painted in a view, its key, and the strips to paint again.

    `paint` is called from the view's paint event with the full viewport
    exposed; it paints the changed part into the cached pixmap with
    `render_view`, then draws the pixmap.
    """

    def __init__(self, view: QGraphicsView, dirt: RepaintDirt) -> None:
        self.view = view
        self.viewport = view.viewport()
        self.dirt = dirt
        self.enabled = True
        self.pixmap: QPixmap | None = None
        self.key: tuple | None = None
        self.last_parts = QRegion()  # what the last frame painted again

    def paint(self, key: tuple, to_viewport: Callable[[QRectF], QRect]) -> bool:
        """Bring the cached frame up to date and draw it on the viewport.

        Args:
            key: everything besides the dirt that the picture depends on.
            to_viewport: maps a scene rectangle to a viewport rectangle.

        Returns:
            False when caching is off (the caller paints the ordinary way).
        """
        if not self.enabled:
            self.pixmap = None
            self.dirt.all()
            return False
        everything, rects, arcs = self.dirt.take()
        viewport = self.viewport
        width, height = viewport.width(), viewport.height()
        ratio = viewport.devicePixelRatioF()
        full = QRect(0, 0, width, height)
        if everything or self.pixmap is None or key != self.key:
            parts = QRegion(full)
        else:
            area = self.view.viewportTransform().inverted()[0].mapRect(QRectF(full))
            drawn = [arc_rect(arc, area) for arc in arcs]
            parts = self._parts(rects + [r for r in drawn if r is not None], to_viewport, full)
        size = QSize(round(width * ratio), round(height * ratio))
        if self.pixmap is None or self.pixmap.size() != size or \
                self.pixmap.devicePixelRatio() != ratio:
            self.pixmap = QPixmap(size)
            self.pixmap.setDevicePixelRatio(ratio)
            parts = QRegion(full)
        if not parts.isEmpty():
            render_view(self.view, self.pixmap, parts)
        self.key = key
        self.last_parts = parts
        painter = QPainter(viewport)
        painter.drawPixmap(0, 0, self.pixmap)
        painter.end()
        return True

    @staticmethod
    def _parts(rects: list[QRectF], to_viewport: Callable[[QRectF], QRect],
               full: QRect) -> QRegion:
        """The viewport over the dirty rectangles in view (all of it when that is most)."""
        region = QRegion()
        for rect in rects:
            shown = to_viewport(rect).adjusted(-1, -1, 1, 1).intersected(full)
            if not shown.isEmpty():
                region = region.united(shown)
        area = sum(part.width() * part.height() for part in region)
        if area > MAX_SHARE * full.width() * full.height():
            return QRegion(full)
        return region


def render_view(view: QGraphicsView, target: QPixmap, region: QRegion) -> None:
    """Paint `view` into `target` within `region` (viewport coordinates) as its paint
    event would: the same painter state, background, items in the same order, given
    the region's bounding rectangle as exposed, and foreground."""
    viewport: QWidget = view.viewport()
    painter = QPainter(target)
    # What QPainter(widget) starts with, and what QWidget::render fills first.
    painter.setPen(QPen(viewport.palette().color(viewport.foregroundRole())))
    painter.setFont(viewport.font())
    painter.setRenderHints(painter.renderHints(), False)
    painter.setRenderHints(view.renderHints(), True)
    painter.setClipRegion(region)
    bounds = region.boundingRect()
    painter.fillRect(bounds, viewport.palette().brush(viewport.backgroundRole()))
    transform = view.viewportTransform()
    painter.setWorldTransform(transform)
    exposed = transform.inverted()[0].mapRect(QRectF(bounds))
    view.drawBackground(painter, exposed)
    for item in view.scene().paint_order():
        bounds = item.boundingRect()
        if not item.isVisible() or not bounds.intersects(exposed):
            continue
        option = QStyleOptionGraphicsItem()
        option.exposedRect = exposed.intersected(bounds)
        painter.setWorldTransform(item.sceneTransform() * transform)
        painter.setOpacity(1.0)
        item.paint(painter, option, viewport)
    painter.setWorldTransform(transform)
    view.drawForeground(painter, exposed)
    painter.end()

"""CanvasLayer: the canvas's lanes, links and grid kept as one picture between frames."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from negotiator_gui.ui import translations

if TYPE_CHECKING:
    from negotiator_gui.ui.link_layer_item import LinkArc
    from negotiator_gui.ui.timeline_view import TimelineView

MARGIN = 3       # pixels above and below a changed part also drawn again (outlines, edges)
AREA_PIXELS = 100_000  # drawing a part of the view costs about this many pixels more


class LayerDamage:
    """What of the kept picture no longer shows the scene: all of it, or some scene
    rectangles and link arcs (the parts of the view over them are drawn again).

    The scene's `update()` and its lane and link items' `update()` call `forget()`,
    so that any change drawn at the next frame is drawn whole. An edit that knows
    what it changed (a drag-move, `TimelineScene.patch`) runs `quietly()` and
    `add`s the parts, or calls `forget_all()` when it cannot say.
    """

    def __init__(self) -> None:
        self.whole = True
        self.rects: list[QRectF] = []
        self.arcs: list[LinkArc] = []
        self._quiet = 0

    def forget(self) -> None:
        """The scene changed in a way not said: draw it whole (unless quiet)."""
        if not self._quiet:
            self.whole = True

    def forget_all(self) -> None:
        """Draw it whole, even quietly."""
        self.whole = True

    def add(self, rect: QRectF) -> None:
        """This part of the scene (scene coordinates) changed."""
        if not self.whole:
            self.rects.append(QRectF(rect))

    def add_arc(self, arc: LinkArc) -> None:
        """A link's arc was drawn, or is to be drawn, here."""
        if not self.whole:
            self.arcs.append(arc)

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Within: `forget()` does nothing; the caller says what changed."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def take(self) -> tuple[bool, list[QRectF], list[LinkArc]]:
        """What changed since the last frame, and start afresh."""
        out = (self.whole, self.rects, self.arcs)
        self.whole, self.rects, self.arcs = False, [], []
        return out


class CanvasLayer:
    """Draws, for the view, the background, lane bands, link arcs, lanes and grid
    into a picture of the viewport kept between frames, and draws again only the
    parts that changed (`LayerDamage`) while the view stays where it was: a drag
    or an edit redraws the events it moved and their links, not the whole canvas.
    Moving, zooming, resizing or a new palette draws it whole. The lane and link
    items leave their painting to it. The picture is a premultiplied ARGB image,
    the raster engine's own format (a QPixmap here made pan frames ~1-2 ms slower).
    """

    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self.keep = True   # False: drawn whole every frame (what a kept frame must equal)
        self._picture: QImage | None = None
        self._made = False  # whether the picture shows the view as last drawn
        self._overlay: tuple | None = None  # the overlay the picture holds (its key)
        self.folded = False  # whether the last frame's picture held the overlay
        self._key: tuple | None = None

    def draw(self, painter: QPainter) -> None:
        """Bring the kept picture up to date and draw it over the whole viewport
        (with the overlay, when it may hold it: `folded`)."""
        self.folded = False
        port = self.view.viewport()
        width, height, ratio = port.width(), port.height(), port.devicePixelRatioF()
        if width <= 0 or height <= 0:
            return
        if not self.keep:  # drawn afresh, the picture and what changed left to the next
            self._paint_whole(painter, width, height)
            return
        whole, rects, arcs = self.view.timeline.damage.take()
        key = self._key_now(width, height, ratio)
        whole = whole or key != self._key
        self._key = key
        if whole:
            # All changed (a pan, a zoom): drawn straight onto the view, the picture
            # is made when a frame could use it.
            self._made = False
            self._paint_whole(painter, width, height)
            return
        size = QSize(math.ceil(width * ratio), math.ceil(height * ratio))
        if self._picture is None or self._picture.size() != size:
            self._picture = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            self._picture.setDevicePixelRatio(ratio)
            self._made = False
        overlay = self.view.overlay_key()
        remake = not self._made or overlay != self._overlay
        self._redraw(None if remake else (rects, arcs), overlay)
        self.folded = overlay is not None
        painter.save()
        painter.resetTransform()
        painter.drawImage(0, 0, self._picture)
        painter.restore()

    def _paint_whole(self, painter: QPainter, width: int, height: int) -> None:
        painter.save()
        try:
            self._paint(painter, self._frame(), [QRect(0, 0, width, height)])
        finally:
            painter.restore()

    def prepare(self) -> None:
        """Draw into the kept picture now what changed since the last frame, when
        the next frame would: so that frame only copies it. (While an edit's COMMIT
        waits for the disk, the views are shown the edit: its frame is made then.)
        A change the next frame draws whole, or any other, is left to the frame."""
        port, damage = self.view.viewport(), self.view.timeline.damage
        if not self.keep or not self._made or self._picture is None or damage.whole or \
                not (damage.rects or damage.arcs) or not port.isVisible():
            return
        if self._key_now(port.width(), port.height(), port.devicePixelRatioF()) != self._key:
            return
        if self._overlay is not None and self.view.overlay_key() != self._overlay:
            return
        _, rects, arcs = damage.take()
        self._redraw((rects, arcs), self._overlay)

    def _redraw(self, parts: tuple[list[QRectF], list[LinkArc]] | None,
                overlay: tuple | None) -> None:
        """Draw into the picture these changed scene rectangles and link arcs (None:
        the whole view), and over them the overlay if the picture holds it (its
        `overlay_key`, or None); the picture then shows the view as it is."""
        assert self._picture is not None
        port = self.view.viewport()
        width, height = port.width(), port.height()
        frame = self._frame()
        if parts is None:
            areas = [QRect(0, 0, width, height)]
        else:
            rects, arcs = parts
            boxes = [rect.getCoords() for rect in rects]
            boxes += [box for arc in arcs for box in arc.parts(frame)]
            areas = self._areas(boxes, width, height)
        self._made, self._overlay = True, overlay
        if not areas:
            return
        onto = QPainter(self._picture)
        try:
            self._paint(onto, frame, areas)
            if overlay is not None:
                region = QRegion()
                for area in areas:
                    region = region.united(area)
                onto.setClipRegion(region)
                self.view.paint_overlay(onto)
        finally:
            onto.end()

    def _frame(self) -> QRectF:
        """The part of the scene the viewport shows."""
        port = self.view.viewport()
        return self.view.viewportTransform().inverted()[0].mapRect(
            QRectF(0, 0, port.width(), port.height()))

    def _key_now(self, width: int, height: int, ratio: float) -> tuple:
        """What the whole picture depends on beyond the scene's own changes."""
        view, scale = self.view, self.view.timeline.scale
        return (width, height, ratio, _matrix(view.viewportTransform()), scale.origin,
                scale.px_per_day, QGuiApplication.palette().cacheKey(),
                view.palette().cacheKey(), QGuiApplication.font().key(), view.renderHints(),
                translations.generation())

    def _areas(self, boxes: list[tuple[float, float, float, float]], width: int,
               height: int) -> list[QRect]:
        """The parts of the viewport to draw again for the changed scene boxes (left,
        top, right, bottom; MARGIN added): each is drawn on its own (twice where two
        overlap: the same pixels). Drawing a part costs about AREA_PIXELS pixels more
        than its size: parts are joined where that costs less, and the whole view is
        drawn when that does. (Plain numbers: an edit gives dozens of boxes.)"""
        transform = self.view.viewportTransform()
        dx, dy = transform.dx(), transform.dy()
        if transform.type() != QTransform.TransformationType.TxTranslate:
            dx = dy = 0.0  # (the view only scrolls; should it ever scale, map each box)
            boxes = [transform.mapRect(QRectF(QPointF(x0, y0), QPointF(x1, y1))).getCoords()
                     for x0, y0, x1, y1 in boxes]
        parts = []
        for left, top, right, bottom in boxes:
            box = (max(math.floor(left + dx) - MARGIN, 0), max(math.floor(top + dy) - MARGIN, 0),
                   min(math.ceil(right + dx) + MARGIN, width),
                   min(math.ceil(bottom + dy) + MARGIN, height))
            if box[0] < box[2] and box[1] < box[3]:
                parts.append(box)
        if not parts:
            return []
        # Most often one area holding them all costs least (a moved event and its
        # arcs): then it is the answer, without joining them pair by pair.
        union = _united(parts)
        if _size(union) <= AREA_PIXELS * (len(parts) - 1) + sum(map(_size, parts)):
            parts = [union]
        areas: list[tuple[int, int, int, int]] = []
        for area in parts:
            joined = True
            while joined:
                joined = False
                for index, other in enumerate(areas):
                    union = _united((area, other))
                    if _size(union) <= _size(area) + _size(other) + AREA_PIXELS:
                        area, joined = union, True
                        del areas[index]
                        break
            areas.append(area)
        if len(areas) * AREA_PIXELS + sum(map(_size, areas)) >= AREA_PIXELS + width * height:
            return [QRect(0, 0, width, height)]
        return [QRect(left, top, right - left, bottom - top)
                for left, top, right, bottom in areas]

    def _paint(self, painter: QPainter, frame: QRectF, areas: list[QRect]) -> None:
        """Draw these areas (viewport pixels) afresh with `painter` (on the picture or
        the view), one by one, each as a frame of the whole view (`frame`, in the
        scene) draws it there."""
        view, scene = self.view, self.view.timeline
        transform = view.viewportTransform()
        to_scene = transform.inverted()[0]
        painter.setRenderHints(view.renderHints())
        for area in areas:
            painter.save()
            painter.resetTransform()
            painter.setClipRect(area, Qt.ClipOperation.IntersectClip)
            painter.setTransform(transform)
            exposed = to_scene.mapRect(QRectF(area))
            painter.fillRect(exposed, view.palette().base())
            view.overlay.paint_bands(painter, exposed, scene.lanes)
            self._paint_links(painter, exposed, frame)
            for item in scene.lane_items_in(exposed.top(), exposed.bottom()):
                self._paint_item(painter, item, exposed)
            painter.resetTransform()
            view.overlay.paint_grid(painter, scene.scale)
            painter.restore()

    def _paint_links(self, painter: QPainter, exposed: QRectF, frame: QRectF) -> None:
        links = self.view.timeline.links
        bounds = links.boundingRect()
        part = exposed.intersected(bounds)
        if not links.isVisible() or part.isEmpty():
            return
        painter.save()
        try:
            links.paint_part(painter, part, frame.intersected(bounds))
        finally:
            painter.restore()

    @staticmethod
    def _paint_item(painter: QPainter, item: QGraphicsItem, exposed: QRectF) -> None:
        part = exposed.intersected(item.boundingRect())
        if part.isEmpty():
            return
        option = QStyleOptionGraphicsItem()
        option.exposedRect = part
        painter.save()
        try:
            item.paint(painter, option, None)
        finally:
            painter.restore()


def _size(box: tuple[int, int, int, int]) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])


def _united(boxes) -> tuple[int, int, int, int]:
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


def _matrix(transform: QTransform) -> tuple[float, ...]:
    return (transform.m11(), transform.m12(), transform.m13(), transform.m21(),
            transform.m22(), transform.m23(), transform.m31(), transform.m32(),
            transform.m33())


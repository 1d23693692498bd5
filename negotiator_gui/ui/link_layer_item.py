"""LinkLayerItem: the arcs between linked items' events, drawn only where they matter."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from negotiator_gui.domain.model import Link, Project
from negotiator_gui.ui import palette
from negotiator_gui.ui.link_window import UNKNOWN, LinkWindow

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_scene import TimelineScene


LINK_MARGIN = 0.0  # links are drawn for the events in view (and the selection)
HEAD_PX = 16.0  # an arrow head may reach this far past its event's glyph
WINDOW_PX = 1024.0  # the links near the view are gathered this far beyond it, once
BUCKET_PX = 64.0  # the window's links are sorted into stretches of days this wide
WINDOW_Y_PX = 160.0  # and this far above and below (arcs cut to the window's height)


class LinkLayerItem(QGraphicsItem):
    """Draws the links of the events in view (and always those of the selection).

    Zoomed out, where all of them would be a thicket, only the selection's
    links are drawn. Curves are made when first needed and kept until the
    events at their ends move or the zoom changes.
    """

    def __init__(self, canvas: TimelineScene) -> None:
        super().__init__()
        self.canvas = canvas
        self.only: set[str] | None = None   # draw only these events' links (None: in view)
        self.strong_item = ""                # the chosen item: its links stand out
        self._project: Project | None = None
        self._maps: tuple[dict[str, str], dict[str, list[Link]]] | None = None
        self._arcs: dict[int, tuple[Link, LinkArc | None]] = {}  # by id() of the link
        self._window: LinkWindow | None = None
        self._last_scale: tuple[float, float] | None = None  # of the last frame drawn
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_project(self, project: Project) -> None:
        """Show `project`'s links (indexed by the events holding their items when first
        needed: a first frame zoomed out to everything draws none)."""
        self.forget_arcs()
        if project is self._project:
            return
        self._project = project
        self._maps = None

    @property
    def _owner(self) -> dict[str, str]:
        """The event holding each item."""
        return self._indexed()[0]

    @property
    def _by_event(self) -> dict[str, list[Link]]:
        """The drawable links touching each event."""
        return self._indexed()[1]

    def _indexed(self) -> tuple[dict[str, str], dict[str, list[Link]]]:
        if self._maps is None:
            project = self._project if self._project is not None else Project()
            owner = {i.id: e.id for e in project.events for i in e.items}
            by_event: dict[str, list[Link]] = {}
            for link in project.links:
                ends = {owner.get(link.source), owner.get(link.target)}
                if None in ends or len(ends) < 2:
                    continue
                for event_id in ends:
                    by_event.setdefault(event_id, []).append(link)
            self._maps = (owner, by_event)
        return self._maps

    def owner_of(self, item_id: str) -> str | None:
        """The event holding an item."""
        return self._owner.get(item_id)

    def forget_arcs(self, lanes: set[int] | None = None,
                    events: set[str] | None = None) -> None:
        """Events moved (those in `lanes`, or all; of those lanes only `events` when
        given): make their links' curves again when drawn."""
        if lanes is None:
            self._window = None
            self._arcs.clear()
        elif events is not None:  # the other events' glyphs, so their arcs, stay
            for event_id in events:
                for link in self._by_event.get(event_id, ()):
                    self._arcs.pop(id(link), None)
            if self._window is not None:  # patched when next drawn
                self._window.mark(lanes, events)
        else:
            self._arcs = {k: v for k, v in self._arcs.items()
                          if v[1] is not None and not v[1].lanes & lanes}
            if self._window is not None:
                self._window.mark(lanes)
        self.update()  # the bounds follow the scene's extent (TimelineScene._update_extent)

    def arcs_of(self, events, make: bool = False) -> list[LinkArc]:
        """The arcs of these events' links: those made so far (every arc drawn was),
        or with `make`, all of them as they are now."""
        if not self.isVisible() or self._maps is None:
            return []  # none drawn (the links are indexed when first drawn)
        links = [link for event_id in events for link in self._by_event.get(event_id, ())]
        if make:
            arcs = [self._arc(link) for link in links]
        else:
            cached = [self._arcs.get(id(link)) for link in links]
            arcs = [c[1] for c, link in zip(cached, links, strict=True)
                    if c is not None and c[0] is link]
        return [arc for arc in arcs if arc is not None]

    def links_of(self, event_id: str) -> list[Link]:
        """The drawable links touching an event."""
        return self._by_event.get(event_id, [])

    def boundingRect(self) -> QRectF:
        left, right = self.canvas.x_extent
        return QRectF(left, 0, right - left, self.canvas.bottom + 200)

    def update(self, *args) -> None:
        """Repaint the links (the canvas's kept layer draws the lanes again)."""
        self.canvas.repaint_item(self, *args)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        self.paint_part(painter, option.exposedRect, option.exposedRect)

    def paint_part(self, painter: QPainter, exposed: QRectF, frame: QRectF) -> None:
        """Draw the links over `exposed`, a part of the scene shown in `frame`, as a
        frame of all of `frame` draws them there (the links of the events in
        `frame`, each arc cut to `frame`), pixel for pixel."""
        strong = palette.highlight_strong()
        faint = QPen(palette.link_color(), 1.0)  # a raster engine strokes 1.2 px far slower
        bold = QPen(strong, 2.4)
        painter.save()
        # A translucent pen is stroked as a filled outline: without a clip the raster
        # engine fills the whole of an arc that drops thousands of pixels across lanes
        # out of view (~40 ms a frame at 100k events; ~2 ms clipped). Same pixels.
        painter.setClipRect(exposed, Qt.ClipOperation.IntersectClip)
        try:
            self._paint_links(painter, exposed, frame, (faint, bold, strong))
        finally:
            painter.restore()

    def _paint_links(self, painter: QPainter, exposed: QRectF, frame: QRectF,
                     pens: tuple) -> None:
        scale = self.canvas.scale
        key = (scale.origin, scale.px_per_day)
        zooming, self._last_scale = key != self._last_scale, key
        if self.only is not None or (zooming and self._window is None):
            # Zoomed out (the selection's links only), or a zoom step: a window would
            # serve this one frame; the links of the events in view are looked up.
            for link in self._wanted(frame):
                self._draw(painter, link, self._arc(link), None, exposed, frame, pens)
            return
        forced = self._forced_links()
        for link in forced.values():
            self._draw(painter, link, self._arc(link), None, exposed, frame, pens)
        day_lo = scale.day_at(frame.left() - LINK_MARGIN)
        day_hi = scale.day_at(frame.right() + LINK_MARGIN)
        window = self._window_for(day_lo, day_hi, frame)
        left, top, right, bottom = exposed.getCoords()
        # Arcs crossing `exposed` span its days (an arc's x runs from one end to the
        # other); HEAD_PX more for arrow heads past a narrow glyph.
        near = window.near(scale.day_at(left - HEAD_PX), scale.day_at(right + HEAD_PX)) \
            if exposed != frame else window.near(day_lo, day_hi)
        for entry in near:  # [link, ends, arc, piece, l, t, r, b]
            for start, reach in entry[1]:
                if start <= day_hi and reach >= day_lo:
                    break
            else:
                continue
            if entry[2] is UNKNOWN:  # first time in view: its arc and piece
                arc = entry[2] = self._arc(entry[0])
                if arc is not None:
                    piece = entry[3] = arc.piece(window.area)
                    if piece is not None:  # what it draws in the window: piece and head
                        entry[4:8] = piece.boundingRect().united(arc.head_bounds).adjusted(
                            -3, -3, 3, 3).getCoords()
            if entry[3] is None or entry[4] > right or entry[6] < left \
                    or entry[5] > bottom or entry[7] < top or id(entry[0]) in forced:
                continue
            self._draw(painter, entry[0], entry[2], entry[3], exposed, frame, pens)

    def _draw(self, painter: QPainter, link: Link, arc: LinkArc | None,
              piece: QPainterPath | None, exposed: QRectF, frame: QRectF,
              pens: tuple) -> None:
        """One link's arc (its `piece`, or the part over `frame`) and its head, if they
        meet `exposed`."""
        if arc is None or not arc.bounds.intersects(exposed):
            return
        piece = piece if piece is not None else arc.piece(frame)
        if piece is None:
            return
        faint, bold, strong = pens
        on = bool(self.strong_item) and self.strong_item in (link.source, link.target)
        painter.setPen(bold if on else faint)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(piece)
        if arc.head_bounds.intersects(exposed):
            painter.setBrush(strong if on else faint.color())
            painter.drawPolygon(arc.head)

    def _forced_events(self) -> set[str]:
        """The selected events and the one holding the chosen item."""
        events = set(self.canvas.selected)
        if self.strong_item and self.strong_item in self._owner:
            events.add(self._owner[self.strong_item])
        return events

    def _forced_links(self) -> dict[int, Link]:
        """Links of the selection and the chosen item, drawn wherever they are."""
        return {id(link): link for event_id in self._forced_events()
                for link in self._by_event.get(event_id, ())}

    def _window_for(self, day_lo: float, day_hi: float, exposed: QRectF) -> LinkWindow:
        """The window holding this view: the last one (patched after an edit), or one
        gathered around it."""
        scale = self.canvas.scale
        key = (scale.origin, scale.px_per_day)
        window = self._window
        if window is not None and window.holds(day_lo, day_hi, exposed, key):
            if window.stale:
                window.patch(self.canvas.layout.rows, self._by_event, self._owner)
            return window
        margin = WINDOW_PX / scale.px_per_day
        first, last = day_lo - margin, day_hi + margin
        top, bottom = exposed.top() - WINDOW_Y_PX, exposed.bottom() + WINDOW_Y_PX
        area = QRectF(scale.x_of_day(first), top, scale.x_of_day(last) - scale.x_of_day(first),
                      bottom - top)
        window = LinkWindow(first, last, top, bottom, key, area, BUCKET_PX / scale.px_per_day)
        window.gather(self.canvas.layout.rows, self._by_event, self._owner)
        self._window = window
        return window

    def _wanted(self, exposed: QRectF) -> list[Link]:
        """Links of the selection and the chosen item, then of the events in view."""
        events = self._forced_events()
        if self.only is None:
            margin = LINK_MARGIN
            events |= self.canvas.ids_in_x(exposed.left() - margin, exposed.right() + margin)
        if not events:
            return []  # (the links need not be indexed for nothing)
        seen: dict[int, Link] = {}
        by_event = self._by_event
        for event_id in events:
            for link in by_event.get(event_id, ()):
                seen[id(link)] = link
        return list(seen.values())

    def _arc(self, link: Link) -> LinkArc | None:
        cached = self._arcs.get(id(link))
        if cached is not None and cached[0] is link:
            return cached[1]
        ends = []
        for item_id in (link.source, link.target):
            glyphs = self.canvas.glyphs_of(self._owner.get(item_id, ""))
            ends.append((self.canvas.body_rect(glyphs[0]), glyphs[0].lane) if glyphs else None)
        arc = None
        if ends[0] is not None and ends[1] is not None:
            arc = LinkArc(ends[0][0], ends[1][0], {ends[0][1], ends[1][1]})
        self._arcs[id(link)] = (link, arc)
        return arc


class LinkArc:
    """An arc under the labels, from the foot of one event to the foot of another.

    The curve's x moves steadily from one end to the other, so its part over a
    stretch of x is one shorter cubic: a link reaching across years costs only
    the part that shows.
    """

    __slots__ = ("points", "path", "head", "bounds", "head_bounds", "lanes")

    def __init__(self, a_rect: QRectF, b_rect: QRectF, lanes: set[int]) -> None:
        a = (a_rect.center().x(), a_rect.bottom())
        b = (b_rect.center().x(), b_rect.bottom() + 1)
        drop = min(max(abs(b[0] - a[0]) * 0.25, 14.0), 60.0)
        low = max(a[1], b[1]) + drop
        self.points = (a, (a[0], low), (b[0], low), b)
        self.path = _cubic(self.points)
        self.head = _head(QPointF(*_point(self.points, 0.97)), QPointF(*b))
        self.head_bounds = self.head.boundingRect().adjusted(-2, -2, 2, 2)
        self.bounds = self.path.boundingRect().united(self.head_bounds).adjusted(-3, -3, 3, 3)
        self.lanes = lanes

    def parts(self, frame: QRectF, count: int = 8) -> list[tuple[float, float, float, float]]:
        """Boxes (left, top, right, bottom in the scene) holding all the arc draws
        over the x of `frame`: its head, and its curve in `count` stretches (each
        within its control points)."""
        (ax, _), _, _, (bx, _) = self.points
        t0, t1 = (0.0, 1.0) if abs(bx - ax) < 1 else sorted(
            _t_at((x - ax) / (bx - ax)) for x in (frame.left() - 20, frame.right() + 20))
        left, top, right, bottom = self.head_bounds.getCoords()
        out = [(left - 3, top - 3, right + 3, bottom + 3)]
        for k in range(count):
            points = _split(self.points, t0 + (t1 - t0) * k / count,
                            t0 + (t1 - t0) * (k + 1) / count)
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            out.append((min(xs) - 3, min(ys) - 3, max(xs) + 3, max(ys) + 3))
        return out

    def piece(self, exposed: QRectF) -> QPainterPath | None:
        """The curve over the x of `exposed` (all of it when that is most of it), or
        None when that part passes above or below `exposed`."""
        x_lo, x_hi = exposed.left() - 20, exposed.right() + 20
        (ax, _), _, _, (bx, _) = self.points
        span = abs(bx - ax)
        if span <= 1.5 * (x_hi - x_lo) or span < 1:
            return self.path
        t0, t1 = sorted(_t_at((x - ax) / (bx - ax)) for x in (x_lo, x_hi))
        points = _split(self.points, t0, t1)
        ys = [p[1] for p in points]  # the curve lies within its control points
        if min(ys) > exposed.bottom() + 3 or max(ys) < exposed.top() - 3:
            return None
        return _cubic(points)


def _point(points: tuple, t: float) -> tuple[float, float]:
    """The point at t of a cubic."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3


def _t_at(share: float) -> float:
    """The t at which the curve's x has gone `share` of the way (x follows 3t² − 2t³)."""
    share = min(max(share, 0.0), 1.0)
    return 0.5 - math.sin(math.asin(1.0 - 2.0 * share) / 3.0)


def _split(points: tuple, t0: float, t1: float) -> tuple:
    """The control points of the part of a cubic between t0 and t1."""
    left = _halves(points, t1)[0]
    if t1 <= 0:
        return left
    return _halves(left, t0 / t1)[1]


def _halves(p: tuple, t: float) -> tuple[tuple, tuple]:
    """De Casteljau: the cubic cut at t into two cubics."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p
    u = 1 - t
    a = (u * x0 + t * x1, u * y0 + t * y1)
    b = (u * x1 + t * x2, u * y1 + t * y2)
    c = (u * x2 + t * x3, u * y2 + t * y3)
    d = (u * a[0] + t * b[0], u * a[1] + t * b[1])
    e = (u * b[0] + t * c[0], u * b[1] + t * c[1])
    f = (u * d[0] + t * e[0], u * d[1] + t * e[1])
    return ((x0, y0), a, d, f), (f, e, c, (x3, y3))


def _cubic(points: tuple) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    path.cubicTo(QPointF(*points[1]), QPointF(*points[2]), QPointF(*points[3]))
    return path


def _head(behind: QPointF, tip: QPointF, size: float = 7.0) -> QPolygonF:
    dx, dy = tip.x() - behind.x(), tip.y() - behind.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    left = QPointF(base.x() - uy * size * 0.5, base.y() + ux * size * 0.5)
    right = QPointF(base.x() + uy * size * 0.5, base.y() - ux * size * 0.5)
    return QPolygonF([tip, left, right])

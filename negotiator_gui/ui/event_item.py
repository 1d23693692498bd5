"""EventItem: one event on the canvas, as a bar over its dates or a one-day marker."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from negotiator_gui.domain.dates import span_label
from negotiator_gui.domain.layout import PlacedEvent, badges
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.vocab import EVENT_KINDS, EVENT_STATUSES, ITEM_TYPES
from negotiator_gui.ui import palette

_FADE = 0.35  # share of a fuzzy bar's length over which its uncertain end fades
EDGE_GRIP = 6.0  # pixels at each end of a bar that resize it
BADGE_GAP = 4.0
MIN_TITLE = 70.0  # badges give way to at least this much of the title


@dataclass(frozen=True)
class BadgeLook:
    """A badge as drawn: its text and colour."""

    text: str
    color: QColor


@dataclass
class ItemContext:
    """What every event item of one layout shares: fonts, metrics, party names and colours."""

    names: dict[str, str]          # party id -> short name
    colors: dict[str, QColor]      # party id -> colour
    font: QFont = field(default_factory=palette.label_font)
    badge_font: QFont = field(default_factory=palette.badge_font)

    def __post_init__(self) -> None:
        self.metrics = QFontMetricsF(self.font)

    def badge_looks(self, event: Event) -> list[BadgeLook]:
        """The badges of an event, in its givers' colours."""
        return [BadgeLook(b.text(self.names.get(b.party, b.party or "?")),
                          self.colors.get(b.party, QColor("#7F7F7F"))) for b in badges(event)]


class EventItem(QGraphicsItem):
    """Paints one event; its label is elided to the room the layout gave it.

    The elided label and badges are worked out on first paint, so that laying
    out thousands of events costs little for those never on screen.
    """

    def __init__(self, event: Event, placed: PlacedEvent, top: float, color: QColor,
                 context: ItemContext) -> None:
        super().__init__()
        self.event = event
        self.placed = placed
        self.dimmed = False
        self.highlighted = False
        self._top = top
        self._color = color
        self._context = context
        self._fuzzy = placed.fuzzy_start or placed.fuzzy_end
        self._body = self._body_rect()
        self._label_rect = self._make_label_rect()
        self._label: str | None = None
        self._badges: list[BadgeLook] = []
        self._badge_width = 0.0
        self._bounds = self._body.united(self._label_rect).adjusted(-3, -3, 3, 3)
        self._pen = QPen(color.darker(140), 1.0)
        self._brush = self._bar_brush()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)

    def _prepare_label(self) -> str:
        context = self._context
        self._badges = fitting_badges(context.badge_looks(self.event),
                                      self._label_rect.width() - MIN_TITLE)
        self._badge_width = badges_width(self._badges)
        room = max(self._label_rect.width() - self._badge_width, 0.0)
        self._label = context.metrics.elidedText(self.event.title,
                                                 Qt.TextElideMode.ElideRight, room + 2)
        return self._label

    def hoverEnterEvent(self, event) -> None:
        if not self.toolTip():  # built when first needed: thousands of events open fast
            self.setToolTip(tooltip(self.event, self._context.names))
        super().hoverEnterEvent(event)

    # -- geometry --------------------------------------------------------------

    def _body_rect(self) -> QRectF:
        p = self.placed
        h = palette.BAR_HEIGHT
        if p.marker:
            middle = (p.x0 + p.x1) / 2
            return QRectF(middle - h / 2, self._top, h, h)
        return QRectF(p.x0, self._top, max(p.x1 - p.x0, 2.0), h)

    def _make_label_rect(self) -> QRectF:
        body, right = self._body, self.placed.label_right
        if not self.placed.marker and right <= body.right() + 0.5:
            return body.adjusted(6, 0, -4, 0)
        return QRectF(body.right() + 4, body.top(), max(right - body.right() - 4, 0.0),
                      body.height())

    @property
    def body(self) -> QRectF:
        """The bar or marker, in item coordinates."""
        return self._body

    @property
    def label_inside(self) -> bool:
        """True when the label is drawn on the bar itself."""
        return self._label_rect.left() < self._body.right()

    @property
    def label_text(self) -> str:
        """The label as drawn (elided when there is no room)."""
        return self._label if self._label is not None else self._prepare_label()

    def preview_span(self, x0: float, x1: float) -> None:
        """Show the bar over `x0`..`x1` while an edge is dragged."""
        self.prepareGeometryChange()
        self._body = QRectF(x0, self._top, max(x1 - x0, 2.0), palette.BAR_HEIGHT)
        self._label_rect = self._make_label_rect()
        self._bounds = self._body.united(self._label_rect).adjusted(-3, -3, 3, 3)
        self._brush = self._bar_brush()
        self.update()

    def end_preview(self) -> None:
        """Back to the geometry the layout gave."""
        self.prepareGeometryChange()
        self._body = self._body_rect()
        self._label_rect = self._make_label_rect()
        self._bounds = self._body.united(self._label_rect).adjusted(-3, -3, 3, 3)
        self._brush = self._bar_brush()
        self.update()

    def zone_at(self, x: float) -> str:
        """'start' or 'end' near a bar's ends (a resize), otherwise 'move'."""
        if self.placed.marker or self._body.width() < 3 * EDGE_GRIP:
            return "move"
        if abs(x - self._body.left()) <= EDGE_GRIP:
            return "start"
        if abs(x - self._body.right()) <= EDGE_GRIP:
            return "end"
        return "move"

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._body.united(self._label_rect))
        return path

    # -- painting --------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setOpacity(0.22 if self.dimmed else 1.0)
        if self.highlighted:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.highlight_color())
            painter.drawRoundedRect(self._body.adjusted(-3, -3, 3, 3), 6, 6)
        if self.isSelected():
            painter.setPen(QPen(palette.text_color(), 2.0))
        else:
            painter.setPen(self._pen)
        if self.placed.marker:
            painter.setBrush(self._color)
            painter.drawPolygon(_diamond(self._body))
        else:
            painter.setBrush(self._brush)
            painter.drawRoundedRect(self._body, 4, 4)
        self._paint_label(painter)

    def _paint_label(self, painter: QPainter) -> None:
        label = self.label_text
        on_bar = self.label_inside and not self._fuzzy
        painter.setFont(self._context.font)
        painter.setPen(palette.on_color(self._color) if on_bar else palette.text_color())
        title_rect = QRectF(self._label_rect)
        title_rect.setWidth(max(self._label_rect.width() - self._badge_width, 0.0))
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         label)
        if self._badges:
            x = title_rect.left() + self._context.metrics.horizontalAdvance(label) + BADGE_GAP
            paint_badges(painter, self._badges, QPointF(x, self._body.center().y()),
                         self._context.badge_font)

    def _bar_brush(self) -> QBrush:
        if not self._fuzzy:
            return QBrush(self._color)
        body = self._body
        gradient = QLinearGradient(body.left(), 0, body.right(), 0)
        faded = QColor(self._color)
        faded.setAlphaF(0.15)
        middle = QColor(self._color)
        middle.setAlphaF(0.45)
        gradient.setColorAt(0.0, faded if self.placed.fuzzy_start else middle)
        gradient.setColorAt(_FADE, middle)
        gradient.setColorAt(1 - _FADE, middle)
        gradient.setColorAt(1.0, faded if self.placed.fuzzy_end else middle)
        return QBrush(gradient)


def fitting_badges(looks: list[BadgeLook], room: float) -> list[BadgeLook]:
    """As many badges, in order, as fit in `room`: when zoomed out there is no room."""
    while looks and badges_width(looks) > room:
        looks = looks[:-1]
    return looks


def badges_width(looks: list[BadgeLook]) -> float:
    """Room the badges take after a label."""
    if not looks:
        return 0.0
    metrics = QFontMetricsF(palette.badge_font())
    return sum(metrics.horizontalAdvance(b.text) + 8 + BADGE_GAP for b in looks) + BADGE_GAP


def paint_badges(painter: QPainter, looks: list[BadgeLook], left_middle: QPointF,
                 font: QFont) -> None:
    """Small pills in each giving party's colour: 'Iran 3C 1R'."""
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    x = left_middle.x()
    height = metrics.height() + 2
    for look in looks:
        width = metrics.horizontalAdvance(look.text) + 8
        rect = QRectF(x, left_middle.y() - height / 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.color)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(palette.on_color(look.color))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, look.text)
        x += width + BADGE_GAP


def _diamond(rect: QRectF) -> QPolygonF:
    c = rect.center()
    r = rect.width() / 2
    return QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                      QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())])


def tooltip(event: Event, names: dict[str, str]) -> str:
    """Tooltip text; user text is escaped, as Qt reads anything tag-like as markup."""
    lines = [span_label(event.start, event.end),
             f"{EVENT_KINDS.get(event.kind, event.kind)} · "
             f"{EVENT_STATUSES.get(event.status, event.status)}"]
    if event.location:
        lines.append(event.location)
    if event.parties:
        lines.append(", ".join(names.get(p, p) for p in event.parties))
    for item in event.items[:8]:
        by = names.get(item.by, item.by) or "?"
        lines.append(f"• {by}: {ITEM_TYPES.get(item.type, item.type)} — {item.text}")
    if len(event.items) > 8:
        lines.append(f"… and {len(event.items) - 8} more item(s)")
    body = "<br>".join(html.escape(_clip(line)) for line in lines)
    return f"<p style='white-space:pre'><b>{html.escape(_clip(event.title))}</b><br>{body}</p>"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

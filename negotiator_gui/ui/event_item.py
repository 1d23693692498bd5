"""EventItem: one event on the canvas, as a bar over its dates or a one-day marker."""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from negotiator_gui.domain.dates import span_label
from negotiator_gui.domain.layout import PlacedEvent
from negotiator_gui.domain.model import Event
from negotiator_gui.domain.vocab import EVENT_KINDS, EVENT_STATUSES
from negotiator_gui.ui import palette

_FADE = 0.35  # share of a fuzzy bar's length over which its uncertain end fades


class EventItem(QGraphicsItem):
    """Paints one event; its label is elided to the room the layout gave it."""

    def __init__(self, event: Event, placed: PlacedEvent, top: float) -> None:
        super().__init__()
        self.event = event
        self.placed = placed
        self._top = top
        self._color = palette.kind_color(event.kind)
        self._font = palette.label_font()
        self._metrics = QFontMetricsF(self._font)
        self._body = self._body_rect()
        self._label_rect = self._make_label_rect()
        self._label = self._metrics.elidedText(event.title, Qt.TextElideMode.ElideRight,
                                               self._label_rect.width() + 2)
        self._bounds = self._body.united(self._label_rect).adjusted(-2, -2, 2, 2)
        self._fuzzy = placed.fuzzy_start or placed.fuzzy_end
        self.setToolTip(_tooltip(event))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setData(0, event.id)

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
    def label_inside(self) -> bool:
        """True when the label is drawn on the bar itself."""
        return self._label_rect.left() < self._body.right()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        selected = self.isSelected()
        pen = QPen(palette.text_color() if selected else self._color.darker(140),
                   2.0 if selected else 1.0)
        painter.setPen(pen)
        if self.placed.marker:
            painter.setBrush(self._color)
            painter.drawPolygon(_diamond(self._body))
        else:
            painter.setBrush(self._bar_brush())
            path = QPainterPath()
            path.addRoundedRect(self._body, 4, 4)
            painter.drawPath(path)
        painter.setFont(self._font)
        on_bar = self.label_inside and not self._fuzzy
        painter.setPen(QColor("white") if on_bar else palette.text_color())
        painter.drawText(self._label_rect,
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self._label)

    def _bar_brush(self) -> QBrush:
        if not (self.placed.fuzzy_start or self.placed.fuzzy_end):
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


def _diamond(rect: QRectF) -> QPolygonF:
    c = rect.center()
    r = rect.width() / 2
    return QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                      QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())])


def _tooltip(event: Event) -> str:
    """Tooltip text; user text is escaped, as Qt reads anything tag-like as markup."""
    lines = [span_label(event.start, event.end),
             f"{EVENT_KINDS.get(event.kind, event.kind)} · "
             f"{EVENT_STATUSES.get(event.status, event.status)}"]
    if event.location:
        lines.append(event.location)
    if event.items:
        lines.append(f"{len(event.items)} item(s) on the table")
    body = "<br>".join(html.escape(line) for line in lines)
    return f"<p style='white-space:pre'><b>{html.escape(event.title)}</b><br>{body}</p>"

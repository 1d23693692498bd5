"""GlyphPainter: draws events (bars, markers, labels, badges) with pens, brushes and text cached."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QGradient,
    QLinearGradient,
    QPainter,
    QPen,
    QPolygonF,
)

from negotiator_gui.domain.layout import badges
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.ui import date_text, palette, vocab_labels
from negotiator_gui.ui.label_pixmaps import LabelPixmaps, same_label
from negotiator_gui.ui.lane_rows import MARKER_HALF, Glyph

FADE = 0.35  # share of a fuzzy bar's length over which its uncertain end fades
BADGE_GAP = 4.0
MIN_TITLE = 70.0  # badges give way to at least this much of the title
DIM_OPACITY = 0.22
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft


@dataclass(frozen=True)
class BadgeLook:
    """A badge as drawn: its text, colour and width."""

    text: str
    color: QColor
    width: float


@dataclass(frozen=True)
class LabelLook:
    """A label elided to its room: the title's text and advance, and the badges that fit."""

    text: str
    advance: float
    badges: tuple[BadgeLook, ...]
    badge_width: float


class GlyphPainter:
    """Paints events; everything that costs to make (pens, brushes, measured and elided
    text) is made once and kept while the event it belongs to is unchanged."""

    def __init__(self) -> None:
        self.font = palette.label_font()
        self.badge_font = palette.badge_font()
        self.metrics = QFontMetricsF(self.font)
        self.badge_metrics = QFontMetricsF(self.badge_font)
        self.names: dict[str, str] = {}
        self.colors: dict[str, QColor] = {}
        self._widths: dict[str, tuple[Event, float]] = {}
        self._badges: dict[str, tuple[Event, tuple[BadgeLook, ...]]] = {}
        self._looks: dict[str, tuple[Event, int, LabelLook]] = {}
        self._text_widths: dict[str, float] = {}
        self._pens: dict[int, QPen] = {}
        self._brushes: dict[tuple[int, bool, bool], QBrush] = {}
        self._on: dict[int, QColor] = {}
        self._pixmaps = LabelPixmaps()
        self._diamond = QPolygonF([QPointF(0, -MARKER_HALF), QPointF(MARKER_HALF, 0),
                                   QPointF(0, MARKER_HALF), QPointF(-MARKER_HALF, 0)])
        self.refresh_palette()

    def refresh_palette(self) -> None:
        """Take the colours of the application palette (again)."""
        self.text = palette.text_color()
        self.selected_pen = QPen(self.text, 2.0)
        self.highlight = palette.highlight_color()
        self._on.clear()
        self._pixmaps.clear()

    def set_parties(self, project: Project) -> None:
        """Use the project's party names and colours (badges change with them)."""
        names = {p.id: p.label for p in project.parties}
        colors = {p.id: palette.party_color(p.color, p.id) for p in project.parties}
        if names != self.names or {k: c.rgba() for k, c in colors.items()} != \
                {k: c.rgba() for k, c in self.colors.items()}:
            self.names, self.colors = names, colors
            self._widths.clear()
            self._badges.clear()
            self._looks.clear()

    def forget_looks(self) -> None:
        """Drop elided labels (after a zoom or a re-layout their room changes)."""
        self._looks.clear()

    # -- measuring ---------------------------------------------------------------

    def label_width(self, event: Event) -> float:
        """Width of an event's title and badges, measured once per title and items."""
        cached = self._widths.get(event.id)
        if cached is not None and same_label(cached[0], event):
            return cached[1]
        looks = self.badge_looks(event)
        width = self.metrics.horizontalAdvance(event.title) + badges_width(looks)
        self._widths[event.id] = (event, width)
        return width

    def badge_looks(self, event: Event) -> tuple[BadgeLook, ...]:
        """The badges of an event, in its givers' colours."""
        cached = self._badges.get(event.id)
        if cached is not None and same_label(cached[0], event):
            return cached[1]
        looks = []
        for badge in badges(event):
            text = badge.text(self.names.get(badge.party, badge.party or "?"))
            looks.append(BadgeLook(text, self.colors.get(badge.party, QColor("#7F7F7F")),
                                   self._badge_text_width(text) + 8))
        self._badges[event.id] = (event, tuple(looks))
        return tuple(looks)

    def _badge_text_width(self, text: str) -> float:
        width = self._text_widths.get(text)
        if width is None:
            width = self._text_widths[text] = self.badge_metrics.horizontalAdvance(text)
        return width

    def label_look(self, event: Event, room: float) -> LabelLook:
        """The label elided to `room` pixels, badges first giving way to the title."""
        key = int(room)
        cached = self._looks.get(event.id)
        if cached is not None and cached[1] == key and same_label(cached[0], event):
            return cached[2]
        looks = fitting_badges(self.badge_looks(event), room - MIN_TITLE)
        badge_width = badges_width(looks)
        text = self.metrics.elidedText(event.title, Qt.TextElideMode.ElideRight,
                                       max(room - badge_width, 0.0) + 2)
        look = LabelLook(text, self.metrics.horizontalAdvance(text), looks, badge_width)
        self._looks[event.id] = (event, key, look)
        return look

    # -- pens and brushes --------------------------------------------------------

    def pen(self, color: QColor) -> QPen:
        """The outline of a body in `color`."""
        key = color.rgba()
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(color.darker(140), 1.0)
        return pen

    def brush(self, glyph: Glyph) -> QBrush:
        """A bar's fill: solid, or fading towards an end known only to the month or year."""
        key = (glyph.color.rgba(), glyph.fuzzy_start, glyph.fuzzy_end)
        brush = self._brushes.get(key)
        if brush is None:
            brush = self._brushes[key] = _bar_brush(glyph.color, glyph.fuzzy_start,
                                                    glyph.fuzzy_end)
        return brush

    def on_color(self, color: QColor) -> QColor:
        """Black or white text for `color`."""
        key = color.rgba()
        on = self._on.get(key)
        if on is None:
            on = self._on[key] = palette.on_color(color)
        return on

    # -- painting ----------------------------------------------------------------

    def paint_body(self, painter: QPainter, glyph: Glyph, body: QRectF, selected: bool,
                   highlighted: bool) -> None:
        """The bar or diamond, with the highlight behind it and the selection's outline."""
        if highlighted:
            self.paint_highlight(painter, body)
        painter.setPen(self.selected_pen if selected else self.pen(glyph.color))
        if glyph.marker:
            painter.setBrush(glyph.color)
            centre = body.center()
            painter.drawPolygon(self._diamond.translated(centre.x(), centre.y()))
        else:
            painter.setBrush(self.brush(glyph))
            painter.drawRoundedRect(body, 4, 4)

    def paint_highlight(self, painter: QPainter, body: QRectF) -> None:
        """The soft glow behind an event linked to the chosen item."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.highlight)
        painter.drawRoundedRect(body.adjusted(-3, -3, 3, 3), 6, 6)

    def paint_outlines(self, painter: QPainter, rects: list[QRectF]) -> None:
        """The selection's outline around events merged into a run."""
        painter.setPen(self.selected_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects(rects)

    def paint_label(self, painter: QPainter, glyph: Glyph, label: QRectF,
                    inside: bool) -> None:
        """The title elided into `label`, then the badges that fit after it; drawn once
        into a pixmap that later frames reuse."""
        look = self.label_look(glyph.event, label.width())
        color = self.on_color(glyph.color) if inside and not glyph.fuzzy else self.text
        ratio = painter.device().devicePixelRatioF()
        pixmap = self._pixmaps.get(
            glyph.event, (int(label.width()), color.rgba(), ratio),
            (int(label.width()) + 2, label.height()), ratio,
            lambda p, rect: self._draw_label(p, look, rect, color))
        painter.drawPixmap(QPointF(round(label.left()), label.top()), pixmap)

    def _draw_label(self, painter: QPainter, look: LabelLook, label: QRectF,
                    color: QColor) -> None:
        painter.setFont(self.font)
        painter.setPen(color)
        title = QRectF(label.left(), label.top(), max(label.width() - 2 - look.badge_width, 0.0),
                       label.height())
        painter.drawText(title, _LEFT, look.text)
        if look.badges:
            self._paint_badges(painter, look.badges, label.left() + look.advance + BADGE_GAP,
                               label.center().y())

    def _paint_badges(self, painter: QPainter, looks: tuple[BadgeLook, ...], x: float,
                      middle: float) -> None:
        """Small pills in each giving party's colour: 'Iran 3C 1R'."""
        painter.setFont(self.badge_font)
        height = self.badge_metrics.height() + 2
        for look in looks:
            rect = QRectF(x, middle - height / 2, look.width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.color)
            painter.drawRoundedRect(rect, height / 2, height / 2)
            painter.setPen(self.on_color(look.color))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, look.text)
            x += look.width + BADGE_GAP


def fitting_badges(looks: tuple[BadgeLook, ...], room: float) -> tuple[BadgeLook, ...]:
    """As many badges, in order, as fit in `room`: when zoomed out there is no room."""
    while looks and badges_width(looks) > room:
        looks = looks[:-1]
    return looks


def badges_width(looks: tuple[BadgeLook, ...] | list[BadgeLook]) -> float:
    """Room the badges take after a label."""
    if not looks:
        return 0.0
    return sum(b.width + BADGE_GAP for b in looks) + BADGE_GAP


def _bar_brush(color: QColor, fuzzy_start: bool, fuzzy_end: bool) -> QBrush:
    if not (fuzzy_start or fuzzy_end):
        return QBrush(color)
    gradient = QLinearGradient(0, 0, 1, 0)
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    faded, middle = QColor(color), QColor(color)
    faded.setAlphaF(0.15)
    middle.setAlphaF(0.45)
    gradient.setColorAt(0.0, faded if fuzzy_start else middle)
    gradient.setColorAt(FADE, middle)
    gradient.setColorAt(1 - FADE, middle)
    gradient.setColorAt(1.0, faded if fuzzy_end else middle)
    return QBrush(gradient)


def tooltip(event: Event, names: dict[str, str]) -> str:
    """Tooltip text; user text is escaped, as Qt reads anything tag-like as markup."""
    lines = [date_text.span(event.start, event.end),
             f"{vocab_labels.event_kind(event.kind)} · {vocab_labels.event_status(event.status)}"]
    if event.location:
        lines.append(event.location)
    if event.parties:
        lines.append(", ".join(names.get(p, p) for p in event.parties))
    for item in event.items[:8]:
        by = names.get(item.by, item.by) or "?"
        lines.append(f"• {by}: {vocab_labels.item_type(item.type)} — {item.text}")
    if len(event.items) > 8:
        more = len(event.items) - 8  # lupdate skips a count written as an expression
        lines.append(QCoreApplication.translate("EventTooltip", "… and %n more item(s)", "",
                                                more))
    body = "<br>".join(html.escape(_clip(line)) for line in lines)
    return f"<p style='white-space:pre'><b>{html.escape(_clip(event.title))}</b><br>{body}</p>"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

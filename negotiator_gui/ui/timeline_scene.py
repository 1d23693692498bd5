"""TimelineScene: lane bands, event items and link arrows, laid out by the domain layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene

from negotiator_gui.domain.layout import Layout, badges, lanes_for, layout_lanes, span_days
from negotiator_gui.domain.model import Event, Link, Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.event_item import BadgeLook, EventItem, ItemContext, badges_width


@dataclass
class CanvasOptions:
    """How the canvas shows the project: lanes by what, colours by what, what is shown."""

    lane_mode: str = "track"          # track | party | subject
    color_by: str = "kind"            # kind | party
    collapsed: set[str] = field(default_factory=set)  # lane keys
    show_links: bool = True
    show_legend: bool = True
    link_filter: set[str] | None = None  # draw only these events' links (None: all)
    matching: set[str] | None = None  # event ids the filter keeps; None: no filter
    filter_mode: str = "dim"          # dim | hide


@dataclass(frozen=True)
class LaneBand:
    """Where a lane sits vertically in the scene."""

    key: str
    title: str
    top: float
    height: float
    color: str
    collapsed: bool
    count: int


class TimelineScene(QGraphicsScene):
    """Holds one lane band per lane, one item per placed event, one arrow per link."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lanes: list[LaneBand] = []
        self.event_items: dict[str, list[EventItem]] = {}
        self.link_items: list[tuple[Link, LinkArrowItem]] = []
        self.day_range: tuple[int, int] | None = None
        self._owner: dict[str, str] = {}
        self._widths: dict[str, tuple[Event, float]] = {}
        self._project = Project()
        self._metrics = QFontMetricsF(palette.label_font())

    # -- building --------------------------------------------------------------

    def populate(self, project: Project, scale: TimeScale, top: float,
                 options: CanvasOptions) -> None:
        """Lay out `project` at `scale`, lanes starting at scene y `top`."""
        self.clear()
        self.event_items, self.link_items = {}, []
        shown = _shown_events(project, options)
        layout = self.layout_for(project, shown, scale, options)
        counts = _lane_counts(layout)
        self.lanes = _bands(layout, top, options.collapsed, counts)
        self.day_range = _day_range(project.events)
        left = scale.x_of_day(self.day_range[0]) if self.day_range else 0.0
        right = max([p.label_right for p in layout.events] +
                    [scale.x_of_day(self.day_range[1])] if self.day_range else [0.0])
        self._add_bands(left, right)
        self._add_events(project, shown, layout, options)
        self._project = project
        if options.show_links:
            self.set_links(options.link_filter)
        self.apply_filter(options.matching if options.filter_mode == "dim" else None)
        bottom = self.lanes[-1].top + self.lanes[-1].height if self.lanes else top
        self.setSceneRect(QRectF(left - palette.LANE_HEADER_WIDTH - 60, 0,
                                 right - left + palette.LANE_HEADER_WIDTH + 160, bottom + 40))

    def layout_for(self, project: Project, events: list[Event], scale: TimeScale,
                   options: CanvasOptions) -> Layout:
        """The shared domain layout, measured with the canvas's fonts."""
        specs, keys = lanes_for(project, options.lane_mode)
        names = _short_names(project)
        return layout_lanes(events, specs, keys, scale,
                            lambda e: self.label_width(e, names),
                            marker_width=palette.BAR_HEIGHT,
                            max_label=label_room(scale.px_per_day))

    def label_width(self, event: Event, names: dict[str, str]) -> float:
        """Width of an event's title and badges; kept while the event is unchanged."""
        cached = self._widths.get(event.id)
        if cached is not None and cached[0] is event:
            return cached[1]
        looks = [BadgeLook(b.text(names.get(b.party, b.party or "?")), QColor())
                 for b in badges(event)]
        width = self._metrics.horizontalAdvance(event.title) + badges_width(looks)
        self._widths[event.id] = (event, width)
        return width

    def label_reach(self, project: Project, scale: TimeScale) -> float:
        """The furthest any event's label reaches right, in scene x (no stacking needed)."""
        names = _short_names(project)
        room = label_room(scale.px_per_day)
        reach = 0.0
        for event in project.events:
            first, after = span_days(event)
            right = max(scale.x_of_day(after), scale.x_of_day(first) + palette.BAR_HEIGHT)
            reach = max(reach, right + 4 + min(self.label_width(event, names), room))
        return reach

    def _add_bands(self, left: float, right: float) -> None:
        for index, band in enumerate(self.lanes):
            rect = QGraphicsRectItem(QRectF(left - 1e5, band.top, right - left + 2e5,
                                            band.height))
            rect.setBrush(QBrush(palette.lane_fill(index)))
            rect.setPen(QPen(palette.lane_fill(index).darker(115), 0))
            rect.setZValue(-10)
            rect.setData(1, band.key)
            self.addItem(rect)

    def _add_events(self, project: Project, shown: list[Event], layout: Layout,
                    options: CanvasOptions) -> None:
        events = {e.id: e for e in shown}
        parties = {p.id: p for p in project.parties}
        context = ItemContext(_short_names(project),
                              {pid: _party_qcolor(parties, pid) for pid in parties})
        for placed in layout.events:
            band = self.lanes[placed.lane]
            if band.collapsed:
                continue
            event = events[placed.event_id]
            y = band.top + palette.LANE_PADDING + placed.row * palette.ROW_HEIGHT
            item = EventItem(event, placed, y, self._event_color(event, band, parties, options),
                             context)
            self.addItem(item)
            self.event_items.setdefault(event.id, []).append(item)

    def _event_color(self, event: Event, band: LaneBand, parties: dict,
                     options: CanvasOptions) -> QColor:
        if options.color_by != "party":
            return palette.kind_color(event.kind)
        party = band.key if options.lane_mode == "party" and band.key else \
            (event.parties[0] if event.parties else "")
        return _party_qcolor(parties, party)

    def set_links(self, selected: set[str] | None) -> None:
        """Draw the links between items: all (None), or only those of `selected` events
        (zoomed out, where all of them would be a thicket)."""
        for _, arrow in self.link_items:
            self.removeItem(arrow)
        self.link_items = []
        project = self._project
        owner = self._owner = {i.id: e.id for e in project.events for i in e.items}
        for link in project.links:
            if selected is not None and owner.get(link.source) not in selected \
                    and owner.get(link.target) not in selected:
                continue
            a = self.event_items.get(owner.get(link.source, ""), [])
            b = self.event_items.get(owner.get(link.target, ""), [])
            if not a or not b or a[0] is b[0]:
                continue
            arrow = LinkArrowItem(link, *_arrow(a[0], b[0]))
            self.addItem(arrow)
            self.link_items.append((link, arrow))

    # -- state -----------------------------------------------------------------

    def apply_filter(self, matching: set[str] | None) -> None:
        """Dim every event the filter does not keep (None: none dimmed)."""
        for event_id, items in self.event_items.items():
            dimmed = matching is not None and event_id not in matching
            for item in items:
                if item.dimmed != dimmed:
                    item.dimmed = dimmed
                    item.update()

    def highlight_item(self, project: Project, item_id: str) -> set[str]:
        """Highlight the events holding `item_id` and its linked partners.

        Returns:
            The ids of the highlighted events.
        """
        owner = {i.id: e.id for e in project.events for i in e.items}
        partners = {item_id} if item_id else set()
        for link in project.links:
            if item_id in (link.source, link.target):
                partners |= {link.source, link.target}
        events = {owner[i] for i in partners if i in owner}
        for event_id, items in self.event_items.items():
            for item in items:
                on = event_id in events
                if item.highlighted != on:
                    item.highlighted = on
                    item.update()
        for link, arrow in self.link_items:
            strong = bool(item_id) and item_id in (link.source, link.target)
            if arrow.strong != strong:
                arrow.strong = strong
                arrow.update()
        return events

    def items_of(self, event_id: str) -> list[EventItem]:
        """The graphics items showing an event (several in party or subject lanes)."""
        return self.event_items.get(event_id, [])

    def lane_at(self, y: float) -> LaneBand | None:
        """The lane at scene y, if any."""
        for band in self.lanes:
            if band.top <= y < band.top + band.height:
                return band
        return None


def label_room(px_per_day: float) -> float:
    """The widest a label may be: less when zoomed out, so that years of events
    do not stack into dozens of rows; the full title is in the tooltip."""
    return min(max(px_per_day * 120, 90.0), 300.0)


def _shown_events(project: Project, options: CanvasOptions) -> list[Event]:
    if options.matching is None or options.filter_mode != "hide":
        return list(project.events)
    return [e for e in project.events if e.id in options.matching]


def _lane_counts(layout: Layout) -> list[int]:
    counts = [0] * len(layout.lanes)
    for placed in layout.events:
        counts[placed.lane] += 1
    return counts


def _bands(layout: Layout, top: float, collapsed: set[str], counts: list[int]
           ) -> list[LaneBand]:
    bands = []
    for i, lane in enumerate(layout.lanes):
        folded = lane.key in collapsed
        rows = 1 if folded else lane.rows
        height = (palette.COLLAPSED_HEIGHT if folded else
                  2 * palette.LANE_PADDING + rows * palette.ROW_HEIGHT
                  - (palette.ROW_HEIGHT - palette.BAR_HEIGHT))
        bands.append(LaneBand(lane.key, lane.title, top, height, lane.color, folded, counts[i]))
        top += height
    return bands


def _day_range(events) -> tuple[int, int] | None:
    if not events:
        return None
    spans = [span_days(e) for e in events]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _short_names(project: Project) -> dict[str, str]:
    return {p.id: p.label for p in project.parties}


def _party_qcolor(parties: dict, party_id: str) -> QColor:
    party = parties.get(party_id)
    return palette.party_color(party.color if party else "", party_id or "?")


def _arrow(source: EventItem, target: EventItem) -> tuple[QPainterPath, QPolygonF]:
    """An arc under the labels, from the foot of one event to the foot of another."""
    a_rect = source.mapRectToScene(source.body)
    b_rect = target.mapRectToScene(target.body)
    a = QPointF(a_rect.center().x(), a_rect.bottom())
    b = QPointF(b_rect.center().x(), b_rect.bottom() + 1)
    drop = min(max(abs(b.x() - a.x()) * 0.25, 14.0), 60.0)
    low = max(a.y(), b.y()) + drop
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x(), low), QPointF(b.x(), low), b)
    return path, _head(path.pointAtPercent(0.97), b)


def _head(behind: QPointF, tip: QPointF, size: float = 7.0) -> QPolygonF:
    dx, dy = tip.x() - behind.x(), tip.y() - behind.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    left = QPointF(base.x() - uy * size * 0.5, base.y() + ux * size * 0.5)
    right = QPointF(base.x() + uy * size * 0.5, base.y() - ux * size * 0.5)
    return QPolygonF([tip, left, right])


class LinkArrowItem(QGraphicsPathItem):
    """A link between two events: a curve with an arrowhead."""

    def __init__(self, link: Link, curve: QPainterPath, head: QPolygonF) -> None:
        super().__init__(curve)
        self.link = link
        self.head = head
        self.strong = False
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().united(self.head.boundingRect()).adjusted(-3, -3, 3, 3)

    def paint(self, painter, option, widget=None) -> None:
        color = palette.highlight_strong() if self.strong else palette.link_color()
        painter.setPen(QPen(color, 2.4 if self.strong else 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.setBrush(color)
        painter.drawPolygon(self.head)

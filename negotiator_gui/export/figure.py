"""The timeline as vector drawings: lanes, axis, bars, markers and labels as in the app."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors as rl_colors

from negotiator_gui.domain import colors
from negotiator_gui.domain.layout import PlacedEvent
from negotiator_gui.domain.timescale import context_ticks, ticks
from negotiator_gui.domain.vocab import EVENT_KINDS
from negotiator_gui.export import fonts
from negotiator_gui.export.figure_plan import Band, FigurePlan, Window, whole_window
from negotiator_gui.export.sketch import SketchSkipping
from negotiator_gui.export.text import shape, visual

INK = "#1A1A1A"
MUTED = "#5B6573"
GRID = "#E1E5EB"
GRID_MAJOR = "#C3CAD4"
LANE_FILLS = ("#F3F5F8", "#FFFFFF")
FADE = 0.35  # share of a fuzzy bar over which its uncertain end fades (as in the app)
STRIPS = 10


def _c(hex_color: str) -> rl_colors.Color:
    return rl_colors.HexColor(hex_color)


class FigureDrawing(SketchSkipping, Drawing):
    """A part of the figure; in a briefing it is placed, but not drawn, on a canvas
    marked `sketching` (the layout-only first pass, see `template.SketchCanvas`)."""


class FigureDrawer:
    """Draws a planned figure: one page window at a time, or all of it at once."""

    def __init__(self, plan: FigurePlan, lane_colors: dict[str, str],
                 prepare: Callable[[str], str] = shape) -> None:
        """
        Args:
            plan: the laid-out figure.
            lane_colors: a colour for each lane key that has one.
            prepare: makes a user text printable (placeholders, shaping).
        """
        self.plan = plan
        self.look = plan.look
        self.lane_colors = lane_colors
        self.prepare = prepare

    def pages(self, width: float) -> list[tuple[Window, Drawing]]:
        """Every part of the figure, window by window: (window, drawing), each drawing
        as high as its lanes need (at most the height the plan was made for)."""
        return [(window, self.draw(window, stack, width))
                for window in self.plan.windows for stack in window.stacks]

    def whole(self) -> Drawing:
        """The whole period in one drawing, every lane (for SVG and PNG files)."""
        window = whole_window(self.plan)
        width = self.look.header_width + (window.x_hi - window.x_lo) + self.look.max_label
        return self.draw(window, window.stacks[0], width)

    def day_range(self, window: Window) -> tuple[int, int]:
        """First and last day ordinal a window shows."""
        scale = self.plan.scale
        first = max(int(scale.day_at(window.x_lo)), self.plan.first_day - 1)
        last = min(int(scale.day_at(window.x_hi)), self.plan.last_day + 1)
        return first, last

    def draw(self, window: Window, stack: tuple[Band, ...], width: float) -> Drawing:
        """The bands of `stack` over the time of `window`, `width` points wide."""
        look = self.look
        height = (look.axis_height + look.legend_height
                  + sum(self.plan.band_height(b) for b in stack) + 2)
        drawing = FigureDrawing(width, height)
        top = height - self.look.axis_height
        bottom = top - sum(self.plan.band_height(b) for b in stack)
        view = _View(window.x_lo, window.x_hi, self.look.header_width, width)
        drawing.add(self._lanes(stack, top, view))
        drawing.add(self._axis(view, top, bottom))
        drawing.add(self._events(stack, window, top, view))
        drawing.add(self._legend(bottom - 4, width))
        return drawing

    # -- lanes and axis -----------------------------------------------------------

    def _lanes(self, stack: tuple[Band, ...], top: float, window: _View) -> Group:
        group = Group()
        y = top
        for band in stack:
            height = self.plan.band_height(band)
            lane = self.plan.layout.lanes[band.lane]
            group.add(Rect(0, y - height, window.right, height, strokeColor=None,
                           fillColor=_c(LANE_FILLS[band.lane % 2])))
            group.add(Line(0, y - height, window.right, y - height, strokeColor=_c(GRID_MAJOR),
                           strokeWidth=0.4))
            color = self.lane_colors.get(lane.key, "")
            if colors.is_hex_color(color):
                group.add(Rect(0, y - height, 2.5, height, strokeColor=None, fillColor=_c(color)))
            title = self.prepare(lane.title) + (" (continued)" if band.continued else "")
            for n, line in enumerate(_wrap(title, self.look.header_width - 10, 3)):
                group.add(String(5, y - 11 - n * 8.5, visual(line), fontName=fonts.BOLD,
                                 fontSize=6.8, fillColor=_c(INK)))
            y -= height
        return group

    def _axis(self, window: _View, top: float, bottom: float) -> Group:
        group = Group()
        scale = self.plan.scale
        first, last = int(scale.day_at(window.x_lo)), int(scale.day_at(window.x_hi))
        px = scale.px_per_day
        group.add(Line(window.left, top, window.end, top, strokeColor=_c(MUTED),
                       strokeWidth=0.6))
        group.add(Line(window.end, top, window.end, bottom, strokeColor=_c(GRID_MAJOR),
                       strokeWidth=0.4, strokeDashArray=[2, 2]))
        for tick in ticks(first, last, px, min_spacing=42):
            x = window.x(scale.x_of_day(tick.day))
            group.add(Line(x, top, x, bottom, strokeColor=_c(GRID_MAJOR if tick.major else GRID),
                           strokeWidth=0.4))
            group.add(Line(x, top, x, top + 3, strokeColor=_c(MUTED), strokeWidth=0.5))
            if x + 20 < window.right and x <= window.end:
                group.add(String(x + 2, top + 5, tick.label, fontName=fonts.REGULAR,
                                 fontSize=6.3, fillColor=_c(MUTED)))
        upper = [(max(window.x(scale.x_of_day(t.day)), window.left), t.label)
                 for t in context_ticks(first, last, px, min_spacing=42)]
        for n, (x, label) in enumerate(upper):
            room = (upper[n + 1][0] if n + 1 < len(upper) else window.right) - x
            if fonts.width(label, fonts.BOLD, 7) + 6 <= room and x <= window.end:
                group.add(String(x + 2, top + 16, label, fontName=fonts.BOLD, fontSize=7,
                                 fillColor=_c(INK)))
        return group

    # -- events --------------------------------------------------------------------

    def _events(self, stack: tuple[Band, ...], window: Window, top: float,
                view: _View) -> Group:
        group = Group()
        y = top
        for band in stack:
            for row, placed in self.plan.placed_in(band, window):
                middle = y - self.look.lane_padding - (row + 0.5) * self.look.row_height
                self._event(group, placed, middle, view)
            y -= self.plan.band_height(band)
        return group

    def _event(self, group: Group, placed: PlacedEvent, middle: float, view: _View) -> None:
        event = self.plan.events[placed.event_id]
        color = colors.kind_color(event.kind)
        label = self.plan.labels.get(event.id, event.title)
        size = self.look.font_size
        text_width = fonts.width(label, fonts.REGULAR, size)
        if placed.marker:
            centre = (placed.x0 + placed.x1) / 2
            if view.x_lo <= centre <= view.x_hi:
                group.add(_diamond(view.x(centre), middle, self.look.marker_half, color))
            start, room, on_bar = centre + self.look.marker_half + 3, text_width, False
        else:
            right = max(placed.x1, placed.x0 + 2)
            self._bar(group, placed, middle, view, color)
            fuzzy = placed.fuzzy_start or placed.fuzzy_end
            if text_width <= right - placed.x0 - 8:  # inside the bar, as in the app
                start = max(placed.x0, view.x_lo) + 4
                room, on_bar = min(right, view.x_hi) - start - 4, not fuzzy
            else:
                start, room, on_bar = right + 4, text_width, False
        if not view.x_lo <= start < view.x_hi:
            return
        room = min(room, view.right - view.x(start) - 2, self.look.max_label)
        text = label if room >= text_width else fonts.elide(label, fonts.REGULAR, size, room)
        if text:
            ink = colors.on_color(color) if on_bar else INK
            group.add(String(view.x(start), middle - size * 0.35, visual(text),
                             fontName=fonts.REGULAR, fontSize=size, fillColor=_c(ink)))

    def _bar(self, group: Group, placed: PlacedEvent, middle: float, window: _View,
             color: str) -> None:
        x0, x1 = placed.x0, max(placed.x1, placed.x0 + 2)
        left, right = max(x0, window.x_lo), min(x1, window.x_hi)
        if right <= left:
            return
        half = self.look.bar_height / 2
        if placed.fuzzy_start or placed.fuzzy_end:
            for a, b, strength in _strips(x0, x1, placed.fuzzy_start, placed.fuzzy_end):
                a, b = max(a, left), min(b, right)
                if b > a:
                    group.add(Rect(window.x(a), middle - half, b - a + 0.05, 2 * half,
                                   strokeColor=None, fillColor=_c(colors.tint(color, strength))))
            fill = None
        else:
            fill = _c(color)
        group.add(Rect(window.x(left), middle - half, right - left, 2 * half, rx=1.5, ry=1.5,
                       fillColor=fill, strokeColor=_c(colors.darker(color)), strokeWidth=0.5))

    def _legend(self, y: float, width: float) -> Group:
        """Kind colours present, then how dates are drawn; wraps onto a second line."""
        group = Group()
        x, line = self.look.header_width, 0
        kinds = sorted({e.kind for e in self.plan.events.values()},
                       key=lambda k: list(EVENT_KINDS).index(k) if k in EVENT_KINDS else 99)
        entries = [(EVENT_KINDS.get(k, k), colors.kind_color(k)) for k in kinds]
        entries.append(("◆ one day; faded end: date known only to the month or year", ""))
        for name, color in entries:
            advance = (13 if color else 0) + fonts.width(name, fonts.REGULAR, 6.5) + 10
            if x + advance > width and x > self.look.header_width:
                x, line = self.look.header_width, line + 1
            base = y - 8.5 - 10 * line
            if color:
                group.add(Rect(x, base - 0.5, 10, 6, fillColor=_c(color), strokeColor=None))
                x += 13
            group.add(String(x, base, name, fontName=fonts.REGULAR, fontSize=6.5,
                             fillColor=_c(MUTED)))
            x += advance - (13 if color else 0)
        return group


class _View:
    """A page's slice of the scene: scene x `x_lo`..`x_hi` drawn from `left` on."""

    def __init__(self, x_lo: float, x_hi: float, left: float, right: float) -> None:
        self.x_lo, self.x_hi, self.left, self.right = x_lo, x_hi, left, right
        self.end = left + x_hi - x_lo  # where time ends; labels may run on to `right`

    def x(self, scene_x: float) -> float:
        """Drawing x of a scene x."""
        return self.left + scene_x - self.x_lo


def _diamond(x: float, y: float, half: float, color: str) -> Polygon:
    return Polygon([x, y - half, x + half, y, x, y + half, x - half, y], fillColor=_c(color),
                   strokeColor=_c(colors.darker(color)), strokeWidth=0.5)


def _strips(x0: float, x1: float, fuzzy_start: bool, fuzzy_end: bool):
    """Pieces of a fuzzy bar and their strength: faint at an uncertain end, as the app's
    gradient (0.15 at the end, 0.45 in the middle)."""
    step = (x1 - x0) / STRIPS
    for n in range(STRIPS):
        t = (n + 0.5) / STRIPS
        strength = 0.45
        if fuzzy_start and t < FADE:
            strength = 0.15 + 0.30 * t / FADE
        elif fuzzy_end and t > 1 - FADE:
            strength = 0.15 + 0.30 * (1 - t) / FADE
        yield x0 + n * step, x0 + (n + 1) * step, strength


def _wrap(text: str, room: float, max_lines: int) -> list[str]:
    """A lane title in up to `max_lines` lines of `room` points (logical order)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and fonts.width(trial, fonts.BOLD, 6.8) > room:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fonts.elide(lines[-1] + " …", fonts.BOLD, 6.8, room)
    return [fonts.elide(x, fonts.BOLD, 6.8, room) for x in lines]

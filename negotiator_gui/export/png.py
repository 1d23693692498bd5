"""A small Pillow renderer for the figure's drawings (reportlab's own PNG path needs Cairo)."""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect, String

from negotiator_gui.export import fonts

Rgb = tuple[int, int, int]


def render(drawing: Drawing, scale: float = 2.0) -> Image.Image:
    """The drawing as an RGB image, `scale` pixels per point.

    Handles what the figure uses: groups (without transforms), rectangles
    (rounded or not), lines, polygons and strings in the embedded fonts.
    """
    size = (max(round(drawing.width * scale), 1), max(round(drawing.height * scale), 1))
    image = Image.new("RGB", size, "white")
    painter = _Painter(ImageDraw.Draw(image), scale, drawing.height)
    for shape in drawing.contents:
        painter.shape(shape)
    return image


class _Painter:
    """Draws reportlab shapes with y flipped and everything scaled."""

    def __init__(self, draw: ImageDraw.ImageDraw, scale: float, height: float) -> None:
        self.draw, self.scale, self.height = draw, scale, height

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, (self.height - y) * self.scale

    def shape(self, shape) -> None:
        if isinstance(shape, Group):
            for child in shape.contents:
                self.shape(child)
        elif isinstance(shape, Rect):
            self.rect(shape)
        elif isinstance(shape, Line):
            self.line(shape)
        elif isinstance(shape, Polygon):
            points = [self.point(*shape.points[i:i + 2]) for i in range(0, len(shape.points), 2)]
            self.draw.polygon(points, fill=_rgb(shape.fillColor), outline=_rgb(shape.strokeColor))
        elif isinstance(shape, String):
            self.string(shape)

    def rect(self, rect: Rect) -> None:
        x0, y1 = self.point(rect.x, rect.y)
        x1, y0 = self.point(rect.x + rect.width, rect.y + rect.height)
        box = [x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)]
        width = max(round((rect.strokeWidth or 0) * self.scale), 1) if rect.strokeColor else 0
        radius = (rect.rx or 0) * self.scale
        self.draw.rounded_rectangle(box, radius=radius, fill=_rgb(rect.fillColor),
                                    outline=_rgb(rect.strokeColor), width=width)

    def line(self, line: Line) -> None:
        width = max(round((line.strokeWidth or 1) * self.scale), 1)
        start, end = self.point(line.x1, line.y1), self.point(line.x2, line.y2)
        dashes = line.strokeDashArray
        if not dashes:
            self.draw.line([start, end], fill=_rgb(line.strokeColor), width=width)
            return
        on, off = (d * self.scale for d in dashes[:2])
        length = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
        steps = int(length // (on + off)) + 1
        for n in range(steps):
            a = n * (on + off) / max(length, 1)
            b = min((n * (on + off) + on) / max(length, 1), 1)
            self.draw.line([_along(start, end, a), _along(start, end, b)],
                           fill=_rgb(line.strokeColor), width=width)

    def string(self, string: String) -> None:
        font = _font(string.fontName, round(string.fontSize * self.scale * 4) / 4)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(string.textAnchor, "ls")
        self.draw.text(self.point(string.x, string.y), string.text, font=font,
                       fill=_rgb(string.fillColor), anchor=anchor)


def _along(start, end, t: float) -> tuple[float, float]:
    return start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t


@cache
def _font(face: str, size: float) -> ImageFont.FreeTypeFont:
    # BASIC layout: the text arrives shaped and in display order already.
    path = fonts.font_file(face if face in fonts.FACES else fonts.REGULAR)
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _rgb(color) -> Rgb | None:
    if color is None:
        return None
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255))

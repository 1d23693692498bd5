"""The timeline figure as an SVG or PNG file: the chosen period, every lane, in one picture."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection
from pathlib import Path

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from negotiator_gui.domain.model import Project
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export import fonts, png
from negotiator_gui.export.figure_pages import make_figure
from negotiator_gui.export.files import write_atomically, write_text_atomically
from negotiator_gui.export.markup import Notes
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.export.scope import build_scope
from negotiator_gui.export.styles import frame_size
from negotiator_gui.export.typeset import Typesetter

PAGE_LIKE = frame_size("a4", landscape_page=True)  # the zoom is chosen as for a landscape page


def figure_drawing(project: Project, selection: Selection,
                   item_types: Collection[str] = (),
                   notes: Notes | None = None) -> Drawing:
    """The whole figure of the events the selection keeps, at a readable zoom.

    With a period in the selection (the view on screen, say) the figure spans
    exactly that period; otherwise it spans the events.
    """
    options = BriefingOptions(issued=_dt.date(2000, 1, 1), selection=selection,
                              item_types=tuple(item_types))
    scope = build_scope(project, options)
    drawer = make_figure(scope.events, scope.project.tracks, Typesetter(notes), *PAGE_LIKE,
                         period=(selection.start, selection.end))
    if drawer is None:
        return Drawing(400, 40)
    return drawer.whole()


def write_svg(project: Project, selection: Selection, path: Path | str,
              item_types: Collection[str] = ()) -> list[str]:
    """Write the figure as SVG; returns warnings (characters no font has).

    Raises:
        OSError: the file could not be written; any earlier file is left as it was.
    """
    notes = Notes()
    drawing = figure_drawing(project, selection, item_types, notes)
    text = renderSVG.drawToString(drawing)
    write_text_atomically(Path(path), _font_families(text))
    return notes.warnings()


def _font_families(svg: str) -> str:
    """reportlab names faces ('DejaVuSans-Bold'); SVG viewers look for a family and a
    weight, with a fallback."""
    family = "font-family: 'DejaVu Sans', 'Verdana', sans-serif"
    for face, extra in ((fonts.BOLD_ITALIC, "; font-weight: bold; font-style: oblique"),
                        (fonts.BOLD, "; font-weight: bold"),
                        (fonts.ITALIC, "; font-style: oblique"), (fonts.REGULAR, "")):
        svg = svg.replace(f"font-family: {face};", f"{family}{extra};")
    return svg


def write_png(project: Project, selection: Selection, path: Path | str,
              item_types: Collection[str] = (), scale: float = 2.0) -> list[str]:
    """Write the figure as PNG, `scale` pixels per point; returns warnings.

    Raises:
        OSError: the file could not be written; any earlier file is left as it was.
    """
    notes = Notes()
    image = png.render(figure_drawing(project, selection, item_types, notes), scale)
    write_atomically(Path(path), lambda target: image.save(target, format="PNG"))
    return notes.warnings()

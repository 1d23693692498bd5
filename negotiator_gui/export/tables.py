"""The briefing's tables: reportlab's, not drawn on the first pass's sketch canvas."""

from __future__ import annotations

from reportlab.platypus import Table as _Table


class Table(_Table):
    """A reportlab Table that is measured, but not drawn, on a canvas marked
    `sketching` (the layout-only first pass, see `template.SketchCanvas`).

    The parts of a split table are of this class too (reportlab makes them
    with `self.__class__`).
    """

    def draw(self) -> None:
        """Draw, unless the canvas is a layout-only sketch that is never saved."""
        if not getattr(self.canv, "sketching", False):
            super().draw()

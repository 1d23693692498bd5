"""The layout-only first pass of a briefing draws nothing.

The first pass only finds where things fall (the pages of the contents, the page
count) on a canvas marked `sketching` (`template.SketchCanvas`), which is never
saved: what would only draw skips its work there.
"""

from __future__ import annotations

from typing import Any


def is_sketch(canvas: Any) -> bool:
    """Whether `canvas` is the first pass's, never saved."""
    return getattr(canvas, "sketching", False)


class SketchSkipping:
    """A flowable mixin: placed and measured on a sketch, drawn only on the real canvas."""

    canv: Any

    def draw(self, *args: Any, **kwargs: Any) -> None:
        """Draw, unless the canvas is a layout-only sketch that is never saved."""
        if not is_sketch(self.canv):
            super().draw(*args, **kwargs)  # type: ignore[misc]

"""The briefing's tables: reportlab's, measured once per width and not drawn on a sketch."""

from __future__ import annotations

from reportlab.platypus import Table as _Table

from negotiator_gui.export.sketch import SketchSkipping


class Table(SketchSkipping, _Table):
    """A reportlab Table that does not measure its rows again when that cannot change
    anything, and is measured, but not drawn, on a canvas marked `sketching` (the
    layout-only first pass, see `template.SketchCanvas`).

    reportlab measures a table each time it is offered a space: to keep a heading
    with it, to place it, again on the second pass. Its row heights depend on the
    width alone as long as every row fits the height offered (a longer table is
    measured only until the height is used up, then split), so once all rows were
    measured at a width, a space of that width and at least that height gives
    the same heights again. The parts of a split table are of this class too
    (reportlab makes them with `self.__class__`).
    """

    _measured_at: float | None = None  # the width at which every row was measured

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803
        if (self._measured_at == availWidth and not self._spanCmds
                and not self._nosplitCmds and sum(self._rowHeights) <= availHeight):
            return  # the same rows, widths and positions as measuring again would give
        super()._calc(availWidth, availHeight)
        whole = self._hmax == len(self._cellvalues) and None not in self._rowHeights
        self._measured_at = availWidth if whole else None

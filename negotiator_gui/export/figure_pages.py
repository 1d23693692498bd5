"""The timeline chapter of the briefing, and the figure shared with the SVG and PNG files."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.layout import span_days
from negotiator_gui.domain.model import Event, Track
from negotiator_gui.export import fonts
from negotiator_gui.export.figure import FigureDrawer
from negotiator_gui.export.figure_plan import Look, plan_figure
from negotiator_gui.export.scope import Scope, where
from negotiator_gui.export.styles import frame_size
from negotiator_gui.export.text import shape
from negotiator_gui.export.typeset import Typesetter

CHROME = 44.0  # the chapter heading and a caption above each drawing


def make_figure(events: Sequence[Event], tracks: Sequence[Track], ts: Typesetter,
                width: float, height: float,
                period: tuple[PartialDate | None, PartialDate | None] = (None, None)
                ) -> FigureDrawer | None:
    """The figure of `events` planned for pages of `width` × `height` points.

    Returns None when there are no events to draw.
    """
    if not events:
        return None
    spans = [span_days(e) for e in events]
    first = period[0].first_day().toordinal() if period[0] else min(s[0] for s in spans)
    last = period[1].last_day().toordinal() if period[1] else max(s[1] for s in spans) - 1
    labels = {e.id: shape(ts.plain(e.title, fonts.REGULAR, where(e))) for e in events}
    plan = plan_figure(events, tracks, labels, (first, max(last, first)), width, height,
                       Look())
    lane_colors = {t.id: t.color for t in tracks}
    return FigureDrawer(plan, lane_colors, lambda text: shape(ts.plain(text)))


def figure_chapter(scope: Scope, ts: Typesetter, number: str, paper: str,
                   landscape: bool) -> list[Flowable]:
    """The chapter: a heading, then the figure over as many pages as it needs."""
    story: list[Flowable] = [NextPageTemplate("landscape" if landscape else "portrait"),
                             PageBreak()]
    story.append(ts.heading("Timeline", ts.styles.h1, 0, "timeline", number))
    width, height = frame_size(paper, landscape)
    drawer = make_figure(scope.events, scope.project.tracks, ts, width, height - CHROME,
                         scope.bounds)
    if drawer is None:
        story.append(ts.own("No events fall within the briefing's period.", ts.styles.muted))
        return [*story, NextPageTemplate("portrait")]
    pages = drawer.pages(width)
    for n, (window, drawing) in enumerate(pages, 1):
        first, last = drawer.day_range(window)
        caption = ts.own(_caption(n, len(pages), first, last), ts.styles.caption)
        story += [KeepTogether([caption, drawing]), Spacer(1, 10)]
    return [*story, NextPageTemplate("portrait")]


def _caption(n: int, total: int, first: int, last: int) -> str:
    start, end = (PartialDate.from_date(_dt.date.fromordinal(max(day, 1))).label()
                  for day in (first, last))
    span = f"{start} – {end}"
    if total == 1:
        return f"The events of the period by track, {span}."
    return f"Timeline, part {n} of {total}: {span}. Lanes and colours as in the application."

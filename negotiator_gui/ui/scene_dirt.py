"""Where a change of the timeline scene shows: the rectangles a frame must paint again.

Used by TimelineScene to fill its `RepaintDirt` (see frame_cache.py). Every
rectangle is conservative: it covers all that the change may have painted,
before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from negotiator_gui.ui import palette
from negotiator_gui.ui.lane_rows import MARKER_HALF, Glyph, Row, label_room

if TYPE_CHECKING:
    from negotiator_gui.domain.model import Link
    from negotiator_gui.ui.canvas_layout import LaneBand
    from negotiator_gui.ui.timeline_scene import TimelineScene

BAR = palette.BAR_HEIGHT
ROW_MARGIN = (palette.ROW_HEIGHT - palette.BAR_HEIGHT) / 2  # the gap between rows, halved
MANY = 200  # more events than this changed: paint everything again


def same_row(old: Row | None, new: Row | None) -> bool:
    """Whether two rows draw the same: the same events (objects), days and colours."""
    if old is new:
        return True
    if old is None or new is None or len(old.glyphs) != len(new.glyphs):
        return False
    if old.starts != new.starts or old.ends != new.ends or old.markers != new.markers:
        return False
    if any(a.event is not b.event or a.color != b.color
           for a, b in zip(old.glyphs, new.glyphs, strict=True)):
        return False
    return True


def glyph_box(scene: TimelineScene, glyph: Glyph, band: LaneBand) -> QRectF:
    """A conservative rectangle around a glyph's body (whole or merged) in scene coordinates."""
    scale = scene.scale
    x0 = (glyph.d0 - scale.origin) * scale.px_per_day
    x1 = max((glyph.d1 - scale.origin) * scale.px_per_day, x0 + 2)
    return QRectF(x0 - MARKER_HALF - 2, band.row_top(glyph.row), x1 - x0 + 2 * MARKER_HALF + 4,
                  BAR)


def row_strip(scene: TimelineScene, band: LaneBand, row: int) -> QRectF:
    """A row of a lane across the whole scene, with half the gap above and below."""
    left, right = scene.x_extent
    return QRectF(left, band.row_top(row) - ROW_MARGIN, right - left, BAR + 2 * ROW_MARGIN)


def _glyph_key(glyph: Glyph) -> tuple:
    return id(glyph.event), glyph.d0, glyph.d1, glyph.marker, glyph.color.rgba()


def changed_span(scene: TimelineScene, band: LaneBand, row_no: int, old: Row | None,
                 new: Row | None) -> QRectF:
    """The part of a row that draws differently: from two glyphs before the first that
    differs (a label stops short of the next glyph; a compact row merges neighbours)
    to two after the last, with the last one's label."""
    a = old.glyphs if old is not None else []
    b = new.glyphs if new is not None else []
    keys_a, keys_b = [_glyph_key(g) for g in a], [_glyph_key(g) for g in b]
    head = 0
    while head < min(len(a), len(b)) and keys_a[head] == keys_b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and keys_a[-1 - tail] == keys_b[-1 - tail]:
        tail += 1
    strip = row_strip(scene, band, row_no)
    chosen = [g for glyphs in (a, b)
              for g in glyphs[max(head - 2, 0):len(glyphs) - max(tail - 2, 0)]]
    if not chosen:
        return strip
    boxes = [glyph_box(scene, g, band) for g in chosen]
    left = min(box.left() for box in boxes) - 4
    right = max(box.right() for box in boxes) + label_room(scene.scale.px_per_day) + 12
    return QRectF(left, strip.top(), right - left, strip.height())


def note_rows(scene: TimelineScene, lanes: Iterable[int], old_rows: dict[int, list[Row]]
              ) -> tuple[list[Link], set[str] | None]:
    """Lanes were laid out again: note their changed stretches of rows, and the arcs as
    drawn of the links of the events that moved.

    Returns:
        Those links (pass them to `note_new_arcs` once their old arcs are forgotten),
        and the events whose glyphs moved, came, went or may be drawn otherwise
        (None when too many to list: everything is painted again then).
    """
    dirt = scene.dirt
    moved_old: dict[str, Glyph | None] = {}
    for index in lanes:
        band, old, new = scene.lanes[index], old_rows.get(index, []), scene.layout.rows[index]
        for row_no in range(max(len(old), len(new))):
            was = old[row_no] if row_no < len(old) else None
            now = new[row_no] if row_no < len(new) else None
            if same_row(was, now):
                continue
            dirt.add(changed_span(scene, band, row_no, was, now))
            for glyph in was.glyphs if was is not None else ():
                moved_old.setdefault(glyph.event.id, glyph if not band.compact else None)
            for glyph in now.glyphs if now is not None else ():
                moved_old.setdefault(glyph.event.id, None)
    # In a compact lane a glyph is drawn thin or whole as its neighbours go: all count.
    moved = [event_id for event_id, glyph in moved_old.items()
             if glyph is None or _moved(scene, event_id, glyph)]
    if len(moved) > MANY:
        dirt.all()
        return [], None
    links = _links_of(scene, moved)
    for link in links:
        arc = scene.links.cached_arc(link)
        if arc is not None:
            dirt.add_arc(arc)
    return links, set(moved)


def note_new_arcs(scene: TimelineScene, links: list[Link]) -> None:
    """Where these links' arcs are drawn now."""
    for link in links:
        arc = scene.links.arc_of(link)
        if arc is not None:
            scene.dirt.add_arc(arc)


def _links_of(scene: TimelineScene, event_ids: Iterable[str]) -> list[Link]:
    """The drawn links of these events, each once (none when links are hidden)."""
    layer = scene.links
    if not layer.isVisible():
        return []
    seen: dict[int, Link] = {}
    for event_id in event_ids:
        for link in layer.links_of(event_id):
            seen[id(link)] = link
    return list(seen.values())


def _moved(scene: TimelineScene, event_id: str, old: Glyph) -> bool:
    """Whether an event's first glyph (where its links meet it) moved or went."""
    glyphs = scene.glyphs_of(event_id)
    if not glyphs:
        return True
    new = glyphs[0]
    return (old.lane, old.row, old.d0, old.d1, old.marker) != \
        (new.lane, new.row, new.d0, new.d1, new.marker)


def note_links(scene: TimelineScene, event_ids: Iterable[str]) -> None:
    """These events' links look different (bold, or drawn wherever they are)."""
    note_new_arcs(scene, _links_of(scene, event_ids))


def note_events(scene: TimelineScene, event_ids: set[str], with_links: bool = False) -> None:
    """These events' looks changed (selected, dimmed, hidden, highlighted): their bodies
    and labels, and with `with_links` their links' arcs."""
    if not event_ids:
        return
    if len(event_ids) > MANY:
        scene.dirt.all()
        return
    reach = label_room(scene.scale.px_per_day) + 12
    for event_id in event_ids:
        for glyph in scene.glyphs_of(event_id):
            box = glyph_box(scene, glyph, scene.lanes[glyph.lane])
            scene.dirt.add(box.adjusted(-4, -ROW_MARGIN, reach, ROW_MARGIN))
    if with_links:
        note_links(scene, event_ids)

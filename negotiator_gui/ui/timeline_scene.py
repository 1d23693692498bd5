"""TimelineScene: one item per lane, a layer of link arcs and a drag preview, over the layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.domain.project_index import index_of, with_versions
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.canvas_layer import LayerDamage
from negotiator_gui.ui.canvas_layout import CanvasLayout, CanvasOptions, LaneBand
from negotiator_gui.ui.drag_ghost_item import DragGhostItem, Ghost
from negotiator_gui.ui.glyph_painter import GlyphPainter
from negotiator_gui.ui.lane_item import BAR, LaneItem
from negotiator_gui.ui.lane_rows import Glyph, label_room
from negotiator_gui.ui.link_layer_item import LinkLayerItem
from negotiator_gui.ui.scene_queries import SceneQueries

__all__ = ["CanvasOptions", "LaneBand", "TimelineScene"]


class TimelineScene(SceneQueries, QGraphicsScene):
    """Holds a LaneItem per lane, the link layer and the drag ghosts.

    Selection, dimming, highlighting and the events hidden during a drag are
    sets of event ids that the lane items consult as they paint. An edit of
    events in track mode lays out again only the lanes it touched.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.glyphs = GlyphPainter()
        self.layout = CanvasLayout(self.glyphs)
        self.lanes: list[LaneBand] = []
        self.lane_items: list[LaneItem] = []
        self.day_range: tuple[int, int] | None = None
        self.x_extent = (0.0, 1.0)
        self.bottom = 0.0
        self.top = 0.0
        self.selected: set[str] = set()
        self.dimmed: set[str] = set()
        self.highlighted: set[str] = set()
        self.hidden: set[str] = set()
        self.fade_version = 0  # counts changes of `dimmed` and `hidden` (compact rows cache)
        self._growing_only = False  # the scene's extent only grows (see show_moved)
        self.damage = LayerDamage()  # what of the view's kept layer is out of date
        self._layered = False
        self._placements: dict[str, list[Glyph]] = {}
        self._scale = TimeScale(0, 1.0)
        self._tops: list[float] = []
        self.links = LinkLayerItem(self)
        self.ghost = DragGhostItem(self)
        self.addItem(self.links)
        self.addItem(self.ghost)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_hints_color_scheme)

    def event(self, event: QEvent) -> bool:
        # The application's palette changed (light/dark switch): repaint in its colours.
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_palette()
        return super().event(event)

    def update(self, *args) -> None:
        """Repaint; what is kept of the lanes is drawn again (unless an edit says what
        changed: `LayerDamage.quietly`)."""
        self.damage.forget()
        super().update(*args)

    def repaint_item(self, item: QGraphicsItem, *args) -> None:
        """Repaint a lane or link item; what is kept of the lanes is drawn again. (Qt
        repaints no view for an item left to the kept layer: the scene is asked.)"""
        if self._layered:
            self.update()
        else:
            self.damage.forget()
            QGraphicsItem.update(item, *args)

    @property
    def layered(self) -> bool:
        """Whether a view's CanvasLayer paints the lanes and links (not Qt's item pass)."""
        return self._layered

    @layered.setter
    def layered(self, layered: bool) -> None:
        self._layered = layered
        for item in (self.links, *self.lane_items):
            _leave_to_layer(item, layered)

    def render(self, painter: QPainter, target: QRectF | None = None,
               source: QRectF | None = None,
               mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio) -> None:
        """Draw the scene elsewhere (a picture, a printout): the lanes and links too."""
        items = (self.links, *self.lane_items)
        for item in items:
            _leave_to_layer(item, False)
        try:
            super().render(painter, target or QRectF(), source or QRectF(), mode)
        finally:
            for item in items:
                _leave_to_layer(item, self._layered)

    def _on_hints_color_scheme(self, _scheme) -> None:
        self.refresh_palette()

    def refresh_palette(self) -> None:
        """Take the palette's colours again, drop the labels drawn in the old ones, repaint."""
        self.glyphs.refresh_palette()
        self.update()

    @property
    def project(self) -> Project:
        """The project laid out."""
        return self.layout.project

    @property
    def scale(self) -> TimeScale:
        """The time scale events are drawn at (it may be ahead of the layout's)."""
        return self._scale

    @property
    def options(self) -> CanvasOptions:
        """The options of the last layout."""
        return self.layout.options

    # -- building --------------------------------------------------------------

    def populate(self, project: Project, scale: TimeScale, top: float,
                 options: CanvasOptions) -> None:
        """Lay out `project` at `scale`, lanes starting at scene y `top`."""
        self.top, self._scale = top, scale
        self.glyphs.refresh_palette()
        self.glyphs.set_parties(project)
        self.glyphs.forget_looks()
        self.layout.lay_out_all(project, options, scale)
        for item in self.lane_items:
            self.removeItem(item)
        self._place_bands_all(self.layout.bands(top))
        self.lane_items = [LaneItem(self, i, band, rows) for i, (band, rows)
                           in enumerate(zip(self.lanes, self.layout.rows, strict=True))]
        for item in self.lane_items:
            _leave_to_layer(item, self._layered)
            self.addItem(item)
        self._index_placements(range(len(self.lanes)))
        self.day_range = self.layout.range
        self.links.set_project(project)
        self.set_links(options.link_filter)
        self.apply_filter(options.matching if options.filter_mode == "dim" else None)
        self.end_preview()
        self._update_extent()

    def patch(self, project: Project, changes: ChangeSet,
              old_matching: set[str] | None) -> bool:
        """Show an edit by laying out only the lanes it touched.

        Returns:
            False when the edit needs a full `populate` (nothing was changed then).
        """
        if self.layout.holds(project, changes, old_matching):
            return True  # shown already (a drag drawn live)
        affected = self.layout.patch(project, changes, old_matching)
        if affected is None:
            return False
        with self.damage.quietly():
            self._patch_lanes(project, changes, affected)
        return True

    def _patch_lanes(self, project: Project, changes: ChangeSet, affected: set[int]) -> None:
        """Show the laid-out `affected` lanes, telling the kept layer what changed."""
        old_rows = {index: self.lane_items[index].rows for index in affected}
        for index in affected:
            self.layout.restack(index)
        moved_events = moved_in(self, affected, old_rows)
        drawn = None if moved_events is None else moved_events | changes.event_ids()
        if drawn is None:
            self.damage.forget_all()
        else:
            self._glyphs_changed(drawn)  # where they were drawn
        old_bands, bands = self.lanes, self.layout.bands(self.top)
        self._place_bands(bands)
        for index in affected:
            self.lane_items[index].set_rows(self.layout.rows[index])
        self._index_placements(affected, old_rows)
        if drawn is not None:
            self._glyphs_changed(drawn)  # and where they are drawn now
        self.day_range = self.layout.range
        if old_bands != bands:
            moved_events = None
        if changes.put_links or changes.delete_links or self._items_changed(changes):
            self.links.set_project(project)
            self.damage.forget_all()
        else:
            moved = {i for i, (a, b) in enumerate(zip(old_bands, bands, strict=True)) if a != b}
            if moved or moved_events is None:
                self.damage.forget_all()  # lanes moved: every glyph did
            for arc in self.links.arcs_of(moved_events or ()):
                self.damage.add_arc(arc)  # where their arcs were
            # Lanes that only moved have every glyph moved; else only `moved_events`.
            self.links.forget_arcs(affected | moved, moved_events if not moved else None)
            for arc in self.links.arcs_of(moved_events or (), make=True):
                self.damage.add_arc(arc)  # where they are now
        options = self.layout.options
        self.apply_filter(options.matching if options.filter_mode == "dim" else None)
        self.end_preview()
        self._update_extent()  # (a wider scene: where the view shows it, it is as drawn)

    def _items_changed(self, changes: ChangeSet) -> bool:
        """Whether an edit adds or removes items (links to them come or go)."""
        if changes.delete_events:
            return True
        for event in changes.put_events:
            was = self.layout.old_version(event.id)
            if was is None:
                if self.layout.hides_some() or event.items:
                    return True
            elif [i.id for i in was.items] != [i.id for i in event.items]:
                return True
        return False

    def _place_bands_all(self, bands: list[LaneBand]) -> None:
        self.lanes = bands
        self._tops = [band.top for band in bands]

    def _place_bands(self, bands: list[LaneBand]) -> None:
        for item, old, new in zip(self.lane_items, self.lanes, bands, strict=True):
            if new != old:
                item.set_band(new)
        self.lanes = bands
        self._tops = [band.top for band in bands]

    def _index_placements(self, lanes, old_rows: dict | None = None) -> None:
        """Which glyphs show each event, after laying out `lanes` again (with
        `old_rows`, their rows before: only the glyphs that came or went with the
        Row objects replaced are looked at)."""
        placements = self._placements
        if old_rows is None:
            placements.clear()
            for index in sorted(lanes):
                for row in self.layout.rows[index]:
                    for glyph in row.glyphs:
                        placements.setdefault(glyph.event.id, []).append(glyph)
            return
        # track mode: an event has one glyph, in one lane (it may have changed lanes:
        # all that went is taken out before what came is put in)
        went: list[Glyph] = []
        came: list[Glyph] = []
        for index, rows in old_rows.items():
            new = self.layout.rows[index]
            kept = set(map(id, rows)) & set(map(id, new))
            went += [g for row in rows if id(row) not in kept for g in row.glyphs]
            came += [g for row in new if id(row) not in kept for g in row.glyphs]
        stay = set(map(id, went)) & set(map(id, came))  # glyphs kept in a new row
        for glyph in went:
            if id(glyph) not in stay:
                placements.pop(glyph.event.id, None)
        for glyph in came:
            if id(glyph) not in stay:
                placements[glyph.event.id] = [glyph]

    def set_scale(self, scale: TimeScale) -> None:
        """Draw at `scale` straight away, keeping the rows of the last layout
        (labels give way where events come closer) until the next layout."""
        self._scale = scale
        self.links.forget_arcs()
        self._update_extent()

    def _update_extent(self) -> None:
        scale = self._scale
        if self.day_range is None:
            left = right = 0.0
        else:
            left = scale.x_of_day(self.day_range[0])
            right = scale.x_of_day(self.day_range[1]) + label_room(scale.px_per_day) + 24
        bottom = self.lanes[-1].top + self.lanes[-1].height if self.lanes else self.top
        x_extent = (left - palette.LANE_HEADER_WIDTH - 60, right + 100)
        if self._growing_only:  # (a drag shown live: the view must not shift under it)
            x_extent = (min(x_extent[0], self.x_extent[0]), max(x_extent[1], self.x_extent[1]))
            bottom = max(bottom, self.bottom)
        if (bottom, x_extent) == (self.bottom, self.x_extent) and \
                self.sceneRect() == self._scene_rect():
            self.update()  # the items' bounds stay: Qt need not place them again
            return
        self.bottom, self.x_extent = bottom, x_extent
        for item in self.lane_items:
            item.refresh_geometry()
        self.links.prepareGeometryChange()
        self.setSceneRect(self._scene_rect())
        self.update()

    def _scene_rect(self) -> QRectF:
        return QRectF(self.x_extent[0], 0, self.x_extent[1] - self.x_extent[0],
                      self.bottom + 40)

    # -- state -----------------------------------------------------------------

    def set_links(self, only: set[str] | None) -> None:
        """Draw the links of the events in view (None), or only those of `only`
        (zoomed out, where all of them would be a thicket)."""
        self.links.only = only
        self.links.setVisible(self.layout.options.show_links)
        self.links.update()

    def set_selected(self, ids) -> None:
        """Outline these events."""
        ids = set(ids)
        if ids != self.selected:
            self.selected = ids
            self.update()

    def apply_filter(self, matching: set[str] | None) -> None:
        """Dim every event the filter does not keep (None: none dimmed)."""
        dimmed = set() if matching is None else \
            {i for i in self._placements if i not in matching}
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.fade_version += 1
            self.damage.forget_all()
        self.update()

    def highlight_item(self, project: Project, item_id: str) -> set[str]:
        """Highlight the events holding `item_id` and its linked partners.

        Returns:
            The ids of the highlighted events.
        """
        owner = {i.id: e.id for e in project.events for i in e.items} if item_id else {}
        partners = {item_id} if item_id else set()
        for link in project.links if item_id else ():
            if item_id in (link.source, link.target):
                partners |= {link.source, link.target}
        highlighted = {owner[i] for i in partners if i in owner}
        if (highlighted, item_id) != (self.highlighted, self.links.strong_item):
            self.highlighted = highlighted
            self.links.strong_item = item_id
            self.update()
        return set(self.highlighted)

    def show_moved(self, base: Project, events: list[Event]) -> bool:
        """Lay out these new versions of some of `base`'s events where they now
        are, the lanes stacking round them, as a drag shows them live (only what
        moved is drawn again). False when only a full layout would do, or the
        rows are not laid out at the scale drawn (a zoom not yet settled): the
        lanes are then laid out from `base`, nothing shown moved."""
        if self.layout.scale == self._scale:
            known = index_of(base).events
            project = base if all(known.get(e.id) is e for e in events) else \
                with_versions(base, events)
            self._growing_only = True  # the scene may be wider than the project until
            try:                       # the next layout, not narrower than the view
                if self.patch(project, ChangeSet(put_events=tuple(events)),
                              self.options.matching):
                    return True
            finally:
                self._growing_only = False
        self.populate(base, self._scale, self.top, self.options)
        return False

    def preview_drag(self, hidden: set[str], ghosts: list[Ghost]) -> None:
        """Hide the dragged events and draw them where they would land (only their
        places are drawn again, and the ghosts over them)."""
        if hidden != self.hidden:
            self._glyphs_changed(hidden ^ self.hidden)
            self.hidden = hidden
            self.fade_version += 1
        self.ghost.show_ghosts(ghosts)

    def end_preview(self) -> None:
        """Show the dragged events where they are again."""
        if self.hidden or self.ghost.ghosts:
            self._glyphs_changed(self.hidden)
            self.hidden = set()
            self.fade_version += 1
            self.ghost.show_ghosts([])
            self.update()

    def _glyphs_changed(self, event_ids: set[str]) -> None:
        """Tell the kept layer these events are drawn otherwise where their glyphs
        are placed now (as the lane items show their rows)."""
        by_lane: dict[int, list[Glyph]] = {}
        for event_id in event_ids:
            for glyph in self._placements.get(event_id, ()):
                by_lane.setdefault(glyph.lane, []).append(glyph)
        for lane, glyphs in by_lane.items():
            for rect in self.lane_items[lane].drawn_parts(glyphs):
                self.damage.add(rect)

    def ghost_for(self, glyph: Glyph, left: float, right: float, top: float) -> Ghost:
        """A dragged event drawn over `left`..`right` with its label after it."""
        width = min(self.glyphs.label_width(glyph.event), label_room(self._scale.px_per_day))
        body = QRectF(left, top, right - left, BAR)
        if not glyph.marker and width <= right - left - 8:
            return glyph, body, body.adjusted(6, 0, -4, 0), True
        return glyph, body, QRectF(right + 4, top, width, BAR), False


def _leave_to_layer(item: QGraphicsItem, layered: bool) -> None:
    """Leave an item's painting in the view to its CanvasLayer: Qt's item pass then
    neither calls its `paint` nor repaints for it (its `update` asks the scene)."""
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, layered)


MANY_MOVED = 200  # more events moved than this: their lanes' arcs are all made again


def moved_in(scene: TimelineScene, lanes: set[int], old_rows: dict[int, list]
             ) -> set[str] | None:
    """The events whose glyphs in `lanes`, laid out again from `old_rows`, moved, came,
    went or may be drawn otherwise (in a compact lane, a changed row's every glyph:
    each is drawn thin or whole as its neighbours go); None when there are too many."""
    moved: set[str] = set()
    for index in lanes:
        compact = scene.lanes[index].compact
        old, new = old_rows.get(index, []), scene.layout.rows[index]
        for row_no in range(max(len(old), len(new))):
            was = old[row_no] if row_no < len(old) else None
            now = new[row_no] if row_no < len(new) else None
            if was is now:
                continue
            before = {} if was is None else {g.event.id: g for g in was.glyphs}
            for glyph in now.glyphs if now is not None else ():
                last = before.pop(glyph.event.id, None)
                if compact or last is None or (last.d0, last.d1, last.marker) != \
                        (glyph.d0, glyph.d1, glyph.marker):
                    moved.add(glyph.event.id)
            moved.update(before)  # gone from this row
        if len(moved) > MANY_MOVED:
            return None
    return moved

"""CanvasLayout: which events stand in each lane, laid out lane by lane into rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from negotiator_gui.collector import collector_paused
from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.lane_stack import LaneStack
from negotiator_gui.domain.layout import (
    EventFacts,
    Lane,
    LaneSpec,
    event_facts,
    lanes_for,
)
from negotiator_gui.domain.model import Event, Project
from negotiator_gui.domain.timescale import TimeScale
from negotiator_gui.ui import palette
from negotiator_gui.ui.glyph_painter import GlyphPainter
from negotiator_gui.ui.lane_rows import Glyph, Row, build_rows, label_room

MAX_LABELLED_ROWS = 64  # a lane whose labels would need more rows is drawn compact


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

    def load(self, text: str) -> None:
        """Take the kept choices (JSON from the project's settings); bad or missing
        values fall back to the defaults."""
        try:
            stored = json.loads(text or "{}")
        except ValueError:
            stored = {}
        stored = stored if isinstance(stored, dict) else {}
        mode, color = stored.get("lane_mode"), stored.get("color_by")
        collapsed = stored.get("collapsed")
        self.lane_mode = mode if mode in ("track", "party", "subject") else "track"
        self.color_by = color if color in ("kind", "party") else "kind"
        self.collapsed = {c for c in collapsed if isinstance(c, str)} \
            if isinstance(collapsed, list) else set()
        self.show_links = stored.get("show_links", True) is not False
        self.show_legend = stored.get("show_legend", True) is not False

    def dumps(self) -> str:
        """The choices worth keeping in the project, as JSON."""
        return json.dumps({"lane_mode": self.lane_mode, "color_by": self.color_by,
                           "collapsed": sorted(self.collapsed), "show_links": self.show_links,
                           "show_legend": self.show_legend})

    def shows(self, event_id: str) -> bool:
        """False for an event the filter hides."""
        return self.matching is None or self.filter_mode != "hide" or event_id in self.matching


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
    rows: int = 1
    compact: bool = False

    def row_top(self, row: int) -> float:
        """Scene y of the top of a sub-row's bars."""
        pad = palette.COMPACT_PADDING if self.compact else palette.LANE_PADDING
        return self.top + pad + row * palette.ROW_HEIGHT


class CanvasLayout:
    """Keeps each lane's events and rows; lays out all lanes, or only those an edit touched."""

    def __init__(self, glyphs: GlyphPainter) -> None:
        self.glyphs = glyphs
        self.project = Project()
        self.options = CanvasOptions()
        self.scale = TimeScale(0, 1.0)
        self.specs: list[LaneSpec] = []
        self.members: list[dict[str, Event]] = []   # per lane: its shown events by id
        self.lanes: list[Lane] = []
        self.rows: list[list[Row]] = []
        self.stacks: list[LaneStack | None] = []  # per lane: its stacking (None: folded)
        self._pending: dict[int, tuple[list[Event], list[Event]]] = {}  # lane: out, in
        self._keys_of = None
        self._key: tuple = ()
        self._index: dict[str, int] = {}
        self._facts: dict[str, tuple[Event, EventFacts]] = {}
        self._range_of: tuple[Project, tuple[int, int] | None, list[EventFacts]] | None = None
        self.replaced: dict[str, Event] = {}  # the old versions of the last patch's events
        self._colors: dict[str, QColor] = {}
        self.range: tuple[int, int] | None = None  # days of every event, shown or not

    def facts_of(self, event: Event) -> EventFacts:
        """`event_facts` (span, marker, precision), kept while the event is unchanged."""
        cached = self._facts.get(event.id)
        if cached is not None and cached[0] is event:
            return cached[1]
        facts = event_facts(event)
        self._facts[event.id] = (event, facts)
        return facts

    # -- laying out ----------------------------------------------------------------

    def lay_out_all(self, project: Project, options: CanvasOptions, scale: TimeScale) -> None:
        """Every lane of `project` at `scale`."""
        key = (options.lane_mode, options.color_by, frozenset(options.collapsed),
               options.filter_mode, options.matching)
        same = project is self.project and key == self._key and self._keys_of is not None
        self.project, self.options, self.scale, self._key = project, options, scale, key
        if not same:
            self._sort_into_lanes(project, options)
        self.range = self.day_range(project)
        self.lanes = [Lane(s.key, s.title, 1, s.color) for s in self.specs]
        self.rows = [[] for _ in self.specs]
        self.stacks = [None] * len(self.specs)
        self._pending = {}
        with collector_paused():  # a layout makes only long-lived objects: no cycles
            for index in range(len(self.specs)):
                self.lay_out(index)

    def _sort_into_lanes(self, project: Project, options: CanvasOptions) -> None:
        self._colors = {}
        self.specs, self._keys_of = lanes_for(project, options.lane_mode)
        self._index = {spec.key: i for i, spec in enumerate(self.specs)}
        self.members = [{} for _ in self.specs]
        hide = options.matching is not None and options.filter_mode == "hide"
        shown = [e for e in project.events if e.id in options.matching] if hide \
            else project.events
        if options.lane_mode == "track":  # as _keys_of, one look-up per event (opening)
            index, members, rest = self._index, self.members, self._index.get("")
            for event in shown:
                lane = index.get(event.track) if event.track else rest
                if lane is None:
                    lane = rest
                if lane is not None:
                    members[lane][event.id] = event
            return
        for event in shown:
            for key in self._keys_of(event):
                if key in self._index:
                    self.members[self._index[key]][event.id] = event

    def lay_out(self, index: int) -> None:
        """One lane again, from its events (as `layout_lane` places them)."""
        spec, members = self.specs[index], self.members[index]
        self._pending.pop(index, None)
        if spec.key in self.options.collapsed:
            self.lanes[index], self.rows[index] = Lane(spec.key, spec.title, 1, spec.color), []
            self.stacks[index] = None
            return
        stack = LaneStack(index, spec, self.scale, self.glyphs.label_width,
                          marker_width=palette.BAR_HEIGHT,
                          max_label=label_room(self.scale.px_per_day),
                          max_rows=MAX_LABELLED_ROWS, facts_of=self.facts_of)
        lane, placed = stack.fill(list(members.values()), members)  # kept current by _move
        colors = [self._color(members[p.event_id], spec.key) for p in placed]
        self.stacks[index] = stack
        self.lanes[index], self.rows[index] = lane, build_rows(members, placed, colors)

    def restack(self, index: int) -> None:
        """One lane again after `patch`: only the rows the edit changed are rebuilt
        (the others keep their Row objects); the same rows as `lay_out` would give."""
        stack, (out, into) = self.stacks[index], self._pending.pop(index, ([], []))
        changed = stack.update(out, into) if stack is not None else None
        if changed is None:
            self.lay_out(index)
            return
        lane, rows = stack.lane, self.rows[index]
        count = lane.rows if stack.placed else 0  # as build_rows: no row for no event
        new_rows: list[Row | None] = rows[:count] + [None] * (count - len(rows))
        wanted: dict[int, list] = {r: [] for r in range(count)
                                   if r in changed or new_rows[r] is None}
        if wanted:
            for p in stack.placed:
                bucket = wanted.get(p.row)
                if bucket is not None:
                    bucket.append(p)
        for row, placed in wanted.items():
            new_rows[row] = Row(self._glyphs(index, placed, rows[row].glyphs
                                             if row < len(rows) else []))
        self.lanes[index], self.rows[index] = lane, new_rows

    def _glyphs(self, index: int, placed: list, old: list[Glyph]) -> list[Glyph]:
        """A row's glyphs for its placed events. A glyph standing for the same event
        version as an old one of the row is that old glyph (same row, days, colour;
        its index set anew): an edit makes new glyphs only for what it changed.
        (The old row is no longer drawn or asked: only its glyphs' events and days
        are read, by `timeline_scene.moved_in`.)"""
        members, key = self.members[index], self.specs[index].key
        same = 0
        for glyph, p in zip(old, placed, strict=False):
            if glyph.event is not members[p.event_id]:
                break
            same += 1
        kept = {glyph.event.id: glyph for glyph in old[same:]}
        out = old[:same]
        for i, p in enumerate(placed[same:], same):
            event = members[p.event_id]
            glyph = kept.get(p.event_id)
            if glyph is None or glyph.event is not event:
                glyph = Glyph(event, p, i, self._color(event, key))
            glyph.index = i
            out.append(glyph)
        return out

    def patch(self, project: Project, changes: ChangeSet, old_matching: set[str] | None
              ) -> set[int] | None:
        """Move the events `changes` touched to their lanes, in track mode.

        Returns:
            The lanes to lay out again, or None when only a full layout will do
            (another lane mode, changed tracks or parties, a lane that must
            appear or go).
        """
        if self.options.lane_mode != "track" or changes.tracks is not None \
                or changes.parties is not None or self._keys_of is None:
            return None
        flipped = _flipped(old_matching, self.options)
        if flipped is None:
            return None
        touched = changes.event_ids() | flipped
        events = {e.id: e for e in changes.put_events}
        if flipped:
            current = {e.id: e for e in project.events}
            events.update({i: current[i] for i in flipped if i in current and i not in events})
        affected: set[int] = set()
        self.replaced = {}
        for event_id in touched:
            lanes = self._move(event_id, events.get(event_id))
            if lanes is None:
                return None
            affected |= lanes
        if "" in self._index and not self._unassigned_left(project):
            return None
        self._widen_range(project, changes)
        self._laid_out(project)
        return affected

    def holds(self, project: Project, changes: ChangeSet, old_matching: set[str] | None
              ) -> bool:
        """Whether `changes` only puts events this layout already holds, the very
        versions, where the filter leaves them (a drag shown live): then `project`
        is taken as laid out, as `patch` would leave it."""
        if not changes.put_events or ChangeSet(put_events=changes.put_events) != changes \
                or self.options.lane_mode != "track" or self._keys_of is None \
                or _flipped(old_matching, self.options) != set():
            return False
        for event in changes.put_events:
            index = self._index.get(self._keys_of(event)[0])
            if index is None or not self.options.shows(event.id) \
                    or self.members[index].get(event.id) is not event:
                return False
        self._laid_out(project)
        return True

    def _laid_out(self, project: Project) -> None:
        """`project` is what the lanes show now (the filter as it is)."""
        self.project = project
        self._key = self._key[:-1] + (self.options.matching,)

    def old_version(self, event_id: str) -> Event | None:
        """The event as it was before the last `patch` (None: new, or not known
        because the filter hid it)."""
        return self.replaced.get(event_id)

    def hides_some(self) -> bool:
        """Whether the filter leaves events out of the lanes (their old versions are
        then not known)."""
        return self.options.matching is not None and self.options.filter_mode == "hide"

    def _widen_range(self, project: Project, changes: ChangeSet) -> None:
        """The day range after an edit; measured again only if an edge event moved."""
        ids = changes.event_ids()
        spans = [self.facts_of(self.replaced[i]) for i in ids if i in self.replaced]
        unknown = self.hides_some() and any(i not in self.replaced for i in ids)
        if self.range is None or unknown or any(s[0] <= self.range[0] or
                                                s[1] >= self.range[1] for s in spans):
            self.range = self.day_range(project)
            return
        for event in changes.put_events:
            first, after = self.facts_of(event)[:2]
            self.range = (min(self.range[0], first), max(self.range[1], after))

    def _move(self, event_id: str, event: Event | None) -> set[int] | None:
        affected = set()
        for index, members in enumerate(self.members):
            old = members.pop(event_id, None)
            if old is not None:
                self.replaced[event_id] = old
                self._pending.setdefault(index, ([], []))[0].append(old)
                affected.add(index)
        if event is not None and self.options.shows(event_id):
            key = self._keys_of(event)[0]
            if key not in self._index:
                return None
            index = self._index[key]
            self.members[index][event_id] = event
            self._pending.setdefault(index, ([], []))[1].append(event)
            affected.add(index)
        return affected

    def _unassigned_left(self, project: Project) -> bool:
        """Whether some event is still on no known track (its lane stays)."""
        if self.members[self._index[""]]:
            return True
        return any(self._keys_of(e) == ("",) for e in project.events)

    def _color(self, event: Event, lane_key: str) -> QColor:
        if self.options.color_by != "party":
            return palette.kind_color(event.kind)
        party = lane_key if self.options.lane_mode == "party" and lane_key else \
            (event.parties[0] if event.parties else "")
        color = self.glyphs.colors.get(party) or self._colors.get(party)
        if color is None:
            color = self._colors[party] = palette.party_color("", party or "?")
        return color

    # -- measures ------------------------------------------------------------------

    def bands(self, top: float) -> list[LaneBand]:
        """Each lane's place, from `top` down."""
        out = []
        for spec, lane, members in zip(self.specs, self.lanes, self.members, strict=True):
            folded = spec.key in self.options.collapsed
            rows = 1 if folded else lane.rows
            compact = lane.compact and not folded
            pad = palette.COMPACT_PADDING if compact else palette.LANE_PADDING
            height = palette.COLLAPSED_HEIGHT if folded else \
                2 * pad + rows * palette.ROW_HEIGHT - (palette.ROW_HEIGHT - palette.BAR_HEIGHT)
            out.append(LaneBand(spec.key, spec.title, top, height, spec.color, folded,
                                len(members), rows, compact))
            top += height
        return out

    def day_range(self, project: Project | None = None) -> tuple[int, int] | None:
        """The first day and the day after the last of every event (shown or not)."""
        return self._all_facts(project)[0]

    def _all_facts(self, project: Project | None = None
                   ) -> tuple[tuple[int, int] | None, list[EventFacts]]:
        """`day_range`, and the facts of every event in project order (kept per project)."""
        project = self.project if project is None else project
        if self._range_of is not None and self._range_of[0] is project:
            return self._range_of[1], self._range_of[2]
        if self._facts:
            facts = [self.facts_of(e) for e in project.events]
        else:  # the first layout: every event's facts at once, no look-up each
            facts = [event_facts(e) for e in project.events]
            self._facts = {e.id: (e, f) for e, f in zip(project.events, facts, strict=True)}
        found = (min(f.first for f in facts), max(f.after for f in facts)) if facts else None
        self._range_of = (project, found, facts)
        return found, facts

    def label_reach(self, project: Project, scale: TimeScale) -> float:
        """The furthest any event's label reaches right, in scene x (no stacking needed).

        Only the events ending near the last can reach furthest: only they are measured.
        """
        days, all_facts = self._all_facts(project)
        if days is None:
            return 0.0
        room = label_room(scale.px_per_day)
        # a body ends at most a marker's width past its last day
        near = days[1] - (room + 4 + 2 * palette.BAR_HEIGHT) / scale.px_per_day
        ends = []
        for event, facts in zip(project.events, all_facts, strict=True):
            if facts.after >= near:
                ends.append((max(scale.x_of_day(facts.after),
                                 scale.x_of_day(facts.first) + palette.BAR_HEIGHT), event))
        ends.sort(key=lambda end: end[0], reverse=True)
        reach = scale.x_of_day(days[1])
        for right, event in ends:  # furthest first: measure only those that can matter
            if right + 4 + room <= reach:
                break
            reach = max(reach, right + 4 + min(self.glyphs.label_width(event), room))
        return reach


def _flipped(old: set[str] | None, options: CanvasOptions) -> set[str] | None:
    """Events the filter now hides or shows that it did not before (hide mode);
    None when a filter came or went (everything may change)."""
    if options.filter_mode != "hide" or old == options.matching:
        return set()
    if old is None or options.matching is None:
        return None
    return old ^ options.matching

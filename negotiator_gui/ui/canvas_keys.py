"""CanvasKeys: what the keyboard does on the timeline: zoom, open, select, nudge, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from negotiator_gui.domain import editing

if TYPE_CHECKING:
    from negotiator_gui.ui.timeline_view import TimelineView

ZOOM_STEP = 1.25


class CanvasKeys(QObject):
    """Turns key presses on the canvas into view changes and edits."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view

    def handle(self, event: QKeyEvent) -> bool:
        """Act on a key press; False when it is not a canvas key."""
        view, selection = self.view, self.view.selection
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if not view.mouse.cancel():
                selection.clear()
            return True
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            view.zoom_by(ZOOM_STEP)
            return True
        if key == Qt.Key.Key_Minus:
            view.zoom_by(1 / ZOOM_STEP)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and selection.current:
            view.open_requested.emit(selection.current)
            return True
        if event.matches(QKeySequence.StandardKey.SelectAll):
            selection.select(e.id for e in view.project.events)
            return True
        if not view.session.editable:
            return False
        return self._edit(key, event.modifiers())

    def _edit(self, key: int, mods: Qt.KeyboardModifier) -> bool:
        view, edits, ids = self.view, self.view.edits, self.view.selection.ids
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return edits.delete_selected() or True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and ids:
            unit = "day" if mods & Qt.KeyboardModifier.ShiftModifier else \
                editing.snap_unit(view.scale.px_per_day)
            edits.nudge_selected(1 if key == Qt.Key.Key_Right else -1, unit)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and ids and \
                view.options.lane_mode == "track":
            edits.move_selected_to_lane(1 if key == Qt.Key.Key_Down else -1)
            return True
        return False

    def step(self, forward: bool) -> bool:
        """Tab and Shift+Tab: select the next or previous event drawn, in date order."""
        view = self.view
        shown = view.timeline.shown_ids()
        events = [e.id for e in view.project.events if e.id in shown]
        if not events or not view.hasFocus():
            return False
        current = view.selection.current
        index = events.index(current) if current in events else -1
        view.selection.select([events[(index + (1 if forward else -1)) % len(events)]])
        return True

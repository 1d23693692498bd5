"""CanvasMenus: the context menus of events, lanes and empty space on the timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from negotiator_gui.domain.layout import ordered_tracks
from negotiator_gui.ui import vocab_labels

if TYPE_CHECKING:
    from negotiator_gui.ui.canvas_layout import LaneBand
    from negotiator_gui.ui.timeline_view import TimelineView


class CanvasMenus(QObject):
    """Builds the menu for whatever is under the pointer and shows it."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.last_menu: QMenu | None = None

    def menu_at(self, pos: QPoint) -> QMenu:
        """The menu for a viewport position (kept in `last_menu` for tests)."""
        header = self.view.lane_header_at(pos)
        shape = self.view.event_at(pos)
        if header is not None:
            menu = self._lane_menu(header)
        elif shape is not None:
            event_id = shape[0].event.id
            if event_id not in self.view.selection.ids:
                self.view.selection.select([event_id])
            menu = self._event_menu(event_id)
        else:
            menu = self._empty_menu(pos)
        self.last_menu = menu
        return menu

    def show_at(self, pos: QPoint, global_pos: QPoint) -> None:
        """Pop the menu for `pos` up at `global_pos`."""
        self.menu_at(pos).popup(global_pos)

    def _add(self, menu: QMenu, text: str, slot, enabled: bool = True) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        return action

    def _event_menu(self, event_id: str) -> QMenu:
        view, edits = self.view, self.view.edits
        editable = view.session.editable
        menu = QMenu(view)
        self._add(menu, self.tr("Open in Inspector"), lambda: view.open_requested.emit(event_id))
        self._add(menu, self.tr("Zoom to Selection"), view.fit_selection)
        menu.addSeparator()
        self._add(menu, self.tr("Copy"), edits.copy_selected)
        self._add(menu, self.tr("Duplicate"), edits.duplicate_selected, editable)
        self._add(menu, self.tr("Delete"), edits.delete_selected, editable)
        menu.addSeparator()
        tracks = menu.addMenu(self.tr("Move to Track"))
        tracks.setEnabled(editable)
        for track in ordered_tracks(view.project.tracks):
            self._add(tracks, track.name, lambda _=False, t=track.id: edits.set_track(t))
        statuses = menu.addMenu(self.tr("Set Status"))
        statuses.setEnabled(editable)
        for status, label in vocab_labels.event_statuses().items():
            self._add(statuses, label, lambda _=False, s=status: edits.set_status(s))
        return menu

    def _lane_menu(self, band: LaneBand) -> QMenu:
        view = self.view
        menu = QMenu(view)
        fold = self.tr("Expand Lane") if band.collapsed else self.tr("Collapse Lane")
        self._add(menu, fold, lambda: view.toggle_lane(band.key))
        if view.options.lane_mode == "track" and band.key:
            self._add(menu, self.tr("Edit Tracks…"), view.tracks_requested.emit)
            keys = [b.key for b in view.timeline.lanes if b.key]
            index = keys.index(band.key)
            editable = view.session.editable
            self._add(menu, self.tr("Move Lane Up"),
                      lambda: view.edits.reorder_tracks(band.key, index - 1),
                      editable and index > 0)
            self._add(menu, self.tr("Move Lane Down"),
                      lambda: view.edits.reorder_tracks(band.key, index + 1),
                      editable and index < len(keys) - 1)
        return menu

    def _empty_menu(self, pos: QPoint) -> QMenu:
        view, edits = self.view, self.view.edits
        editable = view.session.editable
        menu = QMenu(view)
        self._add(menu, self.tr("New Event Here"), lambda: view.create_at(pos), editable)
        self._add(menu, self.tr("Paste"), edits.paste, editable)
        menu.addSeparator()
        self._add(menu, self.tr("Fit All"), view.fit_all)
        return menu

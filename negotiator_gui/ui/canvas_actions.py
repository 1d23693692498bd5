"""CanvasActions: the edits the timeline offers (create, delete, copy, paste, nudge...)."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from negotiator_gui.domain import editing
from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import ValidationError
from negotiator_gui.domain.layout import ordered_tracks
from negotiator_gui.domain.model import Event, Project, Track
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.translations import step_name

MIME_EVENTS = "application/x-negotiator-events+json"


class CanvasActions(QObject):
    """Builds each timeline edit as one change set and applies it through the session.

    Signals:
        event_created(str): a new event was made (the inspector should open it).
        message(str): something to tell the user in the status bar.
    """

    event_created = Signal(str)
    message = Signal(str)

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection

    @property
    def project(self) -> Project:
        """The session's current project."""
        return self.session.project

    def selected_events(self) -> list[Event]:
        """The selected events, in date order."""
        chosen = set(self.selection.ids)
        return [e for e in self.project.events if e.id in chosen]

    # -- making and removing ---------------------------------------------------

    def create_event(self, day: _dt.date, track: str | None) -> str | None:
        """Make a new event on `day` in `track` (the first track when None).

        Returns:
            The new event's id, or None when it could not be written.
        """
        project = self.project
        tracks = ordered_tracks(project.tracks)
        changes = ChangeSet()
        if not tracks:
            main = Track("main", self.tr("Main"), 1)
            changes, tracks = ChangeSet(tracks=(main,)), [main]
        track_id = track if track in {t.id for t in tracks} else tracks[0].id
        status = "planned" if day > _dt.date.today() else "held"
        event = Event(editing.new_event_id(project, "new-event"), self.tr("New event"),
                      track_id, PartialDate.from_date(day), kind="meeting", status=status)
        changes = replace(changes, put_events=(event,))
        if not self.session.apply(changes, self.tr("Create event on %s") % day.isoformat()):
            return None
        self.selection.select([event.id])
        self.event_created.emit(event.id)
        return event.id

    def delete_selected(self) -> bool:
        """Delete the selected events (with their items and links)."""
        events = self.selected_events()
        if not events:
            return False
        done = self.session.apply(ChangeSet(delete_events=tuple(e.id for e in events)),
                                  step_name(events, self.tr("Delete")))
        if done:
            self.selection.clear()
        return done

    def duplicate_selected(self) -> bool:
        """Copies of the selected events (and the links among them), selected."""
        events = self.selected_events()
        if not events:
            return False
        links = editing.links_among(self.project, {e.id for e in events})
        new_events, new_links = editing.copy_events(self.project, events, links,
                                                    self.tr(" (copy)"))
        return self._put_new(new_events, new_links,
                             step_name(events, self.tr("Duplicate")))

    def _put_new(self, events, links, name: str) -> bool:
        if not self.session.apply(ChangeSet(put_events=events, put_links=links), name):
            return False
        self.selection.select(e.id for e in events)
        return True

    # -- clipboard -------------------------------------------------------------

    def copy_selected(self) -> bool:
        """Put the selected events on the clipboard as interchange JSON."""
        events = self.selected_events()
        if not events:
            return False
        ids = {e.id for e in events}
        part = Project(self.project.info, self.project.parties, self.project.tracks,
                       self.project.sources, tuple(events),
                       tuple(editing.links_among(self.project, ids)))
        from negotiator_gui.interchange import json_format  # loaded on first copy

        text = json_format.dumps(part)
        # Plain text (interchange JSON): a QMimeData made in Python and handed to
        # the clipboard is freed twice when the application exits (a crash).
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied %n event(s)", "", len(events)))
        return True

    def paste(self) -> bool:
        """Add the events on the clipboard as new events (fresh ids), selected."""
        data = QGuiApplication.clipboard().mimeData()
        if data is None:
            return False
        raw = bytes(data.data(MIME_EVENTS)).decode("utf-8", "replace") \
            if data.hasFormat(MIME_EVENTS) else data.text()
        try:
            from negotiator_gui.interchange import json_format  # loaded on first paste

            document = json_format.loads(raw)
        except (ValidationError, json.JSONDecodeError):
            self.message.emit(self.tr("The clipboard holds no events to paste"))
            return False
        events = document.project.events
        if not events:
            self.message.emit(self.tr("The clipboard holds no events to paste"))
            return False
        new_events, new_links = editing.copy_events(self.project, events,
                                                    document.project.links)
        return self._put_new(new_events, new_links, step_name(events, self.tr("Paste")))

    # -- moving ----------------------------------------------------------------

    def nudge_selected(self, steps: int, unit: str) -> bool:
        """Move the selected events by `steps` of `unit`; repeats merge into one step."""
        events = self.selected_events()
        if not events:
            return False
        days = {"day": 1, "week": 7, "month": 31}[unit] * steps
        moved = tuple(editing.move_event(e, days, unit) for e in events)
        key = "nudge:" + ",".join(sorted(e.id for e in events))
        return self.session.apply(ChangeSet(put_events=moved),
                                  step_name(events, self.tr("Move")), merge_key=key)

    def move_selected_to_lane(self, step: int) -> bool:
        """Move the selected events one track up (-1) or down (+1)."""
        events = self.selected_events()
        tracks = [t.id for t in ordered_tracks(self.project.tracks)]
        if not events or not tracks:
            return False
        moved = []
        for event in events:
            index = tracks.index(event.track) if event.track in tracks else 0
            target = tracks[min(max(index + step, 0), len(tracks) - 1)]
            if target != event.track:
                moved.append(replace(event, track=target))
        if not moved:
            return False
        return self.session.apply(ChangeSet(put_events=tuple(moved)),
                                  step_name(moved, self.tr("Move")))

    def set_track(self, track_id: str) -> bool:
        """Put the selected events on one track."""
        events = [e for e in self.selected_events() if e.track != track_id]
        if not events:
            return False
        return self.session.apply(
            ChangeSet(put_events=tuple(replace(e, track=track_id) for e in events)),
            step_name(events, self.tr("Move")))

    def set_status(self, status: str) -> bool:
        """Set the status of the selected events."""
        events = [e for e in self.selected_events() if e.status != status]
        if not events:
            return False
        return self.session.apply(
            ChangeSet(put_events=tuple(replace(e, status=status) for e in events)),
            step_name(events, self.tr("Set status of")))

    def reorder_tracks(self, track_id: str, new_index: int) -> bool:
        """Move a track's lane to `new_index`, renumbering every track's order."""
        tracks = ordered_tracks(self.project.tracks)
        moving = next((t for t in tracks if t.id == track_id), None)
        if moving is None:
            return False
        rest = [t for t in tracks if t.id != track_id]
        new_index = min(max(new_index, 0), len(rest))
        ordered = rest[:new_index] + [moving] + rest[new_index:]
        if [t.id for t in ordered] == [t.id for t in tracks]:
            return False
        renumbered = tuple(replace(t, order=i + 1) for i, t in enumerate(ordered))
        return self.session.apply(ChangeSet(tracks=renumbered),
                                  self.tr("Move lane “%s”") % moving.name)

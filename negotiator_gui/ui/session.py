"""ProjectSession: owns the open project and its undo stack; the only thing that writes."""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from negotiator_gui.collector import collector_paused
from negotiator_gui.domain import changes as change_ops
from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.project_index import prepare_edits
from negotiator_gui.storage import backups
from negotiator_gui.storage.presence import HEARTBEAT_S
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.storage.versioned import ConflictError, WritePlan
from negotiator_gui.ui.app_settings import data_dir

HEARTBEAT_MS = HEARTBEAT_S * 1000


@dataclass(frozen=True)
class Conflicted:
    """A change that met colleagues' changes, kept so the user can choose."""

    error: ConflictError
    changes: ChangeSet
    text: str
    base: Project          # the project as the user saw it
    replay: bool = False   # an undo or redo, rather than a new edit


class ChangeCommand(QUndoCommand):
    """One user action: a change set and its inverse, written by the session.

    Commands that share a `merge_key` (keyboard nudges of the same events)
    merge into one undo step.
    """

    def __init__(self, session: ProjectSession, forward: ChangeSet, backward: ChangeSet,
                 text: str, merge_key: str = "") -> None:
        super().__init__(text)
        self.session = session
        self.forward = forward
        self.backward = backward
        self.merge_key = merge_key
        self.skip_next_redo = False
        self.keys: set = set()            # the records its edit touched

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.merge_key != self.merge_key:
            return False
        if other.forward.event_ids() != self.forward.event_ids():
            return False
        self.forward = other.forward
        self.keys |= other.keys
        return True

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self.session._replay(self, self.forward, undoing=False)

    def undo(self) -> None:
        self.session._replay(self, self.backward, undoing=True)


class ProjectSession(QObject):
    """The open project: its file, a snapshot of its records, and its undo stack.

    Widgets never write: they call `apply` (or push through it), and refresh
    from the signals.

    Signals:
        project_loaded: a project was opened (or reloaded); `project` is new.
        project_closed: no project is open any more.
        project_changed(object): a ChangeSet was written and `project` updated;
            None when everything was re-read from the file.
        waiting_for_disk: the views were shown a change whose COMMIT still waits
            for the disk (the call writing it returns once it is in the file):
            a moment to do what the next frame needs.
        write_failed(str): a change could not be written; nothing changed.
        conflict_found(Conflicted): colleagues changed records this change would
            overwrite; nothing was written.
        colleagues_changed(list): who else has the file open changed (Presence list).
    """

    project_loaded = Signal()
    project_closed = Signal()
    project_changed = Signal(object)
    waiting_for_disk = Signal()
    write_failed = Signal(str)
    conflict_found = Signal(object)
    colleagues_changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        self.project = Project()
        self.settings: dict[str, str] = {}
        self.undo_stack = QUndoStack(self)
        self.versions: dict = {}       # what the user sees: the base of new edits
        self.own_versions: dict = {}   # what this session last wrote: the base of undo
        self._last_change = 0
        self._data_version = 0
        self._suspended = False
        self._repair_index: int | None = None
        self.colleagues: list = []
        self._backed_up = -1
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)

    # -- opening ---------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The open file, or None."""
        return self.store.path if self.store else None

    @property
    def read_only_reason(self) -> str | None:
        """Why the project may only be viewed, or None when it may be edited."""
        return self.store.read_only_reason if self.store else None

    @property
    def editable(self) -> bool:
        """True when a project is open and may be changed."""
        return self.store is not None and self.store.read_only_reason is None

    def open(self, path: Path, read_only: bool = False) -> None:
        """Open `path`, replacing the current project only once it opened well.

        Raises:
            ProjectFileError: the file cannot be opened; the current project stays.
        """
        store = ProjectStore.open(path, read_only=read_only)
        gc.unfreeze()  # the project being replaced may be collected again
        try:
            with collector_paused():  # loading makes only long-lived objects: no cycles
                self._replace(store, *self._read_all(store))
        except BaseException:
            if self.store is not store:
                store.close()
            raise

    def adopt(self, store: ProjectStore) -> None:
        """Take over an already open store (a project just made)."""
        self._replace(store, *self._read_all(store))

    @staticmethod
    def _read_all(store: ProjectStore) -> tuple[Project, dict, dict, int, int]:
        """Records, settings, versions and change counters, as of one moment."""
        with store.snapshot():
            return (store.load(), store.settings(), store.versions(), store.last_change(),
                    store.data_version())

    def _replace(self, store: ProjectStore, project: Project, settings: dict,
                 versions: dict, last_change: int, data_version: int) -> None:
        if self.store is not None:
            self.store.withdraw()
            self.store.close()
        self.store, self.project = store, project
        self.settings = settings
        self.versions = versions
        self.own_versions = dict(self.versions)
        self._last_change = last_change
        self._data_version = data_version
        self.colleagues = []
        self._backed_up = -1
        # Saying "open here" is a write with a sync to disk: after the first frame.
        QTimer.singleShot(0, self, self._beat)
        QTimer.singleShot(0, self, self._prepare_edits)
        self._heartbeat.start()
        self.undo_stack.clear()
        self.project_loaded.emit()
        # Tens of thousands of long-lived records and view caches: keep the cyclic
        # garbage collector from walking them again and again (pauses of 0.1-0.3 s).
        gc.freeze()

    def _prepare_edits(self) -> None:
        """After the first frame: what the first edit would otherwise work out (the
        events' order; ~15 ms at 10,000 events)."""
        prepare_edits(self.project)

    def close(self) -> None:
        """Close the project, if one is open."""
        if self.store is None:
            return
        self._heartbeat.stop()
        self.store.withdraw()
        self.store.close()
        self.store, self.project, self.settings = None, Project(), {}
        self.undo_stack.clear()
        self.project_closed.emit()

    # -- changing --------------------------------------------------------------

    def apply(self, changes: ChangeSet, text: str, merge_key: str = "") -> bool:
        """Write `changes` as one undoable action named `text`.

        The change is written first and pushed to the undo stack only once it
        is in the file; on failure `write_failed` says why and nothing changes.

        Returns:
            True when the change was written.
        """
        if self.store is None or changes.is_empty():
            return False
        changes = change_ops.with_dependent_links(self.project, changes)
        backward = change_ops.invert(self.project, changes, self.settings)
        try:  # the versions are only read before the write (no copy of every record's)
            keys, after = self._write(changes, text, self.versions)
        except ConflictError as exc:
            self.conflict_found.emit(Conflicted(exc, changes, text, self.project))
            return False
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))
            return False
        command = ChangeCommand(self, changes, backward, text, merge_key)
        command.keys = keys
        command.skip_next_redo = True
        self.undo_stack.push(command)
        return True

    def apply_over(self, conflicted: Conflicted) -> bool:
        """Write a change that met a conflict again, over what colleagues wrote
        ("use mine"); the colleagues' versions of those records are replaced."""
        if self.store is None:
            return False
        self.versions.update(self.store.versions())
        self.reload()
        return self.apply(conflicted.changes, conflicted.text)

    def set_setting(self, key: str, value: str) -> None:
        """Keep a project setting (filters, lane order) without an undo step."""
        if self.store is None or self.settings.get(key, "") == value:
            return
        try:
            self._write(ChangeSet(settings={key: value}), "Setting", self.versions)
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))

    def _write(self, changes: ChangeSet, text: str, expected: dict,
               only: set | None = None) -> tuple[set, dict]:
        """Write through the store, over the versions in `expected`; returns the
        keys of the records written and their new versions.

        The views are shown the change while the file's COMMIT waits for the
        disk; the call returns (and so the screen is painted) only once the
        change is in the file. Should the COMMIT fail, the project, settings and
        versions are put back and the views shown everything again.
        """
        assert self.store is not None
        plan_keys = WritePlan.of(changes, self.project, only).keys
        before = (self.project, dict(self.settings),
                  {key: self.versions.get(key) for key in plan_keys},
                  {key: self.own_versions.get(key) for key in plan_keys})
        shown = False

        def show(after: dict) -> None:
            nonlocal shown
            shown = True
            for versions in (self.versions, self.own_versions):
                for key in plan_keys:
                    if key in after:
                        versions[key] = after[key]
                    else:
                        versions.pop(key, None)
            self.project = change_ops.apply(self.project, changes)
            for key, value in changes.settings.items():
                if value:
                    self.settings[key] = value
                else:
                    self.settings.pop(key, None)
            self.project_changed.emit(changes)
            self.waiting_for_disk.emit()

        try:
            after = self.store.write_versioned(changes, self.project, expected, text, only,
                                               meanwhile=show)
        except BaseException:
            if shown:
                self._take_back(*before)
            raise
        self._last_change = self.store.last_change()
        return plan_keys, after

    def _take_back(self, project: Project, settings: dict, versions: dict,
                   own_versions: dict) -> None:
        """Put back what `_write` showed of a change whose COMMIT failed."""
        self.project, self.settings = project, settings
        for kept, old in ((self.versions, versions), (self.own_versions, own_versions)):
            for key, version in old.items():
                if version is None:
                    kept.pop(key, None)
                else:
                    kept[key] = version
        self.project_changed.emit(None)

    def _replay(self, command: ChangeCommand, changes: ChangeSet, undoing: bool) -> None:
        """Undo or redo one command; on failure put the stack back where the file is."""
        if self._suspended or self.store is None:
            return
        name = (self.tr("Undo %s") if undoing else self.tr("Redo %s")) % command.text()
        # Only versions this session wrote count: a record a colleague changed
        # since is a conflict, not something to overwrite.
        expected = {k: self.own_versions[k] for k in command.keys if k in self.own_versions}
        try:
            self._write(changes, name, expected, command.keys)
        except NegotiatorError as exc:
            self._suspended = True
            position = self._position(command)
            self._repair_index = position + 1 if undoing else position
            if isinstance(exc, ConflictError):
                self.conflict_found.emit(Conflicted(exc, changes, name, self.project,
                                                    replay=True))
            else:
                self.write_failed.emit(str(exc))
            QTimer.singleShot(0, self._repair)

    def _position(self, command: ChangeCommand) -> int:
        for index in range(self.undo_stack.count()):
            if self.undo_stack.command(index) is command:
                return index
        return self.undo_stack.index()

    def _repair(self) -> None:
        """After a failed undo/redo, move the stack to match what the file holds."""
        try:
            if self._repair_index is not None:
                self.undo_stack.setIndex(self._repair_index)
        finally:
            self._suspended = False
            self._repair_index = None
        with contextlib.suppress(NegotiatorError):
            self.reload()

    # -- backups -----------------------------------------------------------------

    def backup_folder(self) -> Path | None:
        """Where this project's backups are kept."""
        if self.store is None:
            return None
        return backups.folder_for(data_dir(), self.store.path)

    def take_backup_if_changed(self) -> bool:
        """The scheduled backup: only when the records changed since the last one."""
        if self.store is None or not self.editable:
            return False
        if self._last_change == self._backed_up:
            return False
        try:
            self.store.take_backup(self.backup_folder())
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))
            return False
        self._backed_up = self._last_change
        return True

    def restore_backup(self, backup: Path) -> bool:
        """Put a backup's content back into the project (the present is backed up first).

        The file is then opened again, as if fresh: the undo history starts anew.
        """
        if self.store is None:
            return False
        path = self.store.path
        try:
            self.store.restore_backup(backup, self.backup_folder())
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))
            return False
        self.open(path)
        return True

    def _beat(self) -> None:
        """Keep this instance's presence fresh; presence is best effort."""
        if self.store is None:
            return
        with contextlib.suppress(NegotiatorError, sqlite3.Error):
            self.store.announce()
        self._read_colleagues()

    def _read_colleagues(self) -> None:
        found = self.store.colleagues() if self.store else []
        if found != self.colleagues:
            self.colleagues = found
            self.colleagues_changed.emit(list(found))

    def reload(self) -> None:
        """Re-read every record from the file, keeping the undo history.

        Emits `project_changed(None)`: views refresh everything but keep
        their zoom, scroll and selection.
        """
        if self.store is not None:
            self.project, self.settings, self.versions, self._last_change, _ = \
                self._read_all(self.store)
            self.project_changed.emit(None)

    def check_for_changes(self) -> bool:
        """Re-read the project if a colleague changed it (cheap when nobody did).

        Returns:
            True when colleagues' changes were read in.
        """
        if self.store is None:
            return False
        try:
            version = self.store.data_version()
            if version == self._data_version:
                return False
            self._read_colleagues()
            self._data_version = version
            if self.store.last_change() == self._last_change:
                return False  # a heartbeat or a setting, not a change to the records
            self.reload()
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))
            return False
        except sqlite3.Error:
            return False  # busy for a moment: the next poll tries again
        return True

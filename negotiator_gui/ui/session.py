"""ProjectSession: owns the open project and its undo stack; the only thing that writes."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from negotiator_gui.domain import changes as change_ops
from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import Project
from negotiator_gui.storage.project_store import ProjectStore


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

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.merge_key != self.merge_key:
            return False
        if other.forward.event_ids() != self.forward.event_ids():
            return False
        self.forward = other.forward
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
        write_failed(str): a change could not be written; nothing changed.
    """

    project_loaded = Signal()
    project_closed = Signal()
    project_changed = Signal(object)
    write_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        self.project = Project()
        self.settings: dict[str, str] = {}
        self.undo_stack = QUndoStack(self)
        self._suspended = False
        self._repair_index: int | None = None

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
        try:
            project = store.load()
        except BaseException:
            store.close()
            raise
        self._replace(store, project)

    def adopt(self, store: ProjectStore) -> None:
        """Take over an already open store (a project just made)."""
        self._replace(store, store.load())

    def _replace(self, store: ProjectStore, project: Project) -> None:
        if self.store is not None:
            self.store.close()
        self.store, self.project = store, project
        self.settings = store.settings()
        self.undo_stack.clear()
        self.project_loaded.emit()

    def close(self) -> None:
        """Close the project, if one is open."""
        if self.store is None:
            return
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
        try:
            self._write(changes)
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))
            return False
        command = ChangeCommand(self, changes, backward, text, merge_key)
        command.skip_next_redo = True
        self.undo_stack.push(command)
        return True

    def set_setting(self, key: str, value: str) -> None:
        """Keep a project setting (filters, lane order) without an undo step."""
        if self.store is None or self.settings.get(key, "") == value:
            return
        try:
            self._write(ChangeSet(settings={key: value}))
        except NegotiatorError as exc:
            self.write_failed.emit(str(exc))

    def _write(self, changes: ChangeSet) -> None:
        assert self.store is not None
        self.store.write(changes)
        self.project = change_ops.apply(self.project, changes)
        for key, value in changes.settings.items():
            if value:
                self.settings[key] = value
            else:
                self.settings.pop(key, None)
        self.project_changed.emit(changes)

    def _replay(self, command: ChangeCommand, changes: ChangeSet, undoing: bool) -> None:
        """Undo or redo one command; on failure put the stack back where the file is."""
        if self._suspended or self.store is None:
            return
        try:
            self._write(changes)
        except NegotiatorError as exc:
            self._suspended = True
            position = self._position(command)
            self._repair_index = position + 1 if undoing else position
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

    def reload(self) -> None:
        """Re-read every record from the file, keeping the undo history.

        Emits `project_changed(None)`: views refresh everything but keep
        their zoom, scroll and selection.
        """
        if self.store is not None:
            self.project = self.store.load()
            self.settings = self.store.settings()
            self.project_changed.emit(None)

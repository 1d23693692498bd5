"""ProjectSession: owns the open project and its undo stack; the only thing that writes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from negotiator_gui.domain.model import Project
from negotiator_gui.storage.project_store import ProjectStore


class ProjectSession(QObject):
    """The open project: its file, a snapshot of its records, and its undo stack.

    Signals:
        project_loaded: a project was opened (or reloaded) and `project` is new.
        project_closed: no project is open any more.
    """

    project_loaded = Signal()
    project_closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: ProjectStore | None = None
        self.project = Project()
        self.undo_stack = QUndoStack(self)

    @property
    def path(self) -> Path | None:
        """The open file, or None."""
        return self.store.path if self.store else None

    @property
    def read_only_reason(self) -> str | None:
        """Why the project may only be viewed, or None when it may be edited."""
        return self.store.read_only_reason if self.store else None

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
        self.undo_stack.clear()
        self.project_loaded.emit()

    def close(self) -> None:
        """Close the project, if one is open."""
        if self.store is None:
            return
        self.store.close()
        self.store, self.project = None, Project()
        self.undo_stack.clear()
        self.project_closed.emit()

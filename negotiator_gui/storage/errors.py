"""Errors about project files, each with a message that names the file and the reason."""

from __future__ import annotations

from pathlib import Path

from negotiator_gui.domain.errors import NegotiatorError


class ProjectFileError(NegotiatorError):
    """A project file that cannot be used as asked; the file is left untouched."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FileMissingError(ProjectFileError):
    """There is no file at the path, or it is not a regular file."""


class EmptyFileError(ProjectFileError):
    """A zero-byte file (SQLite would treat it as a new empty database)."""


class NotAProjectError(ProjectFileError):
    """The file is not an SQLite database at all."""


class DamagedFileError(ProjectFileError):
    """An SQLite file that is truncated or fails its integrity check."""


class ForeignFileError(ProjectFileError):
    """An SQLite database made by another application."""


class IncompatibleSchemaError(ProjectFileError):
    """Ours, but with tables or columns missing: cannot be read or edited."""


class MigrationError(ProjectFileError):
    """Upgrading an older file failed; the original was left as it was."""


class ProjectBusyError(ProjectFileError):
    """A colleague holds the file locked for longer than we wait."""


class ReadOnlyProjectError(ProjectFileError):
    """A write was asked of a project opened read-only."""


class WriteFailedError(ProjectFileError):
    """The disk or file system refused a write; nothing was changed."""

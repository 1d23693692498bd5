"""AppSettings: what the program remembers between runs (recent files, window layout)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from negotiator_gui import APP_NAME

MAX_RECENT = 10


def data_dir() -> Path:
    """The user's data folder for Negotiator (sample copy, backups)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


class AppSettings:
    """A thin, typed layer over QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def recent_files(self) -> list[Path]:
        """Recently opened projects, newest first."""
        value = self._settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [Path(v) for v in value or [] if isinstance(v, str) and v]

    def add_recent(self, path: Path) -> None:
        """Put `path` first in the recent list and remember it as the last project."""
        path = path.absolute()
        files = [path] + [p for p in self.recent_files() if p != path]
        self._settings.setValue("recentFiles", [str(p) for p in files[:MAX_RECENT]])
        self._settings.setValue("lastProject", str(path))

    def remove_recent(self, path: Path) -> None:
        """Drop `path` from the recent list."""
        files = [p for p in self.recent_files() if p != path.absolute()]
        self._settings.setValue("recentFiles", [str(p) for p in files])

    def clear_recent(self) -> None:
        """Forget every recent file."""
        self._settings.setValue("recentFiles", [])

    def last_project(self) -> Path | None:
        """The project open when the program last ran, if any."""
        value = self._settings.value("lastProject", "")
        return Path(value) if isinstance(value, str) and value else None

    def geometry(self) -> QByteArray | None:
        """The saved window geometry."""
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        """The saved toolbar and dock layout."""
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the window's geometry and layout."""
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)
        self._settings.sync()

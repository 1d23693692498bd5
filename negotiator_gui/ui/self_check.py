"""The installed program checks itself: open a project in the window, export and preview a PDF.

Run as `negotiator-gui --self-check [FILE]` (with QT_QPA_PLATFORM=offscreen where
there is no display). It is what CI runs against the PyInstaller folder, so it
touches every part a bundle can lose: the Qt platform plugin, the bundled sample
and fonts, reportlab, the icon, the libraries' metadata (Help > About) and PDFium
(the export dialog's preview).
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from negotiator_gui import __version__
from negotiator_gui.domain.selection import Selection
from negotiator_gui.operations import create_demo, export_file
from negotiator_gui.ui.about_dialog import BUNDLED
from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.export_dialog import render_pages
from negotiator_gui.ui.main_window import MainWindow

Say = Callable[[str], None]


class SelfCheckError(Exception):
    """A step of the self-check found something wrong."""


def run_self_check(app: QApplication, given: Path | None, say: Say = print) -> int:
    """Check the program end to end; print each step; return 0 when all passed, else 1.

    Args:
        app: the running application (its platform and window icon are checked).
        given: a project to open read-only; None makes the sample project in a temp folder.
        say: where the report lines go.
    """
    say(f"negotiator-gui {__version__} self-check (Qt platform: {app.platformName()})")
    with tempfile.TemporaryDirectory(prefix="negotiator-self-check-") as folder:
        try:
            _check_all(app, given, Path(folder), say)
        except Exception as exc:  # report any failure as one line, then the trace
            say(f"FAILED: {type(exc).__name__}: {exc}")
            say(traceback.format_exc().rstrip())
            return 1
    say("self-check passed")
    return 0


def _check_all(app: QApplication, given: Path | None, folder: Path, say: Say) -> None:
    if app.windowIcon().isNull():
        raise SelfCheckError("the application icon (resources/icons) did not load")
    say(f"icon: {len(app.windowIcon().availableSizes())} sizes")
    _check_metadata(say)
    path = given or _sample(folder, say)
    project = _open_in_window(path, folder, say)
    pdf = folder / "self-check.pdf"
    warnings = export_file(project, pdf, Selection())
    head = pdf.read_bytes()[:5]
    if head != b"%PDF-":
        raise SelfCheckError(f"{pdf}: not a PDF (starts {head!r})")
    say(f"exported: PDF briefing, {pdf.stat().st_size} bytes, {len(warnings)} warnings")
    preview = render_pages(pdf, 1, 300)
    if preview.isNull() or preview.height() < 300:
        raise SelfCheckError("the first page of the PDF did not render (PDFium)")
    say(f"previewed: first page {preview.width()}x{preview.height()} px")


def _check_metadata(say: Say) -> None:
    """Help > About reads each bundled library's version and licence from its metadata."""
    versions, missing = [], []
    for name, _purpose in BUNDLED:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        raise SelfCheckError(f"no package metadata for {', '.join(missing)} (Help > About)")
    say(f"libraries: {', '.join(versions)}")


def _sample(folder: Path, say: Say) -> Path:
    path = folder / "sample.sqlite"
    create_demo(path).close()
    say(f"made the sample project: {path}")
    return path


def _open_in_window(path: Path, folder: Path, say: Say):
    """Open `path` read-only in a main window that keeps its settings in `folder`."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppSettings(settings))
    window.show_error = _raise_error  # a message box would wait for a click
    try:
        window.show()
        window.open_path(path, read_only=True)
        QApplication.processEvents()
        project = window.session.project
        if not project.events:
            raise SelfCheckError(f"{path}: opened, but the window shows no events")
        say(f"opened in the window: {path.name}, {len(project.events)} events, "
            f"{len(project.tracks)} tracks")
        return project
    finally:
        window.close()  # closes the project too
        window.deleteLater()


def _raise_error(title: str, message: str) -> None:
    raise SelfCheckError(f"{title}: {message}")

"""The `negotiator-gui` entry point: parse the command line, open a project, run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from negotiator_gui import APP_ID, APP_NAME, ICON_SIZES, __version__
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.launch import resume_gc
from negotiator_gui.ui import app_settings
from negotiator_gui.ui.main_window import MainWindow
from negotiator_gui.ui.translations import install_translations

if TYPE_CHECKING:
    from negotiator_gui.ui.welcome_dialog import WelcomeDialog

SAMPLE_COPY_NAME = "Almaty sample.sqlite"


def build_parser() -> argparse.ArgumentParser:
    """`negotiator-gui [FILE] [--read-only]`."""
    parser = argparse.ArgumentParser(prog="negotiator-gui",
                                     description="Open a Negotiator project.")
    parser.add_argument("file", nargs="?", type=Path,
                        help="the project (default: the last one; on a first run, a welcome)")
    parser.add_argument("--read-only", action="store_true", help="view without editing")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-check", action="store_true",
                        help="open FILE (default: the sample) in a window, export and "
                             "preview a PDF, report each step, exit 0 or 1")
    return parser


def data_dir() -> Path:
    """The user's data folder (tests replace this)."""
    return app_settings.data_dir()


def sample_copy() -> Path:
    """The user's own copy of the sample project, made on first use.

    Raises:
        ProjectFileError: the copy could not be made.
    """
    target = data_dir() / SAMPLE_COPY_NAME
    if not target.exists():
        # operations brings the exporters (reportlab): imported only when needed
        from negotiator_gui.operations import create_demo

        target.parent.mkdir(parents=True, exist_ok=True)
        create_demo(target).close()
    return target


def start_file(window: MainWindow, given: Path | None) -> Path | None:
    """The project to open at start: as given, else the last one (None on a first run)."""
    if given is not None:
        return given
    return window.settings.last_project()


def open_sample(window: MainWindow) -> bool:
    """Open the user's copy of the sample project, making it first if needed."""
    try:
        path = sample_copy()
    except (NegotiatorError, OSError) as exc:
        window.show_error(QCoreApplication.translate("MainWindow",
                                                     "Could not make the sample project"),
                          str(exc))
        return False
    return window.open_path(path)


def welcome(window: MainWindow) -> WelcomeDialog:
    """The first-run welcome over `window`, shown without blocking; its buttons open the
    sample copy, ask for a new file, or ask for one to open; Cancel leaves the window
    empty. Returns the dialog."""
    from negotiator_gui.ui.welcome_dialog import NEW, OPEN, SAMPLE, WelcomeDialog

    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    act = {SAMPLE: lambda: open_sample(window), NEW: window.new_project,
           OPEN: window.choose_and_open}
    # Queued after the dialog has closed, so a file dialog never opens over it.
    dialog.accepted.connect(lambda: QTimer.singleShot(0, act[dialog.choice]))
    dialog.open()
    return dialog


def make_application(argv: list[str]) -> QApplication:
    """The QApplication, named so settings and the desktop find it."""
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    install_translations(app)  # negotiator_<locale>.qm and Qt's own; docs/translating.md
    return app


def application_icon() -> QIcon:
    """The program's icon in every size shipped under resources/icons/hicolor."""
    icon = QIcon()
    hicolor = resources.files("negotiator_gui.resources").joinpath("icons", "hicolor")
    for size in ICON_SIZES:
        png = hicolor.joinpath(f"{size}x{size}", "apps", f"{APP_ID}.png")
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns its exit status (2 for a wrong command line)."""
    argv = list(sys.argv if argv is None else argv)
    if "--version" in argv[1:]:  # answered before Qt, so it works without a display
        print(f"negotiator-gui {__version__}")
        return 0
    fresh = QApplication.instance() is None
    app = make_application(argv)
    # A fresh QApplication strips Qt's own options (-platform ...) from its arguments.
    words = app.arguments()[1:] if fresh else argv[1:]
    try:
        args = build_parser().parse_args(words)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.self_check:
        from negotiator_gui.ui.self_check import run_self_check

        return run_self_check(app, args.file)
    window = MainWindow()
    window.show()
    path = start_file(window, args.file)
    if path is not None:
        window.open_path(path, read_only=args.read_only)
    else:  # a first run: the sample copy is open behind the welcome (PRODUCT.md)
        open_sample(window)
        welcome(window)
    QTimer.singleShot(0, resume_gc)  # paused by negotiator_gui.launch for a quick start
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""The `negotiator-gui` entry point: parse the command line, open a project, run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from negotiator_gui import APP_ID, APP_NAME, __version__
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.operations import create_demo
from negotiator_gui.ui import app_settings
from negotiator_gui.ui.main_window import MainWindow

SAMPLE_COPY_NAME = "Almaty sample.sqlite"


def build_parser() -> argparse.ArgumentParser:
    """`negotiator-gui [FILE] [--read-only]`."""
    parser = argparse.ArgumentParser(prog="negotiator-gui",
                                     description="Open a Negotiator project.")
    parser.add_argument("file", nargs="?", type=Path,
                        help="the project (default: the last one, or the sample)")
    parser.add_argument("--read-only", action="store_true", help="view without editing")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
        target.parent.mkdir(parents=True, exist_ok=True)
        create_demo(target).close()
    return target


def start_file(window: MainWindow, given: Path | None) -> Path | None:
    """The project to open at start: as given, else the last one, else the sample copy."""
    if given is not None:
        return given
    last = window.settings.last_project()
    if last is not None:
        return last
    try:
        return sample_copy()
    except (NegotiatorError, OSError) as exc:
        window.show_error(window.tr("Could not make the sample project"), str(exc))
        return None


def make_application(argv: list[str]) -> QApplication:
    """The QApplication, named so settings and the desktop find it."""
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns its exit status (2 for a wrong command line)."""
    argv = list(sys.argv if argv is None else argv)
    fresh = QApplication.instance() is None
    app = make_application(argv)
    # A fresh QApplication strips Qt's own options (-platform ...) from its arguments.
    words = app.arguments()[1:] if fresh else argv[1:]
    try:
        args = build_parser().parse_args(words)
    except SystemExit as exc:
        return int(exc.code or 0)
    window = MainWindow()
    window.show()
    path = start_file(window, args.file)
    if path is not None:
        window.open_path(path, read_only=args.read_only)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

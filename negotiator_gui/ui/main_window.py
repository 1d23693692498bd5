"""MainWindow: menus, the timeline, a read-only banner and the status bar."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui import APP_NAME, __version__
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import ProjectInfo
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.timeline_view import TimelineView

PROJECT_FILTER = "Negotiator projects (*.sqlite);;All files (*)"


class MainWindow(QMainWindow):
    """The application window around one open project."""

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session = ProjectSession(self)
        self.session.project_loaded.connect(self._on_session_project_loaded)
        self.view = TimelineView()
        self.view.zoom_changed.connect(self._on_view_zoom_changed)
        self.banner = _banner()
        self.empty_label = QLabel(self.tr(
            "No project is open.\n\nFile > New makes one; File > Open opens one."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_error: str | None = None
        self._build_central()
        self._build_menus()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_layout()
        self._update_title()

    # -- building ------------------------------------------------------------

    def _build_central(self) -> None:
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.view)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages)
        self.setCentralWidget(central)
        self.statusBar()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New Project…"), QKeySequence.StandardKey.New,
                                       self.new_project)
        self.open_action = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open,
                                        self.choose_and_open)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self._action(self.tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn,
                                         lambda: self.view.zoom_by(1.25)))
        view_menu.addAction(self._action(self.tr("Zoom &Out"),
                                         QKeySequence.StandardKey.ZoomOut,
                                         lambda: self.view.zoom_by(0.8)))
        view_menu.addAction(self._action(self.tr("&Fit All"), QKeySequence("Ctrl+0"),
                                         self.view.fit_all))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Negotiator"), None, self.show_about))

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- opening -------------------------------------------------------------

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        """Open the project at `path`; on failure say why and keep what was open.

        Returns:
            True when the project opened.
        """
        try:
            self.session.open(Path(path), read_only=read_only)
        except NegotiatorError as exc:
            self.show_error(self.tr("Could not open %s") % Path(path).name, str(exc))
            return False
        except (sqlite3.Error, OSError) as exc:
            self.show_error(self.tr("Could not open %s") % Path(path).name,
                            f"{path}: {exc}")
            return False
        self.settings.add_recent(Path(path))
        return True

    def choose_and_open(self) -> None:
        """Ask for a project file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Project"),
                                              self._start_dir(), PROJECT_FILTER)
        if path:
            self.open_path(Path(path))

    def new_project(self) -> None:
        """Ask for a new file name and make an empty project there."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New Project"), self._start_dir(), PROJECT_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.create_project(Path(path))

    def create_project(self, path: Path) -> bool:
        """Make an empty project at `path` (.sqlite added if missing) and open it."""
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        try:
            store = ProjectStore.create(path, ProjectInfo(title=path.stem))
        except NegotiatorError as exc:
            self.show_error(self.tr("Could not make %s") % path.name, str(exc))
            return False
        self.session.adopt(store)
        self.settings.add_recent(path)
        return True

    def _start_dir(self) -> str:
        current = self.session.path
        return str(current.parent) if current else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not files:
            self.recent_menu.addAction(self.tr("No recent projects")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self.settings.clear_recent)

    def _open_recent(self, path: Path) -> None:
        if not self.open_path(path) and not path.exists():
            self.settings.remove_recent(path)

    # -- reacting ------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        project = self.session.project
        self.pages.setCurrentWidget(self.view)
        self.view.show_project(project)
        reason = self.session.read_only_reason
        self.banner.setVisible(reason is not None)
        if reason:
            self.banner.setText(self.tr("Read-only: %s.") % reason)
        problems = self.session.store.load_problems if self.session.store else []
        if problems:
            self.show_error(self.tr("Some records could not be read"),
                            "\n".join(str(p) for p in problems[:20]))
        self._update_title()
        self._update_status()

    def _on_view_zoom_changed(self, px_per_day: float) -> None:
        self._update_status()

    def _update_title(self) -> None:
        path = self.session.path
        if path is None:
            self.setWindowTitle(APP_NAME)
            return
        mark = self.tr(" [read-only]") if self.session.read_only_reason else ""
        self.setWindowFilePath(str(path))
        self.setWindowTitle(f"{path.name}{mark} — {APP_NAME}")

    def _update_status(self) -> None:
        counts = self.session.project.counts()
        self.statusBar().showMessage(
            self.tr("%d events · %d items · %d links · zoom %s") % (
                counts["events"], counts["items"], counts["links"],
                _zoom_text(self.view.scale.px_per_day)))

    def show_error(self, title: str, message: str) -> None:
        """Tell the user what went wrong, without blocking the window."""
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, title, title,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("errorBox")
        box.open()

    def show_about(self) -> None:
        """A short About box."""
        QMessageBox.about(self, self.tr("About Negotiator"),
                          f"{APP_NAME} {__version__}\n\n" + self.tr(
                              "Lay out a negotiation on a timeline, share it, brief from it."))

    # -- window --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.session.close()
        super().closeEvent(event)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)


def _banner() -> QLabel:
    banner = QLabel()
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setStyleSheet("QLabel#readOnlyBanner { background: #FFF4CE; color: #3B2F00;"
                         " padding: 6px 10px; border-bottom: 1px solid #E0C060; }")
    banner.setAccessibleName("Read-only notice")
    banner.hide()
    return banner


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        return Path(urls[0].toLocalFile())
    return None


def _zoom_text(px_per_day: float) -> str:
    days_per_100px = 100 / px_per_day
    if days_per_100px < 14:
        return f"{days_per_100px:.0f} days / 100 px"
    if days_per_100px < 700:
        return f"{days_per_100px / 30.44:.1f} months / 100 px"
    return f"{days_per_100px / 365.25:.1f} years / 100 px"

"""MainWindow: the timeline, its docks, menus, a read-only banner and the status bar."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui import APP_NAME
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import ProjectInfo
from negotiator_gui.storage import backups
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui import filter_text
from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.filter_bar import FilterBar
from negotiator_gui.ui.history_panel import HistoryPanel
from negotiator_gui.ui.inspector_dock import InspectorDock
from negotiator_gui.ui.main_actions import MainActions, make_history_view
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_dock import TableDock
from negotiator_gui.ui.timeline_view import TimelineView

if TYPE_CHECKING:  # the dialogs are imported when first opened: a quicker start-up
    from negotiator_gui.ui.backups_dialog import BackupsDialog
    from negotiator_gui.ui.conflict_dialog import ConflictDialog
    from negotiator_gui.ui.export_dialog import ExportDialog
    from negotiator_gui.ui.records_dialog import RecordsDialog

PROJECT_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Negotiator projects (*.sqlite);;All files (*)")
WATCH_INTERVAL_MS = 2000  # how often a colleague's saved edits are looked for
BACKUP_INTERVAL_MS = backups.INTERVAL_S * 1000


class MainWindow(QMainWindow):
    """The application window around one open project."""

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.session = ProjectSession(self)
        self.selection = EventSelection(self)
        # Before the view connects its own: the page shows the view (at its
        # real size) before the view fits the new project into it.
        self.session.project_loaded.connect(self._on_session_project_loaded)
        self.view = TimelineView(self.session, self.selection)
        self.filter_bar = FilterBar(self.session)
        self.view.set_filter_source(self.filter_bar)
        self.banner = _banner()
        self.empty_label = QLabel(self.tr(
            "No project is open.\n\nFile > New makes one; File > Open opens one."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_error: str | None = None
        self.records_dialog: RecordsDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self._build_central()
        self.actions_ = MainActions(self)
        self.inspector = InspectorDock(self.session, self.selection, self)
        self._dock(self.tr("Inspector"), "inspector_dock", self.inspector,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        self.table_dock = TableDock(self.session, self.selection, self)
        self._dock(self.tr("Tables"), "tableDock", self.table_dock,
                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.change_history = HistoryPanel(self.session, self)
        self._dock(self.tr("Change History"), "changeHistoryDock", self.change_history,
                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.change_history)
        self.table_dock.raise_()
        self.history_dock = self._dock(self.tr("History"), "historyDock",
                                       make_history_view(self),
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock.hide()
        self._connect()
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
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.pages)
        self.setCentralWidget(central)
        self.presence_label = QLabel()
        self.presence_label.setObjectName("presenceLabel")
        self.presence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.presence_label.setAccessibleName(self.tr("Who else has this project open"))
        self.presence_label.hide()
        self.statusBar().addPermanentWidget(self.presence_label)

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = widget if isinstance(widget, QDockWidget) else QDockWidget(title, self)
        if dock is not widget:
            dock.setWidget(widget)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        self.actions_.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _connect(self) -> None:
        self.session.project_changed.connect(self._on_session_project_changed)
        self.session.write_failed.connect(self._on_session_write_failed)
        self.session.conflict_found.connect(self._on_session_conflict_found)
        self.session.colleagues_changed.connect(self._on_session_colleagues_changed)
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self.session.check_for_changes)
        self.watch_timer.start()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self.session.take_backup_if_changed)
        self.backup_timer.start()
        self.selection.selection_changed.connect(self._on_selection_changed)
        self.view.zoom_changed.connect(self._on_view_zoom_changed)
        self.view.edits.message.connect(self._on_edits_message)
        self.view.open_requested.connect(self._on_view_open_requested)
        self.view.edits.event_created.connect(self._on_view_open_requested)
        self.view.tracks_requested.connect(lambda: self.show_records("tracks"))
        self.inspector.history_requested.connect(
            lambda event_id: self.change_history.show_record(("event", event_id)))
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)

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
            self.show_error(self.tr("Could not open %s") % Path(path).name, f"{path}: {exc}")
            return False
        self.settings.add_recent(Path(path))
        return True

    def choose_and_open(self) -> None:
        """Ask for a project file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Project"),
                                              self._start_dir(), _project_filter())
        if path:
            self.open_path(Path(path))

    def new_project(self) -> None:
        """Ask for a new file name and make an empty project there."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New Project"), self._start_dir(), _project_filter(),
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

    def save_copy(self) -> None:
        """File > Save a Copy As: a consistent copy through SQLite's backup API."""
        if self.session.store is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a Copy As"),
                                              self._start_dir(), _project_filter())
        if path:
            self.save_copy_to(Path(path))

    def save_copy_to(self, path: Path) -> bool:
        """Write a copy of the open project to `path` (never over the open file)."""
        if self.session.store is None:
            return False
        if path.absolute() == self.session.path.absolute():
            self.show_error(self.tr("Could not save a copy"),
                            self.tr("Choose a different file from the open project."))
            return False
        try:
            path.unlink(missing_ok=True)
            self.session.store.backup_to(path)
        except (OSError, sqlite3.Error) as exc:
            self.show_error(self.tr("Could not save a copy"), f"{path}: {exc}")
            return False
        self.statusBar().showMessage(self.tr("Saved a copy as %s") % path, 5000)
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

    # -- editing -------------------------------------------------------------

    def new_event(self) -> None:
        """Edit > New Event: an event at the centre of the view, in the lane there."""
        viewport = self.view.viewport().rect()
        self.view.create_at(QPoint((viewport.width() + 170) // 2, viewport.height() // 3))

    def show_records(self, tab: str = "parties") -> RecordsDialog:
        """Edit > Parties, Tracks and Sources: one modeless dialog, raised when open."""
        if self.records_dialog is None:
            from negotiator_gui.ui.records_dialog import RecordsDialog

            self.records_dialog = RecordsDialog(self.session, self, tab=tab)
        else:
            self.records_dialog.show_tab(tab)
        self.records_dialog.show()
        self.records_dialog.raise_()
        self.records_dialog.activateWindow()
        return self.records_dialog

    def show_export(self) -> ExportDialog | None:
        """File > Export Briefing: options, a preview, progress; read-only projects too."""
        if self.session.store is None:
            return None
        first, last = self.view.overlay.visible_days(self.view.scale)
        on_screen = (PartialDate.from_date(_dt.date.fromordinal(max(first, 1))),
                     PartialDate.from_date(_dt.date.fromordinal(max(last, 1))))
        from negotiator_gui.ui.export_dialog import ExportDialog  # reportlab, pdfium: lazily

        dialog = ExportDialog(self.session, self, on_screen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_backups(self) -> BackupsDialog:
        """File > Restore from Backup."""
        from negotiator_gui.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_record_history(self) -> None:
        """The change history of the selected event, one click away."""
        current = self.selection.current
        self.change_history.show_record(("event", current) if current else None)

    def show_history(self) -> None:
        """Edit > History."""
        self.history_dock.show()
        self.history_dock.raise_()

    # -- reacting ------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        self.pages.setCurrentWidget(self.view)
        self.selection.clear()
        reason = self.session.read_only_reason
        self.banner.setVisible(reason is not None)
        if reason:
            self.banner.setText(self.tr("Read-only: %s.") % reason)
        problems = self.session.store.load_problems if self.session.store else []
        if problems:
            self.show_error(self.tr("Some records could not be read"),
                            "\n".join(str(p) for p in problems[:20]))
        self.actions_.sync()
        self._update_title()
        self._update_status()

    def _on_session_project_changed(self, changes) -> None:
        self._update_status()

    def _on_session_conflict_found(self, conflicted) -> None:
        from negotiator_gui.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(self.session, conflicted, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conflict_dialog = dialog
        dialog.open()

    def _on_session_colleagues_changed(self, colleagues: list) -> None:
        if not colleagues:
            self.presence_label.hide()
            return
        lines = [self.tr("%s on %s, since %s") % (c.user or "?", c.host or "?",
                                                 c.opened_at.astimezone().strftime("%H:%M"))
                 for c in colleagues]
        first = colleagues[0]
        text = self.tr("Also open: %s") % (first.user or first.host)
        if len(colleagues) > 1:
            text += self.tr(" and %d more") % (len(colleagues) - 1)
        self.presence_label.setText(text)
        self.presence_label.setToolTip("\n".join(lines))
        self.presence_label.show()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.session.check_for_changes()  # back from elsewhere: catch up at once
        super().changeEvent(event)

    def _on_session_write_failed(self, message: str) -> None:
        self.show_error(self.tr("The change was not saved"), message)

    def _on_selection_changed(self, ids: list[str]) -> None:
        self._update_status()

    def _on_view_zoom_changed(self, px_per_day: float) -> None:
        self._update_status()

    def _on_filter_bar_filter_changed(self, spec) -> None:
        options = self.view.options
        if (self.filter_bar.matching(), spec.mode) != (options.matching, options.filter_mode):
            self.view.rebuild()
        self._update_status()

    def _on_edits_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 4000)

    def _on_view_open_requested(self, event_id: str) -> None:
        self.selection.select([event_id])
        self.inspector.focus_title()

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
        selected = len(self.selection.ids)
        text = self.tr("%d events · %d items · %d links") % (
            counts["events"], counts["items"], counts["links"])
        if selected:
            text += self.tr(" · %d selected") % selected
        matching = self.filter_bar.matching()
        if matching is not None:
            text += self.tr(" · filter: %s (%d match)") % (
                filter_text.describe(self.filter_bar.spec, self.session.project), len(matching))
        text += " · " + self.tr("zoom %s") % _zoom_text(self.view.scale.px_per_day)
        self.statusBar().showMessage(text)

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

    def show_about(self):
        """Help > About: the version and the licences of what is bundled."""
        from negotiator_gui.ui.about_dialog import AboutDialog  # lazy: keeps start-up quick

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_user_guide(self):
        """Help > User Guide: the guide in its own window (or where it was looked for)."""
        from negotiator_gui.ui import help_window  # lazy: keeps start-up quick

        guide = getattr(self, "_guide_window", None)
        if guide is None:
            guide = self._guide_window = help_window.HelpWindow(help_window.find_guide(),
                                                                parent=self)
            guide.setWindowFlag(Qt.WindowType.Window)
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    # -- window --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            if path.suffix.lower() in (".json", ".csv") and self.session.editable:
                from negotiator_gui.ui.project_actions import import_path

                import_path(self, path)  # an exchange file dropped on a project: import it
            else:
                self.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.session.take_backup_if_changed()
        self.session.close()
        super().closeEvent(event)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        else:  # first run: the timeline gets most of the room
            self.resizeDocks([self.table_dock], [230], Qt.Orientation.Vertical)
            self.resizeDocks([self.inspector], [380], Qt.Orientation.Horizontal)


def _banner() -> QLabel:
    banner = QLabel()
    banner.setObjectName("readOnlyBanner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setStyleSheet("QLabel#readOnlyBanner { background: #FFF4CE; color: #3B2F00;"
                         " padding: 6px 10px; border-bottom: 1px solid #E0C060; }")
    banner.setAccessibleName(QCoreApplication.translate("MainWindow", "Read-only notice"))
    banner.hide()
    return banner


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        return Path(urls[0].toLocalFile())
    return None


def _project_filter() -> str:
    return QCoreApplication.translate("MainWindow", PROJECT_FILTER)


def _zoom_text(px_per_day: float) -> str:
    days_per_100px = 100 / px_per_day
    if days_per_100px < 14:
        return QCoreApplication.translate("MainWindow", "{0:.0f} days / 100 px").format(
            days_per_100px)
    if days_per_100px < 700:
        return QCoreApplication.translate("MainWindow", "{0:.1f} months / 100 px").format(
            days_per_100px / 30.44)
    return QCoreApplication.translate("MainWindow", "{0:.1f} years / 100 px").format(
        days_per_100px / 365.25)

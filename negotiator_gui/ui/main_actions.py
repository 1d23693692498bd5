"""MainActions: the window's menus, shortcuts and toolbar, built in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QUndoView

if TYPE_CHECKING:
    from negotiator_gui.ui.main_window import MainWindow

Key = QKeySequence.StandardKey


class MainActions(QObject):
    """Creates every QAction of the main window and puts them in menus and the toolbar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editing: list[QAction] = []  # disabled for read-only projects
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        self._help_menu()
        self._toolbar()

    def action(self, text: str, shortcut, slot, tip: str = "", editing: bool = False,
               checkable: bool = False) -> QAction:
        """A window-wide action with a shortcut and a tooltip."""
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.window.addAction(action)
        if editing:
            self.editing.append(action)
        return action

    def _file_menu(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu(self.tr("&File"))
        self.new = self.action(self.tr("&New Project…"), Key.New, w.new_project,
                               self.tr("Make a new, empty project file"))
        self.open = self.action(self.tr("&Open…"), Key.Open, w.choose_and_open,
                                self.tr("Open a project file"))
        menu.addActions([self.new, self.open])
        w.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        w.recent_menu.aboutToShow.connect(w._fill_recent_menu)
        menu.addSeparator()
        self.save_copy = self.action(self.tr("Save a &Copy As…"), Key.SaveAs, w.save_copy,
                                     self.tr("Write a copy of the project to another file"))
        menu.addAction(self.save_copy)
        self.import_ = self.action(self.tr("&Import…"), QKeySequence("Ctrl+Shift+I"),
                                   lambda: _project_actions().choose_and_import(w),
                                   self.tr("Bring the records of a JSON or CSV file into "
                                           "the project (one undo step)"), editing=True)
        menu.addAction(self.import_)
        self.details = self.action(self.tr("Project &Details…"), None,
                                   lambda: _project_actions().edit_project_details(w),
                                   self.tr("The project's title, subject and handling "
                                           "marking, as the briefing's cover shows them"))
        menu.addAction(self.details)
        self.export = self.action(self.tr("&Export Briefing…"), QKeySequence("Ctrl+Shift+X"),
                                  w.show_export, self.tr("A PDF briefing, a calendar, the "
                                                         "figure, JSON or CSV"))
        menu.addAction(self.export)
        self.restore = self.action(self.tr("Restore from &Backup…"), None, w.show_backups,
                                   self.tr("Put the project back as one of its backups was"),
                                   editing=True)
        menu.addAction(self.restore)
        menu.addSeparator()
        self.quit = self.action(self.tr("&Quit"), Key.Quit, w.close)
        menu.addAction(self.quit)

    def _edit_menu(self) -> None:
        w = self.window
        stack = w.session.undo_stack
        menu = w.menuBar().addMenu(self.tr("&Edit"))
        # Short names that say what they will undo in their tooltip, so the
        # toolbar stays narrow whatever the last change was called.
        self.undo = self.action(self.tr("&Undo"), Key.Undo, stack.undo)
        self.redo = self.action(self.tr("&Redo"), Key.Redo, stack.redo)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(
            lambda text: self.undo.setToolTip(self.tr("Undo %s") % text if text else ""))
        stack.redoTextChanged.connect(
            lambda text: self.redo.setToolTip(self.tr("Redo %s") % text if text else ""))
        menu.addActions([self.undo, self.redo])
        self.history = self.action(self.tr("&History"), QKeySequence("Ctrl+H"),
                                   w.show_history, self.tr("Every change, to undo back to"))
        menu.addAction(self.history)
        self.record_history = self.action(self.tr("Changes to This &Event"),
                                          QKeySequence("Ctrl+Shift+H"), w.show_record_history,
                                          self.tr("Who changed the selected event, when, "
                                                  "and what it was before"))
        menu.addAction(self.record_history)
        menu.addSeparator()
        edits = w.view.edits
        self.copy = self.action(self.tr("&Copy"), Key.Copy, edits.copy_selected)
        self.paste = self.action(self.tr("&Paste"), Key.Paste, edits.paste, editing=True)
        self.duplicate = self.action(self.tr("&Duplicate"), QKeySequence("Ctrl+D"),
                                     edits.duplicate_selected, editing=True)
        self.delete = self.action(self.tr("De&lete"), Key.Delete, edits.delete_selected,
                                  editing=True)
        self.new_event = self.action(self.tr("New &Event"), QKeySequence("Ctrl+E"),
                                     w.new_event, self.tr("Add an event at the centre "
                                                          "of the view"), editing=True)
        menu.addActions([self.copy, self.paste, self.duplicate, self.delete])
        menu.addSeparator()
        menu.addAction(self.new_event)
        self.records = self.action(self.tr("Parties, &Tracks and Sources…"),
                                   QKeySequence("Ctrl+Shift+E"), w.show_records,
                                   self.tr("Add, rename, recolour, merge or delete parties, "
                                           "tracks and sources"))
        menu.addAction(self.records)
        self.select_all = self.action(self.tr("Select &All"), Key.SelectAll,
                                      lambda: w.selection.select(
                                          e.id for e in w.session.project.events))
        menu.addAction(self.select_all)
        menu.addSeparator()
        self.find = self.action(self.tr("&Find…"), Key.Find, w.filter_bar.focus_search,
                                self.tr("Search titles, summaries and items"))
        menu.addAction(self.find)

    def _view_menu(self) -> None:
        w, view = self.window, self.window.view
        menu = w.menuBar().addMenu(self.tr("&View"))
        self.zoom_in = self.action(self.tr("Zoom &In"), Key.ZoomIn, lambda: view.zoom_by(1.25))
        self.zoom_out = self.action(self.tr("Zoom &Out"), Key.ZoomOut,
                                    lambda: view.zoom_by(0.8))
        self.fit_all = self.action(self.tr("&Fit All"), QKeySequence("Ctrl+0"), view.fit_all)
        self.fit_selection = self.action(self.tr("Fit &Selection"), QKeySequence("Ctrl+9"),
                                         view.fit_selection)
        menu.addActions([self.zoom_in, self.zoom_out, self.fit_all, self.fit_selection])
        menu.addSeparator()
        lanes = menu.addMenu(self.tr("&Lanes By"))
        self.lane_modes = self._choice(lanes, [("track", self.tr("&Track")),
                                               ("party", self.tr("&Party")),
                                               ("subject", self.tr("Item &Subject"))],
                                       view.set_lane_mode)
        colours = menu.addMenu(self.tr("&Colour By"))
        self.color_modes = self._choice(colours, [("kind", self.tr("Event &Kind")),
                                                  ("party", self.tr("First &Party"))],
                                        view.set_color_by)
        self.events_table = self.action(self.tr("Events &Table"), QKeySequence("Ctrl+T"),
                                        lambda: w.table_dock.focus_events_table(),
                                        self.tr("Every event in a sortable table: a keyboard "
                                                "path to each"))
        menu.addAction(self.events_table)
        self.show_links = self.action(self.tr("Show &Links"), None, view.set_show_links,
                                      checkable=True)
        self.show_links.setChecked(True)
        menu.addAction(self.show_links)
        self.show_legend = self.action(self.tr("Show Le&gend"), None, view.set_show_legend,
                                       checkable=True)
        self.show_legend.setChecked(True)
        menu.addAction(self.show_legend)
        self.view_menu = menu

    def _choice(self, menu, choices, slot) -> dict[str, QAction]:
        group = QActionGroup(self.window)
        out = {}
        for key, text in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, k=key: slot(k))
            out[key] = action
        next(iter(out.values())).setChecked(True)
        return out

    def _help_menu(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("&Help"))
        self.user_guide = self.action(self.tr("&User Guide"), Key.HelpContents,
                                      self.window.show_user_guide,
                                      self.tr("How to build, read, share and brief from "
                                              "a project"))
        self.about = self.action(self.tr("&About Negotiator"), None, self.window.show_about)
        menu.addActions([self.user_guide, self.about])

    def _toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self.window)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.new_event, self.delete])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.zoom_in, self.zoom_out, self.fit_all])
        self.window.addToolBar(bar)
        self.toolbar = bar

    def sync(self) -> None:
        """Match checkable actions to the view's options; disable editing when read-only."""
        view = self.window.view
        self.lane_modes[view.options.lane_mode].setChecked(True)
        self.color_modes[view.options.color_by].setChecked(True)
        self.show_links.setChecked(view.options.show_links)
        self.show_legend.setChecked(view.options.show_legend)
        editable = self.window.session.editable
        for action in self.editing:
            action.setEnabled(editable)


def make_history_view(window: MainWindow) -> QUndoView:
    """Edit > History: the undo stack as a list; choosing a line undoes back to it."""
    view = QUndoView(window.session.undo_stack)
    view.setEmptyLabel(QCoreApplication.translate("MainWindow", "<opened>"))
    view.setAccessibleName(QCoreApplication.translate("MainWindow", "History of changes"))
    return view


def _project_actions():
    """The import and project-details code, loaded on first use."""
    from negotiator_gui.ui import project_actions

    return project_actions

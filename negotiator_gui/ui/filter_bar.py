"""FilterBar: the search box and Filters menu over the timeline; kept in the project."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.filtering import MAX_TEXT, FilterSpec, matching_events
from negotiator_gui.ui import filter_text
from negotiator_gui.ui.filter_menu import FilterMenu
from negotiator_gui.ui.session import ProjectSession

FILTER_SETTING = "filter"
TYPING_DELAY_MS = 250


class FilterBar(QWidget):
    """Search box, Filters menu and match count; keeps the filter in the project.

    The timeline asks `matching()` which events to highlight and dims or
    hides the rest as `spec.mode` says.

    Signals:
        filter_changed(object): the new FilterSpec, after the user changed it
            or a project was opened with its own.
    """

    filter_changed = Signal(object)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._spec = FilterSpec()
        self._cache: tuple[object, FilterSpec, set[str]] | None = None
        self.last_search_error = ""
        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self._on_typing_timeout)
        self._build()
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_closed.connect(self._on_session_project_closed)
        session.project_changed.connect(self._on_session_project_changed)
        if session.store is not None:
            self._on_session_project_loaded()

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search titles, summaries and items"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setToolTip(self.tr("Find events by their words (Ctrl+F); "
                                            "accents and case do not matter"))
        self.search_edit.setMinimumWidth(260)
        self.search_edit.setMaximumWidth(420)
        self.search_edit.setMaxLength(MAX_TEXT)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_typing_timeout)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit,
                           context=Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._on_escape_activated)
        self.menu = FilterMenu(self.session, self)
        self.menu.spec_edited.connect(self._on_menu_spec_edited)
        self.clear_action = self.menu.clear_action
        self.clear_action.triggered.connect(self._on_clear_action_triggered)
        self.filters_button = QToolButton()
        self.filters_button.setText(self.tr("Filters"))
        self.filters_button.setArrowType(Qt.ArrowType.DownArrow)
        self.filters_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filters_button.setAccessibleName(self.tr("Filters"))
        self.filters_button.clicked.connect(self._on_filters_button_clicked)
        self.clear_button = QToolButton()
        self.clear_button.setDefaultAction(self.clear_action)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        for widget in (self.search_edit, self.filters_button, self.clear_button,
                       self.count_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._refresh()

    # -- the filter ------------------------------------------------------------

    @property
    def spec(self) -> FilterSpec:
        """The filter in force."""
        return self._spec

    def matching(self) -> set[str] | None:
        """Ids of the events the filter keeps, or None when no filter is active."""
        spec, project = self._spec, self.session.project
        if spec.is_empty() or self.session.store is None:
            return None
        if self._cache is not None and self._cache[0] is project and self._cache[1] == spec:
            return set(self._cache[2])
        hits = self._search(spec.text) if spec.text.strip() else None
        found = matching_events(project, spec, hits)
        self._cache = (project, spec, found)
        return set(found)

    def focus_search(self) -> None:
        """Put the keyboard in the search box with its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_spec(self, spec: FilterSpec) -> None:
        """Use `spec` as if the user had chosen it (it is kept in the project)."""
        self._typing.stop()
        self._apply(spec, save=True)

    def _search(self, text: str) -> set[str]:
        assert self.session.store is not None
        try:
            hits = self.session.store.search(text)
        except NegotiatorError as exc:
            self.last_search_error = str(exc)
            return set()
        self.last_search_error = ""
        return hits

    def _apply(self, spec: FilterSpec, save: bool, always: bool = False) -> None:
        if spec == self._spec and not always:
            return
        self._spec = spec
        self._refresh()
        self.filter_changed.emit(spec)
        if save:
            self._save()

    def _save(self) -> None:
        """Keep the filter in the project; a read-only project simply does not keep it."""
        if not self.session.editable:
            return
        value = "" if self._spec == FilterSpec() else self._spec.to_json()
        self.session.set_setting(FILTER_SETTING, value)

    # -- showing the filter --------------------------------------------------------

    def _refresh(self) -> None:
        spec = self._spec
        if self.search_edit.text() != spec.text and not self._typing.isActive():
            blocked = self.search_edit.blockSignals(True)
            self.search_edit.setText(spec.text)
            self.search_edit.blockSignals(blocked)
        self.menu.show_spec(spec)
        self.clear_button.setVisible(not spec.is_empty())
        criteria = len([name for name in spec.active_criteria() if name != "text"])
        self.filters_button.setText(self.tr("Filters (%n)", "", criteria) if criteria
                                    else self.tr("Filters"))
        summary = filter_text.describe(spec, self.session.project)
        self.filters_button.setToolTip(html.escape(summary) if summary
                                       else self.tr("Show only some events"))
        self._refresh_count()

    def _refresh_count(self) -> None:
        found = self.matching()
        if found is None:
            self.count_label.clear()
            return
        total = len(self.session.project.events)
        self.count_label.setText(self.tr("{matched} of {total} events match").format(
            matched=len(found), total=total))
        self.count_label.setToolTip(self.last_search_error)

    # -- handlers ----------------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        self._typing.stop()
        self._cache = None
        spec = FilterSpec.from_json(self.session.settings.get(FILTER_SETTING, ""))
        self._apply(spec, save=False, always=True)

    def _on_session_project_closed(self) -> None:
        self._typing.stop()
        self._apply(FilterSpec(mode=self._spec.mode), save=False)

    def _on_session_project_changed(self, _changes: object) -> None:
        self._refresh_count()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._typing.start()

    def _on_typing_timeout(self) -> None:
        self._typing.stop()
        self._apply(replace(self._spec, text=self.search_edit.text()), save=True)

    def _on_escape_activated(self) -> None:
        self.search_edit.clear()
        self._on_typing_timeout()

    def _on_filters_button_clicked(self) -> None:
        button = self.filters_button
        self.menu.popup(button.mapToGlobal(QPoint(0, button.height())))

    def _on_menu_spec_edited(self, spec: FilterSpec) -> None:
        self._apply(replace(spec, text=self._spec.text), save=True)

    def _on_clear_action_triggered(self) -> None:
        self._typing.stop()
        self._apply(self._spec.cleared(), save=True)

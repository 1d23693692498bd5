"""InspectorDock: the panel that shows and edits the selected event and its items."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.changes import ChangeSet, index_of
from negotiator_gui.domain.model import Event
from negotiator_gui.ui import date_text
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession

if TYPE_CHECKING:  # made (and imported) when an event is first selected: quicker start-up
    from negotiator_gui.ui.event_form import EventForm
    from negotiator_gui.ui.item_editor import ItemEditor


class InspectorDock(QDockWidget):
    """Shows the selected event (selection.current) for editing.

    One event: every field on the Event tab, its items and their links on the
    Items tab. Several events: the fields they can share, set on all at once.
    Nothing selected: a hint. A read-only project is shown but not editable.

    Signals:
        history_requested(str): the user asked for the event's change history.
    """

    history_requested = Signal(str)

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Inspector"), parent)
        self.setObjectName("inspector_dock")  # so the window can save and restore it
        self.session = session
        self.selection = selection
        self._form: EventForm | None = None
        self._item_editor: ItemEditor | None = None
        self._shown: dict[str, Event] = {}  # the events shown, as shown
        self._stale = False  # a change came while the dock was hidden: refresh when shown
        self._tabs_shape: tuple[bool, bool, int] | None = None  # what the tabs show
        self._partners: set[str] = set()  # items linked to the shown items (their
        # texts and their events' titles are shown with the links)
        self._build()
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_changed.connect(self._on_session_project_changed)
        session.project_closed.connect(self._on_session_project_closed)
        selection.selection_changed.connect(self._on_selection_selection_changed)
        self.refresh()

    @property
    def form(self) -> EventForm:
        """The Event tab's fields (made when first needed: an empty selection needs none)."""
        if self._form is None:
            self._build_editors()
        return self._form

    @property
    def item_editor(self) -> ItemEditor:
        """The Items tab (made with the Event tab)."""
        if self._item_editor is None:
            self._build_editors()
        return self._item_editor

    def _build_editors(self) -> None:
        from negotiator_gui.ui.event_form import EventForm
        from negotiator_gui.ui.item_editor import ItemEditor

        self._form = EventForm(self.session)
        self._item_editor = ItemEditor(self.session, self.selection)
        self.tabs.addTab(_scrolling(self._form), self.tr("Event"))
        self.tabs.addTab(_scrolling(self._item_editor), self.tr("Items"))

    def _on_history_button_clicked(self) -> None:
        if self.selection.current:
            self.history_requested.emit(self.selection.current)

    def _build(self) -> None:
        self.empty_label = QLabel(self.tr(
            "Select an event on the timeline to see and edit it here.\n\n"
            "Ctrl-click or drag around several events to change them together; "
            "double-click empty space on the timeline to create one."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setMargin(16)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.read_only_label.setMargin(4)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)  # its two tabs come with the editors
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.history_button = QPushButton(self.tr("History"))
        self.history_button.setFlat(True)
        self.history_button.setToolTip(self.tr("Who changed this event, when, and what it was "
                                               "before"))
        self.history_button.clicked.connect(self._on_history_button_clicked)
        top.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(page)
        self.pages.setAccessibleName(self.tr("Inspector"))
        self.setWidget(self.pages)

    # -- public ----------------------------------------------------------------

    def focus_title(self) -> None:
        """Show the dock and put the cursor in the title, all of it selected."""
        self.show()
        if not self.isWindow():  # docked, perhaps tabbed behind another dock
            self.raise_()
        self.tabs.setCurrentIndex(0)
        self.form.focus_title()

    def shown_events(self) -> list[Event]:
        """The selected events that exist in the project, the current one last."""
        index = index_of(self.session.project).events
        return [index[i] for i in self.selection.ids if i in index]

    def refresh(self, changes: ChangeSet | None = None) -> None:
        """Show the selection as the project holds it now.

        `changes`: the change just written, when the same events stay shown:
        what it cannot have changed (the choice of tracks, parties and sources;
        an event's items when neither they nor any link changed; whether the
        project is editable) is not shown again.
        """
        self._stale = False
        events = self.shown_events()
        before, self._shown = self._shown, {e.id: e for e in events}
        same = changes is not None and list(before) == list(self._shown)
        lists = not same or _changes_lists(changes)
        self.pages.setCurrentIndex(1 if events else 0)
        if not events and self._form is None:
            return  # the hint is shown; no editors made yet to empty
        self.form.show_events(events, choices=lists)
        single = events[-1] if len(events) == 1 else None
        if lists or self._touches_links(changes) or (
                single is not None and before[single.id].items != single.items):
            self.item_editor.show_event(single)
            self._partners = self._partners_of(single)
        self._show_tabs(single, len(events))
        self._show_heading(events)
        if not same:  # a change leaves the project editable or not, as it was
            self._show_editable()

    def _show_tabs(self, single: Event | None, count: int) -> None:
        """Show the Items tab for one event; name the tabs (each set only when it
        differs: setting a tab relays the bar out)."""
        shape = (single is not None, count < 2, len(single.items) if single else -1)
        if shape == self._tabs_shape:
            return  # as shown (a drag changes none of it)
        self._tabs_shape = shape
        if self.tabs.isTabVisible(1) != (single is not None):
            self.tabs.setTabVisible(1, single is not None)
        texts = (self.tr("Event") if count < 2 else self.tr("Events"),
                 self.tr("Items (%1)").replace("%1", str(len(single.items))) if single
                 else self.tr("Items"))
        for index, text in enumerate(texts):
            if self.tabs.tabText(index) != text:
                self.tabs.setTabText(index, text)

    def _show_heading(self, events: list[Event]) -> None:
        if len(events) != 1:
            count = self.tr("%n events selected", "", len(events))
            self.heading.setText(f"<b>{html.escape(count)}</b>" if events else "")
            return
        event = events[0]
        track = next((t.name for t in self.session.project.tracks if t.id == event.track),
                     event.track)
        self.heading.setText(f"<b>{html.escape(event.title)}</b><br>"
                             f"{html.escape(date_text.span(event.start, event.end))}"
                             f" · {html.escape(track)}")

    def _show_editable(self) -> None:
        from negotiator_gui.ui.form_fields import fill

        editable = self.session.editable
        self.form.set_editable(editable)
        self.item_editor.set_editable(editable)
        reason = self.session.read_only_reason
        self.read_only_label.setVisible(not editable and bool(reason))
        message = self.tr("This project is read-only (%1): you can look but not change.")
        self.read_only_label.setText(fill(message, (reason or "").rstrip(".")))

    # -- signals ---------------------------------------------------------------

    def _on_session_project_loaded(self) -> None:
        self.refresh()

    def _touches_links(self, changes: ChangeSet) -> bool:
        """True when `changes` changes links, or an event holding a linked item."""
        return bool(changes.put_links or changes.delete_links) or any(
            item.id in self._partners for event in changes.put_events for item in event.items)

    def _partners_of(self, event: Event | None) -> set[str]:
        if event is None:
            return set()
        mine = {item.id for item in event.items}
        return {end for link in self.session.project.links if link.source in mine
                or link.target in mine for end in (link.source, link.target)} - mine

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        if changes is not None and not self._stale and not _changes_lists(changes):
            touched = changes.event_ids()
            if self._shown.keys().isdisjoint(touched) and touched.isdisjoint(
                    self.selection.ids) and not self._touches_links(changes):
                return  # nothing shown here changed
        if self.window().isVisible() and not self.isVisible():
            self._stale = True  # closed, or tabbed behind another dock: when shown
            return
        self.refresh(None if self._stale else changes)

    def showEvent(self, event: QShowEvent) -> None:
        """Show what changed while the dock was hidden."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_session_project_closed(self) -> None:
        self.refresh()

    def _on_selection_selection_changed(self, _ids: list) -> None:
        self.refresh()


def _changes_lists(changes: ChangeSet) -> bool:
    """True when `changes` gives new lists of parties, tracks or sources (the choices
    the fields offer, the names they show)."""
    return (changes.parties is not None or changes.tracks is not None
            or changes.sources is not None)


def _scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a scroll area that only scrolls up and down."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(2, 6, 8, 6)
    layout.addWidget(widget)
    layout.addStretch(1)
    area.setWidget(inner)
    return area

"""TableDock: the events and items tables and the ledger, sharing the canvas's selection."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.ui.event_table_model import EventTableModel
from negotiator_gui.ui.item_table_model import ItemTableModel
from negotiator_gui.ui.keyed_rows_model import (
    SourceFilterProxyModel,
    SourceSortProxyModel,
    row_runs,
)
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_cells import CHOICES_ROLE, ID_ROLE, ITEM_ID_ROLE, NO_PARENT, SORT_ROLE

if TYPE_CHECKING:  # made (and imported) when their tabs are first needed: quicker start-up
    from negotiator_gui.ui.ledger_model import LedgerModel
    from negotiator_gui.ui.proposals_view import ProposalsView

# Sample texts that size each column: wide enough for what usually goes there.
EVENT_WIDTHS = ("30 Sep 2013", "30 Sep 2013", "Almaty talks, first round, Kazakh",
                "Technical-experts meeting", "Political directors", "Almaty, Kazakhstan",
                "P5+1, Iran, EU", "Postponed", "Items", "Restricted")
ITEM_WIDTHS = ("Crisis Group report: Spider W", "30 Sep 2013", "Commitment", "P5+1 (E3)",
               "P5+1 (E3)", "Stop producing uranium enriched to 20% and more",
               "Implemented", "inspections", "Restricted")
LEDGER_WIDTHS = ("Iran: Stop producing uranium enriched to 20% ⇄ P5+1: Security",
                 "2 floated, 1 proposed", "30 Sep 2013", "Crisis Group report: Spider Web")
# Below this many items the ledger opens fully expanded; above, down to the subjects.
SMALL_LEDGER = 80
# Room above and below the text of a row, in pixels.
ROW_PADDING = 10
# From this many rows on, a quick filter waits for a pause in typing.
BIG_TABLE = 2000
FILTER_PAUSE_MS = 250


class ChoiceDelegate(QStyledItemDelegate):
    """Edits cells with a combo box where the model offers choices (`CHOICES_ROLE`).

    A refused text edit is reported by `edit_refused` so the view can reopen the
    editor with what the user typed.

    Signals:
        edit_refused(QPersistentModelIndex, str): the model did not take the text.
    """

    edit_refused = Signal(QPersistentModelIndex, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: tuple[QPersistentModelIndex, str] | None = None

    def reopen_with(self, index: QPersistentModelIndex, text: str) -> None:
        """Make the next editor opened on `index` start with `text`."""
        self._pending = (index, text)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setFrame(False)
        for value, label in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _=0, c=combo: self._on_combo_activated(c))
        return combo

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), option.fontMetrics.height() + ROW_PADDING))
        return size

    def _on_combo_activated(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        super().setEditorData(editor, index)
        pending, self._pending = self._pending, None
        if pending and pending[0] == QPersistentModelIndex(index) \
                and isinstance(editor, QLineEdit):
            editor.setText(pending[1])

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QLineEdit):
            if not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole):
                self.edit_refused.emit(QPersistentModelIndex(index), editor.text())
            return
        super().setModelData(editor, model, index)


class TableDock(QDockWidget):
    """A dock with three tabs: Events, Items and Ledger.

    Selecting rows selects their events in `selection` (and, in the items
    table, the current item); a selection made elsewhere selects and shows the
    rows here. Double-clicking (or Enter on) a ledger entry selects its event.
    """

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tables"), parent)
        self.setObjectName("tableDock")
        self.session, self.selection = session, selection
        self._origin = ""
        self._write_error = ""
        self._muted = 0
        self._expanded: set[str] | None = None
        self.event_model = EventTableModel(session, self)
        self.item_model = ItemTableModel(session, self)
        self.item_model.set_live(False)  # until its tab is shown (see _on_tabs_current_changed)
        self.event_proxy = SourceFilterProxyModel(self)  # the model filters and sorts
        self.event_proxy.setSourceModel(self.event_model)
        self.item_proxy = _proxy(self.item_model, self)
        self.events_view = self._table(self.event_proxy, EVENT_WIDTHS, 2, "eventsTable")
        self.items_view = self._table(self.item_proxy, ITEM_WIDTHS, 5, "itemsTable")
        # The ledger (its model, proxy and tree) is made when first needed: a quicker start.
        self._ledger: tuple[LedgerModel, QSortFilterProxyModel, QTreeView] | None = None
        self._ledger_page = QWidget()
        self.problem_label = _problem_label()
        self.tabs = QTabWidget()
        self._build_tabs()
        self._proposals: ProposalsView | None = None
        self._proposals_page = QWidget()
        QVBoxLayout(self._proposals_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._proposals_page, self.tr("Proposals"))
        self._connect()

    # -- public ------------------------------------------------------------------

    @property
    def ledger_model(self) -> LedgerModel:
        """The ledger's tree model (made when first needed)."""
        return self._ledger_parts()[0]

    @property
    def ledger_proxy(self) -> QSortFilterProxyModel:
        """The ledger's filter (made when first needed)."""
        return self._ledger_parts()[1]

    @property
    def ledger_view(self) -> QTreeView:
        """The ledger's tree on the Ledger tab (made when first needed)."""
        return self._ledger_parts()[2]

    def _ledger_parts(self) -> tuple[LedgerModel, QSortFilterProxyModel, QTreeView]:
        if self._ledger is None:
            from negotiator_gui.ui.ledger_model import LedgerModel

            model = LedgerModel(self.session, self, live=False)
            proxy = _proxy(model, self, tree=True)
            view = self._tree(proxy)
            view.setAccessibleName(self.tr("Ledger"))
            self._ledger = (model, proxy, view)
            self._ledger_page.layout().addWidget(view)
            view.show()  # shown with its page (added to a page already shown)
            view.activated.connect(self._on_ledger_view_activated)
            model.about_to_rebuild.connect(self._on_ledger_model_about_to_rebuild)
            model.rebuilt.connect(self._on_ledger_model_rebuilt)
            model.set_live(self.tabs.currentWidget() is self._ledger_page)
        return self._ledger

    @property
    def proposals_view(self) -> ProposalsView:
        """The record of proposals on the Proposals tab (made when first needed)."""
        if self._proposals is None:
            from negotiator_gui.ui.proposals_view import ProposalsView

            self._proposals = ProposalsView(self.session, self.selection)
            self._proposals_page.layout().addWidget(self._proposals)
        return self._proposals

    def focus_events_table(self) -> None:
        """Show the events table and give it the keyboard, on the selected row or the first."""
        self.show()
        if not self.isWindow():
            self.raise_()  # brings a tabified dock to the front
        self.tabs.setCurrentIndex(0)
        view = self.events_view
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not view.selectionModel().hasSelection() and self.event_proxy.rowCount() > 0:
            view.selectionModel().setCurrentIndex(
                self.event_proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    # -- building ----------------------------------------------------------------

    def _table(self, proxy: QSortFilterProxyModel, widths: tuple[str, ...], stretch: int,
               name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(proxy)
        view.horizontalHeader().setSortIndicator(1 if name == "itemsTable" else 0,
                                                 Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        delegate = ChoiceDelegate(view)
        delegate.edit_refused.connect(
            lambda index, text, v=view: self._on_delegate_edit_refused(v, index, text))
        view.setItemDelegate(delegate)
        vertical = view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + ROW_PADDING)
        _size_columns(view, widths)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return view

    def _tree(self, proxy: QSortFilterProxyModel) -> QTreeView:
        view = QTreeView()
        view.setObjectName("ledgerTree")
        view.setModel(proxy)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setItemDelegate(ChoiceDelegate(view))  # for its row height
        view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.header().setStretchLastSection(False)
        _size_columns(view, LEDGER_WIDTHS)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return view

    def _build_tabs(self) -> None:
        self.filters: dict[str, QLineEdit] = {}
        self._proxies = {"events": self.event_proxy, "items": self.item_proxy}
        self._filter_timers: dict[str, QTimer] = {}
        pages = (("events", self.tr("Events"), self.events_view,
                  self.tr("Filter events (title, place, party, track…)")),
                 ("items", self.tr("Items"), self.items_view,
                  self.tr("Filter items (text, party, subject, status…)")),
                 ("ledger", self.tr("Ledger"), None,
                  self.tr("Filter the ledger (party, subject, text…)")))
        for key, title, view, hint in pages:
            self.filters[key] = self._filter_edit(key, title, hint)
            page = self._ledger_page if view is None else QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(4, 4, 4, 4)
            layout.setSpacing(4)
            layout.addWidget(self.filters[key])
            if view is not None:
                view.setAccessibleName(title)
                layout.addWidget(view)
            self.tabs.addTab(page, title)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem_label)
        self.setWidget(body)

    def _filter_edit(self, key: str, title: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{key}Filter")
        edit.setPlaceholderText(hint)
        edit.setAccessibleName(self.tr("Filter %s") % title)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(lambda _text, k=key: self._on_filter_text_changed(k))
        timer = self._filter_timers[key] = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(FILTER_PAUSE_MS)
        timer.timeout.connect(lambda k=key: self._apply_filter(k))
        return edit

    def _connect(self) -> None:
        self.events_view.selectionModel().selectionChanged.connect(
            self._on_events_view_selection_changed)
        self.items_view.selectionModel().selectionChanged.connect(
            self._on_items_view_selection_changed)
        self.selection.selection_changed.connect(self._on_selection_selection_changed)
        self.selection.current_item_changed.connect(self._on_selection_current_item_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.session.project_changed.connect(self._on_session_project_changed)
        self.session.write_failed.connect(self._on_session_write_failed)
        for model in (self.event_model, self.item_model):
            # Rows the filter now hides leave the selection, as they leave a filter
            # proxy's (only rows whose records went are muted).
            model.rowsAboutToBeRemoved.connect(lambda *_, m=model: m.hiding or self._mute())
            model.rowsRemoved.connect(lambda *_, m=model: m.hiding or self._unmute())
            model.modelAboutToBeReset.connect(self._mute)
            model.modelReset.connect(self._unmute)
            model.modelReset.connect(self._show_selection)

    # -- selection from the tables -------------------------------------------------

    def _on_events_view_selection_changed(self, *_: object) -> None:
        if self._muted:
            return
        ids = _selected(self.events_view, ID_ROLE)
        self._origin = "events"
        try:
            self.selection.select(ids)
        finally:
            self._origin = ""

    def _on_items_view_selection_changed(self, *_: object) -> None:
        if self._muted:
            return
        current = self.items_view.selectionModel().currentIndex()
        items = _selected(self.items_view, ITEM_ID_ROLE)
        item = current.data(ITEM_ID_ROLE) if current.isValid() and items else ""
        self._origin = "items"
        try:
            self.selection.select(_selected(self.items_view, ID_ROLE))
            self.selection.set_current_item(item if item in items else "")
        finally:
            self._origin = ""

    def _on_ledger_view_activated(self, index: QModelIndex) -> None:
        from negotiator_gui.ui.ledger_model import EVENT_IDS_ROLE
        from negotiator_gui.ui.ledger_model import ITEM_ID_ROLE as LEDGER_ITEM_ROLE

        ids = index.data(EVENT_IDS_ROLE)
        if ids:
            self.selection.select(ids)
            self.selection.set_current_item(index.data(LEDGER_ITEM_ROLE) or "")

    # -- selection from elsewhere --------------------------------------------------

    def _on_selection_selection_changed(self, ids: list[str]) -> None:
        self._mute()
        try:
            if self._origin != "events":
                rows = [self.event_model.row_of(i) for i in ids]
                _select_rows(self.events_view, self.event_proxy, rows)
            if self._origin != "items":
                self._select_items(ids)
        finally:
            self._unmute()

    def _select_items(self, ids: Iterable[str]) -> None:
        items = [i.id for e in map(self.event_model.event_of, ids) if e for i in e.items]
        rows = [self.item_model.row_of(i) for i in items]
        current = self.item_model.row_of(self.selection.current_item)
        if current in rows:
            rows.remove(current)
            rows.append(current)
        _select_rows(self.items_view, self.item_proxy, rows)

    def _on_selection_current_item_changed(self, item_id: str) -> None:
        if self._origin == "items" or not item_id:
            return
        self._mute()
        try:
            _select_rows(self.items_view, self.item_proxy, [self.item_model.row_of(item_id)])
        finally:
            self._unmute()

    def _show_selection(self) -> None:
        self._on_selection_selection_changed(self.selection.ids)

    def _mute(self, *_: object) -> None:
        self._muted += 1

    def _unmute(self, *_: object) -> None:
        self._muted = max(self._muted - 1, 0)

    # -- filters, edits, ledger ---------------------------------------------------

    def _on_filter_text_changed(self, key: str) -> None:
        """Filter at once when the table is small; after a pause in typing when it is big."""
        # The ledger has a leaf per item: its size is the items table's.
        rows = self.session.project.counts()["items"] if key == "ledger" \
            else self._proxies[key].sourceModel().record_count()
        if rows < BIG_TABLE:
            self._apply_filter(key)
        else:
            self._filter_timers[key].start()

    def _apply_filter(self, key: str) -> None:
        text = self.filters[key].text()
        if key == "ledger":
            self._filter_ledger(text)
            return
        proxy = self._proxies[key]
        self._mute()
        try:
            proxy.setFilterFixedString(text)
        finally:
            self._unmute()
        self._show_selection()

    def _filter_ledger(self, text: str) -> None:
        """Filter the tree collapsed (an expanded tree relays itself out per removed row);
        show every match, and the headings open before once the filter is cleared."""
        view, proxy = self.ledger_view, self.ledger_proxy
        if not proxy.filterRegularExpression().pattern():
            self._expanded = set(_expanded_keys(view, proxy))
        view.collapseAll()
        proxy.setFilterFixedString(text)
        if text:
            view.expandAll()
        elif self._expanded is not None:
            _expand_keys(view, proxy, self._expanded)

    def _on_delegate_edit_refused(self, view: QTableView, index: QPersistentModelIndex,
                                  text: str) -> None:
        model = self.event_model if view is self.events_view else self.item_model
        why, self._write_error = model.problem or self._write_error, ""
        self.problem_label.setText(why or self.tr("The change was not saved."))
        self.problem_label.show()
        view.itemDelegate().reopen_with(index, text)
        QTimer.singleShot(0, view, lambda: view.edit(QModelIndex(index))
                          if index.isValid() else None)

    def _on_session_project_changed(self, _changes: object) -> None:
        self.problem_label.hide()

    def _on_session_write_failed(self, message: str) -> None:
        self._write_error = message

    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self._proposals_page:
            self.proposals_view.show()  # made now, filled as it is shown
        if page is self._ledger_page or self._ledger is not None:
            self.ledger_model.set_live(page is self._ledger_page)
        # Items follow the project only while their tab is shown: opening a big project
        # does not sort a row per item nobody looks at (read again, then selected, here).
        self.item_model.set_live(page.isAncestorOf(self.items_view))

    def _on_ledger_model_about_to_rebuild(self) -> None:
        if self.ledger_model.rowCount() > 0:
            self._expanded = set(_expanded_keys(self.ledger_view, self.ledger_proxy))

    def _on_ledger_model_rebuilt(self) -> None:
        if self._expanded is None:
            if self.session.project.counts()["items"] < SMALL_LEDGER:
                self.ledger_view.expandAll()
            else:
                self.ledger_view.expandToDepth(1)
            return
        _expand_keys(self.ledger_view, self.ledger_proxy, self._expanded)


def _proxy(model: QAbstractItemModel, parent: QObject,
           tree: bool = False) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent) if tree else SourceSortProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setAutoAcceptChildRows(True)
    return proxy


def _problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("tableProblem")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#tableProblem { color: #b00020; }")
    label.hide()
    return label


def _size_columns(view: QTableView | QTreeView, samples: tuple[str, ...]) -> None:
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    metrics = view.fontMetrics()
    model = view.model()
    for column, sample in enumerate(samples):
        # A translated header may be wider than the English sample: it shows whole.
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(sample) + 16,
                    header.fontMetrics().horizontalAdvance(title) + 28)
        header.resizeSection(column, width)


def _selected(view: QAbstractItemView, role: int) -> list[str]:
    """The `role` values of the selected rows, the current row's last."""
    model = view.selectionModel()
    values = [i.data(role) for i in model.selectedRows()]
    current = model.currentIndex()
    if current.isValid() and model.isRowSelected(current.row(), current.parent()):
        value = current.data(role)
        values = [v for v in values if v != value] + [value]
    return list(dict.fromkeys(values))


def _select_rows(view: QAbstractItemView, proxy: QSortFilterProxyModel,
                 source_rows: list[int]) -> None:
    """Select the rows (source numbering); the last one becomes current and is shown."""
    model = proxy.sourceModel()
    mapped = [proxy.mapFromSource(model.index(r, 0)).row() for r in source_rows if r >= 0]
    mapped = [r for r in mapped if r >= 0]
    selection = QItemSelection()
    last_column = proxy.columnCount() - 1
    for first, last in row_runs(mapped):
        selection.select(proxy.index(first, 0), proxy.index(last, last_column))
    flags = QItemSelectionModel.SelectionFlag
    model_selection = view.selectionModel()
    model_selection.select(selection, flags.ClearAndSelect | flags.Rows)
    if mapped:
        column = max(model_selection.currentIndex().column(), 0)
        current = proxy.index(mapped[-1], column)
        model_selection.setCurrentIndex(current, flags.NoUpdate)
        view.scrollTo(current)


def _expanded_keys(view: QTreeView, proxy: QSortFilterProxyModel,
                   parent: QModelIndex = NO_PARENT) -> Iterable[str]:
    """Keys of the expanded headings (the exchanges' leaves are not looked at)."""
    from negotiator_gui.ui.ledger_model import KEY_ROLE

    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if view.isExpanded(index):
            yield index.data(KEY_ROLE)
            if index.data(KEY_ROLE) != "exchanges":
                yield from _expanded_keys(view, proxy, index)


def _expand_keys(view: QTreeView, proxy: QSortFilterProxyModel, keys: set[str],
                 parent: QModelIndex = NO_PARENT) -> None:
    """Expand the headings whose keys are in `keys`."""
    from negotiator_gui.ui.ledger_model import KEY_ROLE

    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if index.data(KEY_ROLE) in keys:
            view.expand(index)
            if index.data(KEY_ROLE) != "exchanges":
                _expand_keys(view, proxy, keys, index)

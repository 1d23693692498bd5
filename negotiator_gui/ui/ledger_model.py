"""LedgerModel: a tree of what each party offered, conceded, demanded and received."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.domain.ledger import (
    STATUS_ORDER,
    Entry,
    Exchange,
    Ledger,
    PartyLedger,
    Section,
    SubjectGroup,
    build_ledger,
)
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.session import ProjectSession
from negotiator_gui.ui.table_cells import NO_PARENT, SORT_ROLE, Index, date_sort_key

EVENT_IDS_ROLE = Qt.ItemDataRole.UserRole + 10
"""Role giving the event ids a row stands for (leaves only)."""
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 11
"""Role giving the item id of a leaf ('' for an exchange)."""
KEY_ROLE = Qt.ItemDataRole.UserRole + 12
"""Role giving a stable path of a heading row, to keep it expanded across rebuilds."""

COLUMNS = 4
(ITEM, STATUS, DATE, EVENT) = range(COLUMNS)


class _Node:
    """One row of the tree: its texts, sort values and what it points to.

    Leaves are made only when first asked for (`later`), so a ledger of ten
    thousand events costs its headings until someone opens a subject.
    """

    __slots__ = ("parent", "row", "_children", "texts", "sorts", "event_ids", "item_id", "key",
                 "bold", "_later", "_size")

    def __init__(self, texts: tuple[str, ...], sorts: tuple, key: str = "",
                 bold: bool = False) -> None:
        self.parent: _Node | None = None
        self.row = 0
        self._children: list[_Node] = []
        self.texts, self.sorts, self.key, self.bold = texts, sorts, key, bold
        self.event_ids: list[str] | None = None
        self.item_id = ""
        self._later: Callable[[], Iterable[_Node]] | None = None
        self._size = 0

    @property
    def size(self) -> int:
        """How many children the node has, made or not."""
        return self._size if self._later is not None else len(self._children)

    @property
    def children(self) -> list[_Node]:
        """The children, made now if they were left for later."""
        if self._later is not None:
            make, self._later = self._later, None
            for child in make():
                self.add(child)
        return self._children

    def add(self, child: _Node) -> _Node:
        child.parent, child.row = self, len(self._children)
        self._children.append(child)
        return child

    def later(self, size: int, make: Callable[[], Iterable[_Node]]) -> None:
        """Make `size` children with `make` when they are first asked for."""
        self._size, self._later = size, make


class LedgerModel(QAbstractItemModel):
    """The ledger of the session's project as a tree: party > section > subject > item.

    A last top-level row, 'Exchanges', lists links between items of different
    parties. The tree is rebuilt when the project changes while `live`; when
    not live it is only marked stale, and rebuilt once `set_live(True)` is called.

    Signals:
        about_to_rebuild: the rows are about to be replaced (views save state).
        rebuilt: the rows were replaced.
    """

    about_to_rebuild = Signal()
    rebuilt = Signal()

    def __init__(self, session: ProjectSession, parent: QObject | None = None,
                 live: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.live = live
        self._stale = True
        self._root = _Node((), ())
        self._labels: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = (self.tr("Item"), self.tr("Status"), self.tr("Date"), self.tr("Event"))
        self._sections = {
            "offered": self.tr("Offered"), "conceded": self.tr("Conceded"),
            "demanded": self.tr("Demanded"), "committed": self.tr("Committed"),
            "red-lines": self.tr("Red lines"), "received": self.tr("Received")}
        session.project_loaded.connect(self._on_session_project_loaded)
        session.project_changed.connect(self._on_session_project_changed)
        session.project_closed.connect(self._on_session_project_loaded)
        self.set_live(live)

    # -- Qt model --------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        node = self._node(parent)
        if parent.column() > 0 or not (0 <= row < node.size and 0 <= column < COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.column() > 0 else self._node(parent).size

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMNS:
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.texts[column]
        if role == SORT_ROLE:
            return node.sorts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return html.escape(node.texts[column]) if node.texts[column] else None
        if role == Qt.ItemDataRole.FontRole and node.bold and column == ITEM:
            return self._bold
        return {EVENT_IDS_ROLE: node.event_ids, ITEM_ID_ROLE: node.item_id,
                KEY_ROLE: node.key}.get(role)

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    # -- rebuilding ------------------------------------------------------------------

    def set_live(self, live: bool) -> None:
        """Follow the project at once (True) or only mark the tree stale (False)."""
        self.live = live
        if live and self._stale:
            self.rebuild()

    def rebuild(self) -> None:
        """Replace every row with the ledger of the current project."""
        project = self.session.project
        self._labels = {p.id: p.label for p in project.parties}
        root = self._tree(build_ledger(project))
        self._stale = False
        self.about_to_rebuild.emit()
        self.beginResetModel()
        self._root = root
        self.endResetModel()
        self.rebuilt.emit()

    def _on_session_project_loaded(self) -> None:
        self._stale = True
        self.set_live(self.live)

    def _on_session_project_changed(self, changes: ChangeSet | None) -> None:
        if changes is None or changes.put_events or changes.delete_events \
                or changes.put_links or changes.delete_links or changes.parties is not None:
            self._on_session_project_loaded()

    def _tree(self, ledger: Ledger) -> _Node:
        root = _Node((), ())
        for n, party in enumerate(ledger.parties):
            self._add_party(root, n, party)
        if ledger.exchanges:
            self._add_exchanges(root, len(ledger.parties), ledger.exchanges)
        return root

    def _add_party(self, root: _Node, order: int, party: PartyLedger) -> None:
        label = party.label or self.tr("Not attributed")
        count = sum(s.count for s in party.sections)
        node = root.add(_heading(f"{label} ({count})", order, f"party:{party.party_id}", True))
        for n, section in enumerate(party.sections):
            self._add_section(node, n, section)

    def _add_section(self, parent: _Node, order: int, section: Section) -> None:
        text = f"{self._sections[section.key]} ({section.count})"
        node = parent.add(_heading(text, order, f"{parent.key}/{section.key}"))
        for n, group in enumerate(section.groups):
            self._add_subject(node, n, group, section.key == "received")

    def _add_subject(self, parent: _Node, order: int, group: SubjectGroup,
                     with_giver: bool) -> None:
        subject = group.subject or self.tr("(no subject)")
        statuses = ", ".join(f"{n} {vocab_labels.item_status(s).lower()}"
                             for s, n in group.status_counts().items())
        node = parent.add(_heading(f"{subject} ({len(group.entries)})", order,
                                   f"{parent.key}/{group.subject}", status=statuses))
        node.later(len(group.entries),
                   lambda: (self._entry_leaf(e, with_giver) for e in group.entries))

    def _entry_leaf(self, entry: Entry, with_giver: bool) -> _Node:
        item = entry.item
        text = item.text
        if with_giver:
            kind = vocab_labels.item_type(item.type)
            by = self._labels.get(item.by, item.by)
            giver = self.tr("from %s") % by
            text = f"{text} ({kind}, {giver})" if by else f"{text} ({kind})"
        leaf = _leaf(text, vocab_labels.item_status(item.status),
                     STATUS_ORDER.get(item.status, len(STATUS_ORDER)), entry)
        leaf.event_ids, leaf.item_id = [entry.event.id], item.id
        return leaf

    def _add_exchanges(self, root: _Node, order: int, exchanges: tuple[Exchange, ...]) -> None:
        title = self.tr("Exchanges ({0})").format(len(exchanges))
        node = root.add(_heading(title, order, "exchanges", True))
        node.later(len(exchanges), lambda: map(_exchange_leaf, exchanges))


def _exchange_leaf(exchange: Exchange) -> _Node:
    """An exchange row: both items in the first column, the relation in the second."""
    source, target = exchange.source.event, exchange.target.event
    leaf = _leaf(exchange.pair_text(), exchange.kind_label, 0, exchange.source)
    if target.id != source.id:
        leaf.texts = (*leaf.texts[:EVENT], f"{source.title} / {target.title}")
    leaf.event_ids = list(dict.fromkeys([source.id, target.id]))
    return leaf


def _heading(text: str, order: int, key: str, bold: bool = False, status: str = "") -> _Node:
    """A heading row; headings keep their order whatever column is sorted."""
    return _Node((text, status, "", ""), (order,) * COLUMNS, key, bold)


def _leaf(text: str, status: str, status_rank: int, entry: Entry) -> _Node:
    """An item row: text, status, event date and event title."""
    event = entry.event
    return _Node((text, status, date_text.label(entry.date, short=True), event.title),
                 (text.casefold(), status_rank, date_sort_key(entry.date),
                  event.title.casefold()))

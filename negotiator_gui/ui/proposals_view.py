"""ProposalsView: the record of proposals in the app, from the same code as the briefing's."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from negotiator_gui.domain.proposals import record_of_proposals
from negotiator_gui.ui import date_text, vocab_labels
from negotiator_gui.ui.selection import EventSelection
from negotiator_gui.ui.session import ProjectSession

EVENT_ROLE = Qt.ItemDataRole.UserRole


class ProposalsView(QTreeWidget):
    """Subject › round or meeting › each side's items, so a side's moves read down.

    It is rebuilt only while shown: a hidden view marks itself stale.
    Double-clicking a line selects its event.
    """

    def __init__(self, session: ProjectSession, selection: EventSelection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.selection = session, selection
        self.setObjectName("proposalsView")
        self.setHeaderLabels([self.tr("Subject / meeting / side"), self.tr("Item"),
                              self.tr("Type"), self.tr("Status")])
        self.setAccessibleName(self.tr("Record of proposals"))
        self.setColumnWidth(0, 320)
        self.setColumnWidth(1, 420)
        self.setUniformRowHeights(True)
        self._stale = True
        session.project_loaded.connect(self._on_session_changed)
        session.project_changed.connect(self._on_session_changed)
        self.itemDoubleClicked.connect(self._on_item_double_clicked)

    def _on_session_changed(self, *_args) -> None:
        self._stale = True
        if self.isVisible():
            self.rebuild()

    def showEvent(self, event) -> None:
        if self._stale:
            self.rebuild()
        super().showEvent(event)

    def rebuild(self) -> None:
        """Lay the record out again from the session's project."""
        project = self.session.project
        names = {p.id: p.label for p in project.parties}
        self.clear()
        for record in record_of_proposals(project.events, [p.id for p in project.parties]):
            top = QTreeWidgetItem([record.subject, self.tr("%n meeting(s)", "", len(record.rows))])
            self.addTopLevelItem(top)
            for row in record.rows:
                event = row.event
                when = date_text.label(event.start, short=True)
                meeting = QTreeWidgetItem([f"{when}  {event.title}"])
                meeting.setData(0, EVENT_ROLE, event.id)
                top.addChild(meeting)
                for item in row.items:
                    line = QTreeWidgetItem([names.get(item.by, item.by or "?"), item.text,
                                            vocab_labels.item_type(item.type),
                                            vocab_labels.item_status(item.status)])
                    line.setData(0, EVENT_ROLE, event.id)
                    line.setToolTip(1, f"<p>{html.escape(item.text)}</p>")
                    meeting.addChild(line)
        self._stale = False

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        event_id = item.data(0, EVENT_ROLE)
        if event_id:
            self.selection.select([event_id])

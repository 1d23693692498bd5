"""ExportDialog: File > Export: choose what and how, preview the first pages, write off-thread."""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.errors import DateError, NegotiatorError
from negotiator_gui.domain.layout import ordered_tracks
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.options import NEXT_MEETING, BriefingOptions
from negotiator_gui.ui import date_text
from negotiator_gui.ui.export_worker import ExportWorker, start
from negotiator_gui.ui.partial_date_edit import PartialDateEdit
from negotiator_gui.ui.session import ProjectSession

FORMATS = [(QT_TRANSLATE_NOOP("ExportDialog", "PDF briefing"), ".pdf"),
           (QT_TRANSLATE_NOOP("ExportDialog", "Calendar (ICS)"), ".ics"),
           (QT_TRANSLATE_NOOP("ExportDialog", "Timeline figure (SVG)"), ".svg"),
           (QT_TRANSLATE_NOOP("ExportDialog", "Timeline figure (PNG)"), ".png"),
           (QT_TRANSLATE_NOOP("ExportDialog", "Interchange JSON"), ".json"),
           (QT_TRANSLATE_NOOP("ExportDialog", "Events table (CSV)"), ".csv")]
PREVIEW_PAGES = 3
ID_ROLE = Qt.ItemDataRole.UserRole


class ExportDialog(QDialog):
    """The export options, a preview of the first pages of the briefing, and progress."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None,
                 on_screen: tuple[PartialDate, PartialDate] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on_screen = on_screen
        self.setWindowTitle(self.tr("Export"))
        self.setObjectName("exportDialog")
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.written: Path | None = None
        self._build()
        self.resize(980, 680)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        self.format = QComboBox()
        for label, suffix in FORMATS:
            self.format.addItem(QCoreApplication.translate("ExportDialog", label), suffix)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        form.addRow(self.tr("&Format:"), self.format)
        self.start = PartialDateEdit(self.tr("from the first event"))
        self.end = PartialDateEdit(self.tr("to the last event"))
        form.addRow(self.tr("F&rom:"), self.start)
        form.addRow(self.tr("&To:"), self.end)
        self.visible_only = QCheckBox(self.tr("The period shown on the timeline now"))
        self.visible_only.setEnabled(self.on_screen is not None)
        self.visible_only.toggled.connect(self._on_visible_only_toggled)
        form.addRow("", self.visible_only)
        self.tracks = self._checklist([(t.id, t.name) for t in
                                       ordered_tracks(self.session.project.tracks)])
        self.parties = self._checklist([(p.id, p.label) for p in self.session.project.parties])
        form.addRow(self.tr("Trac&ks:"), self.tracks)
        form.addRow(self.tr("Part&ies:"), self.parties)
        self.wider = QCheckBox(self.tr("For wider distribution: leave restricted records out"))
        form.addRow("", self.wider)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(self.tr("Letter", "paper size"), "letter")
        self.orientation = QComboBox()
        self.orientation.addItem(self.tr("Portrait"), "portrait")
        self.orientation.addItem(self.tr("Landscape timeline"), "landscape")
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addWidget(self.orientation)
        form.addRow(self.tr("Paper:"), paper_row)
        self.meeting = QComboBox()
        self.meeting.addItem(self.tr("The whole period"), "")
        self.meeting.addItem(self.tr("The next scheduled event"), NEXT_MEETING)
        for event in self.session.project.events:
            when = date_text.label(event.start, short=True)
            self.meeting.addItem(f"{when} — {event.title}", event.id)
        form.addRow(self.tr("&Briefing for:"), self.meeting)
        self.since = PartialDateEdit(self.tr("no changes section"))
        form.addRow(self.tr("&Changes since:"), self.since)
        self.prepared_by = QLineEdit()
        form.addRow(self.tr("Prepared b&y:"), self.prepared_by)
        self.open_after = QCheckBox(self.tr("Open the file when it is written"))
        self.open_after.setChecked(True)
        form.addRow("", self.open_after)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("", self.error)
        self._layout(form)

    def _layout(self, form: QFormLayout) -> None:
        left = QWidget()
        left.setLayout(form)
        self.preview = QLabel(self.tr("Preview appears here."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(440)
        body = QHBoxLayout()
        body.addWidget(left, 1)
        body.addWidget(scroll, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton(self.tr("Pre&view"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton(self.tr("&Export…"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.show_preview)
        self.export_button.clicked.connect(self.choose_and_export)
        buttons.rejected.connect(self._on_cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

    def _checklist(self, entries: list[tuple[str, str]]) -> QListWidget:
        widget = QListWidget()
        widget.setMaximumHeight(110)
        widget.setToolTip(self.tr("Tick to include only these; none ticked means all"))
        for key, label in entries:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    # -- options ---------------------------------------------------------------

    def suffix(self) -> str:
        """The chosen format's file extension."""
        return self.format.currentData()

    def _ticked(self, widget: QListWidget) -> frozenset[str]:
        return frozenset(widget.item(i).data(ID_ROLE) for i in range(widget.count())
                         if widget.item(i).checkState() == Qt.CheckState.Checked)

    def selection(self) -> Selection:
        """The period, tracks, parties and distribution chosen.

        Raises:
            DateError: a date field holds something that is not a date.
        """
        start, end = self.start.date(), self.end.date()
        if start and end and end.last_day() < start.first_day():
            raise DateError(self.tr("“To” is before “From”"))
        return Selection(start, end, self._ticked(self.tracks), self._ticked(self.parties),
                         not self.wider.isChecked())

    def briefing_options(self) -> BriefingOptions:
        """Everything the PDF briefing is built from (raises DateError as `selection`)."""
        return BriefingOptions(
            issued=_dt.date.today(), selection=self.selection(),
            paper=self.paper.currentData(), orientation=self.orientation.currentData(),
            meeting=self.meeting.currentData(), changes_since=self.since.date(),
            history=tuple(self.session.store.history() if self.session.store else ()),
            prepared_by=self.prepared_by.text().strip())

    def _on_visible_only_toggled(self, on: bool) -> None:
        if on and self.on_screen is not None:
            self.start.set_date(self.on_screen[0])
            self.end.set_date(self.on_screen[1])
        elif not on:
            self.start.set_date(None)
            self.end.set_date(None)

    def _on_format_changed(self) -> None:
        pdf = self.suffix() == ".pdf"
        for widget in (self.orientation, self.meeting, self.since, self.prepared_by,
                       self.preview_button):
            widget.setEnabled(pdf)

    # -- preview ---------------------------------------------------------------

    def show_preview(self) -> bool:
        """Build the briefing into a temporary file and show its first pages."""
        self.error.clear()
        try:
            options = self.briefing_options()
        except DateError as exc:
            self.error.setText(str(exc))
            return False
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "preview.pdf"
            try:
                write_briefing(self.session.project, options, path)
            except (NegotiatorError, OSError, ValueError) as exc:
                self.error.setText(str(exc))
                return False
            self.preview.setPixmap(render_pages(path, PREVIEW_PAGES, width=420))
        return True

    # -- export ----------------------------------------------------------------

    def choose_and_export(self) -> None:
        """Ask where to write, then export off the GUI thread."""
        suffix = self.suffix()
        start = str((self.session.path or Path.home()).with_suffix(suffix))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), start,
                                              f"{self.format.currentText()} (*{suffix})")
        if path:
            self.export_to(Path(path).with_suffix(suffix))

    def export_to(self, path: Path) -> bool:
        """Start writing `path`; progress shows, the dialog closes when done."""
        self.error.clear()
        try:
            options = self.briefing_options() if self.suffix() == ".pdf" else None
            selection = self.selection()
        except DateError as exc:
            self.error.setText(str(exc))
            return False
        history = self.session.store.history() if self.session.store else []
        self.worker = ExportWorker(self.session.project, path, options, selection,
                                   self.paper.currentData(), history)
        self.worker.progress.connect(self._on_worker_progress)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.failed.connect(self._on_worker_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.export_button.setEnabled(False)
        self.thread = start(self.worker)
        return True

    def _on_worker_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(message or "%p%")

    def _on_worker_finished(self, path: str, warnings: list) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.written = Path(path)
        if warnings:
            self.error.setText(self.tr("Written, with notes: ") + "; ".join(warnings[:5]))
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        if not warnings:
            self.accept()

    def _on_worker_failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.error.setText(message)

    def _on_cancel(self) -> None:
        if self.worker is not None and self.thread is not None and self.thread.isRunning():
            self.worker.cancelled = True
            return
        self.reject()


def render_pages(path: Path, count: int, width: int) -> QPixmap:
    """The first `count` pages of a PDF, stacked, `width` pixels wide (pypdfium2)."""
    import pypdfium2 as pdfium  # only needed for previews

    document = pdfium.PdfDocument(str(path))
    try:
        images = []
        for index in range(min(count, len(document))):
            page = document[index]
            scale = width / page.get_width()
            bitmap = page.render(scale=scale)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            images.append(QImage(data, pil.width, pil.height, pil.width * 3,
                                 QImage.Format.Format_RGB888).copy())
    finally:
        document.close()
    height = sum(i.height() + 12 for i in images)
    sheet = QImage(width, max(height, 1), QImage.Format.Format_RGB888)
    sheet.fill(Qt.GlobalColor.lightGray)
    painter = QPainter(sheet)
    y = 0
    for image in images:
        painter.drawImage(0, y, image)
        y += image.height() + 12
    painter.end()
    return QPixmap.fromImage(sheet)

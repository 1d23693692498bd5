"""ExportWorker: builds an export off the GUI thread, against a snapshot, with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from negotiator_gui.domain.errors import NegotiatorError
from negotiator_gui.domain.model import Project
from negotiator_gui.domain.selection import Selection
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.operations import export_file


class ExportCancelledError(Exception):
    """The user stopped the export."""


class ExportWorker(QObject):
    """Runs one export in a QThread; only signals cross back to the GUI thread.

    Signals:
        progress(int, int, str): done, total, what is being laid out.
        finished(str, list): the written path and any warnings.
        failed(str): why the export did not happen (no file was left half written).
    """

    progress = Signal(int, int, str)
    finished = Signal(str, list)
    failed = Signal(str)

    def __init__(self, project: Project, path: Path, options: BriefingOptions | None,
                 selection: Selection, paper: str, history: list) -> None:
        super().__init__()
        self.project, self.path, self.options = project, path, options
        self.selection, self.paper, self.history = selection, paper, history
        self.cancelled = False

    def run(self) -> None:
        """Write the file (called in the worker thread)."""
        try:
            if self.path.suffix.lower() == ".pdf" and self.options is not None:
                result = write_briefing(self.project, self.options, self.path, self._step)
                warnings = list(result.warnings)
            else:
                warnings = export_file(self.project, self.path, self.selection, self.paper,
                                       self.history)
        except ExportCancelledError:
            self.failed.emit(self.tr("The export was cancelled; no file was written."))
            return
        except (NegotiatorError, OSError, ValueError) as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(str(self.path), [str(w) for w in warnings])

    def _step(self, done: int, total: int, message: str) -> None:
        if self.cancelled:
            raise ExportCancelledError()
        self.progress.emit(done, total, message)


def start(worker: ExportWorker) -> QThread:
    """Run `worker` in a new thread that ends (and is deleted) when it is done."""
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread

"""WelcomeDialog: on the first run, offer the sample project, a new project or an existing one."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui import APP_NAME

SAMPLE, NEW, OPEN = "sample", "new", "open"


class WelcomeDialog(QDialog):
    """Three ways to start, each a button; `choice` says which was pressed ("" after
    Cancel, which leaves an empty window with File > New and Open)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to %s") % APP_NAME)
        self.choice = ""
        layout = QVBoxLayout(self)
        title = self.tr("Welcome to %s") % APP_NAME
        about = self.tr("A project is one file that keeps a negotiation: its parties, "
                        "tracks, rounds of talks and what each side put on the table. "
                        "Every change is written to it at once.")
        ask = self.tr("How would you like to start?")
        intro = QLabel(f"<h2>{html.escape(title)}</h2><p>{html.escape(about)}</p>"
                       f"<p>{html.escape(ask)}</p>")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for choice, text, tip in (
                (SAMPLE, self.tr("Explore the &Sample Project"),
                 self.tr("A copy of the Almaty talks (2013) in your data folder, "
                         "to look around and try edits")),
                (NEW, self.tr("&New Project…"),
                 self.tr("Choose where to keep a new, empty project file")),
                (OPEN, self.tr("&Open a Project…"),
                 self.tr("Open a project file, for example one a colleague shared"))):
            button = QPushButton(text)
            button.setObjectName(f"welcome_{choice}")
            button.setToolTip(tip)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
            self.buttons[choice] = button
        self.buttons[SAMPLE].setDefault(True)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout.addWidget(cancel)
        self.setMinimumWidth(460)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

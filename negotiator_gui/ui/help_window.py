"""HelpWindow: Help > User Guide, the Markdown guide with its screenshots in a browser window."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QWidget

import negotiator_gui

GUIDE_NAME = "user-guide.md"


def guide_candidates() -> list[Path]:
    """Where the guide may be, in order: under `docs/` of a PyInstaller bundle, then
    in `docs/` next to the package in a source checkout."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "docs" / GUIDE_NAME)
    places.append(Path(negotiator_gui.__file__).resolve().parent.parent / "docs" / GUIDE_NAME)
    return places


def find_guide(candidates: list[Path] | None = None) -> Path | None:
    """The first of `candidates` (default: `guide_candidates()`) that is a file, or None."""
    for path in guide_candidates() if candidates is None else candidates:
        if path.is_file():
            return path
    return None


class HelpWindow(QMainWindow):
    """A window showing the user guide (Markdown, images beside it), or, when the guide
    is missing, where it was looked for."""

    def __init__(self, guide: Path | None, looked_in: list[Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("Negotiator User Guide"))
        self.guide = guide
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.setCentralWidget(self.browser)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        if guide is not None:
            self.browser.setSearchPaths([str(guide.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(guide)))
        else:
            self._say_missing(looked_in or guide_candidates())
        self.resize(900, 700)

    def _say_missing(self, looked_in: list[Path]) -> None:
        places = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in looked_in)
        title = self.tr("The user guide is missing")
        where = self.tr("The file %s was not found in any of these places:") % GUIDE_NAME
        advice = self.tr("Reinstall Negotiator, or read the guide in the docs folder "
                         "of its source.")
        self.browser.setHtml(f"<h2>{html.escape(title)}</h2><p>{html.escape(where)}</p>"
                             f"<ul>{places}</ul><p>{html.escape(advice)}</p>")

    def missing(self) -> bool:
        """True when the window says the guide is missing instead of showing it."""
        return self.guide is None

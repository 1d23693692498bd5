"""HelpWindow: Help > User Guide, the Markdown guide with its screenshots in a browser window."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSizeF, QUrl
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFragment,
)
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
        self.browser.viewport().installEventFilter(self)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self._fitted_to = 0
        if guide is not None:
            self.browser.setSearchPaths([str(guide.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(guide)))
        else:
            self._say_missing(looked_in or guide_candidates())
        self.resize(900, 700)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_images()
        return super().eventFilter(watched, event)

    def fit_images(self) -> None:
        """Shrink screenshots wider than the page to its width (never enlarge them), so
        the guide reads without scrolling sideways."""
        room = max(self.browser.viewport().width() - 24, 200)
        if room == self._fitted_to:
            return
        self._fitted_to = room
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            for fragment in _fragments(block):
                form = fragment.charFormat()
                if not form.isImageFormat():
                    continue
                image = form.toImageFormat()
                size = _natural_size(document, image.name())
                if size is None:
                    continue
                width = min(size.width(), room)
                image.setWidth(width)
                image.setHeight(size.height() * width / size.width())
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
            block = block.next()

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


def _fragments(block: QTextBlock) -> list[QTextFragment]:
    out = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            out.append(fragment)
        it += 1
    return out


def _natural_size(document: QTextDocument, name: str) -> QSizeF | None:
    """An image's own size, as the document loaded it (None if it could not)."""
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
    if isinstance(image, QImage | QPixmap) and not image.isNull() and image.width() > 0:
        return QSizeF(image.width() / image.devicePixelRatio(),
                      image.height() / image.devicePixelRatio())
    return None

"""AboutDialog: the program's version and the licences of the fonts and libraries it bundles."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from negotiator_gui import APP_NAME, __version__

# The distributions we ship, as pip names them, and what each is for. The
# version and licence shown come from the installed package's metadata.
BUNDLED = (
    ("PySide6-Essentials", QT_TRANSLATE_NOOP("AboutDialog",
                                             "Qt for Python: the window, canvas and dialogs")),
    ("shiboken6", QT_TRANSLATE_NOOP("AboutDialog", "Qt for Python's binding runtime")),
    ("reportlab", QT_TRANSLATE_NOOP("AboutDialog", "PDF briefings")),
    ("rl-accel", QT_TRANSLATE_NOOP("AboutDialog", "faster PDF briefings (reportlab's C code)")),
    ("sqlite-utils", QT_TRANSLATE_NOOP("AboutDialog", "the project file")),
    ("platformdirs", QT_TRANSLATE_NOOP("AboutDialog", "settings and data folders")),
    ("pypdfium2", QT_TRANSLATE_NOOP("AboutDialog", "the briefing preview (PDFium)")),
    ("pillow", QT_TRANSLATE_NOOP("AboutDialog", "PNG figures")),
    ("arabic-reshaper", QT_TRANSLATE_NOOP("AboutDialog", "Arabic-script text in briefings")),
    ("python-bidi", QT_TRANSLATE_NOOP("AboutDialog", "right-to-left text in briefings")),
)
# What each package's metadata said when this list was last checked, shown only
# when a build left the metadata out (a frozen bundle without dist-info).
CHECKED_LICENCES = {
    "PySide6-Essentials": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "shiboken6": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "reportlab": "BSD License", "rl-accel": "BSD License", "sqlite-utils": "Apache-2.0",
    "platformdirs": "MIT",
    "pypdfium2": "BSD-3-Clause, Apache-2.0, dependency licenses", "pillow": "MIT-CMU",
    "arabic-reshaper": "MIT",
    "python-bidi": "GNU Library or Lesser General Public License (LGPL)",
}
FONTS_PURPOSE = QT_TRANSLATE_NOOP("AboutDialog", "text in briefings and on screen")
_CLASSIFIER_PREFIX = "License :: OSI Approved :: "


@dataclass(frozen=True)
class Component:
    """One bundled library or font as the About box lists it."""

    name: str
    version: str
    licence: str
    purpose: str


def licence_of(meta: metadata.PackageMetadata) -> str:
    """A package's licence from its metadata: the SPDX expression, else the short
    licence field, else its licence classifiers ("" when none says)."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [c.removeprefix(_CLASSIFIER_PREFIX) for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return "; ".join(classifiers)
    return field.splitlines()[0][:80] if field else ""


def bundled_components() -> list[Component]:
    """The bundled libraries with the versions and licences installed now, then the fonts."""
    out = []
    for name, purpose in BUNDLED:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            checked = CHECKED_LICENCES.get(name)
            unknown = QCoreApplication.translate("AboutDialog", "unknown (no package metadata)")
            out.append(Component(name, unknown,
                                 checked or QCoreApplication.translate("AboutDialog", "unknown"),
                                 purpose))
            continue
        licence = licence_of(meta) or QCoreApplication.translate("AboutDialog", "unknown")
        out.append(Component(name, meta["Version"], licence, purpose))
    version, licence = _dejavu_version_and_licence()
    out.append(Component("DejaVu Sans fonts", version, licence, FONTS_PURPOSE))
    return out


def fonts_licence_path() -> Path:
    """The DejaVu fonts' licence file, shipped with the fonts."""
    from negotiator_gui import resources
    return Path(resources.__file__).parent / "fonts" / "LICENSE-DejaVu.txt"


def _dejavu_version_and_licence() -> tuple[str, str]:
    """The fonts' version and licence as their licence file states them."""
    path = fonts_licence_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return "", QCoreApplication.translate("AboutDialog", "licence file missing: %s") % path
    found = re.search(r"version (\d+(?:\.\d+)+)", text)
    version = found.group(1) if found else ""
    if "Bitstream Vera Fonts Copyright" in text:
        return version, QCoreApplication.translate(
            "AboutDialog", "Bitstream Vera Fonts licence; DejaVu changes public domain")
    return version, text.strip().splitlines()[0][:80]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


class AboutDialog(QDialog):
    """Help > About: name, version, purpose, and a table of what is bundled under
    which licence, with the fonts' licence text in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %s") % APP_NAME)
        self.components = bundled_components()
        layout = QVBoxLayout(self)
        purpose = self.tr("Lay out a negotiation on a timeline, share it, brief from it.")
        heading = QLabel(f"<h2>{html.escape(APP_NAME)} {html.escape(__version__)}</h2>"
                         f"<p>{html.escape(purpose)}</p>")
        heading.setObjectName("aboutHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.licences = QTextBrowser()
        self.licences.setObjectName("aboutLicences")
        self.licences.setOpenExternalLinks(True)
        self.licences.setHtml(self._licences_html())
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _licences_html(self) -> str:
        rows = "".join(
            f"<tr><td><b>{html.escape(c.name)}</b></td><td>{html.escape(c.version)}</td>"
            f"<td>{html.escape(c.licence)}</td><td>{html.escape(_tr(c.purpose))}</td></tr>"
            for c in self.components)
        titles = (self.tr("Component"), self.tr("Version"), self.tr("Licence"),
                  self.tr("Used for"))
        head = "<tr>" + "".join(f"<th align='left'>{t}</th>" for t in titles) + "</tr>"
        note = self.tr("Qt for Python is used under the LGPL version 3; its source is at "
                       "<a href='https://code.qt.io/'>code.qt.io</a>.")
        bundled = html.escape(self.tr("Bundled libraries and fonts:"))
        fonts = html.escape(self.tr("DejaVu fonts licence"))
        return (f"<p>{bundled}</p>"
                f"<table cellspacing='0' cellpadding='3'>{head}{rows}</table>"
                f"<p>{note}</p><h3>{fonts}</h3>"
                f"<pre>{html.escape(self._fonts_text())}</pre>")

    def _fonts_text(self) -> str:
        try:
            return fonts_licence_path().read_text(encoding="utf-8")
        except OSError as exc:
            return self.tr("The fonts' licence file could not be read: %s") % exc

    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and copying)."""
        return "\n".join([self.findChild(QLabel, "aboutHeading").text(),
                          self.licences.toPlainText()])

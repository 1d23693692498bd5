"""Load the translations of the user's language at start-up.

Two translators are installed on the application: ours, `negotiator_<locale>.qm` from
resources/translations (package data, found like the sample project), and Qt's own
`qtbase_<locale>.qm` (the buttons of standard dialogs: Cancel, Open ...) from Qt's
translations folder. Either may be missing: the text then stays English. The language is the
system's (LANG, LC_ALL, LC_MESSAGES on Linux; the user's settings on macOS and Windows)
unless NEGOTIATOR_LANG names another (such as `fr` or `de_CH`). See docs/translating.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:
    from negotiator_gui.domain.model import Event

LANG_VARIABLE = "NEGOTIATOR_LANG"
CATALOGUE = "negotiator"  # negotiator_fr.qm, negotiator_de_CH.qm ...
QT_CATALOGUE = "qtbase"
SOURCE_LANGUAGES = {"en", "C"}  # the text as written needs no catalogue

_installed: list[QTranslator] = []
_changes = [0]  # counts installs and removals: caches of translated text compare it


def translations_dir() -> Path:
    """The folder of our compiled .qm catalogues (may hold none)."""
    folder = resources.files("negotiator_gui.resources").joinpath("translations")
    return Path(str(folder))


def chosen_locale() -> QLocale:
    """NEGOTIATOR_LANG when set (`fr`, `de_CH`), else the system's locale."""
    name = os.environ.get(LANG_VARIABLE, "").strip()
    return QLocale(name) if name else QLocale.system()


def install_translations(app: QCoreApplication, locale: QLocale | None = None,
                         folder: Path | None = None) -> list[str]:
    """Install our catalogue and Qt's for `locale` (default: `chosen_locale()`).

    The user's languages are tried in their order of preference (`de-CH`, then `de`, then
    a second language); English among them stops the search, as the text is English
    already. Replaces the translators a previous call installed. `folder` overrides where
    our .qm files are looked for (tests). Returns the files loaded, for a log or a test;
    empty when the language is English or no catalogue fits.
    """
    remove_translations(app)
    locale = chosen_locale() if locale is None else locale
    ours = folder if folder is not None else translations_dir()
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    loaded = []
    for catalogue, where in ((CATALOGUE, ours), (QT_CATALOGUE, qt_folder)):
        translator = _load(catalogue, where, locale.uiLanguages())
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(translator.filePath())
    _changes[0] += 1
    return loaded


def _load(catalogue: str, folder: Path, languages: Sequence[str]) -> QTranslator | None:
    """The first of `languages` (BCP 47: `fr-CA`) that `folder` has a catalogue for,
    stopping at English."""
    for language in languages:
        if language.replace("_", "-").split("-")[0] in SOURCE_LANGUAGES:
            return None
        translator = QTranslator()  # kept alive by _installed once installed
        # Tries the language's own variants: fr-Latn-CA, fr-CA, fr-Latn, fr.
        if translator.load(QLocale(language), catalogue, "_", str(folder)):
            return translator
    return None


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translators `install_translations` put in: the text is English again."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _changes[0] += 1


def generation() -> int:
    """A number that changes whenever translations are installed or removed."""
    return _changes[0]


def step_name(events: Sequence[Event], verb: str) -> str:
    """The undo name of an action on events, in the user's language: 'Move “Almaty
    talks”', 'Move 3 events' (the window's counterpart of domain.editing.describe)."""
    if len(events) == 1:
        return QCoreApplication.translate("StepName", "{verb} “{title}”").format(
            verb=verb, title=events[0].title)
    count = len(events)
    return QCoreApplication.translate("StepName", "{verb} %n events", "", count).format(
        verb=verb)

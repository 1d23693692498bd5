"""Translations: what lupdate extracts, and a compiled catalogue changing the window."""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from negotiator_gui import app as app_module
from negotiator_gui.domain import vocab
from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.ui import date_text, translations, vocab_labels
from negotiator_gui.ui.main_window import MainWindow
from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("translations_tool",
                                               REPO / "packaging" / "translations.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def _have(name: str) -> bool:
    try:
        tool.tool(name)
    except tool.ToolMissingError:
        return False
    return True


needs_lupdate = pytest.mark.skipif(not _have("pyside6-lupdate"), reason="no pyside6-lupdate")
needs_lrelease = pytest.mark.skipif(not _have("pyside6-lrelease"), reason="no pyside6-lrelease")

FRENCH = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context><name>MainActions</name>
  <message><source>&amp;File</source><translation>&amp;Fichier</translation></message>
</context>
<context><name>Vocabulary</name>
  <message><source>Held</source><translation>Tenue</translation></message>
  <message><source>Round of talks</source><translation>Cycle de pourparlers</translation></message>
</context>
<context><name>CanvasActions</name>
  <message numerus="yes"><source>Copied %n event(s)</source>
    <translation><numerusform>%n événement copié</numerusform>
    <numerusform>%n événements copiés</numerusform></translation></message>
</context>
<context><name>Months</name>
  <message><source>February</source><translation>février</translation></message>
  <message><source>Feb</source><translation>févr.</translation></message>
  <message><source>May</source><translation>mai</translation></message>
</context>
<context><name>StepName</name>
  <message numerus="yes"><source>{verb} %n events</source>
    <translation><numerusform>{verb} %n événement</numerusform>
    <numerusform>{verb} %n événements</numerusform></translation></message>
</context>
</TS>
"""


@pytest.fixture
def english(qapp):
    """Whatever a test installs, the next test starts in English."""
    yield
    translations.remove_translations(qapp)


@pytest.fixture
def french_folder(tmp_path) -> Path:
    """A folder holding negotiator_fr.qm compiled from FRENCH."""
    ts = tmp_path / "negotiator_fr.ts"
    ts.write_text(FRENCH, encoding="utf-8")
    tool.compile_all([ts])
    assert (tmp_path / "negotiator_fr.qm").is_file()
    return tmp_path


def test_vocab_labels_match_the_domain_vocabulary():
    """Same words, same order, same English labels as domain/vocab.py: a word added there
    must be added (and marked for translation) in ui/vocab_labels.py too."""
    domain = {"event_kinds": vocab.EVENT_KINDS, "event_statuses": vocab.EVENT_STATUSES,
              "item_types": vocab.ITEM_TYPES, "item_statuses": vocab.ITEM_STATUSES,
              "link_kinds": vocab.LINK_KINDS}
    assert set(vocab_labels.ENGLISH) == set(domain)
    for name, words in domain.items():
        assert list(vocab_labels.ENGLISH[name].items()) == list(words.items()), name
        assert getattr(vocab_labels, name)() == words, name  # untranslated: English


def test_an_unknown_vocab_word_is_shown_as_it_is(qapp):
    assert vocab_labels.event_kind("parley") == "parley"
    assert vocab_labels.item_status("agreed") == "Agreed"


class _Texts(ast.NodeVisitor):
    """(context, text) of every literal self.tr(), QCoreApplication.translate() and
    QT_TRANSLATE_NOOP() in a module: what Qt will look up at run time."""

    def __init__(self) -> None:
        self.found: set[tuple[str, str]] = set()
        self.classes: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func, args = node.func, node.args
        texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                 for a in args[:2]]
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "tr" and texts and texts[0] is not None and self.classes:
            self.found.add((self.classes[-1], texts[0]))
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) == 2 and \
                None not in texts and "str" not in ast.unparse(func):
            self.found.add((texts[0], texts[1]))
        self.generic_visit(node)


def _texts_in_code() -> set[tuple[str, str]]:
    visitor = _Texts()
    for path in tool.sources():
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


@needs_lupdate
def test_lupdate_extracts_the_ui_texts(tmp_path):
    """Hundreds of messages, every vocab label, plural forms, and every context a class
    name (a tr() lupdate misfiles, e.g. `window.tr(...)`, gets a context Qt never asks)."""
    ts = tmp_path / "negotiator_xx.ts"
    tool.update([ts])
    root = ET.parse(ts).getroot()
    contexts = {c.findtext("name"): [m.findtext("source") for m in c.iter("message")]
                for c in root.iter("context")}
    messages = sum(len(texts) for texts in contexts.values())
    assert messages > 400, messages
    every_label = {label for words in vocab_labels.ENGLISH.values() for label in words.values()}
    assert every_label <= set(contexts["Vocabulary"])
    assert "&File" in contexts["MainActions"]
    assert {"January", "December", "Jan", "Dec", "May"} <= set(contexts["Months"])
    plurals = [m.findtext("source") for m in root.iter("message") if m.get("numerus") == "yes"]
    assert "Copied %n event(s)" in plurals and len(plurals) >= 4
    odd = [name for name in contexts if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name)]
    assert not odd, odd
    # Every text the code looks up is in the catalogue under the context Qt will ask
    # (lupdate skips some spellings, e.g. an alias `translate = QCoreApplication.translate`).
    extracted = {(name, text) for name, texts in contexts.items() for text in texts}
    missed = sorted(_texts_in_code() - extracted)
    assert not missed, "\n".join(map(str, missed))


@needs_lrelease
def test_a_compiled_catalogue_translates_the_window(qtbot, qapp, settings, french_folder,
                                                   english):
    loaded = translations.install_translations(qapp, QLocale("fr"), french_folder)
    assert str(french_folder / "negotiator_fr.qm") in [str(Path(p)) for p in loaded]
    window = MainWindow(settings)
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Fichier" in titles and "&File" not in titles
    assert vocab_labels.event_status("held") == "Tenue"
    assert vocab_labels.event_kinds()["round"] == "Cycle de pourparlers"
    assert qapp.translate("CanvasActions", "Copied %n event(s)", "", 3) == \
        "3 événements copiés"
    assert translations.step_name([object()] * 3, "Déplacer") == "Déplacer 3 événements"
    assert date_text.span(PartialDate(2013, 2, 26), PartialDate(2013, 2, 27)) == \
        "26–27 février 2013"
    assert date_text.label(PartialDate(2013, 2), short=True) == "févr. 2013"
    assert date_text.label(PartialDate(2013, 5, 3), short=True) == "3 mai 2013"
    assert date_text.label(PartialDate(2013, 3, 1)) == "1 March 2013"  # untranslated: English
    translations.remove_translations(qapp)
    assert vocab_labels.event_status("held") == "Held"
    assert date_text.label(PartialDate(2013, 2, 26)) == "26 February 2013"


def test_step_names_in_english(qapp, english):
    """Untranslated, the window's undo names read as domain.editing.describe's."""
    from negotiator_gui.domain.editing import describe
    from tests.builders import an_event

    one = an_event(title="Almaty talks")
    assert translations.step_name([one], "Move") == describe([one], "Move")
    assert translations.step_name([one] * 3, "Move") == describe([one] * 3, "Move")


@needs_lrelease
def test_make_application_loads_the_language_named_by_the_environment(
        qapp, monkeypatch, french_folder, english):
    """The start-up hook: NEGOTIATOR_LANG=fr picks negotiator_fr.qm from the package's
    translations folder, and Qt's own French for standard buttons when Qt has it."""
    monkeypatch.setenv(translations.LANG_VARIABLE, "fr")
    monkeypatch.setattr(translations, "translations_dir", lambda: french_folder)
    app_module.make_application(["negotiator-gui"])
    assert vocab_labels.event_status("held") == "Tenue"
    translations.remove_translations(qapp)
    monkeypatch.setenv(translations.LANG_VARIABLE, "de")
    assert not any("negotiator_" in p for p in translations.install_translations(qapp))


class _Preferences:
    """A locale with a list of preferred languages, as macOS and Windows give."""

    def __init__(self, *languages: str) -> None:
        self.languages = list(languages)

    def uiLanguages(self) -> list[str]:
        return self.languages


@needs_lrelease
def test_languages_are_tried_in_order_and_english_stops_the_search(qapp, french_folder,
                                                                  english):
    loaded = translations.install_translations(qapp, _Preferences("de-CH", "de", "fr-CA"),
                                               french_folder)
    assert str(french_folder / "negotiator_fr.qm") in [str(Path(p)) for p in loaded]
    assert vocab_labels.event_status("held") == "Tenue"
    # English first: the window stays English though French comes second.
    assert translations.install_translations(qapp, _Preferences("en-GB", "fr"),
                                             french_folder) == []
    assert vocab_labels.event_status("held") == "Held"


def test_no_catalogue_leaves_english(qapp, tmp_path, english):
    loaded = translations.install_translations(qapp, QLocale("fr"), tmp_path)
    assert not any("negotiator_" in path for path in loaded)
    assert vocab_labels.event_status("held") == "Held"


def test_a_wrong_language_code_is_refused():
    with pytest.raises(ValueError, match="not a language code"):
        tool.ts_path("french!")
    assert tool.ts_path("pt_BR").name == "negotiator_pt_BR.ts"


def test_compile_needs_no_catalogue(tmp_path, monkeypatch, capsys):
    """The packaging step succeeds with no .ts yet, and refuses `update` with none named."""
    monkeypatch.setattr(tool, "TRANSLATIONS", tmp_path)
    monkeypatch.setattr(tool, "existing", lambda folder=tmp_path: [])
    assert tool.main(["compile"]) == 0
    assert tool.main(["update"]) == 1


def test_a_missing_tool_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(tool.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(tool.ToolMissingError, match="pip install PySide6"):
        tool.tool("pyside6-lupdate")


def test_the_rest_lanes_titles_are_marked_for_translation():
    """The canvas translates domain/layout.py's rest-lane titles ("No party" ...) from the
    marks in timeline_overlay.REST_LANES: the two lists must not drift apart."""
    import ast

    from negotiator_gui.ui import timeline_overlay

    source = (REPO / "negotiator_gui" / "domain" / "layout.py").read_text(encoding="utf-8")
    titles = {node.args[-1].value for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_with_rest"}
    assert titles == set(timeline_overlay.REST_LANES)


def test_the_record_field_labels_are_marked_for_translation():
    from negotiator_gui.ui import records_page

    labels = {spec.label for specs in records_page._FIELDS.values() for spec in specs}
    assert labels == set(records_page._LABELS)

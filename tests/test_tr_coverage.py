"""Every string a person sees in the ui goes through tr() or translate(), as a literal.

An AST check over negotiator_gui/ui/*.py and negotiator_gui/app.py: a string literal or
f-string given to a user-facing Qt call (setText, setWindowTitle, QAction(...), QLabel(...),
QMessageBox texts, header labels ...) is a finding, and so is a tr()/translate() whose text
is not a literal (pyside6-lupdate extracts literals only).
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "negotiator_gui"
SOURCES = sorted((PACKAGE / "ui").glob("*.py")) + [PACKAGE / "app.py"]

# Method name -> the positional arguments that hold text a person reads.
TEXT_METHODS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys((
        "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
        "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "showMessage",
        "setTitle", "setLabelText", "setInformativeText", "setDetailedText", "setIconText",
        "setSuffix", "setPrefix", "setSpecialValueText", "setOkButtonText",
        "setCancelButtonText", "setHeaderLabels", "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels", "setNameFilter", "setNameFilters", "addItem", "addRow",
        "setWindowFilePath",
    ), (0,)),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "setItemText": (1,),
    "insertItem": (1,),
    "addButton": (0,),
    "addItems": (0,),
    # QMessageBox / QInputDialog / QFileDialog statics: (parent, title, text/label, ...)
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "about": (1, 2), "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2),
    "getDouble": (1, 2), "getMultiLineText": (1, 2),
    "getOpenFileName": (1, 3), "getSaveFileName": (1, 3), "getExistingDirectory": (1,),
}
# Widget and item constructors -> the positional arguments that hold text.
TEXT_CONSTRUCTORS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys((
        "QAction", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton",
        "QToolButton", "QMenu", "QDockWidget", "QCommandLinkButton", "QListWidgetItem",
        "QStandardItem", "QTreeWidgetItem",
    ), (0, 1)),
    "QMessageBox": (1, 2),
    "QUndoCommand": (0,),
}
TEXT_KEYWORDS = {"text", "title", "toolTip", "statusTip", "placeholderText", "windowTitle",
                 "caption", "filter", "label"}
TR_CALLS = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1, "QT_TR_NOOP": 0}
# A literal with no word in it once markup is taken out ("", " · ", "<br>", "A4") needs no
# translation; neither does a key sequence ("Ctrl+S").
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"[^\W\d_]{2}")
KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)+\S+$|^F\d+$")


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _bare_texts(node: ast.AST) -> list[ast.AST]:
    """The untranslated literals in an argument: itself, or the elements of a list."""
    if isinstance(node, ast.JoinedStr):  # words in its literal parts are a finding
        parts = "".join(_literal(v) or "" for v in node.values)
        return [node] if WORD.search(TAG.sub("", parts)) else []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        return [] if not WORD.search(TAG.sub("", text)) or KEYS.match(text) else [node]
    if isinstance(node, ast.List | ast.Tuple):
        return [bad for element in node.elts for bad in _bare_texts(element)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _bare_texts(node.left) + _bare_texts(node.right)
    return []


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _marked_contexts(tree: ast.AST) -> set[str]:
    """The contexts of the module's QT_TRANSLATE_NOOP(context, "text") marks."""
    return {_literal(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _call_name(node) == "QT_TRANSLATE_NOOP"
            and node.args and _literal(node.args[0])}


def _tr_findings(node: ast.Call, name: str, marked: set[str]) -> list[str]:
    """A tr()/translate() whose text is not a plain literal cannot be extracted, unless it
    is QCoreApplication.translate(context, text) of a context this module marks with
    QT_TRANSLATE_NOOP (the texts were extracted from the marks)."""
    index = TR_CALLS[name]
    if name == "translate" and not (isinstance(node.func, ast.Attribute)
                                    and "QCoreApplication" in ast.unparse(node.func)):
        return []  # str.translate, QPolygon.translated ...
    if len(node.args) <= index or _literal(node.args[index]) is not None:
        return []
    if name == "translate" and _literal(node.args[0]) in marked:
        return []
    return [f"{name}() of a non-literal ({ast.unparse(node.args[index])[:50]})"]


def _wrappers(tree: ast.AST) -> set[str]:
    """Functions that translate one of their parameters (`def _tr(text): return
    QCoreApplication.translate("X", text)`): lupdate never sees the texts passed to them."""
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = {a.arg for a in node.args.args + node.args.posonlyargs + node.args.kwonlyargs}
        for call in ast.walk(node):
            name = _call_name(call) if isinstance(call, ast.Call) else ""
            if name in ("tr", "translate") and len(call.args) > TR_CALLS[name] and \
                    isinstance(call.args[TR_CALLS[name]], ast.Name) and \
                    call.args[TR_CALLS[name]].id in params:
                names.add(node.name)
    return names


def findings(source: str) -> list[str]:
    """'line: what' for every untranslated user-visible string in one module's source."""
    found = []
    tree = ast.parse(source)
    marked, wrappers = _marked_contexts(tree), _wrappers(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):  # lupdate does not look inside f-strings
            found += [f"{call.lineno}: {ast.unparse(call.func)}() inside an f-string"
                      for call in ast.walk(node.value) if isinstance(call, ast.Call)
                      and (_call_name(call) == "tr"
                           or ast.unparse(call.func) == "QCoreApplication.translate")]
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in wrappers and node.args and (
                _literal(node.args[0]) is not None or isinstance(node.args[0], ast.JoinedStr)):
            found.append(f"{node.lineno}: {name}() given {ast.unparse(node.args[0])[:50]}: "
                         "lupdate does not extract it; call QCoreApplication.translate")
            continue
        if name in TR_CALLS:
            found += [f"{node.lineno}: {what}" for what in _tr_findings(node, name, marked)]
            count = {"tr": 2, "translate": 3}.get(name)
            if count is not None and len(node.args) > count and \
                    isinstance(node.args[count], ast.BinOp):
                found.append(f"{node.lineno}: {name}() counted by an expression: lupdate "
                             "skips it; put the count in a variable")
            if name == "tr" and isinstance(node.func, ast.Attribute) and not (
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
                # lupdate files it under the enclosing class (or the variable's name),
                # Qt looks it up under the object's class: it is never translated.
                found.append(f"{node.lineno}: tr() on {ast.unparse(node.func.value)}, not self")
            continue
        indices = TEXT_METHODS.get(name) if isinstance(node.func, ast.Attribute) else None
        indices = indices or TEXT_CONSTRUCTORS.get(name, ())
        args = [node.args[i] for i in indices if i < len(node.args)]
        args += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        for arg in args:
            for bad in _bare_texts(arg):
                found.append(f"{bad.lineno}: {name}() given {ast.unparse(bad)[:60]}")
    return sorted(found, key=lambda f: int(f.split(":")[0]))


def test_every_user_visible_literal_goes_through_tr():
    """No ui module hands Qt a bare string or f-string to show."""
    problems = [f"{path.relative_to(REPO)}:{finding}"
                for path in SOURCES for finding in findings(path.read_text(encoding="utf-8"))]
    assert not problems, "untranslated user-visible strings:\n" + "\n".join(problems)


@pytest.mark.parametrize("line", [
    'button.setText("Save")',
    'self.setWindowTitle(f"Negotiator — {name}")',
    'QAction("&Open", self)',
    'menu.addAction("Delete")',
    'QMessageBox.warning(self, self.tr("Oops"), "It broke")',
    'QLabel("Title:")',
    'view.setHeaderLabels([self.tr("When"), "What"])',
    'self.statusBar().showMessage("Saved " + name)',
    'self.tr(label)',
    'self.tr(f"{n} events")',
    'QCoreApplication.translate("Vocabulary", word)',
    'QCoreApplication.translate("Other", w); QT_TRANSLATE_NOOP("Vocabulary", "Held")',
    'QPushButton(text="Close")',
    'window.tr("Could not open")',
    'self.view.tr("today")',
    'title = f"{self.tr(\'Exchanges\')} ({n})"',
    'QCoreApplication.translate("T", "%n more", "", len(items) - 8)',
    'self.tr("%n more", "", n - 8)',
    'def _tr(text):\n    return QCoreApplication.translate("X", text)\n_tr("Import")',
    'label.setText(f"<b>{name}</b> events")',
    'QLabel("<b>Tracks</b>")',
])
def test_the_check_catches(line):
    """Each of these is a finding: the check fails if someone adds it."""
    assert findings(line), line


@pytest.mark.parametrize("line", [
    'button.setText(self.tr("Save"))',
    'self.setWindowTitle(self.tr("Negotiator — {name}").format(name=name))',
    'QAction(self.tr("&Open"), self)',
    'combo.addItem(self.tr("Held"), "held")',
    'label.setText("")',
    'label.setText(" · ")',
    'action.setShortcut("Ctrl+S")',
    'QCoreApplication.translate("Vocabulary", "Round of talks")',
    'self.tr("%n event(s)", "", n)',
    'scene.addItem(item)',
    'X = QT_TRANSLATE_NOOP("Vocabulary", "Held"); QCoreApplication.translate("Vocabulary", w)',
    'text.translate(_MARKS)',
    'label.setText(name)',
    'label.setText(f"<h2>{html.escape(title)}</h2><p>{body}</p>")',
    'self.setWindowTitle(f"{path.name}{mark} — {APP_NAME}")',
    'box.addItem("A4", "a4")',
    'self.tr("%n more", "", more)',
    'QCoreApplication.translate("T", "%n more", "", len(items))',
    'L = QT_TRANSLATE_NOOP("X", "Id")\n'
    'def _tr(text):\n    return QCoreApplication.translate("X", text)\n_tr(spec.label)',
])
def test_the_check_passes(line):
    """Translated text, wordless literals, key sequences and variables pass."""
    assert not findings(line), findings(line)

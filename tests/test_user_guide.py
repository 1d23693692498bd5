"""docs/user-guide.md says what the program really does: its pictures exist, its five
tasks are there, and every menu path, shortcut and bold label it quotes is one the
program shows."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
    QWidgetAction,
)

from negotiator_gui.domain.changes import ChangeSet
from negotiator_gui.storage.project_store import ProjectStore
from negotiator_gui.ui.app_settings import AppSettings
from negotiator_gui.ui.conflict_dialog import ConflictDialog
from negotiator_gui.ui.help_window import HelpWindow
from negotiator_gui.ui.link_picker_dialog import LinkPickerDialog
from negotiator_gui.ui.main_window import MainWindow
from negotiator_gui.ui.welcome_dialog import WelcomeDialog
from tests.conftest import REPO

DOCS = REPO / "docs"
GUIDE = DOCS / "user-guide.md"
TASKS = ["Task 1: Build the record", "Task 2: See it", "Task 3: Edit it directly",
         "Task 4: Share it", "Task 5: Brief from it"]
MENU_PATH = re.compile(r"^(?:File|Edit|View|Help) > ")
MAX_PICTURE_BYTES = 260_000


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def flat(text: str) -> str:
    """The text with every run of white space (line breaks in a list item) one space."""
    return re.sub(r"\s+", " ", text)


def bold_phrases(text: str) -> list[str]:
    return re.findall(r"\*\*(.+?)\*\*", flat(text))


def clean(text: str) -> str:
    """A UI text as the guide quotes it: no mnemonic &, no shortcut, no final colon."""
    return text.replace("&", "").split("\t")[0].strip().rstrip(":").strip()


def pictures(text: str) -> list[tuple[str, str]]:
    return re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", text)


# -- the text alone --------------------------------------------------------------------


def test_every_picture_exists_is_a_small_png_and_none_is_left_over():
    shown = pictures(guide_text())
    assert len(shown) >= 10
    for alt, target in shown:
        assert alt, f"{target}: a picture needs a description"
        assert "/" not in target and not target.startswith("http"), \
            f"{target}: pictures sit beside the guide, so QTextBrowser finds them"
        path = DOCS / target
        assert path.is_file(), f"docs/{target} is shown by the guide but missing"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"docs/{target} is not a PNG"
        assert path.stat().st_size <= MAX_PICTURE_BYTES, f"docs/{target} is too big"
    left_over = {p.name for p in DOCS.glob("guide-*.png")} - {t for _, t in shown}
    assert not left_over, f"pictures no longer in the guide: {sorted(left_over)}"


def test_the_five_tasks_are_there_in_order_with_getting_started_and_help():
    headings = re.findall(r"^## (.+?)\s*$", guide_text(), re.MULTILINE)
    for needed in ["Getting started", *TASKS, "When something goes wrong",
                   "Keyboard shortcuts"]:
        assert needed in headings, f"no heading “{needed}” in the guide"
    places = [headings.index(task) for task in TASKS]
    assert places == sorted(places)
    sections = re.split(r"^## ", guide_text(), flags=re.MULTILINE)
    for task in TASKS:
        body = next(s for s in sections if s.startswith(task))
        assert re.search(r"^1\. ", body, re.MULTILINE) or "- " in body, \
            f"“{task}” has no steps"
        assert "![" in body, f"“{task}” has no picture"


def test_menu_paths_are_only_written_in_bold_so_each_is_checked():
    text = flat(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", guide_text()))  # not in picture titles
    paths = [p for p in bold_phrases(guide_text()) if MENU_PATH.match(p)]
    mentions = re.findall(r"\b(?:File|Edit|View|Help) > ", text)
    assert len(paths) >= 25
    assert len(mentions) == len(paths), "a menu path is written outside **bold**"


# -- against the program ---------------------------------------------------------------


@pytest.fixture
def window(qtbot, qapp, tmp_path, demo_file) -> MainWindow:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"),
                                     QSettings.Format.IniFormat))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(demo_file)
    win.watch_timer.stop()
    return win


def menu_actions(window: MainWindow) -> dict[str, QAction]:
    """Every command of the menu bar by its path, as in "View > Lanes By > Party"."""
    found: dict[str, QAction] = {}

    def walk(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            here = " > ".join([*path, clean(action.text())])
            found[here] = action
            if action.menu() is not None:
                walk(action.menu(), [*path, clean(action.text())])

    for top in window.menuBar().actions():
        found[clean(top.text())] = top
        walk(top.menu(), [clean(top.text())])
    return found


def test_every_menu_path_in_the_guide_is_a_command_of_the_window(window):
    commands = menu_actions(window)
    assert "File > Export Briefing…" in commands  # the walk itself works
    quoted = [p for p in bold_phrases(guide_text()) if MENU_PATH.match(p)]
    missing = sorted({p for p in quoted if p not in commands})
    assert not missing, f"the guide names menu commands the window lacks: {missing}"


def shortcut_rows(text: str) -> list[tuple[str, str]]:
    """(keys, what) of each row of the shortcut table."""
    table = text.split("## Keyboard shortcuts", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("Keys", "---"):
            rows.append((cells[0], cells[1]))
    return rows


def test_the_shortcut_table_gives_each_command_its_real_keys(window):
    commands = menu_actions(window)
    rows = shortcut_rows(guide_text())
    assert len(rows) >= 25
    checked = 0
    for keys, what in rows:
        path = re.search(r"\*\*(.+?)\*\*", what)
        if path is None:
            continue
        action = commands.get(path.group(1))
        assert action is not None, f"{path.group(1)}: no such menu command"
        real = {s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()}
        said = set(keys.split(" or "))
        assert said & real, f"{path.group(1)}: the guide says {keys}, the program {real}"
        checked += 1
    assert checked >= 20


def shown_texts(widget: QWidget) -> set[str]:
    """The texts a person reads in `widget`: buttons, labels, tabs, docks, menus."""
    texts = {clean(widget.windowTitle())}
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QAbstractButton):
            texts.add(clean(child.text()))
        elif isinstance(child, QLabel):
            texts.add(clean(re.sub(r"<[^>]+>", "", child.text())))
        elif isinstance(child, QTabWidget):
            texts.update(clean(child.tabText(i)) for i in range(child.count()))
        elif isinstance(child, QDockWidget | QGroupBox):
            texts.add(clean(child.windowTitle() if isinstance(child, QDockWidget)
                            else child.title()))
        elif isinstance(child, QMenu):
            texts.update(menu_texts(child))
    return texts


def menu_texts(menu: QMenu) -> set[str]:
    texts = {clean(menu.title())}
    for action in menu.actions():
        texts.add(clean(action.text()))
        if action.menu() is not None:
            texts.update(menu_texts(action.menu()))
        if isinstance(action, QWidgetAction) and action.defaultWidget() is not None:
            texts.update(shown_texts(action.defaultWidget()))
    return texts


def conflict_dialog(window: MainWindow, path: Path) -> ConflictDialog:
    """The conflict window, from a colleague's rename of the event this user renames."""
    with ProjectStore.open(path) as other:
        base = other.load()
        event = next(e for e in base.events if e.id == "almaty-2")
        other.write_versioned(ChangeSet(put_events=(replace(event, title="Theirs"),)),
                              base, other.versions(), "Rename")
    event = next(e for e in window.session.project.events if e.id == "almaty-2")
    window.session.apply(ChangeSet(put_events=(replace(event, title="Mine"),)), "Rename")
    dialog = window.findChild(ConflictDialog, "conflictDialog")
    assert dialog is not None
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen dialogs
def test_every_bold_label_in_the_guide_is_one_the_program_shows(window, demo_file, qtbot):
    window.selection.select(["icg-report"])
    window.inspector.item_editor.items_list.setCurrentRow(0)
    texts = shown_texts(window) | set(menu_actions(window)) | menu_texts(window.filter_bar.menu)
    item = window.inspector.item_editor.current_item_id()
    dialogs = [window.show_records(), window.show_export(), window.show_backups(),
               LinkPickerDialog(window.session.project, item, window), WelcomeDialog(window),
               conflict_dialog(window, demo_file)]
    for dialog in dialogs:
        texts |= shown_texts(dialog)
    labels = {p for p in bold_phrases(guide_text()) if not MENU_PATH.match(p)}
    assert len(labels) >= 40
    unknown = sorted(label for label in labels if clean(label) not in texts
                     and not any(t.startswith(clean(label) + ":") for t in texts))
    for dialog in dialogs:
        dialog.close()
    assert not unknown, f"the guide quotes labels the program does not show: {unknown}"


def test_the_help_window_shows_the_guide_with_every_picture(qtbot):
    window = HelpWindow(GUIDE)
    qtbot.addWidget(window)
    browser = window.browser
    assert "Task 5: Brief from it" in browser.toPlainText()
    for _, target in pictures(guide_text()):
        image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                     QUrl(target))
        assert image is not None and not image.isNull(), f"{target} does not load in Help"

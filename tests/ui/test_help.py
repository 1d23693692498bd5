"""Help > User Guide: the Markdown guide with its images, or a clear word that it is missing."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from negotiator_gui.ui import help_window
from negotiator_gui.ui.help_window import HelpWindow, find_guide, guide_candidates


def a_guide(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, width in (("shot.png", 40), ("wide.png", 3000)):
        image = QImage(width, 20, QImage.Format.Format_RGB32)
        image.fill(QColor("red"))
        assert image.save(str(folder / name))
    guide = folder / "user-guide.md"
    guide.write_text("# Negotiator guide\n\nDrag an **event** to move it.\n\n"
                     "![The window](shot.png)\n\n![Wide](wide.png)\n", encoding="utf-8")
    return guide


# The offscreen platform cannot raise windows, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_help_user_guide_shows_the_guide_with_its_images(window, qtbot, monkeypatch, tmp_path):
    guide = a_guide(tmp_path / "docs")
    monkeypatch.setattr(help_window, "guide_candidates", lambda: [tmp_path / "none.md", guide])
    window.actions_.user_guide.trigger()
    shown = window.findChild(HelpWindow, "helpWindow")
    assert shown is not None and shown.isVisible()
    assert not shown.missing()
    text = shown.browser.toPlainText()
    assert "Negotiator guide" in text and "Drag an event to move it." in text
    document = shown.browser.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("shot.png"))
    assert image is not None and image.width() == 40
    widths = {f.toImageFormat().name(): f.toImageFormat().width() for f in image_formats(document)}
    assert widths["shot.png"] == 40  # small pictures keep their size
    assert 200 <= widths["wide.png"] <= shown.browser.viewport().width()  # wide ones fit
    assert window.show_user_guide() is shown  # one window, brought to the front
    shown.close()


def image_formats(document):
    out = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            form = it.fragment().charFormat()
            if form.isImageFormat():
                out.append(form)
            it += 1
        block = block.next()
    return out


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_help_says_clearly_when_the_guide_is_missing(window, monkeypatch, tmp_path):
    places = [tmp_path / "a" / "user-guide.md", tmp_path / "b" / "user-guide.md"]
    monkeypatch.setattr(help_window, "guide_candidates", lambda: places)
    shown = window.show_user_guide()
    assert shown.missing()
    text = shown.browser.toPlainText()
    assert "The user guide is missing" in text
    assert str(places[0]) in text and str(places[1]) in text
    shown.close()


def test_the_guide_is_looked_for_in_a_bundle_first_then_next_to_the_package(monkeypatch,
                                                                            tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    first, second = guide_candidates()
    assert first == tmp_path / "docs" / "user-guide.md"
    assert second.parent.name == "docs" and (second.parent.parent / "negotiator_gui").is_dir()
    assert find_guide([tmp_path / "none.md"]) is None
    guide = a_guide(tmp_path / "docs")
    assert find_guide() == guide


def test_the_user_guide_action_is_in_the_help_menu_with_f1(window):
    titles = {a.text(): a for a in window.menuBar().actions()}
    help_menu = titles["&Help"].menu()
    texts = [a.text() for a in help_menu.actions()]
    assert texts[:2] == ["&User Guide", "&About Negotiator"]
    assert help_menu.actions()[0].shortcut().toString() == "F1"

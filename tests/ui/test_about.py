"""Help > About: the version, and each bundled library's version and licence from its metadata."""

from __future__ import annotations

from importlib import metadata

import pytest

from negotiator_gui import __version__
from negotiator_gui.ui import about_dialog
from negotiator_gui.ui.about_dialog import BUNDLED, AboutDialog, licence_of


@pytest.fixture
def about(qtbot, window) -> AboutDialog:
    dialog = window.show_about()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def test_about_shows_the_version_and_every_bundled_licence(about):
    text = about.text()
    assert f"Negotiator {__version__}" in text
    for name, _ in BUNDLED:
        meta = metadata.metadata(name)
        assert name in text
        assert meta["Version"] in text, name
        assert licence_of(meta) in text, name
    assert "LGPL-3.0-only" in text  # Qt for Python
    assert "Apache-2.0" in text  # sqlite-utils
    assert "MIT-CMU" in text  # pillow
    assert "BSD" in text  # reportlab, pypdfium2
    assert "DejaVu Sans fonts" in text and "2.37" in text
    assert "Bitstream Vera Fonts licence" in text
    # the fonts' licence in full, as the licence asks
    assert "Permission is hereby granted, free of charge" in text


def test_the_fallback_licences_match_the_installed_metadata():
    for name, _ in BUNDLED:
        assert about_dialog.CHECKED_LICENCES[name] == licence_of(metadata.metadata(name)), name


def test_licence_comes_from_the_expression_then_the_field_then_the_classifiers():
    class Meta(dict):
        def get_all(self, key):
            return self.get(key + "*")

    assert licence_of(Meta({"License-Expression": "MIT", "License": "BSD"})) == "MIT"
    assert licence_of(Meta({"License": "MIT"})) == "MIT"
    long_text = "Copyright\n" + "x" * 200
    assert licence_of(Meta({"License": long_text, "Classifier*": [
        "License :: OSI Approved :: BSD License", "Topic :: X"]})) == "BSD License"
    assert licence_of(Meta({})) == ""


def test_a_missing_library_and_a_missing_fonts_licence_are_said(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(about_dialog, "BUNDLED", (("no-such-dist-xyz", "nothing"),))
    monkeypatch.setitem(about_dialog.CHECKED_LICENCES, "no-such-dist-xyz", "Zlib")
    monkeypatch.setattr(about_dialog, "fonts_licence_path", lambda: tmp_path / "gone.txt")
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "no-such-dist-xyz" in text and "unknown (no package metadata)" in text
    assert "Zlib" in text  # the licence checked when the list was made
    assert "licence file missing" in text
    assert "could not be read" in text

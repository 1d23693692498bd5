"""File > Export Briefing: options, a preview, and the export written off the GUI thread."""

from __future__ import annotations

from pypdf import PdfReader


def test_preview_and_export_a_wider_distribution_briefing(window, demo_file, tmp_path, qtbot):
    window.open_path(demo_file)
    dialog = window.show_export()
    dialog.open_after.setChecked(False)
    assert dialog.show_preview()
    assert dialog.preview.pixmap() is not None and dialog.preview.pixmap().height() > 500
    dialog.wider.setChecked(True)
    out = tmp_path / "brief.pdf"
    assert dialog.export_to(out)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Almaty talks, second round" in text
    assert "UNCLASSIFIED" in text


def test_a_bad_period_is_shown_and_nothing_is_written(window, demo_file, tmp_path, qtbot):
    window.open_path(demo_file)
    dialog = window.show_export()
    qtbot.keyClicks(dialog.start.line_edit, "2013-05")
    qtbot.keyClicks(dialog.end.line_edit, "2013-02")
    assert not dialog.export_to(tmp_path / "x.pdf")
    assert "before" in dialog.error.text()
    assert not (tmp_path / "x.pdf").exists()


def test_other_formats_and_a_read_only_project(window, demo_file, tmp_path, qtbot):
    assert window.open_path(demo_file, read_only=True)
    dialog = window.show_export()
    dialog.open_after.setChecked(False)
    dialog.format.setCurrentIndex(dialog.format.findData(".ics"))
    assert not dialog.preview_button.isEnabled()
    out = tmp_path / "talks.ics"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert out.read_text("utf-8").startswith("BEGIN:VCALENDAR")
    assert window.actions_.export.isEnabled()


def test_the_figure_of_the_period_on_screen(window, demo_file, tmp_path, qtbot):
    window.open_path(demo_file)
    dialog = window.show_export()
    dialog.open_after.setChecked(False)
    dialog.visible_only.setChecked(True)
    assert dialog.start.date() is not None and dialog.end.date() is not None
    dialog.format.setCurrentIndex(dialog.format.findData(".svg"))
    out = tmp_path / "view.svg"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert "Almaty talks" in out.read_text("utf-8")

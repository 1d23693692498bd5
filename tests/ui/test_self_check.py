"""`negotiator-gui --self-check` and `--version`, run in-process (.ci/run runs the built ones)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon

from negotiator_gui import APP_ID, APP_NAME, __version__
from negotiator_gui import app as app_module
from negotiator_gui.ui.self_check import run_self_check


@pytest.fixture
def icon_app(qapp):
    """The test QApplication wearing the program's icon, as make_application sets it."""
    before = qapp.windowIcon()
    qapp.setWindowIcon(app_module.application_icon())
    yield qapp
    qapp.setWindowIcon(before)


def test_application_icon_has_every_size(qapp):
    sizes = {size.width() for size in app_module.application_icon().availableSizes()}
    assert sizes == set(app_module.ICON_SIZES)


def test_self_check_opens_exports_and_previews_the_sample(icon_app, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    lines: list[str] = []
    assert run_self_check(icon_app, None, lines.append) == 0
    report = "\n".join(lines)
    assert f"negotiator-gui {__version__} self-check" in lines[0]
    assert "opened in the window: sample.sqlite, 5 events" in report
    assert "exported: PDF briefing" in report
    assert "previewed: first page 300x" in report
    assert lines[-1] == "self-check passed"


def test_self_check_of_a_given_project_leaves_it_unchanged(icon_app, demo_file):
    before = demo_file.read_bytes()
    lines: list[str] = []
    assert run_self_check(icon_app, demo_file, lines.append) == 0
    assert f"opened in the window: {demo_file.name}" in "\n".join(lines)
    assert demo_file.read_bytes() == before


def test_self_check_fails_on_a_file_that_is_not_a_project(icon_app, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 50)
    lines: list[str] = []
    assert run_self_check(icon_app, junk, lines.append) == 1
    assert any(line.startswith("FAILED: ") and "junk.sqlite" in line for line in lines)
    assert "self-check passed" not in lines


def test_self_check_fails_without_the_icon(qapp):
    before = qapp.windowIcon()
    qapp.setWindowIcon(QIcon())
    try:
        lines: list[str] = []
        assert run_self_check(qapp, None, lines.append) == 1
    finally:
        qapp.setWindowIcon(before)
    assert "icon" in lines[1]


def test_version_is_printed_without_starting_qt(capsys, monkeypatch):
    monkeypatch.setattr(app_module, "make_application",
                        lambda argv: pytest.fail("Qt started for --version"))
    assert app_module.main(["negotiator-gui", "--version"]) == 0
    assert capsys.readouterr().out.strip() == f"negotiator-gui {__version__}"


def test_self_check_option_runs_the_check(icon_app, monkeypatch):
    seen = []
    monkeypatch.setattr("negotiator_gui.ui.self_check.run_self_check",
                        lambda app, given: seen.append(given) or 0)
    assert app_module.main(["negotiator-gui", "--self-check"]) == 0
    assert seen == [None]


def test_the_application_is_named_by_the_app_id_the_desktop_files_use(icon_app):
    app = app_module.make_application(["negotiator-gui"])
    assert app.desktopFileName() == APP_ID  # Wayland app_id, _GTK_APPLICATION_ID on X11
    assert app.applicationName() == APP_NAME  # WM_CLASS, StartupWMClass
    assert not app.windowIcon().isNull()


def test_self_check_fails_when_a_librarys_metadata_is_missing(icon_app, monkeypatch):
    from importlib import metadata

    real = metadata.version

    def version(name: str) -> str:
        if name == "reportlab":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr("negotiator_gui.ui.self_check.metadata.version", version)
    lines: list[str] = []
    assert run_self_check(icon_app, None, lines.append) == 1
    assert any("no package metadata for reportlab" in line for line in lines)

"""The PyInstaller spec, run against stand-ins for PyInstaller's build steps (no build here).

.ci/run builds the real folder and runs its self-check; these tests catch a spec
that would build the wrong thing: another version, Qt modules we use left out,
resources or docs missing, or plugins we dropped coming back.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import negotiator_gui
from negotiator_gui import APP_ID, APP_NAME, __version__
from tests.conftest import REPO

SPEC = REPO / "packaging" / "negotiator.spec"
BINARIES = [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", "/x/libqwayland.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/x/libqoffscreen.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/x/libqeglfs.so", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", "/x/p.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "/x/libQt6Widgets.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/x/e.so", "BINARY"),
    ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
    ("pypdfium2_raw/libpdfium.so", "/x/libpdfium.so", "BINARY"),
]


class SpecRun:
    """What the spec asked PyInstaller's build steps to do."""

    def __init__(self) -> None:
        self.calls: dict[str, tuple[tuple, dict]] = {}

    def step(self, name: str):
        def record(*args, **kwargs):
            self.calls[name] = (args, kwargs)
            if name == "Analysis":
                # Analysis lists datas as (name in the folder, source, kind).
                datas = [(f"{folder}/{Path(src).name}", src, "DATA")
                         for src, folder in kwargs["datas"]]
                datas += [("libQt6EglFSDeviceIntegration.so.6", "x", "SYMLINK"),
                          ("libQt6Widgets.so.6", "x", "SYMLINK")]
                return SimpleNamespace(binaries=list(BINARIES), pure=[], scripts=[],
                                       datas=datas)
            return SimpleNamespace(name=name, args=args, kwargs=kwargs)
        return record


def run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str) -> dict:
    """Execute the spec as PyInstaller would on `platform`; returns its namespace."""
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts the checkout first
    # The test extra has no PyInstaller: stand in for the one helper the spec uses.
    hooks = SimpleNamespace(copy_metadata=lambda name: [(f"/site/{name}.dist-info",
                                                          f"{name}.dist-info")])
    monkeypatch.setitem(sys.modules, "PyInstaller", SimpleNamespace())
    monkeypatch.setitem(sys.modules, "PyInstaller.utils", SimpleNamespace(hooks=hooks))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    run = SpecRun()
    namespace = {name: run.step(name) for name in
                 ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace.update(SPECPATH=str(SPEC.parent), DISTPATH=str(tmp_path / "dist"),
                     __file__=str(SPEC), __name__="__main__")
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["_run"] = run
    return namespace


@pytest.fixture
def linux_spec(tmp_path, monkeypatch) -> dict:
    return run_spec(tmp_path, monkeypatch, "linux")


def test_spec_takes_version_and_id_from_the_package(linux_spec):
    assert linux_spec["VERSION"] == __version__
    assert linux_spec["APP_ID"] == APP_ID
    source = SPEC.read_text(encoding="utf-8")
    assert "negotiator_gui.__version__" in source
    assert not re.search(r"""["']\d+\.\d+\.\d+["']""", source), "a version written in the spec"


def test_spec_builds_one_folder_named_after_the_app(linux_spec):
    calls = linux_spec["_run"].calls
    exe_args, exe_kwargs = calls["EXE"]
    assert exe_kwargs["exclude_binaries"] is True  # onedir: the binaries go to COLLECT
    assert exe_kwargs["name"] == "negotiator-gui"
    assert calls["COLLECT"][1]["name"] == APP_NAME
    script = Path(calls["Analysis"][0][0][0])
    assert script.is_file() and "negotiator_gui.launch import main" in script.read_text()
    assert "BUNDLE" not in calls


def test_spec_keeps_the_qt_modules_the_code_imports_and_excludes_the_rest(linux_spec):
    used = set(linux_spec["QT_USED"])
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excludes = set(linux_spec["_run"].calls["Analysis"][1]["excludes"])
    assert not {f"PySide6.{name}" for name in used} & excludes
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick"} <= excludes
    imported = set()
    for path in (REPO / "negotiator_gui").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert imported <= used


def test_spec_bundles_the_resources_package_and_the_user_guide(linux_spec):
    datas = linux_spec["_run"].calls["Analysis"][1]["datas"]
    bundled = {(Path(src).name, folder.replace("\\", "/")) for src, folder in datas}
    resources = "negotiator_gui/resources"
    for name, folder in [("__init__.py", resources), ("almaty-2013.json", f"{resources}/sample"),
                         ("DejaVuSans.ttf", f"{resources}/fonts"),
                         (f"{APP_ID}.png", f"{resources}/icons/hicolor/16x16/apps"),
                         (f"{APP_ID}.svg", f"{resources}/icons/hicolor/scalable/apps")]:
        assert (name, folder) in bundled
    assert not any("__pycache__" in src or src.endswith(".pyc") for src, _ in datas)
    for png in (REPO / "docs").glob("*.png"):
        assert (png.name, "docs") in bundled
    if (REPO / "docs" / "user-guide.md").exists():
        assert ("user-guide.md", "docs") in bundled


def test_spec_ships_the_metadata_the_about_box_reads(linux_spec):
    from negotiator_gui.ui.about_dialog import BUNDLED

    folders = {folder for _, folder in linux_spec["_run"].calls["Analysis"][1]["datas"]}
    assert {f"{name}.dist-info" for name, _ in BUNDLED} <= folders


def test_spec_ships_compiled_translations_but_not_catalogues_or_caches(linux_spec, tmp_path):
    source = tmp_path / "resources"
    for name in ("translations/negotiator_fr.qm", "translations/negotiator_fr.ts",
                 "__pycache__/__init__.cpython-311.pyc", "__init__.py"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("x")
    pairs = linux_spec["tree"](source, "negotiator_gui/resources")
    assert sorted((Path(src).name, folder) for src, folder in pairs) == [
        ("__init__.py", "negotiator_gui/resources"),
        ("negotiator_fr.qm", "negotiator_gui/resources/translations")]


def test_spec_drops_device_platforms_and_the_gtk_stack(linux_spec):
    kept = {dest for dest, _, _ in linux_spec["a"].binaries}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6", "pypdfium2_raw/libpdfium.so"}
    links = {dest for dest, _, kind in linux_spec["a"].datas if kind == "SYMLINK"}
    assert links == {"libQt6Widgets.so.6"}


def test_spec_puts_the_linux_install_files_in_the_folder(linux_spec, tmp_path):
    linux = tmp_path / "dist" / APP_NAME / "linux"
    assert (linux / "install.sh").is_file()
    assert (linux / f"{APP_ID}.desktop").is_file()
    assert (linux / f"{APP_ID}.mime.xml").is_file()


def test_spec_on_macos_makes_an_app_bundle_with_the_id_and_version(tmp_path, monkeypatch):
    spec = run_spec(tmp_path, monkeypatch, "darwin")
    kwargs = spec["_run"].calls["BUNDLE"][1]
    assert kwargs["bundle_identifier"] == APP_ID
    assert kwargs["version"] == __version__
    assert kwargs["info_plist"]["CFBundleShortVersionString"] == __version__
    assert Path(kwargs["icon"]).is_file()
    assert spec["_run"].calls["EXE"][1]["console"] is False
    assert not (tmp_path / "dist" / APP_NAME / "linux").exists()


def test_the_package_version_is_the_distribution_version():
    from importlib.metadata import version

    assert version("negotiator-gui") == negotiator_gui.__version__


def a_built_folder(tmp_path: Path, version: str, check_status: int) -> Path:
    """A stand-in for dist/Negotiator whose program answers --version and --self-check."""
    folder = tmp_path / "dist" / "Negotiator"
    folder.mkdir(parents=True)
    program = folder / "negotiator-gui"
    program.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = --version ]; then echo "negotiator-gui {version}"; exit 0; fi\n'
        '[ -n "$QT_QPA_PLATFORM" ] || exit 3\n'
        f"echo checked; exit {check_status}\n")
    program.chmod(0o755)
    return folder


def run_self_check_sh(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(REPO / "packaging" / "self_check.sh"), str(folder)],
                          capture_output=True, text=True, timeout=60)


def test_self_check_sh_passes_a_good_folder(tmp_path):
    result = run_self_check_sh(a_built_folder(tmp_path, __version__, 0))
    assert result.returncode == 0, result.stderr
    assert f"--version: negotiator-gui {__version__}" in result.stdout
    assert "checked" in result.stdout


@pytest.mark.parametrize(("version", "status", "says"), [
    ("0.0.0-wrong", 0, "expected"),
    (__version__, 1, "--self-check failed"),
])
def test_self_check_sh_fails_a_broken_folder(tmp_path, version, status, says):
    result = run_self_check_sh(a_built_folder(tmp_path, version, status))
    assert result.returncode == 1
    assert says in result.stderr


def test_self_check_sh_fails_without_a_build(tmp_path):
    result = run_self_check_sh(tmp_path / "dist" / "Negotiator")
    assert result.returncode == 1
    assert "no such folder" in result.stderr

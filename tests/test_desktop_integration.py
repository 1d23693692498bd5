"""Linux desktop integration: desktop entry, AppStream metainfo, MIME type, icons, install.sh."""

from __future__ import annotations

import configparser
import os
import shutil
import sqlite3
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from negotiator_gui import APP_ID, APP_NAME, ICON_SIZES, __version__
from negotiator_gui.operations import create_demo
from negotiator_gui.storage.schema import APPLICATION_ID
from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
INSTALL = LINUX / "install.sh"
HICOLOR = REPO / "resources" / "icons" / "hicolor"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-negotiator-project"


def need(*tools: str) -> None:
    """Skip unless every tool is on PATH; .ci/run, having installed them, makes that a failure."""
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing and os.environ.get("NEGOTIATOR_DESKTOP_TOOLS") == "required":
        pytest.fail(f"not installed: {', '.join(missing)}")
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type() -> ET.Element:
    return ET.parse(MIME).getroot().find(f"{MIME_NS}mime-type")


def magic_matches(matches: list[ET.Element], data: bytes) -> bool:
    """shared-mime-info magic: any match whose value is found and whose children match."""
    return any(_match(m, data) and (not list(m) or magic_matches(list(m), data))
               for m in matches)


def _match(match: ET.Element, data: bytes) -> bool:
    offset = int(match.get("offset"))
    kind, value = match.get("type"), match.get("value")
    if kind == "string":
        wanted = value.encode("latin-1").decode("unicode_escape").encode("latin-1")
        return data[offset:offset + len(wanted)] == wanted
    if kind == "big32":
        return len(data) >= offset + 4 and struct.unpack(
            ">I", data[offset:offset + 4])[0] == int(value, 0)
    raise AssertionError(f"{MIME}: a magic of type {kind} the test does not know")


def a_project(folder: Path, name: str = "project.sqlite") -> Path:
    path = folder / name
    create_demo(path).close()
    return path


def a_plain_sqlite(folder: Path) -> Path:
    path = folder / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return path


# -- the files ----------------------------------------------------------------------


def test_desktop_entry_names_the_app_id_icon_program_and_type():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "negotiator-gui %f"
    assert entry["StartupWMClass"] == APP_NAME  # the class part of Qt's WM_CLASS
    assert MIME_TYPE in entry["MimeType"].split(";")


def test_metainfo_uses_the_app_id_version_and_mime_type():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("launchable").get("type") == "desktop-id"
    assert root.findtext("provides/mediatype") == MIME_TYPE
    assert root.findtext("provides/binary") == "negotiator-gui"
    assert root.find("releases/release").get("version") == __version__


def test_mime_magic_is_our_application_id_at_offset_68_in_an_sqlite_header():
    kind = mime_type()
    assert kind.get("type") == MIME_TYPE
    assert kind.find(f"{MIME_NS}sub-class-of").get("type") == "application/vnd.sqlite3"
    outer = kind.find(f"{MIME_NS}magic/{MIME_NS}match")
    inner = outer.find(f"{MIME_NS}match")
    assert (outer.get("type"), outer.get("offset")) == ("string", "0")
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value"), 16) == APPLICATION_ID
    assert kind.find(f"{MIME_NS}glob") is None, "told by content, not by name"


def test_mime_magic_matches_a_real_project_and_not_another_sqlite_file(tmp_path):
    magic = list(mime_type().find(f"{MIME_NS}magic"))
    project = a_project(tmp_path).read_bytes()[:100]
    assert struct.unpack(">I", project[68:72])[0] == APPLICATION_ID
    assert magic_matches(magic, project)
    assert not magic_matches(magic, a_plain_sqlite(tmp_path).read_bytes()[:100])
    assert not magic_matches(magic, b"NEGO" * 25)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size(size):
    png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    head = png.read_bytes()[:26]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", head[16:26])
    assert (width, height) == (size, size)
    assert (depth, colour) == (8, 6), "8-bit RGBA"


def test_icon_svg_is_square_and_named_by_the_app_id():
    root = ET.parse(HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg").getroot()
    _, _, width, height = root.get("viewBox").split()
    assert width == height


def test_desktop_entry_is_valid():
    need("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_is_valid():
    need("appstreamcli")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- install.sh -----------------------------------------------------------------------


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    result = subprocess.run(["bash", str(INSTALL), *args], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def a_program(folder: Path) -> Path:
    folder.mkdir(parents=True)
    program = folder / "negotiator-gui"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_install_puts_every_file_in_place_and_uninstall_removes_them(tmp_path):
    home = tmp_path / "home"
    program = a_program(tmp_path / "My Apps")
    run_install(home, "--program", str(program))
    share = home / ".local" / "share"
    installed = files_under(share)
    expected = {f"applications/{APP_ID}.desktop", f"metainfo/{APP_ID}.metainfo.xml",
                f"mime/packages/{APP_ID}.xml", f"icons/hicolor/scalable/apps/{APP_ID}.svg"}
    expected |= {f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES}
    assert expected <= installed
    entry = desktop_entry(share / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{program}" %f'  # quoted: the path has a space
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID

    run_install(home, "--uninstall")
    left = files_under(home)
    assert not left, left


def test_install_rejects_a_program_that_is_not_there(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path))
    result = subprocess.run(["bash", str(INSTALL), "--program", str(tmp_path / "nothing")],
                            env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "nothing" in result.stderr
    assert not (tmp_path / ".local").exists()


def test_uninstall_keeps_what_others_installed(tmp_path):
    home = tmp_path / "home"
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    run_install(home, "--program", str(a_program(tmp_path / "bin")))
    run_install(home, "--uninstall")
    assert other.is_file()
    assert not any(APP_ID in name for name in files_under(home))


def test_xdg_mime_knows_a_project_renamed_to_txt(tmp_path):
    need("update-mime-database", "xdg-mime", "mimetype")  # xdg-mime asks mimetype
    home = tmp_path / "home"
    run_install(home, "--program", str(a_program(tmp_path / "bin")))
    renamed = a_project(tmp_path, "notes.txt")
    desktop = ("XDG_", "KDE", "GNOME", "DESKTOP_SESSION")  # xdg-mime's generic mode
    env = {k: v for k, v in os.environ.items() if not k.startswith(desktop)}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))

    def query(path: Path) -> str:
        return subprocess.run(["xdg-mime", "query", "filetype", str(path)], env=env,
                              capture_output=True, text=True, timeout=60).stdout.strip()

    assert query(renamed) == MIME_TYPE
    assert query(a_plain_sqlite(tmp_path)) != MIME_TYPE


def test_gio_knows_a_project_by_content(tmp_path):
    need("update-mime-database", "gio")
    home = tmp_path / "home"
    run_install(home, "--program", str(a_program(tmp_path / "bin")))
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))

    def content_type(path: Path) -> str:
        out = subprocess.run(["gio", "info", "-a", "standard::content-type", str(path)],
                             env=env, capture_output=True, text=True, timeout=60).stdout
        return out.strip().rsplit(" ", 1)[-1]

    # GIO trusts a known extension such as .txt over content; a name it does not
    # know, or .sqlite, is told by the header.
    assert content_type(a_project(tmp_path, "briefing-2013")) == MIME_TYPE
    assert content_type(a_project(tmp_path, "talks.sqlite")) == MIME_TYPE
    assert content_type(a_plain_sqlite(tmp_path)) == "application/vnd.sqlite3"


def installed_exec(home: Path) -> str:
    return desktop_entry(home / ".local/share/applications" / f"{APP_ID}.desktop")["TryExec"]


def run_script(script: Path, home: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH="/usr/bin:/bin")  # no negotiator-gui on PATH
    result = subprocess.run(["bash", str(script), *args], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_install_from_the_pyinstaller_folder_uses_its_program(tmp_path):
    folder = tmp_path / "dist" / "Negotiator"
    program = a_program(folder)
    shutil.copytree(LINUX, folder / "linux")
    shutil.copytree(HICOLOR, folder / "_internal/negotiator_gui/resources/icons/hicolor")
    home = tmp_path / "home"
    run_script(folder / "linux" / "install.sh", home)
    assert installed_exec(home) == str(program)
    assert (home / ".local/share/icons/hicolor/48x48/apps" / f"{APP_ID}.png").read_bytes() == (
        HICOLOR / "48x48/apps" / f"{APP_ID}.png").read_bytes()
    run_script(folder / "linux" / "install.sh", home, "--uninstall")
    assert not files_under(home)


def test_install_from_a_checkout_uses_its_venv_program(tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(LINUX, checkout / "packaging" / "linux")
    shutil.copytree(HICOLOR, checkout / "resources" / "icons" / "hicolor")
    program = a_program(checkout / ".venv" / "bin")
    home = tmp_path / "home"
    run_script(checkout / "packaging" / "linux" / "install.sh", home)
    assert installed_exec(home) == str(program)


def test_install_without_any_program_says_what_to_do(tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(LINUX, checkout / "packaging" / "linux")
    env = dict(os.environ, HOME=str(tmp_path), PATH="/usr/bin:/bin")
    result = subprocess.run(["bash", str(checkout / "packaging/linux/install.sh")], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "--program" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / ".local").exists()

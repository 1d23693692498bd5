"""Test set-up: headless Qt, private settings and data folders, shared builders."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

# Before anything imports Qt: no display, and settings/data kept away from the user's.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = tempfile.mkdtemp(prefix="negotiator-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")

import pytest  # noqa: E402

from negotiator_gui.operations import create_demo  # noqa: E402
from negotiator_gui.storage.project_store import ProjectStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
HISTORY = DATA / "iran_nuclear_2002_2016.json"


def sha256(path: Path) -> str:
    """The file's SHA-256, to show it was left byte-identical."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A fresh copy of the sample project."""
    path = tmp_path / "almaty.sqlite"
    create_demo(path).close()
    return path


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    """A fresh, empty project."""
    path = tmp_path / "empty.sqlite"
    ProjectStore.create(path).close()
    return path

"""The import-linter contracts in pyproject.toml: layers point down; only ui imports Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_import_contracts_hold():
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"],
        cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower() or "0 broken" in done.stdout.lower()

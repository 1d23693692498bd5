"""The benchmark suite's smoke run: proves benchmarks/run.py works, times nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"value", "baseline", "target", "unit", "pass"}


@pytest.mark.slow
def test_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--json", str(out),
         "--folder", str(tmp_path / "projects")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert set(results) == {f"P{n}" for n in range(1, 12)}
    for key, row in results.items():
        assert FIELDS <= set(row), key
        assert row["pass"] in (True, False, None), key
    assert all(results[f"P{n}"]["value"] is not None for n in range(1, 11))
    assert "PASS" in done.stdout or "FAIL" in done.stdout

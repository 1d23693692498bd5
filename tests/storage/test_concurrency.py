"""Several processes on one file: every edit lands, nothing is lost, the file stays sound."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from negotiator_gui.storage.project_store import ProjectStore
from tests.conftest import HISTORY, REPO

WORKER = [sys.executable, "-m", "tests.storage.writer_worker"]


def event_ids(path) -> set[str]:
    with ProjectStore.open(path, read_only=True) as store:
        assert store.integrity_check() == "ok"
        return {e.id for e in store.load().events}


@pytest.mark.slow
def test_four_processes_by_250_edits_all_land(demo_file):
    procs = [subprocess.Popen([*WORKER, str(demo_file), "250", f"w{n}"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(4)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    assert all("locked" not in err for _, err in results)
    ids = event_ids(demo_file)
    expected = {f"w{n}-{i}" for n in range(4) for i in range(250)}
    assert expected <= ids
    assert len(ids) == 5 + 1000


@pytest.mark.slow
def test_four_simultaneous_imports_of_parts_of_a_history_all_land(demo_file, tmp_path):
    doc = json.loads(HISTORY.read_text("utf-8"))
    events = doc["events"]
    parts = [events[n::4] for n in range(4)]
    files = []
    for n, part in enumerate(parts):
        items = {i["id"] for e in part for i in e.get("items", [])}
        links = [lk for lk in doc["links"] if lk["from"] in items and lk["to"] in items]
        piece = {**doc, "events": part, "links": links}
        path = tmp_path / f"part{n}.json"
        path.write_text(json.dumps(piece, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    cli = [sys.executable, "-m", "negotiator_gui.cli", "import", str(demo_file)]
    procs = [subprocess.Popen([*cli, str(f)], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in files]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    assert {e["id"] for e in events} <= event_ids(demo_file)


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_loses_nothing_committed(demo_file):
    rng = random.Random(7)
    committed: set[str] = set()
    for trial in range(50):
        proc = subprocess.Popen([*WORKER, str(demo_file), "100000", f"k{trial}"], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(0.25 + rng.random() * 0.25)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        committed |= set(out.split())
        conn = sqlite3.connect(demo_file)  # as any program would, recover and check
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert committed
    assert committed <= event_ids(demo_file)

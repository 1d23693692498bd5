"""P6 broken down: where a drag-move's release-to-frame time goes, part by part.

Opens the main window on a copy of a project (as `run.py drag_figure` does), makes
`--drags` drag-moves with `canvas_bench.bench_drag` and prints, besides the median
release-to-frame time, the median milliseconds per drag spent in each timed part:
the database write (`db:`), the session's own work (`s:`) and each view's answer to
`project_changed` (`v:`). Parts nest (`db:write_versioned` holds the other `db:`).

    python benchmarks/drag_breakdown.py /tmp/bench-projects/bench-10000.sqlite --drags 30
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

SPENT: dict[str, float] = collections.defaultdict(float)


def timed(owner, name: str, label: str) -> None:
    """Replace `owner.name` by a wrapper adding its time to SPENT[label]."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] += (time.perf_counter() - start) * 1000

    setattr(owner, name, wrapper)


def instrument() -> None:
    """Time the parts (before any window is made: slots are bound at connect time)."""
    from negotiator_gui.domain import changes
    from negotiator_gui.storage import project_store, search, versioned, writing
    from negotiator_gui.ui import (
        event_table_model,
        filter_bar,
        history_panel,
        inspector_dock,
        main_window,
        session,
        timeline_view,
    )

    timed(project_store.ProjectStore, "write_versioned", "db:write_versioned (all)")
    for owner, name in ((versioned, "check"), (versioned, "_snapshot"),
                        (versioned, "_history"), (versioned, "current_versions"),
                        (writing, "write_changes"), (search, "index_events")):
        timed(owner, name, f"db:{name}")
    timed(session.ProjectSession, "apply", "s:ProjectSession.apply (all)")
    timed(changes, "apply", "s:changes.apply")
    timed(changes, "invert", "s:changes.invert")
    for owner, name in ((inspector_dock.InspectorDock, "_on_session_project_changed"),
                        (event_table_model.EventTableModel, "_on_project_changed_if_live"),
                        (history_panel.HistoryPanel, "_on_session_changed"),
                        (filter_bar.FilterBar, "_on_session_project_changed"),
                        (main_window.MainWindow, "_on_session_project_changed"),
                        (timeline_view.TimelineView, "_on_session_project_changed")):
        timed(owner, name, f"v:{owner.__name__}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a generated project (copied first)")
    parser.add_argument("--drags", type=int, default=30)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    instrument()
    import canvas_bench as cb

    folder = Path(tempfile.mkdtemp(prefix="drag-breakdown-"))
    work = folder / args.project.name
    shutil.copy(args.project, work)
    window = cb.main_window(app)
    window.open_path(work)
    app.processEvents()
    cb.fit_viewport(app, window)
    window.view.viewport().grab()
    app.processEvents()
    totals: list[float] = []
    parts: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.drags):
        SPENT.clear()
        totals.append(cb.bench_drag(app, window.view, window.session, 1)[0])
        for label, ms in SPENT.items():
            parts[label].append(ms)
    print(f"release to frame, median of {args.drags}: {statistics.median(totals):.2f} ms")
    for label in sorted(parts):
        print(f"  {label:45s} {statistics.median(parts[label]):7.3f} ms")
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

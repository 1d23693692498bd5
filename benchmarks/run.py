"""Issue 6's benchmark suite: P1-P11 with their baselines, a PASS/FAIL table and a JSON file.

Run: .venv/bin/python benchmarks/run.py --json OUT.json [--smoke] [--reps N]

Offscreen, 1280x800 viewports, frames timed through `viewport().grab()`.
Every figure is a median of `--reps` repetitions (pan: the p95 of many frames).
`--smoke` only proves the script works: 1k events, one repetition, a 10-round
briefing, no 100k project (P11 is reported as skipped).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import canvas_bench as cb  # sets QT_QPA_PLATFORM=offscreen and the import path
import suite_parts as parts
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from negotiator_gui.storage.project_store import ProjectStore


def figure(what: str, value, baseline, target, unit: str, passed) -> dict:
    """One row of the results: JSON fields plus the description."""
    return {"what": what, "value": value, "baseline": baseline, "target": target,
            "unit": unit, "pass": passed}


def project_file(folder: Path, count: int) -> Path:
    """The generated project of `count` events (made once per folder)."""
    path = folder / f"bench-{count}.sqlite"
    if not path.exists():
        cb.make_project(path, count)
    return path


def raw_rectangles(view, reps: int) -> float:
    """Median ms for a raw QPainter to draw the rectangles of every shown event's glyphs."""
    timeline = view.timeline
    rects = []
    for event_id in timeline.shown_ids():
        for glyph in timeline.glyphs_of(event_id):
            rect = view.mapFromScene(timeline.body_rect(glyph)).boundingRect()
            rects.append(QRect(rect.x(), rect.y(), max(rect.width(), 1), rect.height()))
    size = view.viewport().size()
    color = QColor("#4477aa")
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        pixmap = QPixmap(size)
        pixmap.fill(QColor("white"))
        painter = QPainter(pixmap)
        painter.setPen(color.darker())
        painter.setBrush(color)
        for rect in rects:
            painter.drawRect(rect)
        painter.end()
        times.append(cb.ms(time.perf_counter() - start))
    return statistics.median(times)


def canvas_figures(app, big: Path, reps: int) -> dict[str, dict]:
    """P3, P4, P5 and P7 (a band over about 1,300 events) on the canvas alone."""
    view, session, _ = cb.canvas(app, big)
    _, pan_p95 = cb.bench_pan(app, view, max(reps, 3))
    all_frame, all_in = cb.bench_all_visible(app, view, reps)
    raw = raw_rectangles(view, reps)
    zoom, _ = cb.bench_zoom(app, view, max(reps, 2), 10.0)
    band, chosen = cb.bench_band(app, view, reps)
    view.close()
    session.close()
    what = "" if all_in else " (not all lanes in view)"
    return {
        "P3": figure("pan frame at ~10 px/day, p95", pan_p95, None, 8.0, "ms", pan_p95 <= 8.0),
        "P4": figure("frame with all events visible" + what, all_frame, raw, 17.0, "ms",
                     all_frame <= 17.0),
        "P5": figure("zoom step, wheel to painted frame", zoom, None, 17.0, "ms", zoom <= 17.0),
        "P7": figure(f"rubber band over {chosen} events", band, None, 5.0, "ms", band <= 5.0),
    }


def drag_figure(app, path: Path, reps: int) -> dict:
    """P6: mouse release to committed move and repainted frame, in the main window."""
    work = Path(tempfile.mkdtemp(prefix="bench-drag-")) / path.name
    shutil.copy(path, work)
    firsts: list[float] = []
    _, drag, pause = cb.bench_window(app, work, max(reps, 2), firsts)
    raw = parts.raw_update_commit(work, max(reps * 5, 5), pause)
    back_to_back = parts.raw_update_commit(work, max(reps * 5, 5))
    target = 2 * raw + 1
    out = figure("drag-move: release to commit and frame (main window)", drag, raw,
                 target, "ms", drag <= target)
    out["baseline_pause_ms"] = pause * 1000.0
    out["baseline_back_to_back"] = back_to_back
    out["first_drag_after_opening"] = statistics.median(firsts)
    return out


def big_figure(app, folder: Path, count: int, reps: int) -> dict:
    """P11: open (fresh process, as P2) and pan (as P3) at `count` events."""
    path = project_file(folder, count)
    opened, _ = parts.fresh_launches("app", path, reps)
    view, session, _ = cb.canvas(app, path)
    _, pan_p95 = cb.bench_pan(app, view, max(reps, 3))
    view.close()
    session.close()
    value = {"open": opened / 1000.0, "pan_p95": pan_p95}
    return figure(f"{count // 1000}k events: open, pan p95", value, None,
                  {"open": 5.0, "pan_p95": 17.0}, {"open": "s", "pan_p95": "ms"},
                  value["open"] <= 5.0 and pan_p95 <= 17.0)


def failed_or(measure_one, *args) -> dict:
    """`measure_one(*args)`, or a failed figure naming the error it raised."""
    try:
        return measure_one(*args)
    except Exception as exc:  # a figure that cannot be measured fails, the rest still run
        return figure(f"could not be measured: {exc}"[:200], None, None, None, "", False)


def measure(app, folder: Path, smoke: bool, reps: int) -> dict[str, dict]:
    """Every figure, keyed P1..P11."""
    small = project_file(folder, 1000)
    big = small if smoke else project_file(folder, 10000)
    label = "1k" if smoke else "10k"
    bare, _ = parts.fresh_launches("bare", None, reps)
    empty = folder / "empty.sqlite"
    if not empty.exists():
        ProjectStore.create(empty).close()
    launch, _ = parts.fresh_launches("app", empty, reps)
    opened, rss = parts.fresh_launches("app", big, reps)
    out = {
        "P1": figure("launch to first frame, empty project", launch, bare, bare + 150.0,
                     "ms", launch <= bare + 150.0),
        "P2": figure(f"launch to first frame, {label} events", opened, None, 1000.0, "ms",
                     opened <= 1000.0),
    }
    out.update(canvas_figures(app, big, reps))
    out["P6"] = drag_figure(app, big, reps)
    with ProjectStore.open(big, read_only=True) as store:
        project = store.load()
    merge, raw = parts.import_figures(project, folder, reps)
    out["P8"] = figure(f"import of {label} events into a new file", merge, raw, 3 * raw,
                       "ms", merge <= 3 * raw)
    brief, raw_pdf, pages = parts.briefing_figures(10 if smoke else 200, folder, reps)
    limit = min(8 * raw_pdf, 5000.0)
    out["P9"] = figure(f"PDF briefing, {10 if smoke else 200} rounds ({pages} pages)", brief,
                       raw_pdf, limit, "ms", brief <= limit)
    out["P10"] = figure(f"peak RSS, {label} events open", rss, None, 150.0, "MB",
                        rss <= 150.0)
    out["P11"] = (figure("100k events: open, pan p95 (skipped in --smoke)", None, None,
                         {"open": 5.0, "pan_p95": 17.0}, {"open": "s", "pan_p95": "ms"},
                         None) if smoke else failed_or(big_figure, app, folder, 100_000, reps))
    return {key: out[key] for key in sorted(out, key=lambda k: int(k[1:]))}


def shown(value) -> str:
    """A value, baseline or target as table text."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return " / ".join(f"{v:.2f}" for v in value.values())
    return f"{value:.1f}"


def print_table(results: dict[str, dict]) -> None:
    """The table of figures with PASS/FAIL."""
    print(f"{'id':4s} {'what':52s} {'value':>14s} {'baseline':>9s} {'target':>13s} "
          f"{'unit':>6s}  result")
    for key, row in results.items():
        unit = "/".join(row["unit"].values()) if isinstance(row["unit"], dict) else row["unit"]
        verdict = {True: "PASS", False: "FAIL", None: "SKIP"}[row["pass"]]
        print(f"{key:4s} {row['what'][:52]:52s} {shown(row['value']):>14s} "
              f"{shown(row['baseline']):>9s} {'≤ ' + shown(row['target']):>13s} "
              f"{unit:>6s}  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True, help="where to write the results")
    parser.add_argument("--smoke", action="store_true", help="1k events, one repetition")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None,
                        help="keep generated projects here (default: a fresh temp folder)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="negotiator-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results = measure(app, folder, args.smoke, 1 if args.smoke else args.reps)
    print_table(results)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

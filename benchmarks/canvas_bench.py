"""Timeline canvas figures at 1k and 10k generated events (a script that prints, not a test).

Run: .venv/bin/python benchmarks/canvas_bench.py [--events 1000 10000] [--reps 7]

Frames are timed through the real paint path, `view.viewport().grab()`, as
issue 6 prescribes. Each figure is the median of `--reps` runs (pan: the p95 of
many frames). The canvas is measured alone (a TimelineView on a session, its
viewport 1280x800) and, for opening and the drag commit, inside the main
window too, where the tables and the inspector also answer every change.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from negotiator_gui.domain.dates import PartialDate  # noqa: E402
from negotiator_gui.domain.model import (  # noqa: E402
    Event,
    Item,
    Link,
    Party,
    Project,
    ProjectInfo,
    Track,
)
from negotiator_gui.storage.project_store import ProjectStore  # noqa: E402
from negotiator_gui.ui.app_settings import AppSettings  # noqa: E402
from negotiator_gui.ui.main_window import MainWindow  # noqa: E402
from negotiator_gui.ui.selection import EventSelection  # noqa: E402
from negotiator_gui.ui.session import ProjectSession  # noqa: E402
from negotiator_gui.ui.timeline_view import TimelineView  # noqa: E402

WIDTH, HEIGHT = 1280, 800
LEFT = Qt.MouseButton.LeftButton
WORDS = ("talks round enrichment sanctions relief proposal experts meeting Vienna Geneva "
         "Almaty stockpile protocol inspection reactor centrifuge statement deadline").split()


def make_project(path: Path, count: int, seed: int = 1) -> None:
    """`count` events over 20 tracks and 30 years, 3 items each, a link per 5 items."""
    rng = random.Random(seed)
    tracks = tuple(Track(f"t{i}", f"Track {i}", i) for i in range(20))
    parties = tuple(Party(f"p{i}", f"Party {i}", f"P{i}", f"#{rng.randrange(0xFFFFFF):06x}")
                    for i in range(10))
    base = PartialDate(1990, 1, 1).first_day().toordinal()
    events = []
    for i in range(count):
        first = base + rng.randrange(365 * 30)
        last = first + rng.choice([0, 0, 1, 2, 5])
        start = PartialDate.from_date(_dt.date.fromordinal(first))
        end = PartialDate.from_date(_dt.date.fromordinal(last)) if last != first else None
        items = tuple(Item(f"i{i}-{k}", " ".join(rng.choices(WORDS, k=rng.randint(6, 16))),
                           rng.choice(["concession", "relief", "proposal", "demand"]),
                           f"p{rng.randrange(10)}", f"p{rng.randrange(10)}") for k in range(3))
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 7))).capitalize()
        events.append(Event(f"e{i}", f"{title} {i}", f"t{rng.randrange(20)}", start, end,
                            rng.choice(["round", "expert-meeting", "meeting", "statement"]),
                            items=items, parties=(f"p{rng.randrange(10)}",)))
    links = tuple(Link(f"i{i}-0", f"i{rng.randrange(count)}-1")
                  for i in rng.sample(range(count), count * 3 // 5))
    links = tuple({lk.key: lk for lk in links if lk.source.split("-")[0] !=
                   lk.target.split("-")[0]}.values())
    with ProjectStore.create(path) as store, store.conn.guard.allow(3600):
        store.merge(Project(ProjectInfo("Benchmark"), parties, tracks, (), tuple(events), links))


def ms(seconds: float) -> float:
    return seconds * 1000.0


def frame(view) -> float:
    start = time.perf_counter()
    view.viewport().grab()
    return ms(time.perf_counter() - start)


def canvas(app: QApplication, path: Path) -> tuple[TimelineView, ProjectSession, float]:
    """A canvas alone on a session; returns it and the time to its first painted frame."""
    session, selection = ProjectSession(), EventSelection()
    view = TimelineView(session, selection)
    view.resize(WIDTH + view.frameWidth() * 2 + view.verticalScrollBar().sizeHint().width(),
                HEIGHT + view.frameWidth() * 2 + view.horizontalScrollBar().sizeHint().height())
    view.show()
    app.processEvents()
    start = time.perf_counter()
    session.open(path)
    view.viewport().grab()
    took = ms(time.perf_counter() - start)
    view._selection_keeper = selection  # keep it alive with the view
    return view, session, took


def rect_of(view, event_id: str):
    timeline = view.timeline
    if hasattr(timeline, "bounds_of"):
        return timeline.drawn_body(event_id)
    item = timeline.items_of(event_id)[0]
    return item.mapRectToScene(item.body)


def settle(app: QApplication, view) -> None:
    """Let a deferred re-layout (after a zoom) happen."""
    timer = getattr(view, "_settle", None)
    if timer is not None and timer.isActive():
        timer.stop()
        view.rebuild()
    app.processEvents()


def zoom_to(app, view, px_per_day: float, day: int) -> None:
    view.zoom_by(px_per_day / view.scale.px_per_day)
    settle(app, view)
    view._scroll_to_day(day, 200)
    app.processEvents()


def bench_pan(app, view, reps: int) -> tuple[float, float]:
    middle = PartialDate(2005, 6, 1).first_day().toordinal()
    zoom_to(app, view, 10.0, middle)
    bar = view.horizontalScrollBar()
    vbar = view.verticalScrollBar()
    vbar.setValue(vbar.maximum() // 2)
    frame(view)
    times = []
    for i in range(60 * max(reps // 3, 1)):
        bar.setValue(bar.value() + (40 if (i // 30) % 2 == 0 else -40))
        times.append(frame(view))
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def bench_all_visible(app, view, reps: int) -> tuple[float, bool]:
    view.fit_all()
    settle(app, view)
    view.verticalScrollBar().setValue(0)
    frame(view)
    lanes = view.timeline.lanes
    bottom = lanes[-1].top + lanes[-1].height if lanes else 0
    all_in = bottom <= view.mapToScene(0, view.viewport().height()).y() + 1
    return statistics.median(frame_afresh(view) for _ in range(reps)), all_in


def frame_afresh(view) -> float:
    """A frame drawing every event, as the first after a zoom out does (the canvas
    otherwise keeps what it drew last: the same frame again is a copy of it)."""
    damage = getattr(view.timeline, "damage", None)
    if damage is not None:
        damage.forget_all()
    return frame(view)


def wheel(view, steps: int) -> None:
    point = QPointF(WIDTH * 0.6, HEIGHT * 0.5)
    event = QWheelEvent(point, view.viewport().mapToGlobal(point), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def bench_zoom(app, view, reps: int, px_per_day: float) -> tuple[float, float]:
    """Wheel to painted frame; and the re-layout once the wheel rests."""
    zoom_to(app, view, px_per_day, PartialDate(2005, 6, 1).first_day().toordinal())
    steps, relayouts = [], []
    for i in range(reps):
        start = time.perf_counter()
        wheel(view, 1 if i % 2 == 0 else -1)
        view.viewport().grab()
        steps.append(ms(time.perf_counter() - start))
        start = time.perf_counter()
        settle(app, view)
        view.viewport().grab()
        relayouts.append(ms(time.perf_counter() - start))
    return statistics.median(steps), statistics.median(relayouts)


def bench_drag(app, view, session, reps: int, record: list | None = None
               ) -> tuple[float, float, float]:
    """Mouse release to written transaction and repainted frame; the canvas's share
    of it (its answer to the change, and the frame); and the median pause, in
    seconds, between one drag's commit and the next (a raw commit to compare
    with is made after the same pause: see `suite_parts.raw_update_commit`)."""
    zoom_to(app, view, 10.0, PartialDate(2005, 6, 1).first_day().toordinal())
    viewport = view.viewport()
    handler = view._on_session_project_changed
    spent: list[float] = []

    def timed(changes) -> None:
        start = time.perf_counter()
        handler(changes)
        spent.append(ms(time.perf_counter() - start))

    session.project_changed.disconnect(handler)
    session.project_changed.connect(timed)
    totals, shares, releases = [], [], []
    shown = _shown(view)
    for i in range(reps):
        event_id = shown[(len(shown) // 2 + 7 * i) % len(shown)]
        view.ensureVisible(rect_of(view, event_id), 200, 80)
        app.processEvents()
        start = view.mapFromScene(rect_of(view, event_id).center())
        end = start + QPoint(40 if i % 2 == 0 else -40, 0)
        # A person's drag takes a moment: the press (which selects the event) and
        # the moves (the drag's ghost) are painted before the button comes up.
        QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
        app.processEvents()
        QTest.mouseMove(viewport, start + QPoint(20, 0))
        app.processEvents()
        QTest.mouseMove(viewport, end)
        app.processEvents()
        before = session.undo_stack.count()
        spent.clear()
        began = time.perf_counter()
        releases.append(began)
        QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.NoModifier, end)
        applied = time.perf_counter()
        viewport.grab()
        done = time.perf_counter()
        totals.append(ms(done - began))
        shares.append(sum(spent) + ms(done - applied))
        assert session.undo_stack.count() == before + 1, "the drag wrote nothing"
        app.processEvents()
    session.project_changed.disconnect(timed)
    session.project_changed.connect(handler)
    if record is not None:
        record.extend(totals)
    gaps = [b - a for a, b in zip(releases, releases[1:], strict=False)]
    return (statistics.median(totals), statistics.median(shares),
            statistics.median(gaps) if gaps else 0.0)


def _shown(view) -> list[str]:
    timeline = view.timeline
    return sorted(timeline.shown_ids()) if hasattr(timeline, "shown_ids") \
        else sorted(timeline.event_items)


def bench_band(app, view, reps: int, wanted: int = 1300) -> tuple[float, int]:
    """Shift+drag over about `wanted` events: the move that selects them."""
    view.fit_all()
    settle(app, view)
    view.verticalScrollBar().setValue(0)
    app.processEvents()
    viewport = view.viewport()
    total = len(view.project.events)
    width = int((viewport.width() - 200) * min(wanted / total, 1.0))
    start = QPoint(180, 60)
    end = QPoint(180 + width, viewport.height() - 5)
    times, chosen = [], 0
    for _ in range(reps):
        QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, start)
        QTest.mouseMove(viewport, start + QPoint(10, 10))
        began = time.perf_counter()
        QTest.mouseMove(viewport, end)
        times.append(ms(time.perf_counter() - began))
        chosen = len(view.selection.ids)
        QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, end)
        view.selection.clear()
        app.processEvents()
    return statistics.median(times), chosen


def main_window(app) -> MainWindow:
    """A main window of WIDTH x HEIGHT, shown (see `fit_viewport` once a project is open)."""
    folder = tempfile.mkdtemp(prefix="canvas-bench-")
    window = MainWindow(AppSettings(QSettings(os.path.join(folder, "s.ini"),
                                              QSettings.Format.IniFormat)))
    window.resize(WIDTH, HEIGHT)
    window.show()
    app.processEvents()
    return window


def fit_viewport(app, window: MainWindow) -> None:
    """Size a main window with a project open so that its canvas's viewport is
    WIDTH x HEIGHT, as issue 6 measures (the docks keep their sizes)."""
    for _ in range(6):
        port = window.view.viewport().size()
        if (port.width(), port.height()) == (WIDTH, HEIGHT):
            return
        window.resize(window.width() + WIDTH - port.width(),
                      window.height() + HEIGHT - port.height())
        app.processEvents()
    port = window.view.viewport().size()
    raise RuntimeError(f"the canvas's viewport stays {port.width()}x{port.height()}")


DRAGS_PER_WINDOW = 9  # the first drags after opening also make caches and indexes


def bench_window(app, path: Path, reps: int, firsts: list | None = None
                 ) -> tuple[float, float, float]:
    """Open to first painted frame, and the drag commit (with the pause between
    drags' commits, see `bench_drag`), inside the main window: the median of
    DRAGS_PER_WINDOW drags in each of a few windows. `firsts` gets the time of
    each window's first drag."""
    opens, drags, gaps = [], [], []
    for _ in range(max(reps // 2, 2)):
        window = main_window(app)
        start = time.perf_counter()
        window.open_path(path)
        window.view.viewport().grab()
        opens.append(ms(time.perf_counter() - start))
        app.processEvents()
        fit_viewport(app, window)
        each: list[float] = []
        drag, _, gap = bench_drag(app, window.view, window.session, DRAGS_PER_WINDOW, each)
        if firsts is not None:
            firsts.append(each[0])
        drags.append(drag)
        gaps.append(gap)
        window.close()
        window.deleteLater()
        app.processEvents()
    return statistics.median(opens), statistics.median(drags), statistics.median(gaps)


def run(app: QApplication, count: int, reps: int, folder: Path) -> dict[str, str]:
    path = folder / f"bench-{count}.sqlite"
    if not path.exists():
        make_project(path, count)
    opens = []
    for _ in range(reps):
        view, session, took = canvas(app, path)
        opens.append(took)
        view.close()
        session.close()
    view, session, _ = canvas(app, path)
    pan_median, pan_p95 = bench_pan(app, view, reps)
    all_frame, all_in = bench_all_visible(app, view, reps)
    zoom_weeks, settle_weeks = bench_zoom(app, view, reps, 10.0)
    zoom_fit, settle_fit = bench_zoom(app, view, reps, 0.05)
    band, chosen = bench_band(app, view, reps)
    drag, drag_canvas, _ = bench_drag(app, view, session, reps)
    window_open, window_drag, _ = bench_window(app, path, reps)
    return {
        "open, canvas alone (to first frame)": f"{statistics.median(opens):.0f} ms",
        "open, main window (to first frame)": f"{window_open:.0f} ms",
        "pan frame at ~10 px/day, median / p95": f"{pan_median:.1f} / {pan_p95:.1f} ms",
        "frame with all events visible": f"{all_frame:.1f} ms"
                                         + ("" if all_in else " (not all lanes in view)"),
        "zoom step at 10 px/day (wheel to frame)": f"{zoom_weeks:.1f} ms",
        "  re-layout once the wheel rests": f"{settle_weeks:.0f} ms",
        "zoom step at 0.05 px/day (wheel to frame)": f"{zoom_fit:.1f} ms",
        "  re-layout once the wheel rests ": f"{settle_fit:.0f} ms",
        "drag-move commit, canvas alone": f"{drag:.1f} ms",
        "  of which the canvas (layout + frame)": f"{drag_canvas:.1f} ms",
        "drag-move commit, main window": f"{window_drag:.1f} ms",
        "rubber band selection (events chosen)": f"{band:.1f} ms ({chosen})",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results = {count: run(app, count, args.reps, args.folder) for count in args.events}
    names = list(next(iter(results.values())))
    header = f"{'figure':44s}" + "".join(f"{f'{c} events':>18s}" for c in results)
    print(header)
    print("-" * len(header))
    for name in names:
        print(f"{name:44s}" + "".join(f"{r[name]:>18s}" for r in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

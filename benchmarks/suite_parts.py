"""Figures of issue 6 that need no canvas: fresh launches, the import, the PDF briefing."""

from __future__ import annotations

import datetime as _dt
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from canvas_bench import WORDS, ms
from reportlab.pdfgen.canvas import Canvas

from negotiator_gui.domain.dates import PartialDate
from negotiator_gui.domain.model import Event, Item, Party, Project, ProjectInfo, Track
from negotiator_gui.export import fonts
from negotiator_gui.export.briefing import write_briefing
from negotiator_gui.export.options import BriefingOptions
from negotiator_gui.storage import search
from negotiator_gui.storage.project_store import ProjectStore

HERE = Path(__file__).resolve().parent
PRAGMAS = ("journal_mode=DELETE", "synchronous=FULL", "foreign_keys=ON")


def fresh_launch(mode: str, project: Path | None) -> tuple[float, float]:
    """Launch fresh_launch.py; returns ms from spawning it to its first painted frame,
    and its peak RSS in MB."""
    args = [sys.executable, str(HERE / "fresh_launch.py"), mode]
    if project is not None:
        args.append(str(project))
    start = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
    painted, rss = out.stdout.split()[-2:]
    return ms(float(painted) - start), float(rss)


def fresh_launches(mode: str, project: Path | None, reps: int) -> tuple[float, float]:
    """Median launch time (ms) and median peak RSS (MB) over `reps` fresh processes,
    after one untimed launch (it fills the bytecode cache and the disk cache)."""
    fresh_launch(mode, project)
    runs = [fresh_launch(mode, project) for _ in range(reps)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas the program uses."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def raw_update_commit(path: Path, reps: int, pause: float = 0.0) -> float:
    """Median ms of one UPDATE of an event's dates + COMMIT on a copy of `path`, each
    after `pause` seconds idle.

    The pause matters on this machine: a commit made right after another takes
    about 0.55 ms, one made 30 ms after the last about 0.95 ms (the disk and CPU
    settle between). P6 compares with raw commits paced as its drags are.
    """
    copy = Path(tempfile.mkdtemp(prefix="raw-update-")) / path.name
    shutil.copy(path, copy)
    conn = raw_connection(copy)
    ids = [row[0] for row in conn.execute("SELECT id FROM events LIMIT 50")]
    times = []
    for i in range(reps):
        day = _dt.date(2005, 6, 1) + _dt.timedelta(days=i % 40)
        if pause:
            time.sleep(pause)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute('UPDATE events SET start = ?, "end" = NULL WHERE id = ?',
                     (day.isoformat(), ids[i % len(ids)]))
        conn.execute("COMMIT")
        times.append(ms(time.perf_counter() - start))
    conn.close()
    shutil.rmtree(copy.parent, ignore_errors=True)
    return statistics.median(times)


def _table_rows(path: Path) -> list[tuple[str, list[str], list[tuple]]]:
    """Every table's columns and rows in `path`, in creation order (FTS shadows left out)."""
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid")]
    out = []
    for name in names:
        if name.startswith(f"{search.TABLE}_"):
            continue
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
        quoted = ", ".join(f'"{c}"' for c in columns)
        out.append((name, columns, conn.execute(f'SELECT {quoted} FROM "{name}"').fetchall()))
    conn.close()
    return out


def import_figures(project: Project, folder: Path, reps: int) -> tuple[float, float]:
    """P8: median ms of ProjectStore.merge of `project` into a new file, and of a raw
    executemany of the same rows into the same (empty) schema."""
    merges, raws = [], []
    for rep in range(reps):
        target = folder / f"import-{rep}.sqlite"
        target.unlink(missing_ok=True)
        store = ProjectStore.create(target)
        start = time.perf_counter()
        store.merge(project)
        merges.append(ms(time.perf_counter() - start))
        store.close()
        empty = folder / f"import-raw-{rep}.sqlite"
        empty.unlink(missing_ok=True)
        ProjectStore.create(empty).close()
        holding = {name for name, _, rows in _table_rows(empty) if rows}
        tables = [t for t in _table_rows(target) if t[2] and t[0] not in holding]
        conn = raw_connection(empty)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for name, columns, rows in tables:
            quoted = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            conn.executemany(f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})', rows)
        conn.execute("COMMIT")
        raws.append(ms(time.perf_counter() - start))
        conn.close()
        target.unlink()
        empty.unlink()
    return statistics.median(merges), statistics.median(raws)


def rounds_project(rounds: int, seed: int = 2) -> Project:
    """`rounds` negotiating rounds over 6 tracks, each with a summary and 2 items."""
    rng = random.Random(seed)

    def words(low: int, high: int) -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))

    tracks = tuple(Track(f"t{i}", f"Track {i}", i) for i in range(6))
    parties = tuple(Party(f"p{i}", f"Party {i}", f"P{i}", "#3366aa") for i in range(8))
    day = _dt.date(2003, 1, 1)
    events = []
    for i in range(rounds):
        day += _dt.timedelta(days=rng.randint(10, 40))
        items = tuple(Item(f"i{i}-{k}", words(12, 30).capitalize() + ".",
                           rng.choice(["concession", "proposal", "demand"]),
                           f"p{rng.randrange(8)}", f"p{rng.randrange(8)}") for k in range(2))
        events.append(Event(f"r{i}", f"Round {i + 1}: {words(2, 5)}", f"t{i % 6}",
                            PartialDate.from_date(day), None, "round",
                            location=rng.choice(["Vienna", "Geneva", "Almaty"]),
                            parties=(f"p{i % 8}", f"p{(i + 3) % 8}"),
                            summary=" ".join(words(10, 20).capitalize() + "."
                                             for _ in range(2)), items=items))
    return Project(ProjectInfo("Benchmark briefing"), parties, tracks, (), tuple(events), ())


def _raw_pdf(path: Path, pages: int, lines: list[str]) -> None:
    """Draw `pages` pages of `lines` (cycled) with reportlab's canvas, in the same font."""
    pdf = Canvas(str(path))
    at = 0
    for _ in range(max(pages, 1)):
        pdf.setFont(fonts.REGULAR, 10)
        for row in range(55):
            pdf.drawString(56, 790 - row * 13, lines[at % len(lines)])
            at += 1
        pdf.showPage()
    pdf.save()


def briefing_figures(rounds: int, folder: Path, reps: int) -> tuple[float, float, int]:
    """P9: median ms of write_briefing on a `rounds`-round project, of reportlab's raw
    canvas drawing as many pages of its text, and the page count."""
    project = rounds_project(rounds)
    fonts.register_fonts()
    lines = [e.title for e in project.events]
    lines += [s[:90] for e in project.events for s in (e.summary, *(i.text for i in e.items))]
    options = BriefingOptions(issued=_dt.date(2026, 11, 27))
    briefs, raws, pages = [], [], 0
    for rep in range(reps):
        start = time.perf_counter()
        pages = write_briefing(project, options, folder / f"brief-{rep}.pdf").pages
        briefs.append(ms(time.perf_counter() - start))
        start = time.perf_counter()
        _raw_pdf(folder / f"raw-{rep}.pdf", pages, lines)
        raws.append(ms(time.perf_counter() - start))
    return statistics.median(briefs), statistics.median(raws), pages

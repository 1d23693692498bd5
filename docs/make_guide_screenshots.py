"""Regenerate the pictures of the user guide (docs/guide-*.png), offscreen.

Every picture is of a real state of the program: the bundled sample project
(Almaty, 2013) and the longer history in tests/data, opened in a real main
window in a private settings and data folder.

Run: .venv/bin/python docs/make_guide_screenshots.py [NAME...]
(with names such as `main-window`, only those pictures are made).
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_home = tempfile.mkdtemp(prefix="negotiator-guide-shots-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from negotiator_gui.app import make_application  # noqa: E402
from negotiator_gui.domain.changes import ChangeSet  # noqa: E402
from negotiator_gui.domain.dates import PartialDate  # noqa: E402
from negotiator_gui.domain.filtering import FilterSpec  # noqa: E402
from negotiator_gui.domain.selection import Selection  # noqa: E402
from negotiator_gui.operations import create_demo, export_file, import_file  # noqa: E402
from negotiator_gui.storage.project_store import ProjectStore  # noqa: E402
from negotiator_gui.ui.app_settings import AppSettings  # noqa: E402
from negotiator_gui.ui.conflict_dialog import ConflictDialog  # noqa: E402
from negotiator_gui.ui.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent
HISTORY = DOCS.parent / "tests" / "data" / "iran_nuclear_2002_2016.json"
MAX_BYTES = 250_000  # each picture stays under this; larger ones lose colours
MAX_WIDTH = 900  # fits the Help window and a web page; wider pictures are scaled down
ISSUED = _dt.date(2013, 4, 20)  # the briefing shown is dated before the next round
_windows: list[MainWindow] = []


# -- helpers -------------------------------------------------------------------


def settle(app: QApplication, rounds: int = 3) -> None:
    """Let layouts, deferred timers and repaints run."""
    for _ in range(rounds):
        app.processEvents()


def save(app: QApplication, what: QWidget | QPixmap, name: str) -> Path:
    """Grab `what` (a widget, or a ready pixmap) into docs/guide-NAME.png, kept small."""
    settle(app)
    pixmap = what if isinstance(what, QPixmap) else what.grab()
    if pixmap.width() > MAX_WIDTH:
        pixmap = pixmap.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data())))
    path = DOCS / f"guide-{name}.png"
    image.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        image.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)
    print(f"wrote {path} ({image.width}x{image.height}, {path.stat().st_size // 1024} KB)")
    return path


def window_for(app: QApplication, project: Path, size=(1280, 800),
               read_only: bool = False) -> MainWindow:
    """A main window of its own settings, shown at `size`, with `project` open."""
    settings = AppSettings(QSettings(os.path.join(_home, f"{project.stem}-{len(_windows)}.ini"),
                                     QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    settle(app)
    if not window.open_path(project, read_only=read_only):
        raise SystemExit(f"could not open {project}: {window.last_error}")
    window.watch_timer.stop()  # pictures must not change under a colleague's edit
    settle(app)
    _windows.append(window)
    return window


def zoom_to(window: MainWindow, px_per_day: float, first: PartialDate, left_px: int = 60) -> None:
    """Zoom to `px_per_day` with the day `first` `left_px` pixels into the lanes."""
    view = window.view
    view.zoom_by(px_per_day / view.scale.px_per_day)
    view._scroll_to_day(first.first_day().toordinal(), left_px + 170)


def sample_file() -> Path:
    """A fresh copy of the bundled sample project."""
    path = Path(_home) / f"Almaty sample {len(_windows)}.sqlite"
    create_demo(path).close()
    return path


def history_file() -> Path:
    """The 2002–2016 history of the Iran nuclear talks, in a project file."""
    path = Path(_home) / "Iran nuclear talks.sqlite"
    if not path.exists():
        with ProjectStore.create(path) as store:
            import_file(store, HISTORY)
    return path


# -- the pictures --------------------------------------------------------------


def shot_welcome(app: QApplication) -> None:
    """Getting started: the welcome window of the first run."""
    from negotiator_gui.ui.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog()
    dialog.resize(520, dialog.sizeHint().height())
    dialog.show()
    save(app, dialog, "welcome")
    dialog.close()


def shot_main_window(app: QApplication) -> None:
    """Task 2: the whole window on the sample, a round of talks selected."""
    window = window_for(app, sample_file(), size=(1100, 720))
    window.selection.select(["almaty-1"])
    save(app, window, "main-window")


def shot_inspector(app: QApplication) -> None:
    """Task 1: an event's items in the inspector, one item chosen with its links."""
    window = window_for(app, sample_file(), size=(1280, 1040))
    window.table_dock.hide()
    window.change_history.hide()
    window.resizeDocks([window.inspector], [420], Qt.Orientation.Horizontal)
    window.selection.select(["icg-report"])
    inspector = window.inspector
    inspector.tabs.setCurrentIndex(1)
    settle(app)
    inspector.item_editor.items_list.setCurrentRow(0)  # halting 20% enrichment, with its link
    settle(app)
    grab = inspector.grab()
    save(app, grab.copy(0, 0, grab.width(), min(grab.height(), 760)), "inspector-items")
    window.selection.select(["almaty-1"])
    inspector.tabs.setCurrentIndex(0)
    settle(app)
    grab = inspector.grab()
    save(app, grab.copy(0, 0, grab.width(), min(grab.height(), 760)), "inspector-event")


def shot_drag(app: QApplication) -> None:
    """Task 3: a drag in progress: the event follows the pointer, its link with it."""
    window = window_for(app, sample_file(), size=(900, 560))
    window.table_dock.hide()
    window.change_history.hide()
    window.inspector.hide()
    zoom_to(window, 9.0, PartialDate(2013, 2, 22))
    settle(app)
    view, timeline = window.view, window.view.timeline
    body = timeline.drawn_body("almaty-2")
    start = view.mapFromScene(QPointF(body.center().x(), body.center().y()))
    lane = next(b for b in timeline.lanes if b.key == "experts")
    target_y = view.mapFromScene(QPointF(0, lane.top + lane.height / 2)).y()
    end = QPoint(start.x() + round(9 * view.scale.px_per_day), target_y)
    viewport = view.viewport()
    _mouse(viewport, QMouseEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        _mouse(viewport, QMouseEvent.Type.MouseMove, start + (end - start) * (step / 5))
    settle(app)
    grab = view.grab()
    save(app, grab.copy(0, 0, grab.width(), 250), "drag")
    _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, end)
    settle(app)


def _mouse(target: QWidget, kind: QMouseEvent.Type, pos: QPoint) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    buttons = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseButtonRelease else left
    event = QMouseEvent(kind, QPointF(pos), QPointF(target.mapToGlobal(pos)),
                        left if kind != QMouseEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                        buttons, none)
    QApplication.sendEvent(target, event)


def shot_filter(app: QApplication) -> None:
    """Task 2: the filter bar in use: the IAEA's events, the rest dimmed, the menu open."""
    window = window_for(app, history_file(), size=(900, 560))
    window.table_dock.hide()
    window.change_history.hide()
    window.inspector.hide()
    window.view.set_show_legend(False)
    bar = window.filter_bar
    bar.set_spec(FilterSpec(parties=frozenset({"iaea"})))
    zoom_to(window, 1.0, PartialDate(2013, 9, 1))
    settle(app)
    save(app, window.centralWidget(), "filter")
    bar.filters_button.click()
    settle(app)
    menu = bar.menu
    parties = menu.sections["parties"]
    parties.popup(menu.mapToGlobal(menu.actionGeometry(parties.menuAction()).topRight()))
    settle(app)
    central = window.centralWidget()
    pixmap = central.grab()
    painter = QPainter(pixmap)
    right = bottom = 0
    for popup in (menu, parties):
        corner = central.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0)))
        painter.drawPixmap(corner, popup.grab())
        right = max(right, corner.x() + popup.width())
        bottom = max(bottom, corner.y() + popup.height())
    painter.end()
    parties.hide()
    menu.hide()
    save(app, pixmap.copy(0, 0, right + 12, bottom + 12), "filter-menu")


def shot_tables(app: QApplication) -> None:
    """Task 2: the Tables dock on its Ledger page."""
    window = window_for(app, sample_file(), size=(900, 900))
    dock = window.table_dock
    tabs = dock.tabs
    for index in range(tabs.count()):
        if tabs.tabText(index).replace("&", "") == "Ledger":
            tabs.setCurrentIndex(index)
    settle(app)
    window.resizeDocks([dock], [380], Qt.Orientation.Vertical)
    settle(app)
    save(app, dock, "ledger")
    tabs.setCurrentIndex(0)
    save(app, dock, "events-table")


def shot_records(app: QApplication) -> None:
    """Task 1: Edit > Parties, Tracks and Sources on the Parties tab, a coalition chosen."""
    window = window_for(app, sample_file())
    dialog = window.show_records("parties")
    dialog.resize(760, 480)
    dialog.page("parties").select("p5+1")
    save(app, dialog, "records")
    dialog.close()


def shot_conflict(app: QApplication) -> None:
    """Task 4: a colleague renamed the event this user renamed too."""
    path = sample_file()
    window = window_for(app, path)
    with ProjectStore.open(path) as colleague:
        base = colleague.load()
        event = next(e for e in base.events if e.id == "almaty-2")
        colleague.write_versioned(
            ChangeSet(put_events=(replace(event, title="Almaty II: talks end without deal"),)),
            base, colleague.versions(), "Rename")
    event = next(e for e in window.session.project.events if e.id == "almaty-2")
    window.session.apply(ChangeSet(put_events=(replace(
        event, title="Almaty talks, second round (no agreement)"),)), "Rename")
    settle(app)
    dialog = window.findChild(ConflictDialog, "conflictDialog")
    if dialog is None:
        raise SystemExit("the conflict dialog did not appear")
    dialog.resize(760, 300)
    save(app, dialog, "conflict")
    dialog.choose_theirs()


def shot_read_only(app: QApplication) -> None:
    """Task 4: a project opened read-only: the banner and the inspector's note."""
    window = window_for(app, sample_file(), size=(900, 700), read_only=True)
    window.selection.select(["almaty-1"])
    settle(app)
    grab = window.grab()
    save(app, grab.copy(0, 0, grab.width(), 300), "read-only")


def shot_export(app: QApplication) -> None:
    """Task 5: File > Export Briefing with its preview."""
    window = window_for(app, sample_file())
    dialog = window.show_export()
    dialog.resize(MAX_WIDTH, 640)
    dialog.prepared_by.setText("Briefing unit")
    dialog.show_preview()
    save(app, dialog, "export")
    dialog.reject()


def shot_briefing(app: QApplication) -> None:
    """Task 5: two pages of the PDF briefing of the sample, rendered with pypdfium2."""
    import pypdfium2 as pdfium

    path = sample_file()
    with ProjectStore.open(path, read_only=True) as store:
        project = store.load()
    pdf = Path(_home) / "briefing.pdf"
    export_file(project, pdf, Selection(), issued=ISSUED, prepared_by="Briefing unit")
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = [_page_image(document[i]) for i in _briefing_pages(document)]
    finally:
        document.close()
    gap = 16
    sheet = Image.new("RGB", (sum(p.width for p in pages) + gap * (len(pages) + 1),
                              max(p.height for p in pages) + 2 * gap), (200, 200, 200))
    x = gap
    for page in pages:
        sheet.paste(page, (x, gap))
        x += page.width + gap
    out = io.BytesIO()
    sheet.save(out, "PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    save(app, pixmap, "briefing")


def _briefing_pages(document) -> list[int]:
    """The cover, the section of the first Almaty round and the ledger's first page."""
    wanted = [0]
    for pattern in (r"\d+\.\d+ Almaty talks, first round\s+Date", r"\n\d+ Ledger\s"):
        for index in range(1, len(document)):
            text = document[index].get_textpage().get_text_range().replace("\r", "")
            if re.search(pattern, text) and "Contents" not in text:
                wanted.append(index)
                break
    return wanted


def _page_image(page) -> Image.Image:
    return page.render(scale=280 / page.get_width()).to_pil().convert("RGB")


SHOTS = {"welcome": shot_welcome, "main-window": shot_main_window, "inspector": shot_inspector,
         "drag": shot_drag, "filter": shot_filter, "tables": shot_tables, "records": shot_records,
         "conflict": shot_conflict, "read-only": shot_read_only, "export": shot_export,
         "briefing": shot_briefing}


def main(argv: list[str]) -> int:
    """Make the pictures named in `argv` (all when none)."""
    unknown = [name for name in argv if name not in SHOTS]
    if unknown:
        print(f"unknown picture(s): {', '.join(unknown)}; choose from {', '.join(SHOTS)}",
              file=sys.stderr)
        return 2
    app = make_application(sys.argv[:1])
    for name in argv or list(SHOTS):
        SHOTS[name](app)
    for window in _windows:
        window.close()
    settle(app)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

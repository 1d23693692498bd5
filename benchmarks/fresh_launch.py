"""Child of run.py: launch (opening a project if given), print when the first frame is painted.

Run: python benchmarks/fresh_launch.py {bare|app} [PROJECT] ; prints one line
`<monotonic seconds at the first painted frame> <peak RSS in MB>`.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _use_bytecode_cache() -> None:
    """Import the program from cached bytecode, as an installed copy does.

    pip and PyInstaller ship compiled modules, and the libraries (PySide6 for
    the baseline too) come compiled; a checkout run with PYTHONDONTWRITEBYTECODE
    would recompile every module of the program at each launch (~85 ms) and
    time the compiler, not the launch. The cache lives outside the checkout and
    is refreshed whenever a source file changes; run.py warms it up first.
    """
    sys.dont_write_bytecode = False
    sys.pycache_prefix = os.path.join(tempfile.gettempdir(), "negotiator-bench-pycache")


def main() -> int:
    mode = sys.argv[1]
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
    else:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        _use_bytecode_cache()
        # As the `negotiator-gui` command starts (negotiator_gui.launch.main, then
        # app.main): the collector paused, the application named, its icon and
        # translations installed; only the settings file is a private one.
        from negotiator_gui import launch
        launch.pause_gc()
        from PySide6.QtCore import QSettings

        from negotiator_gui import app as entry
        from negotiator_gui.ui.app_settings import AppSettings
        app = entry.make_application(sys.argv[:1])
        folder = tempfile.mkdtemp(prefix="fresh-launch-")
        window = entry.MainWindow(AppSettings(QSettings(os.path.join(folder, "s.ini"),
                                                        QSettings.Format.IniFormat)))
    window.resize(1280, 800)
    window.show()
    if len(sys.argv) > 2:
        window.open_path(Path(sys.argv[2]))
    window.grab()
    painted = time.monotonic()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"{painted:.6f} {rss_mb:.1f}", flush=True)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())

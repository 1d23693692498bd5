"""The `negotiator-gui` entry point: start quickly, then run `negotiator_gui.app.main`.

Starting imports a few hundred modules and builds the window, making tens of
thousands of objects that live as long as the program; Python's cycle collector
would walk them again and again while they are made (about 10–15 ms of a
launch here). It is paused until the window has been shown, then resumed.
"""

from __future__ import annotations

import gc
import sys


def pause_gc() -> None:
    """Pause the cycle collector for the start; `resume_gc` (queued by app.main) ends it."""
    gc.disable()


def resume_gc() -> None:
    """Resume the cycle collector once the first frame is up."""
    gc.enable()


def main() -> int:
    """Run the application (see `negotiator_gui.app.main`)."""
    pause_gc()
    try:
        from negotiator_gui.app import main as run
    except BaseException:
        resume_gc()
        raise
    return run()


if __name__ == "__main__":
    sys.exit(main())

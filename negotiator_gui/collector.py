"""Holding Python's cycle collector off while long-lived objects are made.

Loading a project, laying it out and building a briefing make many objects and
no garbage cycles; every collection those allocations set off walks the whole
heap again for nothing. The collector is one switch for the process: it is
turned back on only if it was on (start-up keeps it off until the first frame,
see `negotiator_gui.launch`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the block, and on after it if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

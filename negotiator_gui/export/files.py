"""Writing export files safely: under a temporary name, then moved into place."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` with a temporary path beside `path`, then move the result over it.

    A failure (or an exception raised to cancel) leaves any earlier file at
    `path` as it was and removes the temporary file.

    Raises:
        OSError: the file could not be written or moved into place.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                    dir=path.parent or Path("."))
    os.close(handle)
    temporary = Path(name)
    try:
        # mkstemp makes the file private; give it the mode the file had, or the usual.
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        write(temporary)
        with open(temporary, "rb+") as done:
            os.fsync(done.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_text_atomically(path: Path, text: str, newline: str = "\n") -> None:
    """`text` written to `path` as UTF-8 through `write_atomically`."""
    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8", newline=newline) as out:
            out.write(text)
    write_atomically(path, write)

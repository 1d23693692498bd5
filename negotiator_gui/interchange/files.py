"""Reading import files safely and writing export files without leaving half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from negotiator_gui.domain.errors import Problem
from negotiator_gui.interchange.errors import InterchangeFileError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def read_text(path: Path, limit: int) -> str:
    """The UTF-8 text of `path` (a leading byte-order mark is dropped).

    Raises:
        InterchangeFileError: missing, unreadable, too large or not UTF-8.
    """
    def refuse(message: str) -> InterchangeFileError:
        return InterchangeFileError(path, [Problem("", message)])

    try:
        if not path.is_file():
            raise refuse("there is no such file" if not path.exists()
                         else "this is a folder, not a file")
        if path.stat().st_size > limit:
            raise refuse(f"the file is larger than {limit // 1_000_000} MB")
        data = path.read_bytes()
    except PermissionError:
        raise refuse("you do not have permission to read this file") from None
    except OSError as exc:
        raise refuse(f"the file could not be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refuse(f"line {line}: the text is not UTF-8 (save it as UTF-8)") from None


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then move it into place.

    Raises:
        OSError: the folder cannot be written; `path` is left as it was.
    """
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise

"""User text as safe reportlab markup: escaped, fonts chosen per character, gaps reported."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from xml.sax.saxutils import escape

from negotiator_gui.export import fonts
from negotiator_gui.export.text import control_name, sentinel_code

PLACEHOLDER_COLOR = "#B3261E"


class Notes:
    """What the briefing could not print as typed, told to the person exporting."""

    def __init__(self) -> None:
        self._missing: dict[str, list[str]] = {}
        self._messages: list[str] = []

    def missing(self, char: str, where: str) -> None:
        """`char` has no glyph in any embedded font; it appears in `where`."""
        places = self._missing.setdefault(char, [])
        if where and where not in places and len(places) < 3:
            places.append(where)

    def add(self, message: str) -> None:
        """Any other warning, once."""
        if message not in self._messages:
            self._messages.append(message)

    def warnings(self) -> list[str]:
        """Every warning, one line each, characters first (in code point order)."""
        out = []
        for char in sorted(self._missing, key=ord):
            places = "; ".join(self._missing[char])
            out.append(f"No embedded font has the character {char!r} ({_code(char)}); it is "
                       f"printed as [{_code(char)}]" + (f" in {places}" if places else ""))
        return out + self._messages


def markup(text: str, face: str, notes: Notes, where: str = "") -> str:
    """Paragraph markup that prints `text` exactly, in `face` or its fallbacks.

    Args:
        text: protected text (see `text.protect`): unprintable characters are
            sentinels, which become visible placeholders such as [ESC].
        face: the face the paragraph is set in.
        notes: collects characters no embedded font has.
        where: the record the text belongs to, for the warning.
    """
    simple = _simple_markup(text, face)
    if simple is not None:
        return simple
    text = text.translate(fonts.unseen(face))
    coverage = fonts.coverage(face)
    special = {c for c in set(text) if ord(c) not in coverage}
    if not special:
        return escape(text)
    pattern = re.compile("([" + "".join(re.escape(c) for c in sorted(special)) + "]+)")
    out = []
    for n, piece in enumerate(pattern.split(text)):
        out.append(escape(piece) if n % 2 == 0 else _special_run(piece, face, notes, where))
    return "".join(out)


@lru_cache(maxsize=4096)
def _simple_markup(text: str, face: str) -> str | None:
    """The markup of a text the face prints whole (no fallback, nothing to report),
    kept: a briefing sets the same labels and texts many times. None otherwise."""
    text = text.translate(fonts.unseen(face))
    coverage = fonts.coverage(face)
    if any(ord(c) not in coverage for c in set(text)):
        return None
    return escape(text)


def plain(text: str, face: str, notes: Notes, where: str = "") -> str:
    """`text` for a single face (figure labels, page furniture): placeholders as text."""
    text = text.translate(fonts.unseen(face))
    coverage = fonts.coverage(face)
    if all(ord(c) in coverage for c in set(text)):
        return text
    out = []
    for char in text:
        if ord(char) in coverage:
            out.append(char)
        elif sentinel_code(char) is not None:
            out.append(f"[{control_name(sentinel_code(char))}]")
        else:
            notes.missing(char, where)
            out.append(f"[{_code(char)}]")
    return "".join(out)


def _special_run(run: str, face: str, notes: Notes, where: str) -> str:
    """Characters the face lacks: a fallback face, a placeholder, or a reported gap."""
    out = []
    for other, group in groupby(run, lambda c: _face_or_none(c, face)):
        chars = "".join(group)
        if other:
            out.append(f'<font face="{other}">{escape(chars)}</font>')
            continue
        for char in chars:
            code = sentinel_code(char)
            if code is None:
                notes.missing(char, where)
            out.append(_placeholder(_code(char) if code is None else control_name(code)))
    return "".join(out)


def _face_or_none(char: str, face: str) -> str | None:
    return None if sentinel_code(char) is not None else fonts.face_for(char, face)


def _placeholder(name: str) -> str:
    return f'<font face="{fonts.REGULAR}" color="{PLACEHOLDER_COLOR}">[{name}]</font>'


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"

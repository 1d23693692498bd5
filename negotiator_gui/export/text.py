"""User text made printable: control characters marked, long texts chunked, RTL shaped."""

from __future__ import annotations

import re
import unicodedata

import arabic_reshaper
from bidi.algorithm import get_display  # the pure-Python one mirrors brackets

# Unprintable characters are swapped for a private-use "sentinel" at this
# offset, so that they survive shaping and reordering as one strong
# left-to-right character, and become a visible placeholder when marked up.
SENTINEL_BASE = 0xF0000
_C0_NAMES = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 "
             "DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US").split()
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
# Control characters (category Cc) but tab and line feed, and surrogates (Cs).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
CHUNK = 2000


def control_name(code: int) -> str:
    """The placeholder text of an unprintable character: 'ESC', 'DEL', 'U+0085'."""
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    return f"U+{code:04X}"


def is_unprintable(char: str) -> bool:
    """Control characters (other than line ends and tabs) and lone surrogates."""
    return _UNPRINTABLE.fullmatch(char) is not None


def protect(text: str) -> str:
    """`text` with tabs as spaces and unprintable characters as sentinels."""
    text = text.replace("\t", " ")
    if _UNPRINTABLE.search(text) is None:  # the usual case, found without a loop
        return text
    return _UNPRINTABLE.sub(lambda found: chr(SENTINEL_BASE + ord(found[0])), text)


def sentinel_code(char: str) -> int | None:
    """The character a sentinel stands for, or None for any other character."""
    code = ord(char) - SENTINEL_BASE
    return code if 0 <= code < 0x10000 else None


def lines(text: str) -> list[str]:
    """The hard lines of `text` (any line end, including Unicode's separators)."""
    return _BREAKS.split(text)


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """`text` cut into pieces of about `size` characters, at spaces where possible.

    reportlab wraps one long paragraph in time that grows with the square of
    its length; the same text as short paragraphs is quick.
    """
    if len(text) <= size:
        return [text]
    out = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        cut = start + size if cut < 0 else cut + 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def has_rtl(text: str) -> bool:
    """True when `text` holds right-to-left letters (Hebrew, Arabic, Persian...)."""
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """Arabic-script letters in their joined forms (logical order kept)."""
    return arabic_reshaper.reshape(text) if has_rtl(text) else text


def base_is_rtl(text: str) -> bool:
    """True when the first strong letter of `text` reads right to left."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L" and sentinel_code(char) is None:
            return False
    return False


def visual(line: str, rtl_base: bool | None = None) -> str:
    """One shaped line in display order, left to right.

    Args:
        line: a single line in logical order, already shaped.
        rtl_base: the paragraph's direction; None to take it from the line.
    """
    if not has_rtl(line):
        return line
    base = "R" if (base_is_rtl(line) if rtl_base is None else rtl_base) else "L"
    return _drop_marks(get_display(line, base_dir=base))


def display(text: str) -> str:
    """A one-line text shaped and in display order (figure labels, headers)."""
    return visual(shape(text)) if has_rtl(text) else text


def _drop_marks(text: str) -> str:
    """Bidi controls and joiners have done their work once the line is in order."""
    return text.translate(_MARKS)


_MARKS = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                "\u2066\u2067\u2068\u2069\u061c"))

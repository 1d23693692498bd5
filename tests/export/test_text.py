"""Text made printable: placeholders, chunks, shaping and line-by-line reordering."""

from __future__ import annotations

import time

from negotiator_gui.export import fonts
from negotiator_gui.export.bidi_paragraph import break_lines
from negotiator_gui.export.markup import Notes, markup
from negotiator_gui.export.text import chunks, protect, shape, visual


def test_markup_escapes_everything_reportlab_reads():
    notes = Notes()
    text = markup(protect("AT&T <b>x</b> &amp; <img src='a.png'/>"), fonts.REGULAR, notes)
    assert text == "AT&amp;T &lt;b&gt;x&lt;/b&gt; &amp;amp; &lt;img src='a.png'/&gt;"
    assert notes.warnings() == []


def test_control_characters_become_visible_placeholders():
    text = markup(protect("a\x00b\x1bc\x7fd\x85e\tf"), fonts.REGULAR, Notes())
    for name in ("[NUL]", "[ESC]", "[DEL]", "[U+0085]"):
        assert name in text
    assert "e f" in text


def test_oblique_text_falls_back_to_a_face_with_arabic():
    text = markup(protect("see ﺳﻼﻡ"), fonts.ITALIC, Notes())
    assert f'<font face="{fonts.REGULAR}">' in text


def test_missing_characters_are_noted_once_with_where():
    notes = Notes()
    markup(protect("中中"), fonts.REGULAR, notes, "event “X” (x)")
    markup(protect("中"), fonts.REGULAR, notes, "event “Y” (y)")
    (warning,) = notes.warnings()
    assert "U+4E2D" in warning and "(x)" in warning and "(y)" in warning


def test_chunks_cut_at_spaces_and_keep_everything():
    text = "word " * 1000
    pieces = chunks(text, 200)
    assert "".join(pieces) == text
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])
    assert chunks("x" * 450, 200) == ["x" * 200, "x" * 200, "x" * 50]


def test_chunking_a_million_characters_is_quick():
    started = time.perf_counter()
    pieces = chunks("abc " * 250_000)
    assert time.perf_counter() - started < 1
    assert len(pieces) >= 500


def test_lines_are_broken_before_they_are_reordered():
    words = ["الف", "باء", "جيم", "دال", "هاء", "واو"] * 6
    text = shape(" ".join(words))
    lines = break_lines(text, fonts.REGULAR, 9, 80)
    assert len(lines) > 2
    assert lines[0].startswith(shape("الف"))   # logical order: the first words first
    shown = visual(lines[0], True)
    assert shown.endswith(shape("الف")[::-1])  # and the first word at the right


def test_mixed_line_keeps_left_to_right_base():
    assert visual(shape("Tehran (تهران)"), False).startswith("Tehran (")


def test_invisible_characters_the_font_lacks_are_dropped_not_boxed():
    notes = Notes()
    text = markup(protect("a\u2066b\u2069c"), fonts.REGULAR, notes)
    assert text == "abc"
    assert notes.warnings() == []

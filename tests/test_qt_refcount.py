"""Guard against PySide6 6.12.0's lost reference to None (Fatal Python error: none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_returning_nothing_keep_none_alive():
    obj = QObject()
    obj.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"{lost} references to None lost in 1000 Qt calls: a broken PySide6"

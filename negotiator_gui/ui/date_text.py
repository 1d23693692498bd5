"""Dates as the window shows them: the domain's forms with the month names translated.

domain/dates.py and domain/timescale.py write dates with English month names (the
CLI, the interchange files and the PDF briefing use those). The window passes the
names below, each written out inside a literal `QT_TRANSLATE_NOOP("Months", ...)` so
pyside6-lupdate extracts it; the short forms ("Feb") are messages of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from negotiator_gui.domain.dates import ENGLISH, MonthNames, PartialDate
from negotiator_gui.domain.dates import span_label as _span_label
from negotiator_gui.ui import translations

_LONG = (
    QT_TRANSLATE_NOOP("Months", "January"), QT_TRANSLATE_NOOP("Months", "February"),
    QT_TRANSLATE_NOOP("Months", "March"), QT_TRANSLATE_NOOP("Months", "April"),
    QT_TRANSLATE_NOOP("Months", "May"), QT_TRANSLATE_NOOP("Months", "June"),
    QT_TRANSLATE_NOOP("Months", "July"), QT_TRANSLATE_NOOP("Months", "August"),
    QT_TRANSLATE_NOOP("Months", "September"), QT_TRANSLATE_NOOP("Months", "October"),
    QT_TRANSLATE_NOOP("Months", "November"), QT_TRANSLATE_NOOP("Months", "December"),
)
_SHORT = (
    QT_TRANSLATE_NOOP("Months", "Jan"), QT_TRANSLATE_NOOP("Months", "Feb"),
    QT_TRANSLATE_NOOP("Months", "Mar"), QT_TRANSLATE_NOOP("Months", "Apr"),
    # "May" is one message for both forms (lupdate keeps one per text and context).
    QT_TRANSLATE_NOOP("Months", "May"), QT_TRANSLATE_NOOP("Months", "Jun"),
    QT_TRANSLATE_NOOP("Months", "Jul"), QT_TRANSLATE_NOOP("Months", "Aug"),
    QT_TRANSLATE_NOOP("Months", "Sep"), QT_TRANSLATE_NOOP("Months", "Oct"),
    QT_TRANSLATE_NOOP("Months", "Nov"), QT_TRANSLATE_NOOP("Months", "Dec"),
)

_cache: tuple[int, MonthNames] | None = None


def month_names() -> MonthNames:
    """The month names in the installed translation (English when there is none)."""
    global _cache
    if _cache is not None and _cache[0] == translations.generation():
        return _cache[1]
    long = ("", *(QCoreApplication.translate("Months", m) for m in _LONG))
    short = ("", *(QCoreApplication.translate("Months", m) for m in _SHORT))
    names = MonthNames(long, short)
    _cache = (translations.generation(), ENGLISH if names == ENGLISH else names)
    return _cache[1]


def label(date: PartialDate, short: bool = False) -> str:
    """`date` as a person reads it ('26 February 2013'), in the window's language."""
    return date.label(short, month_names())


def span(start: PartialDate, end: PartialDate | None, short: bool = False) -> str:
    """A span ('26–27 February 2013'), in the window's language."""
    return _span_label(start, end, short, month_names())

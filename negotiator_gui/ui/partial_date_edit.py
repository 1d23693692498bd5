"""PartialDateEdit: a date field that takes a year, a month or a day and says which it read."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from negotiator_gui.domain.dates import PartialDate, Precision
from negotiator_gui.domain.errors import DateError
from negotiator_gui.ui import date_text

_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_LOOSE_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})\s+)?([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date_text(text: str) -> PartialDate | None:
    """Read what a person typed as a date known to the day, month or year.

    Takes `2013-02-26`, `2013-02`, `2013`, `26 Feb 2013`, `February 2013` and
    `Feb 26, 2013`. Blank text is no date.

    Returns:
        The date, or None for blank text.

    Raises:
        DateError: the text is not a date of one of those forms.
    """
    text = " ".join(text.split())
    if not text:
        return None
    match = _LOOSE_ISO.fullmatch(text)
    if match:
        return _date(*match.groups())
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match and _month_number(match.group(2)):
        day, month, year = match.groups()
        return _date(year, str(_month_number(month)), day)
    match = _MONTH_DAY_YEAR.fullmatch(text)
    if match and _month_number(match.group(1)):
        month, day, year = match.groups()
        return _date(year, str(_month_number(month)), day)
    raise DateError(QCoreApplication.translate(
        "PartialDateEdit", "“{0}” is not a date: type YYYY, YYYY-MM or YYYY-MM-DD "
        "(or 26 Feb 2013)").format(text[:40]))


def _date(year: str, month: str | None, day: str | None) -> PartialDate:
    if (month is not None and int(month) == 0) or (day is not None and int(day) == 0):
        raise DateError(QCoreApplication.translate("PartialDateEdit",
                                                   "there is no month or day 0"))
    return PartialDate(int(year), int(month or 0), int(day or 0))


def _month_number(word: str) -> int:
    """1–12 for a month's English name or its first three or more letters; else 0."""
    word = word.lower()
    if len(word) < 3:
        return 0
    return next((n for n, name in enumerate(_MONTHS, start=1) if name.startswith(word)), 0)


class PartialDateEdit(QWidget):
    """A line edit for a date known to the day, the month or the year.

    Below the field a quiet hint says how the text was understood
    ("26 February 2013 · known to the day"), so the precision is never a guess.

    Signals:
        editing_finished: the user pressed Enter or left the field.
    """

    editing_finished = Signal()

    def __init__(self, empty_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = empty_hint
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(self.tr("YYYY-MM-DD, YYYY-MM or YYYY"))
        self.line_edit.setClearButtonEnabled(True)
        self.hint = QLabel()
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)
        font = self.hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.hint.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.line_edit)
        self.line_edit.textChanged.connect(self._on_line_edit_text_changed)
        self.line_edit.editingFinished.connect(self.editing_finished)
        self._on_line_edit_text_changed(self.line_edit.text())

    def date(self) -> PartialDate | None:
        """The date typed, or None when the field is blank.

        Raises:
            DateError: the text is not a date.
        """
        return parse_date_text(self.line_edit.text())

    def set_date(self, value: PartialDate | None) -> None:
        """Show `value` (None: blank) in the interchange form, as not modified."""
        self.line_edit.setText(value.iso() if value is not None else "")
        self.line_edit.setModified(False)

    def text(self) -> str:
        """What is in the field, exactly as typed."""
        return self.line_edit.text()

    def is_modified(self) -> bool:
        """True when the user typed since the date was last set."""
        return self.line_edit.isModified()

    def set_modified(self, modified: bool) -> None:
        """Mark the text as typed (True) or as showing the kept value."""
        self.line_edit.setModified(modified)

    def set_read_only(self, read_only: bool) -> None:
        """Let the date be read and copied but not changed."""
        self.line_edit.setReadOnly(read_only)
        self.line_edit.setClearButtonEnabled(not read_only)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line_edit.setAccessibleName(name)

    def _on_line_edit_text_changed(self, text: str) -> None:
        try:
            value = parse_date_text(text)
        except DateError:
            self.hint.setText(self.tr("Not a date yet"))
            return
        self.hint.setText(self._describe(value))

    def _describe(self, value: PartialDate | None) -> str:
        if value is None:
            return self.empty_hint
        known = {
            Precision.DAY: self.tr("known to the day"),
            Precision.MONTH: self.tr("known to the month"),
            Precision.YEAR: self.tr("known to the year"),
        }[value.precision]
        return f"{date_text.label(value)} · {known}"

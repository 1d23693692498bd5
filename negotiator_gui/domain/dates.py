"""Dates known to the day, the month or the year, kept and shown as known."""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import re
from dataclasses import dataclass

from negotiator_gui.domain.errors import DateError

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = [
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]


@dataclass(frozen=True)
class MonthNames:
    """The month names dates are shown with: `long[m]` and `short[m]` for m in 1..12.

    The domain and the exports use `ENGLISH`; the window passes the names of
    the language it is translated into.
    """

    long: tuple[str, ...]
    short: tuple[str, ...]


ENGLISH = MonthNames(tuple(_MONTHS), tuple(m[:3] for m in _MONTHS))
MIN_YEAR = 1
MAX_YEAR = 9999


class Precision(enum.IntEnum):
    """How precisely a date is known; larger is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, month or day.

    Ordering compares the first day the date can stand for, then precision.
    """

    year: int
    month: int = 0
    day: int = 0

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if self.day and not self.month:
            raise DateError("a day needs a month")
        if self.month and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{_MONTHS[self.month]} {self.year} has no day {self.day}"
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

        Raises:
            DateError: the text is not one of those forms or not a real date.
        """
        if not isinstance(text, str):
            raise DateError(f"expected a date as text, got {type(text).__name__}")
        match = _ISO.fullmatch(text.strip())
        if match is None:
            raise DateError(f"'{_clip(text)}' is not a date of the form "
                            "YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and month == 0:
            raise DateError(f"'{text}' has month 00")
        if match.group(3) and day == 0:
            raise DateError(f"'{text}' has day 00")
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: _dt.date,
                  precision: Precision = Precision.DAY) -> PartialDate:
        """Cut a full date down to `precision`."""
        if precision is Precision.YEAR:
            return cls(value.year)
        if precision is Precision.MONTH:
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """The precision the date is known to."""
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    def iso(self) -> str:
        """The interchange form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> _dt.date:
        """The earliest day this date can stand for."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The latest day this date can stand for."""
        if self.day:
            return self.first_day()
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label(self, short: bool = False, names: MonthNames = ENGLISH) -> str:
        """A person's form: '26 February 2013', 'February 2013', '2013'.

        Args:
            short: abbreviate the month ('26 Feb 2013', 'Feb 2013').
            names: the month names to use.
        """
        if not self.month:
            return str(self.year)
        name = names.short[self.month] if short else names.long[self.month]
        if not self.day:
            return f"{name} {self.year}"
        return f"{self.day} {name} {self.year}"

    def with_precision(self, precision: Precision) -> PartialDate:
        """This date cut down (or padded with the first day) to `precision`."""
        return PartialDate.from_date(self.first_day(), precision)

    def __str__(self) -> str:
        return self.iso()


def parse_optional(text: str | None) -> PartialDate | None:
    """`PartialDate.parse`, with None or blank text giving None."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return PartialDate.parse(text)


def span_label(start: PartialDate, end: PartialDate | None, short: bool = False,
               names: MonthNames = ENGLISH) -> str:
    """A readable span: '26–27 February 2013', 'Feb 2013 – 2014', '2013'."""
    if end is None or end == start:
        return start.label(short, names)
    same_day_precision = start.precision is end.precision is Precision.DAY
    if same_day_precision and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.label(short, names)}"
    return f"{start.label(short, names)} – {end.label(short, names)}"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""The time scale: dates to x positions and back, and axis ticks for any zoom."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from negotiator_gui.domain.dates import ENGLISH, MonthNames

MIN_PX_PER_DAY = 0.005   # about 180 years across a wide window
MAX_PX_PER_DAY = 400.0   # an hour is a few pixels


@dataclass(frozen=True)
class Tick:
    """One mark on the time axis."""

    day: int        # proleptic Gregorian ordinal of the day the tick stands at
    label: str
    major: bool


@dataclass(frozen=True)
class TimeScale:
    """Maps days to scene x: x = (day - origin) * px_per_day."""

    origin: int
    px_per_day: float

    def x_of_day(self, day: float) -> float:
        """Scene x of a day ordinal (fractions allowed)."""
        return (day - self.origin) * self.px_per_day

    def x_of(self, date: _dt.date) -> float:
        """Scene x at the start of `date`."""
        return self.x_of_day(date.toordinal())

    def day_at(self, x: float) -> float:
        """The day ordinal (with fraction) at scene x."""
        return self.origin + x / self.px_per_day

    def date_at(self, x: float) -> _dt.date:
        """The calendar day at scene x, clamped to the calendar."""
        day = int(self.day_at(x) // 1)
        day = min(max(day, 1), _dt.date.max.toordinal())
        return _dt.date.fromordinal(day)

    def zoomed(self, factor: float) -> TimeScale:
        """The same origin at `factor` times the zoom, kept within limits."""
        px = min(max(self.px_per_day * factor, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
        return TimeScale(self.origin, px)


# Units from finest to coarsest: (name, approximate days per step).
_UNITS = [
    ("day", 1), ("week", 7), ("month", 30.44), ("quarter", 91.3),
    ("year", 365.25), ("5years", 1826), ("decade", 3652), ("25years", 9131),
    ("century", 36525),
]


def tick_unit(px_per_day: float, min_spacing: float = 70.0) -> str:
    """The finest unit whose steps are at least `min_spacing` pixels apart."""
    for name, days in _UNITS:
        if days * px_per_day >= min_spacing:
            return name
    return _UNITS[-1][0]


def ticks(first_day: int, last_day: int, px_per_day: float,
          min_spacing: float = 70.0, names: MonthNames = ENGLISH) -> list[Tick]:
    """Axis ticks covering the days `first_day`..`last_day`.

    Args:
        first_day, last_day: the visible range as date ordinals.
        px_per_day: the zoom.
        min_spacing: the least room, in pixels, between labelled ticks.

    Returns:
        Ticks in date order; `major` marks those that begin a larger unit.
    """
    first_day = max(first_day, 1)
    last_day = min(last_day, _dt.date.max.toordinal())
    if last_day < first_day:
        return []
    unit = tick_unit(px_per_day, min_spacing)
    start = _dt.date.fromordinal(first_day)
    out = []
    for date in _steps(unit, start):
        day = date.toordinal()
        if day > last_day:
            break
        if day >= first_day:
            out.append(Tick(day, _label(unit, date, names), _is_major(unit, date)))
    return out


def context_ticks(first_day: int, last_day: int, px_per_day: float,
                  min_spacing: float = 70.0, names: MonthNames = ENGLISH) -> list[Tick]:
    """The coarser row above the ticks: months over days and weeks, years over
    months and quarters; none when the ticks are already years or longer.

    The first entry always stands at `first_day` (or the period's start), so
    the visible range is never without its month or year.
    """
    unit = tick_unit(px_per_day, min_spacing)
    upper = {"day": "month", "week": "month", "month": "year", "quarter": "year"}.get(unit)
    first_day, last_day = max(first_day, 1), min(last_day, _dt.date.max.toordinal())
    if upper is None or last_day < first_day:
        return []
    start = _dt.date.fromordinal(first_day)
    out = []
    for date in _steps(upper, start):
        day = date.toordinal()
        if day > last_day:
            break
        label = f"{names.long[date.month]} {date.year}" if upper == "month" else str(date.year)
        out.append(Tick(max(day, first_day), label, True))
    return out


def _steps(unit: str, start: _dt.date):
    """Dates at each step of `unit`, from the step at or before `start`."""
    if unit == "day":
        day = start.toordinal()
        while day <= _dt.date.max.toordinal():
            yield _dt.date.fromordinal(day)
            day += 1
    elif unit == "week":
        day = start.toordinal() - start.weekday()   # Mondays
        while day <= _dt.date.max.toordinal():
            if day >= 1:
                yield _dt.date.fromordinal(day)
            day += 7
    elif unit in ("month", "quarter"):
        step = 1 if unit == "month" else 3
        year, month = start.year, start.month - (start.month - 1) % step
        while year <= 9999:
            yield _dt.date(year, month, 1)
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    else:
        step = {"year": 1, "5years": 5, "decade": 10, "25years": 25, "century": 100}[unit]
        year = max(1, start.year - start.year % step)
        while year <= 9999:
            yield _dt.date(year, 1, 1)
            year += step


def _label(unit: str, date: _dt.date, names: MonthNames) -> str:
    if unit == "day":
        return f"{date.day} {names.short[date.month]}" if date.day == 1 or date.weekday() == 0 \
            else str(date.day)
    if unit == "week":
        return f"{date.day} {names.short[date.month]}"
    if unit == "month":
        return f"{names.short[date.month]} {date.year}" if date.month == 1 \
            else names.short[date.month]
    if unit == "quarter":
        quarter = (date.month - 1) // 3 + 1
        return f"Q{quarter} {date.year}"
    return str(date.year)


def _is_major(unit: str, date: _dt.date) -> bool:
    if unit == "day":
        return date.weekday() == 0
    if unit == "week":
        return date.day <= 7
    if unit in ("month", "quarter"):
        return date.month == 1
    step = {"year": 5, "5years": 10, "decade": 50, "25years": 100, "century": 500}[unit]
    return date.year % step == 0


def fit(first_day: int, last_day: int, width_px: float, margin: float = 0.05) -> TimeScale:
    """A scale that shows `first_day`..`last_day` across `width_px`, with margins."""
    span = max(last_day - first_day, 1)
    pad = max(span * margin, 3)
    px = width_px / (span + 2 * pad)
    px = min(max(px, MIN_PX_PER_DAY), MAX_PX_PER_DAY)
    return TimeScale(int(first_day - pad), px)

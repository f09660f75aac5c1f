"""Calendar arithmetic: the one converter between calendars parallax has.

Every value parallax reports is Gregorian. Articles may count in another calendar (a Persian
article dates events in the Solar Hijri calendar, an Arabic one sometimes in the Hijri
calendar); ICU knows those calendars, so conversion and month lengths come from PyICU rather
than from hand-written tables.
"""

from __future__ import annotations

import calendar as gregorian_calendar
from datetime import UTC, date, datetime, timedelta

import icu

from parallax.lang.dates.names import GREGORIAN

Span = tuple[date, date]


def is_gregorian(calendar: str) -> bool:
    return calendar == GREGORIAN


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a day in ``calendar``; None when no such day exists."""
    if is_gregorian(calendar):
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    icu_calendar = _icu_calendar(calendar)
    icu_calendar.set(year, month - 1, day)
    try:
        seconds = icu_calendar.getTime()
    except icu.ICUError:  # a strict ICU calendar refuses days that do not exist
        return None
    return datetime.fromtimestamp(seconds, UTC).date()


def month_span(calendar: str, year: int, month: int) -> Span | None:
    """First and last Gregorian day of a month of ``calendar``."""
    first = to_gregorian(calendar, year, month, 1)
    if first is None:
        return None
    return first, first + timedelta(days=_month_length(calendar, year, month) - 1)


def months_span(calendar: str, year: int, first_month: int, last_month: int) -> Span | None:
    start, end = month_span(calendar, year, first_month), month_span(calendar, year, last_month)
    if start is None or end is None:
        return None
    return start[0], end[1]


def year_span(calendar: str, year: int) -> Span | None:
    return months_span(calendar, year, 1, 12)


def year_of(calendar: str, day: date) -> int:
    """The year ``day`` falls in, counted in ``calendar``."""
    if is_gregorian(calendar):
        return day.year
    icu_calendar = _icu_calendar(calendar)
    icu_calendar.setTime(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())
    return icu_calendar.get(icu.UCalendarDateFields.YEAR)


def _month_length(calendar: str, year: int, month: int) -> int:
    if is_gregorian(calendar):
        return gregorian_calendar.monthrange(year, month)[1]
    icu_calendar = _icu_calendar(calendar)
    icu_calendar.set(year, month - 1, 1)
    return icu_calendar.getActualMaximum(icu.UCalendarDateFields.DAY_OF_MONTH)


def _icu_calendar(calendar: str) -> icu.Calendar:
    # ICU calendars are mutable, so each call gets a fresh one; creating one costs microseconds.
    icu_calendar = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale(f"@calendar={calendar}"))
    icu_calendar.setLenient(False)
    icu_calendar.clear()
    return icu_calendar

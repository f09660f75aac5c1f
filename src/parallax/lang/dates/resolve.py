"""Parts of a date expression -> an ISO value, resolved against the publication date.

Values: a day "2025-03-12", a month "2025-03", a year "2024", or an ISO interval of two of
those of the same granularity ("2023-01/2023-08", "2025-03-12/2025-03-14", "2020/2024").
Months and years of another calendar do not line up with Gregorian ones, so they become
intervals of days ("اسفند ۱۴۰۳" -> "2025-02-19/2025-03-20").

Rules for what the text leaves open, all relative to the publication date:

* A date without a year ("12 March", "in May", "12-14 March") takes the year that puts it
  nearest the publication date: the publication year, the one before or the one after,
  with distances into the future counted double since news mostly reports what happened.
  "On 2 January" in an article of 28 December is next January; "in March" in an article of
  September is the March before.
* A period without a year ("the first quarter", "the first half") is the latest one that
  has begun by the publication date: news reports periods once they are under way. A season
  ("in the summer", "жазда") is the nearest one, as a month is, and one of a relative year
  ("this winter", "прошлым летом") the nearest to the day that many years away; a winter of
  a written year is of the year it ends in ("winter 2023" is 2022-12/2023-02).
* A weekday ("on Tuesday") is the most recent such day on or before the publication date,
  since news mostly reports what happened; "last Tuesday" is strictly before it, "next
  Tuesday" the first one after it, "until Tuesday" / "до вторника" the first on or after it.
* "Last week" / "this week" is the Monday-to-Sunday week.
* A year by its last two digits ("93-інші жылы", "в 93-м году") is the latest year ending in
  them up to ten years after the publication year.
* "In recent years", "in the coming days", "a few years ago" ("соңғы жылдары", "несколько
  лет назад") have no bounds to give: no value, compared with other sources by what they say.
* "Every year" / "жыл сайын" / "ежегодно" is no date but a recurrence: the ISO 8601 recurring
  interval "R/P1Y" ("every two weeks" "R/P2W"), whatever the publication date.
* "The last 5 years" / "соңғы 5 жылда" runs from the publication date 5 years back through it
  ("2020/2025"), "the next 3 months" on from it; in the unit's own granularity.
Without a publication date none of these can be resolved: the value is None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from parallax.lang.dates.calendars import (
    Span,
    is_gregorian,
    month_span,
    months_span,
    to_gregorian,
    year_of,
    year_span,
)
from parallax.lang.dates.lexicon import DateLexicon, Shift
from parallax.lang.dates.parts import Parts, Point, parts_of


@dataclass(frozen=True)
class Resolved:
    value: str | None
    granularity: str  # "day", "month", "year" or "interval"
    relative: bool  # the value depends on the publication date


class Unresolvable(ValueError):
    """The parts name no existing date (30 February)."""


_GRANULARITY_BY_LENGTH = {len("2025-03-12"): "day", len("2025-03"): "month", len("2025"): "year"}


def value_of(
    groups: dict[str, str | None], words: DateLexicon | None, published: date | None = None
) -> str | None:
    """The ISO value of a date written in named parts (``day``, ``month`` name or ``monthnum``,
    ``year``, see ``parts``), in the calendar its month name or year belongs to; None when the
    parts make no date (30 February, month 13) or it needs the publication date and has none."""
    parts = parts_of(groups, {}, words)
    if parts is None:
        return None
    try:
        return resolve(parts, published).value
    except Unresolvable:
        return None


def resolve(parts: Parts, published: date | None) -> Resolved:
    resolved = _resolve(parts, published)
    if resolved.value is not None and "/" not in resolved.value:  # an interval of one day or month
        return replace(resolved, granularity=_GRANULARITY_BY_LENGTH[len(resolved.value)])
    return resolved


def _resolve(parts: Parts, published: date | None) -> Resolved:
    if parts.ambiguous:
        return Resolved(None, "day", relative=False)
    if parts.recurring and parts.shift is not None:
        return recurrence(parts.shift)
    if parts.anaphora is not None:  # the extractor reads it from the dates before it
        return Resolved(None, parts.anaphora, relative=True)
    if parts.vague is not None:  # "in recent years": no bounds to give, compared by what it says
        return Resolved(None, "interval", relative=True)
    if parts.shift is not None and parts.weekday is not None:
        return _weekday_of_week(parts.weekday, parts.shift, published)
    if parts.shift is not None and parts.through:
        return _through(parts.shift, published)
    if parts.shift is not None:
        return _shifted(parts.shift, parts.start.calendar, published)
    if parts.weekday is not None:
        return _weekday(parts.weekday, parts.weekday_direction, published)
    if parts.months is not None:
        return _period(parts.start, parts.months, published, latest_started=not parts.season)
    if parts.end is not None:
        return _range(parts.start, parts.end, published)
    if parts.weekday_direction and parts.start.month is not None and not parts.start.has_year:
        return _month_towards(parts.start, parts.weekday_direction, published)
    return _single(parts.start, published)


# A year written by its last two digits is at most this many years after the publication year.
SHORT_YEAR_AHEAD = 10
RECURRENCE = "recurrence"
_DURATION_LETTERS = {"year": "Y", "month": "M", "week": "W", "day": "D"}


def recurrence(shift: Shift) -> Resolved:
    """ "Every year", "жыл сайын", "每两年": an ISO 8601 recurring interval without bounds
    ("R/P1Y", "R/P2Y"), the same in every language and whatever the publication date."""
    return Resolved(f"R/P{shift.amount}{_DURATION_LETTERS[shift.unit]}", RECURRENCE, relative=False)


def _single(point: Point, published: date | None) -> Resolved:
    if point.month is None and point.day is not None:
        return _day_of_nearest_month(point, published)
    granularity = _granularity(point)
    relative = not _explicit_year(point)
    year = _year(point, published, lambda year: _span(point, year))
    if year is None:
        return Resolved(None, granularity, relative)
    fixed = replace(point, year=year)
    if not is_gregorian(point.calendar) and granularity != "day":
        return Resolved(_days(_checked(_span(fixed, year))), "interval", relative)
    return Resolved(_iso(fixed), granularity, relative)


def _month_towards(point: Point, direction: int, published: date | None) -> Resolved:
    """ "Last November": the latest November before the publication month; "next August" the first after."""
    if published is None or not is_gregorian(point.calendar):
        return _single(point, published)
    month = point.month or 0
    if direction < 0:
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month > published.month else published.year + 1
    fixed = replace(point, year=year)
    return Resolved(_iso(fixed), _granularity(point), relative=True)


def _range(start: Point, end: Point, published: date | None) -> Resolved:
    # The end usually carries what both ends share: "12-14 March 2025", "January-August".
    start = replace(start, month=start.month or end.month, calendar=_calendar(start, end))
    end = replace(
        end, month=end.month or start.month, calendar=start.calendar if end.month is None else end.calendar
    )
    granularity = _granularity(end)
    stated = [point for point in (start, end) if point.has_year]
    relative = not stated or any(point.year is None for point in stated)
    if published is None and relative:
        return Resolved(None, "interval", relative)
    if stated:
        start_year = _stated_year(start, published) if start.has_year else None
        end_year = _stated_year(end, published) if end.has_year else None
        span = _range_span(start, end, start_year, end_year)
    else:
        around = year_of(end.calendar, published)
        year = nearest_year(lambda year: _range_span(start, end, None, year), around, published)
        span = _range_span(start, end, None, year) if year is not None else None
    first, last = _checked(span)
    if granularity == "day" or not is_gregorian(end.calendar):
        return Resolved(_days((first, last)), "interval", relative)
    return Resolved(_interval(first, last, granularity), "interval", relative)


def _range_span(start: Point, end: Point, start_year: int | None, end_year: int | None) -> Span | None:
    """The days from start to end; an end without a year takes the start's and the other way round."""
    if start_year is None and end_year is None:
        return None
    if start_year is None or end_year is None:
        known = start_year if start_year is not None else end_year
        for start_at, end_at in (
            (known, known),
            (known - 1, known) if start_year is None else (known, known + 1),
        ):
            span = _range_span(start, end, start_at, end_at)  # "28 December - 3 January 2025" wraps
            if span is not None:
                return span
        return None
    start_span = _span(replace(start, year=start_year), start_year)
    end_span = _span(replace(end, year=end_year), end_year)
    if start_span is None or end_span is None or start_span[0] > end_span[1]:
        return None
    return start_span[0], end_span[1]


def _stated_year(point: Point, published: date | None) -> int:
    if point.year is not None:
        return point.year
    assert published is not None and point.year_shift is not None
    return year_of(point.calendar, published) + point.year_shift


def _period(
    point: Point, months: tuple[int, int], published: date | None, latest_started: bool = True
) -> Resolved:
    relative = not _explicit_year(point)
    first, last = months
    across = first > last  # a winter: from December of the year before

    def span_of(year: int) -> Span | None:
        if not across:
            return months_span(point.calendar, year, first, last)
        start, end = month_span(point.calendar, year - 1, first), month_span(point.calendar, year, last)
        return (start[0], end[1]) if start is not None and end is not None else None

    if not latest_started and point.year_shift is not None and published is not None:
        # "this winter", "今年冬天", "прошлым летом": the season nearest the day as many years away.
        moved = _years_away(published, point.year_shift)
        year = nearest_year(span_of, year_of(point.calendar, moved), moved)
    else:
        year = _year(point, published, span_of, latest_started=latest_started)
    if year is None:
        return Resolved(None, "interval", relative)
    if not is_gregorian(point.calendar):
        return Resolved(_days(_checked(span_of(year))), "interval", relative)
    return Resolved(f"{year - across:04d}-{first:02d}/{year:04d}-{last:02d}", "interval", relative)


def _years_away(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shifted(shift: Shift, calendar: str, published: date | None) -> Resolved:
    granularity = {"day": "day", "week": "interval"}.get(shift.unit, shift.unit)
    if published is None:
        return Resolved(None, granularity, relative=True)
    if shift.unit == "day":
        return Resolved((published + timedelta(days=shift.amount)).isoformat(), "day", True)
    if shift.unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift.amount)
        return Resolved(_days((monday, monday + timedelta(days=6))), "interval", True)
    if not is_gregorian(calendar):
        return _shifted_in(calendar, shift, published)
    if shift.unit == "month":
        months = published.year * 12 + published.month - 1 + shift.amount
        return Resolved(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", True)
    return Resolved(f"{published.year + shift.amount:04d}", "year", True)


def _through(shift: Shift, published: date | None) -> Resolved:
    """From the publication date ``shift`` back or on, through the publication date."""
    if published is None:
        return Resolved(None, "interval", relative=True)
    if shift.unit in ("day", "week"):
        other = published + timedelta(days=shift.amount * (7 if shift.unit == "week" else 1))
        return Resolved(_days((min(other, published), max(other, published))), "interval", True)
    if shift.unit == "month":
        months = published.year * 12 + published.month - 1 + shift.amount
        other = date(months // 12, months % 12 + 1, 1)
        first, last = sorted((other, published))
        return Resolved(_interval(first, last, "month"), "interval", True)
    first_year, last_year = sorted((published.year, published.year + shift.amount))
    return Resolved(f"{first_year:04d}/{last_year:04d}", "interval", True)


def _shifted_in(calendar: str, shift: Shift, published: date) -> Resolved:
    """A shifted month or year of another calendar, as the interval of days it covers."""
    year = year_of(calendar, published) + (shift.amount if shift.unit == "year" else 0)
    if shift.unit == "year":
        return Resolved(_days(_checked(year_span(calendar, year))), "interval", True)
    month = _month_of(calendar, published, year)
    months = year * 12 + month - 1 + shift.amount
    return Resolved(_days(_checked(month_span(calendar, months // 12, months % 12 + 1))), "interval", True)


def _month_of(calendar: str, day: date, year: int) -> int:
    return next(m for m in range(12, 0, -1) if (span := month_span(calendar, year, m)) and span[0] <= day)


def _day_of_nearest_month(point: Point, published: date | None) -> Resolved:
    """A day of the month alone ("19日"): in the month before, of or after publication, the nearest."""
    if published is None:
        return Resolved(None, "day", relative=True)
    year = year_of(point.calendar, published)
    months = year * 12 + _month_of(point.calendar, published, year) - 1
    days = [
        day
        for shift in (-1, 0, 1)
        if (day := to_gregorian(point.calendar, (months + shift) // 12, (months + shift) % 12 + 1, point.day))
    ]
    if not days:
        raise Unresolvable(f"no day {point.day} near {published}")
    nearest = min(days, key=lambda day: (_distance((day, day), published), day))
    return Resolved(nearest.isoformat(), "day", relative=True)


def _weekday_of_week(weekday: int, week: Shift, published: date | None) -> Resolved:
    """ "On Thursday next week": that day of the Monday-to-Sunday week the shift names."""
    if published is None:
        return Resolved(None, "day", relative=True)
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=week.amount)
    return Resolved((monday + timedelta(days=weekday)).isoformat(), "day", True)


def _weekday(weekday: int, direction: int, published: date | None) -> Resolved:
    if published is None:
        return Resolved(None, "day", relative=True)
    if direction > 1:  # "until Friday": that day of this week, or of the next when it is past
        day = published + timedelta(days=(weekday - published.weekday()) % 7)
    elif direction > 0:
        day = published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    else:
        back = (published.weekday() - weekday) % 7
        day = published - timedelta(days=back if back or direction == 0 else 7)
    return Resolved(day.isoformat(), "day", relative=True)


def _year(
    point: Point, published: date | None, span_of: Callable[[int], Span | None], latest_started: bool = False
) -> int | None:
    """The year of a point: as written, shifted from the publication year, or the best fit.

    The best fit is the nearest one, or for periods (quarters, halves, "the first eight
    months"), which news reports once they have begun, the latest one begun by publication.
    """
    if point.year is not None:
        return point.year
    if published is None:
        return None
    around = year_of(point.calendar, published)
    if point.short_year is not None:  # "93-інші жылы": the latest such year, up to a decade ahead
        latest = around + SHORT_YEAR_AHEAD
        return latest - (latest - point.short_year) % 100
    if point.year_shift is not None:
        return around + point.year_shift
    if latest_started:
        span = span_of(around)
        return around if span is not None and span[0] <= published else around - 1
    return nearest_year(span_of, around, published)


def nearest_year(span_of: Callable[[int], Span | None], around: int, published: date) -> int | None:
    """Of the years around the publication year, the one whose span lies nearest the publication."""
    fits = [
        (_distance(span, published), year)
        for year in (around - 1, around, around + 1)
        if (span := span_of(year))
    ]
    return min(fits)[1] if fits else None


def _distance(span: Span, day: date) -> int:
    """Days between a span and the publication day; the future counts double (news reports the past)."""
    first, last = span
    if first <= day <= last:
        return 0
    return (day - last).days if last < day else 2 * (first - day).days


def _span(point: Point, year: int) -> Span | None:
    if point.month is None:
        return year_span(point.calendar, year)
    if point.day is None:
        return month_span(point.calendar, year, point.month)
    day = to_gregorian(point.calendar, year, point.month, point.day)
    return (day, day) if day else None


def _calendar(start: Point, end: Point) -> str:
    return start.calendar if start.month is not None or start.year is not None else end.calendar


def _granularity(point: Point) -> str:
    if point.day is not None:
        return "day"
    return "month" if point.month is not None else "year"


def _explicit_year(point: Point) -> bool:
    return point.year is not None


def _iso(point: Point) -> str:
    if point.day is not None:
        day = to_gregorian(point.calendar, point.year, point.month, point.day)
        if day is None:
            raise Unresolvable(f"no day {point}")
        return day.isoformat()
    if point.month is not None:
        return f"{point.year:04d}-{point.month:02d}"
    return f"{point.year:04d}"


def _interval(first: date, last: date, granularity: str) -> str:
    if granularity == "month":
        start, end = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
    else:
        start, end = f"{first.year:04d}", f"{last.year:04d}"
    return start if start == end else f"{start}/{end}"


def _days(span: Span) -> str:
    first, last = span
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _checked(span: Span | None) -> Span:
    if span is None:
        raise Unresolvable("no such days")
    return span

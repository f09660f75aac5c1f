"""What a matched date expression says, read from the groups its template filled.

A match becomes :class:`Parts`: one or two points (day, month, year as written, in their
calendar), a run of months within a year (quarters, halves, "the first eight months"), a
weekday, or a shift from the publication date. Nothing here knows the publication date;
``resolve`` turns parts into values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from parallax.lang.dates.calendars import is_gregorian
from parallax.lang.dates.lexicon import UNITS, DateLexicon, Shift, fold
from parallax.lang.dates.names import GREGORIAN

# Gregorian years a news article plausibly names; other numbers are not read as years.
FIRST_YEAR, LAST_YEAR = 1000, 2199
_MONTHS_PER = {"Q": 3, "H": 6}


@dataclass(frozen=True)
class Point:
    """One end of a date expression, as written: any field may be missing."""

    year: int | None = None
    year_shift: int | None = None  # a relative year: "last year" is -1
    month: int | None = None
    day: int | None = None
    calendar: str = GREGORIAN
    short_year: int | None = None  # a year by its last two digits ("93-інші жылы", "в 93-м году")

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year_shift is not None or self.short_year is not None


@dataclass(frozen=True)
class Parts:
    start: Point
    end: Point | None = None  # the other end of a range
    months: tuple[int, int] | None = None  # first and last month of a period of start's year
    season: bool = False  # the months are a season: the nearest one, not the latest begun
    weekday: int | None = None
    # 0: on or before publication, -1: strictly before, 1: strictly after, 2: on or after; for a
    # month without a year ("last November", "next August") the month before or after publication's.
    weekday_direction: int = 0
    shift: Shift | None = None
    through: bool = False  # from the shifted date through the publication date ("the last 5 years")
    recurring: bool = False  # the shift recurs ("every year", "жыл сайын"): no date, a period
    anaphora: str | None = None  # "that day", "сол жылы": the day or year of the date before
    vague: str | None = None  # "recent year" ("in recent years"), "ago day" ("a few days ago")
    same_period: bool = False  # "the same period last year": the months of an earlier mention
    ambiguous: bool = False  # a numeric date whose day and month cannot be told apart


def written(parts: Parts) -> str:
    """What a date expression says, in no language: the same for "13 лютого" and "February 13".

    Expressions that need a publication date to resolve are compared by it when none is known:
    two versions of one undated article still say the same date.
    """
    points = [point for point in (parts.start, parts.end) if point is not None]
    fields = ["/".join(_point_written(point) for point in points)]
    if parts.months:
        fields.append(f"m{parts.months[0]}-{parts.months[1]}")
    if parts.weekday is not None:
        fields.append(f"w{parts.weekday}{_signed(parts.weekday_direction)}")
    if parts.shift is not None:
        through = ".." if parts.through else "*" if parts.recurring else ""
        fields.append(f"{_signed(parts.shift.amount)}{parts.shift.unit}{through}")
    if parts.same_period:
        fields.append("same")
    if parts.anaphora:
        fields.append(f"={parts.anaphora}")
    if parts.vague:
        fields.append(f"~{parts.vague.replace(' ', '-')}")
    return " ".join(fields)


def season_compared_by(parts: Parts) -> str:
    """What a season that could not be resolved is compared by, in no language: the year it
    names ("g-1", last year's: "last spring" and "last summer" report that year as precisely as
    each source cared to) or, naming none, its months ("this winter" and "今年冬天" are one date:
    "this year" adds nothing)."""
    point = parts.start
    shift = point.year_shift or None
    if point.year is not None or shift is not None:
        return f"{point.calendar[:1]}{point.year or ''}{_signed(shift)}"
    return written(replace(parts, start=replace(point, year_shift=None)))


def _point_written(point: Point) -> str:
    short = "" if point.short_year is None else f"'{point.short_year:02d}"
    year = f"{point.year or ''}{short}{_signed(point.year_shift)}"
    return f"{point.calendar[:1]}{year}-{point.month or ''}-{point.day or ''}"


def _signed(number: int | None) -> str:
    return "" if number is None else f"{number:+d}"


class NotADate(ValueError):
    """The match has the shape of a date but not the content (day 32, month 13, year 5000)."""


def read_parts(match: re.Match[str], meaning: dict[str, Any], words: DateLexicon | None) -> Parts | None:
    """The parts of one match, or None when its numbers cannot make a date."""
    return parts_of(match.groupdict(), meaning, words)


def parts_of(
    groups: dict[str, str | None], meaning: dict[str, Any], words: DateLexicon | None
) -> Parts | None:
    """The parts named groups hold (``day``, ``month`` as a name, ``monthnum``, ``year``...),
    or None when they cannot make a date."""
    filled = {name: value for name, value in groups.items() if value is not None}
    try:
        return _parts(filled, meaning, words)
    except NotADate:
        return None


def _parts(groups: dict[str, str], meaning: dict[str, Any], words: DateLexicon | None) -> Parts:
    # Relative years and months, and periods, count in the language's own calendar.
    nowhere = Point(calendar=words.default_calendar if words else GREGORIAN)
    if "vague" in meaning:  # "in recent years", "a few days ago": no value, what it says
        return Parts(nowhere, vague=meaning["vague"])
    if "nth" in meaning:  # "on the second day" of an event: no value, its number and unit
        return Parts(nowhere, vague=f"nth{_nth(groups['nth'], words)} {meaning['nth']}")
    if "same" in meaning:  # "that day", "в тот же год": read once the dates before it are known
        return Parts(nowhere, anaphora=meaning["same"])
    if "every" in meaning:  # "every year", "every two years": one unit unless a count is written
        text = groups.get("count")
        count = 1 if text is None else int(text) if text.isdecimal() else _lookup(words, "counts", text)
        return Parts(nowhere, shift=Shift(_within(count, 1, 99), meaning["every"]), recurring=True)
    if "count" in groups:
        text = groups["count"]
        count = int(text) if text.isdecimal() else _lookup(words, "counts", text)
        if meaning.get("through"):  # "the last 5 years": direction and unit from the groups
            sign = -1 if "spanlast" in groups else 1
            unit = next(key[len("span") :] for key in groups if key.startswith("span") and key[4:] in UNITS)
            return Parts(nowhere, shift=Shift(sign * _within(count, 1, 999), unit), through=True)
        return Parts(nowhere, shift=Shift(meaning["sign"] * count, meaning["unit"]))
    if "relative" in groups:
        return Parts(nowhere, shift=_lookup(words, "relative", groups["relative"]))
    if "weekday" in groups:
        weekday = _lookup(words, "weekdays", groups["weekday"])
        week = _lookup(words, "relative", groups["weekref"]) if "weekref" in groups else None
        return Parts(nowhere, weekday=weekday, weekday_direction=meaning.get("direction", 0), shift=week)
    if "first" in groups:
        return _numeric_with_slashes(groups, words)
    if any(key in groups for key in ("centurynum", "centuryroman", "centuryword")):
        return _century(groups, words)
    if "decade" in groups or "decadeword" in groups:
        century = int(groups["century"]) if "century" in groups else None
        word = groups.get("decadeword")
        first = int(groups["decade"]) if word is None else _lookup(words, "decades", word)
        return _decade(first, century, nowhere)
    start = _point(groups, "", nowhere, words)
    end = _point(groups, "2", nowhere, words) if any(key.endswith("2") for key in groups) else None
    direction = meaning.get("direction", 0)  # "last November": the latest November before
    months = _months(groups, words)
    return Parts(
        start,
        end=end,
        months=months,
        season="season" in groups,
        same_period="same" in groups,
        weekday_direction=direction,
    )


def _decade(first: int, century: int | None, nowhere: Point) -> Parts:
    """A decade as the range of its years; "the 80s" without a century is the last century's."""
    base = 100 * (century - 1) if century else 1900
    year = first if first >= 100 else base + first
    return Parts(replace(nowhere, year=year), end=replace(nowhere, year=year + 9))


_ROMAN = {"I": 1, "V": 5, "X": 10, "І": 1, "Х": 10}  # with the Cyrillic look-alikes typed for them


def _century(groups: dict[str, str], words: DateLexicon | None) -> Parts:
    """A century as the range of its years: the 20th is 1901-2000, in the calendar counting them."""
    if "centurynum" in groups:
        number = int(groups["centurynum"])
    elif "centuryword" in groups:
        number = _lookup(words, "spelled_centuries", groups["centuryword"])
    else:
        number = _roman(groups["centuryroman"].upper())
    first = 100 * (_within(number, 1, 21) - 1) + 1
    calendar = words.calendar_of_year(first) if words else GREGORIAN
    return Parts(Point(year=first, calendar=calendar), end=Point(year=first + 99, calendar=calendar))


def _roman(numeral: str) -> int:
    values = [_ROMAN[char] for char in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    latin = numeral.replace("І", "I").replace("Х", "X")
    if total < 1 or (len(numeral) > 1 and _written_roman(total) != latin):
        raise NotADate(f"{numeral} is no Roman numeral")
    return total


def _written_roman(number: int) -> str:
    tens, units = divmod(number, 10)
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return "X" * tens + ones[units]


def _point(groups: dict[str, str], index: str, nowhere: Point, words: DateLexicon | None) -> Point:
    point = _month_of(groups, index, _year_of(groups, index, nowhere, words), words)
    if point.year is not None and not _year_fits_calendar(point, words):
        raise NotADate("the year and the month name belong to different calendars")
    if f"day{index}" in groups:
        point = replace(point, day=_within(int(groups[f"day{index}"]), 1, 31))
    elif f"dayword{index}" in groups:
        point = replace(point, day=_lookup(words, "spelled_days", groups[f"dayword{index}"]))
    return point


def _year_fits_calendar(point: Point, words: DateLexicon | None) -> bool:
    """A Solar Hijri month needs a Solar Hijri year; a Gregorian month takes any plausible year.

    Without calendars told by their years (the month names of every language), the month's
    calendar counts the year.
    """
    if words is None or not words.calendars or words.calendar_of_year(point.year) == point.calendar:
        return True
    return is_gregorian(point.calendar) and FIRST_YEAR <= point.year <= LAST_YEAR


def _year_of(groups: dict[str, str], index: str, point: Point, words: DateLexicon | None) -> Point:
    if f"year{index}" in groups:
        year = int(groups[f"year{index}"])
        calendar = words.calendar_of_year(year) if words else GREGORIAN
        if is_gregorian(calendar) and not FIRST_YEAR <= year <= LAST_YEAR:
            raise NotADate(f"year {year}")
        point = replace(point, year=year, calendar=calendar)
    if f"yearword{index}" in groups:
        point = replace(point, year=_lookup(words, "spelled_years", groups[f"yearword{index}"]))
    if f"shortyear{index}" in groups:
        point = replace(point, short_year=_within(int(groups[f"shortyear{index}"]), 0, 99))
    if f"shortyearword{index}" in groups:
        point = replace(point, short_year=_lookup(words, "short_years", groups[f"shortyearword{index}"]))
    if f"yearref{index}" in groups:
        shift = _lookup(words, "relative", groups[f"yearref{index}"])
        point = replace(point, year_shift=shift.amount)
    return point


def _month_of(groups: dict[str, str], index: str, point: Point, words: DateLexicon | None) -> Point:
    if f"month{index}" in groups:
        if words and words.flags.get("months_capitalised") and groups[f"month{index}"][:1].islower():
            raise NotADate("a month name in lower case is another word here (may, march)")
        name = words.month(groups[f"month{index}"]) if words else None
        if name is None:
            raise NotADate("unknown month name")
        second = groups.get(f"monthalso{index}") or groups.get(f"monthaside{index}")
        also = words.month(second) if second else None
        if also is not None and also.month != name.month:
            raise NotADate("two months, not two names of one")
        return replace(point, month=name.month, calendar=name.calendar)
    if f"monthnum{index}" in groups:
        return replace(point, month=_within(int(groups[f"monthnum{index}"]), 1, 12))
    return point


def _months(groups: dict[str, str], words: DateLexicon | None) -> tuple[int, int] | None:
    if "n" in groups:
        text = groups["n"]
        count = int(text) if text.isdecimal() else _lookup(words, "counts", text)
        return 1, _within(count, 1, 12)
    for name, size in (("quarter", 3), ("half", 6)):
        if name in groups:
            ordinal = _ordinal(groups[name], words)
            _within(ordinal, 1, 12 // size)
            return size * (ordinal - 1) + 1, size * ordinal
    if "period" in groups:
        return period_months(_lookup(words, "periods", groups["period"]))
    if "season" in groups:
        return _lookup(words, "seasons", groups["season"])
    return None


def period_months(code: str) -> tuple[int, int]:
    """Months of a period code from the data files: Q1-Q4 quarters, H1-H2 halves, M8 first 8 months."""
    kind, number = code[0].upper(), int(code[1:])
    if kind == "M":
        return 1, _within(number, 1, 12)
    size = _MONTHS_PER[kind]
    _within(number, 1, 12 // size)
    return size * (number - 1) + 1, size * number


def _ordinal(text: str, words: DateLexicon | None) -> int:
    if text[:1].isdecimal():  # "1-й", "1.", "1er": the digit is the number
        return int(text[0])
    return _lookup(words, "ordinals", text)


def _numeric_with_slashes(groups: dict[str, str], words: DateLexicon | None) -> Parts:
    year = int(groups["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotADate(f"year {year}")
    day_month = numeric_day_month(int(groups["first"]), int(groups["second"]), words)
    if day_month is None:
        return Parts(Point(year=year), ambiguous=True)
    day, month = day_month
    return Parts(Point(year=year, month=month, day=day))


def numeric_day_month(first: int, second: int, words: DateLexicon | None) -> tuple[int, int] | None:
    """Day and month of a slash date "first/second/year".

    A number above 12 can only be the day, which settles the order. Otherwise the order is the
    one of the language's CLDR short date pattern (en M/d/yy, fr dd/MM/y); with no language it
    stays unknown (None).
    """
    if not (1 <= first <= 31 and 1 <= second <= 31) or (first > 12 and second > 12):
        raise NotADate("neither number is a month")
    if first > 12:
        return first, second
    if second > 12:
        return second, first
    if words is None:
        return None
    return (first, second) if words.numeric_order == "DM" else (second, first)


def _lookup(words: DateLexicon | None, table: str, text: str) -> Any:
    value = getattr(words, table, {}).get(fold(text)) if words else None
    if value is None:
        raise NotADate(f"{text!r} is not in the {table} table")
    return value


def _nth(text: str, words: DateLexicon | None) -> int:
    """The number of an ordinal: its leading digit ("2-нші") or its word ("екінші")."""
    return int(text[0]) if text[:1].isdecimal() else _lookup(words, "nth", text)


def _within(number: int, low: int, high: int) -> int:
    if not low <= number <= high:
        raise NotADate(f"{number} outside {low}-{high}")
    return number

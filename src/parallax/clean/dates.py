"""Datelines and date stamps: finding them in a line and reading the date they carry.

The date shapes are CLDR's own date patterns ("d MMMM y", "y年M月d日", "MMMM d, y"...) for
every language parallax has data for, read from ICU and turned into regular expressions,
plus each language's ``[clean] date_patterns`` (same syntax) for forms CLDR lacks
("y 'жылғы' d MMMM"). Month names come from ICU and ``[clean] months``. Reading the matched
date is done from its parts (day, month, year); dateparser is asked only when they do not make a date.
"""

from __future__ import annotations

import datetime
import warnings
from dataclasses import dataclass
from functools import cache

import icu
import regex

from parallax import lang
from parallax.tables import stored

_SKELETONS = ("MMMMd", "MMMd", "yMMMd", "yMMMMd")
_STYLES = (icu.DateFormat.FULL, icu.DateFormat.LONG, icu.DateFormat.MEDIUM)
_NUMERIC_DATES = (
    r"(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})",
    r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})",
)
# A time of day: "19:05", "10.25", "10h25", "7:05 p.m.", then a short word that qualifies it in
# any language ("Uhr", "GMT", "CET", "ч.", "ص", "h"): a stamp line has nothing else after it.
_TIME = (
    r"(?P<time>\d{1,2}(?::\d{2}|[.h]\d{2}(?!\d))(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?"
    r"(?:\s*\(?(?:(?!\p{Han})\p{L}){1,5}\.?(?:\s?[+\-−]\d{1,2}(?::?\d\d)?)?\)?(?![\p{L}\p{M}]))?)"
)
_WORD = r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[\s\-]+{_WORD}){{0,2}}(?:,\s*{_WORD}(?:[\s\-]+{_WORD}){{0,2}})?)"
# Between place and date: punctuation, a one- or two-letter preposition ("باريس في 12 مارس"),
# or nothing at all in scripts written without spaces ("寰宇社巴黎3月12日电").
_PLACE_TO_DATE = r"(?:\s*[,.،:]\s*|\s+[-–—]\s+|\s+\p{L}{1,2}\s+|(?<=\p{ea=W}))"
_CAPITALISED = r"\p{Lu}[\p{L}\p{M}\-]*(?:\s+\p{Lu}[\p{L}\p{M}\-]*){0,2}"
_QUOTED = r"«[^«»\n]{1,40}»|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|„[^“\n]{1,40}“"
_BRACKETED = r"\([^()\n]{1,40}\)|（[^（）\n]{1,40}）|/[^/\n]{1,30}/|\[[^\[\]\n]{1,40}\]"
_ALL_CAPS_PLACE = r"(?P<place>\p{Lu}[\p{Lu}\p{M}'’\-]+(?:[\s,]+\p{Lu}[\p{Lu}\p{M}'’\-]+){0,3})"
_DASH = r"[-–—]"
GREGORIAN = "gregorian"
_MONTH_NAMES = "month_names"
_WEEKDAY_NAMES = "weekday_names"
# A weekday name written beside the date in a stamp: "Wed 12 Mar 2025", "12 Mart 2025 Çarşamba".
_WEEKDAY = rf"(?:(?&{_WEEKDAY_NAMES})\.?(?![\p{{L}}\p{{M}}]))"
# A label may take one short word before the date: "Publié le", "Posted on", "Stand am".
_AFTER_LABEL = r"(?:\s+\p{Ll}{1,3})?\s*[:：]?\s*"
_NEAR = 80  # characters: how far into a line a stamp or dateline ends
_DIGIT_NEAR_START = regex.compile(r"\d")
_DASH_NEAR_START = regex.compile(_DASH)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line, with offsets relative to that line."""

    start: int
    end: int
    iso: str | None  # None when the date has no year or cannot be read


@cache
def month_numbers() -> dict[str, tuple[str, int]]:
    """Every month name and abbreviation of every language (casefolded, no dot) -> (calendar, 1..12).

    Gregorian names first, then those of the calendars a language's ``[clean] calendars``
    lists (Persian اسفند, Hijri رمضان), then its hand-written ``months``.
    """
    names: dict[str, tuple[str, int]] = {}
    for data in lang.all_languages():
        for calendar in [GREGORIAN, *data.section("clean").get("calendars", [])]:
            symbols = icu.DateFormatSymbols(icu.Locale(data.code), calendar)
            for context in (icu.DateFormatSymbols.FORMAT, icu.DateFormatSymbols.STANDALONE):
                for width in (icu.DateFormatSymbols.WIDE, icu.DateFormatSymbols.ABBREVIATED):
                    for number, name in enumerate(symbols.getMonths(context, width), start=1):
                        names.setdefault(_month_key(name), (calendar, number))
        for number, extra in enumerate(data.section("clean").get("months", []), start=1):
            for name in [extra] if isinstance(extra, str) else extra:
                names.setdefault(_month_key(name), (GREGORIAN, number))
    names.pop("", None)
    return names


@cache
def date_pattern() -> str:
    """One regex alternation for every date shape of every language (named groups).

    The month names are spelt once, in :func:`_month_names_defined`; each shape calls them
    (``(?&month_names)``), which matches as the alternation would in its place. Spelt out in
    every shape, they made the stamp and dateline regexes take a second or more to compile.
    """
    month_name = rf"(?P<month_name>(?&{_MONTH_NAMES})\.?)(?![\p{{L}}\p{{M}}])"
    shapes = {shape for data in lang.all_languages() for shape in _cldr_shapes(data)}
    converted = {_shape_regex(shape, month_name) for shape in shapes}
    ordered = sorted((c for c in converted if c), key=_shape_order(month_name))
    return "(?:" + "|".join([*_NUMERIC_DATES, *ordered]) + ")"


def _shape_order(month_name: str):
    """Shapes with more fields first, then the longer ones, as measured with the month names
    spelt out in place (the order the alternation has always had)."""
    spelt = rf"(?P<month_name>(?i:{_month_alternation()})\.?)(?![\p{{L}}\p{{M}}])"
    extra = len(spelt) - len(month_name)
    # Ties went by the order of a set of strings, which varies between processes; now by the shape.
    return lambda c: (-c.count("(?P<"), -(len(c) + extra * c.count(month_name)), c)


def _month_alternation() -> str:
    return "|".join(regex.escape(name) for name in sorted(month_numbers(), key=len, reverse=True))


@cache
def _month_names_defined() -> str:
    """The month names as a group that only ``(?&month_names)`` calls match with."""
    return rf"(?(DEFINE)(?P<{_MONTH_NAMES}>(?i:{_month_alternation()})))"


@cache
def weekday_names() -> set[str]:
    """Every weekday name of every language, wide and abbreviated (casefolded, no dot)."""
    names: set[str] = set()
    for data in lang.all_languages():
        symbols = icu.DateFormatSymbols(icu.Locale(data.code))
        for context in (icu.DateFormatSymbols.FORMAT, icu.DateFormatSymbols.STANDALONE):
            for width in (icu.DateFormatSymbols.WIDE, icu.DateFormatSymbols.ABBREVIATED):
                names.update(_month_key(name) for name in symbols.getWeekdays(context, width))
    names.discard("")
    return names


@cache
def _weekday_names_defined() -> str:
    alternation = "|".join(regex.escape(name) for name in sorted(weekday_names(), key=len, reverse=True))
    return rf"(?(DEFINE)(?P<{_WEEKDAY_NAMES}>(?i:{alternation})))"


@cache
def _date_labels() -> str:
    return _alternation("date_labels")


@cache
@stored("clean-stamp-regex")
def stamp_regex() -> regex.Pattern[str]:
    """A date stamp at the start of a line: "12.03.2025, 19:05", "Астана. 12 наурыз 2025",
    "Wed 12 Mar 2025 10.25 GMT", "04.06.2025, 10:25 Uhr", "Publié le 12 mars 2025 à 10h25"."""
    date = rf"(?<!\d)(?P<date>{date_pattern()})(?!\d)"
    separator = r"\s*[,|·•\-–—/]?\s*"
    return regex.compile(
        rf"{_month_names_defined()}{_weekday_names_defined()}"
        rf"^(?:(?i:{_date_labels()}){_AFTER_LABEL})?"
        rf"(?:{_PLACE}{_PLACE_TO_DATE})?"
        rf"(?:{_WEEKDAY}{separator})?"
        rf"(?:\d{{1,2}}:\d{{2}}\s*[,|·•\-–—/]?\s*)?"
        rf"{date}"
        rf"(?:{separator}{_WEEKDAY})?"
        rf"(?:{separator}(?:\p{{L}}{{1,6}}\.?\s*){{0,2}}{_TIME})?"
        r"\s*[.,]?",
    )


@cache
@stored("clean-dateline-regex")
def prefix_regex() -> regex.Pattern[str]:
    """A wire dateline opening a paragraph.

    "ASTANA, March 12 (Reuters) – ", "Париж. 12 наурыз. ДалаАқпарат – ", "新华社北京3月12日电".
    """
    date = rf"(?<!\d)(?P<date>{date_pattern()})(?!\d)"
    marks = _dateline_marks()
    tail = (
        rf"(?:\s*[.,]\s*|\s+)(?:{_CAPITALISED}|{_QUOTED})\s*(?:[.:]?\s*{_DASH}|\.)\s+"
        rf"|\s*{_DASH}\s*(?:{_CAPITALISED}|{_QUOTED})\s*\.\s+"
        rf"|\s*(?:{marks})?\s*(?:{_BRACKETED})\s*(?:{_DASH}\s*)?"
        rf"|\s*(?:{marks})\s*"
        rf"|\s*(?:[.:]\s*)?{_DASH}\s+"
        r"|\s*\.\s+"
    )
    with_date = rf"(?:{_PLACE}{_PLACE_TO_DATE})?{date}(?:{tail})"
    return regex.compile(rf"{_month_names_defined()}^{with_date}(?=\S)")


@cache
def undated_prefix_regex() -> regex.Pattern[str]:
    """A wire dateline without a date: "BERLIN (dpa) - ", "АСТАНА. KAZINFORM – ", "تهران - ایرنا - "."""
    capitals = rf"{_ALL_CAPS_PLACE}\s*[,.]?\s*(?:(?:{_BRACKETED}|{_CAPITALISED})\s*)?{_DASH}\s+"
    # Both parts start without a lower-case letter: a name, or a script without case.
    name = rf"(?!\p{{Ll}}){_WORD}"
    place_and_agency = rf"(?P<place>{name}(?:\s+{name})?)\s*{_DASH}\s*{name}(?:\s+{name}){{0,2}}\s*{_DASH}\s+"
    return regex.compile(rf"^(?:{capitals}|{place_and_agency})(?=\S)")


def stamp_at_start(line: str) -> regex.Match[str] | None:
    # Every date has a digit near the start of its line: a cheap test spares the big regex.
    return stamp_regex().match(line) if _DIGIT_NEAR_START.search(line[:_NEAR]) else None


def dateline_prefix(line: str) -> regex.Match[str] | None:
    head = line[:_NEAR]
    if _DIGIT_NEAR_START.search(head):
        found = prefix_regex().match(line)
        if found:
            return found
    return undated_prefix_regex().match(line) if _DASH_NEAR_START.search(head) else None


def iso_date(found: regex.Match[str]) -> str | None:
    """The (Gregorian) ISO date a stamp or dateline match carries; None without a year or when unreadable."""
    if "date" not in found.re.groupindex or not found.group("date") or found.group("year") is None:
        return None
    calendar, _ = _month_of(found.group("month_name"))
    if calendar != GREGORIAN:
        return _from_parts(found)
    # The matched day, month and year settle a Gregorian date: dateparser, slow to start and
    # about 10 ms a call, agrees with them on every date shape of every language (checked on
    # all of them: CLDR's shapes formatted by ICU, numeric dates). It reads what they cannot.
    return _from_parts(found) or _dateparser(found.group("date"))


def _dateparser(text: str) -> str | None:
    import dateparser  # slow to import; only datelines with a year need it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            languages=list(lang.languages()),
            settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    return parsed.date().isoformat() if parsed else None


def _from_parts(found: regex.Match[str]) -> str | None:
    month = found.group("month")
    calendar, number = (GREGORIAN, int(month)) if month else _month_of(found.group("month_name"))
    try:
        year, day = int(found.group("year")), int(found.group("day"))
        if calendar == GREGORIAN:
            return datetime.date(year, number, day).isoformat()
        return _to_gregorian(calendar, year, number, day)
    except (TypeError, ValueError, icu.ICUError):
        return None


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> str | None:
    """ICU converts a date of another calendar (Solar Hijri ۲۲ اسفند ۱۴۰۳ -> 2025-03-12)."""
    converter = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale(f"und@calendar={calendar}"))
    converter.setLenient(False)
    converter.clear()
    converter.set(year, month - 1, day)
    return datetime.datetime.fromtimestamp(converter.getTime(), datetime.UTC).date().isoformat()


def _month_of(name: str | None) -> tuple[str, int]:
    return month_numbers().get(_month_key(name or ""), (GREGORIAN, 0))


def _month_key(name: str) -> str:
    return name.casefold().strip().rstrip(".")


@cache
def _day_suffixes() -> str:
    """Letters written after a day number in any language ("1er", "2nd", "1-го"), from ``[dates]``."""
    suffixes = {
        suffix
        for data in lang.all_languages()
        for suffix in data.section("dates").get("day_suffixes", [])
        if any(ch.isalpha() for ch in suffix)
    }
    return "|".join(regex.escape(suffix) for suffix in sorted(suffixes, key=len, reverse=True)) or "(?!)"


def _dateline_marks() -> str:
    return _alternation("dateline_marks")


def _alternation(key: str) -> str:
    """All languages' phrases under a ``[clean]`` key as a regex alternation (never matching when empty)."""
    phrases = {phrase for data in lang.all_languages() for phrase in data.section("clean").get(key, [])}
    return "|".join(regex.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True)) or "(?!)"


def _cldr_shapes(data: lang.LanguageData) -> list[str]:
    locale = icu.Locale(data.code)
    shapes = [icu.DateFormat.createDateInstance(style, locale).toPattern() for style in _STYLES]
    generator = icu.DateTimePatternGenerator.createInstance(locale)
    shapes += [generator.getBestPattern(skeleton) for skeleton in _SKELETONS]
    return shapes + list(data.section("clean").get("date_patterns", []))


def _shape_regex(shape: str, month_name: str) -> str | None:
    """A CLDR date pattern as a regex; None for shapes with weekdays or eras (their plain twins exist)."""
    tokens = _tokens(shape)
    if any(kind == "field" and value[0] not in "yMLd" for kind, value in tokens):
        return None
    if sum(kind == "field" for kind, _ in tokens) < 2:
        return None
    parts = []
    last_field = max(i for i, (kind, _) in enumerate(tokens) if kind == "field")
    for i, (kind, value) in enumerate(tokens):
        if kind == "field":
            parts.append(_field_regex(value, month_name))
        elif i < last_field:
            parts.append(_literal_regex(value, required_letters=True))
        else:
            parts.append(f"(?:{_literal_regex(value, required_letters=True)})?")
    return "".join(parts)


def _tokens(shape: str) -> list[tuple[str, str]]:
    """CLDR pattern -> [("field", "MMMM"), ("literal", " 'ж'. ")...]; quotes resolved."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(shape):
        ch = shape[i]
        if ch == "'":
            end = shape.find("'", i + 1)
            end = len(shape) if end < 0 else end
            tokens.append(("literal", shape[i + 1 : end] or "'"))
            i = end + 1
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < len(shape) and shape[j] == ch:
                j += 1
            tokens.append(("field", shape[i:j]))
            i = j
        else:
            tokens.append(("literal", ch))
            i += 1
    return tokens


def _field_regex(field: str, month_name: str) -> str:
    letter = field[0]
    if letter == "y":
        return r"(?P<year>\d{4})"
    if letter in "ML":
        return month_name if len(field) >= 3 else r"(?P<month>\d{1,2})"
    return rf"(?P<day>\d{{1,2}})(?:{_day_suffixes()})?"


def _literal_regex(literal: str, required_letters: bool) -> str:
    """Spaces stretch, punctuation may be left out, words (年, 'de', 'ж') must be there."""
    parts = []
    for ch in literal:
        if ch.isspace() or ch in "\u200e\u200f":
            parts.append(r"\s*")
        elif ch.isalpha() and required_letters:
            parts.append(regex.escape(ch))
        else:
            parts.append(f"{regex.escape(ch)}?")
    return "".join(parts) + r"\s*"

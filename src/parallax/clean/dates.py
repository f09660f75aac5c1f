"""Datelines and date stamps: finding them in a line and reading the date they carry.

The date in them is found by the date grammar (``parallax.lang.dates.grammar``), which
compiles CLDR's own date patterns ("d MMMM y", "y年M月d日", "MMMM d, y"...) of every language
parallax has data for, plus each language's ``[clean] date_patterns`` (same syntax) for forms
CLDR lacks ("y 'жылғы' d MMMM"), as templates with any-language slots; the extractor's rules
are compiled from templates by the same grammar. The month names and the reading of a matched
date are the date core's: the same names, parts reader and calendar converter as the
extractor's. This module adds what stands around the date in a line: place, label, weekday,
time, agency.
"""

from __future__ import annotations

from functools import cache

import regex

from parallax import lang
from parallax.lang.dates.grammar import any_language_date_pattern
from parallax.lang.dates.shapes import (
    WEEKDAY_NAMES,
    month_names_defined,
    value_of_shape,
    weekday_names_defined,
)
from parallax.lang.scripts import quote_pairs
from parallax.tables import stored

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
_BRACKETED = r"\([^()\n]{1,40}\)|（[^（）\n]{1,40}）|/[^/\n]{1,30}/|\[[^\[\]\n]{1,40}\]"
_ALL_CAPS_PLACE = r"(?P<place>\p{Lu}[\p{Lu}\p{M}'’\-]+(?:[\s,]+\p{Lu}[\p{Lu}\p{M}'’\-]+){0,3})"
_DASH = r"[-–—]"
# A weekday name written beside the date in a stamp: "Wed 12 Mar 2025", "12 Mart 2025 Çarşamba".
_WEEKDAY = rf"(?:(?&{WEEKDAY_NAMES})\.?(?![\p{{L}}\p{{M}}]))"
# A label may take one short word before the date: "Publié le", "Posted on", "Stand am".
_AFTER_LABEL = r"(?:\s+\p{Ll}{1,3})?\s*[:：]?\s*"
_NEAR = 80  # characters: how far into a line a stamp or dateline ends
_DIGIT_NEAR_START = regex.compile(r"\d")
_DASH_NEAR_START = regex.compile(_DASH)


@cache
def _date_labels() -> str:
    return _alternation("date_labels")


@cache
@stored("clean-stamp-regex")
def stamp_regex() -> regex.Pattern[str]:
    """A date stamp at the start of a line: "12.03.2025, 19:05", "Астана. 12 наурыз 2025",
    "Wed 12 Mar 2025 10.25 GMT", "04.06.2025, 10:25 Uhr", "Publié le 12 mars 2025 à 10h25"."""
    date = rf"(?<!\d)(?P<date>{any_language_date_pattern()})(?!\d)"
    separator = r"\s*[,|·•\-–—/]?\s*"
    return regex.compile(
        rf"{month_names_defined()}{weekday_names_defined()}"
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
    date = rf"(?<!\d)(?P<date>{any_language_date_pattern()})(?!\d)"
    marks = _dateline_marks()
    quoted = _quoted()
    tail = (
        rf"(?:\s*[.,]\s*|\s+)(?:{_CAPITALISED}|{quoted})\s*(?:[.:]?\s*{_DASH}|\.)\s+"
        rf"|\s*{_DASH}\s*(?:{_CAPITALISED}|{quoted})\s*\.\s+"
        rf"|\s*(?:{marks})?\s*(?:{_BRACKETED})\s*(?:{_DASH}\s*)?"
        rf"|\s*(?:{marks})\s*"
        rf"|\s*(?:[.:]\s*)?{_DASH}\s+"
        r"|\s*\.\s+"
    )
    with_date = rf"(?:{_PLACE}{_PLACE_TO_DATE})?{date}(?:{tail})"
    return regex.compile(rf"{month_names_defined()}^{with_date}(?=\S)")


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
    if "date" not in found.re.groupindex or not found.group("date"):
        return None
    return value_of_shape(found)


def _quoted() -> str:
    """A short name in the quotation marks of any language: «Kazinform», „dpa“, 「新华社」."""
    return "|".join(
        f"{regex.escape(opening)}[^{regex.escape(opening + closing)}\\n]{{1,40}}{regex.escape(closing)}"
        for opening, closing in quote_pairs()
    )


def _dateline_marks() -> str:
    return _alternation("dateline_marks")


def _alternation(key: str) -> str:
    """All languages' phrases under a ``[clean]`` key as a regex alternation (never matching when empty)."""
    phrases = {phrase for data in lang.all_languages() for phrase in data.section("clean").get(key, [])}
    return "|".join(regex.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True)) or "(?!)"

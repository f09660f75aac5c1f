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

from dataclasses import dataclass
from functools import cache

import regex

from parallax import lang
from parallax.lang.dates.grammar import any_language_grammar
from parallax.lang.dates.shapes import WEEKDAY_NAMES, value_of_shape, weekday_names_defined
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
# A date starts with a digit or a month name's first letter, never inside a number or a word.
_TO_DIGIT = 40  # characters: how far a date's first number may stand from its start
# The look for a digit ahead comes after the start's own character (which is no line break): the
# same starts, without reading ahead from every character of the line.
_DATE_START = regex.compile(
    r"(?:(?<![\d\p{L}\p{M}])[\d\p{L}]|(?<=\p{L})\d|(?<=\p{ea=W})\p{L})"
    rf"(?:(?<=\d)|(?=[^\n]{{0,{_TO_DIGIT - 2}}}\d))"
)


@cache
def _date_labels() -> str:
    return _alternation("date_labels")


@dataclass(frozen=True)
class LineDate:
    """A stamp or dateline at the start of a line: where it ends, its place, the date in it
    (the date grammar's match; None for a dateline without a date)."""

    end: int
    place: str | None
    date: regex.Match[str] | None


@cache
@stored("clean-stamp-head-regex")
def stamp_head_regex() -> regex.Pattern[str]:
    """What may stand before the date of a stamp: a label, a place, a weekday, a time
    ("Publié le", "Астана.", "Wed", "10:25,"); matched whole, up to where a date starts."""
    separator = r"\s*[,|·•\-–—/]?\s*"
    return regex.compile(
        rf"{weekday_names_defined()}"
        rf"(?:(?i:{_date_labels()}){_AFTER_LABEL})?"
        rf"(?:{_PLACE}{_PLACE_TO_DATE})?"
        rf"(?:{_WEEKDAY}{separator})?"
        rf"(?:\d{{1,2}}:\d{{2}}\s*[,|·•\-–—/]?\s*)?",
    )


@cache
@stored("clean-stamp-tail-regex")
def stamp_tail_regex() -> regex.Pattern[str]:
    """What may follow the date of a stamp: a weekday, a time ("19:05", "10.25 GMT", "à 10h25")."""
    separator = r"\s*[,|·•\-–—/]?\s*"
    return regex.compile(
        rf"{weekday_names_defined()}"
        rf"(?:{separator}{_WEEKDAY})?"
        rf"(?:{separator}(?:\p{{L}}{{1,6}}\.?\s*){{0,2}}{_TIME})?"
        r"\s*[.,]?",
    )


@cache
@stored("clean-dateline-head-regex")
def prefix_head_regex() -> regex.Pattern[str]:
    """What may stand before the date of a wire dateline: its place ("ASTANA,", "新华社北京")."""
    return regex.compile(rf"(?:{_PLACE}{_PLACE_TO_DATE})?")


@cache
@stored("clean-dateline-tail-regex")
def prefix_tail_regex() -> regex.Pattern[str]:
    """What follows the date of a wire dateline: "(Reuters) – ", ". ДалаАқпарат – ", "电"."""
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
    return regex.compile(rf"(?:{tail})(?=\S)")


def _dated(line: str, head: regex.Pattern[str], tail: regex.Pattern[str]) -> LineDate | None:
    """A date read by the date grammar where a head ends, and a tail after it.

    The date is tried at each place it could start near the start of the line, latest first
    (the head's parts are optional and greedy: the longest head that reads leaves the date).
    """
    dates = any_language_grammar()
    for start in _date_starts(line):
        before = head.fullmatch(line, 0, start)
        if before is None:
            continue
        date = dates.date_at(line, start)
        if date is None:
            continue
        after = tail.match(line, date.end())
        if after is not None:
            return LineDate(after.end(), before.group("place"), date)
    return None


def _date_starts(line: str) -> list[int]:
    """Where a date may start: a digit or a letter (a month name) after neither a digit nor a
    letter, within reach of the start of the line and of a digit (every date has a number
    within a month name and a word of its start); the latest first."""
    return [found.start() for found in _DATE_START.finditer(line, 0, _NEAR)][::-1]


@cache
def undated_prefix_regex() -> regex.Pattern[str]:
    """A wire dateline without a date: "BERLIN (dpa) - ", "АСТАНА. KAZINFORM – ", "تهران - ایرنا - "."""
    capitals = rf"{_ALL_CAPS_PLACE}\s*[,.]?\s*(?:(?:{_BRACKETED}|{_CAPITALISED})\s*)?{_DASH}\s+"
    # Both parts start without a lower-case letter: a name, or a script without case.
    name = rf"(?!\p{{Ll}}){_WORD}"
    place_and_agency = rf"(?P<place>{name}(?:\s+{name})?)\s*{_DASH}\s*{name}(?:\s+{name}){{0,2}}\s*{_DASH}\s+"
    return regex.compile(rf"^(?:{capitals}|{place_and_agency})(?=\S)")


def prepare() -> None:
    """Build (or read from the stored tables) every pattern of stamps and datelines."""
    any_language_grammar()
    for build in (
        stamp_head_regex,
        stamp_tail_regex,
        prefix_head_regex,
        prefix_tail_regex,
        undated_prefix_regex,
    ):
        build()


def stamp_at_start(line: str) -> LineDate | None:
    # Every date has a digit near the start of its line: a cheap test spares the date reader.
    if not _DIGIT_NEAR_START.search(line[:_NEAR]):
        return None
    return _dated(line, stamp_head_regex(), stamp_tail_regex())


def dateline_prefix(line: str) -> LineDate | None:
    head = line[:_NEAR]
    if _DIGIT_NEAR_START.search(head):
        found = _dated(line, prefix_head_regex(), prefix_tail_regex())
        if found:
            return found
    undated = undated_prefix_regex().match(line) if _DASH_NEAR_START.search(head) else None
    return LineDate(undated.end(), undated.group("place"), None) if undated else None


def iso_date(found: LineDate) -> str | None:
    """The (Gregorian) ISO date a stamp or dateline carries; None without a year or when unreadable."""
    return value_of_shape(found.date) if found.date is not None else None


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

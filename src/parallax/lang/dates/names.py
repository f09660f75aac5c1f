"""Month and weekday names and date patterns, as CLDR writes them: read from ``cldr/<code>.json``.

The generated file (``python -m parallax.lang.generate``) is the only place parallax takes
these from; the hand-written ``[dates]`` and ``[clean]`` sections add what CLDR lacks
(inflected forms, Levantine month names spelt otherwise). Every function returns the names
in CLDR's order: month 1 first, Monday first, each with its distinct forms (format and
stand-alone contexts, the widths asked for).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from parallax import lang

GREGORIAN = "gregorian"
CONTEXTS = ("format", "standalone")
WIDE = ("wide",)
WIDE_AND_ABBREVIATED = ("wide", "abbreviated")

Names = tuple[tuple[str, ...], ...]  # one tuple of forms per month or weekday


def _dates(code: str) -> dict[str, Any]:
    data = lang.maybe_load(code)
    return data.cldr.get("dates", {}) if data else {}


def _forms(table: dict[str, dict[str, list[str]]], widths: tuple[str, ...]) -> Names:
    """The forms of each position across contexts and widths, in that order, without repeats."""
    columns = [table[context][width] for context in CONTEXTS for width in widths if context in table]
    return tuple(tuple(dict.fromkeys(name for name in forms if name)) for forms in zip(*columns, strict=True))


@cache
def months(code: str, calendar: str = GREGORIAN, widths: tuple[str, ...] = WIDE) -> Names:
    """The twelve months of ``calendar`` in language ``code``; empty when the file has none."""
    table = _dates(code).get("months", {}).get(calendar)
    return _forms(table, widths) if table else ()


@cache
def regional_months(code: str, widths: tuple[str, ...] = WIDE) -> tuple[Names, ...]:
    """Gregorian months of the regional locales the language file names (``[dates] month_locales``)."""
    regional = _dates(code).get("regional_months", {})
    return tuple(_forms(regional[locale], widths) for locale in sorted(regional))


def calendars(code: str) -> tuple[str, ...]:
    """The calendars whose months the generated file holds, the Gregorian first."""
    names = _dates(code).get("months", {})
    return tuple(sorted(names, key=lambda name: (name != GREGORIAN, name)))


@cache
def weekdays(code: str, widths: tuple[str, ...] = WIDE) -> Names:
    """The seven weekdays, Monday first (Python's ``date.weekday()`` numbering)."""
    table = _dates(code).get("weekdays")
    return _forms(table, widths) if table else ()


def date_patterns(code: str) -> dict[str, str]:
    """CLDR date patterns by style ("full", "long", "medium", "short") and skeleton ("yMMMd")."""
    return dict(_dates(code).get("patterns", {}))


def numeric_order(code: str) -> str:
    """"DM" when the language writes the day before the month in numeric dates (CLDR's short
    pattern: fr dd/MM/y), "MD" otherwise (en M/d/yy)."""
    pattern = date_patterns(code).get("short", "d M")
    return "DM" if pattern.find("d") < pattern.find("M") else "MD"

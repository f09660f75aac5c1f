"""Dates written in CLDR's own patterns, in any language: the templates the grammar compiles for them.

For text whose language is not known yet (the datelines and date stamps the cleaner meets
before language detection): the date shapes are the CLDR date patterns of every language
parallax has data for ("d MMMM y", "y年M月d日", "MMMM d, y"...), read from the generated
``cldr/<code>.json``, plus each language's ``[clean] date_patterns`` (same syntax) for forms
CLDR lacks ("y 'жылғы' d MMMM"). Each becomes a template of the date grammar
(:func:`cldr_templates`), which compiles them into the one any-language alternation
(``grammar.any_language_date_pattern``) as it compiles each language's own templates. The
month names are :func:`lexicon.any_language`'s, and a matched date is read by the same parts
reader and calendar converter as every other date (:func:`value_of_shape`).
"""

from __future__ import annotations

from functools import cache

import regex

from parallax import lang
from parallax.lang.dates import names as cldr_names
from parallax.lang.dates.lexicon import any_language
from parallax.lang.dates.names import WIDE_AND_ABBREVIATED
from parallax.lang.dates.resolve import value_of

# CLDR's date patterns a dateline is written in: three styles and the skeletons without a weekday.
_SHAPES = ("full", "long", "medium", "MMMMd", "MMMd", "yMMMd", "yMMMMd")
NUMERIC_TEMPLATES = (  # numeric dates need no language's words
    r"(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})",
    r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})",
)
MONTH_NAMES = "month_names"  # the group ``(?&month_names)`` calls, defined by month_names_defined()
WEEKDAY_NAMES = "weekday_names"


@cache
def cldr_templates() -> tuple[str, ...]:
    """Every language's CLDR date shapes as templates of the date grammar (``grammar``), which
    compiles them with the any-language slots: ``{day}``, ``{monthname}``, ``{monthnum}``,
    ``{year}`` for the fields, regular expressions for the literals between them."""
    shapes = {shape for data in lang.all_languages() for shape in _cldr_shapes(data)}
    return tuple(sorted({template for shape in shapes if (template := shape_template(shape))}))


def shape_order(month_name: str):
    """Shapes with more fields first, then the longer ones, as measured with the month names
    spelt out in place (the order the alternation has always had)."""
    spelt = rf"(?P<month_name>(?i:{_month_alternation()})\.?)(?![\p{{L}}\p{{M}}])"
    extra = len(spelt) - len(month_name)
    # Ties went by the order of a set of strings, which varies between processes; now by the shape.
    return lambda c: (-c.count("(?P<"), -(len(c) + extra * c.count(month_name)), c)


def _month_alternation() -> str:
    names = any_language().month_names
    return "|".join(regex.escape(name) for name in sorted(names, key=lambda name: (-len(name), name)))


@cache
def month_names_defined() -> str:
    """The month names as a group that only ``(?&month_names)`` calls match with."""
    return rf"(?(DEFINE)(?P<{MONTH_NAMES}>(?i:{_month_alternation()})))"


@cache
def weekday_names() -> set[str]:
    """Every weekday name of every language, wide and abbreviated (casefolded, no dot)."""
    names: set[str] = set()
    for data in lang.all_languages():
        for forms in cldr_names.weekdays(data.code, WIDE_AND_ABBREVIATED):
            # Casefolded only: the pattern matches the text, whose apostrophe is CLDR's (пʼятниця).
            names.update(name.casefold().strip().rstrip(".") for name in forms)
    names.discard("")
    return names


@cache
def weekday_names_defined() -> str:
    """The weekday names as a group that only ``(?&weekday_names)`` calls match with."""
    names = sorted(weekday_names(), key=lambda name: (-len(name), name))
    alternation = "|".join(regex.escape(name) for name in names)
    return rf"(?(DEFINE)(?P<{WEEKDAY_NAMES}>(?i:{alternation})))"


def value_of_shape(found: regex.Match[str]) -> str | None:
    """The Gregorian ISO day of a date matched by ``grammar.any_language_date_pattern``; None
    without a year or when its parts make no date (Solar Hijri ۲۲ اسفند ۱۴۰۳ is 2025-03-12)."""
    if found.group("year") is None:
        return None
    name = found.group("month_name")
    groups = {
        "day": found.group("day"),
        "monthnum": found.group("month"),  # the shapes' own group names, kept for their order
        "month": name.rstrip(".") if name else None,
        "year": found.group("year"),
    }
    return value_of(groups, any_language())


@cache
def day_suffixes() -> str:
    """Letters written after a day number in any language ("1er", "2nd", "1-го"), from ``[dates]``."""
    suffixes = {
        suffix
        for data in lang.all_languages()
        for suffix in data.section("dates").get("day_suffixes", [])
        if any(ch.isalpha() for ch in suffix)
    }
    return "|".join(regex.escape(suffix) for suffix in sorted(suffixes, key=lambda s: (-len(s), s))) or "(?!)"


def _cldr_shapes(data: lang.LanguageData) -> list[str]:
    patterns = cldr_names.date_patterns(data.code)
    shapes = [patterns[name] for name in _SHAPES if name in patterns]
    return shapes + list(data.section("clean").get("date_patterns", []))


def shape_template(shape: str) -> str | None:
    """A CLDR date pattern as a grammar template; None for shapes with weekdays or eras (their
    plain twins exist) or with fewer than two fields."""
    tokens = _tokens(shape)
    if any(kind == "field" and value[0] not in "yMLd" for kind, value in tokens):
        return None
    if sum(kind == "field" for kind, _ in tokens) < 2:
        return None
    parts = []
    last_field = max(i for i, (kind, _) in enumerate(tokens) if kind == "field")
    for i, (kind, value) in enumerate(tokens):
        if kind == "field":
            parts.append(_field_slot(value))
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


def _field_slot(field: str) -> str:
    letter = field[0]
    if letter == "y":
        return "{year}"
    if letter in "ML":
        return "{monthname}" if len(field) >= 3 else "{monthnum}"
    return "{day}"


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

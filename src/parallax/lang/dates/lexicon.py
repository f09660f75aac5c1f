"""The words a language uses for dates, gathered once per language.

Sources, in order of preference:

* CLDR: month and weekday names and month abbreviations from the generated
  ``cldr/<code>.json`` (also of the other calendars a language counts in, such as the Solar
  Hijri months of Persian, see ``parallax.lang.dates.names``); spelled-out cardinals and
  ordinals through PyICU.
* dateparser's per-locale data (``dateparser.data.date_translation_data``): relative
  expressions only ("last year", "yesterday", "3 days ago").
* The hand-written ``[dates]`` section of ``parallax/lang/data/<code>.toml``: what neither
  knows (inflected month names, month forms CLDR does not abbreviate to, case endings glued
  to month names, year words, period phrases...). The keys are described in
  ``parallax/lang/README.md``.

Everything here is keyed by :func:`fold`, so lookups ignore case and apostrophe variants.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import icu

from parallax import lang
from parallax.lang.dates import names as cldr_names
from parallax.lang.dates.names import GREGORIAN, WIDE_AND_ABBREVIATED

MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNITS = ("day", "week", "month", "year")
VAGUE_KINDS = ("recent", "coming", "ago", "several")
APOSTROPHES = "'’‘ʻʼ`"

# dateparser writes relative expressions as "1 year ago", "in 2 day", "0 month ago".
_DATEPARSER_RELATIVE = re.compile(r"^(?:(?P<ago>\d+) (?P<u1>\w+) ago|in (?P<in>\d+) (?P<u2>\w+))$")
_DATEPARSER_COUNT = r"(\d++[.,]?\d*+)"
# Abbreviations shorter than this are too often ordinary words ("Ek", "Ar", "Ha").
_MIN_ABBREVIATION = 3
# Years news spells out ("in the year two thousand and eighteen", "екі мың он сегізінші жылы").
SPELLED_YEARS = (1900, 2100)
CENTURIES = 21  # centuries news names, spelled out ("the twentieth century", "жиырмасыншы ғасыр")
_V = TypeVar("_V")
_DIGIT_LETTER_GAP = re.compile(r"(?<=\d)\s+(?=[^\W\d])|(?<=[^\W\d])\s+(?=\d)")


@dataclass(frozen=True)
class MonthName:
    calendar: str
    month: int


@dataclass(frozen=True)
class Shift:
    """A relative expression: ``amount`` units from the publication date (negative is past)."""

    amount: int
    unit: str


@dataclass(frozen=True)
class CountedShift:
    """A dateparser pattern such as "(\\d+) days ago": the number is read from the text."""

    pattern: str
    sign: int
    unit: str


@dataclass(frozen=True)
class SpanTemplate:
    """A template of "the last 5 years" (sign -1) or "the next 5 years" (+1): from the publication
    date that many units back or on, the publication date included."""

    template: str
    sign: int
    unit: str


@dataclass(frozen=True)
class DateLexicon:
    code: str
    spaced: bool  # False for scripts written without spaces between words
    orders: tuple[str, ...]
    numeric_order: str  # order of day and month in the CLDR short date pattern: "DM" or "MD"
    month_names: dict[str, MonthName]  # full names (and data-listed forms): may stand alone
    month_abbreviations: dict[str, MonthName]  # only inside a date with a day or year
    weekdays: dict[str, int]
    relative: dict[str, Shift]
    counted: tuple[CountedShift, ...]
    spans: tuple[SpanTemplate, ...]  # "соңғы {count} жылда", "the last {count} years" (last, next)
    # Recurrences ("every year", "жыл сайын", "ежегодно", "每两年"): (unit, template); a
    # template may hold a {count} ("every {count} years"), else the count is one.
    every: tuple[tuple[str, str], ...]
    # "That day", "сол күні", "в тот же день", "同年": the day or year of the date named before
    # (unit -> templates).
    same: tuple[tuple[str, str], ...]
    # Vague times: "in recent years" (recent), "in the coming days" (coming), "a few years ago"
    # (ago), "for several years" (several: a duration of no said length): (kind and unit,
    # template), e.g. ("recent year", "соңғы жылдары").
    vague: tuple[tuple[str, str], ...]
    # The nth day or year of an event ("on the second day", "екінші күні", "im dritten Jahr"):
    # (unit, template with {nth}); no calendar date, compared by its number and unit.
    ordinal_days: tuple[tuple[str, str], ...]
    counts: dict[str, int]
    ordinals: dict[str, int]
    nth: dict[str, int]  # ordinals 1-9 in words for {nth} ("second", "екінші"; ICU plus `ordinal_words`)
    spelled_years: dict[str, int]  # "екі мың жиырмасыншы" -> 2020 (ICU spellout, years and ordinals)
    short_years: dict[str, int]  # "тоқсан үшінші" -> 93: years by their last two digits, where said so
    spelled_days: dict[str, int]  # "twenty-third" -> 23 (ICU ordinal spellout; cardinals where data says)
    spelled_centuries: dict[str, int]  # "twentieth" -> 20, "жиырмасыншы" -> 20 (as days, or the data's rules)
    periods: dict[str, str]
    decades: dict[str, int]  # decades in words: "тоқсаныншы", "девяностые", "nineties" -> 90
    # Seasons as the months they span ("6-8"; "12-2" runs over the new year), by form: every
    # form with a year ("летом 2023 года", "2023 жылдың күзінде"), those of ``seasons_alone``
    # also without one ("летом", "жазда": the season nearest the publication date).
    seasons: dict[str, tuple[int, int]]
    seasons_alone: frozenset[str]
    calendars: dict[str, tuple[int, int]]  # other calendars in use -> the years they count
    default_calendar: str  # the calendar of "this year", "last month" and periods without a year
    words: dict[str, tuple[str, ...]]
    flags: dict[str, bool]
    patterns: tuple[str, ...]

    def month(self, form: str) -> MonthName | None:
        """The month a name or abbreviation is of (without its dot: "мар", "Okt")."""
        key = _DIGIT_LETTER_GAP.sub("", fold(form))  # "12 月" is "12月" (see grammar._joint)
        return self.month_names.get(key) or self.month_abbreviations.get(key)

    def calendar_of_year(self, year: int) -> str:
        for name, (first, last) in self.calendars.items():
            if first <= year <= last:
                return name
        return GREGORIAN


def fold(text: str) -> str:
    """The lookup key of a word or phrase: case-folded, one apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u0307", "")  # Turkish İ folds to i + dot
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return " ".join(text.split())


@cache
def lexicon(code: str) -> DateLexicon:
    """Everything date extraction needs to know about one language; built once per language."""
    data = lang.load(code).section("dates")
    parser = _dateparser_info(code)
    excluded = {fold(word) for word in data.get("not_dates", [])}
    full_months, abbreviations = _months(code, data, excluded)
    short_order = cldr_names.numeric_order(code)
    return DateLexicon(
        code=code,
        spaced=not parser.get("no_word_spacing"),
        orders=tuple(data.get("orders", [])),
        numeric_order=short_order,
        month_names=full_months,
        month_abbreviations=abbreviations,
        weekdays=_weekdays(code, data, excluded),
        relative=_relative(data, parser, excluded),
        counted=_counted(parser, data.get("ago", {})),
        spans=tuple(
            SpanTemplate(template, sign, unit)
            for key, sign in (("last", -1), ("next", 1))
            for unit, templates in data.get(key, {}).items()
            for template in templates
        ),
        every=_templates(data.get("every", {})),
        same=_checked("same", _templates(data.get("same", {})), {"day", "year"}),
        vague=_checked(
            "vague",
            tuple(
                (f"{kind} {unit}", form)
                for kind, table in data.get("vague", {}).items()
                for unit, form in _templates(table)
            ),
            {f"{kind} {unit}" for kind in VAGUE_KINDS for unit in (*UNITS, "century")},
        ),
        ordinal_days=_checked("ordinal_days", _templates(data.get("ordinal_days", {})), set(UNITS)),
        counts=_numbers(code, data.get("counts", {}), range(1, 31), "cardinal"),
        ordinals=_numbers(code, data.get("ordinals", {}), range(1, 5), "ordinal"),
        nth=_numbers(code, data.get("ordinal_words", {}), range(1, 10), "ordinal"),
        spelled_years=_spelled(code, range(SPELLED_YEARS[0], SPELLED_YEARS[1] + 1), _year_rules(data)),
        spelled_days=_spelled(code, range(1, 32), _day_rules(data)),
        short_years=_spelled(code, range(10, 100), ("ordinal",)) if data.get("short_years") else {},
        spelled_centuries=_spelled(code, range(1, CENTURIES + 1), _century_rules(data))
        | {fold(form): int(number) for number, forms in data.get("centuries", {}).items() for form in forms},
        periods={fold(form): period for period, forms in data.get("periods", {}).items() for form in forms},
        decades={fold(form): int(n) for n, forms in data.get("decades", {}).items() for form in forms},
        seasons=_seasons(data),
        seasons_alone=_seasons_alone(data),
        calendars={
            name: (int(first), int(last)) for name, (first, last) in data.get("calendars", {}).items()
        },
        default_calendar=data.get("calendar", GREGORIAN),
        words={key: tuple(value) for key, value in data.items() if _is_word_list(value)},
        flags={key: value for key, value in data.items() if isinstance(value, bool)},
        patterns=tuple(data.get("patterns", [])),
    )


@cache
def any_language() -> DateLexicon:
    """The month names of every language, for dates read before the language is known (datelines).

    Gregorian names of both widths first, then the months of the calendars a language's
    ``[clean] calendars`` names (Persian اسفند, Hijri رمضان), then its ``[clean] months``
    (Levantine آذار); a form two languages give two months keeps the first. No calendar is
    told by its years here: a numeric date is Gregorian, a month name brings its calendar.
    """
    months: dict[str, MonthName] = {}
    for data in lang.all_languages():
        for calendar in [GREGORIAN, *data.section("clean").get("calendars", [])]:
            for number, forms in enumerate(cldr_names.months(data.code, calendar, WIDE_AND_ABBREVIATED), 1):
                for form in forms:
                    months.setdefault(month_key(form), MonthName(calendar, number))
        for number, extra in enumerate(data.section("clean").get("months", []), start=1):
            for form in [extra] if isinstance(extra, str) else extra:
                months.setdefault(month_key(form), MonthName(GREGORIAN, number))
    months.pop("", None)
    return DateLexicon(
        code="", spaced=True, orders=(), numeric_order="", month_names=months, month_abbreviations={},
        weekdays={}, relative={}, counted=(), spans=(), every=(), same=(), vague=(), ordinal_days=(),
        counts={}, ordinals={}, nth={},
        spelled_years={}, short_years={}, spelled_days={}, spelled_centuries={}, periods={}, decades={},
        seasons={}, seasons_alone=frozenset(), calendars={}, default_calendar=GREGORIAN, words={}, flags={},
        patterns=(),
    )  # fmt: skip


def month_key(form: str) -> str:
    """The key of a month name or abbreviation with or without its dot ("Okt.", "Okt")."""
    return fold(form).strip().rstrip(".")


def _seasons(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Every form of ``[dates.seasons]`` and ``[dates.seasons_alone]`` -> (first month, last month)."""
    table: dict[str, tuple[int, int]] = {}
    for key in ("seasons", "seasons_alone"):
        for months, forms in data.get(key, {}).items():
            first, last = (int(month) for month in months.split("-"))
            if not (1 <= first <= 12 and 1 <= last <= 12):
                raise ValueError(f"[dates.{key}] {months!r}: months run from 1 to 12")
            table.update((fold(form), (first, last)) for form in forms)
    return table


def _seasons_alone(data: dict[str, Any]) -> frozenset[str]:
    return frozenset(fold(form) for forms in data.get("seasons_alone", {}).values() for form in forms)


def _templates(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """(unit, template) of a table of templates by unit (``[dates.every]``, ``[dates.same]``)."""
    return tuple((unit, template) for unit, templates in table.items() for template in templates)


def _checked(
    table: str, templates: tuple[tuple[str, str], ...], keys: set[str]
) -> tuple[tuple[str, str], ...]:
    """The templates of a table whose keys must be among ``keys`` (a data error names the table)."""
    for key, _ in templates:
        if key not in keys:
            raise ValueError(f"[dates.{table}] {key!r}: expected one of {sorted(keys)}")
    return templates


def _is_word_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _dateparser_info(code: str) -> dict[str, Any]:
    try:
        module = importlib.import_module(f"dateparser.data.date_translation_data.{code}")
    except ModuleNotFoundError:
        return {}
    return module.info


def _months(
    code: str, data: dict[str, Any], excluded: set[str]
) -> tuple[dict[str, MonthName], dict[str, MonthName]]:
    full: dict[str, MonthName] = {}
    for names in (cldr_names.months(code), *cldr_names.regional_months(code)):
        _add_months(full, GREGORIAN, names)
    for calendar in data.get("calendars", {}):
        _add_months(full, calendar, cldr_names.months(code, calendar))
    for number, key in enumerate(MONTH_KEYS, start=1):
        for form in data.get("months", {}).get(key, []):
            full[fold(form)] = MonthName(GREGORIAN, number)
    abbreviations: dict[str, MonthName] = {}
    for number, key in enumerate(MONTH_KEYS, start=1):
        for form in [*data.get("month_abbreviations", {}).get(key, []), *_short_months(code)[number - 1]]:
            folded = fold(form)
            if folded not in full and (len(folded) >= _MIN_ABBREVIATION or any(c.isdigit() for c in folded)):
                abbreviations[folded] = MonthName(GREGORIAN, number)
    return _without(full, excluded), _without(abbreviations, excluded)


def _add_months(table: dict[str, MonthName], calendar: str, names: cldr_names.Names) -> None:
    for number, forms in enumerate(names, start=1):
        for form in forms:
            table.setdefault(fold(form), MonthName(calendar, number))


def _short_months(code: str) -> list[list[str]]:
    """CLDR's abbreviated months, without their dot ("мар.", "Okt.")."""
    short = cldr_names.months(code, GREGORIAN, ("abbreviated",))
    return [[form.rstrip(".") for form in forms] for forms in short] or [[] for _ in MONTH_KEYS]


def _weekdays(code: str, data: dict[str, Any], excluded: set[str]) -> dict[str, int]:
    # Only wide names: weekday abbreviations ("ср", "di", "sa") are ordinary words too often.
    table: dict[str, int] = {}
    for number, forms in enumerate(cldr_names.weekdays(code)):  # Monday is 0, as in Python
        table.update((fold(name), number) for name in forms)
    for number, key in enumerate(WEEKDAY_KEYS):
        for form in data.get("weekdays", {}).get(key, []):
            table[fold(form)] = number
    return _without(table, excluded)


def _relative(data: dict[str, Any], parser: dict[str, Any], excluded: set[str]) -> dict[str, Shift]:
    table: dict[str, Shift] = {}
    for key, forms in parser.get("relative-type", {}).items():
        shift = _dateparser_shift(key)
        if shift is not None:
            table.update((fold(form), shift) for form in forms)
    for key, forms in data.get("relative", {}).items():
        amount, unit = key.split()
        table.update((fold(form), Shift(int(amount), unit)) for form in forms)
    # Case endings on a relative word or phrase: "бүгін" -> "бүгінде", "өткен жыл" -> "өткен жылмен".
    suffixes = data.get("relative_suffixes", [])
    for form, shift in list(table.items()):
        for suffix in suffixes:
            table.setdefault(form + fold(suffix), shift)
    return _without(table, excluded)


def _dateparser_shift(key: str) -> Shift | None:
    found = _DATEPARSER_RELATIVE.match(key)
    if not found:
        return None
    unit = found["u1"] or found["u2"]
    if unit not in UNITS:
        return None
    return Shift(-int(found["ago"]), unit) if found["ago"] is not None else Shift(int(found["in"]), unit)


def _counted(parser: dict[str, Any], extra: dict[str, list[str]]) -> tuple[CountedShift, ...]:
    # Only the past: "in 10 years" and "10 years later" are durations or narrative time in news
    # ("the highest in 10 years"), not dates counted from the publication day.
    shifts = []
    for key, patterns in parser.get("relative-type-regex", {}).items():
        words = key.split()
        if words[-1] != "ago" or words[1] not in UNITS or words[1] == "week":  # weeks name no day
            continue
        shifts.extend(
            CountedShift(pattern.replace(_DATEPARSER_COUNT, "{count}"), -1, words[1])
            for pattern in patterns
            if _DATEPARSER_COUNT in pattern
        )
    shifts.extend(
        CountedShift(template, -1, unit) for unit, templates in extra.items() for template in templates
    )
    return tuple(shifts)


def _numbers(code: str, extra: dict[str, list[str]], numbers: range, kind: str) -> dict[str, int]:
    """Spelled-out numbers from ICU's spellout rules (every rule set of ``kind``), plus data forms."""
    table: dict[str, int] = {}
    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(code))
    # ICU silently falls back to English for a locale it has no spellout rules for.
    if str(formatter.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE)).split("_")[0] == code:
        rule_sets = [formatter.getRuleSetName(i) for i in range(formatter.getNumberOfRuleSetNames())]
        for rule_set in (name for name in rule_sets if f"-{kind}" in name):
            table.update((fold(formatter.format(number, rule_set)), number) for number in numbers)
    for number, forms in extra.items():
        table.update((fold(form), int(number)) for form in forms)
    return table


def _year_rules(data: dict[str, Any]) -> tuple[str, ...]:
    """ICU spellout rule sets years are spelled with: all year and ordinal ones, or the data's."""
    return tuple(data.get("spelled_year_rules", ["year", "ordinal"]))


def _day_rules(data: dict[str, Any]) -> tuple[str, ...]:
    """Rule sets of spelled-out days: ordinals ("twenty-third"), cardinals where the data says so."""
    default = ["ordinal", "cardinal"] if data.get("cardinal_days") else ["ordinal"]
    return tuple(data.get("spelled_day_rules", default))


def _century_rules(data: dict[str, Any]) -> tuple[str, ...]:
    """Rule sets of spelled-out centuries: those of days, or the data's ("ordinal-masculine")."""
    return tuple(data.get("spelled_century_rules", _day_rules(data)))


def _spelled(code: str, numbers: range, kinds: tuple[str, ...]) -> dict[str, int]:
    """Numbers as ICU spells them in every rule set of ``kinds`` ("year", "ordinal", "cardinal")."""
    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(code))
    if str(formatter.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE)).split("_")[0] != code:
        return {}
    names = [formatter.getRuleSetName(i) for i in range(formatter.getNumberOfRuleSetNames())]
    table: dict[str, int] = {}
    for rule_set in (name for name in names if any(kind in name for kind in kinds)):
        for number in numbers:
            # ICU writes soft hyphens inside German compounds; text does not.
            form = fold(formatter.format(number, rule_set).replace("\xad", ""))
            if not form.isdecimal() and not form.startswith("-"):
                table.setdefault(form, number)
                table.setdefault(form.replace("〇", "零"), number)  # both zeros are written
    return table


def _without(table: dict[str, _V], excluded: set[str]) -> dict[str, _V]:
    return {key: value for key, value in table.items() if key not in excluded}

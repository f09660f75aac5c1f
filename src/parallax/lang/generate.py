"""Generate ``cldr/<code>.json`` for every language with a data file, from Babel and ICU.

    python -m parallax.lang.generate            # rewrite every file
    python -m parallax.lang.generate --check    # exit 1 when a file would change

What CLDR already knows about writing numbers is taken from it, the way dateparser builds
its locale files: decimal and grouping symbols, native digits, the percent sign, spelled-out
numbers (ICU RuleBasedNumberFormat), compact scale words and abbreviations, currency names
and symbols, month and weekday names and date patterns (the only place parallax reads them
from). The hand-written ``data/<code>.toml`` supplements what CLDR lacks.
The output is deterministic (sorted keys and lists), so regenerating gives no diff.

``cldr/und.json`` holds the language-neutral forms every language accepts and text of an
unknown language is read with: currency symbols that mean one currency in every locale,
ISO currency codes and percent signs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import babel
import icu
from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_decimal_symbol, get_group_symbol

from . import languages, load
from .numerals import compose, is_power_of_ten, tokenize

CURRENCIES = (
    "AED", "AFN", "AMD", "AUD", "AZN", "BRL", "BYN", "CAD", "CHF", "CNY", "EGP", "EUR", "GBP",
    "GEL", "HKD", "INR", "IQD", "IRR", "JPY", "KGS", "KRW", "KWD", "KZT", "MXN", "NZD", "PKR",
    "PLN", "QAR", "RUB", "SAR", "SGD", "TJS", "TMT", "TRY", "UAH", "USD", "UZS",
)  # fmt: skip
# Counts whose plural forms cover every plural category of our languages.
PLURAL_SAMPLES = (None, 0, 1, 2, 3, 5, 11, 21, 100, 1.5)
# Multiples whose spelling yields every form of the words for 100, 1000, 10^4, 10^6...
MULTIPLIERS = (1, 2, 3, 4, 5, 10, 11, 21, 100)
POWERS = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
# Bidi and format marks CLDR puts around signs; they are not part of the sign.
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u00ad"))
OUTPUT = resources.files(__package__) / "cldr"


def clean(text: str) -> str:
    return text.translate(INVISIBLE).strip()


def generate(code: str) -> dict[str, Any]:
    """Everything Babel and ICU know that the number extractor needs, for one language."""
    locale = Locale.parse(code)
    return {
        "locale": code,
        "numbers": number_symbols(locale),
        "spellout": spellout(code),
        "scales": compact_scales(locale),
        "currencies": currencies(locale),
        "dates": dates(code),
        "sources": {"babel": babel.__version__, "icu": icu.ICU_VERSION},
    }


def number_symbols(locale: Locale) -> dict[str, Any]:
    native = locale.other_numbering_systems.get("native", "latn")
    symbols = {
        "decimal": get_decimal_symbol(locale),
        "group": get_group_symbol(locale),
        "percent": clean(locale.number_symbols["latn"]["percentSign"]),
        "minus": clean(locale.number_symbols["latn"]["minusSign"]),
        "percent_pattern": locale.percent_formats[None].pattern,
        "native_system": native,
        "native_digits": native_digits(native),
    }
    native_names = (
        ("native_decimal", "decimal"),
        ("native_group", "group"),
        ("native_percent", "percentSign"),
    )
    if native != "latn":
        for name, key in native_names:
            try:
                symbols[name] = locale.number_symbols[native][key].translate(INVISIBLE)
            except KeyError:  # a numbering system without its own symbols (Chinese hanidec)
                continue
    return symbols


def native_digits(system: str) -> str | None:
    numbering = icu.NumberingSystem.createInstanceByName(system)
    if numbering.isAlgorithmic() or system == "latn":
        return None
    return numbering.getDescription()


# --- spelled-out numbers ---------------------------------------------------------------------


def spellout(code: str) -> dict[str, Any]:
    """Number words from ICU's spellout rules: each word with its value, and the connectors.

    Phrases for 0..1000 and for multiples of powers of ten are formatted with every cardinal
    rule set (gender and case variants included); their words get values by
    :func:`derive_word_values`. Empty when ICU has no rules for the language (it would fall
    back to another language's words).
    """
    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(code))
    actual = formatter.getLocale(icu.ULocDataLocaleType.ACTUAL_LOCALE).getLanguage()
    if actual != code:
        return {}
    rule_sets = cardinal_rule_sets(formatter)
    phrases = {}
    for rule_set in rule_sets:
        for number in sample_numbers():
            phrases[clean(formatter.format(number, icu.UnicodeString(rule_set)))] = number
    words, connectors = derive_word_values(phrases)
    return {
        "rule_sets": sorted(rule_sets),
        "words": words,
        "connectors": sorted(connectors),
        "phrases": irregular_phrases(phrases, words, connectors),
    }


def cardinal_rule_sets(formatter: icu.RuleBasedNumberFormat) -> list[str]:
    names = [formatter.getRuleSetName(i) for i in range(formatter.getNumberOfRuleSetNames())]
    # Cardinals in every gender and case, and plain numbering; not years, days or ordinals.
    plain = ("%spellout-numbering", "%spellout-numbering-verbose")
    return [n for n in names if n.startswith("%spellout-cardinal") or n in plain]


def sample_numbers() -> list[int]:
    numbers = set(range(1001))
    numbers.update(k * 10**p for k in MULTIPLIERS for p in POWERS)
    return sorted(numbers)


def derive_word_values(phrases: dict[str, int]) -> tuple[dict[str, int], set[str]]:
    """Values of the words of spelled-out phrases, and the words that only join others.

    A one-word phrase gives its word's value ("zweihundertfünfzig" 250, "一百" 100). Then,
    repeatedly, a phrase with one word of unknown value gives that word the value that makes
    the phrase spell its number ("две тысячи" = 2000 makes "тысячи" 1000), or makes it a
    connector when the phrase spells its number without it ("treinta y cinco"). A word glued
    to a known number word gets a power of ten the same way ("zweitausend" -> "tausend",
    "一万" -> "万").
    """
    words: dict[str, int] = {}
    connectors: set[str] = set()
    split = {phrase: phrase_words(phrase) for phrase in phrases}
    for phrase, number in sorted(phrases.items(), key=lambda item: item[1]):
        if len(split[phrase]) == 1:
            words.setdefault(phrase, number)
    _derive_glued_multipliers(phrases, words)
    progress = True
    while progress:
        progress = False
        for phrase, number in phrases.items():
            unknown = [w for w in split[phrase] if w not in words and w not in connectors]
            if len(unknown) != 1:
                continue
            found = _value_for_unknown(split[phrase], unknown[0], number, words)
            if found is None:
                continue
            if found == "connector":
                connectors.add(unknown[0])
            else:
                words[unknown[0]] = found
            progress = True
    return dict(sorted(words.items())), connectors


def irregular_phrases(phrases: dict[str, int], words: dict[str, int], connectors: set[str]) -> dict[str, int]:
    """Phrases under 100 that their words do not spell by themselves (Arabic "ثلاثة عشر" = 13)."""
    irregular = {}
    for phrase, number in phrases.items():
        tokens = [t for t in phrase_words(phrase) if t not in connectors]
        if number >= 100 or len(tokens) < 2:
            continue
        if any(t not in words for t in tokens) or compose([words[t] for t in tokens]) != number:
            irregular[phrase] = number
    return dict(sorted(irregular.items()))


def phrase_words(phrase: str) -> list[str]:
    """The words of a spelled-out phrase as the extractor's tokenizer sees them (an ideograph alone)."""
    return [t.text for t in tokenize(phrase) if t.kind in ("word", "glyph")]


def _value_for_unknown(tokens: list[str], unknown: str, number: int, words: dict[str, int]) -> Any:
    known = [words[t] for t in tokens if t in words]

    def spells(value: int | None) -> bool:
        values = [words.get(t, value) for t in tokens if t in words or t == unknown]
        values = [v for v in values if v is not None]
        return compose(values) == number

    if known and spells(None):
        return "connector"
    candidates = [10**p for p in range(1, 13)]
    rest = compose(known) if known else 0
    if rest is not None and number - rest > 0:
        candidates.append(number - rest)
    return next((c for c in candidates if spells(c)), None)


def _derive_glued_multipliers(phrases: dict[str, int], words: dict[str, int]) -> None:
    glued = sorted((n, p) for p, n in phrases.items() if len(phrase_words(p)) == 1 and n >= 100)
    for _ in range(2):  # a second pass reads multiples whose head is learnt in the first
        for number, phrase in glued:
            for cut in range(len(phrase) - 1, 0, -1):
                head, tail = phrase[:cut], phrase[cut:]
                value = words.get(head)
                # A multiplier word is longer than the case endings that also follow a number.
                multiplier = number // value if value and number % value == 0 else 0
                if is_power_of_ten(multiplier) and multiplier >= 100 and len(tail) >= 4:
                    words.setdefault(tail, multiplier)
                    break


# --- scale words ---------------------------------------------------------------------------


def compact_scales(locale: Locale) -> dict[str, dict[str, int]]:
    """Scale words and abbreviations from CLDR's compact decimal formats, by power of ten.

    Babel keys them "short" (abbreviations: млрд, Mrd., 亿) and "long" (words: миллиарда,
    Milliarden, mil millones). A pattern "00 млн" at 10^7 means "млн" is 10^6.
    """
    scales: dict[str, dict[str, int]] = {}
    for width in ("short", "long"):
        found: dict[str, int] = {}
        for plural in locale.compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in plural.items():
                word = _scale_word(pattern.pattern)
                zeros = pattern.pattern.count("0")
                if word and zeros:
                    exponent = len(magnitude) - 1 - (zeros - 1)
                    found.setdefault(word, exponent)
        scales[width] = dict(sorted(found.items()))
    return scales


def _scale_word(pattern: str) -> str:
    return clean(pattern.replace("'", "").replace("0", "").replace("\u00a0", " "))


# --- currencies ----------------------------------------------------------------------------


def currencies(locale: Locale) -> dict[str, dict[str, list[str]]]:
    """Display names (every plural form) and symbols of the common currencies."""
    out = {}
    for code in CURRENCIES:
        names = {clean(get_currency_name(code, count, locale)) for count in PLURAL_SAMPLES}
        symbols = {clean(get_currency_symbol(code, locale))} - {code}
        out[code] = {"names": sorted(names - {code}), "symbols": sorted(symbols)}
    return out


# --- dates ---------------------------------------------------------------------------------

GREGORIAN = "gregorian"
CONTEXTS = {"format": icu.DateFormatSymbols.FORMAT, "standalone": icu.DateFormatSymbols.STANDALONE}
WIDTHS = {"wide": icu.DateFormatSymbols.WIDE, "abbreviated": icu.DateFormatSymbols.ABBREVIATED}
STYLES = (
    ("full", icu.DateFormat.FULL), ("long", icu.DateFormat.LONG),
    ("medium", icu.DateFormat.MEDIUM), ("short", icu.DateFormat.SHORT),
)  # fmt: skip
# Skeletons of the shapes datelines take that the styles above may lack (no weekday, no era).
DATE_SKELETONS = ("MMMMd", "MMMd", "yMMMd", "yMMMMd")


def dates(code: str) -> dict[str, Any]:
    """Month and weekday names and date patterns, the only source of them for parallax.

    Months come in every context (format: "12 марта"; stand-alone: "март") and width, for the
    Gregorian calendar and the other calendars the language file names (``[dates] calendars``,
    ``[clean] calendars``: Persian فروردین, Hijri رمضان), plus the Gregorian months of the
    regional locales of ``[dates] month_locales`` (Levantine آذار). Lists keep CLDR's order:
    January (or the calendar's first month) first, Monday first.
    """
    data = load(code)
    calendars = [*data.section("dates").get("calendars", {}), *data.section("clean").get("calendars", [])]
    regional = data.section("dates").get("month_locales", [])
    return {
        "months": {calendar: months(code, calendar) for calendar in sorted({GREGORIAN, *calendars})},
        "regional_months": {locale: months(locale, GREGORIAN) for locale in sorted(regional)},
        "weekdays": weekdays(code),
        "patterns": date_patterns(code),
    }


def months(locale: str, calendar: str) -> dict[str, dict[str, list[str]]]:
    """The twelve month names of ``calendar`` in ``locale``, by context and width."""
    symbols = icu.DateFormatSymbols(icu.Locale(f"{locale}@calendar={calendar}"), calendar)
    return {
        context: {width: [clean(name) for name in symbols.getMonths(c, w)] for width, w in WIDTHS.items()}
        for context, c in CONTEXTS.items()
    }


def weekdays(code: str) -> dict[str, dict[str, list[str]]]:
    """The seven weekday names, Monday first (ICU counts from Sunday at index 1)."""
    symbols = icu.DateFormatSymbols(icu.Locale(code))
    out: dict[str, dict[str, list[str]]] = {}
    for context, c in CONTEXTS.items():
        out[context] = {}
        for width, w in WIDTHS.items():
            names = [clean(name) for name in symbols.getWeekdays(c, w)[1:]]
            out[context][width] = names[1:] + names[:1]
    return out


def date_patterns(code: str) -> dict[str, str]:
    """CLDR's date patterns of the four styles and of the skeletons datelines use."""
    locale = icu.Locale(code)
    patterns = {name: icu.DateFormat.createDateInstance(style, locale).toPattern() for name, style in STYLES}
    generator = icu.DateTimePatternGenerator.createInstance(locale)
    patterns.update((skeleton, generator.getBestPattern(skeleton)) for skeleton in DATE_SKELETONS)
    return patterns


# --- language-neutral forms ----------------------------------------------------------------


def neutral(codes: Iterable[str]) -> dict[str, Any]:
    """Forms that mean the same in every language: unambiguous currency symbols, ISO codes, %."""
    symbol_codes: dict[str, set[str]] = defaultdict(set)
    percent = {"%"}
    for code in [*codes, "en"]:
        locale = Locale.parse(code)
        for currency in CURRENCIES:
            symbol = clean(get_currency_symbol(currency, locale))
            if not any(ch.isalpha() for ch in symbol) or not symbol.isalpha():
                symbol_codes[symbol].add(currency)
        for system in ("latn", locale.other_numbering_systems.get("native", "latn")):
            try:
                percent.add(clean(locale.number_symbols[system]["percentSign"]))
            except KeyError:  # a numbering system without its own symbols
                continue
    symbols = {s: next(iter(c)) for s, c in symbol_codes.items() if len(c) == 1 and s not in CURRENCIES}
    return {
        "locale": "und",
        "currency_codes": list(CURRENCIES),
        "currency_symbols": dict(sorted(symbols.items())),
        "percent_signs": sorted(percent),
        # Not CLDR: signs that make the number after them an identifier in every script.
        "number_signs": ["#", "№"],
        "sources": {"babel": babel.__version__, "icu": icu.ICU_VERSION},
    }


# --- files ---------------------------------------------------------------------------------


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def knowledge(content: str) -> dict[str, Any]:
    """What extraction reads from a generated file: everything but the stamp of the versions used.

    A newer Babel or ICU that changes no name, symbol or pattern changes only the stamp; it is
    not a stale file.
    """
    data = json.loads(content)
    data.pop("sources", None)
    return data


def is_current(path: Path, content: str) -> bool:
    return path.is_file() and knowledge(path.read_text(encoding="utf-8")) == knowledge(content)


def outputs() -> dict[str, str]:
    """File name -> content of every generated file."""
    codes = languages()
    files = {f"{code}.json": render(generate(code)) for code in codes}
    files["und.json"] = render(neutral(codes))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parallax.lang.generate", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="report files that would change, write nothing")
    args = parser.parse_args(argv)
    directory = Path(str(OUTPUT))
    changed = []
    for name, content in outputs().items():
        path = directory / name
        if is_current(path, content):
            continue
        changed.append(name)
        if not args.check:
            directory.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    verb = "would change" if args.check else "written"
    print(f"{verb}: {', '.join(changed) if changed else 'nothing'}", file=sys.stderr)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())

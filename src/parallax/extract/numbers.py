"""Quantities and percentages, normalised so that they compare across languages.

``extract_numbers(text, language)`` finds every amount in a text: "18,7 млрд долларға",
"18.7 مليار دولار" and "187亿美元" all give a quantity of value 1.87e10, unit "USD".
``find_nouns(text, language)`` finds the known counted and measure nouns anywhere in a text.

Everything language-specific comes from the language data (see
:mod:`parallax.extract.number_lexicon`); this module never names a language.

Rules
-----
* Span: a mention's text covers an adjacent approximation qualifier, a percent word or
  currency before the number, the number, its scale word and its currency or percent word
  ("более 250", "18,7 млрд долларға", "yüzde 18", "百分之十八"). The counted noun is not in
  the span; it is recorded in ``attrs`` ("noun", "lemma", "noun_span").
* Digits of every script are read; separators follow :func:`numerals.read_digits`
  (``18,7`` is 18.7 everywhere; ``1,200`` is 1200 where "," groups; "1.200" is 1200 where
  "." groups; a mark followed by other than three digits is always a decimal mark).
* Scale words come from the language's data: "billion" is 10^9 in English, "billón" and
  "billion" are 10^12 in Spanish and French, "Milliarde" and "mil millones" are 10^9.
* Qualifiers: ``about`` for approximations from either side ("about", "nearly", "almost",
  "жуық", "约", "近": sources round, so "nearly 19" agrees with 18.7), ``more_than`` for
  lower bounds ("more than", "over", "at least", "астам", "多"), ``less_than`` for upper
  bounds that exclude ("less than", "under"), ``up_to`` for inclusive upper bounds ("up to",
  "до", "bis zu"), ``target`` for a figure reached or to be reached ("ليصل إلى", "ulaşan"). An
  ``up_to`` word within a few words of a verb of reaching or changing the language lists
  (``[qualifiers] reach``: "довести до 100", "увеличить до", "100-ге дейін жеткізу") is a
  ``target`` too: the figure itself, not a bound on it.
* Percentage points ("п.п.", "Prozentpunkte", "个百分点") are percents with unit "pp";
  basis points are turned into percentage points (50 bp = 0.5 pp).
* Ranges ("5–7 млрд", "5 – 7", and in words as the language's templates say: "от 5 до 7
  млрд", "between 5 and 7 billion", "5 ile 7 milyar arasında", "从50亿到70亿") are one
  quantity whose value is the lower bound, with ``attrs["range"] = [low, high]``. An opener
  whose first number carries its own unit ("from 5% to 7%") is a change, not a range: the
  numbers are read alone.
* Not amounts: years (a bare four-digit number from 1800 to 2100, or in a range the language
  adds such as Solar Hijri 1300-1499, with no unit: dropped unless a known counted noun
  follows, maybe after a partitive, and no year word stands by it: "2000 workers" and
  "2100 من عناصر الإنقاذ", but not "2024 жылы", "عام 2024", "the 2024 budget"),
  days next to a month name ("5 марта", "March 5", "5. März", "5 de marzo"), times (14:35),
  dates (12.03.2024, 03.2024, 2024-03-12), phone numbers, identifiers (COVID-19, 5G, 007,
  ten digits or more), ordinals ("12-ші", "2-й", "12th", "第3") and numbers glued to a word
  by a hyphen ("3-орын", "5-летний"), list numbering at the start of a line and numbers in
  URLs. A number written with ideographs, or with a word the language marks ambiguous
  (Persian نه is also "no"), counts only with a scale, unit, qualifier, measure word or
  known noun next to it.
* The counted thing is the first known noun within a few words after the number, after a
  partitive ("2,100 of the rescuers", "2100 من عناصر الإنقاذ"); passed over on the way are
  measure words (家, единиц, units of), adjectives and verb forms told by the language's
  endings (центральноазиатских, died), one unknown word and one run of capitalised words
  ("five Central Asian countries", "Beş Orta Asya ülkesinin"). A word that spells no entry is
  looked up by the lemma the language's library gives (``lang.lemmas``: "вагонов" -> вагон,
  "Kindern" -> Kind); where the library tells parts of speech, an unknown noun ends the search
  ("6 вагонов поезда": the train's carriages). The unit is the noun's English lemma; else the
  library's lemma of the first plausible word, else that word as written, lower-cased (see
  ``read_counted_noun``); never past a stop word, a punctuation mark or a line break. A
  measure noun ("300 loans") is the unit only when no counted noun follows. Where the language
  marks it (Arabic الخمس, الـ27), the counted noun stands before the number: "الدول الخمس". A
  currency or percent has no counted noun.
* A qualifier word after a noun listed in ``[qualifiers] not_after`` is a preposition:
  "Verträge über 18,7 Mrd. Dollar" (worth) against "über 170 Firmen" (more than).
* Vague counts ("несколько тысяч", "数十", "dozens of") and a lone number word for zero or
  one are not amounts.
* Ages ("3 жасар", "40-летний", "aged 40", "40岁": the data's lemma ``age``) are quantities of
  unit "year" with ``attrs["age"]``; durations are plain quantities of a time unit. A rate's
  period said next to the amount ("жылына 200 мың тонна", "2 Mio. pro Jahr", "每年") is
  ``attrs["per"]`` ("year"); a frequency with no amount is no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ..lang.lemmas import Lemmatiser, lemmatiser
from ..lang.numerals import (
    MINUS_SIGNS,
    DigitReading,
    Token,
    compose,
    exponent_of,
    is_power_of_ten,
    read_digits,
    split_range,
    tokenize,
)
from ..model import Mention
from ..tables import KnowsTables, tables_of
from .number_lexicon import Match, NumberLexicon, lexicon

REACH_WORDS = 4  # words on either side of an "up to" looked at for a verb of reaching

NOUN_REACH = 24  # characters between a number and its counted noun, at most
NOUN_TOKENS = 6  # tokens looked at for the counted noun
UNKNOWN_WORDS_SKIPPED = 1  # an adjective passed over on the way to a known noun
MAX_GLYPH_WORD = 4  # ideographs one unknown word may span
# Lexicon entries that, glued to digits, are only a case ending ("57-де", "300-да").
GLUED_ENDINGS = frozenset(("decimal_word", "stop"))
SHORT_INFLECTION = 3  # letters after a hyphen taken for a case ending even when unlisted ("5-ти")
MAX_UNGROUPED_DIGITS = 9
# The lemma the language data give the years of an age ("3 жасар", "61 岁", "40 yaşındaki", "aged
# 40"): a quantity of unit "year" marked ``age``, compared with the years other sources write.
AGE_LEMMA = "age"
# Units of time a count of one is written with as often as with a figure: "бір жыл бойы", "1 ай",
# "a year", "un mois", "一年", "bir hafta" are one fact, a duration of one unit.
DURATION_LEMMAS = frozenset({"year", "month", "week", "day"})
AGE_UNIT = "year"
TIMES_LEMMA = "time"  # the unit of "twice", "dreimal", "трижды": how many times, as "three times" has it
HOUR_LEMMA = "hour"  # "à 19 heures", "в четыре часа утра": the hour of a time of day
LAST_HOUR = 24
LAST_MINUTE = Decimal("0.59")
MAX_AGE = 120  # longer digit strings without separators are identifiers
UNIT_KINDS = ("points", "basis_points", "percent_after", "currency")
QUOTE_OPENERS = frozenset("\"«“„‘'")
QUOTE_CLOSERS = frozenset("\"»”“’'")
QUOTED_NAME_WORDS = 3  # a name in quotes is short; a quoted sentence ending in a number is not one
SENTENCE_CLOSERS = frozenset(")]\"'»”’.!?…")
# Entries that may stand before a number in a mention.
STARTERS = frozenset(
    (
        "qualifier_before",
        "negative",
        "currency",
        "percent_before",
        "ordinal_prefix",
        "id_marker",
        "range_open",
    )
)
# Words that end the search for a counted noun.
NOUN_BARRIERS = frozenset(("stop", "year", "month", "date", "qualifier_after", "scale"))
NOUN_KINDS = ("noun", "measure")
DATE_KINDS = frozenset(("month", "date", "time"))  # a number before them is a day or an hour
NOUN_KIND_SET = frozenset(NOUN_KINDS)
PER_REACH = 4  # tokens after an amount and its noun looked at for the period of a rate
NOUN_BEFORE_REACH = 3  # tokens a noun before its number may span (عناصر الإنقاذ)
SPACED_DASHES = "-\u2013\u2014"  # "5 – 7": a range between two digit numbers
NEUTRAL_RANGE = -1  # the template number of a spaced dash
NO_SHARE = 0  # the part of a unit of time ("quart d'heure"): neither a share nor a count
MAX_WHOLE = 1000  # "one in a thousand": the largest whole a share is told against
PART_REACH = 3  # tokens after a part word looked at for a unit of time ("quart d'heure")
DURATION_LEMMAS = frozenset(("second", "minute", "hour", "day", "week", "month", "year", "century", "decade"))
SCORE = re.compile(r"\d{1,3}-\d{1,3}")
_PHONE = re.compile(r"\+?\(?\d[\d \-()\u00a0]{7,}\d")
_SIMPLE_GROUPS = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")
_SHORT_GROUP = re.compile(r"\d[ \-]\d{2}(?!\d)")


def extract_numbers(text: str, language: str | None, context: KnowsTables | None = None) -> list[Mention]:
    """Every quantity and percentage of a text, in text order, offsets relative to ``text``.

    ``context``: the analysis context whose language tables are read (None: the process's
    default tables, for a one-off call).
    """
    tables = tables_of(context)
    return _Scanner(text, tables.get(lexicon, language), tables.get(lemmatiser, language)).mentions()


def find_nouns(
    text: str, language: str | None, context: KnowsTables | None = None
) -> list[tuple[int, int, str]]:
    """Known nouns anywhere in a text, (start, end, English lemma): the counted nouns
    ("companies") and the measure nouns that say what a figure is about ("growth", "share",
    "trade turnover", "investment").

    A noun written with one ideograph (人, 家) is left out: out of a number's reach it is
    too often part of another word.
    """
    tables = tables_of(context)
    lex, lemmas = tables.get(lexicon, language), tables.get(lemmatiser, language)
    tokens = tokenize(text, lex.conventions.group_is_space)
    found = []
    i = 0
    while i < len(tokens):
        screened = tokens[i].kind in ("word", "glyph") and lex.may_begin(tokens[i].text, NOUN_KIND_SET)
        match = lex.longest(tokens, i, NOUN_KINDS) if screened else None
        if match is None and tokens[i].kind == "word" and not lex.match(tokens, i):
            match = _lemma_match(lex, lemmas, tokens[i].text, i + 1, NOUN_KINDS)
        if match and not (match.end - i == 1 and tokens[i].kind == "glyph"):
            found.append((tokens[i].start, tokens[match.end - 1].end, match.entry.value))
            i = match.end
        else:
            i += 1
    return found


@dataclass
class _Prefix:
    """What stands before a number: qualifier, minus, currency symbol, percent word."""

    start: int  # token where the mention starts
    first: int  # token of the number
    qualifier: str | None = None
    negative: bool = False
    currency: str | None = None
    percent: bool = False
    blocked: bool = False  # an ordinal or identifier marker (第, №)
    openers: frozenset[int] = frozenset()  # range templates opened before the number ("от", "between")
    after_opener: int = 0  # token after the opener


@dataclass
class _Number:
    first: int
    end: int  # token after the number
    value: Decimal
    high: Decimal | None = None  # upper end of a range
    words: bool = False
    glyphs: bool = False  # written with ideographs only
    single_word: bool = False
    times: bool = False  # a multiplicative word ("twice", "dreimal"): a count of times
    article: bool = False  # "a" of "a year and a half": one only with the half
    lemma: str | None = None  # the unit a word counts by itself ("сутки": 24 hours)
    part: int | None = None  # the denominator of a share ("two thirds", "四分之一"): a percent
    multiplier: int = 0  # exponent of a trailing multiplier word ("три миллиона" -> 6)
    reading: DigitReading | None = None
    low_scale: int | None = None  # a range's own exponent for its lower end ("от 500 млн до 1,2 млрд")
    high_scale: int | None = None  # a range's exponent for its upper end, when read with it


@dataclass
class _Range:
    number: _Number  # both ends as one number
    end: int  # token after the upper end and its attached letters
    closers: frozenset[int]  # templates that close after the amount ("arasında")
    closer_needed: bool


@dataclass
class _Tail:
    """What follows a number: scale, unit, qualifier, counted noun."""

    end: int  # token after the last one in the span
    scale: int = 0
    unit: Match | None = None
    qualifier: str | None = None
    noun: str | None = None
    lemma: str | None = None
    noun_lemma: str | None = None  # an unknown noun's lemma from the language's library ("вагон")
    noun_span: tuple[int, int] | None = None
    supported: bool = False  # a scale, unit, measure word or known noun stands by the number
    year_word: bool = False
    date_word: bool = False
    addend: Decimal = Decimal(0)  # digits after the scale: "2 bin 100" is 2 x 10^3 + 100
    partitive: bool = False  # "2100 من عناصر الإنقاذ", "2,100 of the rescuers"
    measure: bool = False  # the noun says what is measured ("300 loans"), not a thing counted
    noun_end: int | None = None  # token after the counted noun
    per: str | None = None  # the period of a rate: "5 млн тонна жылына", "2 Mio. pro Jahr" -> "year"
    resume: int = 0  # where scanning goes on, when past the span ("deux ans et demi")
    part: int | None = None  # the denominator of a share: the figure is its percent

    @property
    def currency(self) -> str | None:
        return self.unit.entry.value if self.unit and self.unit.entry.kind == "currency" else None


class _Scanner:
    def __init__(self, text: str, lex: NumberLexicon, lemmas: Lemmatiser | None = None) -> None:
        self.text = text
        self.lex = lex
        self.lemmas = lemmas if lemmas is not None else Lemmatiser(None)
        self.tokens = tokenize(text, lex.conventions.group_is_space)
        self.phones = _phone_spans(text)
        self._matches: dict[int, list[Match]] = {}
        self._screens: dict[str, tuple[bool, bool, bool | None]] = {}
        # Nouns inside a hyphenated compound after a number ("110-kV-Erdkabel", "Sieben-Tage-Wert",
        # "183-meter-long"), by the token where the number's tail starts: (lemma, noun, start, end).
        self._compounds: dict[int, tuple[str | None, str, int, int]] = {}

    def matches_at(self, i: int) -> list[Match]:
        """Every lexicon entry the tokens from ``i`` spell (computed once per position); for a
        word that spells none, the known noun its lemma is ("вагонов", "Waggons", "людей")."""
        found = self._matches.get(i)
        if found is None:
            found = self.lex.match(self.tokens, i)
            token = self.tokens[i] if i < len(self.tokens) else None
            if not found and token is not None and token.kind == "word":
                by_lemma = _lemma_match(self.lex, self.lemmas, token.text, i + 1, NOUN_KINDS)
                found = [by_lemma] if by_lemma is not None else found
            self._matches[i] = found
        return found

    def longest(self, i: int, kinds: tuple[str, ...] | list[str]) -> Match | None:
        best = None
        for match in self.matches_at(i):
            if match.entry.kind in kinds and (best is None or match.end > best.end):
                best = match
        return best

    def kinds_at(self, i: int) -> set[str]:
        return {m.entry.kind for m in self.matches_at(i)}

    def mentions(self) -> list[Mention]:
        found = []
        i = 0
        while i < len(self.tokens):
            mention, i = self.read_at(i)
            if mention is not None:
                found.append(mention)
        return found

    # --- one mention ------------------------------------------------------------------------

    def read_at(self, i: int) -> tuple[Mention | None, int]:
        if not self.may_start(i):
            return None, i + 1
        prefix = self.read_prefix(i)
        number = self.read_number(prefix.first)
        if number is None:
            return None, i + 1
        if prefix.blocked or self.not_an_amount(number):
            return None, number.end
        if number.words and self.is_ordinal_word(number.end):
            return None, number.end + 1  # "екі мың жиырма бесінші жылы": the 2025th, a year
        self.read_half(number)
        end, ordinal = self.read_attached_suffix(number)
        if ordinal or end is None or self.is_dotted_ordinal(number):
            return None, max(number.end, end or 0)
        end = self.read_part(number, end)
        read = self.read_as_range(number, end, prefix) if number.part is None else None
        if read is None and prefix.openers:
            return None, prefix.after_opener  # "from 5% to 7%": the numbers go alone
        number, tail = read or (number, self.read_tail(number, end, prefix))
        if not self.is_amount(number, prefix, tail):
            return None, max(number.end, i + 1)
        return self.mention(prefix, number, tail), max(tail.end, tail.resume)

    def may_start(self, i: int) -> bool:
        """A cheap test that lets most words go by."""
        token = self.tokens[i]
        if token.kind == "digits":
            return True
        if token.kind == "symbol":
            return self.is_minus_sign(i) or self.starts_mention(i)
        if token.kind not in ("word", "glyph"):
            return False
        number, opener, alone = self._word_screen(token.text)
        if number or (opener and any(m.entry.kind in STARTERS for m in self.matches_at(i))):
            return True
        return alone or (alone is None and self.word_compound(i) is not None)

    def _word_screen(self, word: str) -> tuple[bool, bool, bool | None]:
        """Whether a word is a number (or two joined by a hyphen), whether it may open an
        entry that starts a mention, and whether it starts one by itself (the "a" of "a half",
        a word holding a count, a part such as "two-thirds", a multiplicative; None: it may
        lead a compound, see :meth:`word_compound`): asked once per distinct word of the text."""
        screen = self._screens.get(word)
        if screen is None:
            number = self.lex.number_value(word) is not None or _is_word_pair(word, self.lex)
            alone = (
                self.lex.key(word) in self.lex.one_articles
                or self.lex.counted_word(word) is not None
                or self.hyphenated_part(word) is not None
                or self.lex.times_value(word) is not None
            )
            screen = self._screens[word] = (
                number,
                self.lex.may_begin(word, STARTERS),
                alone or (None if self._may_lead_compound(word) else False),
            )
        return screen

    def is_ordinal_word(self, k: int) -> bool:
        """A number word with an ordinal suffix glued on ("бесінші", "üçüncü")."""
        if k >= len(self.tokens) or self.tokens[k].kind != "word":
            return False
        key = self.lex.key(self.tokens[k].text)
        stems = (key[: -len(s)] for s in self.lex.ordinal_suffixes if len(s) >= 2 and key.endswith(s))
        return any(stem and self.lex.number_value(stem) is not None for stem in stems)

    def starts_mention(self, i: int) -> bool:
        """Whether a qualifier, currency, percent word... that may open a mention starts at ``i``."""
        if not self.lex.may_begin(self.tokens[i].text, STARTERS):
            return False
        return any(m.entry.kind in STARTERS for m in self.matches_at(i))

    def read_prefix(self, i: int) -> _Prefix:
        """Qualifier, minus, currency symbol or percent word before a number (at ``first``)."""
        prefix = _Prefix(start=i, first=i)
        marker = self.longest(i, ["ordinal_prefix", "id_marker"])
        qualifier = self.longest(i, ["qualifier_before"])
        if marker is not None and not (qualifier is not None and qualifier.end > marker.end):
            prefix.blocked, i = True, marker.end  # "No. 5", but "no less than 5" is a qualifier
        if match := self.longest(i, ["qualifier_before"]):
            if self.entry_ends_at(i, "not_after"):
                prefix.start = match.end  # a preposition: "Verträge über 5 Mrd." (worth), not "more than"
            else:
                prefix.qualifier = match.entry.value
            i = match.end
        if match := self.longest(i, ["range_open"]):
            prefix.openers = self.values_of(i, match)
            prefix.after_opener = i = match.end
        if match := self.longest(i, ["negative"]):
            prefix.negative, i = True, match.end
        if match := self.longest(i, ["currency", "percent_before"]):
            if match.entry.kind == "percent_before":
                prefix.percent, i = True, match.end
            elif self.may_precede(match, i):
                prefix.currency, i = match.entry.value, match.end
        if self.is_minus_sign(i):
            prefix.negative, i = True, i + 1
        prefix.first = i
        return prefix

    def values_of(self, i: int, match: Match) -> frozenset[Any]:
        """The values of every entry of ``match``'s kind spelt by the same tokens (range templates)."""
        kind, end = match.entry.kind, match.end
        return frozenset(m.entry.value for m in self.matches_at(i) if m.entry.kind == kind and m.end == end)

    def entry_ends_at(self, j: int, kind: str) -> bool:
        """Whether an entry of ``kind`` ends right before token ``j``."""
        return any(
            m.entry.kind == kind and m.end == j
            for s in range(j - 1, max(-1, j - 1 - NOUN_BEFORE_REACH), -1)
            for m in self.matches_at(s)
        )

    def may_precede(self, match: Match, i: int) -> bool:
        """Currency symbols and ISO codes come before amounts ("$5", "USD 5"); names do not.
        A symbol with a country's letters is one glued sign ("A$100", "HK$5"): "A $100" is the
        article before a dollar sign."""
        tokens = self.tokens[i : match.end]
        if not any(t.kind == "symbol" for t in tokens):
            return bool(match.entry.exact)
        return all(a.end == b.start for a, b in pairwise(tokens))

    def is_minus_sign(self, i: int) -> bool:
        if i + 1 >= len(self.tokens):
            return False
        sign, after = self.tokens[i], self.tokens[i + 1]
        return (
            sign.kind == "symbol"
            and sign.text in MINUS_SIGNS
            and after.kind == "digits"
            and sign.end == after.start
            and not self.glued_before(i)
        )

    def read_number(self, j: int) -> _Number | None:
        if j >= len(self.tokens):
            return None
        token = self.tokens[j]
        if token.kind == "digits":
            return self.read_digit_number(j)
        if token.kind in ("word", "glyph"):
            return self.read_word_number(j)
        return None

    def read_digit_number(self, j: int) -> _Number | None:
        token = self.tokens[j]
        parts = split_range(token.text)
        if len(parts) > 2:
            return None  # a date written with dashes
        readings = [read_digits(part, self.lex.conventions) for part in parts]
        if any(r is None for r in readings):
            return None
        low = readings[0]
        high = readings[1].value if len(readings) == 2 else None
        if high is not None and high <= low.value:
            return None
        number = _Number(j, j + 1, low.value, high=high, reading=low)
        self.read_spaced_decimal(number)
        self.read_spaced_groups(number)
        return number

    def read_word_range(self, j: int) -> _Number | None:
        """Two number words joined by a hyphen are a range: "жеті-сегіз миллион", "отыз-қырық",
        "п'ять-шість"; number words after the second go on with it ("он-он бес" = 10-15)."""
        parts = self.tokens[j].text.split("-")
        if len(parts) != 2:
            return None
        low, first_high = (self.lex.number_value(part) for part in parts)
        if low is None or first_high is None:
            return None
        values, k = [first_high], j + 1
        while (value := self.word_value(k)) is not None and value < 1000:  # a scale is the tail's
            values.append(value)
            k += 1
        while values and compose(values) is None:
            values.pop()
            k -= 1
        high = compose(values) if values else None
        if high is None or high <= low:
            return None
        return _Number(j, k, Decimal(str(low)), high=Decimal(str(high)), words=True)

    def read_word_number(self, j: int) -> _Number | None:
        text = self.tokens[j].text
        if "-" in text and (found := self.read_word_range(j)):
            return found
        if self.lex.number_value(text) is None:
            if (shared := self.hyphenated_part(text)) is not None:
                count, part = shared
                return _Number(j, j + 1, Decimal(str(count)), words=True, single_word=True, part=part)
            if (counted := self.lex.counted_word(text)) is not None:
                if self.counted_before(j):
                    return None  # "2 суток": the noun of the number before it
                value, unit = counted
                return _Number(j, j + 1, Decimal(str(value)), words=True, single_word=True, lemma=unit)
            if (times := self.lex.times_value(text)) is not None:
                return _Number(j, j + 1, Decimal(str(times)), words=True, single_word=True, times=True)
            if (value := self.word_compound(j)) is not None:  # "Sieben-Tage-Wert": 7 days
                return _Number(j, j + 1, value, words=True, single_word=True)
            if self.lex.key(text) in self.lex.one_articles:  # one only with a half after its noun
                return _Number(j, j + 1, Decimal(1), words=True, single_word=True, article=True)
        values: list[float] = []
        ends: list[int] = []
        k = j
        while k < len(self.tokens) and self.tokens[k].kind in ("word", "glyph"):
            if self.longest(k, ("percent_after", "points", "basis_points", "currency", "not_number")):
                break  # "بالمائة" is a percent word before it is a hundred; "الاثنين" is Monday
            if (phrase := self.longest(k, ("number",))) and phrase.end > k + 1:
                values.append(float(phrase.entry.value))
                ends.append(phrase.end)
                k = phrase.end
                continue
            value = self.lex.number_value(self.tokens[k].text)
            if value is None:
                if values and self.is_connector(k) and self.word_value(k + 1) is not None:
                    k += 1
                    continue
                break
            values.append(value)
            ends.append(k + 1)
            k += 1
        while values and compose(values) is None:
            values.pop()
            ends.pop()
        if not values:
            return None
        total = Decimal(str(compose(values)))
        end = ends[-1]
        fraction, end = self.read_word_decimals(end)
        if not fraction:
            fraction, end = self.read_spoken_decimals(end)
        glyphs = all(t.kind == "glyph" for t in self.tokens[j:end])
        last = values[-1]
        multiplier = exponent_of(last) if is_power_of_ten(last) and last >= 1000 and not fraction else 0
        return _Number(
            j,
            end,
            total + fraction,
            words=True,
            glyphs=glyphs,
            single_word=len(values) == 1,
            multiplier=multiplier,
        )

    def hyphenated_part(self, text: str) -> tuple[float, int] | None:
        """ "two-thirds", "deux-tiers": a count and a part word joined by a hyphen."""
        head, dash, rest = text.partition("-")
        if not dash or (part := self.lex.part_of(rest)) is None:
            return None
        count = self.lex.number_value(head)
        return (count, part) if count is not None and 0 < count < part else None

    def word_compound(self, i: int) -> Decimal | None:
        """A number word leading a hyphenated compound whose next part is a noun
        ("Sieben-Tage-Wert", "two-minute"): the number; its noun is kept for the tail."""
        token = self.tokens[i]
        if token.kind != "word" or not self._may_lead_compound(token.text):
            return None
        head = token.text.split("-", 1)[0]
        value = self.lex.number_value(head)
        noun = self.compound_noun(token, len(head) + 1)
        if noun is None:
            return None
        self._compounds[i + 1] = noun
        return Decimal(str(value))

    def _may_lead_compound(self, word: str) -> bool:
        """A whole number above one, then a hyphen."""
        # Only where such compounds are nouns: elsewhere they are adjectives ("two-day",
        # "three-time"), which other languages glue into one word ("двухдневный") and leave out.
        if not self.lex.capitalised_nouns or "-" not in word:
            return False
        value = self.lex.number_value(word.split("-", 1)[0])
        return value is not None and value == int(value) and value > 1

    def compound_noun(self, token: Token, offset: int) -> tuple[str | None, str, int, int] | None:
        """The noun a compound goes on with after its number ("kV" in "110-kV-Erdkabel", "meter"
        in "183-meter-long"): a known noun, or where every noun is capitalised, a capitalised word."""
        part = token.text[offset:].split("-", 1)[0]
        if not part:
            return None
        start = token.start + offset
        found: tuple[str | None, str, int, int] = (None, part.lower(), start, start + len(part))
        parts = tokenize(part, self.lex.conventions.group_is_space)
        match = self.lex.longest(parts, 0, NOUN_KINDS) if parts else None
        if match is not None and match.end == len(parts):
            return (match.entry.value, *found[1:])
        if self.lex.capitalised_nouns and part[:1].isupper() and part.isalpha() and len(part) > 1:
            return found
        return None

    def word_value(self, k: int) -> float | None:
        if k >= len(self.tokens) or self.tokens[k].kind not in ("word", "glyph"):
            return None
        return self.lex.number_value(self.tokens[k].text)

    def is_connector(self, k: int) -> bool:
        return bool(self.longest(k, ["connector"]))

    def read_word_decimals(self, k: int) -> tuple[Decimal, int]:
        """A decimal part in words after the language's "whole" word: "он екі бүтін оннан бес"
        (twelve whole, of tens five: 12.5), "три целых пять десятых" (3.5), "отыз төрт бүтін бес"
        (34.5: tenths when no denominator is said)."""
        whole = self.longest(k, ["decimal_whole"])
        if whole is None:
            return Decimal(0), k
        m = whole.end
        denominator = None
        first = self.word_value(m)
        if first is not None and first >= 10 and is_power_of_ten(first) and self.word_value(m + 1):
            denominator, m = Decimal(str(first)), m + 1  # "оннан бес": the denominator goes first
        values = []
        while (value := self.word_value(m)) is not None and value < 1000:  # a scale after is the tail's
            values.append(value)
            m += 1
        numerator = compose(values) if values else None
        if numerator is None or numerator != int(numerator) or numerator <= 0:
            return Decimal(0), k
        if denominator is None and (part := self.longest(m, ["fraction"])):
            denominator, m = Decimal(part.entry.value), part.end  # "пять десятых"
        if denominator is None:
            denominator = Decimal(10) ** len(str(int(numerator)))
        fraction = Decimal(str(int(numerator))) / denominator
        return (fraction, m) if fraction < 1 else (Decimal(0), k)

    def read_spaced_decimal(self, number: _Number) -> None:
        """"12, 5 миллион": transcribed speech writes a decimal comma with a space after it; read
        so only where the comma is the decimal mark and a scale, percent, currency or a known noun
        follows ("1, 5 шақырым": 1.5 km, as the same utterance in words says "бір жарым")."""
        k = number.end
        reading = number.reading
        if reading is None or reading.decimals or reading.grouped or number.high is not None:
            return
        if self.lex.conventions.decimal != "," or k + 2 >= len(self.tokens):
            return
        comma, digits = self.tokens[k], self.tokens[k + 1]
        if comma.text != "," or comma.start != self.tokens[k - 1].end or digits.kind != "digits":
            return
        if self.text[comma.end : digits.start] != " " or not digits.text.isdigit() or len(digits.text) > 2:
            return
        if not self.longest(k + 2, ["scale", "percent_after", "currency", "noun"]):
            return
        number.value += Decimal(digits.text) / Decimal(10) ** len(digits.text)
        number.end = k + 2

    def read_half(self, number: _Number) -> None:
        """"two and a half", "два с половиной", "iki buçuk": a half added to the number."""
        if number.high is not None or (half := self.longest(number.end, ["half"])) is None:
            return
        number.value += Decimal("0.5") * Decimal(10) ** number.multiplier
        number.end = half.end

    def read_half_after_noun(self, tail: _Tail) -> None:
        """"deux ans et demi", "zwei Jahre und ein halb": the half after the counted noun."""
        if tail.noun_end is not None and (half := self.longest(tail.noun_end, ["half"])):
            tail.addend += Decimal("0.5")
            tail.resume = half.end

    def read_subunits(self, tail: _Tail, k: int) -> int:
        """Cents after the currency: "15 dollars 50 cents", "13 euros et 45 centimes" (one amount)."""
        m = k + 1 if self.is_connector(k) else k
        if m >= len(self.tokens) or self.tokens[m].kind != "digits" or not self.tokens[m].text.isdigit():
            return k
        cents = int(self.tokens[m].text)
        subunit = self.longest(m + 1, ["subunit"])
        if subunit is None or cents >= subunit.entry.value:
            return k
        tail.addend = Decimal(cents) / subunit.entry.value
        return subunit.end

    def read_spaced_groups(self, number: _Number) -> None:
        """"12 500 EUR" where a space does not group digits: groups of three after a short number
        are one amount when a currency, percent or known noun closes them ("vor 10 000 Leuten";
        never "im Jahr 2023 500 Menschen")."""
        reading = number.reading
        if self.lex.conventions.group_is_space or reading is None or number.high is not None:
            return
        if reading.decimals or reading.grouped or reading.integer_digits > 3:
            return
        k, value = number.end, number.value
        while k < len(self.tokens) and self.is_space_group(k):
            value, k = value * 1000 + int(self.tokens[k].text), k + 1
        if k == number.end or not self.longest(k, ["currency", "percent_after", "noun"]):
            return
        number.value, number.end = value, k

    def is_space_group(self, k: int) -> bool:
        token = self.tokens[k]
        return (
            token.kind == "digits"
            and len(token.text) == 3
            and token.text.isdigit()
            and self.text[self.tokens[k - 1].end : token.start] == " "
        )

    def read_spoken_decimals(self, k: int) -> tuple[Decimal, int]:
        """Digits after a spoken decimal point ("三点五" = 3.5)."""
        if not self.longest(k, ["decimal_word"]):
            return Decimal(0), k
        digits = ""
        m = k + 1
        while (value := self.word_value(m)) is not None and value < 10 and value == int(value):
            digits += str(int(value))
            m += 1
        return (Decimal("0." + digits), m) if digits else (Decimal(0), k)

    # --- ranges ------------------------------------------------------------------------------

    def read_part(self, number: _Number, end: int) -> int:
        """A share: a part word after the count ("two thirds", "zwei Dritteln", "deux-tiers",
        "a quarter of") or the denominator before a marker and the count after it ("四分之一")."""
        if number.high is not None or end >= len(self.tokens) or number.multiplier:
            return end
        token = self.tokens[end]
        if token.kind == "word" and (part := self.lex.part_of(token.text)) is not None:
            if number.article and not self.part_link_at(end + 1):
                return end  # "a third term" is an ordinal; "a third of" is a share
            if self.duration_after(end + 1):
                number.part = NO_SHARE  # "un quart d'heure", "три четверти часа": a span of time
                return end + 1
            number.part, number.article = part, False
            return end + 1
        if (join := self.longest(end, ["part_join"])) is not None:
            whole = self.read_number(join.end)  # "one in ten", "3 out of 4"
            if self.is_whole(whole, number) and whole is not None:
                number.part = int(whole.value)
                return whole.end
            return end
        marker = self.longest(end, ["part_marker"])
        count = self.read_number(marker.end) if marker is not None and number.words else None
        if count is not None and count.high is None and 0 < count.value < number.value:
            number.part, number.value, number.end = int(number.value), count.value, count.end  # "四分之一"
            return count.end
        return end

    def is_whole(self, whole: _Number | None, count: _Number) -> bool:
        """The whole of "one in ten": a larger round count, not a year ("3 in 2024")."""
        if whole is None or whole.high is not None or whole.value != int(whole.value):
            return False
        return 0 < count.value < whole.value <= MAX_WHOLE and not self.is_year_like(whole)

    def duration_after(self, k: int) -> bool:
        """A unit of time within a few words ("quart d'heure", "quarter of an hour")."""
        for j in range(k, min(k + PART_REACH, len(self.tokens))):
            noun = self.longest(j, ["noun"])
            if noun is not None:
                return noun.entry.value in DURATION_LEMMAS
        return False

    def part_link_at(self, k: int) -> bool:
        return k < len(self.tokens) and self.lex.key(self.tokens[k].text) in self.lex.part_links

    def read_as_range(self, number: _Number, end: int, prefix: _Prefix) -> tuple[_Number, _Tail] | None:
        """Both ends of a range in words ("от 5 до 7 млрд", "5 ile 7 milyar arasında") as one number."""
        found = self.read_range(number, end, prefix)
        if found is None:
            return None
        tail = self.read_tail(found.number, found.end, prefix)
        if found.closers:
            at = tail.end
            closer = self.longest(at, ["range_close"])
            if closer is None and tail.noun_end is not None:
                at = tail.noun_end  # "5 ile 7 bin kişi arasında": after the noun, not in the span
                closer = self.longest(at, ["range_close"])
            if closer is not None and self.values_of(at, closer) & found.closers:
                if at == tail.end:
                    tail.end = closer.end
            elif found.closer_needed:
                return None
        return found.number, tail

    def read_range(self, low: _Number, end: int, prefix: _Prefix) -> _Range | None:
        if low.high is not None:
            return None
        k = end
        low_scale = low.multiplier or None
        if low_scale is None and (scale := self.longest(k, ["scale"])):
            low_scale, k = scale.entry.value, scale.end
        templates, k = self.read_range_join(low, k, prefix)
        if not templates:
            return None
        high = self.read_number(k)
        if high is None or high.high is not None or self.not_an_amount(high):
            return None
        high_end, ordinal = self.read_attached_suffix(high)
        if ordinal or high_end is None:
            return None
        low_base = low.value / (Decimal(10) ** low.multiplier)
        high_base = high.value / (Decimal(10) ** high.multiplier)
        high_exp = high.multiplier
        if not high_exp and (scale := self.longest(high_end, ["scale"])):
            high_exp = scale.entry.value
        low_exp = high_exp if low_scale is None else low_scale
        if low_base * Decimal(10) ** low_exp >= high_base * Decimal(10) ** high_exp:
            return None
        closers = frozenset(t for t in templates if t != NEUTRAL_RANGE and self.lex.ranges[t][2])
        number = _Number(
            low.first,
            high.end,
            low_base,
            high=high_base,
            words=low.words and high.words,
            glyphs=low.glyphs and high.glyphs,
            reading=low.reading,
            low_scale=low_scale if low_scale is not None else (high.multiplier or None),
            high_scale=high.multiplier or None,
        )
        return _Range(number, high_end, closers, closer_needed=closers == templates)

    def read_range_join(self, low: _Number, k: int, prefix: _Prefix) -> tuple[frozenset[int], int]:
        """The templates whose join word stands at ``k`` (after the opener read before, if any)."""
        if self.is_spaced_dash(k, low.words) and not prefix.openers:
            return frozenset((NEUTRAL_RANGE,)), k + 1
        join = self.longest(k, ["range_join"])
        if join is None:
            return frozenset(), k
        ids = set(self.values_of(k, join))
        if prefix.openers:
            ids &= prefix.openers
        else:
            ids = {t for t in ids if not self.lex.ranges[t][0]}
        return frozenset(ids), join.end

    def is_spaced_dash(self, k: int, words: bool = False) -> bool:
        """A dash with spaces between two numbers of one kind: "5 – 7", "елу бес – алпыс"."""
        if k + 1 >= len(self.tokens) or k == 0:
            return False
        dash, before, after = self.tokens[k], self.tokens[k - 1], self.tokens[k + 1]
        same_kind = self.word_value(k + 1) is not None if words else after.kind == "digits"
        return (
            dash.kind == "symbol"
            and dash.text in SPACED_DASHES
            and before.end < dash.start
            and dash.end < after.start
            and same_kind
            and "\n" not in self.text[before.end : after.start]
        )

    # --- what follows -----------------------------------------------------------------------

    def read_attached_suffix(self, number: _Number) -> tuple[int | None, bool]:
        """Letters glued to digits: an ordinal ("12-ші", "12th"), a case ending ("170-тен")...

        Returns the token after what was absorbed (None when the number is an identifier
        such as "5G") and whether the number is an ordinal.
        """
        k = number.end
        if number.words or k >= len(self.tokens) or self.tokens[k].start != self.tokens[k - 1].end:
            return k, False
        token = self.tokens[k]
        separated = token.kind == "symbol" and token.text in "-'\u2019\u02bc"
        if separated:
            if k + 1 >= len(self.tokens) or self.tokens[k + 1].start != token.end:
                return k, False
            k += 1
            token = self.tokens[k]
        if token.kind != "word":
            return number.end, False
        if self.lex.is_ordinal_suffix(token.text, float(number.value)):
            return k + 1, True
        if self.matches_at(k):
            return k, False  # a scale, unit or noun glued on: "5млн", "10k", "2024-yil"
        if self.lex.is_ending(token.text) or (separated and len(token.text) <= SHORT_INFLECTION):
            return k + 1, False  # an inflection: "170-тен", "5-ти", "%21'i"
        if separated and "-" in token.text and (noun := self.compound_noun(token, 0)):
            self._compounds[k + 1] = noun  # "110-kV-Erdkabel", "183-meter-long": the unit inside
            return k + 1, False
        # Anything else glued on makes an ordinal or a compound: "3-орун", "5-летний", "5G".
        return None, False

    def glued_ending_end(self, number: _Number) -> int:
        """Where the number ends with a case ending that is also a word of the lexicon ("57-де":
        "at 57"; "де" is a particle too, so it was left out of the reading, not out of the span)."""
        k = number.end
        end = self.tokens[k - 1].end
        if number.words or k + 1 >= len(self.tokens):
            return end
        dash, ending = self.tokens[k], self.tokens[k + 1]
        glued = dash.start == end and ending.start == dash.end and dash.text == "-"
        if glued and self.lex.is_ending(ending.text) and all(
            m.entry.kind in GLUED_ENDINGS for m in self.matches_at(k + 1)
        ):
            return ending.end
        return end

    def is_dotted_ordinal(self, number: _Number) -> bool:
        """Where ordinals take a dot, digits with a dot glued on are an ordinal unless they end
        a sentence: before a lower-case word ("sein 349. und letzter", "3. kez"), in brackets
        ("Ajax (2.)", "(65. Minute)") or after a word that only stands before an ordinal
        ("seit dem 13. Jahrhundert")."""
        k = number.end
        if not self.lex.ordinal_dot or number.words or k >= len(self.tokens):
            return False
        dot = self.tokens[k]
        if dot.text != "." or dot.start != self.tokens[k - 1].end:
            return False
        before = self.tokens[number.first - 1] if number.first else None
        if before is not None and (before.text == "(" or self.longest(number.first - 1, ["ordinal_before"])):
            return True
        after = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        if after is None or "\n" in self.text[dot.end : after.start]:
            return False
        return after.text == ")" or (after.kind == "word" and after.text[:1].islower())

    def read_tail(self, number: _Number, k: int, prefix: _Prefix) -> _Tail:
        tail = _Tail(end=k)
        if number.part is not None:
            tail.part, tail.supported = number.part, True
            tail.end = self.without_full_stop(k, number.end)
            tail.qualifier, _ = self.read_qualifier_after(k)
            return tail
        if number.times or number.lemma:
            token = self.tokens[number.first]
            tail.lemma = number.lemma or TIMES_LEMMA
            tail.noun, tail.noun_span = token.text.lower(), (token.start, token.end)
            tail.supported = True
            return tail
        start = k
        scales = ["scale", "money_scale"] if prefix.currency else ["scale"]
        inner = self.qualifier_before_scale(number, k, scales)
        if inner is not None:
            k = inner.end  # "200 多万美元": the qualifier between the number and its scale
        if number.multiplier == 0 and (scale := self.read_scale(k, scales)):
            tail.scale, k = scale.entry.value, scale.end
            k = self.read_remainder(number, tail, k)
        tail.end = k
        tail.qualifier, k = self.read_qualifier_after(k)
        if inner is not None:
            tail.qualifier = inner.entry.value
        unit = self.read_unit(k, prefix)
        if unit is not None:
            tail.unit, k = unit, unit.end
            after = self.longest(k, ["scale"]) if unit.entry.kind == "currency" else None
            if after is not None and number.multiplier == 0 and not tail.scale:
                tail.scale, k = after.entry.value, after.end  # "125 USD millones"
            elif unit.entry.kind == "currency" and not tail.scale:
                k = self.read_subunits(tail, k)
            if unit.entry.kind == "percent_after":
                k = self.read_unit_range(number, unit, k)
        qualifier, k = self.read_qualifier_after(k)
        tail.qualifier = tail.qualifier or qualifier
        if tail.qualifier or unit is not None:
            tail.end = k
        tail.end = self.without_full_stop(tail.end, number.end)
        next_kinds = self.kinds_at(tail.end)
        tail.year_word = "year" in next_kinds
        tail.date_word = bool(next_kinds & DATE_KINDS) or self.is_day_before_month(tail.end)
        counted = unit is None and prefix.currency is None and not prefix.percent
        compound = self._compounds.get(start) if counted else None
        if compound is not None:
            tail.lemma, tail.noun = compound[0], compound[1]
            tail.noun_span = (compound[2], compound[3])
        elif counted and not self.read_noun_before(number, tail):
            self.read_counted_noun(tail)
            if tail.lemma == AGE_UNIT and self.age_word_before(prefix):
                tail.lemma = AGE_LEMMA  # "aged 40 years", "âgé de 40 ans", "البالغ من العمر 40 عاما"
            if tail.lemma is None and self.age_word_right_before(prefix):
                tail.noun = tail.noun_span = None  # "жасы 57-ге толды": the age, not the verb after it
            if tail.noun is None:
                self.read_definite_word_before(number, tail)
            if tail.noun is None and not tail.scale:
                self.read_age(number, prefix, tail)
            elif not tail.scale and number.high is None:
                self.read_half_after_noun(tail)
        tail.supported = bool(
            tail.scale or unit or tail.qualifier or tail.lemma or "skip" in next_kinds or prefix.currency
        )
        tail.per = self.read_per(prefix, tail)
        return tail

    def qualifier_before_scale(self, number: _Number, k: int, scales: list[str]) -> Match | None:
        """A qualifier written between the number and its scale ("200 多万", "十多万")."""
        if number.multiplier or self.longest(k, scales):
            return None
        qualifier = self.longest(k, ["qualifier_after"])
        if qualifier is None or not self.longest(qualifier.end, scales):
            return None
        return qualifier

    def read_scale(self, k: int, scales: list[str]) -> Match | None:
        """The scale word at ``k``, unless it is a word the language says is no number ("milles",
        miles) or a letter glued to a model number ("M142")."""
        scale = self.longest(k, scales)
        if scale is None or self.glued_digits(scale.end) or self.longest(k, ["not_number"]):
            return None
        return scale

    def glued_digits(self, k: int) -> bool:
        """Digits glued after a scale letter make a code ("18 M142 launchers"), not a scale
        (after an ideograph they go on with the number: "2万5千")."""
        if k >= len(self.tokens) or self.tokens[k - 1].kind != "word":
            return False
        return self.tokens[k].kind == "digits" and self.tokens[k].start == self.tokens[k - 1].end

    def read_unit_range(self, number: _Number, unit: Match, k: int) -> int:
        """"5%-7%": a dash and a second number with the same percent sign make one range (the
        dash is no minus sign)."""
        if number.high is not None or k + 2 >= len(self.tokens) or self.tokens[k].text not in SPACED_DASHES:
            return k
        high = self.read_number(k + 1) if self.tokens[k + 1].kind == "digits" else None
        if high is None or high.high is not None or high.value <= number.value:
            return k
        closing = self.longest(high.end, [unit.entry.kind])
        if closing is None:
            return k
        number.high = high.value
        return closing.end

    def read_per(self, prefix: _Prefix, tail: _Tail) -> str | None:
        """The period of a rate said just after the amount and its noun ("5 млн тонна жылына",
        "2 Mio. Euro pro Jahr") or right before it ("жыл сайын 5 млн", "每年500万"). A frequency
        alone ("every year") is no fact; next to an amount it says what the amount is per."""
        after = max(tail.end, tail.noun_end or 0)
        # A word or two of what is measured may stand between: "200,000 tonnes of cement per year".
        for k in range(after, min(after + PER_REACH, len(self.tokens))):
            found = self.longest(k, ["per"])
            if found is not None:
                return found.entry.value
            if self.tokens[k].kind not in ("word", "glyph"):
                break
        j = prefix.start
        for first in range(max(j - NOUN_BEFORE_REACH, 0), j):
            for match in self.matches_at(first):
                if match.entry.kind == "per" and match.end == j:
                    return match.entry.value
        return None

    def read_remainder(self, number: _Number, tail: _Tail, k: int) -> int:
        """Digits after a scale that add to it: "2 bin 100" (2100), "1 млн 200 тыс." (1.2 million).

        The rest must fit below the scale, in units or in a smaller scale written after it.
        """
        if number.words or number.high is not None or number.value != int(number.value):
            return k
        if k >= len(self.tokens) or self.tokens[k].kind != "digits":
            return k
        if self.tokens[k].start == self.tokens[k - 1].end and self.tokens[k - 1].kind != "glyph":
            return k  # "5млн2" is no number; "2万5千" is
        rest = self.read_digit_number(k)
        if rest is None or rest.high is not None or rest.reading is None or rest.reading.decimals:
            return k
        if rest.reading.leading_zero or rest.value == 0:
            return k
        end = k + 1
        smaller = self.longest(end, ["scale"])
        exponent = smaller.entry.value if smaller is not None and smaller.entry.value < tail.scale else 0
        if rest.value >= Decimal(10) ** (tail.scale - exponent) or (exponent == 0 and tail.scale != 3):
            return k
        if self.kinds_at(end) & {"year", "month", "date"}:
            return k
        tail.addend = rest.value * Decimal(10) ** exponent
        return smaller.end if exponent else end

    def without_full_stop(self, end: int, least: int) -> int:
        """Leave out the dot of an abbreviation ("млн.") when it also ends the sentence."""
        if end <= least or self.tokens[end - 1].text != ".":
            return end
        nxt = self.tokens[end] if end < len(self.tokens) else None
        if nxt is None or nxt.kind == "newline" or nxt.text in SENTENCE_CLOSERS or nxt.text[:1].isupper():
            return end - 1
        return end

    def is_day_before_month(self, k: int) -> bool:
        """A day written with a dot or a link word before its month ("5. März", "5 de marzo")."""
        if k >= len(self.tokens):
            return False
        dotted = self.tokens[k].text == "." and self.tokens[k].start == self.tokens[k - 1].end
        link = self.longest(k, ["link"])
        after = k + 1 if dotted else (link.end if link else None)
        return after is not None and "month" in self.kinds_at(after)

    def read_qualifier_after(self, k: int) -> tuple[str | None, int]:
        """A qualifier after the number, also after a case ending written apart ("170 dan ortiq")."""
        match = self.longest(k, ["qualifier_after"])
        if match is None and self.is_loose_ending(k):
            match = self.longest(k + 1, ["qualifier_after"])
        return (match.entry.value, match.end) if match else (None, k)

    def is_loose_ending(self, k: int) -> bool:
        token = self.tokens[k] if k < len(self.tokens) else None
        return token is not None and token.kind == "word" and self.lex.is_ending(token.text)

    def read_unit(self, k: int, prefix: _Prefix) -> Match | None:
        """Currency, percent or percentage-point word, maybe after a link word ("millions d'euros").

        After a percent word ("yüzde 2 puan") a point word makes the percent percentage points.
        """
        kinds = (*UNIT_KINDS, "point_word") if prefix.percent else UNIT_KINDS
        unit = self.longest(k, kinds)
        if unit is None and (link := self.longest(k, ["link"])):
            unit = self.longest(link.end, kinds)
        return unit

    def read_counted_noun(self, tail: _Tail) -> None:
        """The known noun a few words after the number, else the first plausible noun as written.

        A partitive goes first ("2100 من عناصر الإنقاذ", "2,100 of the rescuers"). On the way,
        measure words and fillers (家, adet, units of), adjectives and participles told by their
        endings (центральноазиатских, regional), verb forms (died) and one unknown word or one
        run of capitalised words (Orta Asya, Central Asian) are passed over. A measure noun
        ("300 loans") counts only when no counted noun follows. Without a known noun, the unit is
        the first unknown word, else the first capitalised one, else the first adjective (a noun
        left out: "5 задержанных"), never a verb form or a listed non-noun.
        """
        k = tail.end
        if partitive := self.longest(k, ["partitive"]):
            tail.partitive, k = True, partitive.end
        first = k
        origin = self.tokens[k - 1].end
        fallback = proper = adjective = None
        measure: tuple[int, Match] | None = None
        classifier: tuple[int, Match] | None = None
        unknown = 0
        proper_run_end = -1
        while k < min(len(self.tokens), first + NOUN_TOKENS):
            token = self.tokens[k]
            if token.kind not in ("word", "glyph") or token.start - origin > NOUN_REACH:
                break
            noun = self.longest(k, ["noun"])
            kinds = self.kinds_at(k)
            if noun and "classifier" in kinds and classifier is None:
                classifier, k = (k, noun), noun.end  # "۲۱۰۰ نفر امدادگر": the noun after the classifier
                continue
            if noun and not (fallback is not None and self.is_single_glyph(k, noun)):
                self.take_noun(tail, k, noun)
                return
            if kinds & NOUN_BARRIERS or self.word_value(k) is not None:
                break
            if token.kind == "word" and self.lex.is_reach_word(token.text):
                break  # "120-ға дейін жеткізуді": a verb of reaching closes the number's phrase
            if "measure" in kinds:
                match = self.longest(k, ["measure"])
                if match is not None and measure is None and fallback is None:
                    measure = (k, match)
                k = match.end if match is not None else k + 1
                continue
            word_class = self.word_class(k, kinds)
            if word_class == "other" and fallback is not None:
                break  # "two sides signed deals": the verb closes the phrase of the number
            if word_class == "plain" and measure is not None and self.lex.head_last and measure[1].end == k:
                measure = None  # "5 tax inspectors": the measure noun is a modifier
            if word_class == "adjective":
                adjective = k if adjective is None else adjective
            elif word_class == "proper":
                unknown += 0 if proper is not None and proper_run_end == k else 1
                proper = k if proper is None else proper
                proper_run_end = k + 1
            elif word_class == "plain":
                fallback = k if fallback is None else fallback
                unknown += 0 if self.continues_glyph_word(k, fallback) else 1
                if fallback == k and self.lemmas.reads_as_noun(token.text):
                    break  # "6 вагонов поезда": a noun, not an adjective; the next noun is its owner
            if unknown > UNKNOWN_WORDS_SKIPPED:
                break
            k += 1
        if classifier is not None:  # "۱۲ نفر جان باختند": an unknown word after it is no better
            self.take_noun(tail, *classifier)
            return
        if measure is not None:
            tail.measure = True
            self.take_noun(tail, *measure)
            return
        # After a partitive, a capitalised word is where from, not what ("300 из Алматы").
        candidates = (fallback, adjective) if tail.partitive else (fallback, proper, adjective)
        pick = next((j for j in candidates if j is not None), None)
        if pick is not None and self.lex.code is not None:
            start, end = self.fallback_noun(pick)
            tail.noun = self.text[start:end].lower()
            tail.noun_lemma = self.word_lemma(pick)
            tail.noun_span = (start, end)

    def word_lemma(self, k: int) -> str | None:
        """The library's lemma of the word at ``k``: the unit of an unknown noun, so that its
        inflections ("вагонов", "вагона") are one unit."""
        token = self.tokens[k]
        return self.lemmas.noun(token.text) if token.kind == "word" else None

    def word_class(self, k: int, kinds: set[str]) -> str:
        """How an unknown word after a number stands to the counted noun.

        "skip": a filler, passed over; "other": a verb form or listed non-noun, never the
        noun; "adjective": passed over, the noun only as a last resort; "proper": a
        capitalised word where nouns are not capitalised; "plain": maybe the noun.
        """
        if "skip" in kinds:
            return "skip"
        if "modifier" in kinds:
            return "other"
        token = self.tokens[k]
        if token.kind != "word":
            return "plain"
        initial = token.text[:1]
        if self.lex.capitalised_nouns and initial.islower():
            return "other"
        if self.lex.is_verb_form(token.text):
            return "other"
        if self.lex.is_modifier_form(token.text):
            return "adjective"
        if not self.lex.capitalised_nouns and initial.isupper():
            return "proper"
        return "plain"

    def take_noun(self, tail: _Tail, k: int, noun: Match) -> None:
        start, end = self.tokens[k].start, self.tokens[noun.end - 1].end
        tail.noun = self.text[start:end].lower()
        tail.lemma = noun.entry.value
        tail.noun_span = (start, self.duration_end(noun) or end)
        tail.noun_end = noun.end
        self.read_qualifier_after_noun(tail, noun.end)

    def duration_end(self, noun: Match) -> int | None:
        """Where the postposition after a unit of time ends ("6 жыл ішінде", "3 ay boyunca"): in
        the languages that put "within" and "for" after the noun it is part of the duration."""
        if noun.entry.value not in DURATION_LEMMAS:
            return None
        after = next((m for m in self.matches_at(noun.end) if m.entry.kind == "duration_after"), None)
        return self.tokens[after.end - 1].end if after else None

    def noun_before_end(self, number: _Number) -> int | None:
        """Where a noun before the number would end, when the number is marked for one."""
        first = number.first
        if number.words and self.lex.marks_noun_before(self.tokens[first].text):
            return first
        before = self.tokens[first - 1] if first > 0 else None
        glued = before is not None and before.kind == "word" and before.end == self.tokens[first].start
        return first - 1 if glued and self.lex.marks_noun_before(before.text) else None

    def read_noun_before(self, number: _Number, tail: _Tail) -> bool:
        """A known counted noun before a number marked for it: "الدول الخمس", "الدول الـ27"."""
        end = self.noun_before_end(number)
        if end is None:
            return False
        for e in (end, end - 1):  # one adjective may stand between: "الدول العربية الخمس"
            if e <= 0 or self.tokens[e - 1].kind not in ("word", "glyph"):
                return False
            if found := self.noun_ending_at(e):
                k, noun = found
                start, stop = self.tokens[k].start, self.tokens[noun.end - 1].end
                tail.noun, tail.lemma = self.text[start:stop].lower(), noun.entry.value
                tail.noun_span = (start, stop)
                return True
        return False

    def read_definite_word_before(self, number: _Number, tail: _Tail) -> None:
        """Else the word before, when it carries the same mark: "الوزراء الخمسة" (the five ministers)."""
        end = self.noun_before_end(number)
        if end is None or end == 0:
            return
        token = self.tokens[end - 1]
        if token.kind != "word" or not self.lex.has_noun_before_mark(token.text) or self.matches_at(end - 1):
            return
        tail.noun = token.text.lower()
        tail.noun_lemma = self.word_lemma(end - 1)
        tail.noun_span = (token.start, token.end)

    def noun_ending_at(self, e: int) -> tuple[int, Match] | None:
        for k in range(e - 1, max(-1, e - 1 - NOUN_BEFORE_REACH), -1):
            if self.tokens[k].kind not in ("word", "glyph"):
                return None
            for match in self.matches_at(k):
                if match.entry.kind == "noun" and match.end == e:
                    return k, match
        return None

    def is_single_glyph(self, k: int, noun: Match) -> bool:
        """One ideograph after an unknown word is the end of that word (国 in 法国), not a noun."""
        return noun.end == k + 1 and self.tokens[k].kind == "glyph"

    def continues_glyph_word(self, k: int, first: int) -> bool:
        """In writing without spaces, an unknown word goes on over a few glued ideographs (法国)."""
        token = self.tokens[k]
        return (
            k > first
            and k - first < MAX_GLYPH_WORD
            and token.kind == "glyph"
            and self.tokens[k - 1].kind == "glyph"
            and self.tokens[k - 1].end == token.start
        )

    def fallback_noun(self, k: int) -> tuple[int, int]:
        """A word as written; in writing without spaces, up to two ideographs."""
        token = self.tokens[k]
        if token.kind != "glyph":
            return token.start, token.end
        end = token.end
        nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        if nxt is not None and nxt.kind == "glyph" and nxt.start == end and self.word_value(k + 1) is None:
            end = nxt.end
        return token.start, end

    def read_age(self, number: _Number, prefix: _Prefix, tail: _Tail) -> None:
        """An age said before the number ("aged 85") or set off after a name ("Smith, 61, said"):
        the years the other languages write ("61 ans", "61 岁", "61-летний")."""
        j = prefix.start
        kinds = ("noun_before_number",)
        before = next((m for m in self.matches_at(j - 1) if m.entry.kind in kinds), None) if j else None
        if before is not None and before.end == j:
            tail.lemma, tail.noun = before.entry.value, self.tokens[j - 1].text.lower()
            return
        if number.words or number.value > MAX_AGE or j < 2 or number.end >= len(self.tokens):
            return
        name, comma, after = self.tokens[j - 2], self.tokens[j - 1], self.tokens[number.end]
        if comma.text == "," and after.text == "," and name.kind == "word" and name.text[:1].isupper():
            tail.lemma, tail.noun = AGE_LEMMA, None

    def age_word_right_before(self, prefix: _Prefix) -> bool:
        """Whether a word said before an age ends right before the number ("жасы 57-ге")."""
        j = prefix.start
        return j > 0 and any(
            m.entry.kind == "noun_before_number" and m.entry.value == AGE_LEMMA and m.end == j
            for m in self.matches_at(j - 1)
        )

    def age_word_before(self, prefix: _Prefix) -> bool:
        """Whether words saying an age end right before the number ("aged", "âgé de")."""
        j = prefix.start
        return any(
            m.entry.kind == "noun_before_number" and m.entry.value == AGE_LEMMA and m.end == j
            for first in range(max(j - NOUN_BEFORE_REACH - 1, 0), j)
            for m in self.matches_at(first)
        )

    def read_qualifier_after_noun(self, tail: _Tail, k: int) -> None:
        """A qualifier after the counted noun ("200 адамнан астам")."""
        if tail.qualifier is None:
            tail.qualifier, _ = self.read_qualifier_after(k)

    # --- filters ----------------------------------------------------------------------------

    def not_an_amount(self, number: _Number) -> bool:
        """Identifiers, phone numbers and list numbering, whatever follows them."""
        token = self.tokens[number.first]
        if number.words:
            return False
        reading = number.reading
        if reading is None or any(s <= token.start < e for s, e in self.phones):
            return True
        if reading.leading_zero and not reading.decimals:
            return True
        if not reading.grouped and reading.integer_digits > MAX_UNGROUPED_DIGITS:
            return not self.longest(number.end, ["currency"])  # "6000000000 теңге" is an amount
        return self.glued_before(number.first) or self.is_list_number(number)

    def glued_before(self, j: int) -> bool:
        """Whether a number is glued to letters or digits before it (COVID-19, A320, Су-35)."""
        if j == 0 or self.tokens[j - 1].end != self.tokens[j].start:
            return False
        before = self.tokens[j - 1]
        if before.kind == "word":
            return self.lex.key(before.text) not in self.lex.prefixes
        if before.kind == "digits" or before.text in "#№":
            return True
        if before.text in "-\u2013/.:" and j >= 2:
            previous = self.tokens[j - 2]
            return previous.end == before.start and previous.kind in ("word", "digits")
        return False

    def is_list_number(self, number: _Number) -> bool:
        j = number.first
        at_line_start = j == 0 or self.tokens[j - 1].kind == "newline"
        if not at_line_start or number.end >= len(self.tokens):
            return False
        after = self.tokens[number.end]
        return after.text in ".)" and after.start == self.tokens[j].end and number.value < 100

    def is_amount(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        if tail.part == NO_SHARE:
            return False
        vague = number.words and number.single_word and self.longest(number.first, ["vague_alone"])
        if vague and not prefix.qualifier:
            return False  # "des millions d'euros", "тысячи людей": no figure; "более тысячи" is one
        if self.after_time_word(number.first) or self.is_name_part(number):
            return False
        if (
            number.article
            and not tail.addend
            and tail.part is None
            and not self.is_duration_of_one(number, prefix, tail)
        ):
            return False  # "a percentage point", "a million": the article is no figure of its own
        if number.words and self.is_vague(number):
            return False  # "数十亿美元", "several hundred thousand", "несколько тысяч долларов": no figure
        has_unit = bool(tail.scale or tail.unit or prefix.currency or prefix.percent or tail.part)
        if has_unit:
            return True
        if tail.date_word or self.month_before(number.first) or self.in_day_list(number):
            return False
        if self.is_clock_time(number, prefix, tail) or self.is_score(number, tail):
            return False
        if number.words:
            return self.is_word_amount(number, prefix, tail)
        if self.is_label(number, prefix, tail):
            return False
        if self.is_lone_one(number, prefix, tail) and not self.is_duration_of_one(number, prefix, tail):
            return False
        if self.is_year_like(number):
            counted = bool(tail.lemma) and not tail.measure  # "2100 من عناصر الإنقاذ", not "2024 budget"
            counted = counted and not self.is_singular_noun(tail)  # "a 2015 nuclear deal", "the 1998 accord"
            return counted and not tail.year_word and not self.year_word_before(number.first)
        return True

    def is_duration_of_one(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        """One unit of time ("бір жыл бойы", "1 ай", "a year", "un an", "一年") or half of one
        ("жарты жыл"): a duration, whether the count is a digit, the word "one" or the article
        other languages write for it. Not "a year ago" (a date) nor "twice a year" (a rate's
        period), which other readers take first."""
        one_unit = number.value in (0.5, 1) and number.high is None and tail.lemma in DURATION_LEMMAS
        if not one_unit or tail.per or prefix.negative or self.period_of_a_count(number.first):
            return False
        # The unit right after the count: "a few weeks", "un peu plus d'un an" are no duration of one.
        gap = self.text[self.tokens[number.end - 1].end : tail.noun_span[0]] if tail.noun_span else None
        return gap is not None and not gap.strip()

    def period_of_a_count(self, j: int) -> bool:
        """Whether the words at ``j`` are the period of a count just before ("twice a day",
        "3 meals a day", "5 days a week"), not a duration of their own."""
        if self.longest(j, ["per"]) is None:
            return False
        for k in range(j - 1, max(j - 4, -1), -1):
            token = self.tokens[k]
            if token.kind not in ("word", "glyph", "digits"):
                return False
            if token.kind == "digits" or "number" in self.kinds_at(k) or self.lex.times_value(token.text):
                return True
        return False

    def is_lone_one(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        """A bare digit 1 counts as the word "one" does: no figure. Other sources write "one",
        "бір", "a" (the article), "1-і" (one of), which are not amounts, so a count of one
        read from digits alone would only stand unmatched."""
        reading = number.reading
        plain = reading is not None and not reading.decimals and number.high is None
        return plain and number.value == 1 and not (prefix.qualifier or tail.qualifier)

    def is_label(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        """Digits after a name inside a sentence name a thing: "the Nord Stream 2 pipeline",
        "Windows 11". Where every noun is capitalised, a capital tells nothing. A name with its
        number is one name wherever it stands: at a sentence's start too when the document also
        writes it inside a sentence ("Progress 83 docked" beside "the Progress 83 spaceship"),
        and a short quoted name ending in digits ("«Матч! Футбол 2»", "„Nord Stream - 2“")."""
        j = number.first
        if number.words or prefix.qualifier or tail.qualifier or j < 1:
            return False
        if self.is_quoted_name(number, tail):
            return True
        name = self.tokens[j - 1]
        named = (
            name.kind == "word"
            and name.text[:1].isupper()
            and len(name.text) > 1
            and self.text[name.end : self.tokens[j].start] == " "
            and not self.matches_at(j - 1)
        )
        if not named or tail.lemma:
            return False
        # A name in its own script may carry a case ending ("силам Украины 36 орудий": Ukraine's
        # 36 guns); a Latin name in other letters does not ("танки Challenger 2 прибудуть").
        inflected = self.lex.names_inflect and not (name.text.isascii() and not self.lex.latin_script)
        if (self.lex.capitalised_nouns or inflected) and tail.noun:
            return False  # "der Formel 1 verlief", but "mit Abstand 5 Punkte"
        before = self.tokens[j - 2] if j >= 2 else None
        # After a comma too where names take no endings ("Pendant ce temps, Hannover 96 tente");
        # where they do, a comma often closes a list of places before a figure ("Хромтау, Ақтөбе 20").
        openers = "\"'«“„" if self.lex.names_inflect else "\"'«“„,"
        if before is not None and (before.kind == "word" or before.text in openers):
            return True  # not the sentence's first word
        return self.named_inside_a_sentence(name.start, self.tokens[j].end)

    def named_inside_a_sentence(self, start: int, end: int) -> bool:
        """Whether the name and number at text[start:end] stand elsewhere in the text after a
        word ("the Progress 83"): then they are a name here too."""
        written = self.text[start:end]
        at = self.text.find(written)
        while at != -1:
            after = at + len(written)
            whole = after >= len(self.text) or not self.text[after].isalnum()
            if at != start and whole and at >= 2 and self.text[at - 1] == " " and self.text[at - 2].isalnum():
                return True
            at = self.text.find(written, at + 1)
        return False

    def is_quoted_name(self, number: _Number, tail: _Tail) -> bool:
        """Digits that close a short quoted name ("Северный поток - 2", «Матч! Футбол 2»)."""
        if tail.unit or tail.scale or number.end >= len(self.tokens):
            return False
        closer = self.tokens[number.end]
        if closer.text not in QUOTE_CLOSERS or closer.start != self.tokens[number.end - 1].end:
            return False
        k = number.first - 1
        words = 0
        while k >= 0 and self.tokens[k].text not in QUOTE_OPENERS:
            token = self.tokens[k]
            if token.kind == "newline" or token.kind == "digits" or words > QUOTED_NAME_WORDS:
                return False
            words += token.kind == "word"
            k -= 1
        if k < 0 or words == 0 or words > QUOTED_NAME_WORDS:
            return False
        first, last = self.tokens[k + 1], self.tokens[number.first - 1]
        if last.text in SPACED_DASHES and number.first - 2 > k:
            last = self.tokens[number.first - 2]  # "Северный поток - 2"
        return (
            first.kind == "word"
            and first.text[:1].isupper()
            and first.start == self.tokens[k].end
            and last.kind == "word"
            and (last.text[:1].isupper() or last is not self.tokens[number.first - 1])
        )

    def after_time_word(self, j: int) -> bool:
        """The minutes of a time of day: "10 点 50 分", "um 20 Uhr 30"."""
        return j > 0 and any(m.entry.kind == "time" and m.end == j for m in self.matches_at(j - 1))

    def is_name_part(self, number: _Number) -> bool:
        """A capitalised number word inside a sentence is part of a name ("the Group of Seven",
        "die Heiligen Drei Könige"), unless the whole line is written in title case."""
        if not number.words or number.end in self._compounds:
            return False  # "Sieben-Tage-Wert": a compound noun, capitalised as nouns are
        token = self.tokens[number.first]
        if not token.text[:1].isupper() or number.first == 0:
            return False
        before = self.tokens[number.first - 1]
        if before.kind not in ("word", "digits") and before.text not in ",;":
            return False  # the start of a sentence, a line, a quote or a parenthesis
        # Where every noun is capitalised, headlines are not title-cased: a capital number word
        # inside a sentence is a name whatever the line looks like.
        return self.lex.capitalised_nouns or not self.in_title_case_line(number.first)

    def in_title_case_line(self, j: int) -> bool:
        start, end = j, j
        while start > 0 and self.tokens[start - 1].kind != "newline":
            start -= 1
        while end < len(self.tokens) and self.tokens[end].kind != "newline":
            end += 1
        words = [t.text for t in self.tokens[start + 1 : end] if t.kind == "word" and len(t.text) > 3]
        capitalised = sum(1 for w in words if w[:1].isupper())
        return bool(words) and capitalised * 3 >= len(words) * 2  # most words, not a few names

    def is_word_amount(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        lone = number.single_word and number.value <= 1 and not number.multiplier and not tail.addend
        if lone and not self.is_duration_of_one(number, prefix, tail):
            return False  # "one of them", "bir", "一些": "one" is also "a"; "demi" alone is no figure
        if self.is_vague(number):
            return False
        if number.single_word and self.lex.needs_a_noun(self.tokens[number.first].text):
            return self.is_noun_written(tail)  # "beide Seiten", not "weil beide nicht wollten"
        needs_support = number.glyphs or (
            number.single_word and self.lex.is_ambiguous(self.tokens[number.first].text)
        )
        return not needs_support or tail.supported or bool(prefix.qualifier)

    def is_noun_written(self, tail: _Tail) -> bool:
        """A counted noun follows, capitalised where every noun is ("beide Seiten", not "beide gewinnen")."""
        if tail.noun_span is None:
            return False
        return not self.lex.capitalised_nouns or self.text[tail.noun_span[0]].isupper()

    def is_vague(self, number: _Number) -> bool:
        """A number word made vague by the word next to it ("数十年", "несколько тысяч")."""
        before = number.first > 0 and self.entry_ends_at(number.first, "vague")
        return before or self.longest(number.end, ["vague"]) is not None

    def is_clock_time(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        """A time of day is no amount: hours after a word that puts a time after it or a weekday
        ("à 19 heures", "samedi 18 heures", "в четыре часа утра"), in brackets ("(19 heures)") or
        before a part of the day; "22.00" and "3.45" after such a word."""
        if number.high is not None or prefix.qualifier or tail.qualifier or number.value > LAST_HOUR:
            return False
        j = prefix.start
        whole = number.value == int(number.value)
        if whole and self.entry_ends_at(j, "hour_before") and not self.counted_before(j - 1):
            return True  # "saat 19", "الساعة 7", but "2 saat 15 dakika" is a duration
        reading = number.reading
        hours = tail.lemma == HOUR_LEMMA and whole
        clock = (
            reading is not None
            and tail.lemma in (None, HOUR_LEMMA)
            and reading.decimals == 2
            and reading.integer_digits <= 2
            and number.value % 1 <= LAST_MINUTE
        )
        if not (hours or clock):
            return False
        if any(self.entry_ends_at(j, kind) for kind in ("hour_before", "clock_before", "weekday")):
            return True
        after = tail.noun_end if tail.noun_end is not None else tail.end
        if self.longest(after, ["day_part"]):
            return True
        closed = after < len(self.tokens) and self.tokens[after].text == ")"
        return hours and closed and j > 0 and self.tokens[j - 1].text == "("

    def is_score(self, number: _Number, tail: _Tail) -> bool:
        """Two bare numbers joined by a hyphen, nothing counted after them ("imposé 1-2 à
        Nimègue", "inclinés 104-106"): a result, as "104:106" is, not a range of amounts."""
        if number.high is None or number.words or tail.noun is not None or tail.lemma:
            return False
        written = self.text[self.tokens[number.first].start : self.tokens[number.end - 1].end]
        return SCORE.fullmatch(written) is not None

    def counted_before(self, k: int) -> bool:
        """Whether a number stands right before token ``k`` (the hour word of "2 saat 15 dakika")."""
        return k >= 1 and (self.tokens[k - 1].kind == "digits" or self.word_value(k - 1) is not None)

    def in_day_list(self, number: _Number) -> bool:
        """Days listed before or after a month's day: "les 27 et 30 janvier", "November 26 and 27"."""
        if number.words or number.high is not None or number.value > 31 or number.value != int(number.value):
            return False
        k = self.after_list_join(number.end)
        if k is not None and k + 1 < len(self.tokens) and self.tokens[k].kind == "digits":
            return "month" in self.kinds_at(k + 1) or self.is_day_before_month(k + 1)
        j = number.first
        for p in range(j - 2, max(-1, j - 4), -1):
            if self.tokens[p].kind == "digits" and self.after_list_join(p + 1) == j:
                return self.month_before(p)
        return False

    def after_list_join(self, k: int) -> int | None:
        """The token after a list's join at ``k`` (a comma, "and", "et", "и"), or None."""
        if k >= len(self.tokens):
            return None
        if self.tokens[k].text == ",":
            return k + 1
        join = self.longest(k, ["connector", "range_join", "list_join"])
        return join.end if join is not None else None

    def is_year_like(self, number: _Number) -> bool:
        reading = number.reading
        if reading is None or reading.grouped or reading.decimals or reading.integer_digits != 4:
            return False
        return any(low <= number.value <= high for low, high in self.lex.year_ranges)

    def is_singular_noun(self, tail: _Tail) -> bool:
        """Where a count above one takes a plural ending ("2,015 deals"), a noun written without
        one is no counted thing: the number before it is a year or a name ("the 1998 accord")."""
        endings = self.lex.plural_endings
        if not endings or tail.noun_span is None:
            return False
        words = self.text[tail.noun_span[0] : tail.noun_span[1]].split()
        if not words:
            return False
        last = words[-1]
        return not (last.lower().endswith(endings) or self.lex.key(last) in self.lex.plural_forms)

    def year_word_before(self, j: int) -> bool:
        """A year word before the number: "the year 2024", "عام 2024", "سال ۱۴۰۲"."""
        return j > 0 and any(m.entry.kind == "year" and m.end == j for m in self.matches_at(j - 1))

    def month_before(self, j: int) -> bool:
        """A day after its month ("March 5"); not a number after a whole date ("5 наурызда 250")."""
        if j == 0 or not any(m.entry.kind == "month" and m.end == j for m in self.matches_at(j - 1)):
            return False
        return j < 2 or (self.tokens[j - 2].kind != "digits" and self.word_value(j - 2) is None)

    # --- the record -------------------------------------------------------------------------

    def mention(self, prefix: _Prefix, number: _Number, tail: _Tail) -> Mention:
        start = self.tokens[prefix.start].start
        last = max(tail.end, number.end) - 1
        if last >= number.end and self.tokens[last].kind == "symbol" and self.tokens[last].text in "-'\u2019":
            last -= 1  # the hyphen before a glued noun ("60-year-old") is not the number's
        end = self.tokens[last].end if last >= number.end else self.glued_ending_end(number)
        high_scale = number.high_scale if number.high_scale is not None else (number.multiplier or tail.scale)
        scale = number.low_scale if number.low_scale is not None else (number.multiplier or tail.scale)
        base = number.value / (Decimal(10) ** number.multiplier) + tail.addend / Decimal(10) ** scale
        sign = -1 if prefix.negative else 1
        value = base * (Decimal(10) ** scale)
        kind, unit, value = self.kind_and_unit(prefix, tail, value)
        age = tail.lemma == AGE_LEMMA
        attrs: dict[str, Any] = {
            "number": float(sign * base),
            "scale": scale,
            "currency": prefix.currency or tail.currency,
            "noun": tail.noun,
            "lemma": AGE_UNIT if age else tail.lemma,
            "negative": prefix.negative,
            "number_text": self.text[self.tokens[number.first].start : self.tokens[number.end - 1].end],
        }
        if number.high is not None:
            attrs["range"] = [float(sign * value), float(sign * number.high * Decimal(10) ** high_scale)]
        if tail.noun_span:
            attrs["noun_span"] = list(tail.noun_span)
        if tail.unit is not None and tail.unit.entry.kind == "basis_points":
            attrs["basis_points"] = True
        if age:
            attrs["age"] = True
        if tail.per is not None:
            attrs["per"] = tail.per
        if tail.part:
            attrs["share_of"] = tail.part  # "two thirds": the value is number x 100 / share_of
        if number.words and self.is_duration_of_one(number, prefix, tail):
            attrs["unwritten_one"] = True
        return Mention(
            kind=kind,
            start=start,
            end=end,
            text=self.text[start:end],
            value=float(sign * value),
            unit=unit,
            qualifier=self.reached(prefix.qualifier or tail.qualifier, prefix.start, tail.end),
            attrs=attrs,
        )

    def reached(self, qualifier: str | None, start: int, end: int) -> str | None:
        """``target`` for an "up to" next to a verb of reaching ("довести до 100", "дейін жеткізу")."""
        if qualifier != "up_to" or not self.lex.reach:
            return qualifier
        near = [
            *self.clause_words(range(start - 1, -1, -1)),
            *self.clause_words(range(end, len(self.tokens))),
        ]
        return "target" if any(self.lex.is_reach_word(self.tokens[k].text) for k in near) else qualifier

    def clause_words(self, positions: range) -> list[int]:
        """The first ``REACH_WORDS`` word tokens at ``positions``, not past a line or sentence end."""
        found: list[int] = []
        for k in positions:
            token = self.tokens[k]
            if token.kind == "newline" or token.text in "!?;:" or len(found) == REACH_WORDS:
                break
            if token.text == "." and self.opens_sentence(k + 1):
                break
            if token.kind == "word":
                found.append(k)
        return found

    def opens_sentence(self, k: int) -> bool:
        return k < len(self.tokens) and self.tokens[k].kind == "word" and self.tokens[k].text[:1].isupper()

    def kind_and_unit(self, prefix: _Prefix, tail: _Tail, value: Decimal) -> tuple[str, str | None, Decimal]:
        unit_kind = tail.unit.entry.kind if tail.unit else None
        if tail.part:
            return "percent", "%", value * 100 / tail.part  # "two thirds" is the share 66.7 %
        if unit_kind == "basis_points":
            return "percent", "pp", value / 100
        if unit_kind in ("points", "point_word"):
            return "percent", "pp", value
        if prefix.percent or unit_kind == "percent_after":
            return "percent", "%", value
        if prefix.currency or tail.currency:
            return "quantity", prefix.currency or tail.currency, value
        if tail.lemma == AGE_LEMMA:
            return "quantity", AGE_UNIT, value
        return "quantity", tail.lemma or tail.noun_lemma or tail.noun, value


def _lemma_match(
    lex: NumberLexicon, lemmas: Lemmatiser, word: str, end: int, kinds: tuple[str, ...]
) -> Match | None:
    """The lexicon's noun that the library's lemma of ``word`` spells, ending at token ``end``."""
    lemma = lemmas.noun(word)
    return lex.lemma_match(lemma, end, kinds) if lemma else None


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers: long digit runs broken by spaces, dashes or brackets, not 3-digit groups."""
    spans = []
    for match in _PHONE.finditer(text):
        run = match.group()
        digits = sum(ch.isdigit() for ch in run)
        if digits < 9 or _SIMPLE_GROUPS.fullmatch(run):
            continue
        if run.startswith(("+", "(")) or "(" in run or _SHORT_GROUP.search(run):
            spans.append(match.span())
    return spans


def _is_word_pair(word: str, lex: NumberLexicon) -> bool:
    """Two number words joined by a hyphen ("жеті-сегіз")."""
    parts = word.split("-")
    return len(parts) == 2 and all(lex.number_value(part) is not None for part in parts)

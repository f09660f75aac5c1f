"""Quantities and percentages, normalised so that they compare across languages.

``extract_numbers(text, language)`` finds every amount in a text: "18,7 млрд долларға",
"18.7 مليار دولار" and "187亿美元" all give a quantity of value 1.87e10, unit "USD".
``find_nouns(text, language)`` finds the known counted nouns anywhere in a text.

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
  "до", "bis zu").
* Percentage points ("п.п.", "Prozentpunkte", "个百分点") are percents with unit "pp";
  basis points are turned into percentage points (50 bp = 0.5 pp).
* Ranges ("5–7 млрд") are one quantity whose value is the lower bound, with
  ``attrs["range"] = [low, high]``.
* Not amounts: years (a bare four-digit number from 1800 to 2100, or in a range the language
  adds such as Solar Hijri 1300-1499, with no unit: dropped unless a known counted noun
  follows and no year word stands by it, "2000 workers" but not "2024 жылы", "عام 2024"),
  days next to a month name ("5 марта", "March 5", "5. März", "5 de marzo"), times (14:35),
  dates (12.03.2024, 03.2024, 2024-03-12), phone numbers, identifiers (COVID-19, 5G, 007,
  ten digits or more), ordinals ("12-ші", "2-й", "12th", "第3") and numbers glued to a word
  by a hyphen ("3-орын", "5-летний"), list numbering at the start of a line and numbers in
  URLs. A number written with ideographs, or with a word the language marks ambiguous
  (Persian نه is also "no"), counts only with a scale, unit, qualifier, measure word or
  known noun next to it.
* The counted thing is the first known noun within a few words after the number (one
  unknown word, such as an adjective, and any measure words are skipped: "170 French
  companies", "170家法国企业"), written as its English lemma; else the first following word
  as written, lower-cased; never past a stop word, a punctuation mark or a line break. A
  currency or percent has no counted noun.
* Vague counts ("несколько тысяч", "数十", "dozens of") and a lone number word for zero or
  one are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Mention
from .number_lexicon import Lexicon, Match, lexicon
from .numerals import (
    MINUS_SIGNS,
    DigitReading,
    compose,
    exponent_of,
    is_power_of_ten,
    read_digits,
    split_range,
    tokenize,
)

NOUN_REACH = 24  # characters between a number and its counted noun, at most
NOUN_TOKENS = 6  # tokens looked at for the counted noun
UNKNOWN_WORDS_SKIPPED = 1  # an adjective passed over on the way to a known noun
MAX_GLYPH_WORD = 4  # ideographs one unknown word may span
SHORT_INFLECTION = 3  # letters after a hyphen taken for a case ending even when unlisted ("5-ти")
MAX_UNGROUPED_DIGITS = 9  # longer digit strings without separators are identifiers
UNIT_KINDS = ("points", "basis_points", "percent_after", "currency")
SENTENCE_CLOSERS = frozenset(")]\"'»”’.!?…")
# Entries that may stand before a number in a mention.
STARTERS = frozenset(
    ("qualifier_before", "negative", "currency", "percent_before", "ordinal_prefix", "id_marker")
)
# Words that end the search for a counted noun.
NOUN_BARRIERS = frozenset(("stop", "year", "month", "date", "qualifier_after", "scale"))
_PHONE = re.compile(r"\+?\(?\d[\d \-()\u00a0]{7,}\d")
_SIMPLE_GROUPS = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")
_SHORT_GROUP = re.compile(r"\d[ \-]\d{2}(?!\d)")


def extract_numbers(text: str, language: str | None) -> list[Mention]:
    """Every quantity and percentage of a text, in text order, offsets relative to ``text``."""
    return _Scanner(text, lexicon(language)).mentions()


def find_nouns(text: str, language: str | None) -> list[tuple[int, int, str]]:
    """Known counted nouns anywhere in a text: (start, end, English lemma).

    A noun written with one ideograph (人, 家) is left out: out of a number's reach it is
    too often part of another word.
    """
    lex = lexicon(language)
    tokens = tokenize(text, lex.conventions.group_is_space)
    found = []
    i = 0
    while i < len(tokens):
        match = lex.longest(tokens, i, ["noun"])
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


@dataclass
class _Number:
    first: int
    end: int  # token after the number
    value: Decimal
    high: Decimal | None = None  # upper end of a range
    words: bool = False
    glyphs: bool = False  # written with ideographs only
    single_word: bool = False
    multiplier: int = 0  # exponent of a trailing multiplier word ("три миллиона" -> 6)
    reading: DigitReading | None = None


@dataclass
class _Tail:
    """What follows a number: scale, unit, qualifier, counted noun."""

    end: int  # token after the last one in the span
    scale: int = 0
    unit: Match | None = None
    qualifier: str | None = None
    noun: str | None = None
    lemma: str | None = None
    noun_span: tuple[int, int] | None = None
    supported: bool = False  # a scale, unit, measure word or known noun stands by the number
    year_word: bool = False
    date_word: bool = False

    @property
    def currency(self) -> str | None:
        return self.unit.entry.value if self.unit and self.unit.entry.kind == "currency" else None


class _Scanner:
    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.tokens = tokenize(text, lex.conventions.group_is_space)
        self.phones = _phone_spans(text)
        self._matches: dict[int, list[Match]] = {}

    def matches_at(self, i: int) -> list[Match]:
        """Every lexicon entry the tokens from ``i`` spell (computed once per position)."""
        found = self._matches.get(i)
        if found is None:
            found = self._matches[i] = self.lex.match(self.tokens, i)
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
        end, ordinal = self.read_attached_suffix(number)
        if ordinal or end is None:
            return None, max(number.end, end or 0)
        tail = self.read_tail(number, end, prefix)
        if not self.is_amount(number, prefix, tail):
            return None, max(number.end, i + 1)
        return self.mention(prefix, number, tail), tail.end

    def may_start(self, i: int) -> bool:
        """A cheap test that lets most words go by."""
        token = self.tokens[i]
        if token.kind == "digits":
            return True
        if token.kind == "symbol":
            return self.is_minus_sign(i) or any(m.entry.kind in STARTERS for m in self.matches_at(i))
        if token.kind not in ("word", "glyph"):
            return False
        if not self.lex.forms(token.text):  # no entry at all: only a glued compound can be a number
            return self.word_value(i) is not None
        return any(m.entry.kind in STARTERS for m in self.matches_at(i)) or self.word_value(i) is not None

    def read_prefix(self, i: int) -> _Prefix:
        """Qualifier, minus, currency symbol or percent word before a number (at ``first``)."""
        prefix = _Prefix(start=i, first=i)
        if match := self.longest(i, ["ordinal_prefix", "id_marker"]):
            prefix.blocked, i = True, match.end
        if match := self.longest(i, ["qualifier_before"]):
            prefix.qualifier, i = match.entry.value, match.end
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

    def may_precede(self, match: Match, i: int) -> bool:
        """Currency symbols and ISO codes come before amounts ("$5", "USD 5"); names do not."""
        return bool(match.entry.exact) or any(t.kind == "symbol" for t in self.tokens[i : match.end])

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
        return _Number(j, j + 1, low.value, high=high, reading=low)

    def read_word_number(self, j: int) -> _Number | None:
        values: list[float] = []
        ends: list[int] = []
        k = j
        while k < len(self.tokens) and self.tokens[k].kind in ("word", "glyph"):
            if self.longest(k, ("percent_after", "points", "basis_points", "currency")):
                break  # "بالمائة" is a percent word before it is a hundred
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

    def word_value(self, k: int) -> float | None:
        if k >= len(self.tokens) or self.tokens[k].kind not in ("word", "glyph"):
            return None
        return self.lex.number_value(self.tokens[k].text)

    def is_connector(self, k: int) -> bool:
        return bool(self.longest(k, ["connector"]))

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
        if self.lex.is_ordinal_suffix(token.text):
            return k + 1, True
        if self.matches_at(k):
            return k, False  # a scale, unit or noun glued on: "5млн", "10k", "2024-yil"
        if self.lex.is_ending(token.text) or (separated and len(token.text) <= SHORT_INFLECTION):
            return k + 1, False  # an inflection: "170-тен", "5-ти", "%21'i"
        # Anything else glued on makes an ordinal or a compound: "3-орун", "5-летний", "5G".
        return None, False

    def read_tail(self, number: _Number, k: int, prefix: _Prefix) -> _Tail:
        tail = _Tail(end=k)
        if number.multiplier == 0 and (scale := self.longest(k, ["scale"])):
            tail.scale, k = scale.entry.value, scale.end
        tail.end = k
        tail.qualifier, k = self.read_qualifier_after(k)
        unit = self.read_unit(k, prefix)
        if unit is not None:
            tail.unit, k = unit, unit.end
        qualifier, k = self.read_qualifier_after(k)
        tail.qualifier = tail.qualifier or qualifier
        if tail.qualifier or unit is not None:
            tail.end = k
        tail.end = self.without_full_stop(tail.end, number.end)
        next_kinds = self.kinds_at(tail.end)
        tail.year_word = "year" in next_kinds
        tail.date_word = bool(next_kinds & {"month", "date"}) or self.is_day_before_month(tail.end)
        if unit is None and prefix.currency is None and not prefix.percent:
            self.read_counted_noun(tail)
        tail.supported = bool(
            tail.scale or unit or tail.qualifier or tail.lemma or "skip" in next_kinds or prefix.currency
        )
        return tail

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
        """The known noun a few words after the number, else the first word as written."""
        origin = self.tokens[tail.end - 1].end
        fallback = None
        unknown = 0
        k = tail.end
        while k < min(len(self.tokens), tail.end + NOUN_TOKENS):
            token = self.tokens[k]
            if token.kind not in ("word", "glyph") or token.start - origin > NOUN_REACH:
                break
            noun = self.longest(k, ["noun"])
            if noun and not (fallback is not None and self.is_single_glyph(k, noun)):
                tail.noun = self.text[token.start : self.tokens[noun.end - 1].end].lower()
                tail.lemma = noun.entry.value
                tail.noun_span = (token.start, self.tokens[noun.end - 1].end)
                self.read_qualifier_after_noun(tail, noun.end)
                return
            kinds = self.kinds_at(k)
            if kinds & NOUN_BARRIERS or self.word_value(k) is not None:
                break
            if "skip" not in kinds:
                fallback = k if fallback is None else fallback
                unknown += 0 if self.continues_glyph_word(k, fallback) else 1
                if unknown > UNKNOWN_WORDS_SKIPPED:
                    break
            k += 1
        if fallback is not None and self.lex.code is not None:
            start, end = self.fallback_noun(fallback)
            tail.noun = self.text[start:end].lower()
            tail.noun_span = (start, end)

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
            return True
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
        has_unit = bool(tail.scale or tail.unit or prefix.currency or prefix.percent)
        if has_unit:
            return True
        if tail.date_word or self.month_before(number.first):
            return False
        if number.words:
            return self.is_word_amount(number, prefix, tail)
        if self.is_year_like(number):
            return bool(tail.lemma) and not tail.year_word and not self.year_word_before(number.first)
        return True

    def is_word_amount(self, number: _Number, prefix: _Prefix, tail: _Tail) -> bool:
        if number.single_word and number.value in (0, 1) and not number.multiplier:
            return False  # "one of them", "bir", "一些", "零部件"
        if self.is_vague(number):
            return False
        needs_support = number.glyphs or (
            number.single_word and self.lex.is_ambiguous(self.tokens[number.first].text)
        )
        return not needs_support or tail.supported or bool(prefix.qualifier)

    def is_vague(self, number: _Number) -> bool:
        """A number word made vague by the word next to it ("数十年", "несколько тысяч")."""
        before = number.first > 0 and any(
            m.entry.kind == "vague" and m.end == number.first for m in self.matches_at(number.first - 1)
        )
        return before or self.longest(number.end, ["vague"]) is not None

    def is_year_like(self, number: _Number) -> bool:
        reading = number.reading
        if reading is None or reading.grouped or reading.decimals or reading.integer_digits != 4:
            return False
        return any(low <= number.value <= high for low, high in self.lex.year_ranges)

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
        end = self.tokens[max(tail.end, number.end) - 1].end
        scale = number.multiplier or tail.scale
        base = number.value / (Decimal(10) ** number.multiplier)
        sign = -1 if prefix.negative else 1
        value = base * (Decimal(10) ** scale)
        kind, unit, value = self.kind_and_unit(prefix, tail, value)
        attrs: dict[str, Any] = {
            "number": float(sign * base),
            "scale": scale,
            "currency": prefix.currency or tail.currency,
            "noun": tail.noun,
            "lemma": tail.lemma,
            "negative": prefix.negative,
            "number_text": self.text[self.tokens[number.first].start : self.tokens[number.end - 1].end],
        }
        if number.high is not None:
            attrs["range"] = [float(sign * number.value * 10**scale), float(sign * number.high * 10**scale)]
        if tail.noun_span:
            attrs["noun_span"] = list(tail.noun_span)
        if tail.unit is not None and tail.unit.entry.kind == "basis_points":
            attrs["basis_points"] = True
        return Mention(
            kind=kind,
            start=start,
            end=end,
            text=self.text[start:end],
            value=float(sign * value),
            unit=unit,
            qualifier=prefix.qualifier or tail.qualifier,
            attrs=attrs,
        )

    def kind_and_unit(self, prefix: _Prefix, tail: _Tail, value: Decimal) -> tuple[str, str | None, Decimal]:
        unit_kind = tail.unit.entry.kind if tail.unit else None
        if unit_kind == "basis_points":
            return "percent", "pp", value / 100
        if unit_kind in ("points", "point_word"):
            return "percent", "pp", value
        if prefix.percent or unit_kind == "percent_after":
            return "percent", "%", value
        if prefix.currency or tail.currency:
            return "quantity", prefix.currency or tail.currency, value
        return "quantity", tail.lemma or tail.noun, value


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

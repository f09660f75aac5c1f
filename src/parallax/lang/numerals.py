"""Language-neutral machinery for reading numbers: tokens, lookup keys, digit strings, number words.

Nothing here knows a language. The conventions that differ between languages (decimal and
grouping symbols, which words are numbers) come in as arguments, read from the language
data by :mod:`parallax.extract.number_lexicon`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

# Spaces that only ever group digits ("1 200" with a no-break, thin or narrow no-break space).
GROUPING_SPACES = "\u00a0\u202f\u2009\u2007"
# Separators a digit string may carry; which of them is the decimal mark is decided later.
DIGIT_MARKS = ".,\u066b\u066c\uff0e"
ARABIC_DECIMAL = "\u066b"  # ٫ is a decimal mark in every language that uses it
ARABIC_GROUP = "\u066c"  # ٬
DASHES = "-\u2013"
MINUS_SIGNS = "-\u2212"
APOSTROPHES = "'\u2019\u02bc\u02bb\u2018`\u00b4"
# Typed in place of an apostrophe inside a word ("п\"ять", "сім\"я"): a quotation mark is never there.
INNER_QUOTES = '"'

_KEY_TRANSLATION = str.maketrans(
    {
        **{ch: "'" for ch in APOSTROPHES + INNER_QUOTES},
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": None,
        "\u0640": None,
    }
)


class Token(NamedTuple):
    """A piece of text: a digit string, a word, one ideograph, a symbol or a line break."""

    start: int
    end: int
    kind: str  # "digits" | "word" | "glyph" | "symbol" | "newline" | "url"
    text: str


# Scripts written without spaces between words: each ideograph is a token of its own.
IDEOGRAPHS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Combining marks and joiners that live inside words (Arabic harakat, ZWNJ, soft hyphen).
WORD_MARKS = "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d\u00ad"
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")


@cache
def token_pattern(space_groups: bool) -> re.Pattern[str]:
    spaces = GROUPING_SPACES + (" " if space_groups else "")
    letter = rf"[^\W\d_{IDEOGRAPHS}]"
    joiner = rf"[{APOSTROPHES}{INNER_QUOTES}\-\u2010\u2011](?={letter})"
    return re.compile(
        rf"""
        (?P<digits>(?<!\d)\d{{1,3}}(?:[{spaces}]\d{{3}})+(?:[.,\u066b]\d+)?(?![\d{spaces}]\d)(?!\d)
          | \d+(?:[{re.escape(DIGIT_MARKS + ":/" + DASHES)}]\d+)*)
      | (?P<glyph>[{IDEOGRAPHS}])
      | (?P<word>{letter}+(?:(?:[{WORD_MARKS}]+|{joiner}){letter}*)*)
      | (?P<newline>\n)
      | (?P<symbol>\S)
        """,
        re.VERBOSE,
    )


def tokenize(text: str, space_groups: bool = False) -> list[Token]:
    """Split text into tokens; ``space_groups`` lets a plain space group digits ("1 200").

    A web or mail address is one token of kind "url", so that no number is read inside it.
    """
    urls = [m.span() for m in _URL.finditer(text)] if ("@" in text or "://" in text or "www." in text) else []
    pattern = token_pattern(space_groups)
    if not urls:
        return [Token(*m.span(), m.lastgroup or "symbol", m.group()) for m in pattern.finditer(text)]
    tokens = []
    position = 0
    for start, end in [*urls, (len(text), len(text))]:
        pieces = pattern.finditer(text, position, start)
        tokens.extend(Token(*m.span(), m.lastgroup or "symbol", m.group()) for m in pieces)
        if end > start:
            tokens.append(Token(start, end, "url", text[start:end]))
        position = end
    return tokens


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a surface form: compatibility-normalised, lower case, without marks.

    Diacritic marks (Arabic harakat, the dot of Turkish İ), format characters (ZWNJ, bidi
    marks, soft hyphens) and tatweel are dropped, apostrophe look-alikes become "'", so that
    "дев’ять" and "девʼять", "شرکت‌ها" and "شرکتها" share a key.
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_KEY_TRANSLATION)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))


def ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic, Persian, full-width...) as ASCII digits."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


@dataclass(frozen=True, slots=True)
class DigitReading:
    """What a digit string says: its value and how it was written."""

    value: Decimal
    grouped: bool  # carried thousands separators
    decimals: int  # digits after the decimal mark
    integer_digits: int
    leading_zero: bool  # "007": an identifier, not an amount


@dataclass(frozen=True, slots=True)
class Conventions:
    """A language's way of writing numbers with digits."""

    decimal: str = "."
    group: str = ","
    extra_decimals: str = ""  # further decimal marks (Persian news writes 12/5 for 12.5)

    @property
    def group_is_space(self) -> bool:
        return self.group.isspace() or self.group in GROUPING_SPACES


def read_digits(raw: str, conventions: Conventions) -> DigitReading | None:
    """Read one digit string without dashes; None when it is not an amount (a time, a date, a version).

    Rules, in order: ٫ is always a decimal mark and ٬ a group mark; spaces only group; when
    both "." and "," occur the last one is the decimal mark; one kind repeated groups
    ("1.200.000"); a single mark followed by other than three digits is a decimal mark
    ("18,7", and "2,5" in English text); a single mark followed by exactly three digits
    ("1,200", "1.200") is what the language says it is, and grouping when the language uses
    neither for numbers (a space-grouping language writing "1.200").
    """
    text = ascii_digits(raw)
    for mark in conventions.extra_decimals:
        if text.count(mark) == 1:
            text = text.replace(mark, ".")
    if any(ch in text for ch in ":/"):
        return None
    text = text.replace(ARABIC_GROUP, "\x00").replace("\uff0e", ".")
    decimal_mark = _decimal_mark(text, conventions)
    if decimal_mark is False:
        return None
    integer, _, fraction = text.partition(decimal_mark) if decimal_mark else (text, "", "")
    if _is_month_and_year(integer, fraction):
        return None
    groups = _GROUP_MARKS.split(integer)
    grouped = len(groups) > 1
    if grouped and not _valid_groups(groups):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (fraction and not fraction.isdigit()):
        return None
    value = Decimal(f"{digits}.{fraction}" if fraction else digits)
    return DigitReading(value, grouped, len(fraction), len(digits), len(digits) > 1 and digits[0] == "0")


def _is_month_and_year(integer: str, fraction: str) -> bool:
    """ "03.2024" is March 2024, not 3.2024."""
    if len(fraction) != 4 or not (integer.isdigit() and fraction.isdigit()) or len(integer) > 2:
        return False
    return 1 <= int(integer) <= 12 and 1900 <= int(fraction) <= 2100


def _decimal_mark(text: str, conventions: Conventions) -> str | bool | None:
    """The decimal mark of a digit string, None when it has none, False when it makes no sense."""
    if ARABIC_DECIMAL in text:
        return ARABIC_DECIMAL if text.count(ARABIC_DECIMAL) == 1 else False
    marks = [ch for ch in text if ch in ".,"]
    if not marks:
        return None
    kinds = set(marks)
    if len(kinds) == 2:
        last = marks[-1]
        return last if marks.count(last) == 1 else False
    mark = marks[0]
    if len(marks) > 1:
        return None
    integer, _, fraction = text.partition(mark)
    if len(fraction) != 3 or len(_NON_DIGITS.sub("", integer)) > 3:
        return mark
    if mark == conventions.group:
        return None
    if mark == conventions.decimal:
        return mark
    return mark if integer.strip("\x00 ") in ("0", "") else None


def _valid_groups(groups: Sequence[str]) -> bool:
    first, rest = groups[0], groups[1:]
    return 1 <= len(first) <= 3 and all(len(g) == 3 for g in rest)


_DASH = re.compile(f"[{re.escape(DASHES)}]")
_GROUP_MARKS = re.compile(r"[.,\x00\s]")
_NON_DIGITS = re.compile(r"\D")


def split_range(raw: str) -> list[str]:
    """The parts of a digit string around dashes ("5–7" -> ["5", "7"])."""
    return _DASH.split(raw)


def digit_places(value: float) -> set[int]:
    """Places of the non-zero digits of a whole number (250 -> {1, 2})."""
    text = str(int(value))
    return {len(text) - 1 - i for i, ch in enumerate(text) if ch != "0"}


def is_power_of_ten(value: float) -> bool:
    if value < 10 or value != int(value):
        return False
    text = str(int(value))
    return text[0] == "1" and set(text[1:]) == {"0"}


def compose(values: Sequence[float]) -> float | None:
    """The number a sequence of number-word values spells, or None when it spells none.

    A power of ten (hundred, thousand, 万, million) multiplies the smaller values before it
    ("two hundred" = 2 x 100, "一百七十" = 1 x 100 + 7 x 10, "сто тысяч" = 100 x 1000); other
    values add up, in either order ("twenty five", "خمسة وعشرون"), as long as they do not
    fill the same digit places ("twenty thirty" is two numbers, not fifty).
    """
    stack: list[float] = []
    for value in values:
        if is_power_of_ten(value):
            smaller = 0.0
            popped = False
            while stack and stack[-1] < value:
                smaller += stack.pop()
                popped = True
            if popped:
                stack.append(smaller * value)
                continue
        if stack and _collides(sum(stack), value):
            return None
        stack.append(value)
    return sum(stack) if stack else None


def _collides(total: float, value: float) -> bool:
    if total != int(total) or value != int(value):
        return False
    return bool(digit_places(total) & digit_places(value))


def exponent_of(value: float) -> int:
    """The power of ten of a power-of-ten value (1e9 -> 9)."""
    return len(str(int(value))) - 1

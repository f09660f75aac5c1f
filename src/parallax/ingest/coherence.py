"""How plausible a decoded text looks: the judge between candidate encodings.

A wrong single-byte encoding still yields letters, so "it decoded" proves little. What
betrays it: letters outside every supported language's alphabet, words that mix scripts
(Cyrillic bytes read as cp1256 give Arabic letters with à and é inside), case flipping inside
words (cp1251 read as koi8-r gives "пРЕЗИДЕНТ"), and stray symbols or control characters.
The alphabets come from CLDR exemplar sets (PyICU) for the languages parallax has data for.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import icu
import regex

from parallax import lang

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CASE_FLIP = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")
# Non-ASCII punctuation and symbols that news text really uses; any other one, and any control
# or format character, is a sign of a wrong code page (cp1256 turns a Turkish ı into U+200E).
_COMMON_PUNCTUATION = frozenset(
    "«»“”„‟‘’‚‛‹›…–—―‐‑•·№°‰€£¥₸₽₺₴©±×÷¡¿،؛؟٪٫٬۔"
    "。，、！？：；（）《》〈〉「」『』【】〔〕～\u00a0\u200c\u200d\u00ad\u202f\u2009"
)
# CLDR lists only the commonest few thousand ideographs (and only simplified ones): a rarer one
# is still fairly plausible, but less so than a listed one (Cyrillic read as GB18030 gives rare ones).
_IDEOGRAPH_CREDIT = 0.75


@cache
def alphabets() -> tuple[frozenset[str], ...]:
    """Each supported language's letters (CLDR exemplars, both cases), plus basic Latin.

    Kept apart per language: Kazakh read as cp1251 gives letters that are all Cyrillic and all
    in *some* alphabet (Ukrainian є, ґ), but in no single one.
    """
    kinds = (icu.ULocaleDataExemplarSetType.ES_STANDARD, icu.ULocaleDataExemplarSetType.ES_AUXILIARY)
    latin = set("abcdefghijklmnopqrstuvwxyz")
    result = []
    for code in lang.languages():
        data = icu.LocaleData(code)
        letters = set(latin)
        for kind in kinds[:1]:
            for item in data.getExemplarSet(0, kind):
                letters.update(item)
        letters.update(ch.upper() for ch in list(letters))
        result.append(frozenset(letters))
    return tuple(result)


@cache
def script_of(char: str) -> str:
    """The script of a letter, read from its Unicode name (LATIN, CYRILLIC, ARABIC, CJK...)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


@dataclass(frozen=True)
class Coherence:
    known: float  # share of letters that belong to the alphabet of one supported language
    mixed_words: float  # share of words mixing two scripts
    case_flips: float  # share of words whose case switches oddly inside ("пРЕЗИДЕНТ", "ЯЗТЗОУКЗд")
    odd_chars: float  # share of characters that real text hardly uses

    @property
    def score(self) -> float:
        return self.known - 2 * self.mixed_words - 2 * self.case_flips - 4 * self.odd_chars


def coherence(text: str) -> Coherence:
    # Counting distinct letters and words keeps this fast on large samples.
    words = Counter(_WORD.findall(text))
    letters: Counter[str] = Counter()
    for word, n in words.items():
        for ch in word:
            if not _is_combining(ch):
                letters[ch] += n
    total_letters = sum(letters.values())
    if not total_letters:
        return Coherence(1.0, 0.0, 0.0, _odd_share(text))
    total_words = sum(words.values())
    known = max(_share_in(letters, alphabet) for alphabet in alphabets()) / total_letters
    mixed = sum(n for word, n in words.items() if _mixes_scripts(word)) / total_words
    flips = sum(n for word, n in words.items() if _CASE_FLIP.search(word)) / total_words
    return Coherence(known, mixed, flips, _odd_share(text))


def _share_in(letters: Counter[str], alphabet: frozenset[str]) -> float:
    return sum(n * _credit(ch, alphabet) for ch, n in letters.items())


def _credit(char: str, alphabet: frozenset[str]) -> float:
    return 1.0 if char in alphabet else _IDEOGRAPH_CREDIT * _is_ideograph(char)


@cache
def _is_ideograph(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


@cache
def _is_combining(char: str) -> bool:
    """Script-neutral combining marks (accents) belong to whatever they sit on."""
    return unicodedata.name(char, "").startswith("COMBINING")


def _mixes_scripts(word: str) -> bool:
    # Modifier letters (the Uzbek ʻ) and combining accents have no script of their own.
    scripts = {script_of(ch) for ch in word if not _is_combining(ch) and unicodedata.category(ch) != "Lm"}
    return len(scripts) > 1


def _odd_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(n for ch, n in Counter(text).items() if _is_odd(ch)) / len(text)


@cache
def _is_odd(char: str) -> bool:
    if char.isascii():
        return not (char.isprintable() or char.isspace())
    if char in _COMMON_PUNCTUATION:
        return False
    return unicodedata.category(char)[0] not in "LMNZ" or unicodedata.category(char) in {"No", "Nl"}

"""Tokens with offsets, and the normal form every comparison of names uses.

Keys are case-folded, stripped of combining marks (so Erdoğan = Erdogan, ё = е, harakat
vanish) and use one apostrophe and one form of the Arabic letters that Arabic and Persian
spell differently (ي/ی, ك/ک, ة/ه is kept: it is a suffix), so that an alias written once
matches every spelling convention.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import regex

from ...lang.scripts import (
    ARABIC_LETTER_FORMS,
    CLOSERS,
    ELLIPSES,
    KEPT_MARKS,
    SENTENCE_TERMINATORS,
    char_class,
)

# Letters joined by apostrophes stay one token (Tokayev'in, O'zbekiston); hyphens split tokens
# but are remembered, because Қасым-Жомарт is one name and НАТО-ның is a name plus a suffix.
# A straight double quote between a letter and a lower-case letter is an apostrophe typed on a
# keyboard without one (Мар"їнка, Куп"янськ), never a quotation mark, which a space or a capital
# follows or precedes.
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:(?:['’ʻʼ`]|\"(?=\p{Ll}))[\p{L}\p{M}]+)*")
SENTENCE_END = regex.compile(
    char_class(SENTENCE_TERMINATORS + ELLIPSES) + "+" + char_class("", CLOSERS) + r"*\s+|\n\s*"
)

_APOSTROPHES = str.maketrans({"’": "'", "ʻ": "'", "ʼ": "'", "`": "'", "‘": "'", '"': "'"})
# Keep letters that are distinct in our alphabets although Unicode decomposes them.
_KEEP_MARKS = frozenset(KEPT_MARKS)
_ARABIC_FORMS = str.maketrans(ARABIC_LETTER_FORMS)


# Every combining mark (canonical combining class not 0): dropped after decomposition. Unicode
# has put them all in its first two planes (scanning all seventeen costs a tenth of a second).
COMBINING_PLANES = 0x20000
_COMBINING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(COMBINING_PLANES) if unicodedata.combining(chr(c))) + "]"
)
# Letters the translations above change: most names have none, and translating costs more than looking.
_TRANSLATED = re.compile("[" + re.escape("".join(chr(c) for c in (*_APOSTROPHES, *_ARABIC_FORMS))) + "İ]")
# The kept letters stand in private-use code points while the rest is decomposed.
_KEPT = re.compile("[" + "".join(sorted(_KEEP_MARKS)) + "]")
_PROTECT = str.maketrans({char: 0xF0000 + i for i, char in enumerate(sorted(_KEEP_MARKS))})
_RESTORE = str.maketrans({0xF0000 + i: char.casefold() for i, char in enumerate(sorted(_KEEP_MARKS))})
_PRIVATE = re.compile(f"[{chr(0xF0000)}-{chr(0xF0000 + len(_KEEP_MARKS) - 1)}]")


# Cyrillic and Latin letters that look alike: a word typed with both (WНO with a Cyrillic Н,
# Мoсква with a Latin o) is read in the alphabet of most of its letters.
_LOOK_ALIKES = "АAВBЕEКKМMНHОOРPСCТTХXаaеeоoрpсcуyхxіiјjѕs"
_TO_LATIN = str.maketrans(_LOOK_ALIKES[0::2], _LOOK_ALIKES[1::2])
_TO_CYRILLIC = str.maketrans(_LOOK_ALIKES[1::2], _LOOK_ALIKES[0::2])
_MIXED_WORD = regex.compile(r"\w*(?:\p{Latin}\p{Cyrillic}|\p{Cyrillic}\p{Latin})\w*")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_CYRILLIC_LETTER = regex.compile(r"\p{Cyrillic}")


def one_alphabet(word: str) -> str:
    """``word`` in one alphabet where it mixes Cyrillic and Latin look-alikes (WНO -> WHO)."""
    if word.isascii() or not (_LATIN_LETTER.search(word) and _CYRILLIC_LETTER.search(word)):
        return word
    return _MIXED_WORD.sub(_one_alphabet, word)


def _one_alphabet(match: regex.Match) -> str:
    word = match.group()
    latin, cyrillic = len(_LATIN_LETTER.findall(word)), len(_CYRILLIC_LETTER.findall(word))
    return word.translate(_TO_LATIN if latin >= cyrillic else _TO_CYRILLIC)


@lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """The comparison form of a word or phrase (see the module docstring)."""
    return normal_form(text)


def normal_form(text: str) -> str:
    """:func:`normal` without its memo, for building tables of many names asked once each."""
    if _TRANSLATED.search(text):
        text = text.translate(_APOSTROPHES).translate(_ARABIC_FORMS).replace("İ", "I")
    if text.isascii():
        return text.casefold()  # nothing to decompose
    kept = _KEPT.search(text)
    if kept:
        if _PRIVATE.search(text):
            return _normal_by_letter(text)
        text = text.translate(_PROTECT)
    # Decomposing the whole text and dropping the marks is what decomposing each letter does:
    # canonical reordering only moves marks, and they are all dropped.
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    folded = unicodedata.normalize("NFC", stripped).casefold()
    return folded.translate(_RESTORE) if kept else folded


def _normal_by_letter(text: str) -> str:
    out = []
    for char in text:
        if char in _KEEP_MARKS:
            out.append(char.casefold())
            continue
        for part in unicodedata.normalize("NFD", char):
            if not unicodedata.combining(part):
                out.append(part)
    return unicodedata.normalize("NFC", "".join(out)).casefold()


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# A named tuple, not a frozen dataclass: a long text has hundreds of thousands of tokens, and a
# frozen dataclass costs four times as much to build.
class Token(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    sentence_start: bool
    hyphen_before: bool  # joined to the previous token by a hyphen (Қасым-Жомарт, НАТО-ның)
    gap_before: str  # the characters between the previous token and this one

    @property
    def capitalised(self) -> bool:
        return is_capitalised(self.text)


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with their offsets, sentence-start flags and separators."""
    # A sentence ends in the gap between two words (its marks and spaces are no word's letters),
    # so whether a word starts a sentence is told by its gap alone: once per distinct gap.
    ends_sentence: dict[str, bool] = {}
    tokens: list[Token] = []
    previous_end = 0
    for match in WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        gap = text[previous_end:start]
        at_start = ends_sentence.get(gap)
        if at_start is None:
            at_start = ends_sentence[gap] = SENTENCE_END.search(gap) is not None
        hyphen_before = bool(tokens) and gap in ("-", "‑")
        norm = normal(one_alphabet(word))
        tokens.append(Token(start, end, word, norm, at_start or not tokens, hyphen_before, gap))
        previous_end = end
    return tokens


def words_of(phrase: str) -> list[str]:
    """The normalised word tokens of a phrase, the way :func:`tokenize` cuts text."""
    return [normal(m.group()) for m in WORD.finditer(phrase)]


def drop_elisions(tokens: list[Token], elisions: tuple[str, ...]) -> list[Token]:
    """Cut elided articles and prepositions off words (l'Ukraine -> Ukraine, d'Iran -> Iran)."""
    if not elisions:
        return tokens
    out = []
    for token in tokens:
        elision = next((e for e in elisions if token.norm.startswith(e) and len(token.norm) > len(e)), None)
        if elision is not None and len(token.text) == len(token.norm):
            cut = len(elision)
            token = Token(
                start=token.start + cut, end=token.end, text=token.text[cut:], norm=token.norm[cut:],
                sentence_start=token.sentence_start, hyphen_before=token.hyphen_before,
                gap_before=token.gap_before + token.text[:cut],
            )
        out.append(token)
    return out


def strip_elision(word: str, elisions: tuple[str, ...]) -> str:
    for elision in elisions:
        if word.startswith(elision) and len(word) > len(elision):
            return word[len(elision):]
    return word

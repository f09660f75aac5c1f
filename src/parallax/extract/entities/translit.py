"""Latin forms of names and the keys that make spelling variants compare equal.

``to_latin`` uses the ICU transform the language file names (BGN for Cyrillic alphabets,
whose ž š would otherwise fold to z s), and for scripts without an ICU transform that reads
foreign names well, a table of readings from the language file (Chinese transliteration
characters: 托卡耶夫 -> Tokayev rather than the pinyin tuo ka ye fu).
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources

import icu
import regex

from ...lang.scripts import KEY_VOWELS
from .rules import rules_for
from .text import normal

_SPELLING = tomllib.loads((resources.files(__package__) / "data" / "spelling.toml").read_text("utf-8"))
_FOLD = [(regex.compile(a), b) for a, b in _SPELLING["fold"]]
_LOOSE = [(regex.compile(a), b) for a, b in _SPELLING["loose"]]
_NOT_LETTERS = regex.compile(r"[^a-z0-9' ]+")  # digits tell G7 from G20
_SPACES = regex.compile(r"\s+")
_MARKS = regex.compile(r"[ʹʺʿʾ'’`ʼ\"]")


@cache
def _transliterator(transform_id: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(f"{transform_id}; Any-Latin; Latin-ASCII")


@cache
def _own_rules(rules_text: str) -> icu.Transliterator | None:
    """The language's own ICU rules, read before the transform (Turkish Ç > Ch, Ş > Sh)."""
    if not rules_text:
        return None
    return icu.Transliterator.createFromRules("parallax-language", rules_text, icu.UTransDirection.FORWARD)


@lru_cache(maxsize=65536)
def to_latin(text: str, language: str | None) -> str:
    """A readable ASCII Latin form of a name, with each word capitalised."""
    rules = rules_for(language)
    if rules.readings:
        text = _read_characters(text, rules.readings)
    own = _own_rules(rules.transliteration_rules)
    if own is not None:
        text = own.transliterate(text)
    latin = _transliterator(rules.transliterator).transliterate(text)
    latin = _MARKS.sub("", latin).replace("·", " ").replace("-", " ")
    words = [w for w in _SPACES.split(latin.strip()) if w]
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def _read_characters(text: str, readings: dict[str, str]) -> str:
    """Replace the longest known character sequences by their Latin readings."""
    longest = max(map(len, readings), default=1)
    out: list[str] = []
    index = 0
    while index < len(text):
        for size in range(min(longest, len(text) - index), 0, -1):
            reading = readings.get(text[index:index + size])
            if reading is not None:
                out.append(reading)
                index += size
                break
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def _apply(rules, word: str) -> str:
    for pattern, replacement in rules:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=65536)
def fold_key(latin: str) -> str:
    """The key under which Latin spelling variants of a name are equal (Tokajew = Tokayev)."""
    text = normal(latin)
    # ICU leaves ASCII as it is, and most keys are built from names already read in Latin.
    ascii_text = text if text.isascii() else _transliterator("Any-Latin").transliterate(text)
    words = _NOT_LETTERS.sub(" ", ascii_text.lower()).split()
    return " ".join(_fold_word(w) for w in words)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # Names share most of their words (Republic, Tokayev's inflected forms), so each word's
    # dozens of spelling rules run once.
    return _apply(_FOLD, word)


@lru_cache(maxsize=65536)
def loose_key(latin: str) -> str:
    """A coarser key for comparing across scripts that write vowels and sounds differently."""
    return " ".join(_apply(_LOOSE, w) for w in fold_key(latin).split())


@lru_cache(maxsize=65536)
def sound_key(written: str, language: str | None) -> str | None:
    """The loose key of a name as its language's spelling sounds (``sound_spellings``: Keith Earls
    sounds kis ils, as 基思·厄尔斯 reads), or None where the language gives no such rules."""
    spellings = rules_for(language).sound_spellings
    if not spellings:
        return None
    words = []
    for word in _NOT_LETTERS.sub(" ", normal(written).lower().replace("'", "").replace("’", "")).split():
        words.append(_apply(spellings, word))
    return loose_key(" ".join(words))


def skeleton(key: str) -> str:
    """The consonants of a key (Arabic and Persian write few vowels), first letter kept."""
    return " ".join(w[:1] + regex.sub(f"[{KEY_VOWELS}]", "", w[1:]) for w in key.split())

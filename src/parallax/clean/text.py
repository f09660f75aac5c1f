"""Lines with their offsets, and the folded form phrases are matched in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from parallax.lang.scripts import (
    CLOSERS,
    ELLIPSES,
    FULL_STOPS,
    SENTENCE_TERMINATORS,
    char_class,
    decomposed_kept_marks,
)

_APOSTROPHES = regex.compile("[ʻʼ‘’`´′ʹ]")
_SPACES = regex.compile(r"\s+")
_MARKS = regex.compile(r"[\p{Mn}\p{Me}\p{Cf}\p{Lm}]")
_INNER_HYPHEN = regex.compile(r"(?<=\p{L})[-‐‑](?=\p{L})")
_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’ʻʼ\-]*")
# One layer of brackets around a whole line ("【纠错】", "(Reporting by ...)") hides nothing.
_BRACKETED = regex.compile(r"^\s*[(\[{（【〔［「『<]\s*(.*?)\s*[)\]}）】〕］」』>]\s*$")
_CLOSERS = char_class("", CLOSERS) + "*"
_SENTENCE_END = regex.compile(char_class(SENTENCE_TERMINATORS + ELLIPSES) + _CLOSERS + r"\s*$")
_PERIOD_END = regex.compile(char_class(FULL_STOPS) + _CLOSERS + r"\s*$")
_KEPT_MARKS = decomposed_kept_marks()


@dataclass(frozen=True)
class Line:
    """One line of an article: ``start``/``end`` bound its text without surrounding spaces."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    lines = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        start = offset + (len(raw) - len(raw.lstrip()))
        lines.append(Line(index, start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def fold(text: str) -> str:
    """Case, accents, apostrophe variants, word-inner hyphens and spacing removed: how phrases are compared.

    Accents go because scraped text is inconsistent about them (أيضا / أيضاً, ё / е);
    letters of their own survive: those without a decomposition (ә, қ) and the script table's
    kept letters (й, ї). "Сондай-ақ" and "сондай ақ" fold alike, as do "اشتراک‌گذاری" and
    "اشتراک گذاری".
    """
    text = _INNER_HYPHEN.sub(" ", text.replace("\u200c", " "))
    decomposed = _APOSTROPHES.sub("'", unicodedata.normalize("NFKD", text))
    for parts, letter in _KEPT_MARKS.items():
        decomposed = decomposed.replace(parts, letter)
    return _SPACES.sub(" ", _MARKS.sub("", decomposed).casefold()).strip()


def unbracket(text: str) -> str:
    found = _BRACKETED.match(text)
    return found.group(1) if found else text


def letter_count(text: str) -> int:
    return len(_LETTER.findall(text))


def has_letter(text: str) -> bool:
    """``letter_count(text) > 0``, without listing every letter of a long line."""
    return _LETTER.search(text) is not None


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_like_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def ends_with_period(text: str) -> bool:
    """A full stop (not ? or !) closes the line: prose, where a headline rarely has one."""
    return bool(_PERIOD_END.search(text))

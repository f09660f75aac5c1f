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
# Where one sentence of a line ends and the next begins: after a terminator and a space, after a
# terminator closing a lower-case word with a capital straight after it (pages whose paragraphs
# were glued together: "...on Monday.The minister"), or at a run of spaces (glued blocks).
_PIECE_BREAK = regex.compile(
    r"(?<=" + char_class(SENTENCE_TERMINATORS + ELLIPSES) + _CLOSERS + r")\s+"
    + r"|(?<=\p{Ll}\p{Ll}" + char_class(SENTENCE_TERMINATORS) + _CLOSERS + r")(?=\p{Lu})"
    + r"|\s{2,}"
)


@dataclass(frozen=True)
class Line:
    """One line of an article: ``start``/``end`` bound its text without surrounding spaces."""

    index: int
    start: int
    end: int
    text: str
    # A piece of a longer line (one of its sentences): the line went on right before it.
    joined: bool = False
    piece: bool = False

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


def split_pieces(line: Line) -> list[Line]:
    """The sentences of a line, as lines of their own (indexed from 0, offsets in the article).

    Scraped pages often come without line breaks: a cookie notice, a paywall or a "read also"
    then sits inside the one long line; it can only be told apart sentence by sentence.
    """
    pieces = []
    begin = 0
    breaks = [(m.start(), m.end()) for m in _PIECE_BREAK.finditer(line.text)] + [(len(line.text),) * 2]
    for stop, restart in breaks:
        text = line.text[begin:stop].strip()
        if text:
            start = line.start + begin + (len(line.text[begin:stop]) - len(line.text[begin:stop].lstrip()))
            pieces.append(Line(len(pieces), start, start + len(text), text, joined=bool(pieces), piece=True))
        begin = restart
    return pieces


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


def fold_aligned(text: str) -> str:
    """``text`` with the word-inner hyphens and zero-width non-joiners :func:`fold` reads as
    spaces, and nothing else changed: its words are :func:`fold`'s words, at their offsets."""
    return _INNER_HYPHEN.sub(" ", text.replace("\u200c", " "))


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

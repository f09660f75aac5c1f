"""Line breaks: which of them end a sentence.

A blank line always ends one. A single line break inside a paragraph is a wrapped line unless
the line looks like a heading (or like one item of a list of headlines or phrases): no
punctuation closing it, the next line not starting in lower case, and the line not
hard-wrapped. Wrapped text runs every line but the last to about the same width, so a line
counts as wrapped only when it and the line after it (unless that one ends the paragraph) are
near the paragraph's longest, and that is longer than a short line. The text handed on has the
same length as the original: line breaks that do not end a sentence become spaces, so offsets
carry over.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from ..lang.scripts import CLOSERS, SENTENCE_TERMINATORS, char_class

# Wrapped lines run to at least this share of the paragraph's longest line ...
HEADING_LENGTH_RATIO = 0.8
# ... and a paragraph whose lines are all this short is no wrapped text.
SHORT_LINE = 60

_LINE = regex.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x85]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]|$)")
# A line ending in one of these goes on (or ICU decides, for full stops and their kin).
_OPEN_ENDING = regex.compile(
    char_class(SENTENCE_TERMINATORS, r"\p{SB=SContinue}\p{Pd}") + char_class("", CLOSERS, r"\s") + "*$"
)
_STARTS_LOWER = regex.compile(r"^[\p{Pi}\p{Ps}\p{Pd}\s\"']*\p{Ll}")


@dataclass(frozen=True)
class Lines:
    flat: str  # the text with soft line breaks turned into spaces
    hard_breaks: frozenset[int]  # offsets where a sentence must end


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # end of the content, before the line break
    stop: int  # after the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        content = match.group().rstrip("\r\n\u2028\u2029\x0b\x0c\x85")
        lines.append(_Line(match.start(), match.start() + len(content), match.end(), content))
    return lines


def _runs_on(line: str, following: str, longest: int, following_is_last: bool) -> bool:
    """Whether ``line`` looks hard-wrapped: it runs to about the paragraph's width, and so does
    the line after it unless that one closes the paragraph."""
    if longest <= SHORT_LINE:
        return False
    width = HEADING_LENGTH_RATIO * longest
    return len(line) >= width and (following_is_last or len(following) >= width)


def looks_like_heading(line: str, following: str, longest: int, following_is_last: bool) -> bool:
    """Whether a line stands on its own although a line of the same paragraph follows it;
    ``longest`` is the length of the paragraph's longest line."""
    line, following = line.strip(), following.strip()
    if _OPEN_ENDING.search(line) or _STARTS_LOWER.match(following):
        return False
    return not _runs_on(line, following, longest, following_is_last)


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    paragraphs: list[list[_Line]] = [[]]
    for line in lines:
        if line.blank:
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return [paragraph for paragraph in paragraphs if paragraph]


def flatten_lines(text: str) -> Lines:
    chars = list(text)
    hard: set[int] = set()
    for paragraph in _paragraphs(_lines(text)):
        longest = max(len(line.text.strip()) for line in paragraph)
        for index, (line, following) in enumerate(itertools.pairwise(paragraph)):
            following_is_last = index + 2 == len(paragraph)
            if looks_like_heading(line.text, following.text, longest, following_is_last):
                hard.add(line.end)
            else:
                chars[line.end : line.stop] = " " * (line.stop - line.end)
        hard.add(paragraph[-1].end)
    return Lines("".join(chars), frozenset(hard))

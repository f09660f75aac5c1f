"""Line breaks: which of them end a sentence.

A blank line always ends one. A single line break inside a paragraph is a wrapped line unless
the line looks like a heading (or like one phrase of a phrase-per-line list): no sentence end
in it or closing it, the next line not starting in lower case, and the line clearly shorter
than the paragraph's longest (lines of wrapped text all run to about the same width) or every
line of the paragraph short. The text handed on has the same length as the original: line
breaks that do not end a sentence become spaces, so offsets carry over.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# A heading is shorter than this share of the paragraph's longest line ...
HEADING_LENGTH_RATIO = 0.8
# ... or sits among lines no longer than this, too short for text wrapped to a width.
SHORT_LINE = 60

_LINE = regex.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x85]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]|$)")
# A line ending in one of these goes on (or ICU decides, for full stops and their kin).
_OPEN_ENDING = regex.compile(r"[\p{SB=STerm}\p{SB=ATerm}\p{SB=SContinue}\p{Pd}][\p{SB=Close}\s]*$")
_SENTENCE_END_INSIDE = regex.compile(r"[\p{SB=STerm}\p{SB=ATerm}][\p{SB=Close}]*\s+\S")
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


def looks_like_heading(line: str, next_line: str, longest: int) -> bool:
    """Whether a line followed by ``next_line`` in a paragraph whose longest line has
    ``longest`` characters stands on its own."""
    line, next_line = line.strip(), next_line.strip()
    if _OPEN_ENDING.search(line) or _SENTENCE_END_INSIDE.search(line) or _STARTS_LOWER.match(next_line):
        return False
    return len(line) < HEADING_LENGTH_RATIO * longest or longest <= SHORT_LINE


def _paragraph_widths(lines: list[_Line]) -> list[int]:
    """For each line, the length of the longest line of its paragraph."""
    widths = [0] * len(lines)
    first = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or lines[index].blank:
            longest = max((len(line.text.strip()) for line in lines[first:index]), default=0)
            widths[first:index] = [longest] * (index - first)
            first = index + 1
    return widths


def flatten_lines(text: str) -> Lines:
    chars = list(text)
    hard: set[int] = set()
    lines = _lines(text)
    widths = _paragraph_widths(lines)
    for line, following, longest in zip(lines, [*lines[1:], None], widths, strict=True):
        if line.stop == line.end:
            continue  # the last line, without a break
        if (
            following is None
            or line.blank
            or following.blank
            or looks_like_heading(line.text, following.text, longest)
        ):
            hard.add(line.end)
        else:
            chars[line.end : line.stop] = " " * (line.stop - line.end)
    return Lines("".join(chars), frozenset(hard))

"""Sentences in every script.

ICU's BreakIterator finds the candidate sentence ends (it knows the terminators of every
script: 。！？ ؟ ۔, and that the Arabic comma and semicolon end nothing); the language files
add what ICU cannot know (abbreviations, ordinal dots, extra terminators), and line breaks
are read as news copy writes them (see :mod:`.lines`).
"""

from __future__ import annotations

from .corrections import extra_breaks, keeps_break, moved_past_closers
from .icu_breaks import icu_boundaries
from .lines import flatten_lines
from .rules import sentence_rules

__all__ = ["split_sentences"]

# Invisible characters that stick to sentence edges without being whitespace to str.isspace().
_INVISIBLE = "\u200b\u2060\ufeff"


def _cuts(flat: str, hard_breaks: frozenset[int], language: str | None) -> list[int]:
    rules = sentence_rules(language)
    cuts = set(hard_breaks) | set(extra_breaks(flat, rules))
    for cut in icu_boundaries(flat, rules.locale):
        if cut in hard_breaks:
            continue
        cut = moved_past_closers(flat, cut)
        if keeps_break(flat, cut, rules):
            cuts.add(cut)
    return sorted(cuts | {len(flat)})


def _is_blank(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    return start, end


def split_sentences(
    text: str, start: int = 0, end: int | None = None, language: str | None = None
) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as absolute offsets into ``text``: in order,
    whitespace-trimmed, never empty, never crossing ``end``."""
    start = max(0, start)
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    lines = flatten_lines(text[start:end])
    spans = []
    previous = 0
    for cut in _cuts(lines.flat, lines.hard_breaks, language):
        first, last = _trimmed(lines.flat, previous, cut)
        if first < last:
            spans.append((start + first, start + last))
        previous = cut
    return spans

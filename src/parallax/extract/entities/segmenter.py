"""Word boundaries and name tags of text written without spaces, from a word segmenter.

A language file names its segmenter (``[entities] word_segmenter``); the only one so far is
jieba, whose dictionary ships in its package. It tells where the words of running characters
begin and end (赛义夫 is one word, so a name read from the transliteration characters after
it starts at 赛, not at 夫) and tags the words its dictionary and model read as names.

jieba builds its prefix dictionary on first use (about a second): it is loaded once, on the
first text of a language that asks for it, and never for other text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Word:
    """One word of the text: character offsets (end exclusive) and the segmenter's tag."""

    start: int
    end: int
    tag: str


def segmented(text: str, segmenter: str) -> list[Word]:
    """The words of ``text`` with their tags; [] when the language names no segmenter."""
    if not segmenter:
        return []
    if segmenter != "jieba":
        raise ValueError(f"unknown word segmenter {segmenter!r} in a language file")
    words, position = [], 0
    for piece in _jieba().cut(text):
        words.append(Word(position, position + len(piece.word), piece.flag))
        position += len(piece.word)
    return words


@cache
def _jieba() -> Any:
    """jieba's part-of-speech tokenizer, built once (its logger announces the build: silenced)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())

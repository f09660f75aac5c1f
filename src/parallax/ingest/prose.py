"""Is this text an article at all? Catches CSVs of numbers, code, and pages without prose.

Deliberately lenient: a file with one sentence per line (extract --no-clean) is valid input,
and the cleaner, not this check, removes junk around a real article.
"""

from __future__ import annotations

import regex

MIN_LETTERS = 12
MIN_LETTER_SHARE = 0.35  # of non-space characters; a CSV of numbers has far less
MAX_CODE_SHARE = 0.05  # brackets, braces, semicolons...: prose has almost none
MIN_PROSE_SHARE = 0.5  # of visible characters, in lines of prose: an article with a table stays one
MIN_WORDS_IN_A_LINE = 4  # a line this long, mostly letters, is sentence-like prose
MIN_WIDE_LETTERS_IN_A_LINE = 8  # the same for scripts written without spaces
# What a text is like shows in its first few hundred thousand characters.
SAMPLE_CHARS = 256 * 1024

_LETTER = regex.compile(r"\p{L}")
_WIDE_LETTER = regex.compile(r"(?=\p{L})[\p{ea=W}\p{ea=F}]")
_VISIBLE = regex.compile(r"\S")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’ʼʻ-]*\p{L}")
_CODE_CHAR = regex.compile(r"[{}\[\]<>=;|\\$`^~_]")
_CODE_RUN = regex.compile(r"[{}\[\]<>=;|\\$`^~_]+")


def not_an_article(text: str) -> str | None:
    """Why the text is not an article (a short phrase for the error message), or None."""
    text = text[:SAMPLE_CHARS]
    # An ideograph carries about as much as a short word: count wide letters twice.
    letters = len(_LETTER.findall(text)) + len(_WIDE_LETTER.findall(text))
    visible = len(_VISIBLE.findall(text))
    if letters < MIN_LETTER_SHARE * visible and visible >= MIN_LETTERS:
        return "not an article (mostly numbers or symbols, no prose)"
    if letters < MIN_LETTERS:
        return "not an article (too little text)"
    if _looks_like_code(text, visible):
        return "not an article (looks like code or markup)"
    if not any(map(_is_sentence_like, text.split("\n"))):
        return "not an article (no sentence-like prose)"
    return None


def _looks_like_code(text: str, visible: int) -> bool:
    """Code characters are many, and the lines of prose too few to outweigh them.

    A run of them counts once (a ``______`` separator, a ``|---|---|`` table rule), and an
    article with a table or a code snippet in it still has most of its text in lines of prose.
    """
    if len(_CODE_RUN.findall(text)) <= MAX_CODE_SHARE * visible:
        return False
    lines = text.split("\n")
    in_prose = sum(len(_VISIBLE.findall(line)) for line in lines if _is_prose_line(line))
    return in_prose < MIN_PROSE_SHARE * visible


def _is_prose_line(line: str) -> bool:
    visible = len(_VISIBLE.findall(line))
    return _is_sentence_like(line) and len(_CODE_CHAR.findall(line)) <= MAX_CODE_SHARE * visible


def _is_sentence_like(line: str) -> bool:
    visible = len(_VISIBLE.findall(line))
    if not visible or len(_LETTER.findall(line)) < 0.5 * visible:
        return False
    wide = len(_WIDE_LETTER.findall(line))
    return len(_WORD.findall(line)) >= MIN_WORDS_IN_A_LINE or wide >= MIN_WIDE_LETTERS_IN_A_LINE

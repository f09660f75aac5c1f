"""Word boundaries and name tags of text written without spaces, from a word segmenter.

A language file names its segmenter (``[entities] word_segmenter``); the only one so far is
jieba, whose dictionary ships in its package. It tells where the words of running characters
begin and end (赛义夫 is one word, so a name read from the transliteration characters after
it starts at 赛, not at 夫); its dictionary tags the words it knows (nr a person, ns a place,
n a noun...), and a word it found only through its model of unknown words gets no tag.

jieba is loaded once, on the first text of a language that asks for it, never for other text.
Its prefix dictionary and its tags are stored tables (``parallax prepare`` builds them), so a
process reads them rather than parsing the dictionary file (about two seconds).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...tables import stored_table

UNKNOWN = ""  # the tag of a word the dictionary does not hold


@dataclass(frozen=True)
class Word:
    """One word of the text: character offsets (end exclusive) and its dictionary tag."""

    start: int
    end: int
    tag: str


def segmented(text: str, segmenter: str, name_chars: str = "", kept_tags: frozenset[str] = frozenset()
              ) -> list[Word]:
    """The words of ``text`` with their tags; [] when the language names no segmenter.

    Only the tags of words with one of ``name_chars`` (the transliteration characters a name is
    read from), or tagged with one of ``kept_tags`` (names of organisations), are kept: no other
    word is asked for its tag, and a smaller table loads faster.
    """
    if not segmenter:
        return []
    tokenizer, tags = _segmenter(segmenter, name_chars, kept_tags)
    words, position = [], 0
    for piece in tokenizer.cut(text):
        words.append(Word(position, position + len(piece), tags.get(piece, UNKNOWN)))
        position += len(piece)
    return words


def prepare(segmenter: str, name_chars: str = "", kept_tags: frozenset[str] = frozenset()) -> None:
    """Build and store the segmenter's tables now (``parallax prepare``)."""
    if segmenter:
        _segmenter(segmenter, name_chars, kept_tags)


@cache
def _segmenter(segmenter: str, name_chars: str, kept_tags: frozenset[str] = frozenset()
               ) -> tuple[Any, dict[str, str]]:
    if segmenter != "jieba":
        raise ValueError(f"unknown word segmenter {segmenter!r} in a language file")
    import jieba

    tokenizer = jieba.Tokenizer()
    name = f"jieba-{jieba.__version__}"
    tokenizer.FREQ, tokenizer.total = stored_table(
        f"{name}-prefixes", lambda: tokenizer.gen_pfdict(tokenizer.get_dict_file()))
    tokenizer.initialized = True  # the prefix dictionary is in place: no build, no log line
    characters = frozenset(name_chars)
    digest = _digest(name_chars + "|" + ",".join(sorted(kept_tags)))
    return tokenizer, stored_table(f"{name}-tags-{digest}", lambda: _tags(tokenizer, characters, kept_tags))


def _tags(tokenizer: Any, characters: frozenset[str], kept_tags: frozenset[str]) -> dict[str, str]:
    """The tag of each dictionary word with one of ``characters`` or one of ``kept_tags``
    (lines: "word frequency tag")."""
    tags = {}
    with tokenizer.get_dict_file() as lines:
        for line in lines:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and (parts[2] in kept_tags or not characters.isdisjoint(parts[0])):
                tags[parts[0]] = parts[2]
    return tags


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()

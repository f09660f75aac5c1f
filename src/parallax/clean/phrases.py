"""The junk phrases of every language's ``[clean]`` section, compiled once.

The cleaner runs before language detection, so it matches the union of all languages'
phrases. Matching happens on folded text (see :func:`parallax.clean.text.fold`): a phrase
is a sequence of whole words, or, in scripts written without spaces (``word_boundaries =
false``), a plain substring.

A phrase can mark a line as junk in three ways:

* whole: the line is made of junk phrases (and numbers, punctuation, social network names)
  with at most a couple of letters left over: "Пікірлер: 12", "Share this article: Facebook | X";
* prefix: the line starts with the phrase and a separator, followed by a short remainder:
  "Фото: Ақорда", "Читайте также: <headline>", "Etiketler: Orta Asya, Zirve";
* contains: multi-word phrases specific enough to be found anywhere in a short line:
  "... мы используем файлы cookie ...", "Telegram kanalimizga obuna boʻling".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from parallax import lang
from parallax.clean.text import fold, letter_count

# Section key -> the reason slug lines matching it are removed with. When a phrase is listed
# under two keys, the first one here wins.
REASONS: dict[str, str] = {
    "read_also": "read-also",
    "share": "share",
    "comment": "comment",
    "subscribe": "subscribe",
    "ad": "ad",
    "credits": "credit",
    "copyright": "copyright",
    "cookie": "cookie",
    "consent": "cookie",
    "paywall": "paywall",
    "contact": "contact",
    "navigation": "navigation",
    "views": "views",
    "tags": "tags",
    "date_labels": "timestamp",
    "social": "share",
}
# Keys whose multi-word phrases are specific enough to mark a line they merely occur in.
CONTAINS_KEYS = frozenset({"cookie", "copyright", "subscribe", "paywall", "contact"})
# At most this many letters may be left over for a line to count as made of junk phrases
# ("Пікірлер (12)" leaves none; "Share" inside "Kazakhstan's share of exports rose" leaves many).
MAX_LEFTOVER_LETTERS = 2
# A line of buttons, labels and links is short; longer lines are never made of phrases alone.
MAX_WHOLE_LINE_WORDS = 15
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*")
TOKEN = _TOKEN  # a word as phrases are matched
_SEPARATOR = regex.compile(r"^\s*[:：|/»>›\-–—]")
_LEADING_NOISE = regex.compile(r"^[^\p{L}\p{N}]*")


@dataclass(frozen=True)
class PrefixMatch:
    key: str
    separated: bool  # a ":" or dash follows the phrase, as in "Фото: ..."
    rest: str  # the folded remainder of the line


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str
    whole_words: bool = True  # False for a substring of a script written without spaces


@dataclass(frozen=True)
class _Phrases:
    """Phrases as word sequences (looked up n-gram by n-gram) and as substrings."""

    by_words: dict[tuple[str, ...], str]
    first_words: frozenset[str]
    longest: int
    substrings: tuple[tuple[str, str], ...]  # (phrase, key), longest first
    substring_starts: frozenset[str]  # first characters of the substrings, a cheap pre-check

    def spans(self, folded: str) -> list[Span]:
        # Most lines hold no word a phrase begins with: told from the words alone, before their offsets.
        begins = not self.first_words.isdisjoint(_words_of(folded))
        found = self._word_spans(list(_TOKEN.finditer(folded))) if begins else []
        if self.substring_starts.isdisjoint(folded):
            return found
        for phrase, key in self.substrings:
            start = folded.find(phrase)
            while start >= 0:
                found.append(Span(start, start + len(phrase), key, whole_words=False))
                start = folded.find(phrase, start + len(phrase))
        return found

    def at_start(self, folded: str, start: int) -> Span | None:
        """The longest phrase that begins exactly at ``start``."""
        tokens = list(_TOKEN.finditer(folded, start, start + 200))
        candidates = []
        if tokens and tokens[0].start() == start:
            length, key = self._longest_at(tokens, 0)
            if key:
                candidates.append(Span(start, tokens[length - 1].end(), key))
        if folded[start : start + 1] in self.substring_starts:
            candidates += [
                Span(start, start + len(phrase), key, whole_words=False)
                for phrase, key in self.substrings
                if folded.startswith(phrase, start)
            ]
        return max(candidates, key=lambda span: span.end, default=None)

    def _word_spans(self, tokens: list[regex.Match[str]]) -> list[Span]:
        spans = []
        i = 0
        while i < len(tokens):
            length, key = self._longest_at(tokens, i)
            if key:
                spans.append(Span(tokens[i].start(), tokens[i + length - 1].end(), key))
                i += length
            else:
                i += 1
        return spans

    def _longest_at(self, tokens: list[regex.Match[str]], i: int) -> tuple[int, str | None]:
        if tokens[i].group() not in self.first_words:
            return 0, None
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            key = self.by_words.get(tuple(token.group() for token in tokens[i : i + length]))
            if key:
                return length, key
        return 0, None


@dataclass(frozen=True)
class PhraseBook:
    every: _Phrases
    specific: _Phrases  # the multi-word phrases of CONTAINS_KEYS

    def whole_line_reason(self, folded: str) -> str | None:
        """The reason when the line is made of junk phrases, else None."""
        if len(_words_of(folded)) > MAX_WHOLE_LINE_WORDS:
            return None
        covered: dict[str, set[int]] = {}
        for span in self.every.spans(folded):
            letters = {i for i in range(span.start, span.end) if folded[i].isalpha()}
            covered.setdefault(REASONS[span.key], set()).update(letters)
        if not covered:
            return None
        if letter_count(folded) - len(set().union(*covered.values())) > MAX_LEFTOVER_LETTERS:
            return None
        return max(covered, key=lambda reason: len(covered[reason]))

    def prefix_match(self, folded: str) -> PrefixMatch | None:
        span = self.every.at_start(folded, _LEADING_NOISE.match(folded).end())
        if span is None:
            return None
        rest = folded[span.end :]
        separated = bool(_SEPARATOR.match(rest))
        if not span.whole_words and not separated:
            return None  # "图书馆..." does not start with the credit "图"; "图：新华社" does
        return PrefixMatch(span.key, separated, _SEPARATOR.sub("", rest, count=1).strip())

    def contained_key(self, folded: str) -> str | None:
        spans = self.specific.spans(folded)
        return spans[0].key if spans else None


@lru_cache(maxsize=4)
def _words_of(folded: str) -> tuple[str, ...]:
    """The words of a folded line: every phrase book asks for them (a line is read a few times
    in a row, and a long line's words cost more than the look-up)."""
    return tuple(_TOKEN.findall(folded))


@cache
def phrase_book() -> PhraseBook:
    spaced: dict[str, str] = {}
    unspaced: dict[str, str] = {}
    for data in lang.all_languages():
        section = data.section("clean")
        target = spaced if section.get("word_boundaries", True) else unspaced
        for key in REASONS:
            for phrase in section.get(key, []):
                folded = fold(phrase)
                if folded and _ORDER[key] < _ORDER.get(target.get(folded, ""), len(REASONS)):
                    target[folded] = key
    specific_spaced = {p: k for p, k in spaced.items() if k in CONTAINS_KEYS and len(_TOKEN.findall(p)) >= 2}
    specific_unspaced = {p: k for p, k in unspaced.items() if k in CONTAINS_KEYS and len(p) >= 3}
    return PhraseBook(_phrases(spaced, unspaced), _phrases(specific_spaced, specific_unspaced))


_ORDER = {key: order for order, key in enumerate(REASONS)}


def _phrases(spaced: dict[str, str], unspaced: dict[str, str]) -> _Phrases:
    by_words = {tuple(_TOKEN.findall(phrase)): key for phrase, key in spaced.items()}
    by_words.pop((), None)
    return _Phrases(
        by_words=by_words,
        first_words=frozenset(words[0] for words in by_words),
        longest=max(map(len, by_words), default=0),
        substrings=tuple(sorted(unspaced.items(), key=lambda item: -len(item[0]))),
        substring_starts=frozenset(phrase[0] for phrase in unspaced),
    )

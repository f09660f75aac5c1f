"""Quotes and their speakers: direct quotes in every mark style, the dash form, reported speech.

Direct quotes are text between the quotation marks of ``[quotes] marks`` or a line opened by a
dash (``— …, — заявил Макрон``). The attribution is looked for in the rest of the sentence after
the quote, then in the words before it; the speaker is the entity nearest the speech verb there,
or, for a pronoun, a title or a bare verb ("he said", "деді ол", "the president said",
"وأضاف"), the last person named before. Reported speech ("X said that …", "по словам X, …",
"وقال X إن …", "X表示，…", "X … деп атап өтті") is a second kind, with lower confidence.
Every word list lives in the ``[quotes]`` section of the language file.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Protocol, TypeVar

import regex

from ..lang import languages, maybe_load
from ..lang.scripts import (
    CLOSERS,
    COLONS,
    COMMAS,
    DASHES,
    ELLIPSES,
    LIST_COMMAS,
    SEMICOLONS,
    SENTENCE_TERMINATORS,
    char_class,
    clause_quote_marks,
)
from ..model import EntityAttrs, Mention, QuoteAttrs, attrs_as
from ..tables import tables_of
from .entities import find_entities
from .entities.gazetteer import gazetteer_for, tokens_for
from .entities.lexicon import KnowsNames, Lexicon, build_lexicon
from .entities.rules import Rules, rules_for
from .entities.text import Token, normal
from .spans import SpanSet

Q = TypeVar("Q")  # a Mention or a Fact: anything with kind, start, end, value and attrs

# Confidence of each way of attributing a quote.
DIRECT_NAMED = 0.95
DIRECT_REFERRED = 0.85  # speaker reached through a pronoun, a title or a bare verb
DIRECT_UNATTRIBUTED = 0.5
REPORTED_NAMED = 0.7
REPORTED_REFERRED = 0.6
# A quoted string with no attribution is a quote (not a name or a scare quote) from this size.
UNATTRIBUTED_MIN_WORDS = 6
UNATTRIBUTED_MIN_CHARS = 12  # scripts without word spaces
QUOTE_REACH = 3000  # characters a quote may run over
ATTRIBUTION_REACH = 160  # characters around a quote searched for its attribution
REPORTED_MIN_WORDS = 3
# A "sentence" longer than this is a table, a list or text without stops, not reported speech;
# reading it would cost the square of its length.
REPORTED_MAX_CHARS = 3000
PHRASE_MAX_CHARS = 200  # longer than any phrase of a word list
COMPLEMENTIZER_REACH = 60  # characters between a speech verb and its "that"
PUNCTUATION_REACH = 2  # without word spaces, the comma or colon follows the verb (表示，, 说：)
MAX_SUBJECT_GAP = 12  # characters between a speaker and the verb without word spaces (在会上)
NAME_MAX_WORDS = 4  # words in marks that may be an organisation's name (Ак Жол, Renault Group)
HEAD_TITLE_WORDS = 3  # a speaker opening a verb-final sentence may follow a title this long
# A pronoun or a title points back to a person named at most this far before (far beyond any
# one article): keeps each question about a sentence local to it in a long text.
REFERENT_REACH = 20_000
OUTLET_REACH = 40  # characters between an outlet verb and the outlet it credits (передает РИА Новости)
# A sentence; a point between digits (18.7) is a decimal point, not its end.
_STOPS = SENTENCE_TERMINATORS.replace(".", "")  # the point is a decimal point between digits
SENTENCE = regex.compile(
    rf"(?:[^{regex.escape(SENTENCE_TERMINATORS)}\n]|\.(?=\d))+"
    rf"(?:{char_class(SENTENCE_TERMINATORS + ELLIPSES)}+{char_class('', CLOSERS)}*|\n|$)"
)
_LAST_SENTENCE_END = regex.compile("(?r)" + char_class(SENTENCE_TERMINATORS + "\n"))
_TRAILING_STOPS = frozenset(SENTENCE_TERMINATORS + ELLIPSES)
# A line opened by a dash (— …, — сказал он); the dash that closes the quote is found apart.
DASH_OPEN = r"(?m)^[ \t]*(?P<open>[{d}])[ \t]*(?=\S)"
# The punctuation that ends quoted words before a closing dash (…көтереді, – деді).
_DASH_STOP = char_class(COMMAS + ".!?" + ELLIPSES).replace("{", "{{").replace("}", "}}")
DASH_INSIDE = rf"(?P<stop>{_DASH_STOP}?)[ \t]+(?P<close>[{{d}}])[ \t]+(?=\S)"
# Words opened again by a dash after the attribution (— A, — сказал он. — B.).
DASH_REOPEN = r"[.,:][ \t]+(?P<open>[{d}])[ \t]*(?=\S)"
# What is left between a quote and its attribution when nothing is said there: , — :
_ONLY_PUNCTUATION = " \t" + COMMAS + DASHES + COLONS[0]
_COLON_AT_END = regex.compile(char_class(COLONS) + r"\s*$")
# Marks between a name and a verb that say the name is not the verb's subject.
_CLAUSE_BREAK = regex.compile(char_class(COMMAS + LIST_COMMAS + SEMICOLONS + COLONS + ".。"))
_NEXT_COMMA = regex.compile(char_class(COMMAS + COLONS))
_VALUE_TRAILING = COMMAS + COLONS + SEMICOLONS + ".。" + ELLIPSES


@dataclass(frozen=True)
class WordList:
    """Phrases to find in text: token sequences, a trailing ``*`` on a word matches any ending."""

    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, items: Sequence[str]) -> WordList:
        phrases = set()
        for item in items:
            # o'z, so'zlariga: a typographic apostrophe (o‘z) splits the word into two tokens.
            for form in {item, regex.sub(r"(?<=\w)'(?=\w)", " ", item)}:
                words = tuple(_phrase_words(form))
                if words:
                    phrases.add(words)
        return cls(tuple(sorted(phrases, key=len, reverse=True)))

    @cached_property
    def by_first_word(self) -> PhraseIndex:
        return PhraseIndex.of(self.phrases)


@dataclass(frozen=True)
class PhraseIndex:
    """The phrases of a word list by their first word: exact words, and prefixes (``заяви*``)."""

    exact: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]
    prefixes: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]

    @classmethod
    def of(cls, phrases: Sequence[tuple[str, ...]]) -> PhraseIndex:
        exact: dict[str, list] = {}
        prefixes: dict[str, list] = {}
        for order, phrase in enumerate(phrases):
            first = phrase[0]
            table, key = (prefixes, first[:-1]) if first.endswith("*") else (exact, first)
            table.setdefault(key, []).append((order, phrase))
        return cls({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in prefixes.items()})

    def candidates(self, word: str) -> list[tuple[str, ...]]:
        """Phrases whose first word fits ``word``, in the word list's order (longest first)."""
        # Asked for every token of a text per word list: most tokens begin no phrase.
        exact = self.exact.get(word, ())
        if not self.prefixes:
            return [phrase for _, phrase in exact]  # already in the list's order
        found = list(exact)
        for size in self.prefix_sizes:
            if size > len(word):
                break
            found += self.prefixes.get(word[:size], ())
        return [phrase for _, phrase in sorted(found)] if found else []

    @cached_property
    def prefix_sizes(self) -> tuple[int, ...]:
        return tuple(sorted({len(prefix) for prefix in self.prefixes}))


def _phrase_words(item: str) -> list[str]:
    words = []
    for part in item.split():
        star = part.endswith("*")
        word = normal(part.rstrip("*"))
        if word:
            words.append(word + ("*" if star else ""))
    return words


@dataclass(frozen=True)
class QuoteRules:
    marks: tuple[tuple[str, str], ...]
    dashes: str
    verbs: WordList
    # verbs + attribution_verbs: what attributes words in marks (continued, joked, продолжил),
    # which alone would read too much as reported speech ("X continued the talks").
    attribution_verbs: WordList
    pronouns: WordList
    complementizers: WordList
    according_to: WordList
    according_to_after: WordList
    according_to_self: WordList  # по его словам, according to him: the last person named
    raw_according_to_self: tuple[str, ...]
    quotative: WordList
    occasions: WordList  # өз сөзінде, konuşmasında: where the words were said, not what
    topic_before: WordList  # рассказал о …, talked about …: the topic, not the words
    topic_after: WordList  # … туралы айтты, … hakkında konuştu
    # announced, a lancé, kündigte an: verbs of saying whose plain object is mostly a thing
    # (announced a plan): reported words only after a complementizer, never straight after.
    object_verbs: WordList
    raw_object_verbs: tuple[str, ...]
    outlet_verbs: WordList  # передает, reports, حسبما: the outlet's credit, never a speaker's
    raw_outlet_verbs: tuple[str, ...]
    raw_verbs: tuple[str, ...]  # for scripts without word spaces
    raw_attribution_verbs: tuple[str, ...]
    raw_complementizers: tuple[str, ...]
    raw_according_to: tuple[str, ...]
    raw_pronouns: tuple[str, ...]
    word_spaces: bool


class KnowsQuotes(KnowsNames, Protocol):
    """What the quote finder reads of an analysis context (``extract.context``, which is built
    from this module, so it is named by what it offers): the names and the language tables."""


def quote_rules(code: str | None) -> QuoteRules:
    """The compiled ``[quotes]`` section; every language's lists together for None.

    Built anew on every call: an analysis context keeps what it built (``tables.LanguageTables``).
    """
    data = maybe_load(code)
    sections = [data.section("quotes")] if data else [maybe_load(c).section("quotes") for c in languages()]

    def gather(key: str) -> list:
        return [item for section in sections for item in section.get(key, [])]

    marks = tuple(dict.fromkeys(tuple(pair) for pair in gather("marks")))
    return QuoteRules(
        marks=marks,
        dashes="".join(dict.fromkeys(gather("dashes"))),
        verbs=WordList.of(gather("verbs")),
        attribution_verbs=WordList.of(gather("verbs") + gather("attribution_verbs")),
        pronouns=WordList.of(gather("pronouns")),
        complementizers=WordList.of(gather("complementizers")),
        according_to=WordList.of(gather("according_to")),
        according_to_after=WordList.of(gather("according_to_after")),
        according_to_self=WordList.of(gather("according_to_self")),
        raw_according_to_self=tuple(sorted(gather("according_to_self"), key=len, reverse=True)),
        quotative=WordList.of(gather("quotative")),
        occasions=WordList.of(gather("occasions")),
        topic_before=WordList.of(gather("topic_before")),
        topic_after=WordList.of(gather("topic_after")),
        object_verbs=WordList.of(gather("object_verbs")),
        raw_object_verbs=tuple(gather("object_verbs")),
        outlet_verbs=WordList.of(gather("outlet_verbs")),
        raw_outlet_verbs=tuple(sorted(gather("outlet_verbs"), key=len, reverse=True)),
        raw_verbs=tuple(sorted(gather("verbs"), key=len, reverse=True)),
        raw_attribution_verbs=tuple(
            sorted(gather("verbs") + gather("attribution_verbs"), key=len, reverse=True)
        ),
        raw_complementizers=tuple(gather("complementizers")),
        raw_according_to=tuple(gather("according_to")),
        raw_pronouns=tuple(gather("pronouns")),
        word_spaces=rules_for(code).word_spaces,
    )


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str


class Finder:
    """Where the words of a list occur in one text (token phrases, or substrings without spaces).

    Each word list is matched against every token once (indexed by first word), so that
    looking up a window of the text costs the window, not the whole text: the extractor asks
    for hits in every sentence, and a long text must not make each of those questions longer.
    """

    def __init__(self, text: str, rules: QuoteRules, names: Rules) -> None:
        self.text = text
        self.rules = rules
        self.tokens: list[Token] = tokens_for(text, names) if rules.word_spaces else []
        self.starts = [token.start for token in self.tokens]
        self._matches: dict[int, tuple[list[int], dict[int, tuple[int, ...]]]] = {}

    def hits(self, words: WordList, raw: Sequence[str] = (), start: int = 0, end: int | None = None
             ) -> list[Hit]:
        end = len(self.text) if end is None else end
        if not self.rules.word_spaces:
            return self._substring_hits(raw, start, end)
        positions, lasts = self._matches_of(words)
        found = []
        first = bisect_left(positions, bisect_left(self.starts, start))
        for i in positions[first:]:
            token = self.tokens[i]
            if token.end > end:
                break
            for last in lasts[i]:
                stop = self.tokens[last - 1].end
                if stop <= end:
                    found.append(Hit(token.start, stop, self.text[token.start:stop]))
                    break
        return found

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens lying within ``start:end``."""
        first = bisect_left(self.starts, start)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return range(first, last)

    def _matches_of(self, words: WordList) -> tuple[list[int], dict[int, tuple[int, ...]]]:
        """Tokens where a phrase of ``words`` begins, each with the ends of the phrases there,
        longest first (the order :meth:`hits` tries them in)."""
        key = id(words)
        if key not in self._matches:
            index = words.by_first_word
            lasts: dict[int, tuple[int, ...]] = {}
            # Each distinct word is looked up once, not each of its occurrences.
            for norm, positions in self._positions_by_norm.items():
                phrases = index.candidates(norm)
                if not phrases:
                    continue
                for i in positions:
                    ends = tuple(end for phrase in phrases if (end := self._phrase_end(phrase, i)))
                    if ends:
                        lasts[i] = ends
            self._matches[key] = (sorted(lasts), lasts)
        return self._matches[key]

    @cached_property
    def _positions_by_norm(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            positions.setdefault(token.norm, []).append(i)
        return positions

    def _phrase_end(self, phrase: tuple[str, ...], i: int) -> int | None:
        if i + len(phrase) > len(self.tokens):
            return None
        for k, word in enumerate(phrase):
            norm = self.tokens[i + k].norm
            if word.endswith("*"):
                if not norm.startswith(word[:-1]):
                    return None
            elif norm != word:
                return None
        return i + len(phrase)

    def _substring_hits(self, raw: Sequence[str], start: int, end: int) -> list[Hit]:
        found = []
        taken = SpanSet()
        for item in sorted(raw, key=len, reverse=True):
            for s in _occurrences(self.text, item, start, end):
                e = s + len(item)
                if not taken.overlaps(s, e):
                    taken.add(s, e)
                    found.append(Hit(s, e, item))
        return sorted(found, key=lambda h: h.start)


def _occurrences(text: str, item: str, start: int, end: int) -> Iterator[int]:
    """Where ``item`` occurs in ``text[start:end]``, left to right, not overlapping."""
    if not item:
        return
    index = text.find(item, start, end)
    while index >= 0:
        yield index
        index = text.find(item, index + len(item), end)


# --- the public function -------------------------------------------------------------------


def extract_quotes(
    text: str, language: str | None, entities: Sequence[Mention] = (), context: KnowsQuotes | None = None
) -> list[Mention]:
    """Quotes in ``text`` with their speakers (offsets relative to ``text``).

    ``entities`` are the entity mentions of the same text (found here when not given);
    ``context`` the analysis context whose names are known (None: the curated names).
    ``value`` is the quoted text without marks; attrs: speaker (canonical name or None),
    speaker_text (as written), direct, confidence, verb.
    """
    lexicon = context.lexicon if context is not None else build_lexicon()
    tables = tables_of(context)
    rules = tables.get(quote_rules, language)
    names = tables.get(rules_for, language)
    people = sorted(entities or find_entities(text, language, context), key=lambda m: m.start)
    finder = Finder(text, rules, names)
    reading = _Context(text, language, rules, names, finder, people, lexicon)
    direct: list[Mention] = []
    for whole in _quoted_spans(text, rules):
        for span, attribution in _interrupted(reading, whole):
            quote = _direct_quote(reading, span, direct[-1] if direct else None, attribution)
            if quote is not None:
                direct.append(quote)
    reported = _reported_speech(reading, [(q.start, q.end) for q in direct])
    return sorted(direct + reported, key=lambda q: q.start)


@dataclass
class _Context:
    text: str
    language: str | None
    rules: QuoteRules
    names: Rules  # the language's entity rules: its words, its cues
    finder: Finder
    entities: list[Mention]  # sorted by start
    lexicon: Lexicon
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.entities]

    def entities_within(self, start: int, end: int) -> list[Mention]:
        """The entity mentions lying within ``start:end``, in text order."""
        first = bisect_left(self.starts, start)
        last = bisect_right(self.starts, end, lo=first)
        return [m for m in self.entities[first:last] if m.end <= end]

    def entities_before(self, before: int, reach: int) -> list[Mention]:
        """The entity mentions ending by ``before`` that start at most ``reach`` characters earlier."""
        first = bisect_left(self.starts, before - reach)
        last = bisect_right(self.starts, before, lo=first)
        return [m for m in self.entities[first:last] if m.end <= before]


@dataclass(frozen=True)
class _Span:
    start: int  # the quote with its marks
    end: int
    inner_start: int  # the quoted words
    inner_end: int
    after: int  # where the attribution after the quote may start


def canonical_speakers(items: Sequence[Q], entities: Sequence | None = None) -> list[Q]:
    """``items`` with each quote's speaker renamed to the value of its entity mention.

    After the entities of several documents have been matched (``match_entities``), a speaker
    named in one document's own way (Aidarbek Saparov, Aydarbek Saparov) becomes the name of the
    entity the mention joined, so that quotes of one person align across documents. The
    speaker's entity is the mention at the quote's ``speaker_start``/``speaker_end``, looked up
    in ``entities`` (by default the entity items of ``items``). Works on Mentions and on Facts
    of one document alike; other items pass unchanged.
    """
    pool = items if entities is None else entities
    by_span = {(e.start, e.end): e for e in pool if e.kind == "entity"}
    out = []
    for item in items:
        quote = attrs_as(QuoteAttrs, item)
        entity = by_span.get((quote.speaker_start, quote.speaker_end)) if item.kind == "quote" else None
        if entity is not None and entity.value != quote.speaker:
            item = replace(item, attrs=quote.updated({"speaker": entity.value}))
        out.append(item)
    return out


# --- direct quotes -------------------------------------------------------------------------


def _quoted_spans(text: str, rules: QuoteRules) -> list[_Span]:
    candidates = []
    for opening, closing in rules.marks:
        candidates += _mark_pairs(text, opening, closing)
    if rules.dashes:
        candidates += _dash_lines(text, rules.dashes)
    chosen: list[_Span] = []
    reached = -1  # where the chosen spans end at most; each later span starts after theirs
    for span in sorted(candidates, key=lambda s: (s.start, -s.end)):
        if span.start >= reached:
            chosen.append(span)
            reached = max(reached, span.end)
    return chosen


def _mark_pairs(text: str, opening: str, closing: str) -> list[_Span]:
    spans = []
    closes = _closing_marks(text, opening, closing)
    index = 0
    while (start := text.find(opening, index)) >= 0:
        end = closes(start)
        if end is None:
            index = start + len(opening)
            continue
        spans.append(_Span(start, end + len(closing), start + len(opening), end, end + len(closing)))
        index = end + len(closing)
    return spans


def _closing_marks(text: str, opening: str, closing: str) -> Callable[[int], int | None]:
    """Where the quote opened at a position closes: the closing mark at the same depth (marks
    that differ nest; an apostrophe between letters closes nothing), in the same paragraph and
    at most ``QUOTE_REACH`` characters on; None when there is none.

    Worked out for every opening mark in one pass over the text, so that a text full of
    opening marks costs no more than one full of words.
    """
    breaks = [m.start() for m in regex.finditer(r"\n(?=\n)", text)]
    valid = [i for i in _positions(text, closing) if not _inside_word(text, i, len(closing))]

    def within_reach(start: int, end: int | None) -> int | None:
        if end is None or end >= start + len(opening) + QUOTE_REACH:
            return None
        paragraph_break = bisect_left(breaks, start + len(opening))
        if paragraph_break < len(breaks) and breaks[paragraph_break] < end:
            return None
        return end

    if opening == closing:
        matched = _flanking_pairs(text, opening, breaks)
    else:
        matched = _nested_pairs(text, opening, _positions(text, opening), valid, breaks)
    return lambda start: within_reach(start, matched.get(start))


# Marks after which a mark that both opens and closes (the straight ") can only close: the
# end of the quoted words (…раз". / …said,").
_ENDS_QUOTED = frozenset(SENTENCE_TERMINATORS + ELLIPSES + COMMAS + SEMICOLONS + ")]")


def _flanking_pairs(text: str, mark: str, breaks: list[int]) -> dict[int, int]:
    """Each opening of a mark that both opens and closes (") paired with its closing mark.

    The side a mark leans to tells which it is: one after a space, before a word, opens ("В
    Ливии… ЧВК "Вагнер"…); one after a word, before a space or a stop, closes; one between
    letters is an apostrophe (Кардаш"ян, сім"я) and neither. Pairing them by their side rather
    than by alternation lets a quote hold a quoted name and keeps a stray mark from turning
    every later quote inside out. Between two ideographs (no word spaces) the side says
    nothing: such a mark closes a quote left open, else opens one.
    """
    events = sorted([(i, 0) for i in breaks] + [(i, 1) for i in _positions(text, mark)])
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for position, kind in events:
        if kind == 0:
            stack.clear()
            continue
        opens, closes = _mark_sides(text, position, len(mark))
        if closes and stack:
            pairs[stack.pop()] = position
        elif opens:
            stack.append(position)
    return pairs


def _mark_sides(text: str, index: int, size: int) -> tuple[bool, bool]:
    """(may open, may close) for the mark at ``index``, by the characters either side."""
    before = text[index - 1] if index else " "
    after = text[index + size] if index + size < len(text) else " "
    if _spaced_letter(before) and _spaced_letter(after):
        return False, False  # an apostrophe written as a double mark
    before_word = before.isalnum() and not _unspaced(before)
    may_open = not after.isspace() and (before.isspace() or not (before_word or before in _ENDS_QUOTED))
    may_close = not before.isspace() and (
        after.isspace() or not after.isalnum() or before in _ENDS_QUOTED or _unspaced(after)
    )
    return may_open, may_close


def _spaced_letter(char: str) -> bool:
    return char.isalpha() and not _unspaced(char)


def _unspaced(char: str) -> bool:
    """A character of a script written without word spaces (Han, kana, Thai)."""
    return bool(_UNSPACED.match(char))


_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _positions(text: str, mark: str) -> list[int]:
    return [m.start() for m in regex.finditer(regex.escape(mark), text)]


def _nested_pairs(text: str, opening: str, openings: list[int], closings: list[int], breaks: list[int]
                  ) -> dict[int, int]:
    """Each opening mark's closing mark, nested marks paired first; a paragraph break closes
    nothing and leaves every mark open before it unpaired."""
    events = sorted([(i, 0) for i in breaks] + [(i, 1) for i in openings] + [(i, 2) for i in closings])
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for position, kind in events:
        if kind == 0:
            stack.clear()
        elif kind == 1:
            stack.append(position)
        elif stack:
            pairs[stack.pop()] = position
    return pairs


def _inside_word(text: str, index: int, size: int) -> bool:
    """An apostrophe between letters (won’t, Tokayev’s) is not a closing mark."""
    before = text[index - 1] if index else " "
    after = text[index + size] if index + size < len(text) else " "
    return before.isalpha() and after.isalpha()


def _dash_lines(text: str, dashes: str) -> list[_Span]:
    """Lines opened by a dash, closed by the dash before the attribution.

    A dash inside the quoted words (Франция – Еуропадағы біздің әріптесіміз; Борбор Азия –
    бирдиктүү регион) is a copula, not the close: the closing dash follows the punctuation that
    ends the quoted words (…көтереді, – деді Тоқаев); without such a dash, the last one closes.
    """
    opening = regex.compile(DASH_OPEN.format(d=regex.escape(dashes)))
    inside = regex.compile(DASH_INSIDE.format(d=regex.escape(dashes)))
    reopening = regex.compile(DASH_REOPEN.format(d=regex.escape(dashes)))
    spans = []
    for match in opening.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        open_at, body = match.start("open"), match.end()
        while True:
            closes = list(inside.finditer(text, body, line_end))
            punctuated = [c for c in closes if c.group("stop")]
            close = punctuated[0] if punctuated else (closes[-1] if closes else None)
            if close is None or close.start() <= body:
                if spans and open_at > match.start("open") and text[body:line_end].strip():
                    # — A, — сказал он. — B.: the words after the attribution run to the line's end
                    end = _trim_end(text, body, line_end)
                    spans.append(_Span(open_at, end, body, end, line_end))
                break
            stop = close.group("stop")
            inner_end = close.end("stop") if stop in ("!", "?", "…") else close.start()
            spans.append(_Span(open_at, inner_end, body, inner_end, close.start("close")))
            # The attribution after the closing dash may end where a dash opens more words.
            again = reopening.search(text, close.end(), line_end)
            if again is None:
                break
            open_at, body = again.start("open"), again.end()
    return spans


def _interrupted(context: _Context, span: _Span) -> list[tuple[_Span, tuple | None]]:
    """A quote in marks that its attribution interrupts («A, — сказал он. — B», « A, a-t-il
    déclaré. B »): two quotes, each the speaker's, with the attribution taken out of the words;
    any other span as it is (its attribution is looked for around it)."""
    if span.inner_start == span.start or not context.rules.word_spaces:
        return [(span, None)]  # a dash line (its own attribution is found apart), or no word spaces
    for match in _interruption().finditer(context.text, span.inner_start, span.inner_end):
        clause_start, clause_end = match.start("clause"), match.end("clause")
        rules = context.rules
        verbs = context.finder.hits(
            rules.attribution_verbs, rules.raw_attribution_verbs, clause_start, clause_end
        )
        if not verbs:
            continue
        lead = context.text[clause_start:verbs[0].start]
        if not match.group("dash") and not _INVERTED_LEAD.fullmatch(lead):
            continue  # without dashes, only a clause opening with its verb (a-t-il déclaré) interrupts
        attribution = _attribution_in(context, clause_start, clause_end, span.start, verb_required=True)
        if attribution is None or attribution[0] is None:
            continue
        stop = match.group("stop")
        first_end = match.end("stop") if stop in "!?…" else match.start("stop")
        first = _Span(span.start, first_end, span.inner_start, first_end, match.start("stop") + 1)
        second = _Span(match.end(), span.end, match.end(), span.inner_end, span.after)
        return [(first, attribution), *[(part, attribution) for part, _ in _interrupted(context, second)]]
    return [(span, None)]


@cache
def _interruption() -> regex.Pattern[str]:
    """The end of quoted words, the attribution clause (set off by dashes or by commas), and the
    start of the quoted words that go on."""
    dashes_only = DASHES.replace("-", "")  # a hyphen joins words (a-t-il), it sets off nothing
    dashes = char_class(dashes_only)
    opening, closing = clause_quote_marks()
    ends = COMMAS + COLONS + SEMICOLONS + ".!?…\n" + dashes_only + opening + closing
    clause = "[^" + regex.escape(ends) + "]"
    return regex.compile(
        rf"(?P<stop>[,.!?…])[ \t]+(?:(?P<dash>{dashes})[ \t]+)?(?P<clause>{clause}{{3,80}}?)"
        rf"[,.:][ \t]+(?(dash){dashes}[ \t]+)(?=\w)"
    )


# What may come before the verb of an attribution set in the quoted words without dashes: an
# auxiliary joined to its pronoun (a-t-il, a-t-elle), nothing else.
_INVERTED_LEAD = regex.compile(r"\s*(?:\w+(?:-\w+)+\s+)?")


def _direct_quote(context: _Context, span: _Span, previous: Mention | None = None,
                  interrupting: tuple | None = None) -> Mention | None:
    inner = context.text[span.inner_start:span.inner_end].strip()
    if not regex.search(r"\p{L}", inner):
        return None
    if _subject_of_next_verb(context, span):
        return None  # «Газпром» заявил, "Mercedes" believes: a name in marks, the verb's subject
    attribution = _attribution_after(context, span) or interrupting
    if attribution is None:
        attribution = _attribution_before(context, span)
        if attribution is not None and _name_in_clause(context, span, inner):
            return None  # said the player moved to "Kairat": a name in marks within the clause
        attribution = attribution or _continued(context, span, previous)
    direct = not _opens_with_complementizer(context, span)
    credited = attribution is not None and attribution[0] is not None
    if not credited and not _long_enough(inner, context.rules):
        # Short words in marks that nobody is credited with are a title, a name or a term
        # (поэма "Анна Снегина", the "tilt"), not a statement to compare across sources.
        return None
    if attribution is None:
        speaker, speaker_text, verb, referred = None, None, None, False
    else:
        speaker, speaker_text, verb, referred = attribution
    confidence = DIRECT_UNATTRIBUTED if attribution is None else DIRECT_REFERRED if referred else DIRECT_NAMED
    if attribution is not None and speaker is None:
        confidence = DIRECT_UNATTRIBUTED
    if not direct:  # «أن صادرات بلاده…»: marks around a "that" clause hold reported speech
        named = speaker is not None and not referred
        confidence = min(confidence, REPORTED_NAMED if named else REPORTED_REFERRED)
    return _quote(context.text, span.start, span.end, inner, speaker, speaker_text, direct, confidence, verb)


def _continued(context: _Context, span: _Span, previous: Mention | None):
    """The attribution of a quote that goes on after its speaker was named ("A," he said. "B."
    / — A, — сказал он. — B. / X said: "A." "B."): words in marks with no attribution of their
    own, right after a credited quote, with nothing between them but that quote's attribution
    (the same line, at most one sentence end, no other person named), are the same speaker's."""
    if previous is None or attrs_as(QuoteAttrs, previous).speaker is None:
        return None
    gap = context.text[previous.end:span.start]
    if "\n" in gap or len(gap) > ATTRIBUTION_REACH or len(_GAP_SENTENCE_ENDS.findall(gap)) > 1:
        return None
    if regex.search(r"\p{L}", gap) and not _GAP_SENTENCE_ENDS.search(gap.rstrip()[-1:]):
        return None  # …", said X in an interview with "Le Monde": within the attribution
    speaker = _speaker_mention(context, previous)
    others = [m for m in context.entities_within(previous.end, span.start)
              if _entity(m).type == "person" and (speaker is None or m.value != speaker.value)]
    if speaker is None or others:
        return None
    attrs = attrs_as(QuoteAttrs, previous)
    return speaker, attrs.speaker_text, attrs.verb, True


def _speaker_mention(context: _Context, quote: Mention) -> Mention | None:
    """The entity mention a quote's speaker was read from."""
    attrs = attrs_as(QuoteAttrs, quote)
    start, end = attrs.speaker_start, attrs.speaker_end
    if start is None or end is None:
        return None
    return next((m for m in context.entities_within(start, end) if m.start == start and m.end == end), None)


_GAP_SENTENCE_ENDS = regex.compile(char_class(SENTENCE_TERMINATORS) + r"(?!\d)")


def _subject_of_next_verb(context: _Context, span: _Span) -> bool:
    """Whether a verb of saying follows the closing mark with nothing but a space between: the
    marked words are its subject (an organisation's name in marks), since an attribution is set
    off from the words it credits by a comma, a dash or the words' own stop."""
    if not context.rules.word_spaces or not context.text[span.after:span.after + 1].isspace():
        return False
    inner = context.text[span.inner_start:span.inner_end].strip()
    if not _name_shaped(inner):
        return False  # “…artıracağız” dedi Tokayev: words, however closely followed by the verb
    gap = context.text[span.after:span.after + PHRASE_MAX_CHARS]
    start = span.after + len(gap) - len(gap.lstrip(" \t"))
    verbs = _verb_hits(context, start, min(len(context.text), start + PHRASE_MAX_CHARS))
    return bool(verbs) and verbs[0].start == start


def _name_in_clause(context: _Context, span: _Span, inner: str) -> bool:
    """Words in marks shaped like a name, in the middle of the clause whose verb comes before
    them (not after a colon): a club, a party, a ship named in the sentence, not its words.
    Where every noun has a capital, a noun in marks ("Katastrophe") may be a word quoted: there
    the words must hold a name the entity stage found."""
    if not context.names.capitalisation or not _name_shaped(inner):
        return False
    before = context.text[_clause_start(context.text, span.start):span.start]
    if _COLON_AT_END.search(before):
        return False
    return not context.names.capitalised_nouns or bool(
        context.entities_within(span.inner_start, span.inner_end))


def _name_shaped(words: str) -> bool:
    """A few words, each opening with a capital or a digit (Мерседес, Формула-1, Renault Group)."""
    parts = words.split()
    return 0 < len(parts) <= NAME_MAX_WORDS and all(p[0].isupper() or p[0].isdigit() for p in parts)


def _opens_with_complementizer(context: _Context, span: _Span) -> bool:
    """Quotation marks opened by "that" (أن, что, that): a paraphrase set in marks."""
    if not context.rules.word_spaces:
        return False
    inner_start = span.inner_start + len(context.text[span.inner_start:span.inner_end]) - len(
        context.text[span.inner_start:span.inner_end].lstrip())
    hits = context.finder.hits(context.rules.complementizers, (), inner_start, span.inner_end)
    return bool(hits) and hits[0].start == inner_start


def _long_enough(inner: str, rules: QuoteRules) -> bool:
    if rules.word_spaces:
        return len(inner.split()) >= UNATTRIBUTED_MIN_WORDS
    return len(inner) >= UNATTRIBUTED_MIN_CHARS


def _attribution_after(context: _Context, span: _Span):
    start = span.after
    end = _clause_end(context.text, start)
    if not context.text[start:end].strip(_ONLY_PUNCTUATION):
        return None
    if _quote_marks()[0].match(context.text, start, end):
        return None  # another quote follows: this one was not attributed here
    end = _before_outlet_credit(context, start, end)
    if not context.text[start:end].strip(_ONLY_PUNCTUATION):
        return None  # «…», передает X: the outlet's credit, the speaker is named elsewhere
    return _attribution_in(context, start, end, span.start, verb_required=True)


def _before_outlet_credit(context: _Context, start: int, end: int) -> int:
    """Where a clause's credit to an outlet begins (, передает Tengrinews; حسبما أفادت…)."""
    hits = _outlet_hits(context, start, end)
    return hits[0].start if hits else end


def _outlet_hits(context: _Context, start: int, end: int) -> list[Hit]:
    return context.finder.hits(context.rules.outlet_verbs, context.rules.raw_outlet_verbs, start, end)


def _attribution_before(context: _Context, span: _Span):
    start = _clause_start(context.text, span.start)
    window = context.text[start:span.start]
    if not window.strip():
        return None
    colon = _COLON_AT_END.search(window)
    found = _attribution_in(context, start, span.start, span.start, verb_required=not colon)
    if found is None and colon:
        return None
    return found


@cache
def _clause_bounds() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A clause ends at a terminator or where a quote opens, and starts after one or where a
    quote closes (the marks are the script table's: ``scripts.clause_quote_marks``)."""
    opening, closing = clause_quote_marks()
    decimal_point = r"|\.(?!\d)"  # a point between digits (18.7) ends no clause
    return (
        regex.compile(char_class(_STOPS + "\n" + opening) + decimal_point),
        regex.compile(char_class(_STOPS + "\n" + closing) + decimal_point),
    )


@cache
def _quote_marks() -> tuple[regex.Pattern[str], str]:
    """A quote opening or closing after spaces, and what is stripped from the ends of a span:
    spaces, clause punctuation, dashes, the clause quotation marks and the straight apostrophe."""
    opening, closing = clause_quote_marks()
    marks = opening + closing
    junk = " \t\n" + COMMAS + COLONS + SEMICOLONS + DASHES + marks + "'"
    return regex.compile(r"\s*" + char_class(marks)), junk


def _clause_end(text: str, start: int) -> int:
    limit = min(len(text), start + ATTRIBUTION_REACH)
    match = _clause_bounds()[0].search(text, start + 1, limit)
    return match.start() if match else limit


def _clause_start(text: str, end: int) -> int:
    limit = max(0, end - ATTRIBUTION_REACH)
    cuts = [m.end() for m in _clause_bounds()[1].finditer(text, limit, end)]
    return cuts[-1] if cuts else limit


def _attribution_in(context: _Context, start: int, end: int, quote_start: int, verb_required: bool):
    """(speaker, speaker text, verb, referred) for the clause ``start:end`` next to words in
    marks, or None."""
    rules = context.rules
    verbs = context.finder.hits(rules.attribution_verbs, rules.raw_attribution_verbs, start, end)
    if verb_required and not verbs:
        return None
    anchor = verbs[0] if verbs else Hit(end, end, "")
    named = _named_speaker(context, start, end, anchor)
    if named is not None and verbs and _not_the_subject(context, verbs[0], named):
        named = None
    verb = verbs[0].text if verbs else None
    if named is not None and not (_entity(named).type != "person" and verbs
                                  and _refers_instead(context, start, end, verbs[0])):
        return named, named.text, verb, False
    if not verbs:
        return None
    following = _capitalised_after(context, verbs[0])
    bearer = _bearer_of(context, following) if following is not None else None
    if bearer is not None:
        return bearer, following.text, verb, False
    if not _points_back(context, start, end, verbs[0]):
        return None, None, verb, True  # "the draft said", 一份声明称: a speaker the text leaves unnamed
    referred = _referred_speaker(context, start, end, quote_start)
    if referred is None:
        return None, None, verb, True
    mention, written = referred
    return mention, written or None, verb, True


def _not_the_subject(context: _Context, verb: Hit, named: Mention) -> bool:
    """A name after the verb that cannot be its subject: set off from it by a clause break with
    no title before the break (…", he said, and went on to name two rivals, X and Y; but "said
    the party's leader, X"), or an organisation further on while an unfound name follows the
    verb (a déclaré Boris Johnson lors d'une allocution (BBC))."""
    if named.start < verb.end:
        return False
    if _CLAUSE_BREAK.search(context.text, verb.end, named.start):
        return _title_in(context, verb.end, named.start) is None
    return _entity(named).type != "person" and not _adjacent(context, verb, named) and (
        _capitalised_after(context, verb) is not None)


def _refers_instead(context: _Context, start: int, end: int, verb: Hit) -> bool:
    """Whether an attribution naming only an organisation has a pronoun or a title as the
    verb's subject (a-t-elle assuré dans Le Monde; сказал представитель Кремля; the Kremlin
    spokesman said): the organisation is where the person spoke or whom they speak for."""
    return _pronoun_beside(context, start, end, verb) or _title_in(context, start, end) is not None


def _pronoun_beside(context: _Context, start: int, end: int, verb: Hit) -> bool:
    pronouns = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end)
    return any(_adjacent(context, hit, verb) for hit in pronouns)


def _adjacent(context: _Context, a: Hit, b: Hit) -> bool:
    """Two words next to each other, or joined by a hyphen or one short word (a-t-elle assuré)."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return len(context.text[first.end:second.start].split()) <= 1


def _verb_hits(context: _Context, start: int, end: int) -> list[Hit]:
    return context.finder.hits(context.rules.verbs, context.rules.raw_verbs, start, end)


def _clause_verb_hits(context: _Context, start: int, end: int) -> list[Hit]:
    """Verbs of saying that report the words straight after them, with no complementizer:
    not those whose plain object is mostly a thing (X announced a sharp acceleration of …),
    unless a comma or colon right after the verb opens the words (Sie betonte, …; заявил: …)."""
    rules = context.rules
    objects = {hit.start for hit in
               context.finder.hits(rules.object_verbs, rules.raw_object_verbs, start, end)}
    return [hit for hit in _verb_hits(context, start, end)
            if hit.start not in objects or _CLAUSE_OPENING.match(context.text, hit.end)]


def _named_speaker(context: _Context, start: int, end: int, anchor: Hit) -> Mention | None:
    outlets = [h.end for h in _outlet_hits(context, start, end)]
    inside = [m for m in context.entities_within(start, end)
              if _named(m) and _entity(m).type in ("person", "organisation")
              and not _modifies_next_word(context, m)
              and not any(_credited_outlet(context, h, m) for h in outlets)]
    if not inside:
        return None
    people = [m for m in inside if _entity(m).type == "person"] or inside
    return min(people, key=lambda m: _distance(m, anchor))


def _modifies_next_word(context: _Context, mention: Mention) -> bool:
    """A name joined by a hyphen to the word after it (der Tesla-Chef, der Kreml-Kritiker) only
    says whose or which: the one speaking is the chief or the candidate, not the name."""
    return _HYPHEN_THEN_WORD.match(context.text, mention.end) is not None


_HYPHEN_THEN_WORD = regex.compile(r"[-‑]\p{L}")
_CLAUSE_OPENING = regex.compile(r"\s*[,:，：]")


def _credited_outlet(context: _Context, outlet_end: int, mention: Mention) -> bool:
    """The name an outlet verb credits follows it within its clause (передает РИА Новости);
    after a comma a new clause has its own subject (据新华社报道，托卡耶夫表示)."""
    gap = mention.start - outlet_end
    return 0 <= gap <= OUTLET_REACH and not _CLAUSE_BREAK.search(context.text, outlet_end, mention.start)


def _entity(mention: Mention) -> EntityAttrs:
    return attrs_as(EntityAttrs, mention)


def _named(mention: Mention) -> bool:
    """A mention of the name itself, not an adjective made from it (казахстанский)."""
    return _entity(mention).form == "name"


def _distance(mention: Mention, hit: Hit) -> int:
    if mention.end <= hit.start:
        return hit.start - mention.end
    return max(0, mention.start - hit.end)


def _referred_speaker(context: _Context, start: int, end: int, before: int) -> tuple[Mention, str] | None:
    """A pronoun, a title or a bare verb: the person it points back to.

    A title points to the last person who bore it; a pronoun or a bare verb to the subject of
    the last sentence that named someone, taken as the first person named in it ("X met Y. He
    said" is X).
    """
    earlier = [m for m in context.entities_before(before, REFERENT_REACH)
               if _entity(m).type == "person" and _named(m)]
    if not earlier:
        return None
    pronouns = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end)
    title = _title_in(context, start, end)
    if title is not None:
        places = _places_in(context, start, end)
        fits = {id(m): _country_fit(m, places, context.lexicon) for m in earlier}
        pool = [m for m in earlier if fits[id(m)] >= 0] or earlier
        titled = [m for m in pool if _same_title(_entity(m).title, title.text)]
        best = [m for m in pool if fits[id(m)] > 0]
        return (best or titled or pool)[-1], title.text
    if _unnamed_speaker_since(context, earlier[-1].end, start):
        return None  # "a farmer told reporters … He said": not the last person named
    subject = _subject_of_last_naming_sentence(context.text, earlier)
    if pronouns:
        return subject, pronouns[0].text
    return subject, ""


def _places_in(context: _Context, start: int, end: int) -> set[str]:
    """Canonical places named in a clause (Қазақстан Президенті, الرئيس القرغيزي)."""
    return {m.value for m in context.entities_within(start, end)
            if _entity(m).type == "place" and _entity(m).canonical}


def _country_fit(person: Mention, places: set[str], lexicon: Lexicon) -> int:
    """1 when the places of a title (the President of Kazakhstan) are the person's, -1 when the
    person is known to belong to another country, 0 when nothing tells."""
    if not places or not _entity(person).canonical:
        return 0
    entity = lexicon.entities.get(person.value)
    if entity is None or not entity.context:
        return 0
    own = set(entity.context)
    if own & places:
        return 1
    countries = {c for c in own if c in lexicon.entities and lexicon.entities[c].code}
    return -1 if countries else 0


def _unnamed_speaker_since(context: _Context, since: int, start: int) -> bool:
    """Whether someone the text does not name spoke between ``since`` and ``start``.

    A pronoun points back to the last speaker; when that speaker had no name (一位村民说,
    a local farmer told reporters), it does not point to an earlier named person.
    """
    for verb in _verb_hits(context, since, start):
        clause = _clause_start(context.text, verb.start)
        named = [m for m in context.entities_within(clause, verb.start)
                 if _entity(m).type in ("person", "organisation")]
        pronouns = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, clause, verb.start)
        if not named and not pronouns and not _bare_verb(context, clause, verb):
            return True
    return False


def _subject_of_last_naming_sentence(text: str, people: list[Mention]) -> Mention:
    last = people[-1]
    # Searching back no further than the first of ``people`` finds the same subject: a
    # boundary before it leaves every one of them in the sentence, as none found does.
    found = _LAST_SENTENCE_END.search(text, people[0].start, last.start)
    boundary = found.start() if found else -1
    in_sentence = [m for m in people if m.start > boundary]
    return in_sentence[0] if in_sentence else last


def _title_in(context: _Context, start: int, end: int) -> Hit | None:
    gazetteer = gazetteer_for(context.language if context.names.code else None, context.lexicon)
    if not context.rules.word_spaces:
        for s, e, targets in gazetteer.scan_strings(context.text[start:end]):
            if any(t.cue and t.cue.type == "person" for t in targets):
                return Hit(start + s, start + e, context.text[start + s:start + e])
        return None
    tokens = context.finder.tokens
    for i in context.finder.token_range(start, end):
        token = tokens[i]
        match = gazetteer.match_at(tokens, i)
        if match is not None and any(t.cue and t.cue.type == "person" for t, _, _ in match.candidates):
            last = tokens[match.last - 1]
            return Hit(token.start, last.end, context.text[token.start:last.end])
    return None


def _same_title(title: str | None, cue: str) -> bool:
    if not title:
        return False
    words = {normal(w)[:5] for w in title.split()}
    return any(normal(w)[:5] in words for w in cue.split())


# --- reported speech -----------------------------------------------------------------------


def _reported_speech(context: _Context, quoted: list[tuple[int, int]]) -> list[Mention]:
    found = []
    quote_ends = [e for _, e in quoted]  # direct quotes do not overlap: their ends are in order
    for match in SENTENCE.finditer(context.text):
        start, end = match.start(), match.end()
        sentence = context.text[start:end]
        if not sentence.strip() or len(sentence) > REPORTED_MAX_CHARS:
            continue
        if _overlaps_any(quoted, quote_ends, start, end):
            continue
        first = start + len(sentence) - len(sentence.lstrip())
        last = _before_closing_credit(context, first, _trim_end(context.text, start, end))
        quote = _reported_in(context, first, last)
        if quote is not None:
            found.append(quote)
    return found


def _before_closing_credit(context: _Context, start: int, end: int) -> int:
    """Where a sentence ends before the credit to the outlet that closes it (…, передает
    Kazinform; …, деп хабарлайды Ulysmedia.kz; …, Reuters reports): the outlet relays the
    statement, it is neither part of the words nor their speaker."""
    for hit in _outlet_hits(context, start, end):
        comma = context.text.rfind(",", start, hit.start)
        if comma < 0 or hit.start - comma > OUTLET_REACH:  # Reuters reports: the name may come first
            continue
        if len(context.text[hit.end:end]) <= OUTLET_REACH:
            return _trim_end(context.text, start, comma)
    return end


def _overlaps_any(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted, not overlapping each other)."""
    index = bisect_right(ends, start)
    return index < len(spans) and spans[index][0] < end


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_STOPS):
        end -= 1
    return end


def _reported_in(context: _Context, start: int, end: int) -> Mention | None:
    for shape in REPORTED_SHAPES:
        found = shape(context, start, end)
        if found is not None:
            speaker, speaker_text, verb, referred, content_start, content_end = found
            content_start, content_end = _strip_span(context.text, content_start, content_end)
            content_start = _after_occasions(context, content_start, content_end)
            content = context.text[content_start:content_end]
            if speaker is None or not _enough_words(content, context.rules):
                continue
            if _only_a_topic(context, content_start, content_end, shape is _verb_then_complementizer):
                return None
            confidence = REPORTED_REFERRED if referred else REPORTED_NAMED
            span = (content_start, content_end)
            return _quote(context.text, *span, content, speaker, speaker_text, False, confidence, verb)
    return None


def _after_occasions(context: _Context, start: int, end: int) -> int:
    """Past the words that say where something was said (өз сөзінде, konuşmasında, o‘z
    nutqida) at the start of reported words: the occasion, not the statement."""
    while True:
        hits = context.finder.hits(context.rules.occasions, (), start, end)
        if not hits or context.text[start:hits[0].start].strip(_ONLY_PUNCTUATION):
            return start
        start = _strip_span(context.text, hits[0].end, end)[0]


def _only_a_topic(context: _Context, start: int, end: int, after_complementizer: bool = False) -> bool:
    """Reported words that name what was spoken about (о ситуации, about the plan, … туралы)
    rather than what was said: no statement, so nothing to compare across sources.

    After a complementizer the words are a clause whatever they open with (said that about
    forty members would vote against): "about" there is the clause's, not the verb's."""
    rules = context.rules
    opening = context.finder.hits(rules.topic_before, (), start, min(end, start + PHRASE_MAX_CHARS))
    if opening and opening[0].start == start and not after_complementizer:
        return True
    closing = context.finder.hits(rules.topic_after, (), max(start, end - PHRASE_MAX_CHARS), end)
    return bool(closing) and not context.text[closing[-1].end:end].strip(_ONLY_PUNCTUATION)


def _enough_words(content: str, rules: QuoteRules) -> bool:
    if rules.word_spaces:
        return len(content.split()) >= REPORTED_MIN_WORDS
    return len(content) >= 4


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    junk = _quote_marks()[1]
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def _speaker_near(context: _Context, start: int, end: int, anchor: Hit, before: int):
    """The speaker of reported words: a name next to the verb, else the person a pronoun, a
    title or a bare verb points back to. An organisation named beside a pronoun subject is
    where the person spoke (Il a déclaré sur France Info que …)."""
    named = _named_speaker(context, start, end, anchor)
    if named is not None and _entity(named).type != "person" and anchor.text and (
            _pronoun_beside(context, start, end, anchor)):
        named = None
    if named is not None:
        return named, named.text, False
    if _points_back(context, start, end, anchor):
        referred = _referred_speaker(context, start, end, before)
        if referred is not None:
            return referred[0], referred[1] or None, True
    return None


def _points_back(context: _Context, start: int, end: int, verb: Hit) -> bool:
    """Whether an attribution without a name points back to a person named before: a pronoun,
    a title or a verb without a subject of its own. Any other subject ("the draft", "一份声明",
    "the group") is someone or something the text does not name."""
    pronouns = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end)
    return bool(pronouns) or _title_in(context, start, end) is not None or _bare_verb(context, start, verb)


def _bare_verb(context: _Context, start: int, verb: Hit) -> bool:
    """A speech verb with no subject of its own (وأضاف أن…): its speaker is the last one named.

    Words before the verb that are neither a name, a pronoun nor a title are a subject this
    text does not name (双方表示, Officials said,分析人士指出): nobody to point back to.
    """
    if not verb.text:
        return False
    before = context.text[start:verb.start]
    return not regex.search(r"[\p{L}\p{N}]", before) and not _unknown_name_after(context, verb)


def _unknown_name_after(context: _Context, verb: Hit) -> bool:
    """A capitalised word right after the verb (…", lobte Weber; — сказал Смирнов): the verb's
    own subject, a name the entity stage left unfound, not a pointer to the last person named.
    (A title there, sagte Bundeskanzler, is read before this is asked.)"""
    following = _capitalised_after(context, verb)
    return following is not None and _bearer_of(context, following) is None


def _capitalised_after(context: _Context, verb: Hit) -> Hit | None:
    """The capitalised word right after a verb, unless it is a pronoun."""
    if not context.names.capitalisation:
        return None
    found = regex.match(r"[ \t]+(\p{Lu}\p{Ll}+)", context.text[verb.end:verb.end + PHRASE_MAX_CHARS])
    if found is None:
        return None
    start, end = verb.end + found.start(1), verb.end + found.end(1)
    if context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end):
        return None
    return Hit(start, end, found.group(1))


def _bearer_of(context: _Context, word: Hit) -> Mention | None:
    """The last person named before whose name holds ``word`` (…", sagte Weber after Anna
    Weber): a second mention the entity stage left unfound is that person."""
    key = normal(word.text)
    for mention in reversed(context.entities_before(word.start, REFERENT_REACH)):
        if _entity(mention).type == "person" and key in {normal(w) for w in mention.text.split()}:
            return mention
    return None


def _according_to(context: _Context, start: int, end: int):
    """по словам X, … / according to X, … / 据X称，…"""
    rules = context.rules
    for hit in context.finder.hits(rules.according_to, rules.raw_according_to, start, min(end, start + 40)):
        comma = _next_comma(context.text, hit.end, end)
        if comma is None:
            continue
        speaker = _speaker_near(context, hit.end, comma, Hit(hit.end, hit.end, ""), start)
        if speaker is None:
            continue
        if _speaks_itself(context, comma + 1, end):
            return None  # According to Reuters, Tokayev said …: the source of the news, not the speaker
        verbs = _verb_hits(context, hit.end, comma)
        return (*speaker[:2], verbs[0].text if verbs else hit.text, speaker[2], comma + 1, end)
    return None


def _according_to_closing(context: _Context, start: int, end: int):
    """… remains unclear, according to analyst X. / …, по словам X. / …, selon X.: the credit
    closes the sentence, after a comma; what comes before it is the words."""
    rules = context.rules
    if not rules.word_spaces:
        return None
    hits = context.finder.hits(rules.according_to, (), max(start, end - ATTRIBUTION_REACH), end)
    if not hits:
        return None
    hit = hits[-1]
    comma = context.text.rfind(",", start, hit.start)
    if comma < 0 or context.text[comma + 1:hit.start].strip():
        return None
    named = _named_speaker(context, hit.end, end, Hit(hit.end, hit.end, ""))
    if named is None or _entity(named).type != "person":
        return None
    if context.text[named.end:end].strip(_ONLY_PUNCTUATION):
        return None  # a person named last, nothing said after the name
    if _verb_hits(context, hit.end, named.start):
        return None
    return named, named.text, hit.text, False, start, comma


def _speaks_itself(context: _Context, start: int, end: int) -> bool:
    """Whether the words after an "according to X," name their own speaker as the subject of a
    verb of saying (据新华社报道，托卡耶夫表示，…)."""
    verbs = _verb_hits(context, start, end)
    if not verbs:
        return False
    named = _named_speaker(context, start, verbs[0].start, verbs[0])
    return named is not None and _entity(named).type == "person" and _subject_of(context, named, verbs[0])


def _according_to_self(context: _Context, start: int, end: int):
    """По его словам, … / According to him, … / 据他说，…: the words of the last person named."""
    rules = context.rules
    hits = context.finder.hits(rules.according_to_self, rules.raw_according_to_self, start, end)
    if not hits or context.text[start:hits[0].start].strip(_ONLY_PUNCTUATION):
        return None
    hit = hits[0]
    referred = _referred_speaker(context, start, end, start)
    if referred is None:
        return None
    return referred[0], hit.text, hit.text, True, hit.end, end


def _according_to_after(context: _Context, start: int, end: int):
    """Тоқаевтың айтуынша, … / Tokayev'e göre … / Tokajew zufolge …"""
    for hit in context.finder.hits(context.rules.according_to_after, (), start, end):
        named = _named_speaker(context, start, hit.start, hit)
        if named is not None and hit.start - named.end <= 3:
            return named, named.text, hit.text, False, hit.end, end
        pronoun = _leading_pronoun(context, start, hit.start)  # Оның айтуынша, … (his words)
        if named is None and pronoun is not None and hit.start - pronoun.end <= 3:
            referred = _referred_speaker(context, start, end, start)
            if referred is not None:
                return referred[0], pronoun.text, hit.text, True, hit.end, end
    return None


def _verb_then_complementizer(context: _Context, start: int, end: int):
    """X said (on Monday) that … / وقال X إن … / X表示，…

    A verb that credits an outlet (reported, writes) reports a person's words as well when a
    person is its subject (the council head reported that …): an outlet there stays no speaker."""
    rules = context.rules
    outlets = _outlet_hits(context, start, end)
    outlet_verbs = {hit.start for hit in outlets}
    for verb in sorted(_verb_hits(context, start, end) + outlets, key=lambda h: h.start):
        reach = COMPLEMENTIZER_REACH if rules.word_spaces else PUNCTUATION_REACH
        # Only the first "that" counts, and only near the verb: looking further costs, finds nothing.
        window = min(end, verb.end + reach + PHRASE_MAX_CHARS)
        complementizers = context.finder.hits(
            rules.complementizers, rules.raw_complementizers, verb.end, window
        )
        if not complementizers or complementizers[0].start - verb.end > reach:
            continue
        marker = complementizers[0]
        speaker = _speaker_near(context, start, marker.start, verb, verb.start)
        if speaker is None or (verb.start in outlet_verbs and _entity(speaker[0]).type != "person"):
            continue
        return (*speaker[:2], verb.text, speaker[2], marker.end, end)
    return None


def _quotative(context: _Context, start: int, end: int):
    """Тоқаев … деп атап өтті / Tokayev … diye konuştu: the quoted clause closes with a particle."""
    for particle in context.finder.hits(context.rules.quotative, (), start, end):
        verbs = _verb_hits(context, particle.end, end)
        if not verbs or verbs[0].start - particle.end > 40:
            continue
        verb = verbs[0]
        after = _named_speaker(context, verb.end, end, verb)
        head = _named_speaker(context, start, particle.start, Hit(start, start, ""))
        speaker = after or head
        if speaker is None:
            referred = _referred_speaker(context, start, end, start)
            if referred is None:
                continue
            mention, written = referred
            return mention, written or None, verb.text, True, start, particle.start
        content_start = head.end if speaker is head else start
        return speaker, speaker.text, verb.text, False, content_start, particle.start
    return None


def _verb_final(context: _Context, start: int, end: int):
    """…, Tokayev said. / Tokayev, ilişkilerin güçlü olduğunu söyledi. / X … атап өтті."""
    verbs = _verb_hits(context, start, end)
    if not verbs:
        return None
    verb = verbs[-1]
    tail = context.text[verb.end:end]
    tail_entity = _named_speaker(context, verb.end, end, verb)
    if tail_entity is not None and not _follows_verb(context, verb, tail_entity):
        tail_entity = None  # which it says operates in the Sahel: a name in the words, no speaker
    more_after = tail.strip() and (tail_entity is None or context.text[tail_entity.end:end].strip())
    if more_after and not _only_pronoun(context, verb.end, end):
        return None
    comma = context.text.rfind(",", start, verb.start)
    head = _named_speaker(context, start, min(verb.start, start + 60), Hit(start, start, ""))
    if comma > start and _named_or_pronoun_after(context, comma, verb):
        speaker = _speaker_near(context, comma, end, verb, comma)
        if speaker is not None:
            return (*speaker[:2], verb.text, speaker[2], start, comma)
        if head is None or context.text[head.end:comma].strip():
            return None  # …, the presidential office said: a speaker the text does not name
    if head is not None and len(context.text[start:head.start].split()) <= HEAD_TITLE_WORDS:
        return head, head.text, verb.text, False, head.end, verb.start
    pronoun = _leading_pronoun(context, start, verb.start)
    if pronoun is not None:
        referred = _referred_speaker(context, start, end, start)
        if referred is not None:
            return referred[0], pronoun.text, verb.text, True, pronoun.end, verb.start
    return None


def _follows_verb(context: _Context, verb: Hit, named: Mention) -> bool:
    """The name is the subject after its verb (…, said Foreign Minister Lavrov): only a title
    between them, no clause break."""
    gap = context.text[verb.end:named.start]
    if _CLAUSE_BREAK.search(gap):
        return False
    return len(gap.split()) <= HEAD_TITLE_WORDS if context.rules.word_spaces else len(gap) <= MAX_SUBJECT_GAP


def _leading_pronoun(context: _Context, start: int, end: int) -> Hit | None:
    hits = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end)
    if hits and not context.text[start:hits[0].start].strip():
        return hits[0]
    return None


def _only_pronoun(context: _Context, start: int, end: int) -> bool:
    hits = context.finder.hits(context.rules.pronouns, context.rules.raw_pronouns, start, end)
    return bool(hits) and not context.text[hits[-1].end:end].strip()


def _named_or_pronoun_after(context: _Context, comma: int, verb: Hit) -> bool:
    """In "…, X said" the attribution after the comma is short: a name or pronoun and the verb."""
    return len(context.text[comma + 1:verb.start].split()) <= 4


def _verb_then_content(context: _Context, start: int, end: int):
    """X said the talks went well. / Merz sagte, Deutschland sei bereit."""
    for verb in _clause_verb_hits(context, start, end):
        named = _named_speaker(context, start, verb.start, verb)
        if named is not None and _subject_of(context, named, verb):
            return named, named.text, verb.text, False, verb.end, end
        pronoun = _leading_pronoun(context, start, verb.start)
        if named is None and pronoun is not None and _subject_of(context, pronoun, verb):
            referred = _referred_speaker(context, start, end, start)  # He said prices rose.
            if referred is not None:
                return referred[0], pronoun.text, verb.text, True, verb.end, end
    return None


def _verb_speaker_comma(context: _Context, start: int, end: int):
    """In seiner Rede sagte Tokajew, der Handel sei gewachsen: the verb before its subject (a
    verb-second clause), the reported words after the comma that closes the subject."""
    if not context.rules.word_spaces:
        return None
    for verb in _clause_verb_hits(context, start, end):
        comma = _next_comma(context.text, verb.end, min(end, verb.end + ATTRIBUTION_REACH))
        if comma is None:
            continue
        named = _named_speaker(context, verb.end, comma, verb)
        between = context.text[verb.end:named.start] + context.text[named.end:comma] if named else "-"
        if between.split():
            continue
        return named, named.text, verb.text, False, comma + 1, end
    return None


def _subject_of(context: _Context, named: Mention | Hit, verb: Hit) -> bool:
    """The name is the verb's subject: at most two words between them, and no clause break
    (米尔济约耶夫和扎帕罗夫还讨论了…，双方表示: the sides spoke, not the last name)."""
    gap = context.text[named.end:verb.start]
    if _CLAUSE_BREAK.search(gap):
        return False
    return len(gap.split()) <= 2 if context.rules.word_spaces else len(gap) <= MAX_SUBJECT_GAP


# The shapes of reported speech, tried in this order on each sentence.
REPORTED_SHAPES = (
    _according_to_self,
    _according_to,
    _according_to_closing,
    _according_to_after,
    _verb_then_complementizer,
    _quotative,
    _verb_final,
    _verb_then_content,
    _verb_speaker_comma,
)


def _next_comma(text: str, start: int, end: int) -> int | None:
    match = _NEXT_COMMA.search(text, start, end)
    return match.start() if match else None


def _clean_value(value: str) -> str:
    """The quoted words without the clause punctuation marks leave behind (keeps ? and !)."""
    return value.strip().rstrip(_VALUE_TRAILING).strip()


def _quote(text, start, end, value, speaker: Mention | None, speaker_text, direct, confidence, verb
           ) -> Mention:
    return Mention(
        kind="quote",
        start=start,
        end=end,
        text=text[start:end],
        value=_clean_value(value),
        attrs={
            "speaker": speaker.value if speaker is not None else None,
            "speaker_text": speaker_text,
            # The entity mention the speaker was read from (for a pronoun, the person it points
            # back to): ``canonical_speakers`` follows it to the entity's name across documents.
            "speaker_start": speaker.start if speaker is not None else None,
            "speaker_end": speaker.end if speaker is not None else None,
            "direct": direct,
            "confidence": confidence,
            "verb": verb,
        },
    )

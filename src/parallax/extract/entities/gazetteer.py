"""Per-language phrase index over entity names, adjectives and cue words.

A phrase matches a run of tokens when every word shares a stem with the text's word after
inflection is stripped on both sides (Франция ~ Франции share франци; Астана ~ Астанада
share астана). The cheaper match (fewer letters cut) wins, so an exact name beats an
inflected reading of another one (Мирзиёева the daughter before Мирзиёев in the genitive).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ...tables import stored_table
from .lexicon import Entity, Lexicon, curated_entities
from .rules import Cue, Rules, rules_for
from .text import Token, drop_elisions, is_acronym, is_capitalised, normal, strip_elision, tokenize, words_of

# An alias from another language of the same alphabet is a little less trusted.
FOREIGN_COST = 1
SHORT_NAME = 3  # names this short match only as written (ЕС, UN, Си), never inflected
KEEP_OF_NAME = 0.7  # share of an alias word its stem keeps
_APOSTROPHE = regex.compile(r"['’ʻʼ`]")


@dataclass(frozen=True)
class Target:
    entity: str | None  # canonical name; None for a cue word
    form: str  # "name", "adjective" or "cue"
    cue: Cue | None = None


@dataclass(frozen=True)
class Phrase:
    text: str  # as written in the alias file or language file
    words: tuple[str, ...]
    capitals: tuple[bool, ...]
    acronym: bool
    target: Target
    cost: int  # FOREIGN_COST for aliases borrowed from another language


@dataclass(frozen=True)
class Match:
    first: int  # token indexes, end exclusive
    last: int
    candidates: tuple[tuple[Target, int, str], ...]  # best first: (target, letters cut, alias)
    cuts: tuple[tuple[int, int], ...]  # per token: letters cut at the front and the end


class Gazetteer:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.index: dict[str, list[tuple[Phrase, int]]] = defaultdict(list)
        self.strings: dict[str, list[Target]] = defaultdict(list)  # for scripts without spaces
        self.longest_string = 0
        # The stems of a word that begin some phrase: most words of a text begin none, and a
        # word comes back often; forgotten whenever a phrase is added.
        self._indexed_stems: dict[str, tuple[tuple[str, tuple[int, int]], ...]] = {}

    def add(self, text: str, target: Target, cost: int = 0) -> None:
        self._indexed_stems.clear()
        if not self.rules.word_spaces:
            self._add_string(text, target)
            return
        elisions = self.rules.elisions
        full = words_of(text)
        words = tuple(strip_elision(w, elisions) for w in full)
        if not words:
            return
        raw = [w[len(f) - len(k):] for w, f, k in zip(_raw_words(text), full, words, strict=True)]
        phrase = Phrase(
            text=text,
            words=words,
            capitals=tuple(self.rules.capitalisation and is_capitalised(w) for w in raw),
            acronym=len(words) == 1 and is_acronym(text),
            target=target,
            cost=cost,
        )
        for stem, cut in self._word_variants(words[0]).items():
            self.index[stem].append((phrase, sum(cut)))

    def _add_string(self, text: str, target: Target) -> None:
        key = normal(text)
        if len(key) >= 2 and target not in self.strings[key]:
            self.strings[key].append(target)
            self.longest_string = max(self.longest_string, len(key))

    def _word_variants(self, word: str) -> dict[str, tuple[int, int]]:
        if len(word) <= SHORT_NAME:
            return {word: (0, 0)}
        return self.rules.morphology.variants(word)

    def match_at(self, tokens: list[Token], i: int) -> Match | None:
        """The longest phrase starting at token ``i``, with every reading of that length."""
        stems = self._stems_in_index(tokens[i].norm)
        if not stems:
            return None
        best: dict[int, list[tuple[Target, int, tuple]]] = defaultdict(list)
        for stem, cut in stems:
            for phrase, phrase_cut in self.index.get(stem, ()):
                if not _keeps_most(stem, phrase.words[0]):
                    continue
                if not self._inflection_fits(phrase, 0, tokens[i].norm, cut, phrase_cut):
                    continue
                found = self._match_phrase(phrase, tokens, i, sum(cut) + phrase_cut, cut)
                if found is not None:
                    best[len(phrase.words)].append((phrase.target, *found, phrase.text))
        if not best:
            return None
        size = max(best)
        readings: dict[Target, tuple[int, tuple, str]] = {}
        for target, cost, cuts, alias in sorted(best[size], key=lambda r: r[1]):
            readings.setdefault(target, (cost, cuts, alias))
        ordered = sorted(readings.items(), key=lambda r: r[1][0])
        return Match(i, i + size, tuple((t, c, a) for t, (c, _, a) in ordered), ordered[0][1][1])

    def _stems_in_index(self, word: str) -> tuple[tuple[str, tuple[int, int]], ...]:
        found = self._indexed_stems.get(word)
        if found is None:
            variants = self._word_variants(word).items()
            found = tuple((stem, cut) for stem, cut in variants if stem in self.index)
            if len(self._indexed_stems) < _MAX_REMEMBERED_WORDS:
                self._indexed_stems[word] = found
        return found

    def _match_phrase(self, phrase: Phrase, tokens: list[Token], i: int, cost: int, cut) -> tuple | None:
        n = len(phrase.words)
        if i + n > len(tokens) or not self._shape_fits(phrase, tokens[i], 0):
            return None
        cuts = [cut]
        for k in range(1, n):
            token = tokens[i + k]
            joined = _adjacent(token) or _dotted_initials(tokens[i + k - 1], token)
            if not joined or not self._shape_fits(phrase, token, k):
                return None
            shared = self._shared_stem(token.norm, phrase.words[k])
            if shared is None or not self._inflection_fits(phrase, k, token.norm, shared[1], shared[2]):
                return None
            cost += shared[0]
            cuts.append(shared[1])
        return cost + phrase.cost, tuple(cuts)

    def _shape_fits(self, phrase: Phrase, token: Token, k: int) -> bool:
        if phrase.acronym:  # NATO'nun: the letters before an apostrophe are the acronym
            return is_acronym(_APOSTROPHE.split(token.text)[0]) or not self.rules.capitalisation
        return not phrase.capitals[k] or token.capitalised

    def _shared_stem(self, word: str, alias_word: str) -> tuple[int, tuple[int, int], int] | None:
        """(letters cut in all, cut from the text's word, cut from the alias's word) or None."""
        if word == alias_word:
            return 0, (0, 0), 0
        mine = self._word_variants(word)
        theirs = self._word_variants(alias_word)
        best = None
        for stem, cut in mine.items():
            if stem in theirs and _keeps_most(stem, alias_word):
                cost = sum(cut) + sum(theirs[stem])
                if best is None or cost < best[0]:
                    best = (cost, cut, sum(theirs[stem]))
        return best

    def _inflection_fits(self, phrase: Phrase, k: int, word: str, cut: tuple[int, int], alias_cut: int
                         ) -> bool:
        """Where proper names do not inflect (Roman is not Roma+n), only name endings may go.

        Everywhere, a word is never a name cut short (رومان is not رومانی without its ending).
        """
        if cut == (0, 0) and alias_cut:
            return False
        if self.rules.names_inflect or not phrase.capitals[k] or (cut == (0, 0) and alias_cut == 0):
            return True
        if alias_cut or cut[0]:
            return False
        ending, stem = word[len(word) - cut[1]:], word[:len(word) - cut[1]]
        morphology = self.rules.morphology
        after = any(stem.endswith(end) and ending in suffixes
                    for end, suffixes in morphology.name_suffixes_after)
        return ending in (morphology.name_suffixes or ()) or after \
            or any(ending.startswith(s) for s in morphology.separators)

    def scan_strings(self, text: str) -> Iterator[tuple[int, int, list[Target]]]:
        """Longest known strings in running text without word spaces, left to right."""
        key = normal(text)
        if len(key) != len(text):  # normalising changed offsets: scan the raw text
            key = text
        index = 0
        while index < len(key):
            for size in range(min(self.longest_string, len(key) - index), 1, -1):
                targets = self.strings.get(key[index:index + size])
                if targets:
                    yield index, index + size, targets
                    index += size
                    break
            else:
                index += 1


def _keeps_most(stem: str, alias_word: str) -> bool:
    """A shared stem must keep most of the name (Франци of Франция, not روم of روماني)."""
    return len(stem) >= KEEP_OF_NAME * len(alias_word)


def _adjacent(token: Token) -> bool:
    """Words of one name are separated by spaces or a hyphen, never by punctuation or a line break."""
    return "\n" not in token.gap_before and token.gap_before.strip() in ("", "-", "‑")


def _dotted_initials(previous: Token, token: Token) -> bool:
    """Initials written with dots are one name (U.S., U.K.): a dot between two single letters."""
    return token.gap_before == "." and len(previous.text) == 1 and len(token.text) == 1


def _raw_words(text: str) -> list[str]:
    from .text import WORD

    return [m.group() for m in WORD.finditer(text)]


def gazetteer_for(code: str | None, lexicon: Lexicon) -> Gazetteer:
    """The phrase index of a language: the curated entities' (stored), learned ones, then cues."""
    return lexicon.derived(("gazetteer", code), lambda: _gazetteer(code, lexicon))


def _gazetteer(code: str | None, lexicon: Lexicon) -> Gazetteer:
    rules = rules_for(code)
    gazetteer = Gazetteer(rules)
    gazetteer.index, gazetteer.strings, gazetteer.longest_string = stored_table(
        f"gazetteer-{code}", lambda: _curated_index(code)
    )
    for entity in lexicon.entities.values():
        if entity.name not in lexicon.curated:
            _add_entity(gazetteer, entity, code)
    for words, cue in rules.cues.items():
        gazetteer.add(" ".join(words), Target(None, "cue", cue))
    return gazetteer


def _curated_index(code: str | None) -> tuple[dict, dict, int]:
    gazetteer = Gazetteer(rules_for(code))
    for entity in curated_entities().values():
        _add_entity(gazetteer, entity, code)
    return gazetteer.index, gazetteer.strings, gazetteer.longest_string


def _add_entity(gazetteer: Gazetteer, entity: Entity, code: str | None) -> None:
    """Names and adjectives of ``entity`` in the language, then in others of its script (costlier)."""
    own = [code] if code else []
    for lang, cost in [*((c, 0) for c in own), *((c, FOREIGN_COST) for c in gazetteer.rules.same_script)]:
        for name in entity.names.get(lang, ()):
            gazetteer.add(name, Target(entity.name, "name"), cost)
        for adjective in entity.adjectives.get(lang, ()):
            gazetteer.add(adjective, Target(entity.name, "adjective"), cost)


def tokens_for(text: str, rules: Rules) -> list[Token]:
    """Word tokens of ``text`` as the language's rules see them (elisions cut).

    The names and the quotes of a document ask for the tokens of the same text one after the
    other: a long text's tokens are kept until another long text is asked for.
    """
    if len(text) < _REMEMBERED_FROM:
        return drop_elisions(tokenize(text), rules.elisions)
    global _remembered
    remembered = _remembered  # read once: another thread may replace it meanwhile
    if remembered[:2] != (text, rules.elisions):
        remembered = (text, rules.elisions, tuple(drop_elisions(tokenize(text), rules.elisions)))
        _remembered = remembered
    return list(remembered[2])


_MAX_REMEMBERED_WORDS = 200_000  # as the morphology's memo: a vocabulary, not every text
_REMEMBERED_FROM = 2_000  # characters: a document, not a name
_remembered: tuple[str, tuple[str, ...], tuple[Token, ...]] = ("", (), ())

"""The ``[entities]`` section of a language file, compiled once per language.

Nothing here knows a language: every list comes from ``parallax.lang.load(code)``. A missing
language (``None`` or unknown) gets neutral rules: no affixes, capitals where the text has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

import regex

from ...lang import languages, maybe_load
from ...lang.scripts import VOWELS
from .text import normal, words_of

CUE_TYPES = ("person", "place", "organisation")
KEEP_OF_WORD = 0.7  # share of a word that a stem shared with an inflected form keeps


@dataclass(frozen=True)
class Morphology:
    """Affixes that inflection and clitics add to a name, and how deep to strip them."""

    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    name_suffixes: tuple[str, ...] | None = None  # None: the same as `suffixes`
    # endings a name takes only after its own last letters (Niederlande|n): ((ending, (suffix, ...)), ...)
    name_suffixes_after: tuple[tuple[str, tuple[str, ...]], ...] = ()
    separators: tuple[str, ...] = ()
    min_stem: int = 3
    max_affixes: int = 2
    _memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def variants(self, word: str) -> dict[str, tuple[int, int]]:
        """Every stem reachable by stripping affixes -> (chars cut at the front, at the end)."""
        found = self._memo.get(word)
        if found is None:
            found = self._strip_all(word)
            if len(self._memo) < 200_000:
                self._memo[word] = found
        return found

    def _strip_all(self, word: str) -> dict[str, tuple[int, int]]:
        found = {word: (0, 0)}
        frontier = [word]
        for _ in range(self.max_affixes):
            next_frontier = []
            for stem in frontier:
                front, back = found[stem]
                for shorter, cut_front, cut_back in self._strip_once(stem):
                    cut = (front + cut_front, back + cut_back)
                    if shorter not in found or sum(cut) < sum(found[shorter]):
                        found[shorter] = cut
                        next_frontier.append(shorter)
            frontier = next_frontier
        return found

    def _strip_once(self, stem: str):
        for separator in self.separators:
            head, sep, tail = stem.partition(separator)
            if sep and len(head) >= 2:
                yield head, 0, len(sep) + len(tail)
        for prefix in self.prefixes:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= self.min_stem:
                yield stem[len(prefix):], len(prefix), 0
        for suffix in self.suffixes:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= self.min_stem:
                yield stem[: -len(suffix)], 0, len(suffix)

    def name_stem(self, word: str) -> tuple[int, int]:
        """How much to cut from an unknown name to get its dictionary form (front, back)."""
        front = 0
        for prefix in self.prefixes:  # longest first
            if word.startswith(prefix) and len(word) - len(prefix) >= self.min_stem:
                front = len(prefix)
                break
        for separator in self.separators:
            index = word.find(separator, front)
            if index >= front + 2:
                return front, len(word) - index
        rest = word[front:]
        suffixes = self.suffixes if self.name_suffixes is None else self.name_suffixes
        for suffix in suffixes:  # longest first
            if rest.endswith(suffix) and len(rest) - len(suffix) >= max(self.min_stem, 4):
                return front, len(suffix)
        return front, 0


@dataclass(frozen=True)
class Cue:
    """A word before or after a name that tells what the name is (President X, X облысы)."""

    type: str
    before_name: bool  # President X
    after_name: bool  # X总统, Ақтөбе облысы, ماكرون، رئيس فرنسا


T = TypeVar("T")


@dataclass(frozen=True)
class Rules:
    code: str | None
    transliterator: str
    transliteration_rules: str  # ICU rules applied before the transform (Ç > Ch)
    capitalisation: bool
    capitalised_nouns: bool
    names_inflect: bool  # False: proper names take only `name_suffixes` (Kasachstans), not all endings
    word_spaces: bool
    morphology: Morphology
    particles: frozenset[str]
    name_endings: tuple[str, ...]
    stopwords: frozenset[str]
    max_name_words: int
    cues: dict[tuple[str, ...], Cue]
    organisation_words: frozenset[str]
    place_words: frozenset[str]
    place_before: frozenset[str]
    place_suffixes: frozenset[str]  # case endings that make an unknown name a place (locative)
    complement_prefixes: tuple[str, ...]  # الطاقة after وزير: words so marked complete a title
    elisions: tuple[str, ...]  # l', d': cut from the front of a word before anything else
    patterns: dict[str, tuple[str, ...]]
    name_chars: str
    readings: dict[str, str]
    same_script: tuple[str, ...]  # languages whose aliases are also tried (one alphabet)
    word_segmenter: str = ""  # a segmenter of running characters into words (see segmenter.py)
    segmenter_names: dict[str, str] = field(default_factory=dict)  # its tag -> person, place...
    segmenter_min_name: int = 3  # characters of a word it tags as a name, to be taken as one
    segmenter_name_words: frozenset[str] = frozenset()  # its tags of words a name may grow into
    segmenter_organisations: frozenset[str] = frozenset()  # its tags of organisations' names
    segmenter_common_heads: tuple[str, ...] = ()  # endings of such words that make them common nouns
    segmenter_not_names: frozenset[str] = frozenset()  # words it tags as names that are none
    # Its tags of the words that end a phrase naming an organisation or a place (verbs, particles,
    # pronouns...), and of the words that are names of places or things (see find._headed_phrases).
    segmenter_phrase_breaks: frozenset[str] = frozenset()
    segmenter_proper_words: frozenset[str] = frozenset()
    # The head nouns of organisations' and places' names, by a label common to all languages (an
    # English word): "committee" -> (Committee, Commission) / (委员会,). Names with one head label in
    # two languages may be one translated word by word (match._join_by_heads).
    heads: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # label -> (type, words)
    demonym_endings: tuple[str, ...] = ()  # Libya|n, Sénégal|ais: a place's people or adjective
    noun_endings: tuple[str, ...] = ()  # endings of abstract nouns, which no name has (Lähm|ung)
    ordinal_suffixes: tuple[str, ...] = ()  # [numbers] ordinal_suffixes: a Roman numeral's (XIII|e siècle)
    # Lower-case words inside an organisation's name (Institute of Physics and Technology).
    connectors: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()  # connectors that join two names (and): one word follows
    # An organisation's name may capitalise its first word only (Орталық коммуникациялар қызметі).
    lowercase_name_words: bool = True
    # Articles and determiners before a noun phrase (der, einem): where every noun has a capital,
    # capitalised words after one that end on a common word are a phrase (dem Mutterland der Reformation).
    noun_determiners: frozenset[str] = frozenset()
    name_dots: str = ""  # other dots written between the parts of a name (•, ・): read as ``·``
    latin_names: str | None = None  # the rules for names in Latin letters inside running text
    # How the language's spelling of a name sounds ([pattern, replacement] on lower-case words:
    # English th, ee, mc...), for comparing it with a name another script writes by its sound
    # (麦克·麦卡锡, Mike McCarthy).
    sound_spellings: tuple[tuple[regex.Pattern, str], ...] = ()
    # A capitalised name alone in quotation marks is a title of a work (a film, a series), where
    # the language does not quote the names of organisations and programmes as Russian does.
    quoted_names_are_titles: bool = False
    compound_heads: bool = False  # nouns join into one word whose last part is its head (Wasser|kommission)
    adjective_endings: tuple[str, ...] = ()  # case endings of a place named like an adjective (Дворічн|ого)
    # Where every noun has a capital, the endings an adjective takes after its lemma (international|en):
    # a capitalised adjective so inflected opens a noun phrase, no name (Internationalen Frauentag).
    adjective_inflections: tuple[str, ...] = ()
    # Unknown names take their nominative from the language's lemmatiser ([nouns] lemmatiser)
    # where its dictionary knows the word (Клименка -> Клименко, Бундестазі -> Бундестаг).
    name_lemmas: bool = False
    # Endings that make a region of a town's name (Харків|щина): the region is read as the town,
    # as other languages name it (Kharkiv region).
    region_endings: tuple[str, ...] = ()
    # A town the gazetteer knows that names its region with more letters changed (Брян|ськ:
    # Брян|щина; Доне|цьк: Доне|ччина): (the region ending's opening, the town's tail after the stem).
    region_town_tails: tuple[tuple[str, str], ...] = ()
    # Suffixes that make a lower-case adjective of a town's name (львів|ськ|ому, доне|цьк|ому): the
    # town, which another language may write as a name (the Kharkiv direction).
    town_adjective_suffixes: tuple[str, ...] = ()
    # Where an organisation's name goes on after its head in lower-case words (Ассоциация врачей
    # общей практики): the cases those words take, the prepositions that open a complement with the
    # case each governs (Агентство по регулированию), and the words joining two of them (и).
    complement_cases: frozenset[str] = frozenset()
    complement_prepositions: dict[str, str] = field(default_factory=dict)
    complement_coordinators: frozenset[str] = frozenset()
    # Tables derived from these rules (a language's calendar words, currency stems, compiled
    # patterns...), built on first use and kept with them: see ``derived``.
    _derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """The table ``name`` derived from this language's rules: ``build()`` on first use, then
        kept here, so whoever holds the rules (the analysis context's tables) holds it too."""
        try:
            return self._derived[name]
        except KeyError:
            return self._derived.setdefault(name, build())

    @property
    def vowel_endings(self) -> frozenset[str]:
        """One-letter endings that are vowels (а, е, у of Russian cases): a name may end in another."""
        return _vowel_endings(self.morphology.suffixes)


def _longest_first(items) -> tuple[str, ...]:
    return tuple(sorted({normal(i) for i in items if i}, key=len, reverse=True))


def _phrases(items) -> set[tuple[str, ...]]:
    return {tuple(words_of(i)) for i in items if words_of(i)}


@cache
def rules_for(code: str | None) -> Rules:
    """The compiled rules of a language; neutral rules for None or an unknown code."""
    data = maybe_load(code)
    section = data.section("entities") if data else {}
    script = data.script if data else None
    cues_section = section.get("cues", {})
    cues: dict[tuple[str, ...], Cue] = {}
    for cue_type in CUE_TYPES:
        before = _phrases(cues_section.get(f"{cue_type}_before", []))
        after = _phrases(cues_section.get(f"{cue_type}_after", []))
        for phrase in before | after:
            cues.setdefault(phrase, Cue(cue_type, phrase in before, phrase in after))
    morphology = Morphology(
        prefixes=_longest_first(section.get("prefixes", [])),
        suffixes=_longest_first(section.get("suffixes", [])),
        name_suffixes=_longest_first(section["name_suffixes"]) if "name_suffixes" in section else None,
        name_suffixes_after=tuple(
            (normal(end), tuple(normal(s) for s in suffixes))
            for end, suffixes in section.get("name_suffixes_after", {}).items()
        ),
        separators=tuple(normal(s) for s in section.get("suffix_separators", [])),
        min_stem=int(section.get("min_stem", 3)),
        max_affixes=int(section.get("max_affixes", 2)),
    )
    quote_verbs = data.section("quotes").get("verbs", []) if data else []
    return Rules(
        code=data.code if data else None,
        transliterator=section.get("transliterator", "Any-Latin"),
        transliteration_rules=section.get("transliteration_rules", ""),
        capitalisation=bool(section.get("capitalisation", data is None or script in ("Latn", "Cyrl"))),
        capitalised_nouns=bool(section.get("capitalised_nouns", False)),
        names_inflect=bool(section.get("names_inflect", True)),
        word_spaces=bool(section.get("word_spaces", True)),
        morphology=morphology,
        particles=frozenset(normal(p) for p in section.get("name_particles", [])),
        name_endings=_longest_first(section.get("name_endings", [])),
        stopwords=frozenset(normal(w) for w in [*section.get("stopwords", []), *_single_words(quote_verbs)]),
        max_name_words=int(section.get("max_name_words", 3)),
        cues=cues,
        organisation_words=frozenset(normal(w) for w in cues_section.get("organisation_words", [])),
        place_words=frozenset(normal(w) for w in cues_section.get("place_words", [])),
        place_before=frozenset(normal(w) for w in cues_section.get("place_prepositions", [])),
        place_suffixes=frozenset(normal(w) for w in section.get("place_suffixes", [])),
        elisions=_longest_first(section.get("elisions", [])),
        complement_prefixes=tuple(section.get("title_complement_prefixes", [])),
        patterns={t: tuple(section.get("patterns", {}).get(t, [])) for t in CUE_TYPES},
        name_chars=section.get("name_chars", ""),
        readings={k: v for k, v in section.get("readings", {}).items()},
        same_script=_same_script(data.code if data else None, script),
        word_segmenter=section.get("word_segmenter", ""),
        segmenter_names=dict(section.get("segmenter_names", {})),
        segmenter_min_name=int(section.get("segmenter_min_name", 3)),
        segmenter_name_words=frozenset(section.get("segmenter_name_words", [])),
        segmenter_organisations=frozenset(section.get("segmenter_organisations", [])),
        segmenter_common_heads=tuple(section.get("segmenter_common_heads", [])),
        segmenter_not_names=frozenset(section.get("segmenter_not_names", [])),
        segmenter_phrase_breaks=frozenset(section.get("segmenter_phrase_breaks", [])),
        segmenter_proper_words=frozenset(section.get("segmenter_proper_words", [])),
        heads=_heads(section.get("heads", {})),
        demonym_endings=_longest_first(section.get("demonym_endings", [])),
        noun_endings=_longest_first(section.get("noun_endings", [])),
        ordinal_suffixes=_longest_first(data.section("numbers").get("ordinal_suffixes", []) if data else []),
        connectors=frozenset(normal(w) for w in section.get("name_connectors", [])),
        coordinators=frozenset(normal(w) for w in section.get("name_coordinators", [])),
        compound_heads=bool(section.get("compound_heads", False)),
        adjective_endings=_longest_first(section.get("adjective_endings", [])),
        adjective_inflections=_longest_first(section.get("adjective_inflections", [])),
        name_lemmas=bool(section.get("name_lemmas", False)),
        region_endings=_longest_first(section.get("region_endings", [])),
        town_adjective_suffixes=_longest_first(section.get("town_adjective_suffixes", [])),
        region_town_tails=tuple((normal(a), normal(b)) for a, b in section.get("region_town_tails", [])),
        lowercase_name_words=bool(section.get("lowercase_name_words", True)),
        complement_cases=frozenset(section.get("complement_cases", [])),
        complement_prepositions={normal(k): v for k, v in section.get("complement_prepositions", {}).items()},
        complement_coordinators=frozenset(normal(w) for w in section.get("complement_coordinators", [])),
        noun_determiners=frozenset(normal(w) for w in section.get("noun_determiners", [])),
        name_dots=section.get("name_dots", ""),
        latin_names=section.get("latin_names"),
        sound_spellings=tuple((regex.compile(a), b) for a, b in section.get("sound_spellings", [])),
        quoted_names_are_titles=bool(section.get("quoted_names_are_titles", False)),
    )


def _heads(section: dict) -> dict[str, tuple[str, tuple[str, ...]]]:
    """``[entities.heads.organisation]`` and ``[entities.heads.place]``: label -> words."""
    heads: dict[str, tuple[str, tuple[str, ...]]] = {}
    for kind in ("organisation", "place"):
        for label, words in section.get(kind, {}).items():
            heads[label] = (kind, tuple(sorted({normal(w) for w in words}, key=len, reverse=True)))
    return heads


def segmenter_tags(rules: Rules) -> frozenset[str]:
    """The segmenter's tags that the entity finders read beyond those of names' characters."""
    return rules.segmenter_organisations | rules.segmenter_phrase_breaks | rules.segmenter_proper_words


def head_labels(written: str, rules: Rules) -> dict[str, str]:
    """The head labels of a name as written, with the type each gives: the word it ends with
    (National Weather Service, 国家气象局), or its first word where a connector follows
    (Institute for Polish Affairs); {} where it has no head of ``rules.heads``."""
    if not rules.heads:
        return {}
    text = normal(written)
    found: dict[str, str] = {}
    if not rules.word_spaces:
        for label, (kind, words) in rules.heads.items():
            if any(text.endswith(w) and len(text) > len(w) for w in words):
                found[label] = kind
        return found
    words = words_of(text)
    if len(words) < 2:
        return {}
    ends = {words[-1]}
    if len(words) > 2 and words[1] in rules.connectors:
        ends.add(words[0])
    for label, (kind, heads) in rules.heads.items():
        if ends & set(heads):
            found[label] = kind
    return found


def _single_words(phrases) -> list[str]:
    return [p for p in phrases if "*" not in p and len(words_of(p)) == 1]


def _same_script(code: str | None, script: str | None) -> tuple[str, ...]:
    if code is None:
        return languages()
    others = []
    for other in languages():
        data = maybe_load(other)
        if other != code and data is not None and data.script == script:
            others.append(other)
    return tuple(others)


def _type_stems(rules: Rules) -> dict[str, str]:
    """Stems of the words for kinds of places and organisations -> "place" / "organisation"."""
    stems: dict[str, str] = {}
    for kind, words in (("organisation", rules.organisation_words), ("place", rules.place_words)):
        for word in words:
            for stem in rules.morphology.variants(word):
                if len(stem) >= KEEP_OF_WORD * len(word):
                    stems.setdefault(stem, kind)
    return stems


def type_word(word: str, rules: Rules) -> str | None:
    """"organisation" or "place" when ``word`` (a normal form, inflected or not) is one of the
    language's words for a kind of organisation or place (министрлігінде, Службе, реке)."""
    stems = rules.derived("type-stems", lambda: _type_stems(rules))
    if not stems:
        return None
    for stem in rules.morphology.variants(word):
        kind = stems.get(stem)
        if kind is not None and len(stem) >= KEEP_OF_WORD * len(word) - 3:
            return None if stem != word and _no_noun(word, rules) else kind
    return _compound_type(word, rules) if rules.compound_heads else None


def _no_noun(word: str, rules: Rules) -> bool:
    """Whether the language's dictionary lists ``word`` but never as a noun: судя (judging) is no
    form of суд (court), though cutting its ending gives it."""
    lemmas = lemmatiser_of(rules)
    return lemmas.library == "pymorphy3" and lemmas.lists(word) and lemmas.noun(word) is None


def lemmatiser_of(rules: Rules):
    """The language's lemmatiser, loaded once per language's rules."""
    from ...lang.lemmas import lemmatiser  # the lemmatiser reads the language files this module reads too

    return rules.derived("lemmatiser", lambda: lemmatiser(rules.code))


MIN_COMPOUND_PART = 4  # letters of each part of a compound whose head is a type word (Wasser|kommission)


def _compound_type(word: str, rules: Rules) -> str | None:
    """The type of a compound noun whose last part is a word for an organisation or a place."""
    for kind, words in (("organisation", rules.organisation_words), ("place", rules.place_words)):
        for head in words:
            long_enough = len(word) - len(head) >= MIN_COMPOUND_PART
            if len(head) >= MIN_COMPOUND_PART and word.endswith(head) and long_enough:
                return kind
    return None


@cache
def _vowel_endings(suffixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for s in suffixes if len(s) == 1 and normal(s) in _VOWELS)


_VOWELS = frozenset(VOWELS)


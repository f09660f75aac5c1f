"""Lemmas of words from a library, for the languages one covers.

A language file names its lemmatiser in ``[nouns] lemmatiser``: ``"pymorphy3"`` (Russian,
Ukrainian: a morphological dictionary; the normal form of the word's noun reading) or
``"simplemma"`` (dictionary lemmas: Arabic, German, English, Spanish, Persian, French,
Polish, Turkish). A language without one (Kazakh, Kyrgyz, Uzbek, Chinese) keeps its hand-written
endings alone. The number extractor reads the counted noun of a quantity through its lemma
("вагонов" -> "вагон", "Waggons" -> "waggon"): a noun the lexicon lists in any form is found
in every inflection the library knows, and an unknown one is written as its lemma, so two
inflections of one noun are one unit.

Nothing is loaded before a word of a language that uses a library is asked for. simplemma's
dictionaries unpack slowly (seconds for German, Spanish and Turkish, pure Python) and take about
100 MB each as Python dicts, so they are read as MARISA tries through simplemma's own
``TrieDictionaryFactory``: built once per language and stored in the cache directory, then
opened in hundredths of a second and held in about 15 MB. pymorphy3 reads its DAWG dictionaries
in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import lang
from ..paths import atomic_file, cache_directory
from ..tables import memoised

LIBRARIES = ("pymorphy3", "simplemma")
# pymorphy3's readings tried in turn: a noun, else an adjective used as one ("раненых" is also
# "wounded people"); a verb form or adverb gives no lemma.
NOUN_READINGS = ("NOUN", "ADJF")
LEMMAS_KEPT = 1 << 16  # (language, word) pairs whose lemma is remembered
# pymorphy3's tags of proper names (surname, first name, patronymic, place, organisation,
# trademark): a word read so is a name first, whatever common noun it also spells.
NAME_TAGS = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})
# pymorphy3's Ukrainian dictionary writes the apostrophe inside a word (здоров'я) as ASCII; texts
# write it typographic or, on keyboards without one, as a straight double quote.
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`\"", "'"))


@dataclass(frozen=True)
class Lemmatiser:
    """The lemmatiser of one language (``library`` None: none, every lemma is None)."""

    code: str | None
    library: str | None = None

    def noun(self, word: str) -> str | None:
        """The lemma of ``word`` read as a noun, lower-cased; None without a library or a reading."""
        if self.library is None or self.code is None or not word:
            return None
        return _noun_lemma(self.library, self.code, word)

    def name(self, word: str) -> str | None:
        """The nominative of ``word`` as a word of a name, lower-cased (Клименка -> клименко,
        Бундестазі -> бундестаг, Кремінної -> кремінна); None where the word may already be its
        nominative, the dictionary does not know it as a singular noun, or the library gives no
        cases (simplemma). Guessed readings of unknown words are never used: the hand-written
        endings of the language file cut those."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return None
        return _pymorphy_name(self.code, word)

    def phrase(self, word: str, following: str) -> tuple[str, str] | None:
        """The nominatives, lower-cased, of ``word`` and ``following`` when ``word`` is only an
        adjective (every dictionary reading) agreeing with ``following`` read as a noun
        (Северному потоку -> северный поток, Збройними силами -> збройні сили): a phrase, whose
        first word names nothing alone. None without a library that gives cases, or where
        either word is unknown to its dictionary."""
        if self.library != "pymorphy3" or self.code is None or not word or not following:
            return None
        return _pymorphy_phrase(self.code, word, following)

    def reads_as_noun(self, word: str) -> bool:
        """Whether the library's likeliest reading of ``word`` is a noun (pymorphy3); False where
        the library gives no parts of speech (simplemma) or there is none."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return False
        return _likeliest_noun(self.code, word)

    def common_word_only(self, word: str) -> bool:
        """Whether the dictionary knows ``word`` and reads it only as a common word: no reading
        as a name (first name, surname, place, organisation) nor as an adjective, which may open
        one (Художница, Позже: yes; Ирина, Северная, an unknown surname: no); False without a
        library that gives parts of speech."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return False
        return _common_word_only(self.code, word)

    def may_be_nominative(self, word: str) -> bool:
        """Whether a reading of ``word`` is a nominative, the dictionary's or, for a word it does
        not know (most surnames), the one pymorphy3 guesses from its ending (Бекмуратова: yes;
        Бекмуратовой: no); False without a library that gives cases."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return False
        return _nominative_reading(self.code, word.translate(_APOSTROPHES))

    def noun_case(self, word: str) -> str | None:
        """The case of the library's likeliest reading of ``word`` where that reading is a noun
        (дел -> gent); None otherwise, or without a library that gives cases."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return None
        return _likeliest_noun_case(self.code, word.translate(_APOSTROPHES))

    def cases(self, word: str) -> frozenset[str]:
        """The cases (pymorphy3's grammemes: gent, datv...) of ``word`` read as a noun, an adjective,
        a participle or a numeral in the dictionary; empty without a library that gives cases."""
        if self.library != "pymorphy3" or self.code is None or not word:
            return frozenset()
        return _pymorphy_cases(self.code, word.translate(_APOSTROPHES))

    def lists(self, word: str) -> bool:
        """Whether the library's dictionary holds ``word`` as written (simplemma: a form it
        lemmatises; pymorphy3: a word it knows); False without a library."""
        if self.library is None or self.code is None or not word:
            return False
        return _listed(self.library, self.code, word)

    def entry(self, word: str) -> str | None:
        """The lemma simplemma's dictionary gives ``word`` as written (Geschenke -> Geschenk,
        Patricks -> Patrick), case kept; None where it does not list the word or for pymorphy3."""
        if self.library != "simplemma" or self.code is None or not word:
            return None
        return _simplemma_entry(self.code, word)

    def prepare(self) -> None:
        """Open the library's dictionary now (for simplemma, build and store its trie)."""
        if self.library == "pymorphy3" and self.code is not None:
            _morphology(self.code)
        elif self.library == "simplemma" and self.code is not None:
            _simplemma_dictionaries().get_dictionary(self.code)


def lemmatiser(code: str | None) -> Lemmatiser:
    """The lemmatiser the language file names (a region-tagged code reads as its language).

    A plain function of parallax's data, built per language by an analysis context's tables.
    """
    data = lang.maybe_load(code) or lang.maybe_load((code or "").replace("_", "-").split("-")[0])
    if data is None:
        return Lemmatiser(None)
    return Lemmatiser(data.code, library_of(data))


def library_of(data: lang.LanguageData) -> str | None:
    """The library ``[nouns] lemmatiser`` names (None: none); an unknown one is an error."""
    library = data.section("nouns").get("lemmatiser")
    if library is not None and library not in LIBRARIES:
        raise ValueError(
            f"src/parallax/lang/data/{data.code}.toml: [nouns] lemmatiser {library!r} is none of "
            f"{', '.join(LIBRARIES)}"
        )
    return library


@memoised(maxsize=LEMMAS_KEPT)
def _noun_lemma(library: str, code: str, word: str) -> str | None:
    if library == "pymorphy3":
        return _pymorphy_noun(code, word)
    lemma = _simplemma().lemmatize(word, lang=code)
    return lemma.lower() if lemma else None


@memoised(maxsize=LEMMAS_KEPT)
def _listed(library: str, code: str, word: str) -> bool:
    if library == "pymorphy3":
        return bool(_morphology(code).word_is_known(word))
    return _simplemma_entry(code, word) is not None


@memoised(maxsize=LEMMAS_KEPT)
def _simplemma_entry(code: str, word: str) -> str | None:
    return _simplemma_dictionaries().get_dictionary(code).get(word)


def _pymorphy_noun(code: str, word: str) -> str | None:
    parses = _morphology(code).parse(word)
    for reading in NOUN_READINGS:
        for parse in parses:
            if reading == parse.tag.POS:
                return parse.normal_form
    return None


@memoised(maxsize=LEMMAS_KEPT)
def _pymorphy_name(code: str, word: str) -> str | None:
    readings = [p for p in _morphology(code).parse(word)
                if p.is_known and p.tag.POS == "NOUN" and "plur" not in p.tag]
    if not readings or any("nomn" in p.tag for p in readings):
        return None
    named = [p for p in readings if NAME_TAGS & p.tag.grammemes] or readings
    nominative = named[0].inflect({"nomn"})
    return (nominative.word if nominative is not None else named[0].normal_form).lower()


@memoised(maxsize=LEMMAS_KEPT)
def _pymorphy_phrase(code: str, word: str, following: str) -> tuple[str, str] | None:
    own = [p for p in _morphology(code).parse(word) if p.is_known]
    if not own or any(p.tag.POS != "ADJF" for p in own):
        return None
    heads = [p for p in _morphology(code).parse(following) if p.is_known and p.tag.POS == "NOUN"]
    for adjective in own:
        for noun in heads:
            if _agree(adjective.tag, noun.tag):
                # The adjective takes the noun's gender, or its plural (Збройні сили).
                agreement = {"plur"} if noun.tag.number == "plur" else set(filter(None, [noun.tag.gender]))
                form = {"nomn", *agreement}
                adjective_nominative = adjective.inflect(form)
                noun_nominative = noun.inflect({"nomn"})
                if adjective_nominative is not None and noun_nominative is not None:
                    return adjective_nominative.word.lower(), noun_nominative.word.lower()
    return None


def _agree(adjective: Any, noun: Any) -> bool:
    """Same case, and the same number and gender where both are told."""
    same_number = None in (adjective.number, noun.number) or adjective.number == noun.number
    same_gender = noun.number == "plur" or None in (adjective.gender, noun.gender) \
        or adjective.gender == noun.gender
    return adjective.case is not None and adjective.case == noun.case and same_number and same_gender


# Parts of speech that take a case and may stand in a noun phrase.
DECLINED = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})


@memoised(maxsize=LEMMAS_KEPT)
def _common_word_only(code: str, word: str) -> bool:
    readings = _morphology(code).parse(word)
    if not readings or not all(p.is_known for p in readings):
        return False
    return not any(NAME_TAGS & p.tag.grammemes or p.tag.POS == "ADJF" for p in readings)


@memoised(maxsize=LEMMAS_KEPT)
def _nominative_reading(code: str, word: str) -> bool:
    readings = _morphology(code).parse(word)
    known = [p for p in readings if p.is_known] or readings
    return any(p.tag.case == "nomn" for p in known)


@memoised(maxsize=LEMMAS_KEPT)
def _pymorphy_cases(code: str, word: str) -> frozenset[str]:
    return frozenset(p.tag.case for p in _morphology(code).parse(word)
                     if p.is_known and p.tag.POS in DECLINED and p.tag.case)


@memoised(maxsize=LEMMAS_KEPT)
def _likeliest_noun(code: str, word: str) -> bool:
    parses = _morphology(code).parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


@memoised(maxsize=LEMMAS_KEPT)
def _likeliest_noun_case(code: str, word: str) -> str | None:
    parses = _morphology(code).parse(word)
    if not parses or parses[0].tag.POS != "NOUN" or "Fixd" in parses[0].tag:
        return None  # an indeclinable reading (uk про) is in every case: it says none
    return parses[0].tag.case


@memoised()
def _morphology(code: str) -> Any:
    """pymorphy3's analyser of one language, its dictionary from the pymorphy3-dicts-<code> package."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=code)


@memoised()
def _simplemma() -> Any:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_simplemma_dictionaries()))


@memoised()
def _simplemma_dictionaries() -> Any:
    """simplemma's dictionaries as tries stored in the cache directory; as Python dicts, read
    anew in every process, when on-disk caches are off (``PARALLAX_CACHE=off``)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    directory = cache_directory()
    if directory is None:
        return DefaultDictionaryFactory()

    class StoredTries(TrieDictionaryFactory):
        """Writes each trie whole or not at all: worker processes may build the same one at once,
        and a half-written file must never be read (simplemma would delete and rebuild it)."""

        def _write_trie_to_disk(self, lang: str, trie: Any) -> None:
            with atomic_file(Path(self._cache_dir) / f"{lang}.dic", "wb") as out:
                out.write(trie.tobytes())

    versions = "-".join(metadata.version(name) for name in ("simplemma", "marisa-trie"))
    return StoredTries(disk_cache_dir=str(directory / "lemmas" / f"simplemma-{versions}"))

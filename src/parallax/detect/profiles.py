"""Letter and word profiles of languages, compiled from the ``[detect]`` sections and ICU.

A profile knows which letters a language is written with (ICU's exemplar characters of its
locales plus the extra letters its data file names), which scripts those letters belong to,
and the frequent words and letter sequences its data file lists. Languages named only as
confusers get an alphabet from ICU and no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import icu

from parallax import lang
from parallax.tables import stored_table

# Scripts ICU gives to letters used with any script (the Uzbek ʻ, for one).
_SHARED_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz"})

# Apostrophe-like marks that writers use interchangeably inside words (Uzbek oʻ / o' / o‘,
# Ukrainian п'ять / п’ять): profiles and texts are compared with all of them as one.
APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʻʼ`´", "'"))


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    alphabet: frozenset[str]  # letters of the language, both cases; empty when unknown
    scripts: frozenset[str]  # ICU short names of the scripts of those letters
    words: frozenset[str]  # lowercased, apostrophes unified
    ngrams: tuple[str, ...]  # lowercased, apostrophes unified
    # Letters (lower case) so frequent in the language that a long text without any is not in it.
    expected: frozenset[str] = frozenset()

    @property
    def has_words(self) -> bool:
        return bool(self.words or self.ngrams)


@cache
@lru_cache(maxsize=65536)  # asked for every letter of every sentence, for every language
def script_of(char: str) -> str:
    return icu.Script.getScript(char).getShortName()


def is_shared_letter(char: str) -> bool:
    """A letter of no script in particular (the Uzbek ʻ, the Ukrainian ʼ): it belongs to any
    text it appears in, so an alphabet that lacks it counts it as foreign."""
    return script_of(char) in _SHARED_SCRIPTS


@cache
def _available_locales() -> frozenset[str]:
    return frozenset(icu.Locale.getAvailableLocales())


def _exemplar_letters(locale: str) -> set[str]:
    if locale not in _available_locales():
        return set()
    exemplars = icu.LocaleData(locale).getExemplarSet(0, icu.ULocaleDataExemplarSetType.ES_STANDARD)
    return {char for item in exemplars for char in item if char.isalpha()}


def _unicode_set_letters(pattern: str) -> set[str]:
    return {char for item in icu.UnicodeSet(pattern) for char in item} if pattern else set()


def _with_upper_case(letters: set[str]) -> frozenset[str]:
    upper = {char.upper() for char in letters}
    return frozenset(letters | {char for char in upper if len(char) == 1})


def _unified(entries: list[str]) -> list[str]:
    return [entry.lower().translate(APOSTROPHES) for entry in entries]


@cache
def profile(code: str) -> LanguageProfile:
    """The profile of a language: from its data file when parallax has one, else from ICU."""
    stored = _stored_profiles().get(code)
    return stored if stored is not None else _built_profile(code)


@cache
def _stored_profiles() -> dict[str, LanguageProfile]:
    """Every candidate's profile, kept with the stored tables: building them asks ICU for the
    script of every letter of every alphabet, a tenth of a second in a first comparison."""
    return stored_table("detect-profiles", lambda: {code: _built_profile(code) for code in candidate_codes()})


def _built_profile(code: str) -> LanguageProfile:
    data = lang.maybe_load(code)
    section = data.section("detect") if data else {}
    letters: set[str] = set()
    for locale in section.get("alphabet_locales", [code]):
        letters |= _exemplar_letters(locale)
    letters |= _unicode_set_letters(section.get("extra_letters", ""))
    alphabet = _with_upper_case(letters)
    return LanguageProfile(
        code=code,
        alphabet=alphabet,
        scripts=frozenset(script_of(char) for char in alphabet) - _SHARED_SCRIPTS,
        words=frozenset(_unified(section.get("words", []))),
        ngrams=tuple(_unified(section.get("ngrams", []))),
        expected=frozenset(section.get("expected_letters", "").lower()),
    )


@cache
def candidate_codes() -> tuple[str, ...]:
    """Every language detection may answer: parallax's own and the confusers they name."""
    codes = set(lang.languages())
    for code in lang.languages():
        codes.update(lang.load(code).section("detect").get("confusers", []))
    return tuple(sorted(codes))

"""Lemmas of counted nouns from a library, driven by one table per language: tests/lang/<code>/lemmas.toml.

Each table names the library the language file chooses (``[nouns] lemmatiser``) and pairs of a
word as news copy writes it and the lemma the number extractor reads it by. Languages without a
table (Kazakh, Kyrgyz, Uzbek, Chinese) have no library and keep their hand-written endings.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from parallax import lang, tables
from parallax.lang import lemmas
from parallax.lang.lemmas import Lemmatiser, lemmatiser, library_of

HERE = Path(__file__).parent
SRC = HERE.parents[1] / "src"


def _tables() -> dict[str, dict]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))
        for table in sorted(HERE.glob("*/lemmas.toml"))
    }


def _pairs() -> list:
    return [
        pytest.param(code, row["word"], row["lemma"], id=f"{code}-{row['word']}")
        for code, table in _tables().items()
        for row in table["lemma"]
    ]


@pytest.mark.parametrize(("code", "word", "lemma"), _pairs())
def test_a_counted_noun_reads_as_its_lemma(code: str, word: str, lemma: str) -> None:
    assert lemmatiser(code).noun(word) == lemma


def test_each_language_names_its_library_and_the_others_have_none() -> None:
    named = {code: table["library"] for code, table in _tables().items()}
    for code in lang.languages():
        assert lemmatiser(code).library == named.get(code), code
    assert set(named) == {"ar", "de", "en", "es", "fa", "fr", "pl", "ru", "tr", "uk"}
    assert {code for code, library in named.items() if library == "pymorphy3"} == {"ru", "uk"}


def test_a_region_tagged_code_reads_as_its_language() -> None:
    assert lemmatiser("ru-KZ") == Lemmatiser("ru", "pymorphy3")
    assert lemmatiser("xx").noun("вагонов") is None


def test_without_a_library_there_is_no_lemma() -> None:
    assert lemmatiser("kk").noun("вагондары") is None
    assert lemmatiser("kk").reads_as_noun("вагондары") is False


def test_pymorphy3_tells_a_noun_from_an_adjective() -> None:
    russian = lemmatiser("ru")
    assert russian.reads_as_noun("вагонов")
    assert not russian.reads_as_noun("грузовых")
    assert russian.noun("быстро") is None  # an adverb has no noun reading


def test_an_unknown_library_is_one_clear_error_naming_the_file() -> None:
    data = lang.LanguageData("xx", "X", "Latn", "ltr", {"nouns": {"lemmatiser": "spacy"}}, {})
    with pytest.raises(ValueError, match=r"src/parallax/lang/data/xx.toml: \[nouns\] lemmatiser 'spacy'"):
        library_of(data)


PROBE = """
import sys
import parallax
parallax.analyse_articles([("kk", "Жүк пойызының 6 вагоны рельстен шығып кетті.")])
print("after kk:", "simplemma" in sys.modules, "pymorphy3" in sys.modules)
parallax.analyse_articles([("ru", "С рельсов сошли 6 вагонов грузового поезда.")])
print("after ru:", "simplemma" in sys.modules, "pymorphy3" in sys.modules)
"""


def test_a_library_is_loaded_only_when_a_language_that_uses_it_is_analysed() -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True, timeout=300
    )
    assert "after kk: False False" in result.stdout
    assert "after ru: False True" in result.stdout


def test_simplemma_tries_are_stored_once_and_read_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARALLAX_CACHE", str(tmp_path))
    tables.forget_built()
    assert lemmatiser("fa").noun("سربازان") == "سرباز"
    [stored] = tmp_path.glob("lemmas/simplemma-*/fa.dic")
    tables.forget_built()  # a new process: the trie is read, not built

    def no_building(*args):
        raise AssertionError("built although stored")

    monkeypatch.setattr(type(lemmas._simplemma_dictionaries()), "_build_trie", no_building)
    assert lemmatiser("fa").noun("کودکان") == "کودک"
    assert stored.is_file()
    tables.forget_built()


def test_without_a_cache_directory_the_lemmas_are_the_same(monkeypatch) -> None:
    monkeypatch.setenv("PARALLAX_CACHE", "off")
    tables.forget_built()
    assert lemmatiser("fa").noun("سربازان") == "سرباز"
    tables.forget_built()


@pytest.mark.parametrize(("code", "word", "name"), [
    ("uk", "Клименка", "клименко"),  # an ending no cut restores
    ("uk", "Бундестазі", "бундестаг"),  # a consonant the locative changed
    ("uk", "Кремінної", "кремінна"),  # the noun reading, not the adjective's
    ("ru", "Марии", "мария"),  # singular before the plural reading
    ("ru", "Москва", None),  # already its nominative
    ("ru", "Пурясева", None),  # not in the dictionary: the language file's endings cut it
])
def test_name_nominatives(code, word, name):
    assert lemmatiser(code).name(word) == name


@pytest.mark.parametrize(("code", "words", "nominatives"), [
    ("ru", ("Северному", "потоку"), ("северный", "поток")),
    ("uk", ("Збройними", "силами"), ("збройні", "сили")),
    ("ru", ("Москве", "сказали"), None),  # no adjective
    ("ru", ("Средиземного", "сказали"), None),  # no noun after it
])
def test_adjective_noun_phrases(code, words, nominatives):
    assert lemmatiser(code).phrase(*words) == nominatives


def test_names_need_a_library_with_cases():
    assert Lemmatiser("de", "simplemma").name("Berlins") is None
    assert Lemmatiser("de", "simplemma").phrase("Grüne", "Partei") is None

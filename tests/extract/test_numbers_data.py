"""The number knowledge of every language: generated CLDR files and hand-written sections.

The generated files must be what ``python -m parallax.lang.generate`` writes today (so a
regeneration gives no diff), every language file must load and compile, and the sections
must have the shape the extractor reads.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import babel
import pytest

from parallax import lang
from parallax.extract.number_lexicon import QUALIFIERS, lexicon
from parallax.extract.numbers import extract_numbers
from parallax.lang import generate

CLDR = resources.files(lang.__name__) / "cldr"
MIN_LEMMAS = 60


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return generate.outputs()


def test_generated_files_are_up_to_date(generated: dict[str, str]) -> None:
    for name, content in generated.items():
        committed = (CLDR / name).read_text(encoding="utf-8")
        assert generate.knowledge(committed) == generate.knowledge(content), (
            f"cldr/{name} is stale: run python -m parallax.lang.generate"
        )


def test_a_new_version_stamp_alone_is_not_a_stale_file(generated: dict[str, str]) -> None:
    content = generated["kk.json"]
    restamped = content.replace(f'"babel": "{babel.__version__}"', '"babel": "0.0.1"')
    assert restamped != content
    assert generate.knowledge(restamped) == generate.knowledge(content)
    changed = content.replace('"млрд"', '"млрд-changed"')
    assert changed != content
    assert generate.knowledge(changed) != generate.knowledge(content)


def test_generation_is_deterministic(generated: dict[str, str]) -> None:
    assert generate.outputs() == generated


def test_check_mode_reports_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--check"]) == 0
    assert "nothing" in capsys.readouterr().err


def test_every_language_has_a_generated_file() -> None:
    for code in lang.languages():
        data = json.loads((CLDR / f"{code}.json").read_text(encoding="utf-8"))
        assert data["locale"] == code
        assert data["numbers"]["decimal"] and data["numbers"]["group"]
        assert data["scales"]["short"] or data["scales"]["long"]
        assert data["currencies"]["USD"]["names"]
        months = data["dates"]["months"]["gregorian"]
        assert all(len(months[context][width]) == 12 for context in months for width in months[context])
        weekdays = data["dates"]["weekdays"]
        assert all(len(weekdays[context]["wide"]) == 7 for context in ("format", "standalone"))


@pytest.mark.parametrize(
    ("code", "word", "value"),
    [
        ("kk", "сегіз", 8),
        ("ru", "девять", 9),
        ("en", "nine", 9),
        ("de", "neun", 9),
        ("tr", "dokuz", 9),
        ("ar", "ثمانية", 8),
        ("de", "zweihundertfünfzig", 250),
        ("fr", "quatre-vingts", 80),
        ("uk", "девʼять", 9),
        ("zh", "万", 10000),
        ("fa", "هشت", 8),
        ("ky", "сегиз", 8),
        ("es", "doscientos", 200),
    ],
)
def test_spelled_out_words_come_from_icu(code: str, word: str, value: int) -> None:
    assert lang.load(code).cldr["spellout"]["words"][word] == value


def test_a_language_icu_cannot_spell_gets_no_borrowed_words() -> None:
    assert lang.load("uz").cldr["spellout"] == {}
    assert lexicon("uz").number_value("sakkiz") == 8  # from the hand-written section


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("ru", "двадцать пять человек", 25),
        ("kk", "екі жүз елу адам", 250),
        ("en", "twenty-five people", 25),
        ("de", "fünfundzwanzig Menschen", 25),
        ("ar", "الثمانية أشخاص", 8),
        ("uk", "дев’ять людей", 9),
        ("zh", "一百七十家企业", 170),
        ("es", "treinta y cinco personas", 35),
        ("tr", "iki yüz elli kişi", 250),
    ],
)
def test_number_phrases_compose(code: str, text: str, value: int) -> None:
    (mention,) = extract_numbers(text, code)
    assert mention.value == value
    assert mention.unit in ("person", "company")


def test_compact_scales_come_from_cldr() -> None:
    scales = {code: lang.load(code).cldr["scales"] for code in ("kk", "ar", "zh", "de", "es", "fr", "en")}
    assert scales["kk"]["short"]["млрд"] == 9
    assert scales["ar"]["long"]["مليار"] == 9
    assert scales["zh"]["short"]["亿"] == 8
    assert scales["de"]["short"]["Mrd."] == 9
    assert scales["es"]["long"]["mil millones"] == 9
    assert scales["es"]["long"]["billón"] == 12
    assert scales["fr"]["long"]["billion"] == 12
    assert scales["en"]["long"]["billion"] == 9


@pytest.mark.parametrize("code", lang.languages())
def test_every_language_file_loads_and_compiles(code: str) -> None:
    data = lang.load(code)
    for section in ("numbers", "scales", "currencies", "percent", "qualifiers", "nouns"):
        assert section in data.supplement, f"{code}: [{section}] is missing"
    compiled = lexicon(code)
    assert compiled.vocabulary
    assert compiled.number_value("5") is None


@pytest.mark.parametrize("code", lang.languages())
def test_sections_have_the_expected_shape(code: str) -> None:
    data = lang.load(code)
    scales = data.section("scales")
    assert all(key.isdigit() or key in ("exclude", "money") for key in scales)
    assert all(key.isdigit() for key in scales.get("money", {}))
    for currency in data.section("currencies"):
        assert currency in ("exclude", "subunits") or re.fullmatch(r"[A-Z]{3}", currency), currency
    for position in ("before", "after"):
        assert set(data.section("qualifiers").get(position, {})) <= set(QUALIFIERS)
    lemmas = data.section("nouns")["lemmas"]
    assert len(lemmas) >= MIN_LEMMAS, f"{code}: only {len(lemmas)} counted nouns"
    assert all(forms and all(isinstance(f, str) and f for f in forms) for forms in lemmas.values())


def test_every_language_counts_the_same_things() -> None:
    lemma_sets = {code: set(lang.load(code).section("nouns")["lemmas"]) for code in lang.languages()}
    common = set.intersection(*lemma_sets.values())
    assert len(common) >= MIN_LEMMAS


# What figures measure, named alike in every language so that contexts compare across them.
MEASURES = {
    "share", "growth", "decline", "inflation", "trade", "investment", "export", "import", "gdp",
    "unemployment", "rate", "harvest", "production", "price", "budget", "revenue", "profit", "debt",
    "loan", "deficit", "population", "capacity", "reserve", "salary", "pension", "tariff", "tax",
}


@pytest.mark.parametrize("code", lang.languages())
def test_every_language_names_what_figures_measure(code: str) -> None:
    nouns = lang.load(code).section("nouns")
    measures = nouns.get("measures", {})
    assert set(measures) >= MEASURES, f"{code}: missing {sorted(MEASURES - set(measures))}"
    assert not set(measures) & set(nouns["lemmas"]), "a lemma is either counted or a measure"
    assert all(forms and all(isinstance(f, str) and f for f in forms) for forms in measures.values())


@pytest.mark.parametrize("code", lang.languages())
def test_range_templates_and_word_classes_have_the_expected_shape(code: str) -> None:
    data = lang.load(code)
    for template in data.section("numbers").get("ranges", ()):
        parts = [part.strip() for part in template.split("…")]
        assert len(parts) == 3 and parts[1], template
    nouns = data.section("nouns")
    for key in ("partitive", "modifiers", "modifier_endings", "verb_endings", "noun_before", "classifiers"):
        assert all(isinstance(v, str) and v for v in nouns.get(key, ())), (code, key)
    for key in ("capitalised_nouns", "head_last"):
        assert isinstance(nouns.get(key, False), bool), (code, key)
    assert all(isinstance(v, str) and v for v in data.section("qualifiers").get("not_after", ()))


def test_a_bad_range_template_is_refused() -> None:
    from parallax.extract.number_lexicon import NumberLexicon, add_ranges
    from parallax.lang.numerals import Conventions

    with pytest.raises(ValueError, match="range template"):
        add_ranges(NumberLexicon("xx", Conventions(), {}), ["от … до"])


def test_equipment_is_not_a_vehicle() -> None:
    for code in lang.languages():
        lemmas = lang.load(code).section("nouns")["lemmas"]
        assert "equipment" in lemmas, code
        vehicles = {f.lower() for f in lemmas["vehicle"]}
        assert not vehicles & {"техника", "техники", "единиц техники", "technique", "设备"}, code

"""Learned aliases: merges of names no alias file holds, remembered for the next comparison."""

from __future__ import annotations

import json

import pytest

from parallax.extract.context import analysis_context
from parallax.extract.entities import (
    find_entities,
    learn_aliases,
    learned_aliases_path,
    load_learned_aliases,
    match_entities,
    save_learned_aliases,
)

DOCUMENTS = [
    ("Министр энергетики Нурлан Сапаров посетил Павлодар.", "ru"),
    ("Энергетика министрі Нұрлан Сапаров Павлодарға барды.", "kk"),
    ("Energy Minister Nurlan Saparov visited Pavlodar.", "en"),
    ("能源部长萨帕罗夫视察了巴甫洛达尔。", "zh"),
]


@pytest.fixture
def learned_file(tmp_path, monkeypatch):
    path = tmp_path / "learned.json"
    monkeypatch.setenv("PARALLAX_ALIASES", str(path))
    return path


def clusters_of(documents, context=None):
    pairs = [(language, m) for text, language in documents for m in find_entities(text, language, context)]
    matched = match_entities([m for _, m in pairs], None, context)
    groups: dict[int, list] = {}
    for (language, _), mention in zip(pairs, matched, strict=True):
        groups.setdefault(mention.attrs.cluster, []).append((language, mention))
    return list(groups.values())


def test_the_path_is_the_environment_override(learned_file):
    assert learned_aliases_path() == learned_file


def test_only_merges_of_unknown_names_in_several_languages_are_learned(learned_file):
    entries = learn_aliases(clusters_of(DOCUMENTS))
    assert entries == [{
        "name": "Nurlan Saparov",
        "type": "person",
        "names": {
            "en": ["Nurlan Saparov"], "kk": ["Нұрлан Сапаров"], "ru": ["Нурлан Сапаров"],
        },
    }]  # Pavlodar is known to the curated files: nothing to learn


def test_a_surname_alone_is_not_stored_for_a_person_with_a_longer_name(learned_file):
    # 萨帕罗夫 and "Сапаров" name Nurlan Saparov in these articles, but stored as aliases they
    # would name every later Saparov (the minister Aydarbek Saparov too).
    documents = [*DOCUMENTS, ("Сапаров добавил, что работы завершатся осенью.", "ru")]
    [entry] = learn_aliases(clusters_of(documents))
    stored = [form for forms in entry["names"].values() for form in forms]
    assert "萨帕罗夫" not in stored and "Сапаров" not in stored
    assert "Нурлан Сапаров" in entry["names"]["ru"]


def test_learning_is_pure(learned_file):
    learn_aliases(clusters_of(DOCUMENTS))
    assert not learned_file.exists()


def test_a_name_met_in_one_language_or_only_guessed_is_not_learned(learned_file):
    assert learn_aliases(clusters_of(DOCUMENTS[:1])) == []
    guessed = [("Jalal Ormonov arrived.", "en"), ("Жалал Ормонов прибыл.", "ru")]  # no title, no cue
    assert learn_aliases(clusters_of(guessed)) == []


def test_saved_names_are_known_next_time_in_every_language_seen(learned_file):
    context = analysis_context(learned=learned_file)
    before = {m.text: m for m in find_entities("Сапаров отметил рост выработки.", "ru", context)}
    assert "Сапаров" not in before  # a sentence-initial capital alone: no name yet
    save_learned_aliases(learn_aliases(clusters_of(DOCUMENTS, context), context.lexicon))
    assert load_learned_aliases()[0]["name"] == "Nurlan Saparov"
    later = analysis_context(learned=learned_file)
    for text, language, surface in [
        ("Сапаров отметил рост выработки.", "ru", "Сапаров"),
        ("能源部长努尔兰·萨帕罗夫说，发电量增长。", "zh", "努尔兰·萨帕罗夫"),
        ("Nurlan Saparov said output grew.", "en", "Nurlan Saparov"),
    ]:
        found = {m.text: m for m in find_entities(text, language, later)}
        assert found[surface].value == "Nurlan Saparov", (language, sorted(found))
        assert found[surface].attrs.canonical is True
    assert later.lexicon.entities["Nurlan Saparov"].source == "learned"
    # The context built before saving keeps the names it was built with.
    assert "Nurlan Saparov" not in context.lexicon.entities
    assert "Сапаров" not in {m.text for m in find_entities("Сапаров отметил рост выработки.", "ru", context)}


def test_saving_again_merges_forms_and_counts_the_comparisons(learned_file):
    save_learned_aliases(learn_aliases(clusters_of(DOCUMENTS[:2])))
    more = [("Energy Minister Nurlan Saparov visited Pavlodar.", "en"),
            ("وزار وزير الطاقة نورلان ساباروف مدينة بافلودار.", "ar")]
    entries = learn_aliases(clusters_of(more))
    save_learned_aliases(entries)
    stored = json.loads(learned_file.read_text("utf-8"))["entity"]
    assert len(stored) == 1
    assert stored[0]["seen"] == 2
    assert set(stored[0]["names"]) == {"ru", "kk", "en", "ar"}


def test_names_the_curated_files_hold_are_never_stored(learned_file):
    names = {"ru": ["Токаев"], "en": ["Tokayev"]}
    entry = {"name": "Kassym-Jomart Tokayev", "type": "person", "names": names}
    save_learned_aliases([entry])
    assert load_learned_aliases() == []


def test_a_damaged_file_is_ignored_and_replaced(learned_file):
    learned_file.write_text("{not json", "utf-8")
    assert load_learned_aliases() == []
    context = analysis_context(learned=learned_file)
    assert find_entities("Министр энергетики Нурлан Сапаров посетил Павлодар.", "ru", context)  # still works
    save_learned_aliases(learn_aliases(clusters_of(DOCUMENTS)))
    assert [e["name"] for e in load_learned_aliases()] == ["Nurlan Saparov"]

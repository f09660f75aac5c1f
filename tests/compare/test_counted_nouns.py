"""A figure whose counted noun is inflected in one language is the same fact as its translation.

The counted noun is read through its lemma (pymorphy3 for Russian, simplemma for German, English,
French...): "6 вагонов", "six carriages" and "sechs Waggons" all count carriages, and two
inflections of a noun the lexicon does not know ("двенадцать шахтёров", "двенадцати шахтёрам")
are one unit.
"""

from __future__ import annotations

import parallax

TRAIN = {
    "ru": (
        "Под Тверью с рельсов сошли 6 вагонов грузового поезда, сообщили в понедельник в "
        "железнодорожной компании. Пострадавших нет, движение обещают восстановить к вечеру."
    ),
    "en": (
        "Six carriages of a freight train left the rails near Tver, the railway company said on "
        "Monday. Nobody was hurt, and traffic should resume by the evening."
    ),
    "de": (
        "Bei Twer sind sechs Waggons eines Güterzugs entgleist, teilte die Bahngesellschaft am "
        "Montag mit. Verletzt wurde niemand, der Verkehr soll bis zum Abend wieder rollen."
    ),
}
STAND = {
    "de": "Beim Einsturz einer Tribüne in Lyon gab es am Samstag 120 Verletzte, teilte die Präfektur mit.",
    "fr": "L'effondrement d'une tribune à Lyon a fait samedi 120 blessés, a indiqué la préfecture.",
}
MINE = (
    "На шахте в Кузбассе спасатели подняли на поверхность двенадцать шахтёров, сообщили в МЧС.",
    "В МЧС сообщили, что спасатели на шахте в Кузбассе помогли подняться на поверхность "
    "двенадцати шахтёрам.",
)


def _quantities(articles: list[tuple[str, str]]) -> dict[tuple[float, str | None], str]:
    comparison = parallax.compare_articles(articles)
    return {(f.value, f.unit): f.status for f in comparison.facts if f.kind == "quantity"}


def test_carriages_counted_in_three_languages_are_one_shared_fact():
    for pair in (("ru", "en"), ("ru", "de"), ("en", "de")):
        statuses = _quantities([(code, TRAIN[code]) for code in pair])
        assert statuses == {(6.0, "carriage"): "shared"}, pair


def test_the_injured_written_as_a_noun_made_from_a_participle_are_shared():
    statuses = _quantities([("de", STAND["de"]), ("fr", STAND["fr"])])
    assert statuses == {(120.0, "injured"): "shared"}


def test_an_unknown_noun_in_two_cases_is_one_unit():
    statuses = _quantities([("ru", MINE[0]), ("ru", MINE[1])])
    assert statuses == {(12.0, "шахтёр"): "shared"}

"""One unit of time written without a digit is never claimed as omitted by another source."""

from __future__ import annotations

import parallax

EN = (
    "The dock strike in Rotterdam lasted {span}, port officials said on Monday. "
    "Twelve workers were hurt in clashes with police and 40 ships waited offshore."
)
# Russian has no article: "a week" is written "неделю", with no number at all.
RU = (
    "Забастовка докеров в Роттердаме длилась неделю, сообщили в понедельник портовые власти. "
    "В столкновениях с полицией пострадали двенадцать рабочих, 40 судов ждали на рейде."
)
DE = (
    "Der Streik der Hafenarbeiter in Rotterdam dauerte eine Woche, teilte die Hafenverwaltung am "
    "Montag mit. Zwölf Arbeiter wurden bei Zusammenstößen mit der Polizei verletzt, 40 Schiffe "
    "warteten vor der Küste."
)


def _quantities(comparison) -> dict[tuple[float, str | None], str]:
    return {(f.value, f.unit): f.status for f in comparison.facts if f.kind == "quantity"}


def test_a_week_is_extracted_but_not_claimed_missing_where_the_language_writes_no_number():
    [english] = parallax.analyse_articles([("en", EN.format(span="a week"))])
    [week] = [f for f in english.facts if f.kind == "quantity" and f.unit == "week"]
    assert week.value == 1 and week.attrs.unwritten_one
    statuses = _quantities(parallax.compare_articles([("en", EN.format(span="a week")), ("ru", RU)]))
    assert (1.0, "week") not in statuses
    assert statuses[(12.0, "worker")] == "shared"


def test_a_week_both_sources_give_is_shared():
    statuses = _quantities(parallax.compare_articles([("en", EN.format(span="a week")), ("de", DE)]))
    assert statuses[(1.0, "week")] == "shared"


def test_a_week_written_with_a_digit_is_still_a_claim():
    statuses = _quantities(parallax.compare_articles([("en", EN.format(span="1 week")), ("ru", RU)]))
    assert statuses[(1.0, "week")] == "unique"

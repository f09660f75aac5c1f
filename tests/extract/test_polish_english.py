"""A Polish report and an English report of the same meeting, compared: the same figures, dates,
names and statement come out as shared facts, read from Polish forms (1,2 mld dolarów, 18 proc.,
w ubiegłym roku, Astanie, Donaldem Tuskiem, „…” – powiedział) and the English ones alike. Written
for parallax's tests; the Polish page keeps its junk lines (read also, share, comments)."""

from __future__ import annotations

import pytest

from parallax import api
from parallax.model import Article

POLISH = "\n".join([
    "Polska i Kazachstan podpisały umowy warte 1,2 mld dolarów",
    "Astana, 12.03.2025, 14:20",
    "Prezydent Kasym-Żomart Tokajew spotkał się w środę w Astanie z premierem Donaldem Tuskiem. "
    "Strony podpisały 15 umów o łącznej wartości 1,2 mld dolarów. "
    "W ubiegłym roku obroty handlowe między oboma krajami wzrosły o 18 proc.",
    "„Polska jest dla nas ważnym partnerem w Europie” – powiedział Tokajew.",
    "Czytaj też: Nowe połączenie kolejowe z Chinami",
    "Udostępnij",
    "Komentarze (3)",
    "",
])

ENGLISH = "\n".join([
    "Poland and Kazakhstan sign deals worth $1.2 billion",
    "ASTANA, March 12, 2025",
    "President Kassym-Jomart Tokayev met Prime Minister Donald Tusk in Astana on Wednesday. "
    "The sides signed 15 agreements worth a total of $1.2 billion. "
    "Trade between the two countries grew by 18% last year.",
    '"Poland is an important partner for us in Europe," Tokayev said.',
    "",
])


@pytest.fixture(scope="module")
def facts():
    articles = [Article(id="pl", text=POLISH, language="pl"), Article(id="en", text=ENGLISH, language="en")]
    return api.compare_articles(articles).facts


def _shared(facts, kind: str) -> dict:
    return {(f.value, f.unit): f for f in facts if f.kind == kind and f.status == "shared"}


def test_the_figures_are_shared(facts):
    quantities = _shared(facts, "quantity")
    assert (1.2e9, "USD") in quantities
    assert (15.0, "agreement") in quantities
    assert (2.0, "country") in quantities  # oboma krajami: the two countries
    assert (18.0, "%") in _shared(facts, "percent")


def test_the_dates_are_shared(facts):
    dates = {value for value, _ in _shared(facts, "date")}
    assert {"2025-03-12", "2024"} <= dates  # w środę on the dateline's Wednesday; w ubiegłym roku


def test_the_names_are_shared(facts):
    names = {value for value, _ in _shared(facts, "entity")}
    assert {"Poland", "Kazakhstan", "Astana", "Kassym-Jomart Tokayev", "Donald Tusk"} <= names


def test_the_statement_is_one_shared_quote_of_its_speaker(facts):
    [quote] = [f for f in facts if f.kind == "quote"]
    assert quote.status == "shared"
    assert quote.speaker == "Kassym-Jomart Tokayev"


def test_nothing_is_only_in_one_report(facts):
    # The junk lines of the Polish page (read also, share, comments) bring no fact of their own.
    assert [f.value for f in facts if f.status != "shared"] == []

"""The alignment stage on hand-built documents: facts are given, the real encoder judges sentences."""

from __future__ import annotations

import pytest

from parallax.compare.align import align
from parallax.encode import default_encoder
from parallax.model import Article, Cleaning, Document, Fact, Sentence


def number(value, unit, span, *, kind="quantity", qualifier=None, **attrs):
    return {
        "kind": kind,
        "value": float(value),
        "unit": unit,
        "span": span,
        "qualifier": qualifier,
        "attrs": attrs,
    }


def entity(name, span, type_="place", form="name"):
    return {
        "kind": "entity",
        "value": name,
        "unit": None,
        "span": span,
        "qualifier": None,
        "attrs": {"type": type_, "canonical": True, "form": form},
    }


def document(doc_id: str, language: str, sentences: list[tuple[str, list[dict]]]) -> Document:
    """A document whose sentences are given with the facts each holds (spans are substrings)."""
    text = " ".join(s for s, _ in sentences)
    built_sentences, facts = [], []
    position = 0
    for index, (sentence_text, specs) in enumerate(sentences):
        sentence = Sentence(doc_id, index, position, position + len(sentence_text), sentence_text, language)
        built_sentences.append(sentence)
        for spec in specs:
            offset = sentence_text.index(spec["span"])
            facts.append(
                Fact(
                    doc_id,
                    spec["kind"],
                    spec["value"],
                    spec["unit"],
                    spec["qualifier"],
                    position + offset,
                    position + offset + len(spec["span"]),
                    spec["span"],
                    sentence,
                    spec["attrs"],
                )
            )
        position += len(sentence_text) + 1
    article = Article(id=doc_id, text=text, language=language)
    return Document(article, Cleaning(blocks=[]), built_sentences, facts)


@pytest.fixture(scope="module")
def vectors():
    return default_encoder().encode


def statuses(alignment):
    return {(f.kind, f.value, f.unit): f.status for f in alignment.facts}


def test_same_figure_in_three_languages_is_shared(vectors):
    docs = [
        document(
            "kk.txt",
            "kk",
            [
                (
                    "Екі ел арасындағы тауар айналымы 18,7 млрд долларға жетті.",
                    [number(18.7e9, "USD", "18,7 млрд долларға", currency="USD")],
                )
            ],
        ),
        document(
            "ar.txt",
            "ar",
            [
                (
                    "وبلغ حجم التبادل التجاري بين البلدين 18.7 مليار دولار.",
                    [number(18.7e9, "USD", "18.7 مليار دولار", currency="USD")],
                )
            ],
        ),
        document(
            "zh.txt",
            "zh",
            [("两国贸易额达到187亿美元。", [number(18.7e9, "USD", "187亿美元", currency="USD")])],
        ),
    ]
    alignment = align(docs, vectors)
    [fact] = [f for f in alignment.facts if f.kind == "quantity"]
    assert fact.status == "shared"
    assert fact.documents == ["kk.txt", "ar.txt", "zh.txt"]
    assert [m.text for m in fact.mentions] == ["18,7 млрд долларға", "18.7 مليار دولار", "187亿美元"]
    assert alignment.conflicts == []


def test_different_counts_of_the_same_companies_conflict(vectors):
    docs = [
        document(
            "ru.txt",
            "ru",
            [
                (
                    "В Казахстане работают 250 немецких компаний.",
                    [
                        number(250, "company", "250", lemma="company"),
                        entity("Germany", "немецких", form="adjective"),
                        entity("Kazakhstan", "Казахстане"),
                    ],
                ),
                (
                    "Кроме того, в стране действуют 170 французских компаний.",
                    [
                        number(170, "company", "170", lemma="company"),
                        entity("France", "французских", form="adjective"),
                    ],
                ),
            ],
        ),
        document(
            "en.txt",
            "en",
            [
                (
                    "Some 230 German companies operate in Kazakhstan.",
                    [
                        number(230, "company", "230", lemma="company"),
                        entity("Germany", "German", form="adjective"),
                        entity("Kazakhstan", "Kazakhstan"),
                    ],
                ),
                (
                    "More than 170 French companies are also present in the country.",
                    [
                        number(170, "company", "170", qualifier="more_than", lemma="company"),
                        entity("France", "French", form="adjective"),
                    ],
                ),
            ],
        ),
    ]
    alignment = align(docs, vectors)
    assert len(alignment.conflicts) == 1
    conflict = alignment.conflicts[0]
    assert sorted(side.value for side in conflict.sides) == [230, 250]
    assert "Germany" in conflict.about
    for side in conflict.sides:
        assert alignment.facts[side.fact].status == "conflict"
    french = [f for f in alignment.facts if f.kind == "quantity" and f.value == 170]
    assert len(french) == 1 and french[0].status == "shared"


def test_different_figures_about_different_things_do_not_conflict(vectors):
    docs = [
        document(
            "a.txt",
            "en",
            [
                (
                    "The presidents signed eight agreements.",
                    [number(8, "agreement", "eight", lemma="agreement")],
                ),
                (
                    "Trade reached 18.7 billion dollars last year.",
                    [number(18.7e9, "USD", "18.7 billion dollars", currency="USD")],
                ),
            ],
        ),
        document(
            "b.txt",
            "de",
            [
                (
                    "Die Präsidenten unterzeichneten acht Abkommen.",
                    [number(8, "agreement", "acht", lemma="agreement")],
                ),
                (
                    "Zudem wurden 1200 neue Arbeitsplätze angekündigt.",
                    [number(1200, "job", "1200", lemma="job")],
                ),
            ],
        ),
    ]
    alignment = align(docs, vectors)
    assert alignment.conflicts == []
    assert statuses(alignment)[("quantity", 8.0, "agreement")] == "shared"
    assert statuses(alignment)[("quantity", 18.7e9, "USD")] == "unique"
    assert statuses(alignment)[("quantity", 1200.0, "job")] == "unique"


def test_omission_is_partial_and_majority_value_wins(vectors):
    sentence = {
        "a": "Agreements worth 5.2 billion euros were signed during the visit.",
        "b": "During the visit, agreements worth 5.2 billion euros were signed.",
        "c": "Во время визита подписаны соглашения на 5,5 млрд евро.",
        "d": "The two leaders discussed regional security.",
    }
    docs = [
        document(
            "a.txt", "en", [(sentence["a"], [number(5.2e9, "EUR", "5.2 billion euros", currency="EUR")])]
        ),
        document(
            "b.txt", "en", [(sentence["b"], [number(5.2e9, "EUR", "5.2 billion euros", currency="EUR")])]
        ),
        document("c.txt", "ru", [(sentence["c"], [number(5.5e9, "EUR", "5,5 млрд евро", currency="EUR")])]),
        document("d.txt", "en", [(sentence["d"], [])]),
    ]
    alignment = align(docs, vectors)
    [conflict] = alignment.conflicts
    first = alignment.facts[conflict.sides[0].fact]
    assert first.value == 5.2e9 and first.documents == ["a.txt", "b.txt"]
    assert conflict.sides[1].documents == ("c.txt",)


def test_percent_and_percentage_points_never_align(vectors):
    docs = [
        document(
            "a.txt",
            "ru",
            [("Рост ВВП составил 4,8 процента.", [number(4.8, "%", "4,8 процента", kind="percent")])],
        ),
        document(
            "b.txt",
            "de",
            [
                (
                    "Das Wachstum lag bei 4,8 Prozentpunkten.",
                    [number(4.8, "pp", "4,8 Prozentpunkten", kind="percent")],
                )
            ],
        ),
    ]
    alignment = align(docs, vectors)
    assert {f.status for f in alignment.facts} == {"unique"}
    assert alignment.conflicts == []


def test_one_figure_counted_with_other_nouns_is_one_fact(vectors):
    """ "115 thousand vehicles" and "115 тыс. автомобилей" (car): the lexicon's lemmas differ,
    value and sentence agree; a figure whose noun is left out ("kills 3") joins too."""
    docs = [
        document(
            "a.txt",
            "en",
            [
                (
                    "In November the country's plants produced 115 thousand vehicles.",
                    [number(115000, "vehicle", "115 thousand", lemma="vehicle")],
                ),
                ("The storm kills 3 in the north.", [number(3, None, "3")]),
            ],
        ),
        document(
            "b.txt",
            "ru",
            [
                (
                    "В ноябре заводы страны выпустили 115 тыс. автомобилей.",
                    [number(115000, "car", "115 тыс.", lemma="car")],
                ),
                ("Буря унесла жизни 3 человек на севере.", [number(3, "person", "3", lemma="person")]),
            ],
        ),
    ]
    alignment = align(docs, vectors)
    assert {f.status for f in alignment.facts} == {"shared"}
    assert alignment.conflicts == []


def test_a_currency_never_aligns_with_a_bare_number(vectors):
    docs = [
        document(
            "a.txt",
            "en",
            [
                (
                    "The city will spend 40 million dollars on roads.",
                    [number(4e7, "USD", "40 million dollars", currency="USD")],
                )
            ],
        ),
        document(
            "b.txt",
            "fr",
            [("La ville dépensera 40 millions pour les routes.", [number(4e7, None, "40 millions")])],
        ),
    ]
    alignment = align(docs, vectors)
    assert {f.status for f in alignment.facts} == {"unique"}


def test_a_figure_reached_and_the_plain_figure_are_shared(vectors):
    """ "Увеличат до 300" is the figure reached (target), the same fact as "to 300" elsewhere."""
    docs = [
        document(
            "ru.txt",
            "ru",
            [
                (
                    "Контингент миссии увеличат до 300 военнослужащих.",
                    [number(300, "soldier", "до 300", qualifier="target")],
                )
            ],
        ),
        document(
            "en.txt",
            "en",
            [
                (
                    "The mission's contingent will be increased to 300 soldiers.",
                    [number(300, "soldier", "300")],
                )
            ],
        ),
    ]
    alignment = align(docs, vectors)
    [fact] = [f for f in alignment.facts if f.kind == "quantity"]
    assert fact.status == "shared"
    assert alignment.conflicts == []


def _group(doc_index: int, value: float, unit: str | None, **attrs):
    from parallax.compare.align import Group

    spec = number(value, unit, str(int(value)), **attrs)
    built = document(f"d{doc_index}.txt", "en", [(f"They counted {int(value)} of them.", [spec])])
    return Group(doc_index, built.facts)


@pytest.mark.parametrize(
    ("value", "unit_a", "unit_b", "lemma", "expected"),
    [
        (18.7e9, "USD", "USD", None, "strong"),  # the same currency: the lenient bar
        (26, "mutations", "突变", None, "distinct"),  # untranslated nouns, a value few things share
        (11000, "victim", "person", "yes", "distinct"),  # two known nouns, one distinctive value
        (1.5, None, "year", None, "distinct"),  # a fraction is distinctive too
        (8, "players", "球员", None, "weak"),  # a dozen or fewer: two sides, three days, five people
        (12, None, "people", None, "weak"),
    ],
)
def test_a_distinctive_value_needs_less_alike_sentences_than_a_small_count(
    value, unit_a, unit_b, lemma, expected
):
    from parallax.calibration import SAME_FACT_DISTINCT_VALUE, SAME_FACT_STRONG_UNIT, SAME_FACT_WEAK_UNIT
    from parallax.compare.align import _similarity_needed

    extra = {"currency": unit_a} if unit_a == "USD" else ({"lemma": unit_a} if lemma else {})
    a = _group(0, value, unit_a, **extra)
    b = _group(1, value, unit_b, **({"currency": unit_b} if unit_b == "USD" else {}))
    bars = {
        "strong": SAME_FACT_STRONG_UNIT,
        "distinct": SAME_FACT_DISTINCT_VALUE,
        "weak": SAME_FACT_WEAK_UNIT,
    }
    assert _similarity_needed(a, b) == bars[expected]
    assert SAME_FACT_STRONG_UNIT < SAME_FACT_DISTINCT_VALUE < SAME_FACT_WEAK_UNIT


def date(value, span, **attrs):
    return {"kind": "date", "value": value, "unit": None, "span": span, "qualifier": None, "attrs": attrs}


def test_a_season_is_compared_by_its_year(vectors):
    # "Last spring" in one source and "last year" in another report one date, as precisely as each cared to.
    docs = [
        document(
            "kk.txt",
            "kk",
            [
                (
                    "Былтыр көктемде су тасқыны болды.",
                    [date("2024-03/2024-05", "Былтыр көктемде", season=True)],
                )
            ],
        ),
        document("ar.txt", "ar", [("وقعت الفيضانات العام الماضي.", [date("2024", "العام الماضي")])]),
    ]
    [fact] = [f for f in align(docs, vectors).facts if f.kind == "date"]
    assert fact.status == "shared"


def test_unresolved_seasons_align_by_their_months(vectors):
    # No publication date: "this winter" and "今年冬天" say the same; "this summer" is another date.
    docs = [
        document(
            "en.txt",
            "en",
            [
                (
                    "Aid arrives this winter.",
                    [date(None, "this winter", season=True, written="g-- m12-2", season_key="g-- m12-2")],
                )
            ],
        ),
        document(
            "zh.txt",
            "zh",
            [
                (
                    "今年冬天援助将到达。",
                    [date(None, "今年冬天", season=True, written="g+0-- m12-2", season_key="g-- m12-2")],
                )
            ],
        ),
        document(
            "de.txt",
            "de",
            [
                (
                    "Die Hilfe kommt im Sommer.",
                    [date(None, "im Sommer", season=True, written="g-- m6-8", season_key="g-- m6-8")],
                )
            ],
        ),
    ]
    facts = [f for f in align(docs, vectors).facts if f.kind == "date"]
    assert sorted(len(f.mentions) for f in facts) == [1, 2]


def test_a_figure_restated_in_other_words_counts_once(vectors):
    """A headline's bare "traps 6" and the body's "six skiers" are one figure of one document:
    the other document's "six skieurs" takes one of them, the other joins it. A count of another
    known thing in the same document ("2 injured" beside "2 dead") stays its own fact."""
    docs = [
        document(
            "a.txt",
            "en",
            [
                ("Mountain avalanche kills 2, traps 6", [number(6, None, "6")]),
                (
                    "An avalanche in the Alps trapped six skiers on Saturday, killed 2 and injured 2 others.",
                    [
                        number(6, "skier", "six", lemma="skier"),
                        number(2, "dead", "killed 2", lemma="dead"),
                        number(2, "injured", "injured 2", lemma="injured"),
                    ],
                ),
            ],
        ),
        document(
            "b.txt",
            "fr",
            [
                (
                    "Une avalanche dans les Alpes a piégé six skieurs samedi et fait 2 morts.",
                    [
                        number(6, "skier", "six skieurs", lemma="skier"),
                        number(2, "dead", "2 morts", lemma="dead"),
                    ],
                ),
            ],
        ),
    ]
    alignment = align(docs, vectors)
    facts = {(f.value, f.unit): f for f in alignment.facts if f.kind == "quantity"}
    assert facts[(6.0, "skier")].status == "shared"
    assert sorted(m.text for m in facts[(6.0, "skier")].mentions) == ["6", "six", "six skieurs"]
    assert facts[(2.0, "dead")].status == "shared"
    assert facts[(2.0, "injured")].status == "unique"
    assert alignment.conflicts == []

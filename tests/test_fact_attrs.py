"""Typed fact attributes: read by name only, and written as the same mapping (keys, order, values)
the JSON held before they were typed."""

from __future__ import annotations

import json
import pickle

import pytest

from parallax.database.codec import analysis_from_json, analysis_to_json
from parallax.model import (
    Article,
    DateAttrs,
    EntityAttrs,
    Fact,
    Mention,
    QuantityAttrs,
    QuoteAttrs,
    Sentence,
    attrs_as,
    attrs_for,
)
from parallax.pipeline import analyse

# Written for these tests.
TEXT = (
    "Министр финансов Ерлан Жаксыбеков сообщил 3 апреля 2025 года, что товарооборот вырос "
    "на 12,5% и достиг 4,2 млрд долларов. «Мы ожидаем дальнейшего роста», — сказал Жаксыбеков."
)

KINDS = {"quantity": QuantityAttrs, "percent": QuantityAttrs, "date": DateAttrs,
         "entity": EntityAttrs, "quote": QuoteAttrs}


@pytest.fixture(scope="module")
def document():
    return analyse(Article(id="trade", text=TEXT, language="ru", published="2025-04-04"))


def test_every_kind_has_its_typed_attributes(document):
    assert {f.kind for f in document.facts} >= {"quantity", "percent", "date", "entity", "quote"}
    for fact in document.facts:
        assert type(fact.attrs) is KINDS[fact.kind]


def test_attributes_read_by_name_agree_with_the_mapping(document):
    by_kind = {f.kind: f for f in document.facts}
    money = by_kind["quantity"]
    assert (money.attrs.currency, money.attrs.scale, money.attrs.number) == ("USD", 9, 4.2)
    assert money.attrs.as_dict()["currency"] == "USD"
    date = by_kind["date"]
    assert (date.attrs.resolved, date.attrs.granularity) == (True, "day")
    quote = by_kind["quote"]
    assert quote.attrs.direct is True and quote.attrs.speaker == quote.speaker
    for fact in document.facts:
        for key, value in fact.attrs.as_dict().items():
            assert getattr(fact.attrs, key) == value


def test_the_mapping_holds_only_what_the_extractor_set_in_its_order(document):
    date = next(f for f in document.facts if f.kind == "date")
    assert list(date.attrs.as_dict()) == ["resolved", "granularity", "relative"]
    assert date.attrs.present == ("resolved", "granularity", "relative")
    assert date.attrs.bare is False  # unset: read as the default, and not written


def test_stored_analysis_reads_back_to_the_same_json(document):
    payload = analysis_to_json(document)
    back = analysis_from_json(document.article, payload)
    assert analysis_to_json(back) == payload
    assert [type(f.attrs) for f in back.facts] == [type(f.attrs) for f in document.facts]
    assert [f.attrs for f in back.facts] == [f.attrs for f in document.facts]
    stored = json.loads(payload)["facts"]
    assert [list(row[-1]) for row in stored] == [list(f.attrs.as_dict()) for f in document.facts]


def test_updating_keeps_the_order_and_adds_new_keys_at_the_end():
    attrs = attrs_for("entity", {"type": "person", "canonical": False})
    updated = attrs.updated({"canonical": True, "cluster": 3})
    assert list(updated.as_dict().items()) == [("type", "person"), ("canonical", True), ("cluster", 3)]
    assert list(updated.without("type").as_dict()) == ["canonical", "cluster"]
    assert list(attrs.as_dict().items()) == [("type", "person"), ("canonical", False)]  # unchanged


def test_an_unknown_attribute_is_a_clear_error():
    with pytest.raises(TypeError, match="DateAttrs: no attribute 'speaker'"):
        Mention("date", 0, 4, "2025", "2025", attrs={"speaker": "someone"})


def test_a_fact_pickled_with_plain_attributes_reads_back_typed():
    sentence = Sentence("a", 0, 0, 4, "2025")
    fact = Fact("a", "date", "2025", None, None, 0, 4, "2025", sentence, {"resolved": True})
    object.__setattr__(fact, "attrs", {"resolved": True, "granularity": "year"})  # as once stored
    back = pickle.loads(pickle.dumps(fact))
    assert type(back.attrs) is DateAttrs and back.attrs.granularity == "year"


def test_a_reader_of_one_kind_reads_any_other_fact_as_nothing_set(document):
    money = next(f for f in document.facts if f.kind == "quantity")
    date = next(f for f in document.facts if f.kind == "date")
    assert attrs_as(QuantityAttrs, money) is money.attrs
    assert attrs_as(QuantityAttrs, date).currency is None and not attrs_as(QuantityAttrs, date).present


@pytest.mark.parametrize("cls", sorted({*KINDS.values()}, key=lambda c: c.__name__))
def test_attributes_are_no_mapping(cls):
    """Readers name a field; the dict view (``attrs["key"]``, ``.get``, ``in``, ``dict(attrs)``)
    is gone so that a misspelt or removed key cannot read as None unnoticed."""
    attrs = cls()
    for method in ("__getitem__", "get", "__contains__", "__iter__", "__len__", "keys", "items"):
        assert not hasattr(attrs, method), f"{cls.__name__}.{method} is back"
    with pytest.raises(TypeError):
        dict(attrs)


def test_stored_rows_written_before_typed_attributes_read_back():
    """A row of an existing store: attrs is a plain JSON object, read into the kind's type."""
    article = Article(id="old", text="Astana, 3 April 2025.", language="en")
    payload = json.dumps({
        "cleaning": {"blocks": [[0, 21, "body"]], "removed": []},
        "sentences": [[0, 21, "en", "body"]],
        "facts": [
            ["entity", "Astana", None, None, 0, 6, 0, {"type": "place", "canonical": True, "form": "name"}],
            ["date", "2025-04-03", None, None, 8, 20, 0, {"resolved": True, "granularity": "day"}],
        ],
    })
    document = analysis_from_json(article, payload)
    place, day = document.facts
    assert type(place.attrs) is EntityAttrs and (place.type, place.attrs.canonical) == ("place", True)
    assert place.attrs.type_guessed is True  # not recorded: read as guessed
    assert type(day.attrs) is DateAttrs and day.attrs.granularity == "day"
    assert json.loads(analysis_to_json(document))["facts"] == json.loads(payload)["facts"]

"""Typed fact attributes: read by name, and the same mapping (keys, order, values) the JSON holds."""

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
    assert money.attrs["currency"] == money.attrs.get("currency") == "USD"
    date = by_kind["date"]
    assert (date.attrs.resolved, date.attrs.granularity) == (True, "day")
    quote = by_kind["quote"]
    assert quote.attrs.direct is True and quote.attrs.speaker == quote.speaker
    for fact in document.facts:
        for key, value in fact.attrs.items():
            assert getattr(fact.attrs, key) == value


def test_the_mapping_holds_only_what_the_extractor_set_in_its_order(document):
    date = next(f for f in document.facts if f.kind == "date")
    assert list(date.attrs) == ["resolved", "granularity", "relative"]
    assert "bare" not in date.attrs and date.attrs.bare is False  # unset: read as the default
    assert date.attrs.get("bare", "absent") == "absent"
    with pytest.raises(KeyError):
        date.attrs["bare"]


def test_stored_analysis_reads_back_to_the_same_json(document):
    payload = analysis_to_json(document)
    back = analysis_from_json(document.article, payload)
    assert analysis_to_json(back) == payload
    assert [type(f.attrs) for f in back.facts] == [type(f.attrs) for f in document.facts]
    assert [f.attrs for f in back.facts] == [f.attrs for f in document.facts]
    stored = json.loads(payload)["facts"]
    assert [list(row[-1]) for row in stored] == [list(f.attrs) for f in document.facts]


def test_updating_keeps_the_order_and_adds_new_keys_at_the_end():
    attrs = attrs_for("entity", {"type": "person", "canonical": False})
    updated = attrs.updated({"canonical": True, "cluster": 3})
    assert list(updated.items()) == [("type", "person"), ("canonical", True), ("cluster", 3)]
    assert list(updated.without("type")) == ["canonical", "cluster"]
    assert list(attrs.items()) == [("type", "person"), ("canonical", False)]  # unchanged


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
    assert attrs_as(QuantityAttrs, date).currency is None and not attrs_as(QuantityAttrs, date)

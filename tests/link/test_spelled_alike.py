"""Words two languages write alike (a name an extractor missed) are evidence across languages only."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from parallax.link.features import anchor_weight, features_of, spelled_anchors
from parallax.link.score import pair_features
from parallax.model import Article
from parallax.pipeline import analyse

GERMAN = Article(
    id="de",
    title="Raumsonde fliegt ein letztes Mal an der Erde vorbei",
    text=(
        "Die europäische Sonde „Velocaro“ soll am Donnerstag in 12.700 Kilometern Höhe "
        "an der Erde vorbeiziehen. "
        "Danach nimmt sie Kurs auf den Merkur, den sie im Jahr 2031 erreichen soll."
    ),
    language="de",
)
ENGLISH = Article(
    id="en",
    title="Probe to buzz Earth one last time",
    text=(
        "The European spacecraft Velocaro will pass Earth on Thursday at an altitude of 12,700 km. "
        "It will then head for Mercury, which it is due to reach in 2031."
    ),
    language="en",
)
VECTOR = np.ones(4, dtype=np.float32) / 2.0


def weight_of(anchor: str) -> float:
    return anchor_weight(anchor) * 5.0


def features(article: Article, rowid: int):
    return features_of(rowid, analyse(article), VECTOR)


def test_capitalised_words_of_title_and_lead_are_spelled_anchors():
    anchors = spelled_anchors(analyse(GERMAN))
    assert {"c:velocaro", "c:raumsonde", "c:erde", "c:sonde"} <= anchors
    assert "c:letztes" not in anchors  # written in lower case
    assert "c:vorbei" not in anchors


def test_a_word_two_languages_write_alike_is_evidence_between_them_only():
    german, english = features(GERMAN, 1), features(ENGLISH, 2)
    assert "c:velocaro" in german.anchors & english.anchors
    across = pair_features(german, english, weight_of)
    assert across is not None
    # The same two articles read as one language: the lexical and name anchors speak for them.
    within = pair_features(german, replace(english, language="de"), weight_of)
    assert within is not None
    assert across["evidence"] - within["evidence"] == pytest.approx(weight_of("c:velocaro"))


def test_a_word_of_a_name_both_articles_name_is_not_counted_again():
    anchors = frozenset({"c:velocaro", "organisation:velocaro", "d:2031"})
    german = replace(features(GERMAN, 1), anchors=anchors)
    english = replace(features(ENGLISH, 2), anchors=anchors)
    values = pair_features(german, english, weight_of)
    assert values is not None
    assert values["evidence"] == pytest.approx(weight_of("organisation:velocaro") + weight_of("d:2031"))


def test_the_overlap_of_two_languages_is_measured_on_what_both_could_share():
    # The lexical words of one language ("w:") are mass an article in another cannot share.
    german = replace(features(GERMAN, 1), anchors=frozenset({"d:2031", "w:raumso", "w:merkur"}))
    english = replace(features(ENGLISH, 2), anchors=frozenset({"d:2031", "w:mercur", "w:spacec"}))
    across = pair_features(german, english, weight_of)
    within = pair_features(german, replace(english, language="de"), weight_of)
    assert across is not None and within is not None
    assert across["overlap"] == pytest.approx(1.0)
    date, word = weight_of("d:2031"), weight_of("w:raumso")
    assert within["overlap"] == pytest.approx(date / (date + 2 * word))

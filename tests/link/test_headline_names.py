"""Names of a title that came apart from the text anchor the article for linking."""

from __future__ import annotations

import json

from parallax.database.codec import analysis_from_json, analysis_to_json
from parallax.extract.context import analysis_context
from parallax.extract.entities import save_learned_aliases
from parallax.link.features import document_anchors, headline_name_anchors, lexical_anchors
from parallax.model import Article
from parallax.pipeline import analyse

BODY = (
    "Brandvik said on Tuesday it would recall 48,000 electric scooters sold since March "
    "after reports of batteries overheating. The recall covers 14 countries."
)


def test_a_name_only_in_a_separate_title_anchors_when_the_body_writes_it():
    article = Article(id="a", text=BODY, title="Oslo maker Brandvik recalls electric scooters", language="en")
    document = analyse(article)
    # The body writes the name only where any word is capitalised: it finds no name there.
    assert not [fact for fact in document.facts if fact.kind == "entity"]
    anchors = document_anchors(document)
    assert "k:brandvik" in anchors
    assert any(a.endswith(":brandvik") and not a.startswith(("k:", "h:", "w:")) for a in anchors)


def test_a_title_name_the_body_never_writes_and_nobody_knows_is_no_anchor():
    text = BODY.replace("Brandvik", "The firm")
    document = analyse(Article(id="b", text=text, title="Oslo firm Velomark recalls scooters", language="en"))
    assert headline_name_anchors(document) == set()


def test_headline_names_are_read_at_analysis_with_the_analysis_context(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLAX_ALIASES", str(tmp_path / "learned.json"))
    entry = {"name": "Velomark", "type": "organisation", "names": {"en": ["Velomark"], "de": ["Velomark"]}}
    save_learned_aliases([entry], tmp_path / "learned.json")
    text = BODY.replace("Brandvik", "The firm")
    article = Article(id="b", text=text, title="Oslo firm Velomark recalls scooters", language="en")
    assert analyse(article).headline_names == []  # nobody knows the name, the body never writes it
    document = analyse(article, analysis_context(learned=tmp_path / "learned.json"))
    (name,) = document.headline_names
    assert (name.value, name.text, name.attrs.canonical) == ("Velomark", "Velomark", True)
    assert "organisation:velomark" in document_anchors(document)


def test_headline_names_are_stored_with_the_analysis_and_older_analyses_still_read():
    article = Article(id="a", text=BODY, title="Oslo maker Brandvik recalls electric scooters", language="en")
    document = analyse(article)
    stored = analysis_to_json(document)
    read = analysis_from_json(document.article, stored)
    assert read.headline_names == document.headline_names
    assert [m.text for m in read.headline_names] == ["Brandvik"]
    assert headline_name_anchors(read) == headline_name_anchors(document)
    # An analysis stored before headline names were kept reads as one without them.
    older = json.loads(stored)
    del older["headline_names"]
    assert analysis_from_json(document.article, json.dumps(older)).headline_names == []


def test_a_title_inside_the_text_is_read_with_the_text_not_twice():
    text = "Oslo maker Brandvik recalls electric scooters\n\n" + BODY
    document = analyse(Article(id="c", text=text, language="en"))
    assert any(s.block == "title" for s in document.sentences)
    assert headline_name_anchors(document) == set()


def test_the_words_of_a_separate_title_are_its_headline_and_lexical_words():
    document = analyse(Article(id="d", text=BODY, title="Scooter batteries overheating", language="en"))
    anchors = document_anchors(document)
    assert {"h:scooter", "h:batteries", "w:scoote"} <= anchors
    # The first sentence of the body is no headline when the title is known.
    assert "h:brandvik" not in anchors


def test_two_inflections_of_a_lead_word_are_one_lexical_anchor():
    crashes = analyse(Article(id="e", text="A snowmobile crashes into a fence near the lake.", language="en"))
    crashed = analyse(Article(id="f", text="Their snowmobile crashed into a fence on Sunday.", language="en"))
    shared = lexical_anchors(crashes) & lexical_anchors(crashed)
    assert {"w:snowmo", "w:crashe"} <= shared

"""Names of a title that came apart from the text anchor the article for linking."""

from __future__ import annotations

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

"""A story's gist: key names and figure in canonical Latin form, the same however its articles come."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import regex

from parallax.api import compare_articles, example_articles
from parallax.cli import main
from parallax.link.features import document_anchors
from parallax.link.gist import documents_gist, english_plural, figure_text, story_gist

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STORIES_SCHEMA = json.loads((ROOT / "tests" / "contracts" / "stories.schema.json").read_text())


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("agreement", "agreements"),
        ("company", "companies"),
        ("bus", "buses"),
        ("person", "people"),
        ("child", "children"),
        ("square metre", "square metres"),
        ("equipment", "equipment"),
        ("day", "days"),
    ],
)
def test_english_plural_of_counted_nouns(noun, plural):
    assert english_plural(noun) == plural


@pytest.mark.parametrize(
    ("anchor", "text"),
    [
        ("s:agreement:8", "8 agreements"),
        ("q:person:1.24e+03", "1,240 people"),
        ("q:USD:1.87e+10", "USD 18.7 billion"),
        ("p:%:41", "41%"),
        ("p:pp:4.5", "4.5 pp"),
        ("q:tonne:8.1e+06", "8.1 million tonnes"),
        ("q:x:nan", None),
    ],
)
def test_figures_read_as_a_reader_says_them(anchor, text):
    assert figure_text(anchor) == text


def test_headline_names_come_first_then_the_most_reported():
    articles = [
        {"t:person:kassym-jomart tokayev", "person:kassym-jomart tokayev", "place:paris", "s:agreement:8"},
        {"person:kassym-jomart tokayev", "person:emmanuel macron", "place:paris", "s:agreement:8"},
        {"person:emmanuel macron", "place:paris", "place:france", "q:USD:1.87e+10"},
    ]
    names = {"kassym-jomart tokayev": "Kassym-Jomart Tokayev", "emmanuel macron": "Emmanuel Macron"}
    gist = story_gist(articles, names)
    assert gist == "Kassym-Jomart Tokayev · Paris · Emmanuel Macron · 8 agreements"
    assert story_gist(list(reversed(articles)), names) == gist


def test_the_visit_story_reads_in_latin_letters_from_non_latin_sources():
    files = [EXAMPLES / "visit" / name for name in ("visit-kk.txt", "visit-ar.txt", "visit-zh.txt")]
    comparison = compare_articles(example_articles(files))
    gist = documents_gist(comparison.documents)
    assert {"Kassym-Jomart Tokayev", "Emmanuel Macron"} <= set(gist.split(" · "))
    assert all(regex.match(r"\p{Latin}", ch) for ch in gist if ch.isalpha())
    assert gist == story_gist(
        [document_anchors(d) for d in reversed(comparison.documents)],
        {
            str(f.value).casefold(): str(f.value)
            for d in comparison.documents
            for f in d.facts
            if f.kind == "entity"
        },
    )


def test_stories_json_carries_the_gist_and_keeps_the_contract(isolated_store, capsys):
    assert main(["ingest", str(EXAMPLES / "visit"), str(EXAMPLES / "flood")]) == 0
    capsys.readouterr()
    assert main(["stories", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    jsonschema.validate(record, STORIES_SCHEMA)
    gists = {s["documents"][0].split("-")[0]: s["gist"] for s in record["stories"]}
    assert "Kassym-Jomart Tokayev" in gists["visit"] and "Paris" in gists["visit"]
    assert "Aktobe" in gists["flood"]
    assert main(["stories"]) == 0
    listing = capsys.readouterr().out
    assert "Kassym-Jomart Tokayev" in listing and "Aktobe" in listing
    lines = listing.splitlines()
    for story in record["stories"]:  # ids never wrap, at 80 columns
        assert any(line.split()[:1] == [story["id"]] for line in lines), story["id"]
    assert max(len(line) for line in lines) <= 80

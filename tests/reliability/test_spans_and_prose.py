"""Every fact's text is the article's text at its offsets; real articles with separators, tables
and code snippets are articles."""

from __future__ import annotations

import pytest

import parallax
from parallax.ingest.prose import not_an_article

ACROSS_REMOVED_LINES = [
    # A junk line the cleaner removes between two capitalised words: no one name across it.
    "Talks in Paris\n\nThe talks in Paris were led by Emmanuel\nЧитайте также\nMacron and the delegation "
    "of Astana, officials said on Friday.\n",
    "Talks in Paris\n\nThe talks were led by President Emmanuel\n#Astana #grain\nMacron of France, officials "
    "said on Friday in a statement.\n",
    # A quote over a line that holds only a direction mark.
    "Grain exports\n\n\"We will export more grain this year\n\u200e\nand next year,\" Tokayev said on Friday "
    "in Astana at a meeting with farmers.\n",
]


@pytest.mark.parametrize("text", ACROSS_REMOVED_LINES)
@pytest.mark.parametrize("clean", [True, False])
def test_every_fact_is_the_text_at_its_offsets(text, clean):
    [document] = parallax.analyse_articles([("spans", text)], clean=clean)
    for fact in document.facts:
        assert fact.text == text[fact.start:fact.end], fact
        if fact.kind == "entity":
            assert "\n" not in fact.text, fact  # a name stands on one line


ARTICLE = (
    "Kazakhstan exported 8.1 million tonnes of grain in January to August, the ministry said on Tuesday.\n"
    "Wheat made up most of the shipments, and deliveries to China and Iran grew fastest this year.\n"
    "Officials expect the harvest to reach 26 million tonnes if the weather holds through September.\n"
)
TABLE = (
    "| country | tonnes |\n|---------|--------|\n| China | 2.1m |\n| Iran | 1.4m |\n| Uzbekistan | 1.2m |\n"
)
SNIPPET = (
    "The ministry publishes the figures as open data; a reader can load them like this:\n"
    "    rows = [r for r in csv.reader(open('grain.csv')) if r[2] == '2025']\n"
    "    total = sum(float(r[3]) for r in rows)  # {tonnes}\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "Grain exports grow\n____________________________________\n" + ARTICLE + "_" * 60 + "\n",
        "Grain exports grow\n" + "=" * 40 + "\n" + ARTICLE + "~" * 40 + "\n" + "-" * 40 + "\n",
        "Grain exports grow\n" + ARTICLE + TABLE + ARTICLE,
        "Open data on grain\n" + ARTICLE + SNIPPET + ARTICLE,
    ],
    ids=["underscore-separators", "rules", "table", "code-snippet"],
)
def test_separators_tables_and_snippets_do_not_make_an_article_code(text):
    assert not_an_article(text) is None


def test_code_is_still_code():
    code = "\n".join(
        f"def handler_{n}(event):\n    data = {{'id': event[{n}], 'items': [x for x in event['items']]}}\n"
        f"    return data if data['id'] >= {n} else None;" for n in range(40)
    )
    assert not_an_article(code) == "not an article (looks like code or markup)"

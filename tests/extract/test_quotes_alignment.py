"""The same statements align across languages: test_quotes_alignment.toml, one report per language.

Each report is compared with the reference report (``parallax.api.compare_articles``, the bundled encoder):
every statement must come out as one shared quote fact, credited to the table's speaker, direct
or reported as the table says, in text order.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import api
from parallax.model import Article

TABLE = tomllib.loads((Path(__file__).with_suffix(".toml")).read_text(encoding="utf-8"))
REFERENCE = next(r for r in TABLE["report"] if r["language"] == TABLE["reference"])
OTHERS = [r for r in TABLE["report"] if r is not REFERENCE]


def test_the_table_covers_eight_languages():
    assert len({r["language"] for r in TABLE["report"]}) >= 8


@pytest.mark.parametrize("report", OTHERS, ids=[r["language"] for r in OTHERS])
def test_each_statement_aligns_with_the_reference(report):
    articles = [
        Article(id=f"{r['language']}-report", text=r["text"], language=r["language"])
        for r in (REFERENCE, report)
    ]
    comparison = api.compare_articles(articles)
    quotes = sorted((f for f in comparison.facts if f.kind == "quote"),
                    key=lambda f: min(m.start for m in f.mentions))
    assert [(f.status, f.speaker, f.direct) for f in quotes] == [
        ("shared", TABLE["speaker"], statement["direct"]) for statement in report["statements"]
    ]

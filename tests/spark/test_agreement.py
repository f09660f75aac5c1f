"""The Spark job agrees with the local path on the bundled corpus: the same facts for every
article, the same stories with the same ids as `Store.ingest` + `Store.relink()`."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import EXAMPLES, read_table
from parallax.database.codec import analysis_to_json
from parallax.evaluation.clusters import bcubed
from parallax.ingest.sources import iter_articles
from parallax.model import Article
from parallax.pipeline import analyse

pytestmark = pytest.mark.slow


def local_documents():
    return {item.id: analyse(item) for item in iter_articles([str(EXAMPLES)]) if isinstance(item, Article)}


def test_every_article_of_the_corpus_comes_through(example_run):
    output, summary = example_run
    articles = read_table(output, "articles")
    assert summary.articles == len(articles) == 21
    assert summary.rejected == summary.duplicates == 0
    assert {a["article_id"] for a in articles} == set(local_documents())
    for article in articles:
        assert len(article["vector"]) == 384
        assert abs(np.linalg.norm(article["vector"]) - 1.0) < 1e-4
        assert article["date"] == article["published"][:10]


def test_the_facts_of_every_article_are_the_local_paths(example_run):
    output, _ = example_run
    local = local_documents()
    spark_analysis = {a["article_id"]: a["analysis"] for a in read_table(output, "articles")}
    for article_id, document in local.items():
        # The whole analysis: cleaning, sentences and facts with their spans, byte for byte.
        assert spark_analysis[article_id] == analysis_to_json(document), article_id
    facts = read_table(output, "facts")
    by_article: dict[str, list[dict]] = {}
    for fact in facts:
        by_article.setdefault(fact["article_id"], []).append(fact)
    assert sum(len(d.facts) for d in local.values()) == len(facts)
    for article_id, document in local.items():
        rows = sorted(by_article.get(article_id, []), key=lambda f: f["fact_index"])
        expected = [
            (f.kind, f.start, f.end, f.text, f.unit, f.sentence.index, f.type)
            for f in document.facts
        ]
        got = [
            (r["kind"], r["start"], r["end"], r["text"], r["unit"], r["sentence_index"], r["entity_type"])
            for r in rows
        ]
        assert got == expected, article_id
        for row, fact in zip(rows, document.facts, strict=True):
            value = row["value"] if isinstance(fact.value, str) else json.loads(row["value"])
            assert value == (fact.value if not isinstance(fact.value, tuple) else list(fact.value))
    mentions = read_table(output, "mentions")
    assert len(mentions) == sum(1 for f in facts if f["kind"] == "entity")
    assert {m["type"] for m in mentions} <= {"person", "place", "organisation", None}


def test_the_stories_are_the_local_relinks(example_run, local_examples):
    output, summary = example_run
    _, local_stories = local_examples
    local = {article: story["id"] for story in local_stories for article in story["documents"]}
    spark = {row["article_id"]: row["story_id"] for row in read_table(output, "story_members")}
    assert set(spark) == set(local)
    assert bcubed(spark, local).f1 >= 0.99
    # Not only the same grouping: the same deterministic ids, opened by the same first article.
    same_id = sum(spark[a] == local[a] for a in local) / len(local)
    assert same_id >= 0.99
    assert summary.stories == len(local_stories) == 4


def test_the_stories_table_describes_stories_as_parallax_stories_does(example_run, local_examples):
    output, _ = example_run
    _, local_stories = local_examples
    rows = {row["story_id"]: row for row in read_table(output, "stories")}
    for story in local_stories:
        row = rows[story["id"]]
        assert row["documents"] == story["documents"]
        assert row["size"] == len(story["documents"])
        for key in ("languages", "outlets", "title", "first_seen", "last_seen"):
            assert row[key] == story[key], (story["id"], key)
        assert row["opener"] == story["documents"][0]


def test_links_are_scored_by_the_local_scorer_within_the_window(example_run):
    output, summary = example_run
    links = read_table(output, "links")
    assert len(links) == summary.links > 0
    assert all(link["score"] >= 1.0 and link["cosine"] >= 0.78 for link in links)
    assert all(link["days_apart"] is None or link["days_apart"] <= 3 for link in links)
    # Never all pairs: candidates come from anchor blocks inside the time window.
    assert summary.candidate_pairs < 21 * 20 / 2

"""End to end on the bundled example corpus: statuses, conflicts and spans against the gold file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import api
from parallax.evaluation.facts import locate, score_story

ROOT = Path(__file__).resolve().parents[2]
GOLD = tomllib.loads((ROOT / "examples" / "stories.toml").read_text(encoding="utf-8"))
STORIES = {story["id"]: story for story in GOLD["stories"]}
NUMERIC = ("quantity", "percent", "date")


@pytest.fixture(scope="module")
def comparisons():
    return {
        story_id: api.compare_articles([ROOT / "examples" / a["file"] for a in story["articles"]])
        for story_id, story in STORIES.items()
    }


@pytest.mark.parametrize("story_id", sorted(STORIES))
def test_planted_conflicts_are_found_and_nothing_else_conflicts(comparisons, story_id):
    score = score_story(comparisons[story_id], STORIES[story_id])
    assert score.conflicts_found == score.conflicts_expected
    assert score.spurious_conflicts == []


@pytest.mark.parametrize("story_id", sorted(STORIES))
def test_numbers_and_dates_are_found_with_their_status(comparisons, story_id):
    score = score_story(comparisons[story_id], STORIES[story_id], NUMERIC)
    assert score.mention_recall >= 0.95
    wrong = [f.id for f in score.facts if not f.status_right]
    assert len(wrong) <= max(1, len(score.facts) // 10), wrong


def test_the_planted_story_reports_conflicts_omissions_and_shared_facts(comparisons):
    comparison = comparisons["visit"]
    sides = sorted(tuple(sorted(side.value for side in c.sides)) for c in comparison.conflicts)
    assert sides == [(230.0, 250.0), (5.2e9, 5.5e9)]
    investment = [f for f in comparison.facts if f.kind == "quantity" and f.value == 1.87e10]
    assert [f.status for f in investment] == ["shared"]
    assert investment[0].unit == "USD"
    trade = [f for f in comparison.facts if f.kind == "quantity" and f.value == 4.6e9]
    assert len(trade) == 1 and trade[0].status == "partial"
    assert "visit-zh.txt" not in trade[0].documents


@pytest.mark.parametrize("story_id", sorted(STORIES))
def test_numbers_in_junk_lines_are_never_facts(comparisons, story_id):
    comparison = comparisons[story_id]
    texts = {d.id: d.article.text for d in comparison.documents}
    for article in STORIES[story_id]["articles"]:
        name = Path(article["file"]).name
        junk_spans = [locate(texts[name], line) for line in article.get("junk", [])]
        junk_spans = [span for span in junk_spans if span]
        for fact in comparison.facts:
            for mention in fact.mentions:
                if mention.document != name or fact.kind not in ("quantity", "percent"):
                    continue
                assert not any(s <= mention.start < e for s, e in junk_spans), (name, mention.text)


def test_every_span_points_into_the_document_text(comparisons):
    for comparison in comparisons.values():
        texts = {d.id: d.article.text for d in comparison.documents}
        for fact in comparison.facts:
            for mention in fact.mentions:
                assert texts[mention.document][mention.start : mention.end] == mention.text
                sentence = mention.sentence
                assert texts[mention.document][sentence.start : sentence.end] == sentence.text
                assert sentence.start <= mention.start and mention.end <= sentence.end

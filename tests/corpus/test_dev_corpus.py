"""The labelled dev corpus (benchmarks/corpora/dev) is consistent and has the shape it promises."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytest
from corpus_gold import DEV, load_dev_articles, load_dev_labels

ARTICLES = load_dev_articles()
LABELS = load_dev_labels()
FIELDS = {"id", "title", "text", "language", "source", "url", "published"}
LANGUAGES = {"ar", "kk", "ky", "uz", "ru", "uk", "fa", "zh", "de", "fr", "es", "tr", "en"}


def _stories() -> dict[str, list[dict]]:
    stories: dict[str, list[dict]] = defaultdict(list)
    for article in ARTICLES:
        stories[LABELS[article["id"]]].append(article)
    return stories


def _published(article: dict) -> datetime:
    return datetime.fromisoformat(article["published"])


def _story_rows() -> dict[str, dict[str, str]]:
    header, *rows = (DEV / "stories.tsv").read_text(encoding="utf-8").splitlines()
    names = header.split("\t")
    assert names == ["story_id", "event_date", "summary", "traps"]
    return {row.split("\t")[0]: dict(zip(names, row.split("\t"), strict=True)) for row in rows}


def test_the_corpus_meets_the_minimums() -> None:
    stories = _stories()
    assert len(ARTICLES) >= 60
    assert len(stories) >= 15
    assert len({article["language"] for article in ARTICLES}) >= 8


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_record_is_complete_and_well_formed(article: dict) -> None:
    assert set(article) == FIELDS
    assert re.fullmatch(r"dev-\d{3}", article["id"])
    assert article["language"] in LANGUAGES
    assert article["source"].strip()
    assert re.fullmatch(r"https://[a-z0-9.-]+/[\x21-\x7e]+", article["url"])
    assert _published(article).tzinfo is not None
    assert 400 <= len(article["text"]) <= 1200
    assert article["text"].split("\n", 1)[0] == article["title"]
    assert "\r" not in article["text"]


def test_ids_and_urls_are_unique_and_in_publication_order() -> None:
    ids = [article["id"] for article in ARTICLES]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert len({article["url"] for article in ARTICLES}) == len(ARTICLES)
    times = [_published(article) for article in ARTICLES]
    assert times == sorted(times)


def test_texts_are_distinct_even_for_wire_copy() -> None:
    assert len({article["text"] for article in ARTICLES}) == len(ARTICLES)


def test_every_article_has_exactly_one_label() -> None:
    assert set(LABELS) == {article["id"] for article in ARTICLES}


def test_stories_file_lists_every_labelled_story() -> None:
    assert set(_story_rows()) == set(LABELS.values())


def test_story_sizes_range_from_singletons_to_several_languages() -> None:
    sizes = Counter(LABELS.values())
    assert max(sizes.values()) <= 8
    assert sum(1 for size in sizes.values() if size == 1) >= 3
    multilingual = [
        story for story, articles in _stories().items() if len({a["language"] for a in articles}) >= 3
    ]
    assert len(multilingual) >= 10


@pytest.mark.parametrize("story", sorted(set(LABELS.values())))
def test_articles_of_one_story_are_published_within_two_days(story: str) -> None:
    times = [_published(article) for article in _stories()[story]]
    assert max(times) - min(times) <= timedelta(days=2)
    event = datetime.fromisoformat(_story_rows()[story]["event_date"]).date()
    assert all(timedelta(0) <= time.date() - event <= timedelta(days=2) for time in times)


def test_traps_point_at_stories_that_exist_and_are_set() -> None:
    rows = _story_rows()
    kinds = Counter()
    for story, row in rows.items():
        for trap in filter(None, row["traps"].split(";")):
            kind, _, other = trap.partition(":")
            kinds[kind] += 1
            if other:
                assert other in rows and other != story, trap
    for kind in ("same-people", "same-kind-same-week", "follow-up-of", "wire-copy", "singleton"):
        assert kinds[kind], kind


def test_same_kind_events_in_one_week_are_kept_apart_in_time_by_days_not_weeks() -> None:
    rows = _story_rows()
    for story, row in rows.items():
        for trap in row["traps"].split(";"):
            if trap.startswith("same-kind-same-week:"):
                other = trap.split(":", 1)[1]
                first = datetime.fromisoformat(row["event_date"])
                second = datetime.fromisoformat(rows[other]["event_date"])
                assert abs(first - second) <= timedelta(days=7), (story, other)


def test_wire_copy_is_republished_by_several_outlets() -> None:
    for story, row in _story_rows().items():
        if "wire-copy" in row["traps"]:
            outlets = {article["source"] for article in _stories()[story]}
            assert len(outlets) >= 3, story

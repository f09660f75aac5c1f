"""The labelled hard corpus (benchmarks/corpora/hard) is consistent and has the shape it promises."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from itertools import combinations, pairwise
from pathlib import Path

import pycountry
import pytest

HARD = Path(__file__).resolve().parents[2] / "benchmarks" / "corpora" / "hard"
FIELDS = {"id", "title", "text", "language", "source", "url", "published"}
STORY_COLUMNS = ["story_id", "event_date", "summary", "traps", "decision"]
SYMMETRIC = {"same-people", "same-kind", "same-place", "shared-figure"}
INVERSE = {"follow-up-of": "followed-up-by", "followed-up-by": "follow-up-of"}
KNOWN_TRAPS = SYMMETRIC | set(INVERSE) | {
    "mentions", "wire-copy", "headline-rewrite", "translation", "angles", "conflicting-figures",
    "spread-days", "midnight", "distant-scripts", "big", "singleton",
}  # fmt: skip
# The script each language of the corpus is written in, for the distant-scripts pairs.
SCRIPTS = {
    "ar": "Arabic", "fa": "Arabic", "zh": "Han",
    "kk": "Cyrillic", "ky": "Cyrillic", "ru": "Cyrillic", "uk": "Cyrillic",
    "en": "Latin", "de": "Latin", "fr": "Latin", "es": "Latin", "tr": "Latin", "uz": "Latin",
}  # fmt: skip
DISTANT_PAIRS = [{"zh", "ar"}, {"fa", "kk"}, {"uk", "tr"}]
# Lines that scrapers leave around an article: tickers, hashtags, share bars, "read also" lists.
TICKER = re.compile(r"^(?:[A-Z]{3}(?:/[A-Z]{3})?\s+)?[\d.,]+$")
JUNK = re.compile(
    r"^[\d.,\s]+$|#\w|\s\|\s|^(?:USD|BIST)\b|^(?:Related|Most read|Also today|Tags|Share|Newsletter|"
    r"Lesen Sie auch|Mehr zum Thema|Schlagworte|Börse aktuell|Partager|Réagissez|Infos pratiques|"
    r"À lire aussi|Lo más|Te puede interesar|اقرأ أيضا|الأكثر قراءة|تابعونا|المصدر|برچسب‌ها|"
    r"اخبار مرتبط|مطالب مرتبط|قیمت دلار|相关|分享到|责任编辑|【编辑|Курс валют|Поделиться|"
    r"Подписывайтесь|Обсудить|Реклама|Вам может|Читайте также|Источник|По материалам|Фото:|"
    r"Телефон горячей|Сондай-ақ оқыңыз|Бөлісу|Пікір|Бөлүшүү|Окшош|Ko'rishlar|Telegram kanal|"
    r"Eng ko'p|Ijtimoiy|Fikr bildiring|Читайте також|Коментарі|Новини партнерів|Підписуйтесь|"
    r"Погода на|Yorum|Paylaş|İlgili haberler|Piyasalar|Son dakika|Kaynak|Trabzon'da hava)"
)


def _articles() -> list[dict]:
    lines = (HARD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _labels() -> dict[str, str]:
    header, *rows = (HARD / "labels.tsv").read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == ["article_id", "story_id"]
    pairs = [row.split("\t") for row in rows if row.strip()]
    assert all(len(pair) == 2 for pair in pairs)
    assert len({article for article, _ in pairs}) == len(pairs), "an article is labelled twice"
    return dict(pairs)


def _story_rows() -> dict[str, dict[str, str]]:
    header, *rows = (HARD / "stories.tsv").read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == STORY_COLUMNS
    return {row.split("\t")[0]: dict(zip(STORY_COLUMNS, row.split("\t"), strict=True)) for row in rows}


ARTICLES = _articles()
LABELS = _labels()
ROWS = _story_rows()


def _stories() -> dict[str, list[dict]]:
    stories: dict[str, list[dict]] = defaultdict(list)
    for article in ARTICLES:
        stories[LABELS[article["id"]]].append(article)
    return stories


STORIES = _stories()


def _published(article: dict) -> datetime:
    return datetime.fromisoformat(article["published"])


def _traps(story: str) -> list[tuple[str, str]]:
    return [trap.partition(":")[::2] for trap in filter(None, ROWS[story]["traps"].split(";"))]


def _stories_with(kind: str) -> list[str]:
    return [story for story in ROWS if any(k == kind for k, _ in _traps(story))]


def _event_date(story: str) -> date:
    return date.fromisoformat(ROWS[story]["event_date"])


def _languages(story: str) -> set[str]:
    return {article["language"] for article in STORIES[story]}


def test_the_corpus_meets_the_minimums() -> None:
    assert len(ARTICLES) >= 150
    assert len(STORIES) >= 35
    assert len({article["language"] for article in ARTICLES}) >= 10
    assert len({article["source"] for article in ARTICLES}) >= 25


def test_story_sizes_range_from_singletons_to_big_multilingual_stories() -> None:
    sizes = {story: len(articles) for story, articles in STORIES.items()}
    assert max(sizes.values()) <= 12
    assert sum(1 for size in sizes.values() if size == 1) >= 10
    assert sum(1 for size in sizes.values() if 2 <= size <= 4) >= 15
    big = [story for story, size in sizes.items() if size >= 8 and len(_languages(story)) >= 6]
    assert len(big) >= 3
    assert sorted(big) == sorted(_stories_with("big"))
    assert sorted(story for story, size in sizes.items() if size == 1) == sorted(_stories_with("singleton"))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_record_is_complete_and_well_formed(article: dict) -> None:
    assert set(article) == FIELDS
    assert re.fullmatch(r"hard-\d{3}", article["id"])
    assert re.fullmatch(r"[a-z]{2}", article["language"])
    assert pycountry.languages.get(alpha_2=article["language"]) is not None
    assert article["source"].strip() == article["source"] and article["source"]
    assert re.fullmatch(r"https://[a-z0-9.-]+/[\x21-\x7e]+", article["url"])
    assert _published(article).tzinfo is not None
    assert 300 <= len(article["text"]) <= 1500
    assert article["title"] in article["text"].split("\n")
    assert "\r" not in article["text"]


def test_ids_run_in_file_order_and_ids_urls_and_texts_are_unique() -> None:
    assert [article["id"] for article in ARTICLES] == [f"hard-{n:03d}" for n in range(1, len(ARTICLES) + 1)]
    assert len({article["url"] for article in ARTICLES}) == len(ARTICLES)
    assert len({article["text"] for article in ARTICLES}) == len(ARTICLES)


def test_records_are_mixed_rather_than_sorted_by_story_or_time() -> None:
    stories = [LABELS[article["id"]] for article in ARTICLES]
    neighbours = sum(1 for a, b in pairwise(stories) if a == b)
    assert neighbours < len(ARTICLES) // 5
    times = [_published(article) for article in ARTICLES]
    assert times != sorted(times)


def test_every_outlet_writes_in_one_language() -> None:
    languages: dict[str, set[str]] = defaultdict(set)
    for article in ARTICLES:
        languages[article["source"]].add(article["language"])
    assert all(len(found) == 1 for found in languages.values()), languages


def test_every_article_has_exactly_one_label_and_every_story_a_row() -> None:
    assert set(LABELS) == {article["id"] for article in ARTICLES}
    assert set(ROWS) == set(LABELS.values())
    for row in ROWS.values():
        date.fromisoformat(row["event_date"])
        assert row["summary"].strip()


@pytest.mark.parametrize("story", sorted(ROWS))
def test_articles_are_published_in_a_plausible_window_around_the_event(story: str) -> None:
    event = _event_date(story)
    for article in STORIES[story]:
        # the local publication date may fall the day before (time zones) and up to 3 days after
        assert timedelta(days=-1) <= _published(article).date() - event <= timedelta(days=3), article["id"]


def test_traps_are_known_point_at_other_stories_and_are_linked_both_ways() -> None:
    for story in ROWS:
        for kind, other in _traps(story):
            assert kind in KNOWN_TRAPS, (story, kind)
            if not other:
                continue
            assert other in ROWS and other != story, (story, kind, other)
            reverse = kind if kind in SYMMETRIC else INVERSE.get(kind)
            if reverse:
                assert (reverse, story) in _traps(other), (story, kind, other)


def test_each_kind_of_trap_is_set_many_times() -> None:
    minimum = {
        "same-people": 8, "same-kind": 8, "follow-up-of": 3, "shared-figure": 8, "wire-copy": 5,
        "angles": 5, "spread-days": 5, "mentions": 5, "midnight": 2, "distant-scripts": 5,
        "headline-rewrite": 2, "conflicting-figures": 3,
    }  # fmt: skip
    for kind, count in minimum.items():
        assert len(_stories_with(kind)) >= count, kind


def test_related_events_are_close_in_time_and_follow_ups_come_later() -> None:
    for story in ROWS:
        for kind, other in _traps(story):
            if not other:
                continue
            apart = (_event_date(other) - _event_date(story)).days
            if kind == "same-kind":
                assert abs(apart) <= 7, (story, other)
            elif kind == "same-people":
                assert 0 < abs(apart) <= 40, (story, other)
            elif kind == "follow-up-of":
                assert 7 <= -apart <= 45, (story, other)


@pytest.mark.parametrize("story", _stories_with("wire-copy"))
def test_wire_copy_is_republished_with_a_credit_to_the_wire(story: str) -> None:
    outlets = {article["source"] for article in STORIES[story]}
    assert len(outlets) >= 3
    credited = [
        article
        for article in STORIES[story]
        if any(outlet in article["text"] for outlet in outlets - {article["source"]})
    ]
    assert credited, story


@pytest.mark.parametrize("story", _stories_with("headline-rewrite"))
def test_headline_rewrites_share_paragraphs_under_another_headline(story: str) -> None:
    def paragraphs(article: dict) -> set[str]:
        return {line for line in article["text"].split("\n") if len(line) >= 100}

    assert any(
        a["title"] != b["title"] and a["source"] != b["source"] and paragraphs(a) & paragraphs(b)
        for a, b in combinations(STORIES[story], 2)
    ), story


@pytest.mark.parametrize("story", _stories_with("midnight"))
def test_midnight_stories_have_reports_hours_apart_on_different_local_dates(story: str) -> None:
    assert any(
        _published(a).date() != _published(b).date()
        and abs(_published(a) - _published(b)) < timedelta(hours=12)
        for a, b in combinations(STORIES[story], 2)
    ), story


@pytest.mark.parametrize("story", _stories_with("spread-days"))
def test_spread_stories_are_published_over_several_days(story: str) -> None:
    assert len({_published(article).date() for article in STORIES[story]}) >= 2


def test_cross_lingual_stories_pair_distant_scripts() -> None:
    for story in _stories_with("distant-scripts"):
        assert len({SCRIPTS[language] for language in _languages(story)}) >= 2, story
    for pair in DISTANT_PAIRS:
        assert any(pair <= _languages(story) for story in ROWS), pair


def test_a_third_of_the_articles_carry_scraped_junk_and_some_tickers_precede_the_title() -> None:
    def has_junk(article: dict) -> bool:
        return any(JUNK.search(line) for line in article["text"].split("\n") if line != article["title"])

    assert sum(map(has_junk, ARTICLES)) * 3 >= len(ARTICLES)
    led_by_tickers = [
        article
        for article in ARTICLES
        if (before := article["text"].split("\n" + article["title"] + "\n", 1)[0]) != article["text"]
        and all(TICKER.match(line.strip()) or JUNK.search(line) for line in before.split("\n"))
    ]
    assert len(led_by_tickers) >= 5


def test_languages_are_spread_over_the_stories() -> None:
    counts = Counter(article["language"] for article in ARTICLES)
    assert min(counts.values()) >= 3
    multilingual = [story for story in ROWS if len(_languages(story)) >= 3]
    assert len(multilingual) >= 20

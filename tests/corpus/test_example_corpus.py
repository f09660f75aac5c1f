"""The bundled example corpus agrees with its gold file (examples/stories.toml).

These tests check the corpus, not parallax: every article exists and decodes with its declared
encoding, every gold span occurs where the gold file says, statuses follow from the reporting
documents, and the corpus has the shape the issue asks for.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from corpus_gold import (
    EXAMPLES,
    article_id,
    article_path,
    body_text,
    decoded_text,
    digit_runs,
    expected_status,
    iter_mentions,
    load_examples,
    searchable_text,
    significant_digits,
    span_offsets,
)

GOLD = load_examples()
STORIES = GOLD["stories"]
ARTICLES = [article for story in STORIES for article in story["articles"]]
MENTIONS = [(story, fact, mention) for story in STORIES for fact, mention in iter_mentions(story)]

LANGUAGES = {"ar", "kk", "ky", "uz", "ru", "uk", "fa", "zh", "de", "fr", "es", "tr", "en"}
ENCODINGS = {"utf-8", "utf-16", "cp1251", "cp1256"}
KINDS = {"quantity", "percent", "date", "entity", "quote"}
QUALIFIERS = {"about", "more_than", "less_than", "up_to", "target"}
STATUSES = {"shared", "partial", "unique", "conflict"}
NUMERIC_KINDS = {"quantity", "percent"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def _by_id(story: dict) -> dict[str, dict]:
    return {article_id(article): article for article in story["articles"]}


def _article_of(story: dict, file: str) -> dict:
    return _by_id(story)[file]


def _label(article: dict) -> str:
    return article["file"]


def _mention_label(item: tuple[dict, dict, dict]) -> str:
    story, fact, mention = item
    return f"{story['id']}:{fact['id']}:{mention['file']}"


# --- the corpus as a whole ---------------------------------------------------------------------


def test_schema_version() -> None:
    assert GOLD["schema"] == 1


def test_story_ids_are_unique() -> None:
    ids = [story["id"] for story in STORIES]
    assert len(ids) == len(set(ids))


def test_at_least_three_stories_each_in_four_languages_with_ar_kk_ru_zh() -> None:
    assert len(STORIES) >= 3
    for story in STORIES:
        languages = [article["language"] for article in story["articles"]]
        assert len(set(languages)) >= 4, story["id"]
        assert {"ar", "kk", "ru", "zh"} <= set(languages), story["id"]


def test_every_story_has_an_html_page() -> None:
    for story in STORIES:
        assert any(article["format"] == "html" for article in story["articles"]), story["id"]


def test_the_corpus_carries_every_required_encoding() -> None:
    encodings = {article["encoding"] for article in ARTICLES}
    assert {"cp1251", "cp1256", "utf-16"} <= encodings


def test_one_story_has_planted_conflicts_and_omissions() -> None:
    planted = [story for story in STORIES if story.get("planted")]
    assert planted
    for story in planted:
        assert len(story.get("conflicts", [])) >= 2
        statuses = Counter(fact["status"] for fact in story["facts"])
        assert statuses["shared"] and statuses["partial"] and statuses["unique"]


def test_article_ids_are_unique_across_the_corpus() -> None:
    ids = [article_id(article) for article in ARTICLES]
    assert len(ids) == len(set(ids))


def test_every_article_file_in_examples_is_in_the_gold_file() -> None:
    listed = {article_path(article).resolve() for article in ARTICLES}
    on_disk = {
        path.resolve()
        for path in EXAMPLES.rglob("*")
        if path.suffix in {".txt", ".html", ".htm"} and path.parent != EXAMPLES
    }
    assert on_disk == listed


# --- each article --------------------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=_label)
def test_article_declares_known_language_format_and_encoding(article: dict) -> None:
    assert article["language"] in LANGUAGES
    assert article["encoding"] in ENCODINGS
    expected_format = "html" if Path(article["file"]).suffix in {".html", ".htm"} else "text"
    assert article["format"] == expected_format
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["published"])


@pytest.mark.parametrize("article", ARTICLES, ids=_label)
def test_article_decodes_strictly_with_its_declared_encoding(article: dict) -> None:
    raw = article_path(article).read_bytes()
    text = raw.decode(article["encoding"])
    assert "\ufffd" not in text
    assert "\r" not in text, "line ends are LF so that offsets are unambiguous"
    if article["encoding"] == "utf-16":
        assert raw[:2] in {b"\xff\xfe", b"\xfe\xff"}, "UTF-16 files carry a BOM"
    if article["encoding"] in {"cp1251", "cp1256"}:
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    if article["encoding"] == "utf-8":
        assert not raw.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("article", ARTICLES, ids=_label)
def test_article_length_is_that_of_a_real_news_item(article: dict) -> None:
    assert 1200 <= len(body_text(article)) <= 2500


@pytest.mark.parametrize("article", ARTICLES, ids=_label)
def test_title_dateline_and_timestamp_occur(article: dict) -> None:
    text = searchable_text(article)
    assert article["title"] in text
    if article["format"] == "text":
        lines = text.split("\n")
        assert article["title"] in lines, "the title is a line of its own"
        assert any(line.startswith(article["dateline"]) for line in lines), "the dateline opens a line"
        assert article["timestamp"] in lines


@pytest.mark.parametrize("article", [a for a in ARTICLES if a["format"] == "html"], ids=_label)
def test_html_page_has_the_metadata_of_a_news_page(article: dict) -> None:
    page = searchable_text(article)
    for tag in ("<head>", "<title>", "<nav", "<article>", "<footer", "<p>"):
        assert tag in page
    assert f'<meta property="og:site_name" content="{article["outlet"]}">' in page
    assert f'<meta property="og:url" content="{article["url"]}">' in page
    published = re.search(r'<meta property="article:published_time" content="([^"]+)">', page)
    assert published and published.group(1).startswith(article["published"])
    declared = re.search(r"charset=[\"']?([\w-]+)", page)
    assert declared, "the page declares its charset"
    assert declared.group(1).lower().replace("windows-", "cp") == article["encoding"]


@pytest.mark.parametrize("article", ARTICLES, ids=_label)
def test_junk_occurs_outside_the_article_body(article: dict) -> None:
    text = searchable_text(article)
    assert any(any(ch.isdigit() for ch in junk) for junk in article["junk"]), "junk carries numbers"
    lines = text.split("\n")
    for junk in article["junk"]:
        if article["format"] == "text":
            assert junk in lines, f"junk {junk!r} is a whole line"
        else:
            assert junk in text and junk not in body_text(article), junk


@pytest.mark.parametrize("article", [a for a in ARTICLES if a.get("not_facts")], ids=_label)
def test_numbers_in_names_occur_in_the_text(article: dict) -> None:
    for span in article["not_facts"]:
        assert span in body_text(article)


# --- facts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("story", STORIES, ids=lambda story: story["id"])
def test_facts_are_well_formed(story: dict) -> None:
    ids = [fact["id"] for fact in story["facts"]]
    assert len(ids) == len(set(ids))
    for fact in story["facts"]:
        kind = fact["kind"]
        assert kind in KINDS, fact["id"]
        assert fact["status"] in STATUSES, fact["id"]
        assert fact.get("qualifier", "about") in QUALIFIERS, fact["id"]
        assert fact["mentions"], fact["id"]
        if kind in NUMERIC_KINDS:
            assert isinstance(fact["value"], int | float), fact["id"]
            assert fact["unit"], fact["id"]
        if kind == "percent":
            assert fact["unit"] in {"%", "pp"}, fact["id"]
        if kind == "quantity":
            assert fact["unit"] not in {"%", "pp"}, fact["id"]
        if kind == "date":
            assert ISO_DATE.match(fact["value"]), fact["id"]
            assert "unit" not in fact, fact["id"]
        if kind == "entity":
            assert fact["type"] in {"person", "place", "organisation"}, fact["id"]
        if kind == "quote":
            assert fact["speaker"], fact["id"]


@pytest.mark.parametrize("story", STORIES, ids=lambda story: story["id"])
def test_statuses_follow_from_the_reporting_documents(story: dict) -> None:
    for fact in story["facts"]:
        assert fact["status"] == expected_status(story, fact), fact["id"]


@pytest.mark.parametrize("story", STORIES, ids=lambda story: story["id"])
def test_conflicts_oppose_different_values_of_one_thing_from_different_sources(story: dict) -> None:
    facts = {fact["id"]: fact for fact in story["facts"]}
    for conflict in story.get("conflicts", []):
        assert conflict["about"]
        sides = [facts[side] for side in conflict["sides"]]
        assert len(sides) >= 2
        assert len({(side["kind"], side["unit"]) for side in sides}) == 1
        assert len({side["value"] for side in sides}) == len(sides)
        reporters = [{mention["file"] for mention in side["mentions"]} for side in sides]
        assert sum(len(r) for r in reporters) == len(set().union(*reporters)), "one source, one side"


@pytest.mark.parametrize("item", MENTIONS, ids=_mention_label)
def test_mention_span_occurs_in_the_named_file(item: tuple[dict, dict, dict]) -> None:
    story, _, mention = item
    assert mention["file"] in _by_id(story), f"{mention['file']} is not an article of {story['id']}"
    article = _article_of(story, mention["file"])
    text = searchable_text(article)
    assert text.count(mention["text"]) >= mention.get("occurrence", 1), mention["text"]


@pytest.mark.parametrize(
    "item", [m for m in MENTIONS if m[1]["kind"] in NUMERIC_KINDS | {"date"}], ids=_mention_label
)
def test_number_and_date_spans_are_unambiguous_and_outside_junk(item: tuple[dict, dict, dict]) -> None:
    story, _, mention = item
    article = _article_of(story, mention["file"])
    body = body_text(article)
    if "occurrence" not in mention:
        assert body.count(mention["text"]) == 1, f"{mention['text']!r} must occur once in the body"
    start, _ = span_offsets(body, mention["text"], mention.get("occurrence", 1))
    line = body[body.rfind("\n", 0, start) + 1 :].split("\n", 1)[0]
    assert line not in article["junk"], f"{mention['text']!r} sits in a junk line"


@pytest.mark.parametrize("item", [m for m in MENTIONS if m[1]["kind"] in NUMERIC_KINDS], ids=_mention_label)
def test_digits_in_a_numeric_span_agree_with_its_value(item: tuple[dict, dict, dict]) -> None:
    _, fact, mention = item
    runs = digit_runs(mention["text"])
    if not runs:
        return  # a number word: "eight", "сегіз", "ثمانية", "八"
    assert len(runs) == 1, mention["text"]
    value = mention.get("value", fact["value"])
    assert runs[0].strip("0") == significant_digits(value), (mention["text"], value)


@pytest.mark.parametrize("item", [m for m in MENTIONS if m[1]["kind"] == "date"], ids=_mention_label)
def test_digits_in_a_date_span_are_parts_of_its_value(item: tuple[dict, dict, dict]) -> None:
    _, fact, mention = item
    parts = {int(part) for part in re.split(r"[-/]", fact["value"])}
    for run in re.findall(r"\d+", "".join(" " + r for r in digit_runs(mention["text"]))):
        assert int(run) in parts, (mention["text"], fact["value"])


def test_number_words_and_relative_dates_are_planted() -> None:
    numeric_words = [
        mention
        for story in STORIES
        for fact, mention in iter_mentions(story)
        if fact["kind"] == "quantity" and not digit_runs(mention["text"])
    ]
    relative = [
        mention
        for story in STORIES
        for fact, mention in iter_mentions(story)
        if fact["kind"] == "date" and not digit_runs(mention["text"])
    ]
    qualified = [fact for story in STORIES for fact in story["facts"] if fact.get("qualifier")]
    points = [fact for story in STORIES for fact in story["facts"] if fact.get("unit") == "pp"]
    assert len(numeric_words) >= 8 and len(relative) >= 8 and qualified and points


def test_decoding_helpers_agree_with_the_files() -> None:
    article = next(a for a in ARTICLES if a["encoding"] == "utf-16")
    assert not decoded_text(article).startswith("\ufeff")


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _gold_spans(story: dict, article: dict, text: str) -> list[tuple[int, int]]:
    spans = []
    for fact, mention in iter_mentions(story):
        if mention["file"] == article_id(article) and fact["kind"] in NUMERIC_KINDS | {"date"}:
            spans.append(span_offsets(text, mention["text"], mention.get("occurrence", 1)))
    for name in article.get("not_facts", []):
        spans.append(span_offsets(text, name))
    return spans


@pytest.mark.parametrize(
    ("story", "article"),
    [pytest.param(story, article, id=article["file"]) for story in STORIES for article in story["articles"]],
)
def test_every_digit_in_kept_text_belongs_to_a_gold_fact(story: dict, article: dict) -> None:
    """The gold file is complete for numbers written in digits: none in the title or body is missed.

    Junk lines, the timestamp line and the dateline are not article text and are skipped.
    """
    text = body_text(article)
    spans = _gold_spans(story, article, text)
    skipped = set(article["junk"]) | {article.get("timestamp")}
    offset = 0
    for line in text.split("\n"):
        start_of_line = offset
        offset += len(line) + 1
        if line in skipped:
            continue
        dateline = article.get("dateline")
        begin = len(dateline) if dateline and line.startswith(dateline) else 0
        for match in re.finditer(r"\d+(?:[.,\u066b\u00a0 ]\d+)*", line[begin:]):
            start = start_of_line + begin + match.start()
            end = start_of_line + begin + match.end()
            assert _covered(spans, start, end), f"{match.group()!r} in {line!r} is in no gold span"

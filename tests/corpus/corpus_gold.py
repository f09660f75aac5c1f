"""Read the gold files of the bundled corpora: the example stories and the labelled dev corpus.

End-to-end tests import this module to check parallax against the gold answers:

    from corpus_gold import load_examples, decoded_text, article_path, span_offsets

(pytest puts ``tests/corpus`` on ``sys.path`` for the tests in it; other test folders can do
``sys.path.insert(0, str(Path(__file__).parents[1] / "corpus"))``).
"""

from __future__ import annotations

import html
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLES_GOLD = EXAMPLES / "stories.toml"
DEV = ROOT / "benchmarks" / "corpora" / "dev"

_ARTICLE_ELEMENT = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
# Decimal and grouping separators that may sit between two digits of one number.
_SEPARATORS = frozenset(",.'\u066b\u066c \u00a0\u202f\uff0c\uff0e")


def load_examples(path: Path = EXAMPLES_GOLD) -> dict[str, Any]:
    """The example corpus's gold file, parsed."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def article_path(article: dict[str, Any]) -> Path:
    return EXAMPLES / article["file"]


def article_id(article: dict[str, Any]) -> str:
    """The id parallax gives a file: its name without directories."""
    return Path(article["file"]).name


def decoded_text(article: dict[str, Any]) -> str:
    """The file decoded strictly with its declared encoding (a UTF-16 BOM is consumed)."""
    return article_path(article).read_bytes().decode(article["encoding"])


def searchable_text(article: dict[str, Any]) -> str:
    """The text gold spans are written against: the decoded file, HTML entities resolved."""
    text = decoded_text(article)
    return html.unescape(text) if article["format"] == "html" else text


def body_text(article: dict[str, Any]) -> str:
    """The article's own text: the whole file for plain text, the <article> element for HTML."""
    text = decoded_text(article)
    if article["format"] != "html":
        return text
    match = _ARTICLE_ELEMENT.search(text)
    if match is None:
        raise ValueError(f"{article['file']}: no <article> element")
    return html.unescape(_TAG.sub("", match.group(1))).strip()


def span_offsets(text: str, span: str, occurrence: int = 1) -> tuple[int, int]:
    """Code-point offsets (end exclusive) of the n-th occurrence of ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.find(span, start + 1)
        if start < 0:
            raise ValueError(f"occurrence {occurrence} of {span!r} not found")
    return start, start + len(span)


def iter_mentions(story: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (fact, mention) pair of a story."""
    for fact in story.get("facts", []):
        for mention in fact["mentions"]:
            yield fact, mention


def expected_status(story: dict[str, Any], fact: dict[str, Any]) -> str:
    """The status a fact's reporting documents imply: shared, partial, unique or conflict."""
    if any(fact["id"] in conflict["sides"] for conflict in story.get("conflicts", [])):
        return "conflict"
    reporting = {mention["file"] for mention in fact["mentions"]}
    everyone = {article_id(article) for article in story["articles"]}
    if reporting == everyone:
        return "shared"
    return "unique" if len(reporting) == 1 else "partial"


def digit_runs(text: str) -> list[str]:
    """Runs of decimal digits in any script, as ASCII, with the separators between them dropped.

    "18,7" -> ["187"], "1 240" -> ["1240"], "١٢٤٠" -> ["1240"], "2005-2024" -> ["2005", "2024"].
    """

    def is_digit(char: str) -> bool:
        return unicodedata.category(char) == "Nd"

    runs: list[str] = []
    current = ""
    for index, char in enumerate(text):
        if is_digit(char):
            current += str(unicodedata.digit(char))
            continue
        following = text[index + 1 : index + 2]
        if current and char in _SEPARATORS and following and is_digit(following):
            continue
        if current:
            runs.append(current)
        current = ""
    if current:
        runs.append(current)
    return runs


def significant_digits(value: float | int | str) -> str:
    """The digits of a number without leading or trailing zeros: 1.87e10 -> "187"."""
    digits = "".join(str(d) for d in Decimal(str(value)).normalize().as_tuple().digits)
    return digits.strip("0") or "0"


def load_dev_articles(directory: Path = DEV) -> list[dict[str, Any]]:
    """The dev corpus's articles, one dict per JSONL record."""
    lines = (directory / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_dev_labels(directory: Path = DEV) -> dict[str, str]:
    """Article id -> story id, from labels.tsv (a header row, then one row per article)."""
    rows = (directory / "labels.tsv").read_text(encoding="utf-8").splitlines()
    header, *body = rows
    if header.split("\t") != ["article_id", "story_id"]:
        raise ValueError(f"labels.tsv: unexpected header {header!r}")
    return dict(row.split("\t") for row in body if row.strip())


def normalise_space(text: str) -> str:
    """Every run of Unicode white space as one ASCII space.

    HTML main-text extraction (trafilatura) turns U+00A0 into a plain space, so a gold span such
    as "1\u00a0240 человек" is compared with what parallax keeps after this normalisation.
    """
    return " ".join(text.split())

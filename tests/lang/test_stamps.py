"""Publication metadata of scraped text, driven by one table per language: tests/lang/<code>/stamps.toml.

Each case is the head of a scraped article (written by us): the title the cleaner must take
(never a hashtag or tag line) and the publication date it must read from the timestamp or
dateline in the language's local form ("04.06.2025, 10:25 Uhr", "12 марта 2025 г.", "۲۲ اسفند
۱۴۰۳ ساعت ۱۰:۲۵"), or none when the article carries no date.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import lang
from parallax.clean.cleaner import clean
from parallax.model import Article

HERE = Path(__file__).parent
MIN_CASES = 4


def _tables() -> dict[str, list[dict]]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))["case"]
        for table in sorted(HERE.glob("*/stamps.toml"))
    }


def _cases() -> list:
    return [
        pytest.param(case, id=f"{code}-{number}")
        for code, cases in _tables().items()
        for number, case in enumerate(cases, 1)
    ]


@pytest.mark.parametrize("case", _cases())
def test_title_and_publication_date(case: dict) -> None:
    cleaning = clean(Article(id="page", text=case["text"]))
    assert cleaning.title == case["title"], case["about"]
    assert cleaning.published == (case["published"] or None), case["about"]


def test_every_language_has_a_stamp_table() -> None:
    tables = _tables()
    assert set(tables) == set(lang.languages())
    for code, cases in tables.items():
        assert len(cases) >= MIN_CASES, code
        assert any(not case["published"] for case in cases), f"{code}: no undated example"

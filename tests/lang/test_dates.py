"""Date extraction, driven by one table per language: tests/lang/<code>/dates.toml.

Each case gives a text, an optional publication date and the values extract_dates must find,
in text order ("unresolved" where the value needs a publication date that is not given);
optional `spans` are the exact texts of those mentions.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from parallax import lang
from parallax.extract.dates import extract_dates
from parallax.model import DateAttrs, attrs_as

HERE = Path(__file__).parent
UNRESOLVED = "unresolved"
MIN_CASES = 15


def _tables() -> dict[str, list[dict]]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))["case"]
        for table in sorted(HERE.glob("*/dates.toml"))
    }


def _cases() -> list:
    return [
        pytest.param(code, case, id=f"{code}-{number}")
        for code, cases in _tables().items()
        for number, case in enumerate(cases, 1)
    ]


def _published(case: dict) -> date | None:
    return date.fromisoformat(case["published"]) if "published" in case else None


@pytest.mark.parametrize(("code", "case"), _cases())
def test_dates(code: str, case: dict) -> None:
    mentions = extract_dates(case["text"], code, _published(case))
    values = [UNRESOLVED if mention.value is None else mention.value for mention in mentions]
    assert values == case["dates"], (case["about"], [mention.text for mention in mentions])
    if "spans" in case:
        assert [mention.text for mention in mentions] == case["spans"], case["about"]
    if "written" in case:  # what an unresolved date is compared by, the same in every language
        assert [mention.attrs.written for mention in mentions] == case["written"], case["about"]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_mentions_are_well_formed(code: str, case: dict) -> None:
    text = case["text"]
    for mention in extract_dates(text, code, _published(case)):
        assert mention.kind == "date"
        assert text[mention.start : mention.end] == mention.text
        assert mention.text == mention.text.strip()
        assert mention.attrs.resolved is (mention.value is not None)
        assert mention.attrs.granularity in {"day", "month", "year", "interval", "recurrence"}
        assert isinstance(mention.attrs.relative, bool)
        if mention.value is not None:
            assert ("/" in mention.value) is (mention.attrs.granularity in ("interval", "recurrence"))
            assert mention.value.startswith("R/P") is (mention.attrs.granularity == "recurrence")


@pytest.mark.parametrize(("code", "case"), _cases())
def test_offsets_hold_inside_a_larger_text(code: str, case: dict) -> None:
    prefix = "Header line\n\n"
    alone = extract_dates(case["text"], code, _published(case))
    inside = extract_dates(prefix + case["text"] + "\n", code, _published(case))
    assert [(m.start + len(prefix), m.end + len(prefix), m.value) for m in alone] == [
        (m.start, m.end, m.value) for m in inside
    ]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_relative_dates_stay_unresolved_without_a_publication_date(code: str, case: dict) -> None:
    for mention in extract_dates(case["text"], code, None):
        if mention.attrs.relative:
            assert mention.value is None and mention.attrs.resolved is False
        else:
            assert mention.value is not None or mention.attrs.ambiguous


def test_every_language_has_a_rich_date_table() -> None:
    tables = _tables()
    assert set(tables) == set(lang.languages())
    for code, cases in tables.items():
        assert len(cases) >= MIN_CASES, code
        assert any(case["dates"] == [] for case in cases), f"{code}: no negative example"
        assert any("/" in value for case in cases for value in case["dates"]), f"{code}: no interval"
        assert any("published" in case for case in cases), f"{code}: no relative example"


def test_an_unresolved_season_says_what_it_is_compared_by() -> None:
    # Without a publication date a season keeps, typed, the year it names or else its months:
    # "this winter" and "今年冬天" ("this year's winter") are one date, last year's spring another.
    def key(text: str, code: str) -> str | None:
        [mention] = extract_dates(text, code, None)
        return attrs_as(DateAttrs, mention).season_key

    assert key("Aid arrives this winter.", "en") == key("今年冬天援助将到达。", "zh") == "g-- m12-2"
    assert key("Былтыр көктемде су тасқыны болды.", "kk") == "g-1"
    [resolved] = extract_dates("Aid arrives this winter.", "en", date(2025, 3, 12))
    assert attrs_as(DateAttrs, resolved).season_key is None

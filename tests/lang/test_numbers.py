"""Quantity and percent extraction, driven by one table per language: tests/lang/<code>/numbers.toml.

Each case gives a text and every number extract_numbers must find in it, in text order: value
(scale applied), unit ("" for none), and optionally qualifier, kind, span (the mention's
exact text), range ([low, high] of a range), age (true: years of someone's age, "3 жасар")
per (the period of a rate, "жылына" -> "year") and noun (the text of the counted noun's span, a
unit of time with its postposition: "жыл ішінде"). A case with ``numbers = []`` is text where
nothing is an amount.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pytest

from parallax import lang
from parallax.extract.numbers import extract_numbers

HERE = Path(__file__).parent
MIN_CASES = 25


def _tables() -> dict[str, list[dict]]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))["case"]
        for table in sorted(HERE.glob("*/numbers.toml"))
    }


def _cases() -> list:
    return [
        pytest.param(code, case, id=f"{code}-{number}")
        for code, cases in _tables().items()
        for number, case in enumerate(cases, 1)
    ]


def _expected_kind(number: dict) -> str:
    return number.get("kind", "percent" if number["unit"] in ("%", "pp") else "quantity")


@pytest.mark.parametrize(("code", "case"), _cases())
def test_numbers(code: str, case: dict) -> None:
    found = extract_numbers(case["text"], code)
    summary = [(m.text, m.value, m.unit, m.qualifier) for m in found]
    assert len(found) == len(case["numbers"]), (case["about"], summary)
    for mention, number in zip(found, case["numbers"], strict=True):
        assert math.isclose(mention.value, number["value"], rel_tol=1e-9), (case["about"], summary)
        assert (mention.unit or "") == number["unit"], (case["about"], summary)
        assert mention.qualifier == number.get("qualifier"), (case["about"], summary)
        assert mention.kind == _expected_kind(number), (case["about"], summary)
        if "span" in case or "span" in number:
            assert mention.text == number["span"], (case["about"], summary)
        assert mention.attrs.age is number.get("age", False), (case["about"], summary)
        assert mention.attrs.per == number.get("per"), (case["about"], summary)
        if "noun" in number:
            start, end = mention.attrs.noun_span or (0, 0)
            assert case["text"][start:end] == number["noun"], (case["about"], summary)
        if "range" in number:
            low, high = mention.attrs.range or (None, None)
            assert [low, high] == pytest.approx(number["range"]), (case["about"], summary)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_mentions_are_well_formed(code: str, case: dict) -> None:
    text = case["text"]
    for mention in extract_numbers(text, code):
        assert mention.kind in ("quantity", "percent")
        assert text[mention.start : mention.end] == mention.text
        assert mention.text == mention.text.strip()
        assert {"number", "scale", "currency", "noun", "lemma", "negative"} <= set(mention.attrs.present)
        share = mention.attrs.share_of
        written = mention.attrs.number * 10**mention.attrs.scale
        assert math.isclose(mention.value, written * 100 / share if share else written) or (
            mention.attrs.basis_points
        )


def test_every_language_has_a_table() -> None:
    tables = _tables()
    for code in lang.languages():
        assert code in tables, f"tests/lang/{code}/numbers.toml is missing"
        assert len(tables[code]) >= MIN_CASES, f"{code}: only {len(tables[code])} cases"

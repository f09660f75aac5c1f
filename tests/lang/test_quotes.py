"""Quote extraction, driven by one table per language: tests/lang/<code>/quotes.toml.

Each case gives a text and every quote extract_quotes must return, in text order: the quoted
words without their marks, the speaker's canonical name (no ``speaker``: nobody named) and
whether the quote is direct (in quotation marks or a dash line) or reported speech (lower
confidence).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import lang
from parallax.extract.quotes import extract_quotes

HERE = Path(__file__).parent
MIN_CASES = 4


def _tables() -> dict[str, list[dict]]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))["case"]
        for table in sorted(HERE.glob("*/quotes.toml"))
    }


def _cases() -> list:
    return [
        pytest.param(code, case, id=f"{code}-{number}")
        for code, cases in _tables().items()
        for number, case in enumerate(cases, 1)
    ]


def test_every_language_has_a_table():
    tables = _tables()
    for code in lang.languages():
        assert len(tables.get(code, [])) >= MIN_CASES, code


@pytest.mark.parametrize(("code", "case"), _cases())
def test_quotes(code, case):
    found = extract_quotes(case["text"], code)
    got = [(q.value, q.attrs.speaker, q.attrs.direct) for q in found]
    want = [(q["value"], q.get("speaker"), q["direct"]) for q in case["quotes"]]  # no speaker: None
    assert got == want, case["about"]
    for quote in found:
        assert case["text"][quote.start:quote.end] == quote.text
        direct = quote.attrs.direct and quote.attrs.speaker is not None  # credited words, in marks
        assert (quote.attrs.confidence >= 0.85) if direct else (quote.attrs.confidence < 0.85)

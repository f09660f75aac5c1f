"""Entity finding, driven by one table per language: tests/lang/<code>/entities.toml.

Each case gives a text and every mention find_entities must return, in text order: the text as
written (without the title), the canonical value (or the provisional Latin one), the type and,
when given, the title. Nothing more may be found.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import lang
from parallax.extract.entities import find_entities

HERE = Path(__file__).parent
MIN_CASES = 4


def _tables() -> dict[str, list[dict]]:
    return {
        table.parent.name: tomllib.loads(table.read_text(encoding="utf-8"))["case"]
        for table in sorted(HERE.glob("*/entities.toml"))
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
def test_entities(code, case):
    found = find_entities(case["text"], code)
    got = [(m.text, m.value, m.attrs.type) for m in found]
    want = [(e["text"], e["value"], e["type"]) for e in case["entities"]]
    assert got == want, case["about"]
    for mention, expected in zip(found, case["entities"], strict=True):
        assert case["text"][mention.start:mention.end] == mention.text
        if "title" in expected:
            assert mention.attrs.title == expected["title"], case["about"]

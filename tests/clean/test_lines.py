"""Per-language tables of single lines and the reason the cleaner drops each ("" = kept).

One file per language in ``lines/<code>.toml``: the junk phrases are data in each
language's ``[clean]`` section, and these tables show them at work, next to prose that
contains the same words and must stay.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import lang
from parallax.clean.rules import classify

TABLES = Path(__file__).parent / "lines"


def examples() -> list[tuple[str, str, str]]:
    rows = []
    for table in sorted(TABLES.glob("*.toml")):
        for text, reason in tomllib.loads(table.read_text(encoding="utf-8"))["examples"]:
            rows.append((table.stem, text, reason))
    return rows


@pytest.mark.parametrize(("code", "text", "reason"), examples())
def test_line(code: str, text: str, reason: str) -> None:
    assert (classify(text) or "") == reason


def test_every_language_has_a_table_and_clean_phrases() -> None:
    codes = set(lang.languages())
    assert {table.stem for table in TABLES.glob("*.toml")} == codes
    for code in codes:
        section = lang.load(code).section("clean")
        for key in ("read_also", "share", "comment", "credits", "navigation", "copyright"):
            assert section.get(key), f"{code}: [clean] {key} is empty"

"""Language detection, driven by one table of paragraphs per language: tests/lang/<code>/detect.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax.detect import detect_language, detect_sentence_languages

HERE = Path(__file__).parent


def _paragraphs() -> list:
    params = []
    for table in sorted(HERE.glob("*/detect.toml")):
        code = table.parent.name
        for number, paragraph in enumerate(tomllib.loads(table.read_text(encoding="utf-8"))["paragraph"], 1):
            params.append(pytest.param(code, paragraph, id=f"{code}-{number}"))
    return params


@pytest.mark.parametrize(("code", "paragraph"), _paragraphs())
def test_paragraph_language(code: str, paragraph: dict) -> None:
    assert detect_language(paragraph["text"], hint=paragraph.get("hint")) == code


@pytest.mark.parametrize(("code", "paragraph"), _paragraphs())
def test_a_paragraph_in_its_own_language_keeps_it_sentence_by_sentence(code: str, paragraph: dict) -> None:
    # No sentence of a one-language paragraph may be taken for another language.
    text = paragraph["text"].replace("。", "。\n").replace(". ", ".\n")
    parts = [part for part in text.split("\n") if part]
    assert detect_sentence_languages(parts, code) == [code] * len(parts)


def test_every_language_has_a_detection_table() -> None:
    from parallax import lang

    assert {table.parent.name for table in HERE.glob("*/detect.toml")} == set(lang.languages())

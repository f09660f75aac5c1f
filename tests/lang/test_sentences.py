"""Sentence segmentation, driven by one table per language: tests/lang/<code>/sentences.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax.segment import split_sentences

HERE = Path(__file__).parent


def _cases() -> list:
    params = []
    for table in sorted(HERE.glob("*/sentences.toml")):
        code = table.parent.name
        for number, case in enumerate(tomllib.loads(table.read_text(encoding="utf-8"))["case"], 1):
            params.append(pytest.param(code, case, id=f"{code}-{number}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_sentences(code: str, case: dict) -> None:
    text = case["text"]
    spans = split_sentences(text, language=code)
    assert [text[start:end] for start, end in spans] == case["sentences"], case["about"]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_sentences_keep_their_offsets_inside_a_larger_text(code: str, case: dict) -> None:
    before, after = "ЗАГОЛОВОК\n\n", "\n\nFooter line"
    document = before + case["text"] + after
    start, end = len(before), len(before) + len(case["text"])
    spans = split_sentences(document, start, end, code)
    assert [document[s:e] for s, e in spans] == case["sentences"]
    assert all(start <= s < e <= end for s, e in spans)


def test_every_language_has_a_sentence_table() -> None:
    from parallax import lang

    assert {table.parent.name for table in HERE.glob("*/sentences.toml")} == set(lang.languages())

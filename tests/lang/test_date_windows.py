"""Date rules run only over the paragraphs holding what they require, and find the same dates."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from parallax import lang
from parallax.ingest import read_article
from parallax.lang.dates.grammar import grammar
from parallax.lang.dates.windows import window_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example_text() -> str:
    """Every bundled example article (every language), one after another."""
    paths = sorted(p for p in EXAMPLES.glob("*/*") if p.suffix in (".txt", ".html"))
    return "\n\n".join(read_article(path).text for path in paths)


@pytest.mark.parametrize("code", [None, *lang.languages()])
def test_windowed_rules_find_what_the_whole_text_gives(code: str | None) -> None:
    text = _example_text()
    found = [(rule.template, match.span()) for rule, match in grammar(code).matches(text)]
    whole = replace(grammar(code), plan=None)
    assert found == [(rule.template, match.span()) for rule, match in whole.matches(text)]


def test_a_rule_needing_a_month_skips_paragraphs_without_one() -> None:
    english = grammar("en")
    text = "Talks went on.\n\nThe vote was held on 12 March 2025.\n  \nNo figures were given."
    windows = english.plan.windows(text)
    by_template = dict(zip((rule.template for rule in english.rules), windows, strict=True))
    month_rule = next(t for t in by_template if t.startswith("(?:{month_prepositions} )?{day} {month}"))
    (start, end), *rest = by_template[month_rule]
    assert not rest and text[start:end] == "The vote was held on 12 March 2025."
    dates = [match.group() for _, match in english.matches(text)]
    assert "12 March 2025" in dates


def test_required_parts_follow_the_expression() -> None:
    plan = window_plan(
        [re.compile(source, re.IGNORECASE) for source in [
            r"(?P<month>may|june) (?P<day>\d\d)",
            r"(?P<month>may|june)(?: (?P<year>\d{4}))?",
            r"(?P<day>\d\d)\.? (?P<month>may|june)",
            r"(?:(?P<month>may|june)|(?P<weekday>monday)) (?P<day>\d\d)",
        ]]
    )  # fmt: skip
    parts = [[plan.parts[k][0] for k in need] for need in plan.needs]
    # The month is in all four, but only required in three: the last may name a weekday instead.
    # The day is required in three as well; the year, optional, in none.
    assert parts == [["may|june", r"\d\d"], ["may|june"], ["may|june", r"\d\d"], [r"\d\d"]]


def test_a_date_never_spans_a_paragraph_break() -> None:
    text = "It began in March\n\n2025 was a hard year for the region."
    assert "March\n\n2025" not in [match.group() for _, match in grammar("en").matches(text)]


def test_plain_words_every_match_holds_are_parts_too() -> None:
    plan = window_plan(
        [re.compile(source, re.IGNORECASE) for source in [
            r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century",
            r"(?:in|during) the (?:first|second) (?:half|quarter)",
            r"(?P<a>\d\d)\s(?:months|weeks)\sago",
        ]]
    )  # fmt: skip
    parts = [[re.sub(r"\\(.)", r"\1", plan.parts[k][0]) for k in need] for need in plan.needs]
    # Runs in one branch only, or shorter than four characters ("ago"), are not required.
    assert parts == [[" century"], [" the "], []]
    text = "The 21st century began.\n\nNothing else.\n\nIn the 20th Century too."
    runs = plan.windows(text)[0]
    assert [text[start:end] for start, end in runs] == ["The 21st century began.", "In the 20th Century too."]

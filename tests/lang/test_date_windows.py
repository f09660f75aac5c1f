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
    # Runs in one branch only, or shorter than four characters ("ago"), are not required; a rule
    # left without a part requires one word of its branches.
    assert parts == [[" century"], [" the "], ["(?:months|weeks)"]]
    text = "The 21st century began.\n\nNothing else.\n\nIn the 20th Century too."
    runs = plan.windows(text)[0]
    assert [text[start:end] for start, end in runs] == ["The 21st century began.", "In the 20th Century too."]


def test_a_named_group_of_plain_words_is_a_part_for_one_rule() -> None:
    # Looking for a few plain words costs little: one rule requiring them is enough.
    rule = re.compile(r"(?:in (?:the )?)?(?P<season>spring|summer|winter)(?: of)? (?P<y>\d{4})", re.I)
    plan = window_plan([rule])
    assert [plan.parts[k][0] for k in plan.needs[0]] == ["spring|summer|winter"]
    text = "Prices rose.\n\nIn the SUMMER of 2024 they fell.\n\nNo season here 2023."
    assert [text[start:end] for start, end in plan.windows(text)[0]] == ["In the SUMMER of 2024 they fell."]


def test_a_rule_requiring_one_word_of_several_runs_where_one_is() -> None:
    # No group is a part and no run of plain characters is in every match: the rule still needs
    # one run of each of its branches, the longest (re's parser takes the "s" of spring and summer
    # out of the branches: it is put back).
    rule = re.compile(r"(?:(?:last|next) (?:spring|summer)|(?:win|summ)ter sales) (?P<y>\d{4})", re.I)
    plan = window_plan([rule])
    assert [plan.parts[k][0] for k in plan.needs[0]] == ["(?:\\ spring|\\ summer|ter\\ sales)"]
    text = "Autumn 2024.\n\nNext Spring 2025 came.\n\nWinter sales 2023."
    assert [text[start:end] for start, end in plan.windows(text)[0]] == [
        "Next Spring 2025 came.\n\nWinter sales 2023."
    ]


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("first", "FIRST"),
        ("first", "fırst"),  # re takes the dotless i as i
        ("first", "FİRST"),  # and the dotted capital I
        ("sense", "ſenſe"),  # the long s as s
        ("kilo", "\u212ailo"),  # the Kelvin sign as k
        ("σας", "ΣΑΣ"),  # the final sigma as sigma
        ("straße", "STRASSE"),  # not a match: re compares letter by letter
        ("ǆ", "ǅ"),  # the title-case digraph
    ],
)
def test_plain_words_are_found_where_re_ignoring_case_finds_them(word: str, text: str) -> None:
    plan = window_plan([re.compile(f"(?P<w>{word}|{word}x) (?P<d>\\d)", re.IGNORECASE)])
    assert plan.needs[0]  # the words are a part, looked for without their regular expression
    line = f"Before {text} 1 after"
    expected = re.search(f"{word} \\d", line, re.IGNORECASE) is not None
    assert bool(plan.windows(line)[0]) == expected

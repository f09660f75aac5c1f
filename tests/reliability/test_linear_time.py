"""Extraction does work in proportion to the text: four times the text, about four times the work.

Work is counted as lines of parallax's code run (the same count on every run and machine), not
timed: a stage that asks every sentence about the whole text shows up as steps growing with the
square of the text. Shapes: real-shaped articles (the example corpus, repeated with other
figures), and shapes an attacker would pick: quotation marks opened and never closed, a run-on
paragraph without a full stop full of speech verbs, figures and dates one after another, quotation
after quotation, one enormous line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import parallax
from parallax import api
from parallax.ingest import read_article

PACKAGE = str(Path(parallax.__file__).parent)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL, LARGE = 6_000, 24_000
# Linear work gives 4 (a little less: fixed costs); the square of the text would give 16.
MAX_GROWTH = 5.0


def articles(size: int, suffix: str) -> str:
    """Example articles one after another, each round with other digits, cut at ``size``."""
    files = sorted(EXAMPLES.glob(f"*/*{suffix}.txt"))
    parts, total, round_ = [], 0, 0
    while total < size:
        for path in files:
            source = read_article(path).text
            text = re.sub(r"\d", lambda m, r=round_: str((int(m.group()) + r) % 10), source)
            parts.append(text)
            total += len(text)
        round_ += 1
    return "\n\n".join(parts)[:size]


def unclosed_marks(size: int) -> str:
    line = "The minister said «we will build {n} schools and “open them soon, Tokayev told reporters.\n"
    return "".join(line.format(n=i) for i in range(size // len(line) + 1))[:size]


def run_on(size: int) -> str:
    clause = "Tokayev said that Macron said on Monday that the ministers told reporters that {n} trains "
    return "".join(clause.format(n=i) for i in range(size // len(clause) + 1))[:size]


def many_figures(size: int) -> str:
    line = "Exports rose {n}% to $1.{n} billion, 3,{n:03d} tonnes, on {d} March 2025 against {n},5 in 2024; "
    return "".join(line.format(n=i % 1000, d=i % 28 + 1) for i in range(size // len(line) + 1))[:size]


def many_closed_quotes(size: int) -> str:
    line = "“We will build {n} schools,” the minister said. «Сегодня», — сказал он. "
    return "".join(line.format(n=i) for i in range(size // len(line) + 1))[:size]


def one_line(size: int) -> str:
    return articles(size, "").replace("\n", " ").replace(".", ",")


def steps(text: str) -> int:
    """Lines of parallax's own code run to extract ``text`` (loops without calls count too)."""
    count = 0

    def line(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(call)
    try:
        api.analyse_articles([("scaling", text)])
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: articles(n, ""), id="articles-all-languages"),
        pytest.param(lambda n: articles(n, "-en"), id="articles-en"),
        pytest.param(lambda n: articles(n, "-zh"), id="articles-zh"),
        pytest.param(unclosed_marks, id="unclosed-marks"),
        pytest.param(run_on, id="run-on-speech"),
        pytest.param(many_figures, id="many-figures"),
        pytest.param(many_closed_quotes, id="many-closed-quotes"),
        pytest.param(one_line, id="one-line"),
    ],
)
def test_work_grows_linearly_with_the_text(make):
    # Language tables built on first use are not the text's work.
    api.analyse_articles([("warm", make(LARGE))])
    small, large = steps(make(SMALL)), steps(make(LARGE))
    assert large / small < MAX_GROWTH, (small, large)

"""The terminal view at 80 columns on the example corpus: the answer first, nothing wraps that
should not, every fact's span visible in its sentence."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from parallax.api import compare_articles, example_articles
from parallax.render import terminal
from parallax.render.summary import omissions, source_tags
from parallax.render.terminal import fit_sentence

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WIDTH = 80
HEADINGS = ("Sources", "Conflicts", "Omissions", "Facts × sources", "Detail")


def rendered(draw, *args, **kwargs) -> list[str]:
    """What ``draw`` prints on an 80-column console, as plain lines."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, force_terminal=False, color_system=None, highlight=False)
    draw(*args, console, **kwargs)
    return buffer.getvalue().splitlines()


def story(name: str):
    return compare_articles(example_articles(sorted(p for p in (EXAMPLES / name).iterdir() if p.is_file())))


@pytest.fixture(scope="module")
def summit():
    return story("summit")


@pytest.fixture(scope="module")
def visit_lines(visit_comparison) -> list[str]:
    return rendered(terminal.print_comparison, visit_comparison)


def first_line(lines: list[str], pattern: str) -> int:
    return next(i for i, line in enumerate(lines) if re.match(pattern, line))


def test_no_line_is_wider_than_the_console(visit_lines, summit):
    summit_lines = rendered(terminal.print_comparison, summit, entities=True)
    for line in visit_lines + summit_lines:
        assert cell_len(line) <= WIDTH, line


def test_the_answer_comes_before_the_detail(visit_lines):
    starts = [first_line(visit_lines, rf"\s*{re.escape(heading)}") for heading in HEADINGS]
    assert starts == sorted(starts)
    assert first_line(visit_lines, r"Conflicts \(2\)") < first_line(visit_lines, r"Quantities")


def test_sources_give_language_outlet_and_date_with_ids_on_one_line(visit_comparison, visit_lines):
    table = visit_lines[: first_line(visit_lines, "Conflicts")]
    for document, tag in zip(
        visit_comparison.documents, source_tags(visit_comparison.documents), strict=True
    ):
        line = next(line for line in table if line.split()[:1] == [tag])
        assert document.id in line and document.language in line.split()
        assert (document.article.published or "")[:10] in line


def test_an_undated_source_says_no_date():
    comparison = compare_articles(
        [
            ("wire", "Kazakhstan signed 8 agreements with France in Paris on Wednesday, officials said."),
            ("dispatch", "Le Kazakhstan a signé huit accords avec la France à Paris mercredi."),
        ]
    )
    lines = rendered(terminal.print_summary, comparison)
    assert sum("no date" in line for line in lines) == 2


def test_a_warning_comes_before_the_conflicts():
    files = [
        EXAMPLES / "visit" / "visit-fr.html",
        EXAMPLES / "visit" / "visit-ru.txt",
        EXAMPLES / "flood" / "flood-en.txt",
    ]
    comparison = compare_articles(files)
    assert comparison.warnings
    lines = rendered(terminal.print_comparison, comparison)
    warning = first_line(lines, "warning: ")
    assert "flood-en.txt" in " ".join(lines[warning : warning + 3])
    assert first_line(lines, "Sources") < warning < first_line(lines, "Conflicts")


def test_each_side_of_a_conflict_shows_its_value_sources_and_sentences(visit_comparison, visit_lines):
    tags = dict(
        zip((d.id for d in visit_comparison.documents), source_tags(visit_comparison.documents), strict=True)
    )
    block = visit_lines[first_line(visit_lines, "Conflicts") : first_line(visit_lines, "Omissions")]
    for conflict in visit_comparison.conflicts:
        for side in conflict.sides:
            value = terminal.side_text(visit_comparison, side)
            heading = next(i for i, line in enumerate(block) if line.strip().startswith(f"≠ {value}"))
            assert block[heading].split()[-len(side.documents) :] == [tags[d] for d in side.documents]
            evidence = block[heading + 1 : heading + 1 + len(side.documents)]
            for mention in visit_comparison.facts[side.fact].mentions:
                line = next(line for line in evidence if line.split()[0] == tags[mention.document])
                assert mention.text.replace("\n", " ") in line, (value, mention.document)


def test_omissions_are_grouped_by_source(visit_comparison, visit_lines):
    block = visit_lines[first_line(visit_lines, "Omissions") : first_line(visit_lines, r"Facts ×")]
    tags = source_tags(visit_comparison.documents)
    found = {o.document: o for o in omissions(visit_comparison)}
    chinese = next(d for d in visit_comparison.documents if d.language == "zh")
    # the planted omission: the Chinese story leaves out last year's trade turnover (USD 4.6 billion)
    turnover = next(i for i, f in enumerate(visit_comparison.facts) if f.unit == "USD" and f.value == 4.6e9)
    assert turnover in found[chinese.id].facts
    start = next(
        i
        for i, line in enumerate(block)
        if line.split()[:1] == [tags[visit_comparison.documents.index(chinese)]]
    )
    assert "4.6 billion USD (4)" in block[start]
    # a fact every source reports is nobody's omission
    shared = [i for i, f in enumerate(visit_comparison.facts) if f.status == "shared"]
    assert not any(set(shared) & set(o.facts + o.entities) for o in found.values())


def test_the_table_marks_who_reports_what_and_a_conflict_by_its_values(visit_comparison, visit_lines):
    block = visit_lines[first_line(visit_lines, r"Facts ×") : first_line(visit_lines, "Detail")]
    header = next(line for line in block if line.split()[:2] == ["status", "fact"])
    assert header.split()[2:] == source_tags(visit_comparison.documents)
    rows = [line.split() for line in block if line.split()[:1] == ["conflict"]]
    assert len(rows) == len(visit_comparison.conflicts)
    assert ["5.5bn", "5.2bn", "5.2bn", "5.2bn", "5.2bn"] in [row[-5:] for row in rows]
    partial = next(line for line in block if "4.6 billion USD" in line)
    assert partial.split()[-5:] == ["✓", "✓", "✓", "✓", "∅"]
    # names: one line each, without their sentences
    macron = [line for line in visit_lines if "Emmanuel Macron" in line and line.split()[:1] == ["shared"]]
    assert len(macron) == 1


def test_names_get_their_sentences_only_when_asked(visit_comparison, visit_lines):
    assert not any(line.startswith("People, places, organisations (") and "─" in line for line in visit_lines)
    full = rendered(terminal.print_comparison, visit_comparison, entities=True)
    names = first_line(full, r"People, places, organisations \(")
    assert len(full) > len(visit_lines) + 40
    assert any("Тоқаев" in line for line in full[names:])


def test_a_long_sentence_is_elided_around_the_span_which_stays_visible():
    sentence = (
        ("Officials said the new terminal would open next spring " * 4)
        + "with 18.7 billion dollars of investment, "
        + ("according to people familiar with the plans, who asked not to be named " * 3)
    )
    start = sentence.index("18.7 billion dollars")
    end = start + len("18.7 billion dollars")
    text = fit_sentence(sentence, start, end, 60)
    assert cell_len(text.plain) <= 60
    assert "18.7 billion dollars" in text.plain
    assert text.plain.startswith("…") and text.plain.endswith("…")
    chinese = "据报道，" * 30 + "两国签署了总额52亿欧元的商业合同" + "，目前进展顺利" * 20
    start = chinese.index("52亿欧元")
    text = fit_sentence(chinese, start, start + 5, 50)
    assert cell_len(text.plain) <= 50 and "52亿欧元" in text.plain


def test_a_short_sentence_is_shown_whole():
    text = fit_sentence("Eight agreements were signed.", 0, 5, 60)
    assert text.plain == "Eight agreements were signed."


def test_the_summary_of_a_story_fits_one_screen(summit):
    lines = rendered(terminal.print_summary, summit)
    assert len(lines) <= 50
    assert any(line.startswith("Omissions") for line in lines)

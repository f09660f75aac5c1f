"""Readable terminal output (rich): a comparison, an extraction, what the cleaner removed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import AlignedFact, Comparison, Document, Fact

STATUS_STYLE = {"shared": "green", "partial": "yellow", "unique": "cyan", "conflict": "bold red"}
SENTENCE_WIDTH = 110


def format_value(value: object, unit: str | None = None, qualifier: str | None = None) -> str:
    if isinstance(value, float):
        number = (
            f"{value:,.0f}"
            if value.is_integer()
            else f"{value:,.4g}"
            if abs(value) < 1000
            else f"{value:,.2f}"
        )
    else:
        number = "—" if value is None else str(value)
    prefix = {"about": "~", "more_than": ">", "less_than": "<", "up_to": "≤"}.get(qualifier or "", "")
    suffix = f" {unit}" if unit and unit != "%" else ("%" if unit == "%" else "")
    return f"{prefix}{number}{suffix}"


def shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def highlighted_sentence(fact: Fact) -> Text:
    """The fact's sentence with its span in bold."""
    sentence = fact.sentence
    start, end = fact.start - sentence.start, fact.end - sentence.start
    text = Text()
    text.append(sentence.text[:start])
    text.append(sentence.text[start:end], style="bold underline")
    text.append(sentence.text[end:])
    if len(text) > SENTENCE_WIDTH * 2:
        text.truncate(SENTENCE_WIDTH * 2, overflow="ellipsis")
    return text


def documents_table(documents: Sequence[Document]) -> Table:
    table = Table(title="Sources", title_justify="left", expand=False)
    for column in ("id", "lang", "title", "published", "outlet", "facts"):
        table.add_column(column)
    for document in documents:
        article = document.article
        table.add_row(
            escape(article.id),
            article.language or "?",
            escape(shorten(article.title or "", 60)),
            (article.published or "")[:10],
            escape(article.outlet or ""),
            str(len(document.facts)),
        )
    return table


def _evidence(fact: AlignedFact) -> Group:
    lines = []
    for mention in fact.mentions:
        line = Text(f"{mention.document}: ", style="dim")
        line.append_text(highlighted_sentence(mention))
        lines.append(line)
    return Group(*lines)


def conflicts_panel(comparison: Comparison) -> Panel | None:
    if not comparison.conflicts:
        return None
    parts = []
    for conflict in comparison.conflicts:
        parts.append(Text(f"{conflict.about}", style="bold"))
        for side in conflict.sides:
            fact = comparison.facts[side.fact]
            parts.append(
                Text(f"  {format_value(side.value, side.unit)} — {', '.join(side.documents)}", style="red")
            )
            for mention in fact.mentions:
                line = Text("    ")
                line.append_text(highlighted_sentence(mention))
                parts.append(line)
    return Panel(Group(*parts), title=f"Conflicts ({len(comparison.conflicts)})", border_style="red")


def facts_table(comparison: Comparison, kinds: Sequence[str] | None = None) -> Table:
    table = Table(title="Facts", title_justify="left", show_lines=True)
    for column in ("status", "kind", "value", "sources", "where"):
        table.add_column(column, overflow="fold")
    for fact in comparison.facts:
        if kinds and fact.kind not in kinds:
            continue
        value = format_value(fact.value, fact.unit, fact.qualifier)
        if fact.kind == "quote" and fact.speaker:
            value = f"{fact.speaker}: {value}"
        table.add_row(
            Text(fact.status, style=STATUS_STYLE[fact.status]),
            fact.kind,
            Text(shorten(value, 60)),
            Text(", ".join(fact.documents)),
            _evidence(fact),
        )
    return table


def print_comparison(comparison: Comparison, console: Console) -> None:
    console.print(documents_table(comparison.documents))
    for warning in comparison.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    panel = conflicts_panel(comparison)
    if panel:
        console.print(panel)
    console.print(facts_table(comparison))
    console.print(summary_line(comparison))


def summary_line(comparison: Comparison) -> Text:
    counts: dict[str, int] = {}
    for fact in comparison.facts:
        counts[fact.status] = counts.get(fact.status, 0) + 1
    parts = [f"{counts.get(s, 0)} {s}" for s in ("shared", "partial", "unique", "conflict")]
    return Text(
        f"{len(comparison.facts)} facts: " + ", ".join(parts) + f"; {len(comparison.conflicts)} conflicts"
    )


def print_extraction(documents: Sequence[Document], console: Console) -> None:
    console.print(documents_table(documents))
    for document in documents:
        table = Table(
            title=f"{document.id} ({document.language or '?'})", title_justify="left", show_lines=False
        )
        for column in ("kind", "value", "text", "sentence"):
            table.add_column(column, overflow="fold")
        for fact in document.facts:
            table.add_row(
                fact.kind,
                Text(format_value(fact.value, fact.unit, fact.qualifier)),
                Text(fact.text),
                highlighted_sentence(fact),
            )
        console.print(table)


def print_removed(documents: Sequence[Document], console: Console) -> None:
    for document in documents:
        table = Table(title=f"Removed from {document.id}", title_justify="left")
        table.add_column("line")
        table.add_column("reason")
        table.add_column("text", overflow="fold")
        for removed in document.cleaning.removed:
            line = document.article.text.count("\n", 0, removed.start) + 1
            table.add_row(str(line), removed.reason, Text(shorten(removed.text, 100)))
        console.print(table)

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
KIND_TITLES = (
    ("quantity", "Quantities"),
    ("percent", "Percentages"),
    ("date", "Dates"),
    ("quote", "Quotes"),
    ("entity", "People, places, organisations"),
)
LARGE_NUMBERS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
QUALIFIER_MARK = {"about": "~", "more_than": ">", "less_than": "<", "up_to": "≤"}


def format_value(value: object, unit: str | None = None, qualifier: str | None = None) -> str:
    if isinstance(value, float) and abs(value) >= 1e6:
        scale, word = next((s, w) for s, w in LARGE_NUMBERS if abs(value) >= s)
        number = f"{value / scale:,.4g} {word}"
    elif isinstance(value, float):
        if value.is_integer():
            number = f"{value:,.0f}"
        else:
            number = f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.2f}"
    else:
        number = "—" if value is None else str(value)
    if unit == "%":
        suffix = "%"
    elif unit == "pp":
        suffix = " pp"
    else:
        suffix = f" {unit}" if unit else ""
    return f"{QUALIFIER_MARK.get(qualifier or '', '')}{number}{suffix}"


def shorten(text: str, width: int = SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _flat(text: str) -> str:
    return text.replace("\n", " ")


def excerpt(fact: Fact, width: int = SENTENCE_WIDTH) -> Text:
    """The fact's sentence around its span, the span in bold, cut to about ``width`` characters."""
    sentence = fact.sentence.text
    start, end = fact.start - fact.sentence.start, fact.end - fact.sentence.start
    room = max(width - (end - start), 20) // 2
    left, right = max(0, start - room), min(len(sentence), end + room)
    text = Text("…" if left else "")
    text.append(_flat(sentence[left:start]))
    text.append(_flat(sentence[start:end]), style="bold underline")
    text.append(_flat(sentence[end:right]))
    if right < len(sentence):
        text.append("…")
    return text


def documents_table(documents: Sequence[Document]) -> Table:
    table = Table(title="Sources", title_justify="left")
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


def fact_heading(fact: AlignedFact, document_ids: Sequence[str]) -> Text:
    value = format_value(fact.value, fact.unit, fact.qualifier)
    if fact.kind == "entity" and fact.type:
        value = f"{value} ({fact.type})"
    if fact.kind == "quote":
        value = f"{fact.speaker or 'unknown speaker'}: «{shorten(str(fact.value), 90)}»"
    heading = Text()
    heading.append(f"{fact.status:<8}", style=STATUS_STYLE[fact.status])
    heading.append(" ")
    heading.append(value, style="bold")
    if fact.about and fact.kind in ("quantity", "percent"):
        heading.append(f"  [{fact.about}]", style="dim")
    missing = [d for d in document_ids if d not in fact.documents]
    if missing and fact.status in ("partial", "unique") and len(document_ids) > 1:
        heading.append(f"  not in: {', '.join(missing)}", style="dim")
    return heading


def evidence_lines(facts: Sequence[Fact], indent: str = "    ") -> list[Text]:
    """One line per (document, sentence): the sentence with the fact's span in bold."""
    lines, seen = [], set()
    for mention in facts:
        key = (mention.document, mention.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        line = Text(f"{indent}{mention.document}: ", style="dim")
        line.append_text(excerpt(mention))
        lines.append(line)
    return lines


def conflicts_panel(comparison: Comparison) -> Panel | None:
    if not comparison.conflicts:
        return None
    parts: list[Text] = []
    for conflict in comparison.conflicts:
        parts.append(Text(conflict.about, style="bold"))
        for side in conflict.sides:
            documents = ", ".join(side.documents)
            parts.append(Text(f"  {format_value(side.value, side.unit)} — {documents}", style="red"))
            parts += evidence_lines(comparison.facts[side.fact].mentions)
    return Panel(Group(*parts), title=f"Conflicts ({len(comparison.conflicts)})", border_style="red")


def print_facts(comparison: Comparison, console: Console) -> None:
    document_ids = [d.id for d in comparison.documents]
    for kind, title in KIND_TITLES:
        facts = [f for f in comparison.facts if f.kind == kind]
        if not facts:
            continue
        console.rule(f"{title} ({len(facts)})", align="left", style="dim")
        for fact in facts:
            console.print(Group(fact_heading(fact, document_ids), *evidence_lines(fact.mentions)))


def summary_line(comparison: Comparison) -> Text:
    counts: dict[str, int] = {}
    for fact in comparison.facts:
        counts[fact.status] = counts.get(fact.status, 0) + 1
    parts = [f"{counts.get(s, 0)} {s}" for s in ("shared", "partial", "unique", "conflict")]
    conflicts = len(comparison.conflicts)
    return Text(f"{len(comparison.facts)} facts: " + ", ".join(parts) + f"; {conflicts} conflicts")


def print_comparison(comparison: Comparison, console: Console) -> None:
    console.print(documents_table(comparison.documents))
    for warning in comparison.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    panel = conflicts_panel(comparison)
    if panel:
        console.print(panel)
    print_facts(comparison, console)
    console.print(summary_line(comparison))


def print_extraction(documents: Sequence[Document], console: Console) -> None:
    console.print(documents_table(documents))
    for document in documents:
        console.rule(f"{document.id} ({document.language or '?'}): {len(document.facts)} facts", align="left")
        for kind, title in KIND_TITLES:
            facts = [f for f in document.facts if f.kind == kind]
            if not facts:
                continue
            console.print(Text(title, style="bold"))
            for fact in facts:
                line = Text(f"  {format_value(fact.value, fact.unit, fact.qualifier)}", style="bold")
                line.append("  ")
                line.append_text(excerpt(fact, 90))
                console.print(line)


def print_removed(documents: Sequence[Document], console: Console) -> None:
    for document in documents:
        table = Table(title=f"Removed from {document.id}", title_justify="left")
        table.add_column("line", justify="right")
        table.add_column("reason")
        table.add_column("text", overflow="fold")
        for removed in document.cleaning.removed:
            line = document.article.text.count("\n", 0, removed.start) + 1
            table.add_row(str(line), removed.reason, Text(shorten(removed.text, 100)))
        console.print(table)


def print_stories(stories: Sequence, console: Console) -> None:
    """The readable list of ``parallax stories``."""
    table = Table(title=f"Stories ({len(stories)})", title_justify="left")
    for column in ("id", "articles", "languages", "outlets", "first seen", "last seen", "title"):
        table.add_column(column, overflow="fold")
    for story in stories:
        table.add_row(
            story.id,
            str(len(story.documents)),
            " ".join(story.languages),
            escape(", ".join(story.outlets)),
            (story.first_seen or "")[:10],
            (story.last_seen or "")[:10],
            escape(shorten(story.title or "", 70)),
        )
    console.print(table)

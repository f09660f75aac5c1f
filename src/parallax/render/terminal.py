"""Readable terminal output (rich): a comparison, an extraction, what the cleaner removed.

A comparison reads answer first: the sources, the warnings, the conflicts, what each source
leaves out, a compact fact × source table, and only then the detail with every sentence.
Everything fits the console's width: sources are named by short tags (ids can be long), and
a sentence too long for its line is elided around the fact's span, which stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..link.gist import english_plural
from ..model import AlignedFact, Comparison, Document, Fact, QuantityAttrs, attrs_as
from .summary import omissions, reach_order, readable_quote, source_tags

STATUS_STYLE = {"shared": "green", "partial": "yellow", "unique": "cyan", "conflict": "bold red"}
KIND_TITLES = (
    ("quantity", "Quantities"),
    ("percent", "Percentages"),
    ("date", "Dates"),
    ("quote", "Quotes"),
    ("entity", "People, places, organisations"),
)
KIND_ORDER = tuple(kind for kind, _ in KIND_TITLES)
LARGE_NUMBERS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
COMPACT_NUMBERS = ((1e12, "T"), (1e9, "bn"), (1e6, "M"))
QUALIFIER_MARK = {"about": "~", "more_than": ">", "less_than": "<", "up_to": "≤", "target": "→"}
ELLIPSIS = "…"
MIN_SENTENCE = 20  # cells: below this an excerpt says too little to be worth a line
NAMES_SHOWN = 8  # names listed per source among its omissions before "+N more"
REPORTED = "✓"
MISSING = "∅"


# ---------------------------------------------------------------------------- values


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


def compact_value(value: object, unit: str | None = None) -> str:
    """A value short enough for a table cell: 5.2bn, 230, 12.4%."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        scaled = next(((number / s, w) for s, w in COMPACT_NUMBERS if abs(number) >= s), None)
        text = f"{scaled[0]:.3g}{scaled[1]}" if scaled else f"{number:,.4g}"
    else:
        text = "—" if value is None else str(value)
    return text + ("%" if unit == "%" else "pp" if unit == "pp" else "")


def with_period(label: str, period: str | None) -> str:
    """A rate's figure says its period ("200,000 tonne per year"): without it, it reads as a total."""
    return f"{label} per {period}" if period else label


def counted_unit(fact: AlignedFact) -> str | None:
    """The unit, in the plural when it is an English lemma (the language data knew the noun)."""
    lemma = any(attrs_as(QuantityAttrs, m).lemma == fact.unit for m in fact.mentions)
    if lemma and fact.unit and isinstance(fact.value, float) and fact.value != 1:
        return english_plural(fact.unit)
    return fact.unit


def fact_label(fact: AlignedFact, width: int = 60) -> str:
    """What a fact says, in language-neutral form, on one line."""
    if fact.kind == "quote":
        speaker = fact.speaker or "unknown speaker"
        return shorten(f"{speaker}: «{readable_quote(fact)}»", width)
    label = format_value(fact.value, counted_unit(fact), fact.qualifier)
    label = with_period(label, fact.per)
    if fact.kind == "entity" and fact.type:
        label = f"{label} ({fact.type})"
    return shorten(label, width)


# ---------------------------------------------------------------------------- fitting text


def head_cells(text: str, cells: int) -> str:
    """The longest start of ``text`` that takes at most ``cells`` terminal cells."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return text[:index]
    return text


def tail_cells(text: str, cells: int) -> str:
    """The longest end of ``text`` that takes at most ``cells`` terminal cells."""
    return head_cells(text[::-1], cells)[::-1]


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` cells, cut at the end."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return head_cells(text, max(width - 1, 0)) + ELLIPSIS


def elide_middle(text: str, width: int) -> str:
    """At most ``width`` cells, keeping the start and the end: for ids and long spans."""
    if cell_len(text) <= width:
        return text
    room = max(width - 1, 2)
    return head_cells(text, room - room // 2) + ELLIPSIS + tail_cells(text, room // 2)


def fit_sentence(sentence: str, start: int, end: int, width: int) -> Text:
    """The sentence in at most ``width`` cells, its span [start, end) in bold and always shown.

    What does not fit is elided on either side of the span, around it rather than after it,
    so the fact stays on screen however far into a long sentence it sits.
    """
    flat = sentence.replace("\n", " ")
    left, span, right = flat[:start], flat[start:end], flat[end:]
    width = max(width, MIN_SENTENCE)
    if cell_len(flat) > width:
        span = elide_middle(span, max(width - 2 * (1 + 4), 6))
        room = width - cell_len(span)
        left_room = room // 2
        right_room = room - left_room
        # context one side does not need goes to the other
        if cell_len(left) < left_room:
            right_room += left_room - cell_len(left)
            left_room = cell_len(left)
        elif cell_len(right) < right_room:
            left_room += right_room - cell_len(right)
            right_room = cell_len(right)
        if cell_len(left) > left_room:
            left = ELLIPSIS + tail_cells(left, left_room - 1)
        if cell_len(right) > right_room:
            right = head_cells(right, right_room - 1) + ELLIPSIS
    text = Text(left)
    text.append(span, style="bold underline")
    text.append(right)
    return text


def excerpt(fact: Fact, width: int) -> Text:
    """The fact's sentence around its span, fitted to ``width`` cells."""
    offset = fact.sentence.start
    return fit_sentence(fact.sentence.text, fact.start - offset, fact.end - offset, width)


def evidence_lines(
    facts: Sequence[Fact], tags: dict[str, str], width: int, indent: int = 4
) -> list[Text]:
    """One line per (document, sentence): the source's tag, then the sentence with the span in bold."""
    tag_width = max((cell_len(t) for t in tags.values()), default=2)
    lines, seen = [], set()
    for mention in facts:
        key = (mention.document, mention.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        tag = tags.get(mention.document, mention.document)
        line = Text(" " * indent)
        line.append(f"{tag:<{tag_width}}", style="dim")
        line.append("  ")
        line.append_text(excerpt(mention, width - indent - tag_width - 2))
        lines.append(line)
    return lines


def one_line(text: str, style: str = "") -> Text:
    """A table cell that never wraps: the column may shrink, the cell then ends in an ellipsis."""
    return Text(" ".join(text.split()), style=style, no_wrap=True, overflow="ellipsis")


def print_line(console: Console, line: Text) -> None:
    """A line that never wraps: what would not fit is cut (the fitting above makes that rare)."""
    console.print(line, no_wrap=True, overflow="ellipsis", crop=True)


# ---------------------------------------------------------------------------- summary


def sources_table(documents: Sequence[Document], tags: Sequence[str]) -> Table:
    """One line per source: tag, language, outlet, date (or "no date"), id, title."""
    table = Table(title="Sources", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("tag", no_wrap=True, style="bold")
    table.add_column("lang", no_wrap=True)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("date", no_wrap=True)
    table.add_column("id", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("title", overflow="ellipsis", min_width=8)  # wrapable: the one that shrinks
    for document, tag in zip(documents, tags, strict=True):
        article = document.article
        published = article.published or document.cleaning.published
        table.add_row(
            tag,
            article.language or "?",
            escape(article.outlet or "—"),
            published[:10] if published else Text("no date", style="yellow"),
            escape(elide_middle(article.id, 24)),
            one_line(article.title or document.cleaning.title or "—"),
        )
    return table


def print_warnings(comparison: Comparison, console: Console) -> None:
    for warning in comparison.warnings:
        line = Text("warning: ", style="bold yellow")
        line.append(warning)
        console.print(line)


def side_text(comparison: Comparison, side) -> str:
    """One side of a conflict: its value, with the counted noun in the plural where it is known."""
    return format_value(side.value, counted_unit(comparison.facts[side.fact]) or side.unit)


def print_conflicts(comparison: Comparison, tags: dict[str, str], console: Console) -> None:
    """Each conflict: what it is about, then each side's value, sources and sentences."""
    if not comparison.conflicts:
        console.print(Text("Conflicts: none — no source contradicts another on a figure.", style="green"))
        return
    console.print(Text(f"Conflicts ({len(comparison.conflicts)})", style="bold red"))
    for conflict in comparison.conflicts:
        console.print(Text(f"  {conflict.about}", style="bold"))
        for side in conflict.sides:
            line = Text("  ≠ ", style="red")
            line.append(side_text(comparison, side), style="bold red")
            line.append("  " + " ".join(tags.get(d, d) for d in side.documents), style="red")
            console.print(line)
            for evidence in evidence_lines(comparison.facts[side.fact].mentions, tags, console.width, 6):
                print_line(console, evidence)


def omission_text(comparison: Comparison, indices: Sequence[int]) -> Text:
    text = Text()
    for position, index in enumerate(reach_order(comparison, indices)):
        fact = comparison.facts[index]
        if position:
            text.append(" · ", style="dim")
        text.append(fact_label(fact, 36), style="bold")
        text.append(f" ({len(set(fact.documents))})", style="dim")
    return text


def names_text(comparison: Comparison, indices: Sequence[int]) -> Text:
    ordered = reach_order(comparison, indices)
    names = [str(comparison.facts[i].value) for i in ordered[:NAMES_SHOWN]]
    text = Text("names: ", style="dim")
    text.append(", ".join(names))
    if len(ordered) > NAMES_SHOWN:
        text.append(f" +{len(ordered) - NAMES_SHOWN} more", style="dim")
    return text


def print_omissions(comparison: Comparison, tags: dict[str, str], console: Console) -> None:
    """Per source, the facts two or more other sources report and it does not."""
    found = [o for o in omissions(comparison) if o.count]
    if len(comparison.documents) < 2:
        return
    if not found:
        console.print(Text("Omissions: none — every source reports every corroborated fact.", style="green"))
        return
    console.print(
        Text("Omissions", style="bold yellow")
        + Text(" — what a source leaves out that others report (how many do)", style="dim")
    )
    grid = Table.grid(padding=(0, 2), pad_edge=False)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for omission in found:
        tag = tags.get(omission.document, omission.document)
        if omission.facts:
            grid.add_row(f"  {tag}", omission_text(comparison, omission.facts))
        if omission.entities:
            grid.add_row("" if omission.facts else f"  {tag}", names_text(comparison, omission.entities))
    console.print(grid)


def matrix_cell(document: str, fact: AlignedFact) -> Text:
    return Text(REPORTED, style="green") if document in fact.documents else Text(MISSING, style="dim")


def conflict_cells(conflict, comparison: Comparison, documents: Sequence[str]) -> list[Text]:
    """The value each source gives in a conflict (∅ when it gives none)."""
    cells = []
    for document in documents:
        side = next((s for s in conflict.sides if document in s.documents), None)
        if side is None:
            cells.append(Text(MISSING, style="dim"))
        else:
            cells.append(Text(compact_value(side.value, side.unit), style="bold red"))
    return cells


def matrix_rows(comparison: Comparison) -> list[int]:
    """The facts outside conflicts, by kind, the most widely reported first."""
    conflicting = {side.fact for conflict in comparison.conflicts for side in conflict.sides}

    def key(index: int) -> tuple[int, int, int]:
        fact = comparison.facts[index]
        kind = KIND_ORDER.index(fact.kind) if fact.kind in KIND_ORDER else len(KIND_ORDER)
        return (kind, -len(set(fact.documents)), index)

    return sorted((i for i in range(len(comparison.facts)) if i not in conflicting), key=key)


def matrix_label(fact: AlignedFact) -> str:
    """A fact's table label: entities without their type, which the detail gives."""
    if fact.kind == "entity":
        return str(fact.value)
    return fact_label(fact, 80)


def fact_matrix(comparison: Comparison, tags: Sequence[str]) -> Table:
    """Facts × sources: ✓ reports it, ∅ does not; a conflict is one row of each source's value."""
    table = Table(
        title=f"Facts × sources ({len(comparison.facts)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=f"{REPORTED} reports it · {MISSING} does not · a value: the figure it gives in a conflict",
        caption_justify="left",
    )
    table.add_column("status", no_wrap=True)
    table.add_column("fact", overflow="ellipsis", min_width=12)  # wrapable: the one that shrinks
    for tag in tags:
        table.add_column(tag, justify="center", no_wrap=True)
    documents = [d.id for d in comparison.documents]
    for conflict in comparison.conflicts:
        label = one_line(conflict.about, "bold")
        table.add_row(Text("conflict", style=STATUS_STYLE["conflict"]), label, *conflict_cells(
            conflict, comparison, documents
        ))
    previous = "conflict" if comparison.conflicts else None
    for index in matrix_rows(comparison):
        fact = comparison.facts[index]
        if previous is not None and fact.kind != previous:
            table.add_section()
        previous = fact.kind
        cells = [matrix_cell(d, fact) for d in documents]
        status = Text(fact.status, style=STATUS_STYLE.get(fact.status, ""))
        table.add_row(status, one_line(matrix_label(fact), "bold"), *cells)
    return table


def summary_line(comparison: Comparison) -> Text:
    counts: dict[str, int] = {}
    for fact in comparison.facts:
        counts[fact.status] = counts.get(fact.status, 0) + 1
    parts = [f"{counts.get(s, 0)} {s}" for s in ("shared", "partial", "unique", "conflict")]
    conflicts = len(comparison.conflicts)
    return Text(f"{len(comparison.facts)} facts: " + ", ".join(parts) + f"; {conflicts} conflicts")


def print_summary(comparison: Comparison, console: Console, *, gist: str | None = None) -> None:
    """The answer first: sources, warnings, conflicts, omissions per source."""
    tag_list = source_tags(comparison.documents)
    tags = {d.id: t for d, t in zip(comparison.documents, tag_list, strict=True)}
    if gist:
        console.print(Text(gist, style="bold"))
    console.print(sources_table(comparison.documents, tag_list))
    print_warnings(comparison, console)
    print_conflicts(comparison, tags, console)
    print_omissions(comparison, tags, console)


# ---------------------------------------------------------------------------- detail


def fact_heading(fact: AlignedFact, tags: dict[str, str], width: int) -> Text:
    heading = Text()
    heading.append(f"{fact.status:<8}", style=STATUS_STYLE.get(fact.status, ""))
    heading.append(" ")
    heading.append(fact_label(fact, max(width - 30, 20)), style="bold")
    if fact.about and fact.kind in ("quantity", "percent"):
        heading.append(f"  [{fact.about}]", style="dim")
    missing = [t for d, t in tags.items() if d not in fact.documents]
    if missing and fact.status in ("partial", "unique") and len(tags) > 1:
        heading.append(f"  not in: {' '.join(missing)}", style="dim")
    return heading


def print_details(comparison: Comparison, console: Console, *, entities: bool = False) -> None:
    """Every fact with each source's sentence; names only with ``entities``."""
    tags = dict(zip((d.id for d in comparison.documents), source_tags(comparison.documents), strict=True))
    for kind, title in KIND_TITLES:
        facts = [f for f in comparison.facts if f.kind == kind]
        if not facts:
            continue
        if kind == "entity" and not entities:
            note = Text(f"{title} ({len(facts)}): in the table; sentences with ", style="dim")
            print_line(console, note + Text("--entities", style="bold"))
            continue
        console.rule(f"{title} ({len(facts)})", align="left", style="dim")
        for fact in facts:
            console.print(fact_heading(fact, tags, console.width), overflow="fold")
            for line in evidence_lines(fact.mentions, tags, console.width):
                print_line(console, line)


def print_comparison(
    comparison: Comparison,
    console: Console,
    *,
    entities: bool = False,
    detail: bool = True,
    gist: str | None = None,
) -> None:
    """Summary, the fact × source table, then (with ``detail``) every fact and its sentences."""
    print_summary(comparison, console, gist=gist)
    console.print(fact_matrix(comparison, source_tags(comparison.documents)))
    if detail:
        console.rule("Detail", align="left")
        print_details(comparison, console, entities=entities)
    console.print(summary_line(comparison))


# ---------------------------------------------------------------------------- other commands


def print_extraction(documents: Sequence[Document], console: Console, *, entities: bool = True) -> None:
    tag_list = source_tags(documents)
    console.print(sources_table(documents, tag_list))
    for document, tag in zip(documents, tag_list, strict=True):
        console.rule(f"{tag} {document.id}: {len(document.facts)} facts", align="left")
        for kind, title in KIND_TITLES:
            facts = [f for f in document.facts if f.kind == kind]
            if not facts or (kind == "entity" and not entities):
                continue
            console.print(Text(title, style="bold"))
            for fact in facts:
                label = format_value(fact.value, fact.unit, fact.qualifier)
                value = shorten(with_period(label, attrs_as(QuantityAttrs, fact).per), 28)
                line = Text(f"  {value}", style="bold")
                line.append("  ")
                line.append_text(excerpt(fact, console.width - cell_len(value) - 4))
                print_line(console, line)


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
    """The readable list of ``parallax stories``: each with what it is about in Latin letters
    (its gist), then its title and outlets; ids never wrap."""
    table = Table(
        title=f"Stories ({len(stories)})", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    table.add_column("id", no_wrap=True)
    table.add_column("art.", justify="right", no_wrap=True)
    table.add_column("lang", max_width=9)
    table.add_column("last seen", no_wrap=True)
    table.add_column("about", min_width=20, overflow="fold")
    for story in stories:
        about = Text(getattr(story, "gist", None) or "", style="bold")
        for line, style in ((story.title or "", "dim"), (", ".join(story.outlets), "dim italic")):
            if line.strip():
                about.append("\n")
                about.append(shorten(line, 90), style=style)
        table.add_row(
            escape(story.id),
            str(len(story.documents)),
            escape(" ".join(story.languages)),
            (story.last_seen or "")[:10] or "no date",
            about,
        )
    console.print(table)

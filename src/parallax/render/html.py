"""The self-contained HTML report of a comparison: one file, no network at view time.

Everything that comes from an article (text, titles, outlets, URLs, names, quotes) is
untrusted. It reaches the page only through the Jinja2 template with autoescaping on; the
data for the page's script is JSON with ``<``, ``>`` and ``&`` escaped; links are kept only
for http(s) URLs; and a Content-Security-Policy lets the browser run nothing but the inline
style and script of this file (pinned by their SHA-256 hashes).

Removed junk lines (tickers, hashtags, read-also lists...) are kept in the file, greyed and
collapsed behind a "removed lines" switch, so an analyst can check what the cleaner dropped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icu
import jinja2
import regex
from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal
from markupsafe import Markup
from rapidfuzz import fuzz

from .. import lang
from ..link.gist import documents_gist
from ..model import AlignedFact, Comparison, Conflict, Document, Fact
from .summary import omissions, reach_order, readable_quote, source_tags

STATUSES = ("conflict", "shared", "partial", "unique")
STATUS_TITLES = {"conflict": "Conflicts", "shared": "Shared", "partial": "Partial", "unique": "Unique"}
STATUS_HELP = {
    "conflict": "sources give different values for the same thing",
    "shared": "every source reports it",
    "partial": "some sources report it, others do not",
    "unique": "only one source reports it",
}
KINDS = ("quantity", "percent", "date", "entity", "quote")
KIND_LABELS = {
    "quantity": "number",
    "percent": "percent",
    "date": "date",
    "entity": "entity",
    "quote": "quote",
}
QUALIFIER_WORDS = {
    "about": "about",
    "more_than": "more than",
    "less_than": "less than",
    "up_to": "up to",
    "target": "reaching",
}
BLOCK_KINDS = ("title", "dateline", "body")
MAX_MENTION_TEXTS = 3
SAME_SPELLING = 80  # rapidfuzz ratio of folded spellings above which no canonical label is needed
LATIN_SHARE = 0.2  # below this share of non-Latin letters a text needs no transliteration
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


# ---------------------------------------------------------------------------- public API


def report_html(comparison: Comparison, *, title: str | None = None) -> str:
    """The comparison as one self-contained HTML page."""
    css, script = static_text("report.css"), static_text("report.js")
    context = report_context(comparison, title=title)
    context.update(
        csp=content_security_policy(css, script),
        css=Markup(css),  # our own package file, never article content
        script=Markup(script),
    )
    return template().render(context)


def report_context(comparison: Comparison, *, title: str | None = None) -> dict[str, Any]:
    """What the macros of report_macros.html.j2 need to draw a comparison (the web UI uses it too).

    ``data`` is the JSON for report.js, already escaped for a <script type="application/json">.
    """
    spans = document_spans(comparison)
    tags = source_tags(comparison.documents)
    sources = [
        source_view(index, document, comparison, spans.get(document.id, []), tags[index])
        for index, document in enumerate(comparison.documents)
    ]
    rows = [fact_row(index, fact, sources) for index, fact in enumerate(comparison.facts)]
    return {
        "title": title or default_title(comparison),
        "gist": documents_gist(comparison.documents),
        "summary": summary_view(comparison, rows, sources),
        "sources": sources,
        "sections": fact_sections(comparison, rows, {s.id: s.tag for s in sources}),
        "counts": status_counts(comparison.facts),
        "total": len(comparison.facts),
        "warnings": list(comparison.warnings),
        "kinds": [
            (kind, KIND_LABELS[kind]) for kind in KINDS if any(f.kind == kind for f in comparison.facts)
        ],
        "status_help": STATUS_HELP,
        "data": Markup(script_json(page_data(comparison, rows, sources))),
    }


@dataclass
class SummaryFact:
    index: int
    label: str
    status: str
    reach: int  # how many sources report it


@dataclass
class OmissionView:
    tag: str
    source: int
    facts: list[SummaryFact]
    names: list[SummaryFact]


@dataclass
class ConflictView:
    about: str
    facts: list[int]
    sides: list[tuple[str, list[str], int]]  # (value, tags of the sources giving it, fact index)


@dataclass
class SummaryView:
    """The answer first: what the sources disagree on and what each leaves out."""

    conflicts: list[ConflictView]
    omissions: list[OmissionView]
    sources: int

    @property
    def omitted(self) -> int:
        return sum(len(o.facts) + len(o.names) for o in self.omissions)


def summary_fact(index: int, row: FactRow, fact: AlignedFact) -> SummaryFact:
    if row.kind == "quote":
        label = f"{row.neutral.speaker or 'unknown speaker'}: «{shorten(readable_quote(fact), 48)}»"
    else:
        label = shorten(row.neutral.text, 72)
    return SummaryFact(index, label, row.status, row.reported)


def summary_view(
    comparison: Comparison, rows: Sequence[FactRow], sources: Sequence[SourceView]
) -> SummaryView:
    tags = {s.id: s.tag for s in sources}
    conflicts = []
    for conflict in comparison.conflicts:
        sides = [
            (neutral_form(rows[side.fact].kind, side.value, side.unit, None).text,
             [tags.get(d, d) for d in side.documents], side.fact)
            for side in conflict.sides
            if 0 <= side.fact < len(rows)
        ]
        if sides:
            conflicts.append(ConflictView(conflict.about, [s[2] for s in sides], sides))
    views = []
    for omission, source in zip(omissions(comparison), sources, strict=True):
        if not omission.count:
            continue
        facts, names = (
            [summary_fact(i, rows[i], comparison.facts[i]) for i in reach_order(comparison, group)]
            for group in (omission.facts, omission.entities)
        )
        views.append(OmissionView(source.tag, source.index, facts, names))
    return SummaryView(conflicts, views, len(sources))


def write_report(comparison: Comparison, path: str | Path, *, title: str | None = None) -> Path:
    """Write the report to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(report_html(comparison, title=title), encoding="utf-8")
    return target


# ---------------------------------------------------------------------------- resources


@cache
def template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("parallax.render", "templates"),
        **TEMPLATE_OPTIONS,
    )
    environment.filters["isolate"] = isolate
    return environment.get_template("report.html.j2")


def isolate(text: object) -> str:
    """``text`` between a first-strong isolate and its pop when it holds right-to-left letters
    or direction controls: where no element can carry dir (a page's <title>), an override in an
    article's title (U+202E) then ends with it instead of reversing " · parallax" after it."""
    shown = str(text)
    if not any(unicodedata.bidirectional(char) in _BIDI_ACTIVE for char in shown):
        return shown
    return f"\u2068{shown}\u2069"


# Right-to-left letters and digits, and the embedding, override and isolate controls.
_BIDI_ACTIVE = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


# How every parallax template is compiled: autoescaping on, undefined names an error.
TEMPLATE_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


@cache
def static_text(name: str) -> str:
    return (resources.files("parallax.render") / "static" / name).read_text(encoding="utf-8")


def csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(css: str, script: str) -> str:
    """Nothing may load; only this file's own style and script may run."""
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(css)}",
            f"script-src {csp_hash(script)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element: no `</script`, no `<!--`, no `&` tricks."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# ---------------------------------------------------------------------------- small helpers


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (shown as text, never linked)."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def lang_attribute(code: str | None) -> str | None:
    return code if code and _LANG_TAG.fullmatch(code) else None


def direction(code: str | None) -> str:
    """rtl/ltr from the language data; `auto` (the browser decides) for a language we lack."""
    data = lang.maybe_load(code)
    if data is None:
        return "auto"
    return "rtl" if data.rtl else "ltr"


def language_name(code: str | None) -> str:
    """The English name from our language data, else from CLDR (Babel), else the code itself."""
    data = lang.maybe_load(code)
    if data is not None:
        return data.name
    if not code:
        return "unknown language"
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def needs_transliteration(text: str) -> bool:
    letters = len(regex.findall(r"\p{L}", text))
    latin = len(regex.findall(r"\p{Latin}", text))
    return letters > 0 and (letters - latin) / letters > LATIN_SHARE


@cache
def _transform_ids() -> frozenset[str]:
    return frozenset(icu.Transliterator.getAvailableIDs())


@cache
def transliterator(code: str | None) -> icu.Transliterator:
    """ICU's per-language romanisation (BGN/PCGN) where it has one, then any script to ASCII Latin."""
    steps = []
    specific = f"{code}-{code}_Latn/BGN" if code else None
    if specific and specific in _transform_ids():
        steps.append(f"::{specific};")
    steps += ["::Any-Latin;", "::[[:Latin:][:Mn:]] Latin-ASCII;", "::NFC;"]
    return icu.Transliterator.createFromRules(
        f"parallax-latin-{code}", "".join(steps), icu.UTransDirection.FORWARD
    )


def transliterate(text: str, code: str | None) -> str:
    return transliterator(code).transliterate(text)


@cache
def latin_gap(before: str, after: str, code: str | None) -> str:
    """A space when the transform would part the two characters (syllables of scripts written without
    spaces), so that text cut into runs reads the same as text transliterated whole."""
    if before.isspace() or after.isspace():
        return ""
    apart = f"{transliterate(before, code)} {transliterate(after, code)}"
    return " " if transliterate(before + after, code) == apart else ""


@cache
def name_folder() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")


def folded(name: str) -> str:
    return "".join(ch for ch in name_folder().transliterate(name) if ch.isalnum())


def format_number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, locale="en", format_type="long", fraction_digits=3)
    return format_decimal(value, format="#,##0.####", locale="en")


def exact_number(value: float) -> str:
    return format_decimal(value, format="#,##0.########", locale="en") if math.isfinite(value) else str(value)


_RECURRENCE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def format_date_value(value: Any) -> str:
    text = str(value)
    if text.startswith("R/P") and text[-1:] in _RECURRENCE_UNITS:  # ISO recurrence: "R/P1Y", "R/P2W"
        count, unit = text[3:-1], _RECURRENCE_UNITS[text[-1]]
        return f"every {unit}" if count == "1" else f"every {count} {unit}s"
    return " – ".join(text.split("/")) if "/" in text else text


def short_date(value: str | None) -> str | None:
    return value[:16].replace("T", " ") if value else None


# ---------------------------------------------------------------------------- the language-neutral form


@dataclass(frozen=True)
class Neutral:
    """What a fact says, independent of the language of any source."""

    primary: str
    unit: str | None = None
    qualifier: str | None = None
    exact: str | None = None
    entity_type: str | None = None
    speaker: str | None = None
    direct: bool | None = None

    @property
    def text(self) -> str:
        if self.speaker:
            return f"{self.speaker}: {self.primary}"
        return " ".join(part for part in (self.qualifier, self.primary, self.unit) if part)


def unit_text(unit: str | None) -> str | None:
    if unit == "%":
        return "%"
    if unit == "pp":
        return "percentage points"
    return unit


def neutral_form(kind: str, value: Any, unit: str | None, qualifier: str | None, **extra: Any) -> Neutral:
    qualifier_text = QUALIFIER_WORDS.get(qualifier or "")
    if kind in ("quantity", "percent") and isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        per = extra.get("per")
        unit_words = " ".join(part for part in (unit_text(unit), f"per {per}" if per else None) if part)
        return Neutral(format_number(number), unit_words or None, qualifier_text, exact_number(number))
    if kind == "date":
        return Neutral(format_date_value(value), qualifier=qualifier_text, exact=str(value))
    if kind == "entity":
        return Neutral(str(value), entity_type=extra.get("type"))
    if kind == "quote":
        return Neutral(str(value), speaker=extra.get("speaker"), direct=extra.get("direct"))
    return Neutral("" if value is None else str(value), unit_text(unit), qualifier_text)


def aligned_neutral(fact: AlignedFact) -> Neutral:
    return neutral_form(
        fact.kind,
        fact.value,
        fact.unit,
        fact.qualifier,
        type=fact.type,
        speaker=fact.speaker,
        direct=fact.direct,
        per=fact.per,
    )


# ---------------------------------------------------------------------------- the sources' text


@dataclass(frozen=True)
class Span:
    """One mention in one document, linked to the aligned fact it belongs to."""

    start: int
    end: int
    fact: int
    kind: str
    status: str
    tooltip: str
    label: str | None = None  # the canonical Latin form shown beside the original words


@dataclass
class Run:
    """A stretch of text covered by the same mentions (none for plain text)."""

    text: str
    latin: str | None
    facts: tuple[int, ...] = ()
    classes: str = ""
    tooltip: str | None = None
    labels: tuple[str, ...] = ()

    @property
    def fact_ids(self) -> str:
        return " ".join(str(index) for index in self.facts)


@dataclass
class Piece:
    """A sentence of a block (``sentence`` is its index) or the text between sentences."""

    runs: list[Run]
    sentence: int | None = None


@dataclass
class BlockView:
    kind: str  # title, dateline, body, or removed
    pieces: list[Piece]
    reason: str | None = None


@dataclass
class SourceView:
    index: int
    id: str
    tag: str
    language: str | None
    language_name: str
    lang: str | None
    dir: str
    latin_lang: str | None
    title: str | None
    title_latin: str | None
    outlet: str | None
    url: str | None
    link: str | None
    published: str | None
    fact_count: int
    removed_count: int
    blocks: list[BlockView] = field(default_factory=list)

    @property
    def latin(self) -> bool:
        return self.latin_lang is not None


def span_tooltip(fact: AlignedFact, neutral: Neutral) -> str:
    parts = [f"{KIND_LABELS.get(fact.kind, fact.kind)}: {shorten(neutral.text, 120)}"]
    if fact.kind == "entity" and fact.type:
        parts.append(fact.type)
    parts.append(fact.status)
    return " · ".join(parts)


def spelled_alike(name: str, words: str) -> bool:
    """True when a reader of Latin script would recognise the name in the words as written."""
    name, words = folded(name), folded(words)
    return bool(words) and (words in name or fuzz.ratio(name, words) >= SAME_SPELLING)


def mention_label(fact: AlignedFact, mention: Fact) -> str | None:
    """The canonical name beside an entity's original words, when they spell it differently."""
    if fact.kind == "entity" and not spelled_alike(str(fact.value), mention.text):
        return str(fact.value)
    if fact.kind == "quote" and fact.speaker:
        return f"— {fact.speaker}"
    return None


def document_spans(comparison: Comparison) -> dict[str, list[Span]]:
    """Each document's mentions; an entity's canonical label only at its first mention there.

    No label goes into right-to-left text: a left-to-right chip inside an Arabic or Persian
    line breaks the line's order (the bidi algorithm reorders the words around it), so there
    the canonical name lives in the span's tooltip only.
    """
    spans: dict[str, list[Span]] = {}
    seen: set[tuple[str, int, int, int]] = set()
    chips = {d.id for d in comparison.documents if direction(d.language) == "ltr"}
    for index, fact in enumerate(comparison.facts):
        tooltip = span_tooltip(fact, aligned_neutral(fact))
        labelled: set[str] = set()
        for mention in sorted(fact.mentions, key=lambda m: (m.document, m.start)):
            key = (mention.document, mention.start, mention.end, index)
            if mention.end <= mention.start or key in seen:
                continue
            seen.add(key)
            chip = mention.document in chips and mention.document not in labelled
            label = mention_label(fact, mention) if chip else None
            if label:
                labelled.add(mention.document)
            span = Span(mention.start, mention.end, index, fact.kind, fact.status, tooltip, label)
            spans.setdefault(mention.document, []).append(span)
    return spans


def run_classes(covering: Sequence[Span]) -> str:
    main = covering[0]
    kind = main.kind if main.kind in KINDS else "other"
    status = main.status if main.status in STATUSES else "other"
    classes = ["m", f"k-{kind}", f"st-{status}"]
    if main.kind != "quote" and any(span.kind == "quote" for span in covering):
        classes.append("in-quote")
    return " ".join(classes)


def text_runs(
    text: str, start: int, end: int, spans: Sequence[Span], code: str | None, latin: bool
) -> list[Run]:
    """Cut text[start:end] wherever a mention begins or ends; each run knows the facts over it."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted(
        {start, end} | {min(max(s.start, start), end) for s in inside} | {min(s.end, end) for s in inside}
    )
    runs = []
    for left, right in pairwise(cuts):
        if right <= left:
            continue
        piece = text[left:right]
        covering = sorted(
            (s for s in inside if s.start <= left and s.end >= right), key=lambda s: s.end - s.start
        )
        labels = tuple(dict.fromkeys(s.label for s in inside if s.end == right and s.label))
        gap = latin_gap(text[left - 1], piece[0], code) if latin and runs else ""
        runs.append(
            Run(
                text=piece,
                latin=gap + transliterate(piece, code) if latin else None,
                facts=tuple(s.fact for s in covering),
                classes=run_classes(covering) if covering else "",
                tooltip=covering[0].tooltip if covering else None,
                labels=labels,
            )
        )
    return runs


def block_pieces(document: Document, start: int, end: int, spans: Sequence[Span], latin: bool) -> list[Piece]:
    """A kept block as its sentences and the text between them."""
    text, code = document.article.text, document.language
    pieces, cursor = [], start
    for sentence in document.sentences:
        if sentence.end <= cursor or sentence.start >= end:
            continue
        if sentence.start > cursor:
            pieces.append(Piece(text_runs(text, cursor, sentence.start, spans, code, latin)))
        left, right = max(sentence.start, cursor), min(sentence.end, end)
        pieces.append(Piece(text_runs(text, left, right, spans, code, latin), sentence.index))
        cursor = right
    if cursor < end:
        pieces.append(Piece(text_runs(text, cursor, end, spans, code, latin)))
    return pieces


def removed_block(text: str, reason: str, code: str | None, latin: bool) -> BlockView:
    run = Run(text=text, latin=transliterate(text, code) if latin else None)
    return BlockView("removed", [Piece([run])], reason)


def document_blocks(document: Document, spans: Sequence[Span], latin: bool) -> list[BlockView]:
    """Kept blocks with their sentences and removed lines, in the order of the article."""
    regions: list[tuple[int, int, Any]] = [(b.start, b.end, b) for b in document.cleaning.blocks]
    regions += [(r.start, r.end, r) for r in document.cleaning.removed]
    text, code = document.article.text, document.language
    blocks, cursor = [], 0
    for start, end, region in sorted(regions, key=lambda r: (r[0], r[1])):
        start = max(start, cursor)
        if end <= start:
            continue
        if hasattr(region, "reason"):
            blocks.append(removed_block(text[start:end], region.reason, code, latin))
        elif text[start:end].strip():
            kind = region.kind if region.kind in BLOCK_KINDS else "body"
            blocks.append(BlockView(kind, block_pieces(document, start, end, spans, latin)))
        cursor = end
    return blocks


def source_view(
    index: int, document: Document, comparison: Comparison, spans: Sequence[Span], tag: str
) -> SourceView:
    article, code = document.article, document.language
    kept = " ".join(document.article.text[b.start : b.end] for b in document.cleaning.blocks)
    latin = needs_transliteration(kept or article.text)
    title = article.title or document.cleaning.title
    return SourceView(
        index=index,
        id=article.id,
        tag=tag,
        language=code,
        language_name=language_name(code),
        lang=lang_attribute(code),
        dir=direction(code),
        latin_lang=f"{lang_attribute(code) or 'und'}-Latn" if latin else None,
        title=title,
        title_latin=transliterate(title, code) if latin and title else None,
        outlet=article.outlet,
        url=article.url,
        link=safe_url(article.url),
        published=short_date(article.published or document.cleaning.published),
        fact_count=sum(1 for f in comparison.facts for m in f.mentions if m.document == document.id),
        removed_count=len(document.cleaning.removed),
        blocks=document_blocks(document, spans, latin),
    )


# ---------------------------------------------------------------------------- the fact table


@dataclass
class MentionCell:
    """The original words of one fact in one source."""

    tag: str
    source: int
    texts: list[str]
    more: int
    dir: str
    lang: str | None
    latin: str | None


@dataclass
class FactRow:
    index: int
    kind: str
    kind_label: str
    status: str
    neutral: Neutral
    quote_lang: str | None
    quote_dir: str
    about: str | None
    cells: list[MentionCell]
    missing: list[str]
    reported: int
    total: int


@dataclass
class ConflictGroup:
    about: str
    facts: list[int]
    sides: list[tuple[str, FactRow]]


@dataclass
class Section:
    status: str
    title: str
    rows: list[FactRow] = field(default_factory=list)
    groups: list[ConflictGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows) + sum(len(group.sides) for group in self.groups)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def mention_cells(fact: AlignedFact, sources: Sequence[SourceView]) -> list[MentionCell]:
    by_document: dict[str, list[str]] = {}
    for mention in fact.mentions:
        texts = by_document.setdefault(mention.document, [])
        if mention.text not in texts:
            texts.append(mention.text)
    cells = []
    for source in sources:
        texts = by_document.get(source.id)
        if not texts:
            continue
        shown = texts[:MAX_MENTION_TEXTS]
        latin = transliterate(" · ".join(shown), source.language) if source.latin else None
        if latin == " · ".join(shown):
            latin = None
        cells.append(
            MentionCell(
                source.tag, source.index, shown, len(texts) - len(shown), source.dir, source.lang, latin
            )
        )
    return cells


def fact_row(index: int, fact: AlignedFact, sources: Sequence[SourceView]) -> FactRow:
    cells = mention_cells(fact, sources)
    reporting = {cell.source for cell in cells}
    first = next((s for s in sources if s.id in fact.documents), None)
    return FactRow(
        index=index,
        kind=fact.kind if fact.kind in KINDS else "other",
        kind_label=KIND_LABELS.get(fact.kind, fact.kind),
        status=fact.status if fact.status in STATUSES else "other",
        neutral=aligned_neutral(fact),
        quote_lang=first.lang if first else None,
        quote_dir=first.dir if first else "auto",
        about=context_of(fact),
        cells=cells,
        missing=[s.tag for s in sources if s.index not in reporting],
        reported=len(reporting),
        total=len(sources),
    )


def context_of(fact: AlignedFact) -> str | None:
    """What the fact is about, without the unit or kind the row already shows."""
    parts = [part.strip() for part in (fact.about or "").split("·")]
    while parts and parts[0] in (fact.unit, fact.kind, ""):
        parts.pop(0)
    return " · ".join(parts) or None


def kind_order(row: FactRow) -> tuple[int, int]:
    return (KINDS.index(row.kind) if row.kind in KINDS else len(KINDS), row.index)


def conflict_group(conflict: Conflict, rows: Sequence[FactRow], tags: dict[str, str]) -> ConflictGroup:
    sides = []
    for side in conflict.sides:
        if not 0 <= side.fact < len(rows):
            continue
        neutral = neutral_form(rows[side.fact].kind, side.value, side.unit, None)
        label = f"{neutral.text} — {', '.join(tags.get(d, d) for d in side.documents)}"
        sides.append((label, rows[side.fact]))
    return ConflictGroup(conflict.about, [row.index for _, row in sides], sides)


def fact_sections(comparison: Comparison, rows: Sequence[FactRow], tags: dict[str, str]) -> list[Section]:
    """Conflicts first (grouped by what they disagree on), then shared, partial and unique facts."""
    groups = [conflict_group(conflict, rows, tags) for conflict in comparison.conflicts]
    grouped = {index for group in groups for index in group.facts}
    sections = [Section("conflict", STATUS_TITLES["conflict"], groups=[g for g in groups if g.sides])]
    for status in STATUSES:
        section = sections[0] if status == "conflict" else Section(status, STATUS_TITLES[status])
        section.rows = sorted(
            (row for row in rows if row.status == status and row.index not in grouped), key=kind_order
        )
        if status != "conflict":
            sections.append(section)
    others = [row for row in rows if row.status not in STATUSES]
    if others:
        sections.append(Section("other", "Other", rows=others))
    return [section for section in sections if section.count]


def status_counts(facts: Iterable[AlignedFact]) -> list[tuple[str, int]]:
    counts = dict.fromkeys(STATUSES, 0)
    for fact in facts:
        if fact.status in counts:
            counts[fact.status] += 1
    return list(counts.items())


def default_title(comparison: Comparison) -> str:
    names = list(dict.fromkeys(language_name(d.language) for d in comparison.documents))
    count = len(comparison.documents)
    return f"{count} source{'s' if count != 1 else ''} compared: {', '.join(names)}"


def page_data(
    comparison: Comparison, rows: Sequence[FactRow], sources: Sequence[SourceView]
) -> dict[str, Any]:
    """What the page's script needs: a label per fact, who reports it, the conflict groups."""
    return {
        "sources": [source.tag for source in sources],
        "facts": [
            {
                "label": shorten(row.neutral.text, 160),
                "kind": row.kind_label,
                "status": row.status,
                "sources": [cell.tag for cell in row.cells],
            }
            for row in rows
        ],
        "conflicts": [[s.fact for s in conflict.sides] for conflict in comparison.conflicts],
    }

"""What a story is about, in canonical Latin form: "Kassym-Jomart Tokayev · Paris · 8 agreements".

A reader who does not read the titles' languages still needs to know what a story is. Its
language-neutral anchors say it: the canonical people, places and organisations its articles
name (those in headlines first, then those most articles name) and the figure most of its
articles report. Built from anchors, which the store keeps indexed, so listing stories never
re-reads an article.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..model import Document
from .features import TITLE_PREFIX, document_anchors

ENTITY_KINDS = ("person", "place", "organisation", "e")  # the order in which kinds are preferred
FIGURE_KINDS = ("q", "s", "p")  # quantities, small counts, percentages
NAMES = 3
FIGURES = 1
SEPARATOR = " · "
# English plurals the suffix rules get wrong, for the counted nouns' English lemmas.
IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "equipment": "equipment",
    "aircraft": "aircraft",
    "injured": "injured",
    "personnel": "personnel",
    "memorandum": "memoranda",
}
LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def english_plural(noun: str) -> str:
    head, _, last = noun.rpartition(" ")
    if last in IRREGULAR_PLURALS:
        plural = IRREGULAR_PLURALS[last]
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def format_number(value: float) -> str:
    for scale, word in LARGE:
        if abs(value) >= scale:
            return f"{value / scale:,.3g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def figure_text(anchor: str) -> str | None:
    """An anchor of a figure as a reader says it: 8 agreements, 1,240 people, USD 18.7 billion, 41%."""
    kind, _, rest = anchor.partition(":")
    unit, _, number = rest.rpartition(":")
    try:
        value = float(number)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    if kind == "p":
        return f"{format_number(value)}%" if unit == "%" else f"{format_number(value)} pp"
    if len(unit) == 3 and unit.isupper():  # an ISO 4217 currency code
        return f"{unit} {format_number(value)}"
    return f"{format_number(value)} {unit if value == 1 else english_plural(unit)}"


def display_name(key: str, names: Mapping[str, str]) -> str:
    """The canonical spelling of a casefolded name; title case when no article spelled it."""
    return names.get(key) or key.title()


def _entity(anchor: str) -> tuple[str, str] | None:
    kind, _, key = anchor.partition(":")
    return (kind, key) if kind in ENTITY_KINDS and key else None


def key_anchors(anchor_sets: Sequence[Collection[str]]) -> tuple[list[str], list[str]]:
    """The anchors a gist shows: its key entities (up to NAMES) and figures (up to FIGURES)."""
    in_articles: Counter[str] = Counter()
    in_titles: Counter[str] = Counter()
    for anchors in anchor_sets:
        for anchor in set(anchors):
            if anchor.startswith(TITLE_PREFIX):
                in_titles[anchor[len(TITLE_PREFIX) :]] += 1
            else:
                in_articles[anchor] += 1
    entities = heapq.nsmallest(
        NAMES,
        (a for a in in_articles if _entity(a)),
        key=lambda a: (-in_titles[a], -in_articles[a], ENTITY_KINDS.index(a.partition(":")[0]), a),
    )
    figures = heapq.nsmallest(
        FIGURES,
        (a for a in in_articles if a.partition(":")[0] in FIGURE_KINDS),
        key=lambda a: (-in_articles[a], FIGURE_KINDS.index(a.partition(":")[0]), a),
    )
    return entities, figures


def entity_key(anchor: str) -> str:
    return anchor.partition(":")[2]


def story_gist(anchor_sets: Sequence[Collection[str]], names: Mapping[str, str] | None = None) -> str:
    """Key names and the key figure of a story whose articles carry ``anchor_sets``.

    ``names`` maps a casefolded canonical name to its spelling. Same anchors, same gist, in any
    order of the articles.
    """
    return gist_text(*key_anchors(anchor_sets), names or {})


def gist_text(entities: Sequence[str], figures: Sequence[str], names: Mapping[str, str]) -> str:
    parts = [display_name(entity_key(a), names) for a in entities]
    parts += [text for a in figures if (text := figure_text(a))]
    return SEPARATOR.join(parts)


def spellings(values: Iterable[str]) -> dict[str, str]:
    """Casefolded canonical name -> its spelling (the first seen, in sorted order: deterministic)."""
    found: dict[str, str] = {}
    for value in sorted(set(values)):
        found.setdefault(value.casefold(), value)
    return found


def documents_gist(documents: Sequence[Document]) -> str:
    """The gist of analysed documents (a comparison's sources), as the store would give it."""
    names = spellings(str(f.value) for d in documents for f in d.facts if f.kind == "entity" and f.value)
    return story_gist([document_anchors(d) for d in documents], names)

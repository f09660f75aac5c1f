"""What the linker knows of an article: its title + lead, its day, its language-neutral anchors.

Anchors are the facts that read the same in every language: canonical entities, normalised
quantities and percentages, resolved dates. Two reports of one event share several of them;
two events with the same people share the people but not the dates and figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from ..model import Document, Fact

LEAD_SENTENCES = 2
LEAD_CHARS = 600
NO_DAY = -1

# How much one shared anchor of each sort says about two articles reporting one event.
ANCHOR_WEIGHTS = {"q": 1.0, "p": 1.0, "d": 0.7, "person": 0.8, "organisation": 0.6, "place": 0.45, "e": 0.5}


@dataclass(frozen=True)
class Features:
    rowid: int
    article_id: str
    day: int  # days since 1970-01-01, NO_DAY when the publication date is unknown
    anchors: frozenset[str]
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    order: tuple = ()  # the deterministic processing order: (published, article id)


def title_and_lead(document: Document) -> str:
    """The text the encoder sees: the title and the first sentences of the body."""
    title = (document.article.title or "").strip()
    body = [s.text for s in document.sentences if s.block == "body"][:LEAD_SENTENCES]
    lead = " ".join(body)
    text = f"{title}. {lead}" if title and not lead.startswith(title) else (lead or title)
    return text[:LEAD_CHARS]


def day_number(published: str | None) -> int:
    if not published:
        return NO_DAY
    try:
        return (dt.date.fromisoformat(published[:10]) - dt.date(1970, 1, 1)).days
    except ValueError:
        return NO_DAY


def _significant(value: float, digits: int = 3) -> str:
    if value == 0 or not math.isfinite(value):
        return "0"
    return f"{value:.{digits}g}"


def entity_anchor(value: object, entity_type: str | None) -> str:
    return f"{entity_type or 'e'}:{str(value).casefold()}"


def fact_anchor(fact: Fact) -> str | None:
    if fact.kind == "entity" and fact.value:
        return entity_anchor(fact.value, fact.type)
    if fact.kind == "quantity" and isinstance(fact.value, (int, float)):
        if fact.unit is None or (abs(fact.value) < 10 and not fact.attrs.get("currency")):
            return None  # small bare counts ("two countries") are everywhere
        return f"q:{fact.unit}:{_significant(float(fact.value))}"
    if fact.kind == "percent" and isinstance(fact.value, (int, float)):
        return f"p:{fact.unit}:{_significant(float(fact.value))}"
    if fact.kind == "date" and isinstance(fact.value, str) and len(fact.value) == 10:
        return f"d:{fact.value}"
    return None


def document_anchors(document: Document) -> frozenset[str]:
    return frozenset(a for a in (fact_anchor(f) for f in document.facts) if a)


def anchor_weight(anchor: str) -> float:
    return ANCHOR_WEIGHTS.get(anchor.split(":", 1)[0], 0.5)


def features_of(rowid: int, document: Document, vector: np.ndarray | None) -> Features:
    article = document.article
    return Features(
        rowid=rowid,
        article_id=article.id,
        day=day_number(article.published),
        anchors=document_anchors(document),
        vector=vector,
        order=(article.published or "9999", article.id),
    )

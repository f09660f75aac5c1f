"""The reader's summary of a comparison, shared by the terminal and the HTML report.

An analyst wants three answers first: what the sources disagree on, what each one leaves out
that the others corroborate, and whether the comparison can be trusted (the warnings). This
module computes them once, from the comparison alone, so that every view tells the same story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..model import AlignedFact, Comparison, Document

CORROBORATING = ("shared", "partial", "conflict")
SUMMARY_KINDS = ("quantity", "percent", "date", "quote")  # what an omission list names one by one


def source_tags(documents: Sequence[Document]) -> list[str]:
    """A short tag per source: its language code, numbered when several share one.

    Tags stand in for ids wherever space is short (a terminal column, a table header): ids can
    be long file names or URLs, a tag never wraps.
    """
    bases = [(d.language or "src").upper()[:5] for d in documents]
    tags = []
    for index, base in enumerate(bases):
        if bases.count(base) > 1:
            tags.append(f"{base}{bases[: index + 1].count(base)}")
        else:
            tags.append(base)
    return tags


def corroborated(fact: AlignedFact) -> bool:
    """Reported by two or more sources: an absence elsewhere is then an omission."""
    return fact.status in CORROBORATING and len(set(fact.documents)) >= 2


@dataclass
class Omission:
    """What one source leaves out that two or more others report."""

    document: str
    facts: list[int] = field(default_factory=list)  # quantities, percentages, dates, quotes
    entities: list[int] = field(default_factory=list)  # names, listed apart: they are many

    @property
    def count(self) -> int:
        return len(self.facts) + len(self.entities)


def conflict_documents(comparison: Comparison) -> dict[int, set[str]]:
    """For each fact on a side of a conflict, every document that gives a value for that conflict.

    A source reporting the other side of a conflict does not omit the fact: it disagrees.
    """
    involved: dict[int, set[str]] = {}
    for conflict in comparison.conflicts:
        documents = {d for side in conflict.sides for d in side.documents}
        for side in conflict.sides:
            involved.setdefault(side.fact, set()).update(documents)
    return involved


def omissions(comparison: Comparison) -> list[Omission]:
    """Per source, in document order, the corroborated facts it does not report."""
    disagreeing = conflict_documents(comparison)
    result = []
    for document in comparison.documents:
        omission = Omission(document.id)
        for index, fact in enumerate(comparison.facts):
            if not corroborated(fact) or document.id in fact.documents:
                continue
            if document.id in disagreeing.get(index, ()):
                continue
            (omission.entities if fact.kind == "entity" else omission.facts).append(index)
        result.append(omission)
    return result


def reach_order(comparison: Comparison, indices: Sequence[int]) -> list[int]:
    """Facts most sources report first, then by kind as the summary lists them, then by index."""
    kinds = (*SUMMARY_KINDS, "entity")

    def key(index: int) -> tuple[int, int, int]:
        fact = comparison.facts[index]
        kind = kinds.index(fact.kind) if fact.kind in kinds else len(kinds)
        return (-len(set(fact.documents)), kind, index)

    return sorted(indices, key=key)


def side_values(comparison: Comparison) -> dict[int, dict[str, int]]:
    """For each conflicting fact, which fact (side) each involved document reports."""
    values: dict[int, dict[str, int]] = {}
    for conflict in comparison.conflicts:
        by_document = {d: side.fact for side in conflict.sides for d in side.documents}
        for side in conflict.sides:
            values[side.fact] = by_document
    return values


def latin_share(text: str) -> float:
    letters = regex.findall(r"\p{L}", text)
    return sum(1 for ch in letters if regex.match(r"\p{Latin}", ch)) / len(letters) if letters else 0.0


def readable_quote(fact: AlignedFact) -> str:
    """A quote in the words of its most Latin-script source: the summary's reader reads those
    (the fact's value is in the first reporting source's language, whichever script that is)."""
    texts = [str(fact.value)] + [m.text for m in fact.mentions]
    return " ".join(max(texts, key=latin_share).split())

"""Alignment of facts across documents, statuses and conflicts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..encode import Encoder, default_encoder
from ..extract.context import AnalysisContext
from ..extract.numbers import find_nouns
from ..model import (
    AlignedFact,
    Comparison,
    Conflict,
    Document,
    Fact,
    QuantityAttrs,
    attrs_as,
    publication_date,
)
from .align import KIND_ORDER, STATUS_ORDER, align
from .entities import harmonise_entities

# Below this many shared non-entity facts, a document probably reports another event.
MIN_SHARED_FACTS = 2


def compare_documents(
    documents: Sequence[Document], encoder: Encoder | None = None, context: AnalysisContext | None = None
) -> Comparison:
    """Compare several analysed documents fact by fact.

    ``context``: the analysis context the documents were analysed with, whose names the
    entities are matched against (None: the curated names).

    The claims (which facts, their statuses, the conflicts) never depend on the order the
    documents come in: they are decided on the documents in a canonical order (by content),
    then listed in the order given. Only the listing order follows the input; a fact's
    ``value`` is what most sources give, ties going to the canonically first document.
    """
    encoder = encoder or default_encoder()
    given = list(documents)
    canonical = sorted(given, key=canonical_key)
    harmonise_entities(canonical, encoder, context)
    alignment = align(canonical, encoder.encode, lambda fact: context_nouns(fact, context))
    position = {document.id: index for index, document in enumerate(given)}
    facts, conflicts = in_given_order(alignment.facts, alignment.conflicts, position)
    overlap = {
        tuple(sorted((position[canonical[i].id], position[canonical[j].id]))): shared
        for (i, j), shared in alignment.overlap.items()
    }
    warnings = undated_warnings(given) + unrelated_document_warnings(given, overlap)
    return Comparison(documents=given, facts=facts, conflicts=conflicts, warnings=warnings)


def undated_warnings(documents: Iterable[Document]) -> list[str]:
    """One warning per document without a publication date: its relative dates stay unresolved."""
    return [
        f"{document.id}: no publication date found; relative dates (today, last year, on Friday) "
        "stay unresolved: give one with --published DATE"
        for document in documents
        if publication_date(document.article) is None
    ]


def canonical_key(document: Document) -> tuple[str, str]:
    """The same for a document whatever place it is given in: its text first, then its id."""
    return hashlib.sha256(document.article.text.encode("utf-8")).hexdigest(), document.id


def in_given_order(
    facts: list[AlignedFact], conflicts: list[Conflict], position: dict[str, int]
) -> tuple[list[AlignedFact], list[Conflict]]:
    """The facts and conflicts of a canonical alignment, listed by the documents' given order."""

    def first_seen(fact: AlignedFact) -> tuple[int, int]:
        return min((position[m.document], m.start) for m in fact.mentions)

    reordered = [_listed(fact, position) for fact in facts]
    in_conflict = {side.fact for conflict in conflicts for side in conflict.sides}
    order = sorted(
        range(len(reordered)),
        key=lambda i: (
            0 if i in in_conflict else STATUS_ORDER[reordered[i].status],
            KIND_ORDER[reordered[i].kind],
            first_seen(reordered[i]),
        ),
    )
    new_index = {old: new for new, old in enumerate(order)}
    listed_conflicts = []
    for conflict in conflicts:
        sides = sorted(
            (
                replace(
                    side,
                    documents=tuple(sorted(side.documents, key=position.__getitem__)),
                    fact=new_index[side.fact],
                )
                for side in conflict.sides
            ),
            key=lambda side: (-len(side.documents), side.fact),
        )
        listed_conflicts.append(replace(conflict, sides=sides))
    listed_conflicts.sort(key=lambda conflict: min(side.fact for side in conflict.sides))
    return [reordered[i] for i in order], listed_conflicts


def context_nouns(fact: Fact, context: AnalysisContext | None = None) -> frozenset[str]:
    """Known counted nouns of the fact's sentence other than the one the fact counts."""
    sentence = fact.sentence
    own = attrs_as(QuantityAttrs, fact).lemma
    found = find_nouns(sentence.text, sentence.language, context)
    return frozenset(lemma for _, _, lemma in found if lemma != own)


def _listed(fact: AlignedFact, position: dict[str, int]) -> AlignedFact:
    mentions = sorted(fact.mentions, key=lambda m: (position[m.document], m.start, m.end))
    # Only the listing follows the given order: the value shown (a quote's words, its direct
    # flag) was chosen on all sources in the canonical order (``align``).
    return replace(fact, documents=sorted(fact.documents, key=position.__getitem__), mentions=mentions)


def unrelated_document_warnings(
    documents: Sequence[Document], overlap: dict[tuple[int, int], int]
) -> list[str]:
    """Warn about documents that share (almost) no facts with any other document."""
    if len(documents) < 2:
        return []
    warnings = []
    for index, document in enumerate(documents):
        best = max(
            overlap.get((min(index, j), max(index, j)), 0) for j in range(len(documents)) if j != index
        )
        if best < MIN_SHARED_FACTS:
            warnings.append(
                f"{document.id} shares {_count(best)} with the other sources: "
                "it may not report the same event"
            )
    return warnings


def _count(n: int) -> str:
    return "no fact" if n == 0 else ("only 1 fact" if n == 1 else f"only {n} facts")


__all__ = ["compare_documents"]

"""Alignment of facts across documents, statuses and conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from ..encode import Encoder, default_encoder
from ..extract.numbers import find_nouns
from ..model import Comparison, Document, Fact
from ..pipeline import undated_warnings
from .align import align
from .entities import harmonise_entities

# Below this many shared non-entity facts, a document probably reports another event.
MIN_SHARED_FACTS = 2


def compare_documents(documents: Sequence[Document], encoder: Encoder | None = None) -> Comparison:
    """Compare several analysed documents fact by fact."""
    encoder = encoder or default_encoder()
    documents = list(documents)
    harmonise_entities(documents, encoder)
    alignment = align(documents, encoder.encode, context_nouns)
    warnings = undated_warnings(documents) + unrelated_document_warnings(documents, alignment.overlap)
    return Comparison(
        documents=documents, facts=alignment.facts, conflicts=alignment.conflicts, warnings=warnings
    )


def context_nouns(fact: Fact) -> frozenset[str]:
    """Known counted nouns of the fact's sentence other than the one the fact counts."""
    sentence = fact.sentence
    own = fact.attrs.get("lemma")
    return frozenset(lemma for _, _, lemma in find_nouns(sentence.text, sentence.language) if lemma != own)


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

"""The stable JSON contract (schema 1) of ``compare --json`` and ``extract --json``."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from ..model import AlignedFact, Comparison, Document, Fact, QuoteAttrs

SCHEMA_VERSION = 1


def document_record(document: Document) -> dict[str, Any]:
    article = document.article
    return {
        "id": article.id,
        "language": article.language,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "url": article.url,
        "format": article.format,
        "encoding": article.encoding,
    }


def json_value(value: Any) -> Any:
    """Numbers as JSON numbers (integral floats as integers), everything else unchanged."""
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    return value


def mention_record(fact: Fact) -> dict[str, Any]:
    record: dict[str, Any] = {
        "document": fact.document,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "sentence": fact.sentence.text,
        "sentence_start": fact.sentence.start,
        "sentence_end": fact.sentence.end,
    }
    if isinstance(fact.attrs, QuoteAttrs):
        if fact.attrs.speaker_text:
            record["speaker_text"] = fact.attrs.speaker_text
        # Each source's own form: a statement one quotes and another reports stays told apart.
        record["direct"] = fact.attrs.direct
    return record


def _kind_fields(kind: str, type_: str | None, speaker: str | None, direct: bool | None) -> dict[str, Any]:
    if kind == "entity":
        return {"type": type_}
    if kind == "quote":
        return {"speaker": speaker, "direct": direct}
    return {}


def qualifier_fields(qualifier: str | None) -> dict[str, Any]:
    """The contract's qualifier, whose values are fixed; a target ("to reach X") is none of them.

    A target is a goal rather than a bound on the figure, so the contract field stays null and an
    extra field says what the figure is.
    """
    if qualifier == "target":
        return {"qualifier": None, "target": True}
    return {"qualifier": qualifier}


def fact_record(fact: Fact) -> dict[str, Any]:
    """One document's fact, without a status (the ``extract`` contract)."""
    record: dict[str, Any] = {
        "kind": fact.kind,
        "value": json_value(fact.value),
        "unit": fact.unit,
        **qualifier_fields(fact.qualifier),
        "documents": [fact.document],
        "mentions": [mention_record(fact)],
    }
    direct = fact.attrs.direct if isinstance(fact.attrs, QuoteAttrs) else None
    record.update(_kind_fields(fact.kind, fact.type, fact.speaker, direct))
    record.update(_extra_fields(fact))
    return record


def _extra_fields(fact: Fact) -> dict[str, Any]:
    """Attributes worth keeping for users beyond the contract's fields."""
    keep = ("number", "scale", "currency", "noun", "lemma", "resolved", "granularity", "title", "range")
    keep += ("per", "age")  # a rate's period ("per year") and an age ("aged 40") change what the figure says
    attrs = fact.attrs.as_dict()
    return {key: json_value(attrs[key]) for key in keep if attrs.get(key) is not None}


def aligned_record(fact: AlignedFact) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": fact.kind,
        "value": json_value(fact.value),
        "unit": fact.unit,
        **qualifier_fields(fact.qualifier),
        "status": fact.status,
        "documents": list(fact.documents),
        "mentions": [mention_record(m) for m in fact.mentions],
        "about": fact.about,
    }
    if fact.per:
        record["per"] = fact.per
    record.update(_kind_fields(fact.kind, fact.type, fact.speaker, fact.direct))
    return record


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "documents": [document_record(d) for d in comparison.documents],
        "facts": [aligned_record(f) for f in comparison.facts],
        "conflicts": [
            {
                "about": conflict.about,
                "values": [
                    {
                        "value": json_value(side.value),
                        "unit": side.unit,
                        "documents": list(side.documents),
                        "fact": side.fact,
                    }
                    for side in conflict.sides
                ],
            }
            for conflict in comparison.conflicts
        ],
        "warnings": list(comparison.warnings),
        "aliases": dict(comparison.aliases) or None,
    }


def extraction_record(
    documents: Sequence[Document],
    warnings: Sequence[str] = (),
    aliases: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "documents": [document_record(d) for d in documents],
        "facts": [fact_record(f) for d in documents for f in d.facts],
        "warnings": list(warnings),
        "aliases": aliases,
    }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)

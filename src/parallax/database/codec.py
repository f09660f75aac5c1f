"""Documents to and from JSON, so a stored article never needs re-extracting to be compared."""

from __future__ import annotations

import json
from typing import Any

from ..model import Article, Block, Cleaning, Document, Fact, Mention, Removed, Sentence


def analysis_to_json(document: Document) -> str:
    record = {
        "cleaning": {
            "blocks": [[b.start, b.end, b.kind] for b in document.cleaning.blocks],
            "removed": [[r.start, r.end, r.text, r.reason] for r in document.cleaning.removed],
            "title": document.cleaning.title,
            "dateline": document.cleaning.dateline,
            "published": document.cleaning.published,
        },
        "sentences": [[s.start, s.end, s.language, s.block] for s in document.sentences],
        "facts": [
            [f.kind, f.value, f.unit, f.qualifier, f.start, f.end, f.sentence.index, f.attrs.as_dict()]
            for f in document.facts
        ],
        # Offsets into the stripped title; absent from analyses stored before version 5.
        "headline_names": [
            [m.kind, m.value, m.unit, m.qualifier, m.start, m.end, m.attrs.as_dict()]
            for m in document.headline_names
        ],
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def analysis_from_json(article: Article, payload: str) -> Document:
    record = json.loads(payload)
    cleaning_record = record["cleaning"]
    cleaning = Cleaning(
        blocks=[Block(start, end, kind) for start, end, kind in cleaning_record["blocks"]],
        removed=[
            Removed(start, end, text, reason) for start, end, text, reason in cleaning_record["removed"]
        ],
        title=cleaning_record.get("title"),
        dateline=cleaning_record.get("dateline"),
        published=cleaning_record.get("published"),
    )
    text = article.text
    sentences = [
        Sentence(article.id, index, start, end, text[start:end], language, block)
        for index, (start, end, language, block) in enumerate(record["sentences"])
    ]
    facts = [
        Fact(
            article.id, kind, value, unit, qualifier, start, end, text[start:end], sentences[sentence], attrs
        )
        for kind, value, unit, qualifier, start, end, sentence, attrs in record["facts"]
    ]
    title = (article.title or "").strip()
    names = [
        Mention(kind, start, end, title[start:end], value, unit, qualifier, attrs)
        for kind, value, unit, qualifier, start, end, attrs in record.get("headline_names", [])
    ]
    return Document(article, cleaning, sentences, facts, headline_names=names)

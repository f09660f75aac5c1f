"""Finding stories: listing with filters, and free-text search in any language.

A search combines three kinds of evidence: the query's words in any script (the store's
trigram full text), the entities it names in any spelling (detected and matched to canonical
anchors, as articles' entities are), and, across languages, its meaning (the encoder's vector
against the articles' title + lead in the vector index). This module puts them together; the
SQL is in ``parallax.database.queries``.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from .calibration import SEARCH_MIN_COSINE
from .database import Database
from .database.queries import StoryInfo, articles_with_anchors, full_text_matches, list_stories
from .detect import detect_language
from .encode import Encoder
from .extract.entities import find_entities
from .link.features import entity_anchor
from .model import EntityAttrs, attrs_as

SEMANTIC_CANDIDATES = 50


class Neighbours(Protocol):
    def search_all(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]: ...


class Searchable(Protocol):
    """What a search needs of an open store: its database, its encoder and its vector index."""

    db: Database

    @property
    def encoder(self) -> Encoder: ...

    @property
    def index(self) -> Neighbours: ...


def story_rows(
    store: Searchable,
    *,
    story: str | None = None,
    language: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoryInfo]:
    """Stories, newest first (by last publication), each with its members in publication order;
    with ``q``, only the stories holding an article the query matches."""
    matches = search_articles(store, q) if q else None
    return list_stories(
        store.db.db, story=story, language=language, outlet=outlet, since=since, until=until,
        matches=matches, limit=limit, offset=offset,
    )


def search_articles(store: Searchable, q: str) -> set[int]:
    """Articles matching ``q``: all its words in any script (trigram full text), the entities
    it names in any spelling (canonical anchors), and, across languages, title + lead meaning."""
    found = full_text_matches(store.db.db, q)
    found |= articles_with_anchors(store.db.db, entity_anchors(q))
    return found | semantic_matches(store, q)


def entity_anchors(q: str) -> list[str]:
    """The canonical anchors of the entities a query names, in any language or script."""
    mentions = find_entities(q, detect_language(q))
    return sorted({entity_anchor(m.value, attrs_as(EntityAttrs, m).type) for m in mentions if m.value})


def semantic_matches(store: Searchable, q: str) -> set[int]:
    """Articles whose title + lead means about what the query does, in any language."""
    if store.db.embedding_state()[0] == 0:
        return set()
    vector = store.encoder.encode([q])[0]
    return {
        rowid
        for rowid, cosine in store.index.search_all(vector, SEMANTIC_CANDIDATES)
        if cosine >= SEARCH_MIN_COSINE
    }


__all__ = ["StoryInfo", "entity_anchors", "search_articles", "semantic_matches", "story_rows"]

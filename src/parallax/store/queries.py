"""Read queries over stories: listing with filters, and free-text search in any language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..link.features import entity_anchor
from ..link.gist import entity_key, gist_text, key_anchors

if TYPE_CHECKING:
    from ..collection import Store, StoryInfo

SEMANTIC_MIN = 0.86  # a query's e5 vector this close to an article's title + lead matches it
SEMANTIC_CANDIDATES = 50


def search_articles(store: Store, q: str) -> set[int]:
    """Articles matching ``q``: all its words in any script (trigram full text), the entities
    it names in any spelling (canonical anchors), and, across languages, title + lead meaning."""
    found = _full_text_matches(store, q)
    anchors = _entity_anchors(q)
    if anchors:
        marks = ",".join("?" * len(anchors))
        rows = store.db.db.execute(f"SELECT DISTINCT article FROM anchors WHERE anchor IN ({marks})", anchors)
        found |= {r[0] for r in rows}
    return found | _semantic_matches(store, q)


def _full_text_matches(store: Store, q: str) -> set[int]:
    words = [w for w in regex.split(r"\s+", q.strip()) if w]
    long_words = [w for w in words if len(w) >= 3]
    db = store.db.db
    if long_words:
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
        return {
            r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (match,))
        }
    if not words:
        return set()
    like = f"%{q.strip()}%"
    return {
        r[0] for r in db.execute("SELECT rowid FROM articles WHERE title LIKE ? OR text LIKE ?", (like, like))
    }


def _entity_anchors(q: str) -> list[str]:
    from ..detect import detect_language
    from ..extract.entities import find_entities

    mentions = find_entities(q, detect_language(q))
    return sorted({entity_anchor(m.value, m.attrs.get("type")) for m in mentions if m.value})


def _semantic_matches(store: Store, q: str) -> set[int]:
    if store.db.embedding_state()[0] == 0:
        return set()
    vector = store.encoder.encode([q])[0]
    return {
        rowid
        for rowid, cosine in store.index.search_all(vector, SEMANTIC_CANDIDATES)
        if cosine >= SEMANTIC_MIN
    }


def story_rows(
    store: Store,
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
    """Stories, newest first (by last publication), each with its members in publication order."""
    from ..collection import StoryInfo

    where, params = [], []
    if story:
        where.append("m.story = ?")
        params.append(story)
    for column, value in (("language", language), ("outlet", outlet)):
        if value:
            where.append(
                "m.story IN (SELECT m2.story FROM story_members m2 JOIN articles a2 ON a2.rowid = m2.article"
                f" WHERE a2.{column} = ?)"
            )
            params.append(value)
    if q:
        matches = sorted(search_articles(store, q))
        if not matches:
            return []
        where.append(
            f"m.story IN (SELECT story FROM story_members WHERE article IN ({','.join('?' * len(matches))}))"
        )
        params += matches
    having, having_params = [], []
    if since:
        having.append("MAX(COALESCE(a.published, '')) >= ?")
        having_params.append(since)
    if until:
        having.append("MIN(COALESCE(a.published, '9999')) <= ?")
        having_params.append(until + "\uffff")
    sql = (
        "SELECT m.story, MAX(COALESCE(a.published, '')) AS last FROM story_members m"
        " JOIN articles a ON a.rowid = m.article"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY m.story"
        + (" HAVING " + " AND ".join(having) if having else "")
        + " ORDER BY last DESC, m.story"
        + (" LIMIT ? OFFSET ?" if limit is not None else "")
    )
    tail = [limit, offset] if limit is not None else []
    story_ids = [r[0] for r in store.db.db.execute(sql, [*params, *having_params, *tail])]
    return [_story_info(store, s, StoryInfo) for s in story_ids]


def _story_info(store: Store, story: str, factory) -> StoryInfo:
    rows = store.db.db.execute(
        "SELECT a.id, a.language, a.outlet, a.published, a.title FROM story_members m"
        " JOIN articles a ON a.rowid = m.article WHERE m.story = ?"
        " ORDER BY COALESCE(a.published, '9999'), a.id",
        (story,),
    ).fetchall()
    published = [r[3] for r in rows if r[3]]
    return factory(
        id=story,
        documents=[r[0] for r in rows],
        languages=sorted({r[1] for r in rows if r[1]}),
        outlets=sorted({r[2] for r in rows if r[2]}),
        title=next((r[4] for r in rows if r[4]), None),
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        gist=story_gist_of(store, story),
        undated=[r[0] for r in rows if not r[3]],
    )


def story_gist_of(store: Store, story: str) -> str:
    """The story's key names and figure (link/gist.py) from the indexed anchors of its members.

    Anchors keep names casefolded; each shown name's spelling is found in the stored analysis
    of one article that carries it (a text search, not a decoding: listing stays fast).
    """
    db = store.db.db
    anchor_sets: dict[int, set[str]] = {}
    for article, anchor in db.execute(
        "SELECT x.article, x.anchor FROM story_members m JOIN anchors x ON x.article = m.article"
        " WHERE m.story = ?",
        (story,),
    ):
        anchor_sets.setdefault(article, set()).add(anchor)
    entities, figures = key_anchors(list(anchor_sets.values()))
    for anchor in entities:
        key = entity_key(anchor)
        if key not in _SPELLINGS:
            article = min(a for a, anchors in anchor_sets.items() if anchor in anchors)
            spelled = _stored_spelling(db, article, key)
            if spelled:
                if len(_SPELLINGS) >= MAX_SPELLINGS:
                    _SPELLINGS.clear()
                _SPELLINGS[key] = spelled
    return gist_text(entities, figures, _SPELLINGS)


# A canonical name is spelled the same in every store: remembered once found, for every listing.
_SPELLINGS: dict[str, str] = {}
MAX_SPELLINGS = 20_000


def _stored_spelling(db, article: int, key: str) -> str | None:
    """How the article's analysis spells a canonical name, given the name casefolded."""
    row = db.execute("SELECT analysis FROM articles WHERE rowid = ?", (article,)).fetchone()
    if not row:
        return None
    pattern = regex.compile(r'"(' + regex.escape(key) + r')"', regex.IGNORECASE | regex.FULLCASE)
    for found in pattern.finditer(row[0]):
        if found.group(1).casefold() == key:
            return found.group(1)
    return None

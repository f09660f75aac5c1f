"""Read queries over stories: listing with filters, full-text and anchor matches.

Pure SQL over the store. What a free-text search means (which entities a query names, its
meaning across languages) is decided above, in ``parallax.search``, which hands the matching
article rowids to :func:`list_stories`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field

import regex

from ..link.gist import entity_key, gist_text, key_anchors


@dataclass
class StoryInfo:
    id: str
    documents: list[str]
    languages: list[str]
    outlets: list[str]
    title: str | None
    first_seen: str | None
    last_seen: str | None
    conflicts: int | None = None
    gist: str | None = None  # key names and figure in Latin letters (link/gist.py)
    # Articles without a publication date: linked on the dates their text names, or on strong evidence.
    undated: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        record = {
            "id": self.id,
            "documents": self.documents,
            "languages": self.languages,
            "outlets": self.outlets,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "undated": self.undated,
        }
        if self.conflicts is not None:
            record["conflicts"] = self.conflicts
        if self.gist is not None:
            record["gist"] = self.gist
        return record


def full_text_matches(db: sqlite3.Connection, q: str) -> set[int]:
    """Articles holding all the words of ``q`` in any script (trigram full text); a query of
    short words only is looked for as a substring of titles and texts."""
    words = [w for w in regex.split(r"\s+", q.strip()) if w]
    long_words = [w for w in words if len(w) >= 3]
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


def articles_with_anchors(db: sqlite3.Connection, anchors: Collection[str]) -> set[int]:
    """Articles carrying any of ``anchors``."""
    if not anchors:
        return set()
    marks = ",".join("?" * len(anchors))
    rows = db.execute(f"SELECT DISTINCT article FROM anchors WHERE anchor IN ({marks})", list(anchors))
    return {r[0] for r in rows}


def list_stories(
    db: sqlite3.Connection,
    *,
    story: str | None = None,
    language: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    matches: Collection[int] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoryInfo]:
    """Stories, newest first (by last publication), each with its members in publication order.

    ``matches``: when given, only stories holding one of these articles (a search's answer).
    """
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
    if matches is not None:
        wanted = sorted(matches)
        if not wanted:
            return []
        where.append(
            f"m.story IN (SELECT story FROM story_members WHERE article IN ({','.join('?' * len(wanted))}))"
        )
        params += wanted
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
    story_ids = [r[0] for r in db.execute(sql, [*params, *having_params, *tail])]
    return [_story_info(db, s) for s in story_ids]


def _story_info(db: sqlite3.Connection, story: str) -> StoryInfo:
    rows = db.execute(
        "SELECT a.id, a.language, a.outlet, a.published, a.title FROM story_members m"
        " JOIN articles a ON a.rowid = m.article WHERE m.story = ?"
        " ORDER BY COALESCE(a.published, '9999'), a.id",
        (story,),
    ).fetchall()
    published = [r[3] for r in rows if r[3]]
    return StoryInfo(
        id=story,
        documents=[r[0] for r in rows],
        languages=sorted({r[1] for r in rows if r[1]}),
        outlets=sorted({r[2] for r in rows if r[2]}),
        title=next((r[4] for r in rows if r[4]), None),
        first_seen=min(published) if published else None,
        last_seen=max(published) if published else None,
        gist=story_gist_of(db, story),
        undated=[r[0] for r in rows if not r[3]],
    )


def story_gist_of(db: sqlite3.Connection, story: str) -> str:
    """The story's key names and figure (link/gist.py) from the indexed anchors of its members.

    Anchors keep names casefolded; each shown name's spelling is found in the stored analysis
    of one article that carries it (a text search, not a decoding: listing stays fast).
    """
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


def _stored_spelling(db: sqlite3.Connection, article: int, key: str) -> str | None:
    """How the article's analysis spells a canonical name, given the name casefolded."""
    row = db.execute("SELECT analysis FROM articles WHERE rowid = ?", (article,)).fetchone()
    if not row:
        return None
    pattern = regex.compile(r'"(' + regex.escape(key) + r')"', regex.IGNORECASE | regex.FULLCASE)
    for found in pattern.finditer(row[0]):
        if found.group(1).casefold() == key:
            return found.group(1)
    return None

"""The story tables: which story holds each article, links, aliases of merged stories, corrections.

Every function works inside the caller's write transaction (``db`` is its connection).
``StoryTables`` offers them as the linker's ``link.ports.StoryRecords``: the linker decides which
articles go together, this module keeps the rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .clock import now


def story_of(db: sqlite3.Connection, rowid: int) -> str | None:
    row = db.execute("SELECT story FROM story_members WHERE article = ?", (rowid,)).fetchone()
    return row[0] if row else None


def story_members(db: sqlite3.Connection, story: str) -> set[int]:
    return {int(r[0]) for r in db.execute("SELECT article FROM story_members WHERE story = ?", (story,))}


def create_story(db: sqlite3.Connection, wanted: str) -> str:
    story, n = wanted, 1
    while (
        db.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone()
        or db.execute("SELECT 1 FROM story_aliases WHERE old = ?", (story,)).fetchone()
    ):
        n += 1
        story = f"{wanted}-{n}"
    stamp = now()
    db.execute("INSERT INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)", (story, stamp, stamp))
    return story


def set_member(db: sqlite3.Connection, rowid: int, story: str) -> None:
    previous = story_of(db, rowid)
    db.execute(
        "INSERT INTO story_members (article, story) VALUES (?, ?)"
        " ON CONFLICT (article) DO UPDATE SET story = excluded.story",
        (rowid, story),
    )
    touch(db, story)
    if previous and previous != story:
        touch(db, previous)
        drop_if_empty(db, previous)


def touch(db: sqlite3.Connection, story: str) -> None:
    db.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now(), story))
    db.execute("DELETE FROM comparisons WHERE story = ?", (story,))


def drop_if_empty(db: sqlite3.Connection, story: str) -> None:
    if not db.execute("SELECT 1 FROM story_members WHERE story = ? LIMIT 1", (story,)).fetchone():
        db.execute("DELETE FROM comparisons WHERE story = ?", (story,))
        db.execute("DELETE FROM stories WHERE id = ?", (story,))


def merge_stories(db: sqlite3.Connection, a: str, b: str) -> str:
    """Merge two stories; the older keeps its id, the other becomes an alias of it."""
    # rowid order is creation order, finer than any timestamp.
    created = dict(db.execute("SELECT id, rowid FROM stories WHERE id IN (?, ?)", (a, b)).fetchall())
    keep, gone = sorted((a, b), key=lambda s: (created.get(s, 0), s))
    db.execute("UPDATE story_members SET story = ? WHERE story = ?", (keep, gone))
    db.execute("UPDATE story_aliases SET new = ? WHERE new = ?", (keep, gone))
    db.execute("INSERT OR REPLACE INTO story_aliases (old, new) VALUES (?, ?)", (gone, keep))
    db.execute("DELETE FROM comparisons WHERE story IN (?, ?)", (keep, gone))
    db.execute("DELETE FROM stories WHERE id = ?", (gone,))
    touch(db, keep)
    return keep


def resolve_story(db: sqlite3.Connection, story: str) -> str | None:
    """The current id of a story, following aliases of merged stories."""
    if db.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
        return story
    row = db.execute("SELECT new FROM story_aliases WHERE old = ?", (story,)).fetchone()
    return row[0] if row else None


def save_link(db: sqlite3.Connection, a: int, b: int, score: float) -> None:
    db.execute("INSERT OR REPLACE INTO links (a, b, score) VALUES (?, ?, ?)", (min(a, b), max(a, b), score))


# -- corrections ------------------------------------------------------------------------------


def record_correction(db: sqlite3.Connection, kind: str, together=(), apart=()) -> None:
    payload = {
        "together": [sorted(group) for group in together],
        "apart": [[sorted(left), sorted(right)] for left, right in apart],
    }
    db.execute(
        "INSERT INTO corrections (kind, payload, created_at) VALUES (?, ?, ?)",
        (kind, json.dumps(payload), now()),
    )


def corrections(db: sqlite3.Connection) -> list[dict]:
    """Every recorded correction, in the order analysts made them."""
    return [json.loads(payload) for (payload,) in db.execute("SELECT payload FROM corrections ORDER BY seq")]


def earliest_article(db: sqlite3.Connection, rowids: Iterable[int]) -> str:
    """The id of the first of ``rowids`` in (published, id) order."""
    wanted = list(rowids)
    row = db.execute(
        f"SELECT id FROM articles WHERE rowid IN ({','.join('?' * len(wanted))})"
        " ORDER BY COALESCE(published, '9999'), id LIMIT 1",
        wanted,
    ).fetchone()
    return row[0]


def processing_order(db: sqlite3.Connection) -> list[int]:
    """Every article, in the deterministic order relinking follows: (published, id)."""
    rows = db.execute("SELECT rowid FROM articles ORDER BY COALESCE(published, '9999'), id")
    return [int(r[0]) for r in rows]


# -- relinking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetAside:
    """The story tables as they were before a relink: members by story, and the aliases."""

    members: dict[str, set[int]]
    aliases: dict[str, str]


def set_stories_aside(db: sqlite3.Connection) -> SetAside:
    """Empty the story tables for a relink. Aliases are set aside too, so that a story opened
    again by the article that opened it before gets its own id back, not a suffixed one."""
    saved = SetAside(_members_by_story(db), dict(db.execute("SELECT old, new FROM story_aliases").fetchall()))
    for table in ("story_aliases", "story_members", "comparisons", "stories", "links"):
        db.execute(f"DELETE FROM {table}")
    return saved


def keep_old_story_ids(db: sqlite3.Connection, saved: SetAside) -> None:
    """Old story ids that no longer exist become aliases of the story now holding most of their
    articles; earlier aliases follow their target to where it is now."""
    _alias_vanished_stories(db, saved.members)
    _restore_aliases(db, saved.aliases)


def _members_by_story(db: sqlite3.Connection) -> dict[str, set[int]]:
    members: dict[str, set[int]] = {}
    for story, article in db.execute("SELECT story, article FROM story_members"):
        members.setdefault(story, set()).add(int(article))
    return members


def _alias_vanished_stories(db: sqlite3.Connection, old_members: dict[str, set[int]]) -> None:
    for old, members in old_members.items():
        if db.execute("SELECT 1 FROM stories WHERE id = ?", (old,)).fetchone():
            db.execute("DELETE FROM story_aliases WHERE old = ?", (old,))
            continue
        votes: dict[str, int] = {}
        for rowid in members:
            story = story_of(db, rowid)
            if story:
                votes[story] = votes.get(story, 0) + 1
        if votes:
            new = max(sorted(votes), key=lambda s: votes[s])
            db.execute("INSERT OR REPLACE INTO story_aliases (old, new) VALUES (?, ?)", (old, new))


def _restore_aliases(db: sqlite3.Connection, old_aliases: dict[str, str]) -> None:
    """Earlier aliases that are not stories again follow their target to where it is now."""
    for old, new in sorted(old_aliases.items()):
        if db.execute("SELECT 1 FROM stories WHERE id = ?", (old,)).fetchone():
            continue
        target = resolve_story(db, new)
        if target and target != old:
            db.execute("INSERT OR IGNORE INTO story_aliases (old, new) VALUES (?, ?)", (old, target))


class StoryTables:
    """The story tables of one write transaction, as the linker asks for them (StoryRecords)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def story_of(self, rowid: int) -> str | None:
        return story_of(self.db, rowid)

    def story_members(self, story: str) -> set[int]:
        return story_members(self.db, story)

    def create_story(self, wanted: str) -> str:
        return create_story(self.db, wanted)

    def set_member(self, rowid: int, story: str) -> None:
        set_member(self.db, rowid, story)

    def merge_stories(self, a: str, b: str) -> str:
        return merge_stories(self.db, a, b)

    def save_link(self, a: int, b: int, score: float) -> None:
        save_link(self.db, a, b, score)

    def earliest_article(self, rowids: Iterable[int]) -> str:
        return earliest_article(self.db, rowids)

    def processing_order(self) -> list[int]:
        return processing_order(self.db)

    def corrections(self) -> list[dict]:
        return corrections(self.db)

    def set_stories_aside(self) -> SetAside:
        return set_stories_aside(self.db)

    def keep_old_story_ids(self, set_aside: object) -> None:
        assert isinstance(set_aside, SetAside)
        keep_old_story_ids(self.db, set_aside)

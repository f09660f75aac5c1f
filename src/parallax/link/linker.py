"""Incremental story linking over the store.

An article is linked when it is ingested: candidates come from the vector index (nearest
title + lead embeddings in the weeks around its publication day) and from the anchor index
(articles sharing a language-neutral anchor inside the time window), never from all pairs.
Each accepted link joins two stories; an article that links into two stories merges them,
the older story keeping its id and the absorbed id answering as an alias.

Analysts' corrections (merge, split, move) are kept in the store and constrain every later
link, and ``relink`` rebuilds all stories from scratch, in (published, id) order, with them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..store import Database, now
from .features import NO_DAY, Features, anchor_weight
from .index import VectorIndex
from .score import SETTINGS, LinkSettings, PairScore, anchor_weigher, score_pair

# An anchor in more than this share of all articles is too common to fetch candidates by.
COMMON_ANCHOR_SHARE = 0.002
FEATURE_CACHE = 50_000
FREQUENCY_CACHE = 500_000


def story_id_for(article_id: str) -> str:
    """A story's id, derived from the article that opened it (deterministic across runs and Spark)."""
    return "s" + hashlib.blake2b(article_id.encode("utf-8"), digest_size=5).hexdigest()


@dataclass
class Constraints:
    """The pairs of articles analysts' corrections keep apart, as of the latest correction.

    A split or a move forbids pairs; a later merge or move that puts articles together lifts
    the ban between them, so the newest correction always wins.
    """

    forbidden: set[tuple[int, int]] = field(default_factory=set)

    def keep_apart(self, left: Iterable[int], right: Iterable[int]) -> None:
        right = list(right)
        self.forbidden |= {(min(a, b), max(a, b)) for a in left for b in right if a != b}

    def put_together(self, group: Iterable[int]) -> None:
        group = set(group)
        self.forbidden = {pair for pair in self.forbidden if not (pair[0] in group and pair[1] in group)}

    def forbids(self, members_a: set[int], members_b: set[int]) -> bool:
        if not self.forbidden:
            return False
        return any((min(a, b), max(a, b)) in self.forbidden for a in members_a for b in members_b)

    def apply(self, record: dict) -> None:
        for left, right in record.get("apart", []):
            self.keep_apart(left, right)
        for group in record.get("together", []):
            self.put_together(group)


def load_constraints(db: sqlite3.Connection) -> Constraints:
    constraints = Constraints()
    for (payload,) in db.execute("SELECT payload FROM corrections ORDER BY seq"):
        constraints.apply(json.loads(payload))
    return constraints


class Linker:
    """Links articles of one store into stories."""

    def __init__(self, store: Database, index: VectorIndex, settings: LinkSettings = SETTINGS) -> None:
        self.store = store
        self.index = index
        self.settings = settings
        self.constraints = load_constraints(store.db)
        # Recent articles are everyone's candidates: their features and the counts of their
        # anchors are kept in memory for the length of one linking run.
        self._features: OrderedDict[int, Features] = OrderedDict()
        self._frequencies: dict[str, int] = {}

    def _remember(self, features: Features) -> None:
        self._features[features.rowid] = features
        self._features.move_to_end(features.rowid)
        while len(self._features) > FEATURE_CACHE:
            self._features.popitem(last=False)

    def note_new_article(self, features: Features) -> None:
        """Count a just-stored article's anchors in the cached frequencies (the store has them)."""
        for anchor in features.anchors:
            if anchor in self._frequencies:
                self._frequencies[anchor] += 1
        self._remember(features)

    def frequencies(self, anchors: Iterable[str]) -> dict[str, int]:
        anchors = list(anchors)
        missing = [a for a in anchors if a not in self._frequencies]
        if missing:
            found = self.store.anchor_frequencies(missing)
            for anchor in missing:
                self._frequencies[anchor] = found.get(anchor, 0)
            if len(self._frequencies) > FREQUENCY_CACHE:
                self._frequencies = {a: self._frequencies[a] for a in anchors}
        return self._frequencies

    # -- candidates and scores ----------------------------------------------------------------

    def candidates(self, features: Features) -> set[int]:
        """Earlier articles worth scoring: nearest neighbours plus anchor postings in the window.

        Anchors carried by a large share of the store ("Kazakhstan") would bring thousands of
        postings; they still weigh in the score, but candidates come from the rarer anchors
        and the vector index.
        """
        found: set[int] = set()
        if features.vector is not None:
            neighbours = self.index.search(
                features.vector, features.day, self.settings.window_days, self.settings.candidates
            )
            found |= {rowid for rowid, _ in neighbours}
        first, last = _window(features.day, self.settings.window_days)
        frequencies = self.frequencies(features.anchors)
        common = max(self.settings.anchor_postings, int(self.store.size() * COMMON_ANCHOR_SHARE))
        from_anchors: set[int] = set()
        # Rarest anchors first: they say most, and the total is capped, so the work per article
        # stays flat however large the store grows.
        evidence = [a for a in features.anchors if anchor_weight(a) > 0]
        for anchor in sorted(evidence, key=lambda a: (frequencies.get(a, 0), a)):
            if frequencies.get(anchor, 0) > common or len(from_anchors) >= self.settings.anchor_candidates:
                break
            from_anchors.update(
                self.store.articles_with_anchor(anchor, first, last, self.settings.anchor_postings)
            )
        found |= from_anchors
        found.discard(features.rowid)
        return found

    def stored_features(self, rowids: Iterable[int]) -> list[Features]:
        """The linking features of stored articles: from memory, the rest in three queries."""
        rowids = list(rowids)
        known = {r: self._features[r] for r in rowids if r in self._features}
        for features in self.store.link_features([r for r in rowids if r not in known]):
            known[features.rowid] = features
            self._remember(features)
        return [known[r] for r in rowids if r in known]

    def scored_links(
        self, features: Features, candidates: list[Features]
    ) -> list[tuple[Features, PairScore]]:
        anchors = set(features.anchors).union(*(c.anchors for c in candidates)) if candidates else set()
        weight_of = anchor_weigher(self.frequencies(anchors), max(self.store.size(), 1))
        accepted = []
        for candidate in candidates:
            score = score_pair(features, candidate, weight_of, self.settings)
            if score is not None and score.accepted(self.settings):
                accepted.append((candidate, score))
        accepted.sort(key=lambda item: (-item[1].score, item[0].order))
        return accepted

    # -- assignment ---------------------------------------------------------------------------

    def link(self, db: sqlite3.Connection, features: Features) -> str:
        """Assign a stored article to a story (inside the caller's transaction); returns the story id.

        The article, its embedding and its anchors must already be stored in that transaction.
        """
        self.note_new_article(features)
        return self.link_candidates(db, features, sorted(self.candidates(features)))

    def link_candidates(self, db: sqlite3.Connection, features: Features, candidate_rowids: list[int]) -> str:
        candidates = self.stored_features(candidate_rowids)
        links = self.scored_links(features, candidates)
        for candidate, score in links:
            key = (min(features.rowid, candidate.rowid), max(features.rowid, candidate.rowid))
            db.execute("INSERT OR REPLACE INTO links (a, b, score) VALUES (?, ?, ?)", (*key, score.score))
        stories = []
        for candidate, _ in links:
            story = story_of(db, candidate.rowid)
            if story and story not in stories:
                stories.append(story)
        return self._join(db, features, stories)

    def _join(self, db: sqlite3.Connection, features: Features, stories: list[str]) -> str:
        """Put the article in the best allowed story, merging the other allowed ones into it."""
        chosen: str | None = None
        own = {features.rowid}
        for story in stories:
            members = story_members(db, story)
            if self.constraints.forbids(own, members):
                continue
            if chosen is None:
                chosen = story
                own |= members
            elif not self.constraints.forbids(own, members):
                chosen = merge_stories(db, chosen, story)
                own |= members
        if chosen is None:
            chosen = create_story(db, story_id_for(features.article_id))
        set_member(db, features.rowid, chosen)
        return chosen


def _window(day: int, window_days: int) -> tuple[int, int]:
    if day == NO_DAY:
        return -(10**9), 10**9
    return day - window_days, day + window_days


# -- story rows -------------------------------------------------------------------------------


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


def new_story_for(db: sqlite3.Connection, rowids: Iterable[int]) -> str:
    """A fresh story opened by the earliest of ``rowids`` (in publication order)."""
    rows = db.execute(
        f"SELECT id FROM articles WHERE rowid IN ({','.join('?' * len(list(rowids)))})"
        " ORDER BY COALESCE(published, '9999'), id LIMIT 1",
        list(rowids),
    ).fetchone()
    return create_story(db, story_id_for(rows[0]))


def apply_together(db: sqlite3.Connection, group: Iterable[int], constraints: Constraints) -> None:
    stories = sorted({s for s in (story_of(db, r) for r in group) if s})
    keep = stories[0] if stories else None
    for other in stories[1:]:
        if not constraints.forbids(story_members(db, keep), story_members(db, other)):
            keep = merge_stories(db, keep, other)


def apply_apart(db: sqlite3.Connection, left: Iterable[int], right: Iterable[int]) -> None:
    """Move ``left`` articles out of any story they share with ``right`` articles."""
    left, right = set(left), set(right)
    for story in sorted({s for s in (story_of(db, r) for r in left) if s}):
        members = story_members(db, story)
        if members & right:
            moving = sorted(members & left)
            target = new_story_for(db, moving)
            for rowid in moving:
                set_member(db, rowid, target)


def replay_corrections(db: sqlite3.Connection) -> None:
    """Apply every recorded correction again, in the order analysts made them."""
    constraints = Constraints()
    for (payload,) in db.execute("SELECT payload FROM corrections ORDER BY seq").fetchall():
        record = json.loads(payload)
        constraints.apply(record)
        for left, right in record.get("apart", []):
            apply_apart(db, left, right)
        for group in record.get("together", []):
            apply_together(db, group, constraints)


# -- relinking --------------------------------------------------------------------------------


def processing_order(db: sqlite3.Connection) -> list[int]:
    """Every article, in the deterministic order relinking follows: (published, id)."""
    rows = db.execute("SELECT rowid FROM articles ORDER BY COALESCE(published, '9999'), id")
    return [int(r[0]) for r in rows]


def relink_all(linker: Linker, progress=None) -> None:
    """Rebuild every story from scratch, then replay analysts' corrections.

    Old story ids that no longer exist become aliases of the story now holding most of their
    articles, so links saved before the relink still resolve.
    """
    db = linker.store.db
    with linker.store.transaction():
        old_members = _members_by_story(db)
        # Aliases are set aside while relinking, so that a story opened again by the article
        # that opened it before gets its own id back, not a suffixed one.
        old_aliases = dict(db.execute("SELECT old, new FROM story_aliases").fetchall())
        db.execute("DELETE FROM story_aliases")
        db.execute("DELETE FROM story_members")
        db.execute("DELETE FROM comparisons")
        db.execute("DELETE FROM stories")
        db.execute("DELETE FROM links")
        order = processing_order(db)
        position = {rowid: i for i, rowid in enumerate(order)}
        for rowid in order:
            [features] = linker.stored_features([rowid])
            earlier = {
                c for c in linker.candidates(features) if position.get(c, len(order)) < position[rowid]
            }
            linker.link_candidates(db, features, sorted(earlier))
            if progress:
                progress(features.article_id)
        replay_corrections(db)
        _alias_vanished_stories(db, old_members)
        _restore_aliases(db, old_aliases)


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

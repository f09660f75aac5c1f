"""Incremental story linking over the store.

An article is linked when it is ingested: candidates come from the vector index (nearest
title + lead embeddings in the weeks around its publication day) and from the anchor index
(articles sharing a language-neutral anchor inside the time window), never from all pairs.
An article joins the story of its best link; a link of its own into another story merges
that story in only when it is strong (``joining_links``: one weak link is how two stories of
the same kind of event become one), the older story keeping its id and the absorbed id
answering as an alias.

Analysts' corrections (merge, split, move) are kept in the store and constrain every later
link, and ``relink`` rebuilds all stories from scratch, in (published, id) order, with them.

The linker decides; the store keeps. It reads and writes the store only through the protocols
of ``link.ports`` (which ``parallax.database`` implements), so it holds no SQL of its own.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .features import NO_DAY, Features, anchor_weight, is_supplementary
from .ports import StoredArticles, StoryRecords
from .score import SETTINGS, LinkSettings, PairScore, anchor_weigher, score_pair

if TYPE_CHECKING:
    from .index import VectorIndex  # the caller's index: usearch loads only where one is opened

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


def constraints_of(corrections: Iterable[dict]) -> Constraints:
    """The constraints of analysts' corrections, applied in the order they were made."""
    constraints = Constraints()
    for record in corrections:
        constraints.apply(record)
    return constraints


class Linker:
    """Links articles of one store into stories."""

    def __init__(self, store: StoredArticles, index: VectorIndex, settings: LinkSettings = SETTINGS) -> None:
        self.store = store
        self.index = index
        self.settings = settings
        self.constraints = constraints_of(store.corrections())
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
        evidence = [a for a in features.anchors if anchor_weight(a) > 0 and not is_supplementary(a)]
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

    def link(self, stories: StoryRecords, features: Features) -> str:
        """Assign a stored article to a story (inside the caller's transaction); returns the story id.

        The article, its embedding and its anchors must already be stored in that transaction.
        """
        self.note_new_article(features)
        return self.link_candidates(stories, features, sorted(self.candidates(features)))

    def link_candidates(self, stories: StoryRecords, features: Features, candidate_rowids: list[int]) -> str:
        candidates = self.stored_features(candidate_rowids)
        links = self.scored_links(features, candidates)
        for candidate, score in links:
            stories.save_link(features.rowid, candidate.rowid, score.score)
        joined = []
        for candidate, _ in joining_links(links, self.settings):
            story = stories.story_of(candidate.rowid)
            if story and story not in joined:
                joined.append(story)
        return self._join(stories, features, joined)

    def _join(self, stories: StoryRecords, features: Features, joined: list[str]) -> str:
        """Put the article in the best allowed story, merging the other allowed ones into it."""
        chosen: str | None = None
        own = {features.rowid}
        for story in joined:
            members = stories.story_members(story)
            if self.constraints.forbids(own, members):
                continue
            if chosen is None:
                chosen = story
                own |= members
            elif not self.constraints.forbids(own, members):
                chosen = stories.merge_stories(chosen, story)
                own |= members
        if chosen is None:
            chosen = stories.create_story(story_id_for(features.article_id))
        stories.set_member(features.rowid, chosen)
        return chosen


def joining_links(
    links: list[tuple[Features, PairScore]], settings: LinkSettings
) -> list[tuple[Features, PairScore]]:
    """The links that put an article in a story: its best, and those strong enough to merge.

    An article links into the story of its best link; a second story is merged in only through
    a link of its own at ``bridge_score`` or more. One weak link is how two stories of the same
    kind of event (two central banks' decisions in one week) end as one.
    """
    return [item for i, item in enumerate(links) if i == 0 or item[1].score >= settings.bridge_score]


def _window(day: int, window_days: int) -> tuple[int, int]:
    if day == NO_DAY:
        return -(10**9), 10**9
    return day - window_days, day + window_days


# -- corrections ------------------------------------------------------------------------------


def new_story_for(stories: StoryRecords, rowids: Iterable[int]) -> str:
    """A fresh story opened by the earliest of ``rowids`` (in publication order)."""
    return stories.create_story(story_id_for(stories.earliest_article(rowids)))


def apply_together(stories: StoryRecords, group: Iterable[int], constraints: Constraints) -> None:
    found = sorted({s for s in (stories.story_of(r) for r in group) if s})
    keep = found[0] if found else None
    for other in found[1:]:
        if not constraints.forbids(stories.story_members(keep), stories.story_members(other)):
            keep = stories.merge_stories(keep, other)


def apply_apart(stories: StoryRecords, left: Iterable[int], right: Iterable[int]) -> None:
    """Move ``left`` articles out of any story they share with ``right`` articles."""
    left, right = set(left), set(right)
    for story in sorted({s for s in (stories.story_of(r) for r in left) if s}):
        members = stories.story_members(story)
        if members & right:
            moving = sorted(members & left)
            target = new_story_for(stories, moving)
            for rowid in moving:
                stories.set_member(rowid, target)


def replay_corrections(stories: StoryRecords) -> None:
    """Apply every recorded correction again, in the order analysts made them."""
    constraints = Constraints()
    for record in stories.corrections():
        constraints.apply(record)
        for left, right in record.get("apart", []):
            apply_apart(stories, left, right)
        for group in record.get("together", []):
            apply_together(stories, group, constraints)


# -- relinking --------------------------------------------------------------------------------


def relink_all(linker: Linker, stories: StoryRecords, progress=None) -> None:
    """Rebuild every story from scratch, then replay analysts' corrections (inside the caller's
    transaction, so that a failed relink leaves the stories as they were).

    Old story ids that no longer exist become aliases of the story now holding most of their
    articles, so links saved before the relink still resolve.
    """
    set_aside = stories.set_stories_aside()
    order = stories.processing_order()
    position = {rowid: i for i, rowid in enumerate(order)}
    for rowid in order:
        [features] = linker.stored_features([rowid])
        earlier = {c for c in linker.candidates(features) if position.get(c, len(order)) < position[rowid]}
        linker.link_candidates(stories, features, sorted(earlier))
        if progress:
            progress(features.article_id)
    replay_corrections(stories)
    stories.keep_old_story_ids(set_aside)

"""What the linker needs of a store, as protocols: the linker decides, the store keeps.

``parallax.database`` implements both (``Database`` the reading side, ``database.stories.StoryTables``
the story tables inside the caller's write transaction), so the linker holds no SQL and never
imports the store: imports run one way, store -> link.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .features import Features


class StoryRecords(Protocol):
    """The story tables of one write transaction: who is in which story, links, corrections."""

    def story_of(self, rowid: int) -> str | None: ...

    def story_members(self, story: str) -> set[int]: ...

    def create_story(self, wanted: str) -> str:
        """A new story with the id ``wanted`` (suffixed when taken); returns the id given."""
        ...

    def set_member(self, rowid: int, story: str) -> None:
        """Put an article in a story, leaving its previous story (dropped when left empty)."""
        ...

    def merge_stories(self, a: str, b: str) -> str:
        """Merge two stories; the older keeps its id, the other answers as its alias."""
        ...

    def save_link(self, a: int, b: int, score: float) -> None: ...

    def earliest_article(self, rowids: Iterable[int]) -> str:
        """The id of the first of ``rowids`` in (published, id) order."""
        ...

    def processing_order(self) -> list[int]:
        """Every article, in the order relinking follows: (published, id)."""
        ...

    def corrections(self) -> list[dict]:
        """Analysts' corrections in the order they were made: {"together": [...], "apart": [...]}."""
        ...

    def set_stories_aside(self) -> object:
        """Empty the story tables before a relink; returns what :meth:`keep_old_story_ids` needs."""
        ...

    def keep_old_story_ids(self, set_aside: object) -> None:
        """After a relink: old story ids that no longer exist answer as aliases of where their
        articles went, so links saved before the relink still resolve."""
        ...


class StoredArticles(Protocol):
    """The articles of a store as the linker reads them: sizes, anchor postings, features."""

    def size(self) -> int: ...

    def anchor_frequencies(self, anchors: Iterable[str]) -> dict[str, int]: ...

    def articles_with_anchor(self, anchor: str, first_day: int, last_day: int, limit: int) -> list[int]: ...

    def link_features(self, rowids: list[int]) -> list[Features]: ...

    def corrections(self) -> list[dict]: ...

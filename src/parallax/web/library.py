"""The server's hold on one store: reads on per-thread connections, writes behind one lock,
comparisons computed once (in the store's cache, and in memory) and warmed in the background.

Why this shape: SQLite in WAL mode lets many connections read while one writes, so each
request thread reads on a connection of its own and never waits for an ingest. Writes
(uploads, corrections, the vector index) go through one ``Store`` behind ``write_lock``.
Comparing a story runs the encoder (seconds), so it never happens under that lock: a third
``Store`` with its own connection computes comparisons behind ``compare_lock``, for requests
and for the background warmer that fills in the conflict counts of the story list.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..database import Database
from ..model import Article, Comparison, ParallaxError

StoryKey = tuple[str, tuple[str, ...]]  # a story and its members: a comparison depends on nothing else

# Seconds one request may spend analysing what it sent (``parallax serve --time-limit``).
DEFAULT_TIME_LIMIT = 60.0
WARM_LIMIT = 5000  # stories (newest first) whose comparisons the warmer computes after a change
MEMORY_COMPARISONS = 64
MEMORY_PAGES = 256


class NotFound(ParallaxError):
    """No such story, article or outlet."""


class Conflict(ParallaxError):
    """A correction that cannot be applied as asked (e.g. splitting off every article)."""


class LockedEncoder:
    """The process-wide encoder, one call at a time: the store that writes, the one that
    compares and the search of the story list share one model and its on-disk cache."""

    def __init__(self, encoder: Any) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()
        self.name = encoder.name
        self.dim = encoder.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._encoder.encode(texts)


class LRU:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class ReadView:
    """What ``parallax.search`` needs of a store, on the calling thread's own connection;
    the semantic part of a search borrows the writer's vector index under the write lock."""

    def __init__(self, db: Database, library: Library) -> None:
        self.db = db
        self._library = library
        self.encoder = library.encoder
        self.path = db.path

    @property
    def index(self) -> _LockedSearch:
        return _LockedSearch(self._library)


class _LockedSearch:
    def __init__(self, library: Library) -> None:
        self._library = library

    def search_all(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        with self._library.write_lock:
            self._library._catch_up_index()
            return self._library.writer.index.search_all(vector, k)


@dataclass
class IngestResult:
    summary: dict
    articles: list[dict] = field(default_factory=list)  # {"id", "story"} of each new article


class Library:
    """One store as the web server sees it. Open with a path; call :meth:`close` at the end."""

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        allow_private: bool = False,
        encoder: Any = None,
        warm: bool = True,
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> None:
        from ..encode import default_encoder
        from ..store import Store
        from ..worker import AnalysisWorker

        self.path = Path(path)
        self.allow_private = allow_private
        self.time_limit = time_limit
        self.analysis = AnalysisWorker()
        self.encoder = LockedEncoder(encoder or default_encoder())
        self.write_lock = threading.RLock()
        self.compare_lock = threading.Lock()
        self.writer = Store(self.path, encoder=self.encoder)  # creates and migrates the file
        self.comparer = Store(self.path, encoder=self.encoder)
        self._local = threading.local()
        self._connections: list[Database] = []
        self._connections_lock = threading.Lock()
        self.comparisons = LRU(MEMORY_COMPARISONS)
        self.pages = LRU(MEMORY_PAGES)
        self.conflicts: dict[StoryKey, int] = {}
        self._warm_wanted = threading.Event()
        self._stopping = threading.Event()
        self._warming = False
        self._warmer: threading.Thread | None = None
        if warm:
            self._warmer = threading.Thread(target=self._warm_loop, name="parallax-warmer", daemon=True)
            self._warmer.start()
            self.request_warm()

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self._stopping.set()
        self.analysis.close()  # an ingest still analysing is cut short, not waited for
        self._warm_wanted.set()
        if self._warmer is not None:
            self._warmer.join(timeout=30)
        with self.write_lock:
            self.writer.close()
        with self.compare_lock:
            self.comparer.close()
        with self._connections_lock:
            for db in self._connections:
                db.close()
            self._connections.clear()

    # -- reading ---------------------------------------------------------------------------------

    def reader(self) -> ReadView:
        """This thread's read-only view of the store (its own SQLite connection)."""
        view = getattr(self._local, "view", None)
        if view is None:
            db = Database(self.path, readonly=True)
            with self._connections_lock:
                self._connections.append(db)
            view = self._local.view = ReadView(db, self)
        return view

    def resolve(self, story_id: str) -> str:
        from ..database.stories import resolve_story

        resolved = resolve_story(self.reader().db.db, str(story_id))
        if resolved is None:
            raise NotFound(f"no story {story_id!r} in this store")
        return resolved

    def stories(self, *, limit: int | None = None, offset: int = 0, **filters: str | None) -> list:
        """Stories newest first (``parallax.search.story_rows``), with conflict counts
        where a comparison is already known (None while the warmer has not reached it)."""
        from ..search import story_rows

        infos = story_rows(self.reader(), limit=limit, offset=offset, **filters)
        for info in infos:
            info.conflicts = self.known_conflicts(info)
        return infos

    def story(self, story_id: str):
        """The story (following merges) with its members; NotFound when it has none."""
        from ..search import story_rows

        resolved = self.resolve(story_id)
        infos = story_rows(self.reader(), story=resolved)
        if not infos:
            raise NotFound(f"story {resolved!r} has no articles left (they were moved or split off)")
        info = infos[0]
        info.conflicts = self.known_conflicts(info)
        return info

    def known_conflicts(self, info) -> int | None:
        if len(info.documents) < 2:
            return 0
        return self.conflicts.get(story_key(info))

    def comparison(self, info) -> Comparison:
        """The story's comparison: from memory, else the store's cache, else computed now."""
        key = story_key(info)
        found = self.comparisons.get(key)
        if found is None:
            with self.compare_lock:
                found = self.comparer.compare_story(info.id)
            self.comparisons.put(key, found)
            self.conflicts[key] = len(found.conflicts)
        return found

    def article(self, article_id: str) -> dict:
        """An article's record: metadata, text, story, and its facts (the extract contract)."""
        from ..database.stories import story_of
        from ..render.json import fact_record

        db = self.reader().db
        stored = db.article(article_id)
        if stored is None:
            raise NotFound(f"no article {article_id!r} in this store")
        document = db.document(stored.rowid)
        article = stored.article
        return {
            "id": article.id,
            "story": story_of(db.db, stored.rowid),
            "language": article.language,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published,
            "format": article.format,
            "encoding": article.encoding,
            "text": article.text,
            "facts": [fact_record(fact) for fact in document.facts],
        }

    def languages(self) -> list[str]:
        rows = self.reader().db.db.execute(
            "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language"
        )
        return [r[0] for r in rows]

    def outlets(self) -> list[dict]:
        """Every outlet with its article and story counts, languages and publication range."""
        rows = self.reader().db.db.execute(
            "SELECT a.outlet, COUNT(*), COUNT(DISTINCT m.story), GROUP_CONCAT(DISTINCT a.language),"
            " MIN(a.published), MAX(a.published)"
            " FROM articles a LEFT JOIN story_members m ON m.article = a.rowid"
            " WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY COUNT(*) DESC, a.outlet"
        )
        return [
            {
                "name": name,
                "articles": articles,
                "stories": stories,
                "languages": sorted(set((languages or "").split(",")) - {""}),
                "first_published": first,
                "last_published": last,
            }
            for name, articles, stories, languages, first, last in rows
        ]

    def outlet_stories(self, outlet: str, limit: int) -> list:
        from ..search import story_rows

        return story_rows(self.reader(), outlet=outlet, limit=limit)

    def outlet_exists(self, outlet: str) -> bool:
        row = self.reader().db.db.execute("SELECT 1 FROM articles WHERE outlet = ? LIMIT 1", (outlet,))
        return row.fetchone() is not None

    def status(self) -> dict:
        db = self.reader().db.db
        articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        stories = db.execute("SELECT COUNT(DISTINCT story) FROM story_members").fetchone()[0]
        return {
            "articles": articles,
            "stories": stories,
            "warming": self._warming or self._warm_wanted.is_set(),
            "comparisons_known": len(self.conflicts),
        }

    # -- writing ---------------------------------------------------------------------------------

    def ingest_paths(self, inputs: Sequence[str], *, outlet: str | None = None) -> IngestResult:
        """Ingest files or URLs (the ``ingest`` readers and fetcher, this server's private rule)."""
        from ..ingest.sources import iter_articles

        return self.ingest_items(iter_articles(inputs, outlet=outlet, allow_private=self.allow_private))

    def ingest_items(self, items) -> IngestResult:
        """Store what anyone may have sent: each article analysed in the worker process, all of
        them within ``time_limit`` seconds (what is left past it is rejected, not analysed)."""
        added: list[str] = []

        def progress(event: str, item: str) -> None:
            if event == "ingested":
                added.append(item)

        def analyse(item):
            return self.analysis.analyse(item, deadline - time.monotonic())

        with self.write_lock:
            deadline = time.monotonic() + self.time_limit  # from when this request may write
            self._catch_up_index()
            summary = self.writer.add_articles(items, progress, workers=1, analyser=analyse)
            stories = self._stories_of(added)
        self.request_warm()
        return IngestResult(
            summary.as_dict(), [{"id": article, "story": stories.get(article)} for article in added]
        )

    def add_articles(self, articles: Sequence[Article]) -> IngestResult:
        return self.ingest_items(list(articles))

    def _catch_up_index(self) -> None:
        """Another process (``parallax ingest``) may have added articles since the index was read."""
        self.writer.refresh_index()

    def _stories_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        db = self.writer.db.db
        found = {}
        for article in article_ids:
            row = db.execute(
                "SELECT m.story FROM story_members m JOIN articles a ON a.rowid = m.article WHERE a.id = ?",
                (article,),
            ).fetchone()
            if row:
                found[article] = row[0]
        return found

    def merge(self, first: str, second: str) -> str:
        a, b = self.resolve(first), self.resolve(second)
        with self.write_lock:
            story = self.writer.merge(a, b)
        self.request_warm()
        return story

    def split(self, story_id: str, article_ids: Sequence[str]) -> str:
        story = self.resolve(story_id)
        info = self.story(story)
        strangers = [a for a in article_ids if a not in info.documents]
        if not article_ids:
            raise Conflict("choose at least one article to split off")
        if strangers:
            raise Conflict(f"story {story!r} does not hold {', '.join(map(repr, strangers))}")
        if set(article_ids) >= set(info.documents):
            raise Conflict("splitting off every article would leave nothing behind")
        with self.write_lock:
            new = self.writer.split(story, list(article_ids))
        self.request_warm()
        return new

    def move(self, article_id: str, to_story: str) -> str:
        if self.reader().db.article(article_id) is None:
            raise NotFound(f"no article {article_id!r} in this store")
        target = self.resolve(to_story)
        with self.write_lock:
            story = self.writer.move(article_id, target)
        self.request_warm()
        return story

    # -- the warmer ------------------------------------------------------------------------------

    def request_warm(self) -> None:
        self._warm_wanted.set()

    def wait_warm(self, timeout: float) -> bool:
        """Block until the warmer has nothing left to do (tests and the load check use it)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._warm_wanted.is_set() and not self._warming:
                return True
            time.sleep(0.05)
        return False

    def _warm_loop(self) -> None:
        while not self._stopping.is_set():
            self._warm_wanted.wait()
            if self._stopping.is_set():
                return
            self._warming = True
            self._warm_wanted.clear()
            try:
                self._warm_once()
            except Exception:  # a broken story must not stop the server; its page shows the error
                pass
            finally:
                self._warming = False

    def _warm_once(self) -> None:
        from ..search import story_rows

        for info in story_rows(self.reader(), limit=WARM_LIMIT):
            if self._stopping.is_set() or self._warm_wanted.is_set():
                return  # something changed: start again from the newest
            if len(info.documents) > 1 and story_key(info) not in self.conflicts:
                try:
                    self.comparison(info)
                except ParallaxError:
                    continue


def story_key(info) -> StoryKey:
    return (info.id, tuple(info.documents))


@contextmanager
def open_library(path: str | os.PathLike, **options: Any) -> Iterator[Library]:
    library = Library(path, **options)
    try:
        yield library
    finally:
        library.close()

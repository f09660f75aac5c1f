"""One store shared by the server's threads: reads on per-thread connections, writes behind one
lock, comparisons computed once (in the store's cache, and in memory) and warmed in the background.

This is no second façade over the store: requests call the :class:`~parallax.store.Store`
that :class:`ServedStore` hands them (:meth:`~ServedStore.reading` or
:meth:`~ServedStore.writing`), and it adds only what serving many threads needs.

Why this shape: SQLite in WAL mode lets many connections read while one writes, so each
request thread reads on a read-only ``Store`` of its own and never waits for an ingest. Writes
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
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..encode import Encoder, default_encoder
from ..ingest.sources import Rejected, iter_articles
from ..model import Article, Comparison, Document, ParallaxError
from ..store import Store, StoryInfo
from ..worker import AnalysisWorker

StoryKey = tuple[str, tuple[str, ...]]  # a story and its members: a comparison depends on nothing else

# Seconds one request may spend analysing what it sent (``parallax serve --time-limit``).
DEFAULT_TIME_LIMIT = 60.0
WARM_LIMIT = 5000  # stories (newest first) whose comparisons the warmer computes after a change
MEMORY_COMPARISONS = 64
MEMORY_PAGES = 256


class LockedEncoder:
    """The process-wide encoder, one call at a time: the store that writes, the one that
    compares and the search of the story list share one model and its on-disk cache."""

    def __init__(self, encoder: Encoder) -> None:
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


class WritersIndex:
    """The vector index the read-only stores search: the writer's, caught up with what other
    processes stored and searched under the write lock (it is not safe to search while adding)."""

    def __init__(self, served: ServedStore) -> None:
        self._served = served

    def search_all(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        with self._served.write_lock:
            self._served.writer.refresh_index()
            return self._served.writer.index.search_all(vector, k)


@dataclass
class IngestResult:
    summary: dict
    articles: list[dict] = field(default_factory=list)  # {"id", "story"} of each new article


class ServedStore:
    """One store as the web server shares it between threads. Open with a path; call
    :meth:`close` at the end."""

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        allow_private: bool = False,
        encoder: Encoder | None = None,
        warm: bool = True,
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> None:
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
        self._readers: list[Store] = []
        self._readers_lock = threading.Lock()
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
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()

    # -- the stores ------------------------------------------------------------------------------

    def reading(self) -> Store:
        """This thread's read-only store (its own SQLite connection; searches use the writer's index)."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            index: Any = WritersIndex(self)  # only searched, never added to or saved
            reader = Store(self.path, encoder=self.encoder, readonly=True, index=index)
            with self._readers_lock:
                self._readers.append(reader)
            self._local.reader = reader
        return reader

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The one writing store, held under the write lock; the warmer runs after a change."""
        with self.write_lock:
            yield self.writer
        self.request_warm()

    # -- comparisons -----------------------------------------------------------------------------

    def known_conflicts(self, info: StoryInfo) -> int | None:
        """The story's conflict count, None while its comparison is not known yet."""
        if len(info.documents) < 2:
            return 0
        return self.conflicts.get(story_key(info))

    def with_known_conflicts(self, info: StoryInfo) -> StoryInfo:
        info.conflicts = self.known_conflicts(info)
        return info

    def comparison(self, info: StoryInfo) -> Comparison:
        """The story's comparison: from memory, else the store's cache, else computed now."""
        key = story_key(info)
        found = self.comparisons.get(key)
        if found is None:
            with self.compare_lock:
                found = self.comparer.compare_story(info.id)
            self.comparisons.put(key, found)
            self.conflicts[key] = len(found.conflicts)
        return found

    def warming_status(self) -> dict:
        return {
            "warming": self._warming or self._warm_wanted.is_set(),
            "comparisons_known": len(self.conflicts),
        }

    # -- ingest ----------------------------------------------------------------------------------

    def ingest_paths(self, inputs: Sequence[str], *, outlet: str | None = None) -> IngestResult:
        """Ingest files or URLs (the ``ingest`` readers and fetcher, this server's private rule)."""
        return self.ingest(iter_articles(inputs, outlet=outlet, allow_private=self.allow_private))

    def ingest(self, items: Iterable[Article | Rejected]) -> IngestResult:
        """Store what anyone may have sent: each article analysed in the worker process, all of
        them within ``time_limit`` seconds (what is left past it is rejected, not analysed)."""
        added: list[str] = []

        def progress(event: str, item: str) -> None:
            if event == "ingested":
                added.append(item)

        with self.writing() as store:
            deadline = time.monotonic() + self.time_limit  # from when this request may write

            def analyse(item: Article | Rejected) -> Document | Rejected:
                return self.analysis.analyse(item, deadline - time.monotonic())

            store.refresh_index()  # another process (``parallax ingest``) may have added articles
            summary = store.add_articles(items, progress, workers=1, analyser=analyse)
            stories = store.stories_of(added)
        return IngestResult(
            summary.as_dict(), [{"id": article, "story": stories.get(article)} for article in added]
        )

    # -- the warmer ------------------------------------------------------------------------------

    def request_warm(self) -> None:
        self._warm_wanted.set()

    def wait_warm(self, timeout: float) -> bool:
        """Block until the warmer has nothing left to do (tests and the load check use it)."""
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
        for info in self.reading().stories(limit=WARM_LIMIT):
            if self._stopping.is_set() or self._warm_wanted.is_set():
                return  # something changed: start again from the newest
            if len(info.documents) > 1 and story_key(info) not in self.conflicts:
                try:
                    self.comparison(info)
                except ParallaxError:
                    continue


def story_key(info: StoryInfo) -> StoryKey:
    return (info.id, tuple(info.documents))

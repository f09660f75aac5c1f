"""``parallax.Store``: a local collection of articles grouped into stories.

    >>> store = parallax.Store("news.sqlite")                  # doctest: +SKIP
    >>> store.ingest(["feeds/", "https://example.org/rss"])   # doctest: +SKIP
    >>> story = store.stories()[0]                             # doctest: +SKIP
    >>> store.compare_story(story.id)                          # doctest: +SKIP

Ingest runs every article through the per-document pipeline, encodes title + lead in
batches, and then stores and links each article in its own transaction: a killed run keeps
everything committed before it, and a re-run skips what is already stored (by content hash).
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .api import context_for, remember_names
from .compare import compare_documents
from .database import Database, content_hash, default_store_path
from .database.queries import StoryInfo
from .database.repair import salvage
from .database.stories import (
    StoryTables,
    merge_stories,
    record_correction,
    resolve_story,
    set_member,
    story_members,
    story_of,
)
from .encode import Encoder, default_cache_path, default_encoder
from .encode.registry import worker_encoder
from .extract.context import AnalysisContext, Settings, analysis_context
from .ingest.run import Rejected
from .ingest.sources import iter_articles
from .link.features import Features, day_number, document_anchors, title_and_lead
from .link.index import VectorIndex
from .link.linker import Constraints, Linker, constraints_of, new_story_for, relink_all
from .link.score import SETTINGS, LinkSettings
from .model import Article, Comparison, Document, ParallaxError
from .pipeline import EXTRACTOR_VERSION, analyse
from .search import story_rows
from .version import __version__

ENCODE_BATCH = 32
WARM_UP = 200  # an ingest of more articles than this is analysed by worker processes, all of it
INDEX_SAVE_EVERY = 2000

Progress = Callable[[str, str], None]  # (what happened: "ingested"|"duplicate"|"rejected", article or source)


class NotFound(ParallaxError):
    """No such story, article or outlet in the store."""


class CorrectionRefused(ParallaxError):
    """A correction that cannot be applied as asked (e.g. splitting off every article)."""


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": [{"source": r.source, "reason": r.reason} for r in self.rejected],
            "stories_touched": len(self.stories),
        }


class Store:
    """An open parallax store: ingest, stories, comparisons, corrections."""

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        *,
        encoder: Encoder | None = None,
        settings: LinkSettings = SETTINGS,
        readonly: bool = False,
        index: VectorIndex | None = None,
    ) -> None:
        """``index``: a vector index shared with another ``Store`` of the same file, which keeps it
        up to date and saves it (the server's read-only stores search its writer's)."""
        self.path = Path(path) if path else default_store_path()
        self.db = Database(self.path, readonly=readonly)
        self._encoder = encoder
        self.settings = settings
        self.readonly = self.db.readonly  # also when the disk is read-only
        self._index: VectorIndex | None = index
        self._owns_index = index is None

    # -- settings -----------------------------------------------------------------------------

    @property
    def learns(self) -> bool:
        """Whether this store's analyses use and grow the learned aliases (off unless asked)."""
        return self.db.setting("learn_aliases", "0") == "1"

    @learns.setter
    def learns(self, value: bool) -> None:
        self.db.set_setting("learn_aliases", "1" if value else "0")

    def analysis_context(self) -> AnalysisContext:
        """The context this store analyses and compares with: its ``learns`` setting decides
        whether the learned names are known (the file read anew on each call)."""
        return context_for(self.learns)

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        if self._index is not None and self._owns_index and not self.readonly:
            self._index.save()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    @property
    def index(self) -> VectorIndex:
        """The vector index, caught up with (or rebuilt from) the store when opened."""
        if self._index is None:
            folder = None if self.readonly else self.path.with_name(self.path.name + ".index")
            self._index = VectorIndex(folder, self.encoder.dim)
            self._sync_index(self._index)
        return self._index

    def _sync_index(self, index: VectorIndex) -> None:
        count, largest = self.db.embedding_state()
        if (index.count, index.largest) == (count, largest):
            return
        if self.db.embeddings_up_to(index.largest) != index.count:
            index.reset()
        days = self.db.published_after(index.largest)
        index.fill(
            (rowid, day_number(days.get(rowid)), vector)
            for rowid, vector in self.db.embeddings(index.largest)
        )
        index.save()

    def refresh_index(self) -> None:
        """Catch the vector index up with articles another process stored since it was opened."""
        if self._index is not None:
            self._sync_index(self._index)

    def linker(self) -> Linker:
        return Linker(self.db, self.index, self.settings)

    # -- ingest -------------------------------------------------------------------------------

    def ingest(
        self,
        inputs: Sequence[str],
        *,
        outlet: str | None = None,
        allow_private: bool = False,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Read files, folders, corpora, feeds or URLs; store, dedupe and link every article."""
        return self.add_articles(iter_articles(inputs, outlet=outlet, allow_private=allow_private), progress)

    def add_articles(
        self,
        items: Iterable[Article | Rejected],
        progress: Progress | None = None,
        *,
        workers: int | None = None,
        analyser: Callable[[Article | Rejected], Document | Rejected] | None = None,
    ) -> IngestSummary:
        """Analyse, dedupe, encode, store and link articles; ``Rejected`` items are counted.

        Past a warm-up, ``workers`` processes (default: one per core) analyse and encode while
        this process stores and links; order is kept, so linking is the same. ``analyser``, when
        given, analyses each article instead (the server's, which stops at a time limit).
        """
        self.db.require_writable()  # before any article is read and analysed for nothing
        summary = IngestSummary()
        linker = self.linker()
        batch: list[Document | Encoded | Rejected] = []
        if analyser is not None:
            stream: Iterable[Document | Encoded | Rejected] = map(analyser, items)
        else:
            stream = analysed_stream(
                items,
                workers or os.cpu_count() or 1,
                encode=self._workers_can_encode(),
                context=self.analysis_context(),
            )
        for item in stream:
            batch.append(item)
            if len(batch) >= ENCODE_BATCH:
                self._add_batch(batch, linker, summary, progress)
                batch = []
        if batch:
            self._add_batch(batch, linker, summary, progress)
        self.index.save()
        return summary

    def _workers_can_encode(self) -> bool:
        """Worker processes make the same encoder from the settings, unless one was handed in."""
        return self._encoder is None or self._encoder is default_encoder()

    def _add_batch(
        self, batch: list[Document | Encoded | Rejected], linker: Linker, summary: IngestSummary, progress
    ) -> None:
        analysed: list[tuple[Document, str, np.ndarray | None]] = []
        seen: set[str] = set()
        for item in batch:
            if isinstance(item, Rejected):
                summary.rejected.append(item)
                if progress:
                    progress("rejected", str(item))
                continue
            document, vector = (item.document, item.vector) if isinstance(item, Encoded) else (item, None)
            digest = content_hash(document)
            if digest in seen or self.db.has_content(digest):
                summary.duplicates += 1
                if progress:
                    progress("duplicate", document.id)
                continue
            seen.add(digest)
            analysed.append((document, digest, vector))
        if not analysed:
            return
        leads = [title_and_lead(document) for document, _, _ in analysed]
        vectors = self._vectors([vector for _, _, vector in analysed], leads)
        for (document, digest, _), lead, vector in zip(analysed, leads, vectors, strict=True):
            story = self._store_and_link(document, digest, lead, vector, linker)
            if story is None:  # another process stored the same article meanwhile
                summary.duplicates += 1
                if progress:
                    progress("duplicate", document.article.id)
                continue
            summary.ingested += 1
            summary.stories.add(story)
            if progress:
                progress("ingested", document.article.id)

    def _vectors(self, made: list[np.ndarray | None], leads: list[str]) -> list[np.ndarray]:
        """Title-and-lead vectors: the workers' where they made them, the rest encoded here at once."""
        missing = [i for i, vector in enumerate(made) if vector is None]
        vectors = list(made)
        if missing:
            for i, vector in zip(missing, self.encoder.encode([leads[i] for i in missing]), strict=True):
                vectors[i] = vector
        return vectors

    def _store_and_link(
        self, document: Document, digest: str, lead: str, vector: np.ndarray, linker: Linker
    ) -> str | None:
        """Store and link one article; None when it is already stored (asked again inside the
        write transaction: another ingest may have stored it since this one last looked)."""
        article = document.article
        with self.db.transaction() as db:
            if self.db.has_content(digest):
                return None
            article.id = self.db.unique_id(article.id)
            rowid = self.db.insert_article(db, document, digest, EXTRACTOR_VERSION, lead)
            self.db.put_embedding(db, rowid, self.encoder.name, vector)
            day = day_number(article.published)
            anchors = document_anchors(document)
            self.db.put_anchors(db, rowid, day, anchors)
            features = Features(
                rowid,
                article.id,
                day,
                anchors,
                vector,
                (article.published or "9999", article.id),
                article.language,
            )
            story = linker.link(StoryTables(db), features)
        self.index.add(rowid, day, vector)
        if self.index.count % INDEX_SAVE_EVERY == 0:
            self.index.save()
        return story

    # -- stories ------------------------------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        """The story's id now (following merges); NotFound when there never was one."""
        resolved = resolve_story(self.db.db, str(story_id))
        if resolved is None:
            raise NotFound(f"no story {story_id!r} in this store")
        return resolved

    def stories(
        self,
        *,
        language: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        with_conflicts: bool = False,
    ) -> list[StoryInfo]:
        """Stories, newest first, filtered by language, outlet, date range and free text; a page
        of them with ``limit`` and ``offset``."""
        infos = story_rows(
            self, language=language, outlet=outlet, since=since, until=until, q=q, limit=limit, offset=offset
        )
        if with_conflicts:
            for info in infos:
                info.conflicts = len(self.compare_story(info.id).conflicts) if len(info.documents) > 1 else 0
        return infos

    def story(self, story_id: str) -> StoryInfo:
        """The story (following merges) with its members; NotFound when none are left."""
        resolved = self.resolve(story_id)
        infos = story_rows(self, story=resolved)
        if not infos:
            raise NotFound(f"story {resolved!r} has no articles left (they were moved or split off)")
        return infos[0]

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story each of these articles is in now (articles not stored are left out)."""
        stories = {article: self.db.story_of_article(article) for article in article_ids}
        return {article: story for article, story in stories.items() if story is not None}

    def story_documents(self, story_id: str) -> list[Document]:
        story = self.resolve(story_id)
        return [self.db.document(rowid) for rowid in self.db.story_rowids(story)]

    def compare_story(self, story_id: str) -> Comparison:
        """The comparison of a stored story, cached until the story changes."""
        story = self.resolve(story_id)
        documents = self.story_documents(story)
        return self._compared(story, documents, self.analysis_context())

    def _compared(self, story: str, documents: list[Document], context: AnalysisContext) -> Comparison:
        fingerprint = _fingerprint(documents, context.aliases)
        row = self.db.comparison(story)
        if row and row[0] == fingerprint:
            try:
                return pickle.loads(zlib.decompress(row[1]))
            except Exception:
                pass
        comparison = compare_documents(documents, self.encoder, context)
        comparison.aliases = context.aliases
        if not self.readonly:
            if self.learns:
                remember_names(comparison, context)
            blob = zlib.compress(pickle.dumps(comparison, protocol=pickle.HIGHEST_PROTOCOL))
            self.db.put_comparison(story, fingerprint, blob)
        return comparison

    # -- articles and outlets -----------------------------------------------------------------

    def article_record(self, article_id: str) -> dict:
        """An article's record: metadata, text, story, and its facts (the ``extract`` contract)."""
        from .render.json import fact_record

        stored = self.db.article(article_id)
        if stored is None:
            raise NotFound(f"no article {article_id!r} in this store")
        article = stored.article
        return {
            "id": article.id,
            "story": story_of(self.db.db, stored.rowid),
            "language": article.language,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published,
            "format": article.format,
            "encoding": article.encoding,
            "text": article.text,
            "facts": [fact_record(fact) for fact in self.db.document(stored.rowid).facts],
        }

    def languages(self) -> list[str]:
        """The languages of the stored articles, sorted."""
        return self.db.languages()

    def outlets(self) -> list[dict]:
        """Every outlet with its article and story counts, languages and publication range."""
        return [
            {
                "name": name,
                "articles": articles,
                "stories": stories,
                "languages": sorted(set((languages or "").split(",")) - {""}),
                "first_published": first,
                "last_published": last,
            }
            for name, articles, stories, languages, first, last in self.db.outlet_rows()
        ]

    def has_outlet(self, outlet: str) -> bool:
        return self.db.has_outlet(outlet)

    def counts(self) -> dict[str, int]:
        """How many articles and stories the store holds."""
        return {"articles": self.db.article_count(), "stories": self.db.story_count()}

    # -- corrections --------------------------------------------------------------------------

    def merge(self, first: str, second: str) -> str:
        """Merge two stories into one; the older keeps its id."""
        a, b = self.resolve(first), self.resolve(second)
        if a == b:
            return a
        with self.db.transaction() as db:
            together = story_members(db, a) | story_members(db, b)
            record_correction(db, "merge", together=[together])
            return merge_stories(db, a, b)

    def split(self, story_id: str, article_ids: Sequence[str]) -> str:
        """Move the given articles of a story into a new story of their own."""
        story = self.resolve(story_id)
        if not article_ids:
            raise CorrectionRefused("choose at least one article to split off")
        with self.db.transaction() as db:
            members = story_members(db, story)
            if not members:
                raise NotFound(f"story {story!r} has no articles left (they were moved or split off)")
            moving = self._members_named(story, members, article_ids)
            if moving == members:
                raise CorrectionRefused("splitting off every article would leave nothing behind")
            record_correction(db, "split", together=[moving], apart=[(moving, members - moving)])
            new = new_story_for(StoryTables(db), moving)
            for rowid in sorted(moving):
                set_member(db, rowid, new)
            return new

    def _members_named(self, story: str, members: set[int], article_ids: Sequence[str]) -> set[int]:
        """The rows of the named articles; CorrectionRefused when the story does not hold one."""
        rowids = {article: self.db.rowid_or_none(article) for article in article_ids}
        strangers = [article for article, rowid in rowids.items() if rowid is None or rowid not in members]
        if strangers:
            raise CorrectionRefused(f"story {story!r} does not hold {', '.join(map(repr, strangers))}")
        return {rowid for rowid in rowids.values() if rowid is not None}

    def move(self, article_id: str, to_story: str) -> str:
        """Move one article to another story."""
        if self.db.article(article_id) is None:
            raise NotFound(f"no article {article_id!r} in this store")
        target = self.resolve(to_story)
        rowid = self.db.rowid_of(article_id)
        with self.db.transaction() as db:
            current = story_of(db, rowid)
            if current == target:
                return target
            left_behind = story_members(db, current) - {rowid} if current else set()
            record_correction(
                db, "move", together=[{rowid} | story_members(db, target)], apart=[({rowid}, left_behind)]
            )
            set_member(db, rowid, target)
            return target

    def relink(self, progress: Callable[[str], None] | None = None) -> None:
        """Rebuild all stories from scratch in (published, id) order, corrections replayed."""
        linker = self.linker()
        with self.db.transaction() as db:
            relink_all(linker, StoryTables(db), progress)

    def reindex(self, progress: Callable[[str], None] | None = None) -> int:
        """Re-extract articles an older extractor produced, then relink everything."""
        outdated = self.db.outdated_articles(EXTRACTOR_VERSION)
        self._reanalyse(outdated, self.analysis_context(), progress)
        if outdated:
            self.index.reset()
            self._sync_index(self.index)
            self.relink()
        return len(outdated)

    def _reanalyse(
        self, outdated: list[int], context: AnalysisContext, progress: Callable[[str], None] | None
    ) -> None:
        for rowid in outdated:
            stored = self.db.document(rowid)
            document = analyse(stored.article, context)
            lead = title_and_lead(document)
            vector = self.encoder.encode([lead])[0]
            with self.db.transaction() as db:
                self.db.replace_analysis(db, rowid, document, EXTRACTOR_VERSION, lead)
                self.db.put_embedding(db, rowid, self.encoder.name, vector)
                self.db.put_anchors(
                    db, rowid, day_number(document.article.published), document_anchors(document)
                )
            if progress:
                progress(document.article.id)

    def constraints(self) -> Constraints:
        """The pairs of articles the corrections keep apart (the newest correction wins)."""
        return constraints_of(self.db.corrections())


def recover(source: Path, target: Path, progress: Callable[[str], None] | None = None) -> tuple[int, int]:
    """A new store at ``target`` from the readable articles of ``source``: (stored, unreadable)."""
    if target.exists():
        raise ParallaxError(f"{target}: already exists; give the path of a new store")
    articles, unreadable = salvage(source)
    with Store(target) as store:
        summary = store.add_articles(articles, None if progress is None else lambda e, item: progress(item))
    return summary.ingested + summary.duplicates, unreadable


def analyse_item(item: Article | Rejected, context: AnalysisContext | None = None) -> Document | Rejected:
    """One article through the per-document pipeline; a failure rejects it, never the run.

    ``context``: the analysis context (None: this process's worker context, set when a worker
    starts, else the curated names).
    """
    if isinstance(item, Rejected):
        return item
    try:
        return analyse(item, context if context is not None else _worker_context.get("context"))
    except Exception as error:  # one broken article must not stop a corpus
        return Rejected(item.id, f"analysis failed: {type(error).__name__}: {error}")


@dataclass
class Encoded:
    """An analysed article with the vector of its title and lead, made in a worker process."""

    document: Document
    vector: np.ndarray


def analyse_and_encode(item: Article | Rejected) -> Encoded | Rejected:
    """:func:`analyse_item`, then the title and lead through this worker's encoder."""
    analysed = analyse_item(item)
    if isinstance(analysed, Rejected):
        return analysed
    # One thread: the pool already runs one worker per core.
    encoder = worker_encoder(default_cache_path(), threads=1)
    return Encoded(analysed, encoder.encode([title_and_lead(analysed)])[0])


def analysed_stream(
    items: Iterable[Article | Rejected],
    workers: int,
    *,
    encode: bool = False,
    context: AnalysisContext | None = None,
) -> Iterator[Document | Encoded | Rejected]:
    """Analysed articles in input order; with ``encode``, workers' articles come with vectors.

    An ingest of at most ``WARM_UP`` articles is analysed in this process, so small ingests
    never pay for starting workers. A larger one goes to ``workers`` processes from its first
    article: they analyse (and encode the title and lead, the largest cost per article, so that
    it runs on every core) while this one stores and links. Analysing its start here, as this
    did before, cost a third loading of the language tables and ran the encoder here on two
    threads, which on a busy machine spend up to twice the CPU of one per article (each waits
    for the other at every layer), with the other core idle while this one analysed. Workers
    come from a fork server, never forked from this process: it may run the encoder's threads,
    and a child forked from a threaded process can deadlock on a lock some thread held at the
    fork.
    """
    context = context if context is not None else analysis_context()
    iterator = iter(items)
    head = list(itertools.islice(iterator, WARM_UP + 1))
    rest = itertools.chain(head, iterator)
    if len(head) <= WARM_UP or workers <= 1 or "forkserver" not in multiprocessing.get_all_start_methods():
        yield from (analyse_item(item, context) for item in rest)
        return
    processes = multiprocessing.get_context("forkserver")
    processes.set_forkserver_preload(["parallax.store"])  # what a worker runs, imported once
    with _environment(OMP_NUM_THREADS="1"):
        pool = processes.Pool(workers, initializer=_start_worker, initargs=(context.settings,))
    with pool:
        yield from pool.imap(analyse_and_encode if encode else analyse_item, rest, chunksize=4)


# The analysis context of a worker process, built once when it starts (a context is too large
# to send with every article).
_worker_context: dict[str, AnalysisContext] = {}


def _start_worker(settings: Settings) -> None:
    """A worker's context: built from the same settings as the process that started it."""
    _worker_context["context"] = analysis_context(learned=settings.learned, clean=settings.clean)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Variables set while the fork server (and so every worker) starts, then put back.

    The e5 engine's OpenMP reads its thread count from the environment when the process
    starts; asked for one thread later, it still runs a second one, and with one worker per
    core those extra threads make the workers several times slower.
    """
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _fingerprint(documents: Sequence[Document], aliases: dict[str, str | None]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}|{EXTRACTOR_VERSION}|{sorted(aliases.items())}".encode())
    for document in documents:
        digest.update(document.id.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


__all__ = ["CorrectionRefused", "IngestSummary", "NotFound", "Store", "StoryInfo"]

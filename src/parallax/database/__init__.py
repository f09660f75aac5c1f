"""The embedded database: SQLite in WAL mode, so ``ingest`` writes while ``serve`` reads.

The store is the source of truth. Everything else on disk (the nearest-neighbour index, the
embedding cache) is derived and is checked against it when opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np
import platformdirs

from ..link.features import Features, day_number
from ..model import Article, Document, ParallaxError
from .clock import now
from .codec import analysis_from_json, analysis_to_json
from .schema import migrate
from .stories import corrections, story_of

LOCK_WAIT_SECONDS = 60
ARTICLE_COLUMNS = "rowid, id, text, format, title, published, outlet, url, language, encoding, source"


def default_store_path() -> Path:
    """``$PARALLAX_STORE`` or ``store.sqlite`` in the user's data directory."""
    override = os.environ.get("PARALLAX_STORE")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("parallax")) / "store.sqlite"


def content_hash(document: Document) -> str:
    """A hash of the kept text, normalised, so a re-scrape with other junk is still a duplicate.

    A title given apart from the text is part of what an article says: two short wire items
    whose bodies are one stock line (or whose bodies the cleaner empties) are different
    articles when their titles differ. A title the kept text already opens with counts once.
    """
    text = document.article.text
    kept = _normalised(" ".join(text[b.start : b.end] for b in document.cleaning.blocks) or text)
    title = _normalised(document.article.title or "")
    if title and not kept.startswith(title):
        kept = f"{title}\n{kept}"
    return hashlib.sha256(kept.encode("utf-8")).hexdigest()


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class StoredArticle:
    rowid: int
    article: Article


def damaged(path: Path, error: Exception) -> str:
    """The one line for a store whose file is damaged, with the way out."""
    return (f"{path}: the store is damaged ({error}); `parallax store check` tells what can still be "
            "read, `parallax store recover NEW_STORE` rebuilds a store from it")


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """WAL mode, waiting for another process that is creating the same new store: the switch
    takes the file's exclusive lock, and SQLite's busy timeout does not wait for that one."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _writable(path: Path) -> bool:
    """Whether this process can write the store and the files SQLite keeps beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


class Database:
    """An open store database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike | None = None, *, readonly: bool = False) -> None:
        self.path = Path(path) if path else default_store_path()
        # A store on a read-only disk (or a file this user may not write) is still read.
        self.unwritable = self.path.exists() and not _writable(self.path)
        self.readonly = readonly or self.unwritable
        if self.readonly and not self.path.exists():
            raise ParallaxError(f"{self.path}: no store here (run `parallax ingest` first)")
        if not self.readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError as error:
            if "malformed" in str(error):
                raise ParallaxError(damaged(self.path, error)) from None
            raise ParallaxError(f"{self.path}: not a parallax store ({error})") from None

    def _connect(self) -> sqlite3.Connection:
        uri = f"file:{quote(str(self.path))}"
        if self.readonly:
            # immutable: SQLite then needs no -wal or -shm file beside it, which a read-only
            # folder cannot hold (this process is the only one that could change it anyway).
            uri += "?mode=ro&immutable=1" if self.unwritable else "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 60000")
        if not self.readonly:
            _switch_to_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")
            migrate(db)
        return db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def require_writable(self) -> None:
        if self.readonly:
            why = "opened read-only"
            if self.unwritable:
                why = "it is on a read-only disk or not writable by this user"
            raise ParallaxError(f"{self.path}: cannot change the store ({why}); reading commands still work")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        self.require_writable()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- articles ---------------------------------------------------------------------------

    def has_content(self, digest: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone() is not None
        )

    def unique_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted#2``, ``#3``... when another article already has that id."""
        candidate, n = wanted, 1
        while self.db.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}#{n}"
        return candidate

    def insert_article(
        self,
        db: sqlite3.Connection,
        document: Document,
        digest: str,
        extractor_version: int,
        lead: str,
    ) -> int:
        article = document.article
        cursor = db.execute(
            "INSERT INTO articles (id, content_hash, text, format, title, published, outlet, url, language,"
            " encoding, source, lead, analysis, extractor_version, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                digest,
                article.text,
                article.format,
                article.title,
                article.published,
                article.outlet,
                article.url,
                article.language,
                article.encoding,
                article.path,
                lead,
                analysis_to_json(document),
                extractor_version,
                now(),
            ),
        )
        return int(cursor.lastrowid)

    def replace_analysis(
        self, db: sqlite3.Connection, rowid: int, document: Document, extractor_version: int, lead: str
    ) -> None:
        article = document.article
        db.execute(
            "UPDATE articles SET analysis = ?, extractor_version = ?, language = ?, title = ?, published = ?,"
            " lead = ? WHERE rowid = ?",
            (
                analysis_to_json(document),
                extractor_version,
                article.language,
                article.title,
                article.published,
                lead,
                rowid,
            ),
        )

    def article_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def size(self) -> int:
        """About how many articles the store holds (the largest rowid: O(1), unlike COUNT)."""
        return int(self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0])

    def link_features(self, rowids: list[int]) -> list[Features]:
        """Linking features of many articles at once: ids and days, anchors, vectors."""
        if not rowids:
            return []
        meta: dict[int, tuple[str, str | None, str | None]] = {}
        anchors: dict[int, set[str]] = {r: set() for r in rowids}
        vectors: dict[int, np.ndarray] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, id_, published, language in self.db.execute(
                f"SELECT rowid, id, published, language FROM articles WHERE rowid IN ({marks})", chunk
            ):
                meta[rowid] = (id_, published, language)
            for anchor, article in self.db.execute(
                f"SELECT anchor, article FROM anchors WHERE article IN ({marks})", chunk
            ):
                anchors[article].add(anchor)
            for article, blob in self.db.execute(
                f"SELECT article, vector FROM embeddings WHERE article IN ({marks})", chunk
            ):
                vectors[article] = np.frombuffer(blob, dtype=np.float32)
        return [
            Features(
                rowid=rowid,
                article_id=meta[rowid][0],
                day=day_number(meta[rowid][1]),
                anchors=frozenset(anchors[rowid]),
                vector=vectors.get(rowid),
                order=(meta[rowid][1] or "9999", meta[rowid][0]),
                language=meta[rowid][2],
            )
            for rowid in rowids
            if rowid in meta
        ]

    def _article(self, row: Sequence) -> StoredArticle:
        rowid, id_, text, format_, title, published, outlet, url, language, encoding, source = row
        article = Article(
            id=id_,
            text=text,
            format=format_,
            title=title,
            published=published,
            outlet=outlet,
            url=url,
            language=language,
            path=source,
            encoding=encoding,
        )
        return StoredArticle(rowid, article)

    def article(self, article_id: str) -> StoredArticle | None:
        row = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return self._article(row) if row else None

    def articles(self, rowids: Iterable[int] | None = None) -> list[StoredArticle]:
        if rowids is None:
            rows = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid").fetchall()
        else:
            wanted = list(rowids)
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(
                    f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE rowid IN ({marks})", chunk
                ).fetchall()
            order = {r: i for i, r in enumerate(wanted)}
            rows.sort(key=lambda row: order[row[0]])
        return [self._article(row) for row in rows]

    def document(self, rowid: int) -> Document:
        row = self.db.execute(
            f"SELECT {ARTICLE_COLUMNS}, analysis FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
        if row is None:
            raise ParallaxError(f"no article {rowid} in {self.path}")
        stored = self._article(row[:-1])
        return analysis_from_json(stored.article, row[-1])

    def rowid_of(self, article_id: str) -> int:
        rowid = self.rowid_or_none(article_id)
        if rowid is None:
            raise ParallaxError(f"{article_id}: no such article in {self.path}")
        return rowid

    def rowid_or_none(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        return int(row[0]) if row else None

    def published_after(self, rowid: int) -> dict[int, str | None]:
        """The publication date of every article stored after ``rowid``."""
        return dict(self.db.execute("SELECT rowid, published FROM articles WHERE rowid > ?", (rowid,)))

    def story_of_article(self, article_id: str) -> str | None:
        rowid = self.rowid_or_none(article_id)
        return story_of(self.db, rowid) if rowid is not None else None

    def story_rowids(self, story: str) -> list[int]:
        """A story's articles, oldest first (undated last), then by id: the order readers see."""
        rows = self.db.execute(
            "SELECT m.article FROM story_members m JOIN articles a ON a.rowid = m.article"
            " WHERE m.story = ? ORDER BY COALESCE(a.published, '9999'), a.id",
            (story,),
        )
        return [int(r[0]) for r in rows]

    def languages(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language"
        )
        return [r[0] for r in rows]

    def outlet_rows(self) -> list[tuple]:
        """(outlet, articles, stories, languages joined by commas, first and last published)."""
        return self.db.execute(
            "SELECT a.outlet, COUNT(*), COUNT(DISTINCT m.story), GROUP_CONCAT(DISTINCT a.language),"
            " MIN(a.published), MAX(a.published)"
            " FROM articles a LEFT JOIN story_members m ON m.article = a.rowid"
            " WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY COUNT(*) DESC, a.outlet"
        ).fetchall()

    def has_outlet(self, outlet: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE outlet = ? LIMIT 1", (outlet,))
        return row.fetchone() is not None

    def story_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(DISTINCT story) FROM story_members").fetchone()[0])

    def outdated_articles(self, extractor_version: int) -> list[int]:
        rows = self.db.execute(
            "SELECT rowid FROM articles WHERE extractor_version < ? ORDER BY rowid", (extractor_version,)
        )
        return [int(r[0]) for r in rows]

    # -- embeddings and anchors ---------------------------------------------------------------

    def put_embedding(self, db: sqlite3.Connection, rowid: int, encoder: str, vector: np.ndarray) -> None:
        db.execute(
            "INSERT OR REPLACE INTO embeddings (article, encoder, vector) VALUES (?, ?, ?)",
            (rowid, encoder, np.asarray(vector, dtype=np.float32).tobytes()),
        )

    def embeddings(self, after_rowid: int = 0) -> Iterator[tuple[int, np.ndarray]]:
        rows = self.db.execute(
            "SELECT article, vector FROM embeddings WHERE article > ? ORDER BY article", (after_rowid,)
        )
        for rowid, blob in rows:
            yield int(rowid), np.frombuffer(blob, dtype=np.float32)

    def embedding(self, rowid: int) -> np.ndarray | None:
        row = self.db.execute("SELECT vector FROM embeddings WHERE article = ?", (rowid,)).fetchone()
        return np.frombuffer(row[0], dtype=np.float32) if row else None

    def embedding_state(self) -> tuple[int, int]:
        """(count, largest article rowid) of the stored embeddings: what a derived index must match."""
        count, largest = self.db.execute(
            "SELECT COUNT(*), COALESCE(MAX(article), 0) FROM embeddings"
        ).fetchone()
        return int(count), int(largest)

    def embeddings_up_to(self, rowid: int) -> int:
        """How many embeddings are stored for articles up to ``rowid``."""
        row = self.db.execute("SELECT COUNT(*) FROM embeddings WHERE article <= ?", (rowid,)).fetchone()
        return int(row[0])

    # -- cached comparisons -------------------------------------------------------------------

    def comparison(self, story: str) -> tuple[str, bytes] | None:
        """The cached comparison of a story: (fingerprint, compressed record)."""
        row = self.db.execute(
            "SELECT fingerprint, record FROM comparisons WHERE story = ?", (story,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put_comparison(self, story: str, fingerprint: str, record: bytes) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO comparisons (story, fingerprint, record) VALUES (?, ?, ?)",
                (story, fingerprint, record),
            )

    def put_anchors(self, db: sqlite3.Connection, rowid: int, day: int, anchors: Iterable[str]) -> None:
        """Replace an article's anchors, keeping the per-anchor article counts exact."""
        old = [r[0] for r in db.execute("SELECT anchor FROM anchors WHERE article = ?", (rowid,))]
        db.executemany(
            "UPDATE anchor_counts SET articles = articles - 1 WHERE anchor = ?", [(a,) for a in old]
        )
        db.execute("DELETE FROM anchors WHERE article = ?", (rowid,))
        new = sorted(set(anchors))
        db.executemany(
            "INSERT INTO anchors (anchor, day, article) VALUES (?, ?, ?)", [(a, day, rowid) for a in new]
        )
        db.executemany(
            "INSERT INTO anchor_counts (anchor, articles) VALUES (?, 1)"
            " ON CONFLICT (anchor) DO UPDATE SET articles = articles + 1",
            [(a,) for a in new],
        )

    def anchors_of(self, rowid: int) -> frozenset[str]:
        return frozenset(
            r[0] for r in self.db.execute("SELECT anchor FROM anchors WHERE article = ?", (rowid,))
        )

    def articles_with_anchor(self, anchor: str, first_day: int, last_day: int, limit: int) -> list[int]:
        """Articles carrying ``anchor`` published in [first_day, last_day] or undated."""
        rows = self.db.execute(
            "SELECT article FROM anchors WHERE anchor = ? AND (day BETWEEN ? AND ? OR day = -1) LIMIT ?",
            (anchor, first_day, last_day, limit),
        )
        return [int(r[0]) for r in rows]

    def anchor_frequencies(self, anchors: Iterable[str]) -> dict[str, int]:
        wanted = list(anchors)
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for anchor, count in self.db.execute(
                f"SELECT anchor, articles FROM anchor_counts WHERE anchor IN ({marks})", chunk
            ):
                found[anchor] = int(count)
        return found

    def corrections(self) -> list[dict]:
        """Analysts' corrections, in the order they were made (the linker keeps to them)."""
        return corrections(self.db)

    # -- feeds --------------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict:
        row = self.db.execute("SELECT state FROM feeds WHERE url = ?", (url,)).fetchone()
        return json.loads(row[0]) if row else {}

    def save_feed_state(self, url: str, state: dict) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feeds (url, state) VALUES (?, ?)"
                " ON CONFLICT (url) DO UPDATE SET state = excluded.state",
                (url, json.dumps(state)),
            )

    # -- settings -----------------------------------------------------------------------------

    def setting(self, name: str, default: str | None = None) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        except sqlite3.OperationalError:  # a store of schema 1, opened read-only: no settings yet
            return default
        return row[0] if row else default

    def set_setting(self, name: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

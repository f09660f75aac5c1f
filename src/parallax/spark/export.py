"""``parallax spark export``: load a slice of the Spark tables into the embedded store.

The slice is read with pyarrow (no JVM needed) and written through the store's own
functions: articles with their stored analysis (never re-extracted), embeddings, anchors,
then the stories and memberships exactly as Spark computed them, and the accepted links.
``parallax serve`` and ``parallax compare --story ID`` then work on the store as on one
filled by ``parallax ingest``; the vector index is rebuilt from the store when it is opened.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..model import ParallaxError
from .job import ARTICLE_COLUMNS, SUMMARY_FILE
from .tables import UNDATED

if TYPE_CHECKING:
    import pyarrow.compute

    from ..store import Store

BATCH = 500


@dataclass
class ExportSummary:
    articles: int = 0
    duplicates: int = 0
    stories: set[str] = field(default_factory=set)
    links: int = 0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "duplicates": self.duplicates,
            "stories": len(self.stories),
            "links": self.links,
        }


def _dataset(folder: Path, table: str):
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = folder / table
    if not path.is_dir():
        raise ParallaxError(
            f"{folder}: no '{table}' table here (is it the output of `parallax spark ingest`?)"
        )
    partitioning = ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=partitioning)


def slice_filter(
    languages: Sequence[str] = (),
    outlets: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> pyarrow.compute.Expression | None:
    """A pyarrow filter on articles: any of the languages, any of the outlets, dates in range."""
    import pyarrow.dataset as ds

    conditions = []
    if languages:
        conditions.append(ds.field("language").isin(list(languages)))
    if outlets:
        conditions.append(ds.field("outlet").isin(list(outlets)))
    if since or until:
        conditions.append(ds.field("date") != UNDATED)
    if since:
        conditions.append(ds.field("date") >= since[:10])
    if until:
        conditions.append(ds.field("date") <= until[:10])
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


def export_slice(
    folder: str | os.PathLike,
    store_path: str | os.PathLike | None,
    *,
    languages: Sequence[str] = (),
    outlets: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    whole_stories: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ExportSummary:
    """Load the articles of the slice (or, with ``whole_stories``, every article of the stories
    the slice touches) into the store at ``store_path``."""
    import pyarrow.dataset as ds

    from ..store import Store

    folder = Path(folder)
    job = _job_summary(folder)
    articles = _dataset(folder, "articles")
    wanted = slice_filter(languages, outlets, since, until)
    if whole_stories and wanted is not None:
        touched = articles.to_table(columns=["story_id"], filter=wanted).column("story_id").to_pylist()
        wanted = ds.field("story_id").isin(sorted(set(touched)))
    summary = ExportSummary()
    with Store(store_path) as store:
        if job.get("encoder") and job["encoder"] != store.encoder.name:
            raise ParallaxError(
                f"{folder}: embedded with {job['encoder']}, but this store uses {store.encoder.name}"
            )
        encoder = job.get("encoder") or store.encoder.name
        rowids = _load_articles(store, _rows(articles, wanted), encoder, summary, progress)
        summary.links = _load_links(store, folder, rowids)
        store.index  # noqa: B018 -- brings the vector index up to date with the new embeddings
    return summary


def _load_articles(
    store: Store,
    rows: Iterable[dict],
    encoder: str,
    summary: ExportSummary,
    progress: Callable[[str], None] | None,
) -> dict[str, int]:
    """Store the article rows in batches; the store's row of each article id loaded."""
    rowids: dict[str, int] = {}
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            _load_batch(store, batch, encoder, rowids, summary, progress)
            batch = []
    if batch:
        _load_batch(store, batch, encoder, rowids, summary, progress)
    return rowids


def _job_summary(folder: Path) -> dict:
    path = folder / SUMMARY_FILE
    if not path.exists():
        raise ParallaxError(f"{folder}: no {SUMMARY_FILE} (not a finished `parallax spark ingest` output)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParallaxError(f"{path}: unreadable job summary ({error})") from None


def _rows(dataset, wanted) -> Iterator[dict]:
    for batch in dataset.to_batches(columns=list(ARTICLE_COLUMNS), filter=wanted, batch_size=BATCH):
        yield from batch.to_pylist()


def _load_batch(store, rows: list[dict], encoder: str, rowids: dict[str, int], summary, progress) -> None:
    from ..database.codec import analysis_from_json
    from ..database.stories import create_story, set_member
    from ..link.features import day_number
    from .analysis import article_from_row

    database = store.db
    with database.transaction() as db:
        for row in rows:
            if database.has_content(row["content_hash"]):
                summary.duplicates += 1
                continue
            article = article_from_row(row, database.unique_id(row["article_id"]))
            document = analysis_from_json(article, row["analysis"])
            rowid = database.insert_article(
                db, document, row["content_hash"], int(row["extractor_version"]), row["lead"] or ""
            )
            database.put_embedding(db, rowid, encoder, np.asarray(row["vector"], dtype=np.float32))
            database.put_anchors(db, rowid, day_number(row["published"]), row["anchors"] or [])
            story = row["story_id"]
            if not db.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
                story = create_story(db, story)
            set_member(db, rowid, story)
            rowids[row["article_id"]] = rowid
            summary.articles += 1
            summary.stories.add(story)
            if progress:
                progress(row["article_id"])


def _load_links(store, folder: Path, rowids: dict[str, int]) -> int:
    """The accepted links between exported articles (what `parallax stories` shows as evidence)."""
    if not rowids or not (folder / "links").is_dir():
        return 0
    links = _dataset(folder, "links")
    count = 0
    with store.db.transaction() as db:
        for batch in links.to_batches(columns=["article_a", "article_b", "score"]):
            for row in batch.to_pylist():
                a, b = rowids.get(row["article_a"]), rowids.get(row["article_b"])
                if a is None or b is None:
                    continue
                db.execute(
                    "INSERT OR REPLACE INTO links (a, b, score) VALUES (?, ?, ?)",
                    (min(a, b), max(a, b), row["score"]),
                )
                count += 1
    return count

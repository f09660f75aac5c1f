"""How ingest and linking scale: articles per second, per-article linking time, memory, store size.

    .venv/bin/python benchmarks/linking_scale.py full --articles 10000
    .venv/bin/python benchmarks/linking_scale.py index --sizes 10000 100000 1000000

Two costs, measured apart (a session cannot encode a million articles on 2 cores):

* ``full``  — the whole pipeline (cleaning, language, sentences, facts, the encoder on title and
  lead, store, linking) on real-shaped articles: the bundled and dev corpora's stories copied
  to new dates with their figures changed per copy, so every copy is a new story of the same
  shape. Prints articles per second end to end (target >= 12 on 2 cores: 1M a day).
* ``index`` — the store, the vector index and the linker alone, at growing sizes, with
  synthetic vectors and anchors of the real shape (story clusters in a 384-dimension space,
  Zipf-distributed common anchors plus a few story-specific ones, a year of publication days).
  Prints the per-article linking time at each size (target: flat within 2x from 10k to 1M),
  peak memory (target <= 1 GB RSS per 1M indexed) and store size.

Every figure is printed next to a baseline measured in the same run (the first checkpoint).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DIM = 384


def installed_cache(folder: Path) -> Path:
    """A cache directory as a fresh install leaves it: language tables prepared, no embeddings.

    Set for this process and the processes it starts, so no figure rides on sentences a
    previous run encoded.
    """
    import os

    from parallax import api

    cache = folder / "cache"
    os.environ["PARALLAX_CACHE"] = str(cache)
    api.prepare()
    return cache


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_size_mb(path: Path) -> float:
    files = [p for p in path.parent.glob(path.name + "*") if p.is_file()]
    files += [p for p in path.parent.glob(path.name + ".index/*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


# -- full pipeline ------------------------------------------------------------------------------


def template_stories() -> list[list[dict]]:
    """The labelled stories of the dev corpus, as lists of records."""
    dev = ROOT / "benchmarks" / "corpora" / "dev"
    records = {r["id"]: r for r in map(json.loads, (dev / "articles.jsonl").read_text().splitlines())}
    stories: dict[str, list[dict]] = {}
    for line in (dev / "labels.tsv").read_text().splitlines()[1:]:
        article, story = line.split("\t")
        stories.setdefault(story, []).append(records[article])
    return list(stories.values())


NUMBER = re.compile(r"\d{3,}")


def real_shaped_articles(count: int, seed: int = 7) -> Iterator:
    from parallax.model import Article

    rng = random.Random(seed)
    templates = template_stories()
    made, copy = 0, 0
    while made < count:
        story = rng.choice(templates)
        factor = rng.uniform(0.5, 2.0)
        day_shift = rng.randrange(0, 365)
        copy += 1
        for record in story:
            if made >= count:
                return
            text = NUMBER.sub(lambda m, f=factor: str(max(100, round(int(m.group()) * f))), record["text"])
            # A copy marker in the body (not only the title) keeps every copy a distinct article.
            text = text.replace("\n", f" №{copy}.\n", 1) if "\n" in text else f"{text} №{copy}."
            published = _shift(record["published"], day_shift)
            yield Article(
                id=f"copy{copy}-{record['id']}",
                text=f"{text}\n({copy})",
                title=f"{record['title']} ({copy})",
                published=published,
                outlet=record.get("source"),
                language=record.get("language"),
            )
            made += 1


def _shift(published: str, days: int) -> str:
    import datetime as dt

    moment = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    return (moment + dt.timedelta(days=days)).isoformat()


def run_full(count: int) -> None:
    from parallax.store import Store

    with tempfile.TemporaryDirectory() as folder:
        installed_cache(Path(folder))
        path = Path(folder) / "store.sqlite"
        with Store(path) as store:
            store.encoder.model  # noqa: B018 -- load the model before the clock starts
            started = time.perf_counter()
            checkpoints, done = {}, 0
            marks = sorted({min(count, m) for m in (100, 1000, count)})

            def progress(event: str, item: str) -> None:
                nonlocal done
                done += event == "ingested"
                if done in marks and done not in checkpoints:
                    checkpoints[done] = time.perf_counter() - started

            summary = store.add_articles(real_shaped_articles(count), progress)
            elapsed = time.perf_counter() - started
        print("full pipeline, real-shaped articles (extraction, encoder on title + lead, store, linking)")
        rejected = len(summary.rejected)
        print(f"  articles {summary.ingested}, duplicates {summary.duplicates}, rejected {rejected}")
        base_rate = None
        for mark in sorted(checkpoints):
            rate = mark / checkpoints[mark]
            base_rate = base_rate or rate
            print(
                f"  after {mark:6d}: {rate:6.1f} articles/s  ({rate / base_rate:4.2f}x the first checkpoint)"
            )
        rate = summary.ingested / elapsed
        print(f"  end to end: {rate:.1f} articles/s (target >= 12), {elapsed:.0f} s")
        print(f"  peak RSS {peak_rss_mb():.0f} MB, store {folder_size_mb(path):.1f} MB")


# -- index and store alone ------------------------------------------------------------------------


def synthetic_articles(count: int, seed: int = 11) -> Iterator[tuple[int, np.ndarray, frozenset[str], int]]:
    """(day, vector, anchors, story) in publication order, with story structure."""
    rng = np.random.default_rng(seed)
    vocabulary = 20_000
    zipf_weights = 1.0 / np.arange(1, vocabulary + 1) ** 1.1
    zipf_weights /= zipf_weights.sum()
    stories_per_day = max(1, count // (365 * 3))
    made, story = 0, 0
    for day in range(365 * 1000):
        for _ in range(stories_per_day):
            story += 1
            centre = rng.standard_normal(DIM).astype(np.float32)
            size = int(min(12, rng.geometric(0.3)))
            specific = [f"q:thing:{story}", f"d:{day}", f"person:p{story}", f"q:usd:{story * 7}"]
            for member in range(size):
                vector = centre + 0.35 * rng.standard_normal(DIM).astype(np.float32)
                vector /= np.linalg.norm(vector)
                common = rng.choice(vocabulary, size=6, p=zipf_weights)
                anchors = frozenset([*specific[: 2 + member % 3], *(f"place:c{c}" for c in common)])
                yield day + member % 2, vector, anchors, story
                made += 1
                if made >= count:
                    return


MEASURED = 1000  # articles linked one by one at each size


def bulk_load(database, index, items, first_rowid: int) -> int:
    """Store synthetic articles with their true story as membership, without linking them:
    the state a store of that size would be in, reached in minutes instead of hours."""
    db = database.db
    rowid = first_rowid
    with database.transaction():
        for day, vector, anchors, story in items:
            store_synthetic(database, rowid, day, vector, anchors)
            story_id = f"syn{story}"
            db.execute(
                "INSERT OR IGNORE INTO stories (id, created_at, updated_at) VALUES (?, '', '')", (story_id,)
            )
            db.execute("INSERT INTO story_members (article, story) VALUES (?, ?)", (rowid, story_id))
            index.add(rowid, day, vector)
            rowid += 1
    return rowid


def store_synthetic(database, rowid: int, day: int, vector, anchors) -> str:
    """One synthetic article row with its embedding and anchors; returns its id."""
    article_id = f"a{rowid}"
    database.db.execute(
        "INSERT INTO articles (rowid, id, content_hash, text, format, published, analysis,"
        " extractor_version, ingested_at) VALUES (?, ?, ?, '', 'text', ?, '{}', 1, '')",
        (rowid, article_id, article_id, published_of(day)),
    )
    database.put_embedding(database.db, rowid, "synthetic", vector)
    database.put_anchors(database.db, rowid, day, anchors)
    return article_id


def published_of(day: int) -> str:
    import datetime as dt

    return (dt.date(2024, 1, 1) + dt.timedelta(days=day)).isoformat()


def run_index(sizes: list[int]) -> None:
    from parallax.database import Database
    from parallax.database.stories import StoryTables
    from parallax.link.features import Features
    from parallax.link.index import VectorIndex
    from parallax.link.linker import Linker

    print("index and store alone, synthetic vectors and anchors of the real shape")
    print(f"(bulk-loaded to each size, then {MEASURED} more articles linked one by one and timed)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.sqlite"
        database = Database(path)
        index = VectorIndex(path.with_name("store.sqlite.index"), DIM)
        stream = synthetic_articles(max(sizes) + MEASURED * len(sizes))
        rowid, baseline = 1, None
        for size in sorted(sizes):
            started = time.perf_counter()
            while rowid <= size:
                chunk = list(itertools.islice(stream, min(10_000, size - rowid + 1)))
                rowid = bulk_load(database, index, chunk, rowid)
            loaded = time.perf_counter() - started
            linker = Linker(database, index)
            timings = []
            stories = StoryTables(database.db)
            for day, vector, anchors, _ in itertools.islice(stream, MEASURED):
                with database.transaction():
                    article_id = store_synthetic(database, rowid, day, vector, anchors)
                    features = Features(
                        rowid, article_id, day, anchors, vector, (published_of(day), article_id)
                    )
                    t = time.perf_counter()
                    linker.link(stories, features)
                    index.add(rowid, day, vector)
                    timings.append(time.perf_counter() - t)
                rowid += 1
            index.save()
            per_article = 1000 * sorted(timings)[len(timings) // 2]
            mean = 1000 * sum(timings) / len(timings)
            baseline = baseline or per_article
            print(
                f"  {size:8d} articles: linking median {per_article:6.2f} ms, mean {mean:6.2f} ms per article"
                f" ({per_article / baseline:4.2f}x the first size); peak RSS {peak_rss_mb():7.0f} MB;"
                f" store {folder_size_mb(path):8.1f} MB; bulk load {loaded:6.0f} s"
            )
            sys.stdout.flush()
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    modes = parser.add_subparsers(dest="mode", required=True)
    full = modes.add_parser("full")
    full.add_argument("--articles", type=int, default=10_000)
    index = modes.add_parser("index")
    index.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    if args.mode == "full":
        run_full(args.articles)
    else:
        run_index(sorted(args.sizes))


if __name__ == "__main__":
    main()

"""The Spark job against the local path: throughput on generated articles, agreement on labelled ones.

    .venv/bin/python benchmarks/spark_scale.py throughput --articles 10000 [--master local[2]]
    .venv/bin/python benchmarks/spark_scale.py agreement [--corpus dev examples]

* ``throughput`` — the same real-shaped articles (``linking_scale.real_shaped_articles``: the dev
  corpus's stories copied to new dates with new figures), written once as JSONL, go through
  ``parallax spark ingest`` in local mode and through the local ``Store.ingest``. Prints both
  rates (articles per second, end to end: reading, cleaning, language, sentences, facts, the
  encoder on title + lead, linking, writing), their ratio, the Spark job's candidate pairs per
  article and its output size, and how the Spark stories agree with the local relink's.
* ``agreement`` — on the labelled corpora (dev: 65 articles, 13 languages; examples): the
  facts of every article against ``analyse`` (byte-identical analyses), and the stories
  against the local deterministic relink (B-cubed F1, ids), with any difference listed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def write_jsonl(count: int, path: Path) -> None:
    from linking_scale import real_shaped_articles

    with path.open("w", encoding="utf-8") as handle:
        for article in real_shaped_articles(count):
            record = {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "published": article.published,
                "source": article.outlet,
                "language": article.language,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run_local(inputs: list[str], folder: Path) -> tuple[float, dict[str, str], dict[str, str], object]:
    """(ingest seconds, incremental stories, relinked stories, summary) of the local path."""
    from parallax.store import Store

    with Store(folder / "local.sqlite") as store:
        store.encoder.model  # noqa: B018 -- load the model before the clock starts
        started = time.perf_counter()
        summary = store.ingest(inputs)
        seconds = time.perf_counter() - started
        incremental = {a: s.id for s in store.stories() for a in s.documents}
        relink_started = time.perf_counter()
        store.relink()
        print(f"  local relink: {time.perf_counter() - relink_started:.0f} s")
        relinked = {a: s.id for s in store.stories() for a in s.documents}
    return seconds, incremental, relinked, summary


def run_spark(inputs: list[str], output: Path, master: str, partitions: int):
    from parallax.spark.job import create_session, run_ingest

    started = time.perf_counter()
    spark = create_session(master, partitions=partitions)
    session_seconds = time.perf_counter() - started
    try:
        started = time.perf_counter()
        summary = run_ingest(spark, inputs, str(output))
        seconds = time.perf_counter() - started
    finally:
        spark.stop()
    return seconds, session_seconds, summary


def anchors_per_article(output: Path) -> float:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    table = ds.dataset(str(output / "articles"), format="parquet", partitioning="hive")
    anchors = table.to_table(columns=["anchors"]).column("anchors")
    return pc.mean(pc.list_value_length(anchors)).as_py() or 0.0


def spark_stories(output: Path) -> dict[str, str]:
    import pyarrow.dataset as ds

    table = ds.dataset(str(output / "story_members"), format="parquet", partitioning="hive").to_table()
    return dict(
        zip(table.column("article_id").to_pylist(), table.column("story_id").to_pylist(), strict=True)
    )


def compare_stories(spark: dict[str, str], local: dict[str, str]) -> str:
    from parallax.evaluation.clusters import bcubed

    score = bcubed(spark, local)
    same_ids = sum(spark.get(a) == s for a, s in local.items()) / max(len(local), 1)
    return f"B-cubed {score} against the local relink, same story ids for {same_ids:.1%} of articles"


def throughput(count: int, master: str, partitions: int) -> None:
    from linking_scale import installed_cache

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        installed_cache(folder)
        corpus = folder / "articles.jsonl"
        write_jsonl(count, corpus)
        print(f"{count} real-shaped articles, {corpus.stat().st_size / 1e6:.1f} MB of JSONL")
        spark_seconds, session_seconds, summary = run_spark([str(corpus)], folder / "out", master, partitions)
        spark_rate = summary.articles / spark_seconds
        print(
            f"spark ({master}): {summary.articles} articles, {summary.stories} stories"
            f" in {spark_seconds:.0f} s (+{session_seconds:.0f} s session start): {spark_rate:.2f} articles/s"
        )
        print(
            f"  candidate pairs {summary.candidate_pairs} ({summary.candidate_pairs / summary.articles:.1f}"
            f" per article), links {summary.links}, output {folder_mb(folder / 'out'):.1f} MB,"
            f" {anchors_per_article(folder / 'out'):.1f} anchors per article"
        )
        local_seconds, incremental, relinked, local_summary = run_local([str(corpus)], folder)
        local_rate = local_summary.ingested / local_seconds
        print(
            f"local (Store.ingest): {local_summary.ingested} articles in {local_seconds:.0f} s:"
            f" {local_rate:.2f} articles/s"
        )
        print(f"ratio spark / local: {spark_rate / local_rate:.2f}")
        stories = spark_stories(folder / "out")
        print(f"stories: {compare_stories(stories, relinked)}")
        own = compare_stories(incremental, relinked)
        print(f"  (the local incremental ingest against its own relink: {own})")


def agreement(corpora: list[str], master: str, partitions: int) -> None:
    from parallax.database.codec import analysis_to_json
    from parallax.ingest.sources import iter_articles
    from parallax.model import Article
    from parallax.pipeline import analyse
    from parallax.spark.job import create_session, run_ingest

    paths = {
        "dev": [str(ROOT / "benchmarks" / "corpora" / "dev" / "articles.jsonl")],
        "examples": [str(ROOT / "examples")],
    }
    spark = create_session(master, partitions=partitions)
    try:
        for name in corpora:
            inputs = paths[name]
            with tempfile.TemporaryDirectory() as folder_name:
                folder = Path(folder_name)
                summary = run_ingest(spark, inputs, str(folder / "out"))
                import pyarrow.dataset as ds

                table = ds.dataset(str(folder / "out" / "articles"), format="parquet", partitioning="hive")
                rows = table.to_table(columns=["article_id", "analysis"]).to_pylist()
                analysed = {r["article_id"]: r["analysis"] for r in rows}
                local_docs = {i.id: analyse(i) for i in iter_articles(inputs) if isinstance(i, Article)}
                identical = sum(analysed.get(k) == analysis_to_json(d) for k, d in local_docs.items())
                facts = sum(len(d.facts) for d in local_docs.values())
                _, _, relinked, _ = run_local(inputs, folder)
                stories = spark_stories(folder / "out")
                print(
                    f"{name}: {summary.articles} articles, {facts} facts; identical analyses"
                    f" {identical}/{len(local_docs)}; {summary.stories} stories"
                )
                print(f"  {compare_stories(stories, relinked)}")
                for article in sorted(relinked):
                    if stories.get(article) != relinked[article]:
                        print(
                            f"  differs: {article}: spark {stories.get(article)}, local {relinked[article]}"
                        )
    finally:
        spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    modes = parser.add_subparsers(dest="mode", required=True)
    rate = modes.add_parser("throughput")
    rate.add_argument("--articles", type=int, default=10_000)
    agree = modes.add_parser("agreement")
    agree.add_argument("--corpus", nargs="+", default=["dev", "examples"], choices=["dev", "examples"])
    for mode in (rate, agree):
        mode.add_argument("--master", default="local[2]")
        mode.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    if args.mode == "throughput":
        throughput(args.articles, args.master, args.partitions)
    else:
        agreement(args.corpus, args.master, args.partitions)


if __name__ == "__main__":
    main()

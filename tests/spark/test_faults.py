"""Bad records are counted and written to `rejected` with their reasons while the job goes on;
duplicates and repeated ids are handled as the local ingest handles them; re-running the job on
the same input gives the same tables."""

from __future__ import annotations

import pytest

from conftest import read_table
from corpus import write_corpus
from parallax.ingest.run import Rejected
from parallax.ingest.sources import iter_articles
from parallax.spark.job import run_ingest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def faulty(spark, tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("faulty") / "corpus")
    output = tmp_path_factory.mktemp("faulty-out") / "tables"
    summary = run_ingest(spark, [str(folder)], str(output))
    return folder, output, summary


def test_bad_records_are_rejected_with_their_reasons_and_the_rest_goes_on(faulty):
    folder, output, summary = faulty
    rejected = read_table(output, "rejected")
    local = {(r.source, r.reason) for r in iter_articles([str(folder)]) if isinstance(r, Rejected)}
    # The same rejections, worded the same, as the local reader gives.
    assert {(r["source"], r["reason"]) for r in rejected} == local
    kinds = {r["kind"] for r in rejected}
    assert {"broken_record", "no_text", "undecodable"} <= kinds
    assert summary.rejected == len(rejected) == 5
    assert summary.rejected_by_kind["broken_record"] == 2  # the JSON line and the WARC member
    articles = {a["article_id"] for a in read_table(output, "articles")}
    assert articles == {
        "rail-ru",
        "rail-en",
        "grain-de",
        "rail-en#2",
        "https://steppe.example/kk/grain",
        "https://steppe.example/tr/grain",
    }


def test_duplicates_keep_the_first_copy_as_the_local_ingest_does(faulty, tmp_path):
    from parallax.store import Store

    folder, output, summary = faulty
    duplicates = read_table(output, "duplicates")
    assert [(d["article_id"], d["duplicate_of"]) for d in duplicates] == [("rail-ru-copy", "rail-ru")]
    assert summary.duplicates == 1
    with Store(tmp_path / "store.sqlite") as store:
        local = store.ingest([str(folder)])
        store.relink()
        local_stories = {a: s.id for s in store.stories() for a in s.documents}
    assert local.duplicates == 1 and local.ingested == summary.articles
    spark_stories = {m["article_id"]: m["story_id"] for m in read_table(output, "story_members")}
    assert spark_stories == local_stories


def test_a_rerun_overwrites_its_partitions_with_the_same_tables(spark, faulty):
    folder, output, first = faulty
    tables = ("articles", "facts", "mentions", "stories", "story_members", "links", "rejected", "duplicates")
    before = {name: _rows(output, name) for name in tables}
    second = run_ingest(spark, [str(folder)], str(output))
    after = {name: _rows(output, name) for name in tables}
    for name in tables:
        assert after[name] == before[name], name
    assert (second.articles, second.stories, second.rejected) == (
        first.articles,
        first.stories,
        first.rejected,
    )
    assert not (output / "_staging").exists()


def _rows(output, name):
    rows = read_table(output, name)
    return sorted(repr(sorted(row.items())) for row in rows)


def test_python_workers_run_the_encoder_on_one_thread_each(spark):
    import os

    def threads(_):
        return os.environ.get("OMP_NUM_THREADS")

    assert set(spark.sparkContext.parallelize(range(4), 2).map(threads).collect()) == {"1"}

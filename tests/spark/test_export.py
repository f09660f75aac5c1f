"""`parallax spark export` loads a slice of the Spark tables into the embedded store, stories as
Spark computed them, so that `compare --story` and `serve` work on it."""

from __future__ import annotations

import json

import pytest

from conftest import read_table
from parallax.cli import main
from parallax.spark.export import export_slice
from parallax.store import Store

pytestmark = pytest.mark.slow


def test_the_whole_output_exported_gives_the_spark_stories(example_run, local_examples, tmp_path):
    output, summary = example_run
    _, local_stories = local_examples
    store_path = tmp_path / "spark.sqlite"
    exported = export_slice(output, store_path)
    assert exported.articles == summary.articles and len(exported.stories) == summary.stories
    assert exported.links == summary.links
    with Store(store_path) as store:
        stories = [s.as_dict() for s in store.stories()]
        assert stories == local_stories  # the stories contract, field for field
        first = stories[0]
        comparison = store.compare_story(first["id"])
        assert [d.id for d in comparison.documents] == first["documents"]
        assert comparison.facts
        assert store.index.count == summary.articles  # the vector index caught up with the store
    again = export_slice(output, store_path)
    assert again.articles == 0 and again.duplicates == summary.articles


def test_a_language_and_date_slice_loads_only_its_articles(example_run, tmp_path, capsys):
    output, _ = example_run
    articles = read_table(output, "articles")
    wanted = [a for a in articles if a["language"] in ("kk", "zh") and a["date"] >= "2025-01-01"]
    store_path = tmp_path / "slice.sqlite"
    code = main(
        [
            "spark",
            "export",
            "--input",
            str(output),
            "--store",
            str(store_path),
            "--language",
            "kk",
            "--language",
            "zh",
            "--since",
            "2025-01-01",
            "--json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["articles"] == len(wanted) > 0
    with Store(store_path) as store:
        loaded = {a.article.id for a in store.db.articles()}
        assert loaded == {a["article_id"] for a in wanted}
        members = {d: s.id for s in store.stories() for d in s.documents}
    assert members == {a["article_id"]: a["story_id"] for a in wanted}
    story = next(iter(members.values()))
    assert main(["compare", "--story", story, "--store", str(store_path), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {d["id"] for d in record["documents"]} <= loaded


def test_whole_stories_brings_the_other_languages_of_a_touched_story(example_run, tmp_path):
    output, _ = example_run
    articles = read_table(output, "articles")
    story = next(a["story_id"] for a in articles if a["language"] == "kk")
    kk_stories = {a["story_id"] for a in articles if a["language"] == "kk"}
    exported = export_slice(output, tmp_path / "whole.sqlite", languages=["kk"], whole_stories=True)
    assert exported.articles == sum(a["story_id"] in kk_stories for a in articles)
    assert story in exported.stories


def test_export_from_a_folder_that_is_no_job_output_is_a_clear_error(tmp_path, capsys):
    assert main(["spark", "export", "--input", str(tmp_path), "--store", str(tmp_path / "s.sqlite")]) == 1
    error = capsys.readouterr().err
    assert "_parallax.json" in error and str(tmp_path) in error

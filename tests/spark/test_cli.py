"""`parallax spark ingest` from the command line, in local mode, as the README shows it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import read_table
from corpus import write_corpus

pytestmark = pytest.mark.slow


def test_spark_ingest_runs_from_the_command_line(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    output = tmp_path / "tables"
    command = [
        sys.executable,
        "-m",
        "parallax.cli",
        "spark",
        "ingest",
        "--input",
        str(folder / "a-wire.jsonl"),
        str(folder / "b-crawl.warc.gz"),
        "--output",
        str(output),
        "--master",
        "local[2]",
        "--partitions",
        "4",
        "--json",
        "--strict",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr  # --strict: records were rejected
    summary = json.loads(done.stdout)
    assert summary["articles"] == 6 and summary["rejected"] == 3 and summary["duplicates"] == 1
    assert json.loads((output / "_parallax.json").read_text())["articles"] == 6
    assert len(read_table(output, "articles")) == 6
    assert "Traceback" not in done.stderr


def test_spark_help_lists_both_actions():
    done = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "spark", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "ingest" in done.stdout and "export" in done.stdout


def test_the_readable_summary_names_the_rejected_table_only_when_something_was_rejected(capsys):
    from parallax.spark.cli import print_summary
    from parallax.spark.job import JobSummary

    clean = JobSummary(inputs=["in"], output="out", articles=5, stories=1, files=5)
    print_summary(clean, as_json=False)
    printed = capsys.readouterr().out
    assert "5 articles in 1 story, 0 duplicates, 0 rejected" in printed
    assert "rejected records" not in printed
    faulty = JobSummary(
        inputs=["in"], output="out", articles=4, stories=2, rejected=1, rejected_by_kind={"no_text": 1}
    )
    print_summary(faulty, as_json=False)
    printed = capsys.readouterr().out
    assert "4 articles in 2 stories" in printed and "1 rejected (no_text 1)" in printed
    assert "the rejected records are in out/rejected" in printed

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

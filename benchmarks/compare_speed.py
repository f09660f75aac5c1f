"""Times ``compare`` on the bundled example corpus, each run in a fresh process with an empty cache.

    .venv/bin/python benchmarks/compare_speed.py

Per story, for all its sources and for its first two (the issue's targets are for two
articles of about 2,000 characters on 2 cores):

* cold   — process start to the first comparison done, on an empty cache directory (a first
           run after installing): imports, model load, building the stored name tables,
           extraction, encoder (target < 8 s for a pair).
* first  — the first comparison in a process whose model is already loaded, on a cache
           directory where ``parallax prepare`` (run once after installing) stored the language
           tables, and no sentence of the story is cached (target < 3 s).
* fresh  — the same on an empty cache directory, the language tables built on the way (no
           target; what a first comparison costs when ``parallax prepare`` was never run).
* warm   — the same comparison again: compiled language data, cached sentence vectors
           (target < 1 s).
* base   — extraction alone, warm (no encoder, no alignment): the baseline of the ratios.

facts/s = facts extracted / warm seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import json, sys, time
started = time.perf_counter()
import parallax
from parallax import api
from parallax.encode import default_encoder
files = sys.argv[2:]
t = time.perf_counter()
if sys.argv[1] == "preload":
    default_encoder().model
loaded = time.perf_counter() - t
t = time.perf_counter()
comparison = parallax.compare_articles(files)
first = time.perf_counter() - t
cold = time.perf_counter() - started
t = time.perf_counter()
parallax.compare_articles(files)
warm = time.perf_counter() - t
t = time.perf_counter()
documents = api.analyse_articles(files)
base = time.perf_counter() - t
print(json.dumps({"cold": cold, "first": first, "warm": warm, "base": base, "load": loaded,
                  "facts": sum(len(d.facts) for d in documents),
                  "chars": sum(len(d.article.text) for d in documents)}))
"""


def run(files: list[Path], preload: bool, prepared: bool = False) -> dict:
    """One measuring process on a new cache directory, where ``parallax prepare`` ran if asked."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PARALLAX_CACHE=cache, PYTHONPATH=str(ROOT / "src"))
        if prepared:
            subprocess.run([sys.executable, "-m", "parallax.cli", "prepare"], env=env, check=True,
                           capture_output=True)
        return _run_process(files, preload, env)


def _run_process(files: list[Path], preload: bool, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", RUN, "preload" if preload else "lazy", *map(str, files)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from parallax.api import iter_example_stories

    print(
        f"{'story':8} {'set':4} {'docs':>4} {'chars':>6} {'facts':>5} {'cold':>6} {'first':>6} {'fresh':>6} "
        f"{'warm':>6} "
        f"{'base':>6} {'warm/base':>9} {'facts/s':>8}"
    )
    pairs = []
    for name, files in iter_example_stories():
        for label, chosen in (("all", files), ("pair", files[:2])):
            cold = run(chosen, preload=False)
            fresh = run(chosen, preload=True)
            loaded = run(chosen, preload=True, prepared=True)
            row = {
                "cold": cold["cold"],
                "first": loaded["first"],
                "fresh": fresh["first"],
                "warm": loaded["warm"],
                "base": loaded["base"],
            }
            print(
                f"{name[:8]:8} {label:4} {len(chosen):4d} {cold['chars']:6d} {cold['facts']:5d} "
                f"{row['cold']:6.2f} {row['first']:6.2f} {row['fresh']:6.2f} {row['warm']:6.2f} "
                f"{row['base']:6.2f} {row['warm'] / row['base']:9.2f} "
                f"{cold['facts'] / row['warm']:8.0f}"
            )
            if label == "pair":
                pairs.append(row)
    print()
    print(
        f"pairs, worst of {len(pairs)}: cold {max(r['cold'] for r in pairs):.2f} s (target < 8), "
        f"first with model loaded {max(r['first'] for r in pairs):.2f} s (target < 3; "
        f"{max(r['fresh'] for r in pairs):.2f} s without `parallax prepare`), "
        f"warm {max(r['warm'] for r in pairs):.2f} s (target < 1)"
    )


if __name__ == "__main__":
    main()

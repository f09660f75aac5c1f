"""How extraction time grows with the length of one text: seconds per KB from 10 KB to 5 MB.

    .venv/bin/python benchmarks/extract_scale.py
    .venv/bin/python benchmarks/extract_scale.py --shapes en all --sizes 10 100 1000

One document of real shape per size: the bundled example articles of a language (``all``: every
language, one article after another, which makes one document read with every language's data)
repeated with their figures changed per round, cut at the size. ``parallax.analyse_articles`` runs on it
in this process after a warm-up on the same shape, so that building the language tables is not
counted. Prints wall and CPU seconds and CPU milliseconds per KB; the baseline is the first size
(targets: 1 MB under 10 s, ms per KB flat within 2x of the baseline).

Sizes are in KB of UTF-8. CPU time is what the text costs; wall time also shows the machine's
other work (the figures in the README were measured on 2 shared cores).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parallax import api  # noqa: E402 -- after the path is set
from parallax.ingest import read_article  # noqa: E402

DEFAULT_SIZES = (10, 100, 1000, 5000)
DEFAULT_SHAPES = ("en", "kk", "zh", "all")


def articles(shape: str) -> list[str]:
    suffix = "" if shape == "all" else f"-{shape}"
    paths = sorted((ROOT / "examples").glob(f"*/*{suffix}.*"))
    texts = [read_article(path).text for path in paths if path.suffix in (".txt", ".html")]
    if not texts:
        raise SystemExit(f"extract_scale: no example article for shape {shape!r}")
    return texts


def document(texts: list[str], kilobytes: int) -> str:
    """``texts`` one after another, each round with other digits, up to ``kilobytes`` of UTF-8."""
    wanted = kilobytes * 1024
    parts, size, round_ = [], 0, 0
    while size < wanted:
        for text in texts:
            shifted = re.sub(r"\d", lambda m, r=round_: str((int(m.group()) + r) % 10), text)
            parts.append(shifted)
            size += len(shifted.encode("utf-8")) + 2
            if size >= wanted:
                break
        round_ += 1
    return "\n\n".join(parts).encode("utf-8")[:wanted].decode("utf-8", "ignore")


def measure(text: str) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    facts = len(api.analyse_articles([("scale", text)])[0].facts)
    return time.perf_counter() - wall, time.process_time() - cpu, facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, help="KB")
    parser.add_argument("--shapes", nargs="+", default=DEFAULT_SHAPES, help="a language code, or all")
    args = parser.parse_args()
    print(f"{'shape':6} {'KB':>6} {'wall s':>8} {'cpu s':>8} {'cpu ms/KB':>10} {'x base':>7} {'facts':>7}")
    for shape in args.shapes:
        texts = articles(shape)
        api.analyse_articles([("warm-up", document(texts, 20))])
        base = None
        for kilobytes in args.sizes:
            wall, cpu, facts = measure(document(texts, kilobytes))
            per_kb = 1000 * cpu / kilobytes
            base = base or per_kb
            print(f"{shape:6} {kilobytes:>6} {wall:>8.2f} {cpu:>8.2f} {per_kb:>10.2f} {per_kb / base:>7.2f} "
                  f"{facts:>7}", flush=True)


if __name__ == "__main__":
    main()

"""How well ``compare`` recovers the gold facts, statuses and conflicts of the example corpus.

    .venv/bin/python benchmarks/example_facts.py [--verbose]

Per story: gold mentions found, gold facts aligned into one fact, right status, conflicts found
and spurious conflicts. ``--verbose`` lists every gold fact that is not fully right.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--kinds", nargs="*", default=None)
    args = parser.parse_args()

    from parallax import api
    from parallax.evaluation.facts import score_story

    gold = tomllib.loads((ROOT / "examples" / "stories.toml").read_text(encoding="utf-8"))
    print(f"{'story':8} {'mentions':>9} {'aligned':>8} {'status':>7} {'conflicts':>9} {'spurious':>8}")
    for story in gold["stories"]:
        files = [ROOT / "examples" / a["file"] for a in story["articles"]]
        comparison = api.compare_articles(files)
        score = score_story(comparison, story, args.kinds)
        print(
            f"{score.story:8} {score.mention_recall:9.2f} {score.alignment_accuracy:8.2f} "
            f"{score.status_accuracy:7.2f} {score.conflicts_found:>4}/{score.conflicts_expected:<4} "
            f"{len(score.spurious_conflicts):8}"
        )
        if args.verbose:
            for fact in score.facts:
                if not (fact.aligned and fact.status_right):
                    print(
                        f"    {fact.id:28} {fact.kind:8} found {fact.found}/{fact.mentions} "
                        f"aligned={fact.aligned} status={fact.status} (gold {fact.gold_status})"
                    )
            for spurious in score.spurious_conflicts:
                print(f"    spurious conflict: {spurious}")


if __name__ == "__main__":
    main()

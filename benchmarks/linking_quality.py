"""Story-linking quality on labelled multilingual corpora: B-cubed and pairwise P / R / F1.

    .venv/bin/python benchmarks/linking_quality.py [--corpus NAME ...]

Corpora:
* examples — the bundled example corpus (one folder per story);
* dev      — benchmarks/corpora/dev (articles.jsonl + labels.tsv), written by us with the traps
             that break linkers;
* hard     — benchmarks/corpora/hard (articles.jsonl + labels.tsv), written by us: more stories,
             languages and outlets, wire copy, follow-ups and same-kind events in the same days;
* every labelled corpus in ../shared/data/<name>/ holding articles.jsonl and labels.tsv
  (skipped with a message when the folder is empty or absent).

Each corpus is ingested into a fresh store (incremental linking, in file order), then relinked
from scratch (the deterministic reference); both are scored. Monolingual figures count only
pairs of one language, cross-lingual figures only pairs of two.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def example_corpus() -> tuple[list[str], dict[str, str]]:
    folders = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
    labels = {
        f.name: folder.name for folder in folders for f in folder.iterdir() if f.suffix in (".txt", ".html")
    }
    return [str(f) for f in folders], labels


def jsonl_corpus(folder: Path) -> tuple[list[str], dict[str, str]]:
    with (folder / "labels.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    labels = {row[0]: row[1] for row in rows if row[0] != "article_id"}
    return [str(folder / "articles.jsonl")], labels


def corpora(wanted: list[str] | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    found = {
        "examples": example_corpus(),
        "dev": jsonl_corpus(ROOT / "benchmarks" / "corpora" / "dev"),
        "hard": jsonl_corpus(ROOT / "benchmarks" / "corpora" / "hard"),
    }
    if SHARED_DATA.is_dir():
        shared = [p for p in sorted(SHARED_DATA.iterdir()) if (p / "labels.tsv").exists()]
        if not shared:
            print(f"({SHARED_DATA} holds no labelled corpus yet: skipped)")
        for folder in shared:
            found[f"shared/{folder.name}"] = jsonl_corpus(folder)
    else:
        print(f"({SHARED_DATA} is absent: shared corpora skipped)")
    return {name: corpus for name, corpus in found.items() if not wanted or name in wanted}


def predicted_stories(store) -> dict[str, str]:
    return {article: story.id for story in store.stories() for article in story.documents}


def languages_of(store) -> dict[str, str]:
    return dict(store.db.db.execute("SELECT id, COALESCE(language, '?') FROM articles"))


def report(name: str, mode: str, predicted, gold, languages) -> dict:
    from parallax.evaluation.clusters import evaluate

    result = evaluate(predicted, gold, languages)
    print(f"  {mode:11} B-cubed {result.bcubed}   pairwise {result.pairwise}")
    print(f"  {'':11} mono    {result.bcubed_monolingual}   cross    {result.bcubed_crosslingual}")
    return {
        "corpus": name,
        "mode": mode,
        "bcubed_f1": round(result.bcubed.f1, 3),
        "pairwise_f1": round(result.pairwise.f1, 3),
        "mono_bcubed_f1": round(result.bcubed_monolingual.f1, 3),
        "cross_bcubed_f1": round(result.bcubed_crosslingual.f1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", nargs="*", default=None)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from parallax.collection import Store

    rows = []
    for name, (inputs, gold) in corpora(args.corpus).items():
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "store.sqlite") as store:
            started = time.perf_counter()
            summary = store.ingest(inputs)
            seconds = time.perf_counter() - started
            stories = len(set(gold.values()))
            print(f"{name}: {summary.ingested} articles, {stories} gold stories, {seconds:.1f} s ingest")
            languages = languages_of(store)
            rows.append(report(name, "incremental", predicted_stories(store), gold, languages))
            store.relink()
            rows.append(report(name, "relink", predicted_stories(store), gold, languages))
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

"""Story-linking quality on labelled multilingual corpora: B-cubed and pairwise P / R / F1.

    .venv/bin/python benchmarks/linking_quality.py [--corpus NAME ...]

Corpora:
* examples — the bundled example corpus (one folder per story);
* dev      — benchmarks/corpora/dev (articles.jsonl + labels.tsv), written by us with the traps
             that break linkers;
* hard     — benchmarks/corpora/hard (articles.jsonl + labels.tsv), written by us: more stories,
             languages and outlets, wire copy, follow-ups and same-kind events in the same days;
* every labelled corpus in the shared data folder holding articles.jsonl and labels.tsv
  (skipped with a message when the folder is empty or absent);
* semeval  — the shared SemEval-2022 Task 8 train pairs (see benchmarks/semeval_pairs.py):
             pairwise P / R / F1 over the labelled pairs, monolingual and cross-lingual apart,
             cross-validated (--folds, by groups of articles: no article is in the pairs a
             fold's model was fitted on and in the pairs it is measured on), then with the
             shipped model (in-sample: it was fitted on these pairs); --misses lists the pairs
             the shipped model gets wrong, with why and what they share, to read as classes.

The shared data folder is $PARALLAX_SHARED_DATA or <repo>/../shared/data.

Each corpus is ingested into a fresh store (incremental linking, in file order), then relinked
from scratch (the deterministic reference); both are scored. With --cached, a store analysed
once (under benchmarks/results/stores/) is relinked instead: seconds instead of minutes.
Monolingual figures count only pairs of one language, cross-lingual figures only pairs of two.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import semeval_pairs  # noqa: E402

SHARED_DATA = semeval_pairs.shared_data()
OWN = ("examples", "dev", "hard")


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


def own_corpus(name: str) -> tuple[list[str], dict[str, str]]:
    if name == "examples":
        return example_corpus()
    return jsonl_corpus(ROOT / "benchmarks" / "corpora" / name)


def corpora(wanted: list[str] | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    found = {name: own_corpus(name) for name in OWN}
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


def own_corpora_rows(args) -> list[dict]:
    from parallax.store import Store

    rows = []
    for name, (inputs, gold) in corpora(args.corpus).items():
        if name == "semeval":
            continue
        if args.cached:
            with tempfile.TemporaryDirectory() as folder:
                cached = semeval_pairs.cached(name, [Path(x) for x in inputs], _ingest(inputs))
                predicted, languages = semeval_pairs.linked_stories(cached, Path(folder))
                print(f"{name}: {len(predicted)} articles, {len(set(gold.values()))} gold stories (cached)")
                rows.append(report(name, "relink", predicted, gold, languages))
            continue
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
    return rows


def _ingest(inputs: list[str]):
    return lambda store: store.ingest(inputs)


def joined(edges: Iterable[tuple[str, str]]) -> Callable[[str], str]:
    """Each article's group once the edges are joined (union-find): the function gives a
    group's one representative for any of its members."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[root(a)] = root(b)
    return root


def fold_of(pairs: list, folds: int) -> dict[str, int]:
    """Article -> fold: the connected groups of the pair graph, dealt out by a stable hash.

    Every pair falls inside one group, so no article is in a fold's training and test pairs.
    """
    import hashlib

    root = joined((pair.a, pair.b) for pair in pairs)
    groups: dict[str, list[str]] = {}
    for article in sorted({a for pair in pairs for a in (pair.a, pair.b)}):
        groups.setdefault(root(article), []).append(article)
    folds_of = {}
    for members in groups.values():
        key = hashlib.blake2b(min(members).encode(), digest_size=4).digest()
        for article in members:
            folds_of[article] = int.from_bytes(key, "big") % folds
    return folds_of


def semeval_report(label: str, pairs: list, stories: dict[str, str]) -> dict:
    counts = {
        "all": semeval_pairs.pair_counts(pairs, stories),
        "mono": semeval_pairs.pair_counts(pairs, stories, lambda p: not p.crosslingual),
        "cross": semeval_pairs.pair_counts(pairs, stories, lambda p: p.crosslingual),
    }
    return _semeval_row(label, counts)


def _semeval_row(label: str, counts: dict) -> dict:
    print(f"  {label}")
    for part, c in counts.items():
        print(f"    {part:6} {c.line()}")
    row = {"corpus": "semeval", "mode": label}
    for part, c in counts.items():
        row.update(
            {
                f"{part}_p": round(c.precision, 3),
                f"{part}_r": round(c.recall, 3),
                f"{part}_f1": round(c.f1, 3),
            }
        )
    return row


def semeval_rows(args) -> list[dict]:
    loaded = semeval_pairs.load()
    if loaded is None:
        print(f"({SHARED_DATA / semeval_pairs.PAIRS_FILE} is absent: semeval skipped)")
        return []
    pairs, texts = loaded
    started = time.perf_counter()
    cached = semeval_pairs.cached_store(texts)
    cross = sum(p.crosslingual for p in pairs)
    print(
        f"semeval: {len(pairs)} labelled pairs ({sum(p.same for p in pairs)} same event,"
        f" {cross} cross-lingual), {len(texts)} articles,"
        f" store ready in {time.perf_counter() - started:.1f} s"
    )
    rows = []
    if args.folds > 1:
        rows.append(semeval_cross_validated(pairs, texts, cached, args.folds))
    with tempfile.TemporaryDirectory() as folder:
        stories, _ = semeval_pairs.linked_stories(cached, Path(folder))
    rows.append(semeval_report("shipped model (in-sample)", pairs, stories))
    if args.misses:
        semeval_misses(pairs, texts, stories)
    return rows


def semeval_misses(pairs: list, texts: dict[str, str], stories: dict[str, str]) -> None:
    """The pairs the shipped model gets wrong, to be read as classes (boilerplate, thin
    evidence, same people at another event...): why (a gate, the model's log-odds, or a link
    made through other articles), the rarest shared anchors, and each article's opening."""
    import train_pair_scorer

    from parallax.link.score import SETTINGS, pair_model

    store = train_pair_scorer.semeval_features(texts)
    model = pair_model()
    print("  misses of the shipped model (FN: same event kept apart; FP: unrelated linked)")
    for pair in pairs:
        linked = stories.get(pair.a) is not None and stories.get(pair.a) == stories.get(pair.b)
        if linked == pair.same:
            continue
        values = store.values(pair.a, pair.b, SETTINGS)
        score = None if values is None else model.log_odds(values) - model.threshold
        if linked and (score is None or score < 0):
            why = "linked through other articles"
        else:
            why = "gated" if score is None else _scored(score, values)
        print(f"  {'FN' if pair.same else 'FP'} {pair.a}_{pair.b} {'-'.join(pair.languages)}: {why}")
        print(f"     shared: {_rarest_shared(store, pair.a, pair.b)}")
        for article in (pair.a, pair.b):
            print(f"     | {' '.join(texts[article].split())[:100]}")


def _scored(score: float, values: dict[str, float]) -> str:
    centred = values.get("centred_cosine", values["cosine"])
    return f"log-odds {score:+.2f}, cosine {values['cosine']:.2f} (centred {centred:.2f})"


def _rarest_shared(store, a: str, b: str, shown: int = 10) -> str:
    if a not in store.features or b not in store.features:
        return "(an article is not in the store)"
    shared = store.features[a].anchors & store.features[b].anchors
    weighed = sorted(((store.weight_of(x), x) for x in shared), reverse=True)[:shown]
    return ", ".join(f"{x} {w:.1f}" for w, x in weighed) or "none"


def semeval_cross_validated(pairs: list, texts: dict[str, str], cached: Path, folds: int) -> dict:
    """Each fold linked with a model fitted on our corpora and the other folds' pairs only."""
    from dataclasses import replace

    import train_pair_scorer

    from parallax.link.score import SETTINGS, PairModel

    folds_of = fold_of(pairs, folds)
    own = train_pair_scorer.own_samples(SETTINGS)
    own_graphs = train_pair_scorer.own_graphs(own)
    store = train_pair_scorer.semeval_features(texts)
    totals = {part: semeval_pairs.Counts() for part in ("all", "mono", "cross")}
    for fold in range(folds):
        training = [p for p in pairs if folds_of[p.a] != fold]
        testing = [p for p in pairs if folds_of[p.a] == fold]
        samples = own + train_pair_scorer.pair_samples("semeval", store, training, SETTINGS)
        # The threshold is chosen on the training pairs' labels only; the components it is judged
        # on run through the whole store, as linking does, with no test label read.
        graphs = own_graphs | {"semeval": train_pair_scorer.semeval_graph(store, training, SETTINGS)}
        model = PairModel.from_json(train_pair_scorer.trained_model(samples, graphs))
        with tempfile.TemporaryDirectory() as folder:
            stories, _ = semeval_pairs.linked_stories(cached, Path(folder), replace(SETTINGS, model=model))
        totals["all"] += semeval_pairs.pair_counts(testing, stories)
        totals["mono"] += semeval_pairs.pair_counts(testing, stories, lambda p: not p.crosslingual)
        totals["cross"] += semeval_pairs.pair_counts(testing, stories, lambda p: p.crosslingual)
    return _semeval_row(f"{folds}-fold cross-validated", totals)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", nargs="*", default=None, help="examples dev hard semeval ...")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--cached", action="store_true", help="relink stores analysed once, kept in results/")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds on semeval (1: none)")
    parser.add_argument("--misses", action="store_true", help="list the semeval pairs the model gets wrong")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))

    rows = own_corpora_rows(args)
    if not args.corpus or "semeval" in args.corpus:
        rows += semeval_rows(args)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

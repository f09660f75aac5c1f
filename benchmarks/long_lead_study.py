"""Would a longer encoder text, read only for the pairs the anchors leave undecided, pay?

    PARALLAX_SHARED_DATA=... .venv/bin/python benchmarks/long_lead_study.py [--chars 1000] [--bands 0.5 1 2 3]

The linker's encoder reads the title and the lead sentence; the first 1,000 characters separate
same-event pairs better (README), but encoding them for every article costs most of the
pipeline's speed. This study measures the cheap variant: a second model, with the cosine of
the longer texts in place of the short one, decides only the pairs whose first-model log-odds
lie within ``band`` of its threshold; only the articles of such pairs would need the longer
encoding. Stories are the connected components of accepted links over every pair past the
gates (as the Spark job and the training script's threshold choice see them), scored on the
SemEval pairs with the same 5 folds as ``linking_quality.py``.

Prints, for each band: cross-validated pairwise P / R / F1 (all, monolingual, cross-lingual)
and the share of the SemEval articles that would need the longer encoding (fold 0's model).
Band 0 is the linker as it is (it reproduces ``linking_quality.py``'s cross-validated figure);
a band past every score is the longer text for every pair.

Measured (first 1,000 characters, the scorer of commit aa88f3c): band 0 F1 0.710 (cross-lingual
0.414); 0.5: 0.704 (20% of articles); 1: 0.705 (34%); 2: 0.709 (55%); 3: 0.735 (72%); every
pair: 0.740 (cross-lingual 0.552). The gain is in pairs the short text scores far from the
threshold, so reading the longer text only for undecided pairs does not pay: it needs most
articles encoded twice before it gains.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import linking_quality  # noqa: E402
import semeval_pairs  # noqa: E402
import train_pair_scorer as tps  # noqa: E402

LONG_FEATURES = tuple(
    {"cosine": "long_cosine", "cross_cosine": "cross_long_cosine"}.get(f, f) for f in tps.MODEL_FEATURES
)

PARTS = {"all": lambda p: True, "mono": lambda p: not p.crosslingual, "cross": lambda p: p.crosslingual}


def opening(document, chars: int) -> str:
    title = (document.article.title or "").strip()
    body = " ".join(s.text for s in document.sentences if s.block == "body")
    text = f"{title}. {body}" if title and not body.startswith(title) else (body or title)
    return text[:chars]


def long_vectors(cached: Path, chars: int) -> dict[str, np.ndarray]:
    from parallax.database import Database
    from parallax.encode.registry import default_encoder

    with Database(cached) as db:
        rows = list(db.db.execute("SELECT rowid, id FROM articles ORDER BY rowid"))
        texts = {article: opening(db.document(rowid), chars) for rowid, article in rows}
    ids = sorted(texts)
    vectors = default_encoder().encode([texts[i] for i in ids])
    return dict(zip(ids, vectors, strict=True))


def with_long(values: dict, a: str, b: str, vectors: dict) -> dict:
    cosine = float(np.dot(vectors[a], vectors[b])) if a in vectors and b in vectors else values["cosine"]
    return {**values, "long_cosine": cosine, "cross_long_cosine": values["crosslingual"] * cosine}


def extend(samples, graphs, vectors_of):
    samples = [replace(s, values=with_long(s.values, s.a, s.b, vectors_of[s.source])) for s in samples]
    graphs = {
        name: tps.Graph([(a, b, with_long(v, a, b, vectors_of[name])) for a, b, v in g.pairs], g.labelled)
        for name, g in graphs.items()
    }
    return samples, graphs


def hybrid_odds(first, second, values: dict, band: float) -> float:
    """The first model's log-odds over its threshold, or the second's inside the band."""
    score = first.log_odds(values) - first.threshold
    if abs(score) < band:
        return second.log_odds(values) - second.threshold
    return score


def fitted(samples, graphs, features):
    from parallax.link.score import PairModel

    model = tps.fit(samples, features)
    model["threshold"] = tps.choose_threshold(model, graphs)
    return PairModel.from_json(model)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1000)
    parser.add_argument("--bands", type=float, nargs="*", default=[0.0, 0.5, 1.0, 2.0, 3.0, 99.0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    from parallax.link.score import SETTINGS

    pairs, texts = semeval_pairs.load()
    store = tps.semeval_features(texts)
    own = tps.own_samples(SETTINGS)
    own_graphs = tps.own_graphs(own)
    vectors_of = {
        name: long_vectors(tps.own_store(name, inputs), args.chars)
        for name, (inputs, _) in tps.own_corpora().items()
    }
    vectors_of["semeval"] = long_vectors(semeval_pairs.cached_store(texts), args.chars)
    gated = [(a, b, with_long(v, a, b, vectors_of["semeval"])) for a, b, v in store.gated_pairs(SETTINGS)]
    folds_of = linking_quality.fold_of(pairs, args.folds)
    counts = {band: {p: semeval_pairs.Counts() for p in ("all", "mono", "cross")} for band in args.bands}
    undecided = {band: set() for band in args.bands}
    for fold in range(args.folds):
        training = [p for p in pairs if folds_of[p.a] != fold]
        testing = [p for p in pairs if folds_of[p.a] == fold]
        samples = own + tps.pair_samples("semeval", store, training, SETTINGS)
        graphs = own_graphs | {"semeval": tps.semeval_graph(store, training, SETTINGS)}
        samples, graphs = extend(samples, graphs, vectors_of)
        first = fitted(samples, graphs, tps.MODEL_FEATURES)
        second = fitted(samples, graphs, LONG_FEATURES)
        for band in args.bands:
            edges = []
            for a, b, values in gated:
                if abs(first.log_odds(values) - first.threshold) < band and fold == 0:
                    undecided[band] |= {a, b}
                if hybrid_odds(first, second, values, band) >= 0:
                    edges.append((a, b))
            root = linking_quality.joined(edges)
            stories = {x: root(x) for x in store.features}
            for part, keep in PARTS.items():
                counts[band][part] += semeval_pairs.pair_counts(testing, stories, keep)
    total = len(store.features)
    for band in args.bands:
        share = len(undecided[band]) / total
        print(f"band {band:4}: articles needing the long text {share:.1%} (fold 0's model)")
        for part, c in counts[band].items():
            print(f"    {part:6} {c.line()}")


if __name__ == "__main__":
    main()

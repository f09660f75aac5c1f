"""Fit the pair scorer's logistic model and write its coefficients to src/parallax/link/pair_model.json.

    PARALLAX_SHARED_DATA=/work/shared/data .venv/bin/python benchmarks/train_pair_scorer.py

Training pairs:
* our own labelled corpora (examples, dev, hard): every pair of articles that passes the
  scorer's gates (time window, cosine floor, shared evidence), labelled by the gold stories;
* the shared SemEval train pairs (``semeval_pairs``): the labelled pairs that pass the gates.

Features are computed by ``parallax.link.score.pair_features`` on each corpus's own store (its
anchor frequencies give the rarity weights), exactly as the linker computes them. Each source
gets the same total sample weight, and inside a source positives and negatives are balanced,
so neither our small corpora nor the larger SemEval sample drowns the other. The coefficients
are written unscaled (standardisation folded in): at run time the model is a dot product.
scikit-learn is needed here only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import semeval_pairs  # noqa: E402

MODEL_FEATURES = (
    "cosine",
    "crosslingual",
    "cross_cosine",
    "log_evidence",
    "cross_log_evidence",
    "overlap",
    "log_thinner_mass",
    "log_name_mass",
    "log_figure_mass",
    "log_date_mass",
    "shared_names",
    "shared_figures",
    "shared_dates",
    "log_word_mass",
    "shared_words",
    "rarest_anchor",
    "headline_shared",
    "headlines_differ",
    "undated",
    "days_apart",
)
# Left out on purpose: how many figure units two articles disagree on. Fitted, it weighs against
# a link (our corpora hold same-kind events with other figures), but sources disagreeing on a
# casualty count is what parallax exists to show, never a reason to split their story.
REGULARISATION = 1.0  # inverse strength (scikit-learn's C) on standardised features
# Linking is transitive: a pair threshold that is best pair by pair merges stories through chains
# of slightly-too-easy links. The threshold is raised by this much log-odds above the pair
# optimum; measured by 5-fold cross-validation on the SemEval pairs (store-level F1 0.680 at
# +0.5, 0.707 at +1.0, 0.559 at +2.0).
TRANSITIVITY_MARGIN = 1.0


@dataclass(frozen=True)
class Sample:
    source: str
    a: str
    b: str
    values: dict[str, float]
    same: bool


def own_corpora() -> dict[str, tuple[list[Path], dict[str, str]]]:
    """Our labelled corpora: name -> (inputs, article id -> gold story)."""
    import linking_quality

    found = {}
    for name in ("examples", "dev", "hard"):
        inputs, gold = linking_quality.own_corpus(name)
        found[name] = ([Path(x) for x in inputs], gold)
    return found


def own_store(name: str, inputs: list[Path]) -> Path:
    return semeval_pairs.cached(name, inputs, lambda store: store.ingest([str(x) for x in inputs]))


class StoreFeatures:
    """Every article's linking features in a (re-anchored) copy of a cached store."""

    def __init__(self, cached: Path) -> None:
        from parallax.database import Database
        from parallax.link.score import anchor_weigher

        with (
            tempfile.TemporaryDirectory() as folder,
            Database(semeval_pairs.fresh_copy(semeval_pairs.anchored(cached), Path(folder))) as db,
        ):
            rowids = [int(r[0]) for r in db.db.execute("SELECT rowid FROM articles ORDER BY rowid")]
            self.features = {f.article_id: f for f in db.link_features(rowids)}
            frequencies = dict(db.db.execute("SELECT anchor, articles FROM anchor_counts"))
            self.weight_of = anchor_weigher(frequencies, max(db.size(), 1))

    def values(self, a: str, b: str, settings) -> dict[str, float] | None:
        from parallax.link.score import pair_features

        if a not in self.features or b not in self.features:
            return None
        return pair_features(self.features[a], self.features[b], self.weight_of, settings)


def corpus_samples(name: str, cached: Path, gold: dict[str, str], settings) -> list[Sample]:
    """Every pair of a fully labelled corpus that passes the gates."""
    store = StoreFeatures(cached)
    ids = sorted(a for a in store.features if a in gold)
    samples = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            values = store.values(a, b, settings)
            if values is not None:
                samples.append(Sample(name, a, b, values, gold[a] == gold[b]))
    return samples


def pair_samples(name: str, store: StoreFeatures, pairs: Iterable, settings) -> list[Sample]:
    """The labelled pairs that pass the gates (the others can never link)."""
    samples = []
    for pair in pairs:
        values = store.values(pair.a, pair.b, settings)
        if values is not None:
            samples.append(Sample(name, pair.a, pair.b, values, pair.same))
    return samples


def sample_weights(samples: list[Sample]) -> np.ndarray:
    """Each source weighs the same in total, its positives as much as its negatives."""
    groups: dict[tuple[str, bool], int] = {}
    for s in samples:
        groups[(s.source, s.same)] = groups.get((s.source, s.same), 0) + 1
    sources = {s.source for s in samples}
    weights = []
    for s in samples:
        classes = sum(1 for same in (True, False) if (s.source, same) in groups)
        weights.append(1.0 / (len(sources) * classes * groups[(s.source, s.same)]))
    weights = np.array(weights)
    return weights * len(samples) / weights.sum()


def fit(samples: list[Sample], features: tuple[str, ...] = MODEL_FEATURES) -> dict:
    """Logistic regression on standardised features; returns the model as JSON-ready data."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([[s.values[f] for f in features] for s in samples], dtype=float)
    y = np.array([s.same for s in samples], dtype=int)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    model.fit((x - mean) / scale, y, sample_weight=sample_weights(samples))
    coefficients = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - np.dot(coefficients, mean))
    return {
        "features": list(features),
        "coefficients": {f: round(float(c), 6) for f, c in zip(features, coefficients, strict=True)},
        "intercept": round(intercept, 6),
        "threshold": 0.0,
    }


def choose_threshold(model: dict, samples: list[Sample]) -> float:
    """The log-odds threshold that maximises the mean, over sources, of each source's pair F1.

    Counts are not reweighted here: a source's F1 at its own mix of same-event and other
    pairs is what linking it would give. When two thresholds tie, the higher one is kept, as
    linking is transitive (one wrong link merges two stories).
    """
    from parallax.link.score import PairModel

    pair_model = PairModel.from_json(model)
    odds = np.array([pair_model.log_odds(s.values) for s in samples])
    same = np.array([s.same for s in samples])
    sources = np.array([s.source for s in samples])
    best, best_f1 = 0.0, -1.0
    for threshold in np.arange(-3.0, 3.01, 0.1):
        linked = odds >= threshold
        scores = []
        for source in sorted(set(sources)):
            mine = sources == source
            tp = (linked & same & mine).sum()
            wrong = (linked & ~same & mine).sum() + (~linked & same & mine).sum()
            scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
        f1 = float(np.mean(scores))
        if f1 >= best_f1 - 1e-9:
            best, best_f1 = float(threshold), max(f1, best_f1)
    return round(best, 2)


def own_samples(settings) -> list[Sample]:
    samples: list[Sample] = []
    for name, (inputs, gold) in own_corpora().items():
        samples += corpus_samples(name, own_store(name, inputs), gold, settings)
    return samples


def training_samples(semeval_pairs_kept=None, settings=None) -> list[Sample]:
    """Our corpora's pairs plus the SemEval pairs (all of them, or ``semeval_pairs_kept``)."""
    from parallax.link.score import SETTINGS

    settings = settings or SETTINGS
    samples = own_samples(settings)
    loaded = semeval_pairs.load()
    if loaded is not None:
        pairs, texts = loaded
        store = semeval_features(texts)
        samples += pair_samples("semeval", store, semeval_pairs_kept or pairs, settings)
    return samples


_SEMEVAL_FEATURES: dict[Path, StoreFeatures] = {}


def semeval_features(texts: dict[str, str]) -> StoreFeatures:
    cached = semeval_pairs.cached_store(texts)
    if cached not in _SEMEVAL_FEATURES:
        _SEMEVAL_FEATURES[cached] = StoreFeatures(cached)
    return _SEMEVAL_FEATURES[cached]


def trained_model(samples: list[Sample]) -> dict:
    model = fit(samples)
    model["threshold"] = round(choose_threshold(model, samples) + TRANSITIVITY_MARGIN, 2)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "src" / "parallax" / "link" / "pair_model.json")
    args = parser.parse_args()
    samples = training_samples()
    counts: dict[str, list[int]] = {}
    for s in samples:
        counts.setdefault(s.source, [0, 0])[0 if s.same else 1] += 1
    for source, (positive, negative) in sorted(counts.items()):
        print(f"{source}: {positive} same-event pairs, {negative} others past the gates")
    model = trained_model(samples)
    model["trained_on"] = {source: {"same": p, "other": n} for source, (p, n) in sorted(counts.items())}
    args.output.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=2))


if __name__ == "__main__":
    main()

"""Clustering quality: B-cubed and pairwise precision, recall and F1, split by language.

``predicted`` and ``gold`` map item ids to cluster labels. Monolingual figures consider, for
each item, only items of its own language; cross-lingual figures only items of the other
languages (plus the item itself for B-cubed, so a singleton scores as it should).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def _members(labels: Mapping[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return groups


Keep = Callable[[str, str], bool]


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str], keep: Keep = lambda i, j: True) -> Scores:
    """B-cubed precision and recall; ``keep(i, j)`` restricts which other items count for item i."""
    items = [i for i in gold if i in predicted]
    if not items:
        return Scores(1.0, 1.0)
    by_predicted, by_gold = _members(predicted), _members(gold)
    precision = recall = 0.0
    for item in items:
        cluster = {j for j in by_predicted[predicted[item]] if j == item or keep(item, j)}
        truth = {j for j in by_gold[gold[item]] if j == item or keep(item, j)}
        overlap = len(cluster & truth)
        precision += overlap / len(cluster)
        recall += overlap / len(truth)
    return Scores(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str], keep: Keep = lambda i, j: True) -> Scores:
    """Precision and recall of same-cluster pairs (only pairs ``keep`` accepts)."""
    items = sorted(i for i in gold if i in predicted)
    true_positive = predicted_pairs = gold_pairs = 0
    for x, i in enumerate(items):
        for j in items[x + 1 :]:
            if not keep(i, j):
                continue
            same_predicted = predicted[i] == predicted[j]
            same_gold = gold[i] == gold[j]
            predicted_pairs += same_predicted
            gold_pairs += same_gold
            true_positive += same_predicted and same_gold
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall)


@dataclass(frozen=True)
class Report:
    bcubed: Scores
    pairwise: Scores
    bcubed_monolingual: Scores
    bcubed_crosslingual: Scores
    pairwise_monolingual: Scores
    pairwise_crosslingual: Scores


def evaluate(predicted: Mapping[str, str], gold: Mapping[str, str], languages: Mapping[str, str]) -> Report:
    def same(i: str, j: str) -> bool:
        return languages.get(i) == languages.get(j)

    def different(i: str, j: str) -> bool:
        return languages.get(i) != languages.get(j)

    return Report(
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        bcubed_monolingual=bcubed(predicted, gold, same),
        bcubed_crosslingual=bcubed(predicted, gold, different),
        pairwise_monolingual=pairwise(predicted, gold, same),
        pairwise_crosslingual=pairwise(predicted, gold, different),
    )

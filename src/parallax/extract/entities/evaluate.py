"""Pairwise precision and recall of entity matching on a table of gold groups.

The table (TOML) lists ``[[entity]]`` groups, each with ``mentions = [[language, sentence,
surface], ...]``. Every sentence goes through ``find_entities``; the mention whose text is
``surface`` is kept (a missing one counts as a mention in a cluster of its own), then all are
matched together with ``match_entities``. A pair of mentions is predicted together when they end
in one cluster, and truly together when they belong to one group.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from ...model import EntityAttrs, Mention, attrs_as
from .find import find_entities
from .match import match_entities


@dataclass
class Score:
    precision: float
    recall: float
    found: int  # gold mentions the finder returned
    total: int
    wrong_merges: list[tuple[str, str]] = field(default_factory=list)  # (group, group) pairs merged
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (group, language, surface)
    split: dict[str, set[str]] = field(default_factory=dict)  # group -> the values it ended with

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_table(path: Path) -> list[dict]:
    return tomllib.loads(Path(path).read_text("utf-8"))["entity"]


def evaluate(groups: list[dict], encoder=None) -> Score:
    mentions: list[Mention | None] = []
    gold: list[str] = []
    missed = []
    for group in groups:
        for language, sentence, surface in group["mentions"]:
            found = [m for m in find_entities(sentence, language) if m.text == surface]
            mentions.append(found[0] if found else None)
            gold.append(group["name"])
            if not found:
                missed.append((group["name"], language, surface))
    present = [i for i, m in enumerate(mentions) if m is not None]
    # Each sentence is a document of its own: names one translates from another may join.
    languages = [language for group in groups for language, _, _ in group["mentions"]]
    sources = [(i, languages[i]) for i in present]
    matched = match_entities([mentions[i] for i in present], encoder, sources=sources)
    cluster = {i: ("found", attrs_as(EntityAttrs, m).cluster) for i, m in zip(present, matched, strict=True)}
    cluster.update({i: ("missing", i) for i, m in enumerate(mentions) if m is None})
    values = {i: m.value for i, m in zip(present, matched, strict=True)}
    return _score(gold, cluster, values, missed, len(present))


def _score(gold, cluster, values, missed, found) -> Score:
    true_pos = pred_pos = gold_pos = 0
    wrong = set()
    for a, b in combinations(range(len(gold)), 2):
        same_gold = gold[a] == gold[b]
        same_pred = cluster[a] == cluster[b]
        true_pos += same_gold and same_pred
        pred_pos += same_pred
        gold_pos += same_gold
        if same_pred and not same_gold:
            wrong.add(tuple(sorted((gold[a], gold[b]))))
    split: dict[str, set[str]] = {}
    for i, name in enumerate(gold):
        split.setdefault(name, set()).add(values.get(i, "<not found>"))
    return Score(
        precision=true_pos / pred_pos if pred_pos else 1.0,
        recall=true_pos / gold_pos if gold_pos else 1.0,
        found=found,
        total=len(gold),
        wrong_merges=sorted(wrong),
        missed=missed,
        split={k: v for k, v in split.items() if len(v) > 1},
    )

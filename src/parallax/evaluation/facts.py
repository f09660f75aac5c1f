"""Scoring a comparison against a gold story (the format of ``examples/stories.toml``).

A gold fact lists its value, unit, status and one mention per reporting file (the exact text,
and which occurrence when the text repeats). A gold mention is *found* when an extracted fact
of the same kind overlaps its span with the gold value; a gold fact is *aligned* when all its
found mentions landed in one aligned fact; its *status* is right when that fact's status is the
gold status. A gold conflict is found when one conflict of the comparison holds both sides.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..model import AlignedFact, Comparison

ENTITY_NAME_SIMILARITY = 80
NBSP_LIKE = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}


def normalise_space(text: str) -> str:
    return "".join(NBSP_LIKE.get(c, c) for c in unicodedata.normalize("NFC", text))


def locate(text: str, span: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the n-th occurrence of ``span`` in ``text`` (spaces normalised), or None."""
    haystack, needle = normalise_space(text), normalise_space(span)
    start = -1
    for _ in range(occurrence):
        start = haystack.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def same_value(kind: str, gold: Any, found: Any) -> bool:
    if kind in ("quantity", "percent"):
        try:
            return math.isclose(float(gold), float(found), rel_tol=1e-6)
        except (TypeError, ValueError):
            return False
    if kind == "quote":
        return True  # a quote's value is its first reporter's words; the span and speaker decide
    if kind == "date":
        return str(found).replace("-", "") == str(gold).replace("-", "") or str(found) == str(gold)
    # Entities outside the alias file get a name parallax derives (Aydarbek / Aidarbek): the
    # spelling need only be close; whether all mentions landed in one fact is scored apart.
    return fuzz.ratio(_folded(found), _folded(gold)) >= ENTITY_NAME_SIMILARITY


def _folded(name: Any) -> str:
    decomposed = unicodedata.normalize("NFKD", str(name).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class FactScore:
    id: str
    kind: str
    gold_status: str
    mentions: int
    found: int
    aligned: bool
    status: str | None

    @property
    def status_right(self) -> bool:
        return self.status == self.gold_status


@dataclass
class StoryScore:
    story: str
    facts: list[FactScore] = field(default_factory=list)
    conflicts_expected: int = 0
    conflicts_found: int = 0
    spurious_conflicts: list[str] = field(default_factory=list)

    @property
    def mention_recall(self) -> float:
        total = sum(f.mentions for f in self.facts)
        return sum(f.found for f in self.facts) / total if total else 1.0

    @property
    def status_accuracy(self) -> float:
        return sum(f.status_right for f in self.facts) / len(self.facts) if self.facts else 1.0

    @property
    def alignment_accuracy(self) -> float:
        return sum(f.aligned for f in self.facts) / len(self.facts) if self.facts else 1.0


def _holders(comparison: Comparison, document: str, span: tuple[int, int], kind: str, value: Any) -> set[int]:
    """Indexes of aligned facts with a mention of ``kind`` and ``value`` overlapping ``span``."""
    holders = set()
    for index, fact in enumerate(comparison.facts):
        if fact.kind != kind:
            continue
        for mention in fact.mentions:
            overlaps = mention.document == document and mention.start < span[1] and span[0] < mention.end
            if overlaps and same_value(kind, value, mention.value):
                holders.add(index)
    return holders


def score_story(
    comparison: Comparison, gold: dict[str, Any], kinds: Iterable[str] | None = None
) -> StoryScore:
    wanted = set(kinds) if kinds else None
    texts = {d.id: d.article.text for d in comparison.documents}
    score = StoryScore(story=gold.get("id", "?"))
    fact_holders: dict[str, set[int]] = {}
    for gold_fact in gold.get("facts", []):
        kind = gold_fact["kind"]
        if wanted and kind not in wanted:
            continue
        found, holders = 0, set()
        for mention in gold_fact["mentions"]:
            text = texts.get(mention["file"])
            span = locate(text, mention["text"], mention.get("occurrence", 1)) if text else None
            value = mention.get("value", gold_fact.get("value"))
            hit = _holders(comparison, mention["file"], span, kind, value) if span else set()
            found += bool(hit)
            holders |= hit
        fact_holders[gold_fact["id"]] = holders
        status = comparison.facts[min(holders)].status if len(holders) == 1 else None
        score.facts.append(
            FactScore(
                id=gold_fact["id"],
                kind=kind,
                gold_status=_gold_status(gold, gold_fact),
                mentions=len(gold_fact["mentions"]),
                found=found,
                aligned=len(holders) == 1 and found == len(gold_fact["mentions"]),
                status=status,
            )
        )
    _score_conflicts(score, comparison, gold, fact_holders)
    return score


def _gold_status(story: dict[str, Any], fact: dict[str, Any]) -> str:
    if any(fact["id"] in conflict["sides"] for conflict in story.get("conflicts", [])):
        return "conflict"
    reporting = {mention["file"] for mention in fact["mentions"]}
    everyone = {article["file"].rsplit("/", 1)[-1] for article in story["articles"]}
    if reporting == everyone:
        return "shared"
    return "unique" if len(reporting) == 1 else "partial"


def _score_conflicts(
    score: StoryScore, comparison: Comparison, gold: dict[str, Any], holders: dict[str, set[int]]
) -> None:
    matched: set[int] = set()
    for gold_conflict in gold.get("conflicts", []):
        score.conflicts_expected += 1
        sides = [holders.get(side, set()) for side in gold_conflict["sides"]]
        for index, conflict in enumerate(comparison.conflicts):
            facts = {side.fact for side in conflict.sides}
            if all(side_facts & facts for side_facts in sides):
                score.conflicts_found += 1
                matched.add(index)
                break
    for index, conflict in enumerate(comparison.conflicts):
        if index not in matched:
            values = " vs ".join(f"{side.value:g} {side.unit or ''}".strip() for side in conflict.sides)
            score.spurious_conflicts.append(f"{conflict.about}: {values}")


def describe_fact(fact: AlignedFact) -> str:
    return f"{fact.status} {fact.kind} {fact.value} {fact.unit or ''} {fact.documents}"

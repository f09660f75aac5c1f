"""Whether two articles report the same event: one pure scorer, shared by the local and the Spark linker.

The encoder's cosine on title + lead says two articles are about the same kind of thing; it
cannot tell this week's visit from last month's phone call between the same presidents (both
score above 0.9 in one language, while one event told in two languages can score 0.8). So a
link needs language-neutral evidence as well: shared anchors, weighted by how rare they are,
inside a window of publication days.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .features import NO_DAY, Features, anchor_weight, is_specific, mentioned_days


@dataclass(frozen=True)
class LinkSettings:
    window_days: int = 3  # reports of one event appear within a few days of each other
    min_cosine: float = 0.78  # below this, two title + leads are about different things
    min_evidence: float = 1.2  # idf-weighted shared anchors: one rare figure, or a person and a date
    threshold: float = 1.0  # combined score for a link
    cosine_weight: float = 3.0
    overlap_weight: float = 1.2
    undated_penalty: float = 0.25  # an article without a date could be from any week
    # An undated article whose text names no date at all links only on strong evidence:
    # twice the usual weight of shared anchors, a figure or date among them, alike lead texts.
    undated_min_evidence: float = 2.4
    headline_penalty: float = 0.7  # both headlines name known people, and none in common
    # Two articles sharing only names (no figure, no date) must also read alike: the same
    # people meet often. Measured on our corpora, 14% of same-story pairs share no figure.
    names_only_cosine: float = 0.86
    candidates: int = 40  # nearest neighbours asked of the index per article
    anchor_postings: int = 100  # articles read per anchor posting list
    anchor_candidates: int = 200  # articles taken from anchor postings per article, rarest first


SETTINGS = LinkSettings()


HEADLINE_PEOPLE = "t:person:"


def idf(document_frequency: int, total: int) -> float:
    """Rarer anchors weigh more; an anchor in every article weighs almost nothing."""
    return math.log(1.0 + total / max(document_frequency, 1))


@dataclass(frozen=True)
class PairScore:
    score: float
    cosine: float
    evidence: float
    overlap: float
    days_apart: int | None

    def accepted(self, settings: LinkSettings = SETTINGS) -> bool:
        return self.score >= settings.threshold


def score_pair(
    a: Features,
    b: Features,
    weight_of: Callable[[str], float],
    settings: LinkSettings = SETTINGS,
) -> PairScore | None:
    """The link score of two articles, or None when they cannot be one event.

    ``weight_of(anchor)`` gives an anchor's weight (its kind's weight times its idf).
    """
    days_apart = None if NO_DAY in (a.day, b.day) else abs(a.day - b.day)
    if days_apart is not None and days_apart > settings.window_days:
        return None
    windows = (_days_of(a), _days_of(b))
    if None not in windows and not _meet(*windows, settings.window_days):
        return None  # an undated article outside the days its own dates name
    cosine = float(np.dot(a.vector, b.vector)) if a.vector is not None and b.vector is not None else 0.0
    if cosine < settings.min_cosine:
        return None
    shared = a.anchors & b.anchors
    evidence = sum(weight_of(x) for x in shared)
    if evidence < settings.min_evidence:
        return None
    if cosine < settings.names_only_cosine and not any(is_specific(x) for x in shared):
        return None
    if None in windows and not _strong(cosine, evidence, shared, settings):
        return None
    norm = min(sum(weight_of(x) for x in a.anchors), sum(weight_of(x) for x in b.anchors))
    overlap = evidence / norm if norm else 0.0
    score = settings.cosine_weight * (cosine - settings.min_cosine) + settings.overlap_weight * overlap
    score += min(evidence, 6.0) / 6.0
    if headlines_differ(a.anchors, b.anchors):
        score -= settings.headline_penalty
    if days_apart is None:
        score -= settings.undated_penalty
    else:
        score -= 0.1 * days_apart
    return PairScore(score, cosine, evidence, overlap, days_apart)


def _days_of(features: Features) -> tuple[int, int] | None:
    """The days an article may be from: its publication day, or the days its dates name, or None."""
    if features.day != NO_DAY:
        return features.day, features.day
    return mentioned_days(features.anchors)


def _meet(a: tuple[int, int], b: tuple[int, int], slack: int) -> bool:
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _strong(cosine: float, evidence: float, shared: frozenset[str], settings: LinkSettings) -> bool:
    specific = any(is_specific(x) for x in shared)
    return specific and evidence >= settings.undated_min_evidence and cosine >= settings.names_only_cosine


def headlines_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether both headlines name known people, and none in common.

    Places are left out: one headline's "Paris" and another's "France" or "Kazakhstan" are the
    same visit (measured: place disagreement hit 74 of 545 same-story pairs of our corpora).
    """
    left = {x for x in a if x.startswith(HEADLINE_PEOPLE)}
    right = {x for x in b if x.startswith(HEADLINE_PEOPLE)}
    return bool(left and right and not left & right)


def anchor_weigher(frequencies: dict[str, int], total: int) -> Callable[[str], float]:
    """``weight_of`` for :func:`score_pair` from anchor document frequencies."""

    def weight_of(anchor: str) -> float:
        return anchor_weight(anchor) * idf(frequencies.get(anchor, 1), total)

    return weight_of

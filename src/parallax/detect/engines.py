"""The statistical detectors: lingua and cld2, both with models bundled in their packages.

Each answers with a probability per ISO 639-1 code. lingua is built once, lazily, from the
candidate languages it knows (not all 75 of its languages: loading them all takes seconds);
cld2 knows the languages lingua lacks (Kyrgyz and Uzbek among ours).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import lingua
import pycld2

from .profiles import candidate_codes
from .settings import DetectSettings


@dataclass(frozen=True)
class Opinion:
    """One detector's probabilities, and the codes it could have named at all."""

    probabilities: dict[str, float]
    covers: frozenset[str]
    weight: float


def lingua_language(code: str) -> lingua.Language | None:
    iso = getattr(lingua.IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return lingua.Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


@cache
def lingua_codes() -> frozenset[str]:
    return frozenset(code for code in candidate_codes() if lingua_language(code) is not None)


@cache
def lingua_detector(high_accuracy: bool) -> lingua.LanguageDetector:
    languages = [lingua_language(code) for code in sorted(lingua_codes())]
    builder = lingua.LanguageDetectorBuilder.from_languages(*languages)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def _code_of(value: lingua.ConfidenceValue) -> str:
    return _code_of_language(value.language)


@cache  # asked for every language of every sentence
def _code_of_language(language: lingua.Language) -> str:
    return language.iso_code_639_1.name.lower()


def lingua_opinions(texts: Sequence[str], settings: DetectSettings) -> list[Opinion]:
    detector = lingua_detector(settings.lingua_high_accuracy)
    if len(texts) == 1:
        batches = [detector.compute_language_confidence_values(texts[0])]
    else:
        batches = detector.compute_language_confidence_values_in_parallel(list(texts))
    return [
        Opinion({_code_of(value): value.value for value in values}, lingua_codes(), settings.lingua_weight)
        for values in batches
    ]


def _cld2_code(code: str) -> str:
    # cld2 names scripts variants as regions of a language ("zh-Hant").
    return code.split("-")[0]


def cld2_opinion(text: str, settings: DetectSettings) -> Opinion | None:
    """cld2's guess, or None when it has none (too little text, or text it cannot read)."""
    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        return None
    candidates = frozenset(candidate_codes())
    probabilities: dict[str, float] = {}
    for _, code, percent, _ in details:
        code = _cld2_code(code)
        if code in candidates:
            probabilities[code] = probabilities.get(code, 0.0) + percent / 100
    if not any(percent for _, _, percent, _ in details):
        return None
    weight = settings.cld2_weight if reliable else settings.cld2_unreliable_weight
    return Opinion(probabilities, candidates, weight)

"""Weighing the detectors, the alphabets and the word profiles into one language per text."""

from __future__ import annotations

from collections.abc import Sequence

from .engines import Opinion, cld2_opinion, lingua_opinions
from .evidence import Evidence, alphabet_fit, expected_letters_fit, gather, profile_hits
from .profiles import candidate_codes, profile
from .settings import SETTINGS, DetectSettings


def _profile_opinion(evidence: Evidence, settings: DetectSettings) -> Opinion | None:
    hits = {code: profile_hits(evidence, profile(code)) for code in candidate_codes()}
    total = sum(hits.values())
    if total == 0:
        return None
    covers = frozenset(code for code in hits if profile(code).has_words)
    return Opinion({code: hit / total for code, hit in hits.items()}, covers, settings.profile_weight)


def _mean_probability(code: str, opinions: list[Opinion]) -> float | None:
    # Plain loops: this runs for every language of every sentence (the sums' order is kept).
    weight = total = 0
    for opinion in opinions:
        if code in opinion.covers:
            weight += opinion.weight
            total += opinion.weight * opinion.probabilities.get(code, 0.0)
    if not weight:
        return None
    return total / weight


def _discounted(opinion: Opinion, others: list[Opinion]) -> Opinion:
    """A detector cannot name a language it does not know (lingua calls Uzbek Azerbaijani with
    full confidence): its voice counts less by as much as the other detectors believe the text
    is in a language outside its knowledge."""
    belief = 0.0
    for code in candidate_codes():
        if code not in opinion.covers:
            belief = max(belief, _mean_probability(code, others) or 0.0)
    return Opinion(opinion.probabilities, opinion.covers, opinion.weight * (1.0 - belief))


def _combine(evidence: Evidence, opinions: list[Opinion], settings: DetectSettings) -> dict[str, float]:
    """Each language's weighted mean probability over the detectors that know it, times the
    share of the text's letters its alphabet accounts for (and less when a long text lacks the
    letters the language cannot do without)."""
    opinions = [
        _discounted(opinion, [other for other in opinions if other is not opinion]) for opinion in opinions
    ]
    scores = {}
    for code in candidate_codes():
        mean = _mean_probability(code, opinions)
        if mean is not None:
            fit = alphabet_fit(evidence, profile(code), settings.foreign_letter_penalty)
            scores[code] = mean * fit * expected_letters_fit(evidence, profile(code), settings)
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


def _scores_of_many(evidences: Sequence[Evidence], settings: DetectSettings) -> list[dict[str, float]]:
    lingua = lingua_opinions([evidence.text for evidence in evidences], settings) if evidences else []
    results = []
    for evidence, lingua_opinion in zip(evidences, lingua, strict=True):
        opinions = [
            lingua_opinion,
            cld2_opinion(evidence.text, settings),
            _profile_opinion(evidence, settings),
        ]
        results.append(_combine(evidence, [opinion for opinion in opinions if opinion], settings))
    return results


def language_scores(text: str, settings: DetectSettings = SETTINGS) -> dict[str, float]:
    """Every candidate language's score for a text, best first (empty for too few letters)."""
    evidence = gather(text, settings)
    if evidence.weighted_letters < settings.min_letters:
        return {}
    return _scores_of_many([evidence], settings)[0]


def _best(scores: dict[str, float]) -> tuple[str | None, float]:
    return next(iter(scores.items()), (None, 0.0))


def detect_language(text: str, hint: str | None = None, settings: DetectSettings = SETTINGS) -> str | None:
    """ISO 639-1 code of the language of an article or a paragraph; None when the text has too
    few letters to tell. ``hint``, a declared language, only breaks a near-tie."""
    scores = language_scores(text, settings)
    best, best_score = _best(scores)
    if best is None or best_score <= 0:
        return None
    if hint and hint in scores and best_score - scores[hint] <= settings.hint_margin:
        return hint
    return best


def _sentence_language(scores: dict[str, float], default: str | None, settings: DetectSettings) -> str | None:
    best, best_score = _best(scores)
    if best is None or best == default or best_score < settings.sentence_min_score:
        return default
    if best_score - scores.get(default or "", 0.0) < settings.sentence_min_lead:
        return default
    return best


def detect_sentence_languages(
    sentences: Sequence[str], default: str | None, settings: DetectSettings = SETTINGS
) -> list[str | None]:
    """The language of each sentence of a (possibly mixed) text: a sentence long enough and
    clearly in another language gets its own code; the rest (short bits, names, numbers,
    anything ambiguous) get ``default``, the document's language."""
    evidences = [gather(sentence, settings) for sentence in sentences]
    readable = [
        i
        for i, evidence in enumerate(evidences)
        if evidence.weighted_letters >= settings.sentence_min_letters
    ]
    languages: list[str | None] = [default] * len(sentences)
    scored = _scores_of_many([evidences[i] for i in readable], settings)
    for i, scores in zip(readable, scored, strict=True):
        languages[i] = _sentence_language(scores, default, settings)
    return languages

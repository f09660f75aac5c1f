"""Weighing the detectors, the alphabets and the word profiles into one language per text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import regex

from .engines import Opinion, cld2_opinion, lingua_codes, lingua_opinions
from .evidence import Evidence, alphabet_fit, expected_letters_fit, gather, letters_of_entries
from .profiles import LanguageProfile, candidate_codes, profile
from .settings import SETTINGS, DetectSettings


def _profile_opinion(evidence: Evidence, settings: DetectSettings) -> Opinion | None:
    """Each profile's hits, its frequent words and letter sequences per word of the text, as
    shares of all profiles' hits."""
    words = evidence.words
    if not words:  # no language has a hit
        return None
    # The words of every profile are counted in one pass over the text's words (a repeated
    # word counts each time): this runs for every sentence.
    listed = dict.fromkeys(_word_codes_in_order(), 0)
    index = _profiles_by_word()
    for word in words:
        for code in index.get(word, ()):
            listed[code] += 1
    hits = dict.fromkeys(candidate_codes(), 0.0)
    folded, chars = evidence.folded, evidence.folded_chars
    for known, letters in _word_profiles():  # a language without words, or none of their letters, has no hit
        if letters is None or not letters.isdisjoint(chars):
            hits[known.code] = (listed[known.code] + sum(map(folded.count, known.ngrams))) / len(words)
    total = sum(hits.values())
    if total == 0:
        return None
    return Opinion({code: hit / total for code, hit in hits.items()}, _word_codes(), settings.profile_weight)


@cache
def _word_profiles() -> tuple[tuple[LanguageProfile, frozenset[str] | None], ...]:
    known = (profile(code) for code in candidate_codes())
    return tuple((each, letters_of_entries(each)) for each in known if each.has_words)


@cache
def _word_codes_in_order() -> tuple[str, ...]:
    return tuple(known.code for known, _ in _word_profiles())


@cache
def _profiles_by_word() -> dict[str, tuple[str, ...]]:
    """For each word of some profile, the codes of the profiles listing it."""
    index: dict[str, list[str]] = {}
    for known, _ in _word_profiles():
        for word in known.words:
            index.setdefault(word, []).append(known.code)
    return {word: tuple(codes) for word, codes in index.items()}


@cache
def _word_codes() -> frozenset[str]:
    return frozenset(known.code for known, _ in _word_profiles())


def _named(opinions: list[Opinion]) -> set[str]:
    """The codes some opinion gives a probability above zero: every other code's mean is 0."""
    return {
        code for opinion in opinions for code, probability in opinion.probabilities.items() if probability
    }


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
    # Only the codes the others name can raise the belief above 0 (the languages of other
    # scripts, most of them, cannot): the same maximum, over a few codes instead of all.
    belief = 0.0
    for code in _named(others) - opinion.covers:
        if code in _candidates():
            belief = max(belief, _mean_probability(code, others) or 0.0)
    return Opinion(opinion.probabilities, opinion.covers, opinion.weight * (1.0 - belief))


def _combine(evidence: Evidence, opinions: list[Opinion], settings: DetectSettings) -> dict[str, float]:
    """Each language's weighted mean probability over the detectors that know it, times the
    share of the text's letters its alphabet accounts for (and less when a long text lacks the
    letters the language cannot do without)."""
    opinions = [
        _discounted(opinion, [other for other in opinions if other is not opinion]) for opinion in opinions
    ]
    # A code no detector with a voice knows has no score; one that no detector names scores 0
    # whatever its alphabet (the mean is 0): only the named codes are worth the arithmetic.
    known = frozenset().union(*(opinion.covers for opinion in opinions if opinion.weight))
    named = _named(opinions)
    scores = {}
    for code in candidate_codes():
        if code not in known:
            continue
        if code not in named:
            scores[code] = 0.0
            continue
        mean = _mean_probability(code, opinions)
        if mean is not None:
            fit = alphabet_fit(evidence, profile(code), settings.foreign_letter_penalty)
            scores[code] = mean * fit * expected_letters_fit(evidence, profile(code), settings)
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


@cache
def _candidates() -> frozenset[str]:
    return frozenset(candidate_codes())


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
    others = {
        i: (cld2_opinion(evidences[i].text, settings), _profile_opinion(evidences[i], settings))
        for i in readable
    }
    # lingua costs most: it is asked only where its opinion could give another answer than the default.
    asked = [i for i in readable if not keeps_default(evidences[i], others[i], default, settings)]
    lingua = lingua_opinions([evidences[i].text for i in asked], settings) if asked else []
    for i, lingua_opinion in zip(asked, lingua, strict=True):
        opinions = [opinion for opinion in (lingua_opinion, *others[i]) if opinion]
        languages[i] = _sentence_language(_combine(evidences[i], opinions, settings), default, settings)
    switched = [i for i in asked if languages[i] != default]
    # Names are written alike in every language: a sentence is in the language its other words
    # are in, and keeps the document's when they are too few to tell (a German sentence about New
    # York City FC and the Major League Soccer is no English one).
    for i, without in zip(switched, _without_names(sentences[i] for i in switched), strict=True):
        languages[i] = _language_without_names(without, default, settings)
    return languages


# Runs of two capitalised words or more (New York City FC), and words in capitals (FC, NASA).
_NAME_RUN = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*)+|\b\p{Lu}{2,}\b")


def _without_names(sentences: Iterable[str]) -> list[str]:
    return [_NAME_RUN.sub(" ", sentence) for sentence in sentences]


def _language_without_names(text: str, default: str | None, settings: DetectSettings) -> str | None:
    evidence = gather(text, settings)
    if evidence.weighted_letters < settings.sentence_min_letters:
        return default
    opinions = [cld2_opinion(evidence.text, settings), _profile_opinion(evidence, settings),
                *lingua_opinions([evidence.text], settings)]
    present = [opinion for opinion in opinions if opinion]
    return _sentence_language(_combine(evidence, present, settings), default, settings)


# The bounds below are summed in another order than the scores: a margin for the rounding.
_ROUNDING = 1e-9


def keeps_default(
    evidence: Evidence,
    others: tuple[Opinion | None, Opinion | None],
    default: str | None,
    settings: DetectSettings,
) -> bool:
    """Whether a sentence gets ``default`` whatever lingua says, from cld2's and the word
    profiles' opinions (``others``) alone.

    A language's score is a weighted mean of the detectors' probabilities times its alphabet's
    fit. Without lingua, its probability of each language is only known to lie between 0 and 1,
    and the weight of the profiles (discounted by lingua's belief in languages they do not know)
    to lie in a range; the mean moves one way with each, so its extremes are at the ends. The
    sentence keeps the default unless another language could reach the minimum score and lead
    the default's lowest possible score by the minimum lead.
    """
    cld2, words = others
    present = [opinion for opinion in others if opinion]
    lingua_weight = _discounted(Opinion({}, lingua_codes(), settings.lingua_weight), present).weight
    words_weights = _words_weights(words, cld2, settings) if words else (0.0, 0.0)

    def mean_bound(code: str, highest: bool) -> float:
        weight = total = 0.0
        if code in lingua_codes():
            weight += lingua_weight
            total += lingua_weight if highest else 0.0
        if cld2 is not None:
            weight += cld2.weight
            total += cld2.weight * cld2.probabilities.get(code, 0.0)
        if words is None or code not in words.covers:
            return total / weight if weight else float(highest)
        probability = words.probabilities.get(code, 0.0)
        ends = [(total + extra * probability) / (weight + extra) for extra in words_weights if weight + extra]
        ends += [probability] if len(ends) < len(words_weights) else []  # the profiles' voice alone
        return max(ends) if highest else min(ends)

    def fit(code: str) -> float:  # at most 1, as the score's other factors
        fitted = alphabet_fit(evidence, profile(code), settings.foreign_letter_penalty)
        return fitted * expected_letters_fit(evidence, profile(code), settings) if fitted else 0.0

    def could_win(highest: float) -> bool:
        return highest >= settings.sentence_min_score - _ROUNDING and (
            highest - lowest_default >= settings.sentence_min_lead - _ROUNDING
        )

    lowest_default = mean_bound(default, False) * fit(default) if default in _candidates() else 0.0
    named = _named(present)
    for code in named & _candidates():
        # The fit is at most 1: it is only worth reading for a language that could win without it.
        if (
            code != default
            and could_win(highest := mean_bound(code, True))
            and could_win(highest * fit(code))
        ):
            return False
    # A language neither detector names is bounded by lingua alone, the same for all languages
    # that lingua and the profiles know (or do not): one bound for each kind.
    for codes in _kinds(words.covers if words else frozenset()):
        unnamed = [code for code in codes if code != default and code not in named]
        highest = mean_bound(unnamed[0], True) if unnamed else 0.0
        if could_win(highest) and any(could_win(highest * fit(code)) for code in unnamed):
            return False
    return True


@cache
def _kinds(word_codes: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The candidate languages by whether lingua knows them and whether the profiles do."""
    kinds: dict[tuple[bool, bool], list[str]] = {}
    for code in candidate_codes():
        kinds.setdefault((code in lingua_codes(), code in word_codes), []).append(code)
    return tuple(tuple(codes) for codes in kinds.values())


def _words_weights(words: Opinion, cld2: Opinion | None, settings: DetectSettings) -> tuple[float, float]:
    """The least and the most weight the word profiles can have, whatever lingua's probabilities:
    lingua may give a language the profiles do not know anything from 0 to all its belief."""
    lingua = settings.lingua_weight
    cld2_weight = cld2.weight if cld2 is not None else 0.0
    probabilities = cld2.probabilities if cld2 is not None else {}
    known_to_lingua, unknown_to_lingua = _outside(words.covers)
    # A language cld2 does not name (probability 0) gives lingua's share alone, or nothing.
    most = (lingua + cld2_weight * 0.0) / (lingua + cld2_weight) if known_to_lingua else 0.0
    least = 0.0
    for code, probability in probabilities.items():
        if not probability:
            continue
        if code in known_to_lingua:
            most = max(most, (lingua + cld2_weight * probability) / (lingua + cld2_weight))
            least = max(least, cld2_weight * probability / (lingua + cld2_weight))
        elif code in unknown_to_lingua:
            most, least = max(most, probability), max(least, probability)
    return words.weight * (1.0 - most), words.weight * (1.0 - least)


@cache
def _outside(word_codes: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The candidate languages the profiles do not know: those lingua knows, and the others."""
    outside = _candidates() - word_codes
    return outside & lingua_codes(), outside - lingua_codes()

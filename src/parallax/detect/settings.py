"""Tuning of language detection: every threshold and weight in one place, none per language.

What differs between languages (alphabets, frequent words, confusers) lives in the
``[detect]`` section of each language file; these are the knobs of the machinery that weighs it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DetectSettings:
    # Below this many letters a text says too little to name its language.
    min_letters: int = 6
    # A sentence gets a language of its own only when it is at least this long ...
    sentence_min_letters: int = 24
    # ... its best language scores at least this ...
    sentence_min_score: float = 0.6
    # ... and leads the document's language by at least this much.
    sentence_min_lead: float = 0.35
    # A declared language wins when it scores within this of the best one.
    hint_margin: float = 0.1
    # How much each detector counts. lingua is the sharpest on short text; cld2 is the one that
    # knows the languages lingua lacks; the word and letter profiles of the language files back
    # both up on close neighbours.
    lingua_weight: float = 2.0
    cld2_weight: float = 1.0
    cld2_unreliable_weight: float = 0.5
    profile_weight: float = 1.0
    # How hard letters outside a language's alphabet count against it: the score is multiplied
    # by exp(-penalty * share of such letters among the letters of the language's scripts), so
    # one foreign name in a paragraph costs little and a foreign alphabet rules a language out.
    foreign_letter_penalty: float = 40.0
    # A text with this many letters of a language's scripts and none of its expected letters
    # (Kazakh without ә ғ қ ң ө ұ ү, Ukrainian without і ї є) is very unlikely to be in it: its
    # score is multiplied by the factor below. Below the length, chance absences are common.
    expected_letters_after: int = 80
    missing_expected_letters_factor: float = 0.1
    # Scripts written without spaces carry a word in one or two characters: each counts as this
    # many letters towards the minimums above.
    dense_scripts: tuple[str, ...] = ("Hani", "Hira", "Kana", "Hang")
    dense_letter_weight: int = 3
    # Only the beginning of a long text is read: a few thousand characters settle its language.
    sample_chars: int = 4000
    # lingua's high-accuracy mode reads 1- to 5-grams and needs about 0.4 s per language to load;
    # low-accuracy mode reads trigrams only and loads all of them in a fraction of a second. With
    # cld2 and the profiles beside it, low accuracy is enough for our languages (see tests).
    lingua_high_accuracy: bool = False


SETTINGS = DetectSettings()

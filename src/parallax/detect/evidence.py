"""What a text shows before any model reads it: its letters and its words."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import regex

from .profiles import APOSTROPHES, LanguageProfile, is_shared_letter, script_of
from .settings import DetectSettings

SHARED = "shared"  # the group of the letters of no script in particular
_WORD = regex.compile(r"[\p{L}\p{M}']+")


@dataclass(frozen=True)
class Evidence:
    text: str  # NFC, as the models read it
    folded: str  # lowercased, apostrophes unified, as the profiles read it
    letters: Counter[str]
    weighted_letters: int  # letters, with those of dense scripts counted several times
    words: tuple[str, ...]

    @cached_property
    def letters_by_script(self) -> dict[str, dict[str, int]]:
        """The letters and their counts by script (a letter of no script under its own code):
        every language asks, so each letter's script is looked up once."""
        groups: dict[str, dict[str, int]] = {}
        for char, count in self.letters.items():
            script = SHARED if is_shared_letter(char) else script_of(char)
            groups.setdefault(script, {})[char] = count
        return groups

    @cached_property
    def folded_chars(self) -> frozenset[str]:
        return frozenset(self.folded)


def gather(text: str, settings: DetectSettings) -> Evidence:
    # Lone surrogates (bytes a decoder could not read) are no letters, and the models refuse them.
    text = text[: settings.sample_chars].encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    # Counted in C, then the letters kept (in the order they first appear, as before).
    letters = Counter({char: count for char, count in Counter(text).items() if char.isalpha()})
    dense = sum(count for char, count in letters.items() if script_of(char) in settings.dense_scripts)
    folded = text.lower().translate(APOSTROPHES)
    words = tuple(word.strip("'") for word in _WORD.findall(folded))
    return Evidence(
        text=text,
        folded=folded,
        letters=letters,
        weighted_letters=letters.total() + dense * (settings.dense_letter_weight - 1),
        words=tuple(word for word in words if word),
    )


def alphabet_fit(evidence: Evidence, profile: LanguageProfile, penalty: float) -> float:
    """1 when every letter of the language's scripts is in its alphabet, falling towards 0 as
    foreign letters grow, and 0 when the text has no letter of its scripts at all."""
    if not profile.alphabet:
        return 1.0
    own_script = foreign = 0
    groups = evidence.letters_by_script
    for script in (*profile.scripts, SHARED):
        counts = groups.get(script)
        if counts:
            own_script += sum(counts.values())
            # Whole numbers: the same sums in any order, the letters outside the alphabet found by set.
            foreign += sum(counts[char] for char in counts.keys() - profile.alphabet)
    if own_script == 0:
        return 0.0
    return math.exp(-penalty * foreign / own_script)


def letters_of_entries(profile: LanguageProfile) -> frozenset[str] | None:
    """Every letter of a profile's words and sequences; None when one of them has no letter.

    A text with none of these letters (one in another script) has no hit: each word and each
    sequence holds a letter it lacks. None: an entry without letters could be in any text.
    """
    letters: set[str] = set()
    for entry in (*profile.words, *profile.ngrams):
        own = {char for char in entry if char.isalpha()}
        if not own:
            return None
        letters |= own
    return frozenset(letters)


def expected_letters_fit(evidence: Evidence, profile: LanguageProfile, settings: DetectSettings) -> float:
    """1 unless the text is long and lacks every letter the language writes all the time.

    Kazakh and Ukrainian share і and most of Cyrillic, and a detector reading letter trigrams
    can take a Ukrainian sentence for Kazakh; but a Kazakh text of a few lines without one of
    ә ғ қ ң ө ұ ү does not exist.
    """
    if not profile.expected:
        return 1.0
    groups = evidence.letters_by_script
    letters = [item for script in profile.scripts for item in groups.get(script, {}).items()]
    if sum(count for _, count in letters) < settings.expected_letters_after:
        return 1.0
    if any(char.lower() in profile.expected for char, _ in letters):
        return 1.0
    return settings.missing_expected_letters_factor

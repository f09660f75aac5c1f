"""Where ICU's sentence boundaries are wrong for news copy, and how to set them right.

ICU breaks after every full stop followed by a capital: after abbreviations it does not know
("г. Алматы", "Mrd. Euro"), after initials ("Қ.-Ж. Тоқаев", "V. Putin") and after German
ordinals ("am 12. März"). It breaks before a closing quote set off by a space (French
« … ! »), and after a quoted exclamation that the sentence goes on from ("Ready!" he said).
It never breaks after a Unicode ellipsis, nor on terminators it does not know (the Chinese
full-width semicolon). Each rule below is one of these cases.
"""

from __future__ import annotations

from functools import cache

import regex

from ..lang.scripts import CLOSERS, ELLIPSES, SENTENCE_TERMINATORS, char_class
from .rules import SentenceRules

# How far around a boundary the rules look: enough for the longest abbreviation and the next
# word, and a bound that keeps long texts linear.
_CONTEXT = 64
_CLOSERS_AFTER_SPACE = regex.compile(r"\s*[\p{Pe}\p{Pf}»”’\"')\]]+(?=\s|$|\p{P})")
_CLOSERS = regex.compile(char_class(SENTENCE_TERMINATORS, CLOSERS) + "*")
# The sentence goes on: a lower-case word, a comma or colon, or a dash that introduces
# who said the words before it ("…!» — деді ол").
_CONTINUATION = regex.compile(r"\s*(?:\p{SB=SContinue}(?!\s*\p{Lu})|[\p{Pd}\s]*\p{Ll})")
_INITIALS = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}\.(?:[-‐]?\p{Lu}\.)*$")
_ORDINAL = regex.compile(r"(?<![\p{N}.,])\p{N}{1,3}\.$")
_NEXT_WORD = regex.compile(r"\s*[\p{Pi}\p{Ps}\"']*(\w+)")
# Scripts without case (\p{Lo}) cannot show a new sentence by a capital: a break stands there.
_NEXT_CAPITALISED = regex.compile(r"\s*[\p{Pi}\p{Ps}\p{Pd}\"'\s]*[\p{Lu}\p{Lt}\p{Lo}]")
_ELLIPSIS_BEFORE_CAPITAL = regex.compile(
    char_class(ELLIPSES) + char_class("", CLOSERS) + r"*(?=\s+[\p{Pi}\p{Ps}\"']*\p{Lu})"
)


@cache
def _ending_pattern(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    """Matches a text that ends with one of ``words`` standing on its own (a number may lead
    into it: "2025ж.", "1990م.")."""
    if not words:
        return None
    alternatives = "|".join(regex.escape(word) for word in words)
    # (?r) searches from the end: the boundary is where the abbreviation would be.
    return regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}])(?:{alternatives})$")


def _ending(before: str, words: tuple[str, ...]) -> regex.Match[str] | None:
    pattern = _ending_pattern(words)
    return pattern.search(before) if pattern else None


def _abbreviation_kind(before: str, rules: SentenceRules) -> str | None:
    """'never' when ``before`` ends with an abbreviation that never ends a sentence, 'maybe'
    when it ends with one that may, None when it ends with none."""
    unit = _ending(before, rules.number_abbreviations)
    if unit:
        after_number = before[: unit.start()].rstrip(" -")[-1:].isdigit()
        return "maybe" if after_number else "never"
    if _ending(before, rules.abbreviations):
        return "never"
    if _ending(before, rules.final_abbreviations):
        return "maybe"
    return None


def moved_past_closers(text: str, cut: int) -> int:
    """A closing quote or bracket set off by a space still belongs to the sentence before."""
    match = _CLOSERS_AFTER_SPACE.match(text, cut)
    return match.end() if match else cut


def _is_ordinal_date(before: str, after: str, rules: SentenceRules) -> bool:
    if not rules.month_names or not _ORDINAL.search(before):
        return False
    word = _NEXT_WORD.match(after)
    return bool(word) and word.group(1).lower().rstrip(".") in rules.month_names


def keeps_break(text: str, cut: int, rules: SentenceRules) -> bool:
    """Whether a sentence really ends at ``cut`` (a boundary ICU proposed)."""
    before = text[max(0, cut - _CONTEXT) : cut].rstrip()
    after = text[cut : cut + _CONTEXT]
    if not after.strip():
        return True
    if _CONTINUATION.match(after):
        return False
    kind = _abbreviation_kind(before, rules)
    if kind is not None:
        return kind == "maybe" and bool(_NEXT_CAPITALISED.match(after))
    if _INITIALS.search(before):
        return False
    return not _is_ordinal_date(before, after, rules)


def extra_breaks(text: str, rules: SentenceRules) -> list[int]:
    """Sentence ends ICU does not see: the language's own terminators, and an ellipsis
    followed by a capitalised word."""
    cuts = [match.end() for match in _ELLIPSIS_BEFORE_CAPITAL.finditer(text)]
    if rules.terminators:
        for match in regex.finditer(f"[{regex.escape(rules.terminators)}]", text):
            cuts.append(_CLOSERS.match(text, match.end()).end())
    return cuts

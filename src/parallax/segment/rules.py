"""A language's sentence rules, compiled from the ``[segment]`` section of its data file.

ICU knows where sentences end in every script; what it cannot know is which abbreviations a
language's news copy uses, so those come from the data file:

- ``abbreviations`` never end a sentence ("ул.", "Dr.", "z.B.");
- ``final_abbreviations`` may end one ("т.б.", "etc."): a break after them stands only when
  the next word is capitalised; CLDR's abbreviated month names ("Okt.") count among them;
- ``number_abbreviations`` follow a number ("млрд.", "г.", "ж."): after a number they behave
  like final abbreviations, anywhere else ("г. Алматы") like abbreviations;
- ``terminators``: characters that end a sentence although ICU does not end one there;
- ``ordinal_dot``: the language writes ordinals with a full stop ("am 12. März"), so a number
  and its full stop before a month name stay in their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from parallax import lang
from parallax.lang.dates import names as cldr_names
from parallax.lang.dates.names import WIDE_AND_ABBREVIATED


@dataclass(frozen=True)
class SentenceRules:
    # ICU locale id. Not "@ss=standard": ICU's filtered iterator (CLDR's suppression lists)
    # matches abbreviations inside longer words and runs sentences together ("Herrn Müller.
    # Die Sitzung…" stays one sentence in German); our lists are matched on whole words.
    locale: str
    abbreviations: tuple[str, ...]
    final_abbreviations: tuple[str, ...]
    number_abbreviations: tuple[str, ...]
    terminators: str
    month_names: frozenset[str]  # lowercased; empty unless the language writes ordinal dots


def _with_capitalised(words: list[str]) -> tuple[str, ...]:
    # An abbreviation may open a sentence and then carries a capital ("См. также").
    variants = {word for word in words} | {word[:1].upper() + word[1:] for word in words}
    # Longest first, so that "до н.э." is tried before "н.э.".
    return tuple(sorted(variants, key=len, reverse=True))


@cache
def _months(code: str) -> frozenset[str]:
    """Month names and abbreviations as CLDR writes them ("März", "Okt.", "Jan.")."""
    return frozenset(name for forms in cldr_names.months(code, widths=WIDE_AND_ABBREVIATED) for name in forms)


def _month_names(code: str) -> frozenset[str]:
    return frozenset(name.lower().rstrip(".") for name in _months(code))


def _month_abbreviations(code: str) -> list[str]:
    # An abbreviated month ("Okt. 2025", "Jan. 5") is followed by a number far more often than
    # it ends a sentence: it may end one, like the final abbreviations.
    return [name for name in _months(code) if name.endswith(".") and len(name) > 2]


@cache
def sentence_rules(code: str | None) -> SentenceRules:
    """The rules of a language; ICU's defaults alone for an unknown or missing one."""
    data = lang.maybe_load(code)
    section = data.section("segment") if data else {}
    return SentenceRules(
        locale=code or "",
        abbreviations=_with_capitalised(section.get("abbreviations", [])),
        final_abbreviations=_with_capitalised(
            section.get("final_abbreviations", []) + (_month_abbreviations(code) if code else [])
        ),
        number_abbreviations=_with_capitalised(section.get("number_abbreviations", [])),
        terminators=section.get("terminators", ""),
        month_names=_month_names(code) if code and section.get("ordinal_dot") else frozenset(),
    )

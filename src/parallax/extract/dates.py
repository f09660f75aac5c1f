"""Date expressions in any of parallax's languages, as ISO values.

``extract_dates(text, language, published)`` finds every date expression and reports it as a
:class:`~parallax.model.Mention` of kind ``"date"``:

* ``value``: "2025-03-12" (a day), "2025-03" (a month), "2024" (a year) or an ISO interval of
  two of those ("2023-01/2023-08", "2025-03-12/2025-03-14", "2020/2024"); months and years of
  another calendar (Solar Hijri, Hijri) become intervals of Gregorian days. None when the
  expression depends on the publication date and none is given, or when a numeric date's day
  and month cannot be told apart.
* ``attrs``: ``resolved`` (the value is known), ``granularity`` ("day", "month", "year" or
  "interval"), ``relative`` (the value was computed from the publication date: "last year",
  "on Tuesday", "12 March" without a year); ``ambiguous`` is added for a slash date such as
  03/04/2025 in a language that does not say which number is the day.

How the text is read: the language's words come from CLDR (PyICU) and dateparser's locale data
plus the ``[dates]`` section of its data file (``dates_lexicon``); the shapes of expressions
are templates compiled once per language (``dates_grammar``); overlapping matches are settled
longest first; the rules for resolving relative expressions are in ``dates_resolve``.
With ``language=None`` only numeric dates are read (2025-03-12, 12.03.2025, and 12/03/2025
only when one number is above 12). A 4-digit number is a year only in a date, after a year
word ("2024 жылы", "عام 2024", "2024年") or after a preposition ("in 2024"); times of day
are never dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from parallax import lang
from parallax.extract.dates_grammar import Grammar, grammar, span
from parallax.extract.dates_parts import Parts, read_parts
from parallax.extract.dates_resolve import Resolved, Unresolvable, resolve
from parallax.model import Mention

# A weekday written just before a full date ("Tuesday, 12 March", "Montag, den 17. März")
# adds nothing to it: between them only punctuation and at most one short word.
_WEEKDAY_BEFORE_DATE = re.compile(r"[\s,.]*(?:\w{1,3}\s+)?")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    parts: Parts

    @property
    def length(self) -> int:
        return self.end - self.start


def extract_dates(text: str, language: str | None, published: date | None) -> list[Mention]:
    """Every date expression in ``text``, in text order, offsets relative to ``text``."""
    rules = grammar(_known_language(language))
    day = published.date() if isinstance(published, datetime) else published
    chosen = _longest_first(_candidates(text, rules))
    mentions = [mention for candidate in chosen if (mention := _mention(text, candidate, day))]
    return _without_weekdays_before_dates(text, mentions)


def _known_language(language: str | None) -> str | None:
    """The ISO 639-1 code parallax has data for (a region subtag dropped), or None for numeric dates only."""
    code = re.split(r"[-_]", language)[0].lower() if language else None
    return code if lang.maybe_load(code) else None


def _candidates(text: str, rules: Grammar) -> list[_Candidate]:
    candidates = []
    for rule, match in rules.matches(text):
        start, end = span(match)
        parts = read_parts(match, rule.meaning, rules.lexicon)
        if parts is not None and end > start:
            candidates.append(_Candidate(start, end, parts))
    return candidates


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, the longest first ("12 марта 2025 года" over "2025 года")."""
    taken: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-c.length, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _mention(text: str, candidate: _Candidate, published: date | None) -> Mention | None:
    try:
        resolved = resolve(candidate.parts, published)
    except Unresolvable:  # 30 February and the like: the shape of a date, not a date
        return None
    return Mention(
        kind="date",
        start=candidate.start,
        end=candidate.end,
        text=text[candidate.start : candidate.end],
        value=resolved.value,
        attrs=_attrs(resolved, candidate.parts),
    )


def _attrs(resolved: Resolved, parts: Parts) -> dict[str, object]:
    attrs: dict[str, object] = {
        "resolved": resolved.value is not None,
        "granularity": resolved.granularity,
        "relative": resolved.relative,
    }
    if parts.ambiguous:
        attrs["ambiguous"] = True
    if parts.weekday is not None:
        attrs["weekday"] = parts.weekday
    return attrs


def _without_weekdays_before_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    kept = []
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if (
            "weekday" in mention.attrs
            and following is not None
            and following.attrs["granularity"] == "day"
            and _WEEKDAY_BEFORE_DATE.fullmatch(text, mention.end, following.start)
        ):
            continue
        kept.append(mention)
    return kept

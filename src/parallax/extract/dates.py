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
  03/04/2025 in a language that does not say which number is the day, ``weekday`` (0 is
  Monday) for a weekday, ``same_period`` for "the same period last year" (which takes the
  months of the latest period named before it: "January-August ... the same period last
  year" -> "2024-01/2024-08"), ``season`` for the months of a season ("жазда", "летом 2023
  года" -> "2023-06/2023-08"; a winter runs from December of the year before).
* ``text``/``start``/``end``: the whole expression, with the preposition or postposition that
  governs it ("в прошлом году", "on Tuesday", "к 2030 году", "2030 yılına kadar", "到2030年"),
  and a weekday written next to its date ("mercredi 12 mars").

How the text is read is the date core's (``parallax.lang.dates``, shared with the dateline
cleaner): the language's words come from the generated CLDR file, ICU spellout and
dateparser's locale data plus the ``[dates]`` section of its data file (``lexicon``); the
shapes of expressions are templates compiled once per language (``grammar``); a match's
parts are read by ``parts`` and resolved by ``resolve``. Here overlapping matches are settled
longest first and become mentions.
With ``language=None`` only numeric dates are read (2025-03-12, 12.03.2025, and 12/03/2025
only when one number is above 12). A 4-digit number is a year only in a date, after a year
word ("2024 жылы", "عام 2024", "2024年") or after a preposition ("in 2024"); times of day
are never dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from parallax import lang
from parallax.extract.spans import SpanSet
from parallax.lang.dates.grammar import Grammar, grammar
from parallax.lang.dates.parts import Parts, read_parts, season_compared_by, written
from parallax.lang.dates.resolve import Resolved, Unresolvable, resolve
from parallax.model import DateAttrs, Mention, attrs_as
from parallax.tables import KnowsTables, tables_of

# A weekday next to a day ("mercredi 12 mars", "Montag, den 17. März", "أمس الثلاثاء") is one
# expression with it: between them only punctuation and at most one short word.
_WEEKDAY_JOINT = re.compile(r"[\s,.]*(?:\w{1,3}\s+)?")
# A four-digit number standing alone, not part of a code, score, time, decimal or phone number.
_BARE_YEAR = re.compile(r"(?<![\w\-/.:,+№#])(1[89]\d\d|20\d\d)(?![\w\-/:%]|[.,]\d)")
# An interval of whole months or days within one year, or one month: "2025-01/2025-08".
_PERIOD_IN_A_YEAR = re.compile(r"(\d{4})(-\d\d(?:-\d\d)?)(?:/\1(-\d\d(?:-\d\d)?))?")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    parts: Parts
    bare: bool = False  # a year after a preposition alone ("in 2000"): a count when a unit follows
    own: bool = False  # read by a phrasing of the language's own data, not a shared shape

    @property
    def length(self) -> int:
        return self.end - self.start


def extract_dates(
    text: str, language: str | None, published: date | None, context: KnowsTables | None = None
) -> list[Mention]:
    """Every date expression in ``text``, in text order, offsets relative to ``text``.

    ``context``: the analysis context whose language tables are read (None: the process's
    default tables, for a one-off call).
    """
    rules = tables_of(context).get(grammar, _known_language(language))
    day = published.date() if isinstance(published, datetime) else published
    chosen = _longest_first([c for c in _candidates(text, rules) if not _season_in_a_name(text, c)])
    mentions = [mention for candidate in chosen if (mention := _mention(text, candidate, day))]
    return _anaphora_resolved(_same_periods_resolved(_weekdays_joined(text, mentions)))


def bare_years(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Four-digit numbers of the last two centuries that nothing else read: years ("1991 kaufte er").

    Called once the number extractor has taken what counts something ("2000 Wohnungen",
    "2019 Fälle"): a plausible year left without a noun, unit or date word is a year in news.
    ``taken`` are the spans of the other mentions.
    """
    mentions = []
    for found in _BARE_YEAR.finditer(text):
        start, end = found.span()
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        attrs = {"resolved": True, "granularity": "year", "relative": False, "bare": True}
        mention = Mention(kind="date", start=start, end=end, text=found[0], value=found[0], attrs=attrs)
        mentions.append(mention)
    return mentions


def _known_language(language: str | None) -> str | None:
    """The ISO 639-1 code parallax has data for (a region subtag dropped), or None for numeric dates only."""
    code = re.split(r"[-_]", language)[0].lower() if language else None
    return code if lang.maybe_load(code) else None


def _candidates(text: str, rules: Grammar) -> list[_Candidate]:
    candidates = []
    for rule, match in rules.matches(text):
        start, end = match.span()
        parts = read_parts(match, rule.meaning, rules.lexicon)
        if parts is not None and end > start:
            bare, own = bool(rule.meaning.get("bare")), bool(rule.meaning.get("own"))
            candidates.append(_Candidate(start, end, parts, bare, own))
    return candidates


def _season_in_a_name(text: str, candidate: _Candidate) -> bool:
    """A capitalised season word inside a sentence begins a name ("«Зимний Сабантуй»", "Летний
    сад", "Festival Estival"), not a date; at the start of a sentence it may be either."""
    parts = candidate.parts
    words = text[candidate.start : candidate.end]
    if not parts.season or parts.start.has_year or " " in words or not words[:1].isupper():
        return False
    before = text[: candidate.start].rstrip(" \t\u00a0")  # a line break starts a sentence
    return bool(before) and before[-1] not in ".!?…:\n"


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, the longest first ("12 марта 2025 года" over "2025 года")."""
    taken: list[_Candidate] = []
    spans = SpanSet()
    # Of equal spans, one whose words say a direction ("Cuma'ya kadar": until) wins over a plain
    # one, then the language's own phrasing over a shared shape ("1990 жылдары": the 1990s).
    for candidate in sorted(
        candidates, key=lambda c: (-c.length, c.start, c.parts.weekday_direction == 0, not c.own)
    ):
        if not spans.overlaps(candidate.start, candidate.end):
            spans.add(candidate.start, candidate.end)
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
        attrs=_attrs(resolved, candidate.parts) | ({"bare": True} if candidate.bare else {}),
    )


def _attrs(resolved: Resolved, parts: Parts) -> dict[str, object]:
    attrs: dict[str, object] = {
        "resolved": resolved.value is not None,
        "granularity": resolved.granularity,
        "relative": resolved.relative,
    }
    if parts.ambiguous:
        attrs["ambiguous"] = True
    elif resolved.value is None:
        attrs["written"] = written(parts)
    if parts.weekday is not None:
        attrs["weekday"] = parts.weekday
    if parts.same_period:
        attrs["same_period"] = True
    if parts.season:
        attrs["season"] = True
        if resolved.value is None:
            attrs["season_key"] = season_compared_by(parts)
    return attrs


def _weekdays_joined(text: str, mentions: list[Mention]) -> list[Mention]:
    """A weekday and a day written together become one mention with the day's value."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is not None and _weekday_beside_day(text, previous, mention):
            day = mention if attrs_as(DateAttrs, previous).weekday is not None else previous
            joined[-1] = replace(
                day, start=previous.start, end=mention.end, text=text[previous.start : mention.end]
            )
        else:
            joined.append(mention)
    return joined


def _weekday_beside_day(text: str, first: Mention, second: Mention) -> bool:
    one, other = attrs_as(DateAttrs, first), attrs_as(DateAttrs, second)
    weekdays = (one.weekday is not None) + (other.weekday is not None)
    return (
        weekdays == 1
        and one.granularity == other.granularity == "day"
        and _WEEKDAY_JOINT.fullmatch(text, first.end, second.start) is not None
    )


def _same_periods_resolved(mentions: list[Mention]) -> list[Mention]:
    """ "The same period last year": the months or days of the latest period before, in that year."""
    resolved = list(mentions)
    for index, mention in enumerate(resolved):
        # Without a publication date "the same period last year" has no year to move months to.
        attrs = attrs_as(DateAttrs, mention)
        if not attrs.same_period or attrs.granularity != "year" or mention.value is None:
            continue
        earlier = (_period_in_year(other.value, mention.value) for other in reversed(resolved[:index]))
        value = next((period for period in earlier if period), None)
        if value is not None:
            granularity = "interval" if "/" in value else "month"
            resolved[index] = replace(mention, value=value, attrs=attrs.updated({"granularity": granularity}))
    return resolved


def _anaphora_resolved(mentions: list[Mention]) -> list[Mention]:
    """ "That day", "сол жылы", "в тот же день": the day or the year of the latest date before
    that has one; an unresolved day before ("12 наурызда" with no publication date) lends its
    written form, so two sources still agree; with none, "=day" stays, compared as written."""
    resolved = list(mentions)
    for index, mention in enumerate(resolved):
        attrs = attrs_as(DateAttrs, mention)
        unit = (attrs.written or "").rpartition("=")[2] if mention.value is None else ""
        if unit not in ("day", "year"):
            continue
        earlier = (_antecedent(other, unit) for other in reversed(resolved[:index]))
        found = next((update for update in earlier if update), None)
        if found is not None:
            value = found.pop("value", None)
            taken = attrs.updated(found).without("written") if value else attrs.updated(found)
            resolved[index] = replace(mention, value=value, attrs=taken)
    return resolved


def _antecedent(date: Mention, unit: str) -> dict[str, object] | None:
    """What an anaphoric day or year takes from an earlier date: its day (a single day) or its
    year (any calendar date), or the written form of an unresolved day."""
    value, attrs = date.value, attrs_as(DateAttrs, date)
    if value is None:
        written = attrs.written
        return {"written": written} if unit == "day" and attrs.granularity == "day" and written else None
    if value.startswith("R/") or not value[:4].isdecimal():
        return None
    # As relative as the date it repeats: "that day" after "3 March 2024" needs no publication date.
    taken = {"resolved": True, "granularity": unit, "relative": attrs.relative}
    if unit == "day":
        return {"value": value, **taken} if len(value) == len("2025-03-12") else None
    return {"value": value[:4], **taken}


def _period_in_year(value: str | None, year: str) -> str | None:
    found = _PERIOD_IN_A_YEAR.fullmatch(value or "")
    if found is None or (found[3] is None and len(found[2]) == len("-03-12")):
        return None  # a single day ("yesterday") is no period
    first = year + found[2]
    moved = f"{first}/{year}{found[3]}" if found[3] else first
    return moved if _valid_iso(moved) else None


def _valid_iso(value: str) -> bool:
    days = [part for part in value.split("/") if len(part) == len("2025-03-12")]
    try:
        for day in days:
            date.fromisoformat(day)
    except ValueError:  # 29 February moved to a common year
        return False
    return True

"""Shapes of date expressions, compiled per language into regular expressions.

A *template* is a regular expression in which ``{slot}`` stands for a sub-pattern built from
the language's lexicon (``{day}``, ``{month}``, ``{year}``, ``{relative}``...) and a space
stands for any run of whitespace, optionally holding a connector word ("12 de marzo de
2025"). The shapes every language shares (day-month-year in the language's orders, ranges,
years with a year word, relative words) are generated here; phrasings peculiar to one
language ("the first eight months of this year") are templates in its data file. A slot the
language has no words for never matches, so one set of shapes serves every language.

What a match means is read from the names of the groups it filled, see ``parts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from parallax.lang.dates import shapes as cldr_shapes
from parallax.lang.dates.lexicon import APOSTROPHES, DateLexicon, fold, lexicon
from parallax.lang.dates.windows import WindowPlan, window_plan
from parallax.tables import stored, stored_patterns, stored_table

_SLOT = re.compile(r"\{([A-Za-z_]\w*|-)\}")
_NEVER = "(?!)"
APOSTROPHE = f"[{APOSTROPHES}]"
# Word characters, with the joiners Persian writes inside words ("سه‌شنبه", "می‌شود").
WORD = r"[\w\u200c\u200d]"
# Whitespace inside a date may wrap a line once but never cross a paragraph break.
GAP = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"
OPTIONAL_GAP = r"[^\S\n]*\n?[^\S\n]*"
DASH = OPTIONAL_GAP + "[-‐‑‒–—−]" + OPTIONAL_GAP
_MARKS = "[\u200e\u200f]?"  # bidi marks CLDR puts around the separators of right-to-left numeric dates

# Numeric dates need no language. Year first is always year-month-day; with the year last,
# dots and dashes put the day first (no locale writes month.day.year), while a slash date
# is read by the rule in ``parts.numeric_day_month``.
NUMERIC = (
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<monthnum>\d{1,2})(?P=sep)(?P<day>\d{1,2})",
    r"(?P<day>\d{1,2})(?P<sep>[.-])(?P<monthnum>\d{1,2})(?P=sep)(?P<year>\d{4})(?:{yeartail})?",
    rf"(?P<first>\d{{1,2}}){_MARKS}/{_MARKS}(?P<second>\d{{1,2}}){_MARKS}/{_MARKS}(?P<year>\d{{4}})",
)

# A preposition before a year is part of the expression: "к 2030 году", "到2030年", "في عام 2024".
YEARS = (
    "(?:{year_prepositions} )?{year_words_before} {yearnum}(?:{yeartail})?",
    "(?:{year_prepositions} )?{yearspelled}",
    "(?:{year_prepositions} )?{yearnum}{yeartail}",
    "(?:{year_prepositions} )?{yearnum}{-}{yearnum2}{yeartail}",
    "{year_words_before} {yearnum}{-}{yearnum2}(?:{yeartail})?",
    "{range_open} {year} {range_join} {yearnum2}{yeartail}",
    "{yearnum}{yeartail} {range_join} {yearnum2}{yeartail}",
    "{range_between} {yearnum}(?:{yeartail})? {range_and} {yearnum2}{yeartail}",
)
# Bare years after a preposition ("in 2024", "from 2020 to 2024"). Where a year word normally
# follows the year, "в 2000 домах" counts houses: there these need no lower-case word after.
BARE_YEARS = (
    "{year_prepositions} {yearnum}",
    "{year_prepositions} {yearnum}{-}{yearnum2}",
    "{range_open} {yearnum} {range_join} {yearnum2}",
    "{range_between} {yearnum} {range_and} {yearnum2}",
)
_NOT_A_DECADE = r"(?![-'’]\w)"  # "1990-х", "1990'lar"

MONTHS_ALONE = (
    "{month_prepositions} {monthname}",
    "{monthname} {month_nouns}",
    "{monthsuffixed}",
)

WEEKDAYS = (
    "(?:{weekday_prepositions} )?{weekday} {weekday_nouns}",
    "{weekday_prepositions} {weekday}",
    "{weekdaysuffixed}",
)
# "last Tuesday" is strictly before the publication day, "next Tuesday" strictly after it.
WEEKDAYS_BEFORE = ("(?:{weekday_prepositions} )?{weekday_last} {weekday}", "{weekday} {weekday_last_after}")
WEEKDAYS_AFTER = ("(?:{weekday_prepositions} )?{weekday_next} {weekday}", "{weekday} {weekday_next_after}")
# The same words before or after a month name: "last November", "novembre dernier", "next August".
MONTHS_BEFORE = ("{weekday_last} {monthname}", "{monthname} {weekday_last_after}")
MONTHS_AFTER = ("{weekday_next} {monthname}", "{monthname} {weekday_next_after}")
# "until Friday", "до пятницы", "bis Freitag", "Cuma'ya kadar": on or after the publication day.
WEEKDAYS_UNTIL = (
    "{weekday_until} {weekday}",
    "{weekday} {weekday_until_after}",
    "{weekdaysuffixed} {weekday_until_after}",
)
UNTIL = 2  # a weekday direction: the first such day on or after publication
# "on Thursday next week", "в среду на следующей неделе", "nächste Woche Donnerstag".
WEEKDAYS_OF_A_WEEK = (
    "(?:{weekday_prepositions} )?{weekday},? {weekref}",
    "{weekref},? (?:{weekday_prepositions} )?{weekday}",
)

# A season is the months it spans: "весной прошлого года", "去年春季", "2023 жылдың күзінде";
# the forms that are a date without a year too ("летом", "жазда", "in the summer").
SEASONS = ("{season} {year}", "{year} {season}", "{seasonalone}")

# "наурыз айында", "қаңтар-тамыз айларында": a noun for "month" may follow the month name.
_MONTH_NOUN = "(?: {month_nouns})?"

PERIODS = ("{period}", "{year} {period}", "{period} {year}")


@dataclass(frozen=True)
class Rule:
    template: str
    pattern: re.Pattern[str]
    meaning: dict[str, Any] = field(default_factory=dict)  # what the template fixes, e.g. a shift's unit
    no_lowercase_after: bool = False  # see BARE_YEARS

    def accepts(self, text: str, match: re.Match[str]) -> bool:
        """Python's re has no test for a lower-case letter, so that check of BARE_YEARS is made here."""
        if not self.no_lowercase_after:
            return True
        return not text[match.end() :].lstrip()[:1].islower()


@dataclass(frozen=True)
class Grammar:
    lexicon: DateLexicon | None
    rules: tuple[Rule, ...]
    plan: WindowPlan | None = None  # where each rule can match (None: over the whole text)

    def matches(self, text: str) -> Iterator[tuple[Rule, re.Match[str]]]:
        windows = self.plan.windows(text) if self.plan else [[(0, len(text))] for _ in self.rules]
        for rule, spans in zip(self.rules, windows, strict=True):
            for start, end in spans:
                for match in rule.pattern.finditer(text, start, end):
                    if not _inside_a_number(text, *match.span()) and rule.accepts(text, match):
                        yield rule, match

    def date_at(self, text: str, position: int) -> Any | None:
        """The date written starting at ``position``: the match of the first rule that reads one
        there, in the rules' order (a dateline's date is read where it stands, numbers and all)."""
        for rule in self.rules:
            match = rule.pattern.match(text, position)
            if match is not None and rule.accepts(text, match):
                return match
        return None


def _inside_a_number(text: str, start: int, end: int) -> bool:
    """Whether a match starting or ending with a digit runs on into a decimal ("12.5", "2024,7").

    Checked here rather than in every pattern, where the look-arounds cost more than the rest.
    """
    before, after = text[max(start - 2, 0) : start], text[end : end + 2]
    # A dash or slash between digits also joins a date into a code or a phone number: "221-07-05-2019".
    joints = ".,-/"
    runs_in = text[start].isdecimal() and len(before) == 2 and before[0].isdecimal() and before[1] in joints
    runs_on = text[end - 1].isdecimal() and len(after) == 2 and after[0] in joints and after[1].isdecimal()
    return runs_in or runs_on


def grammar(code: str | None) -> Grammar:
    """The compiled rules of one language; ``None`` gives the numeric formats only.

    Read anew on every call: an analysis context keeps what it read (``tables.LanguageTables``).

    The language's date words and the rules' regular expressions are stored tables: building
    them reads dateparser's locale data and joins large alternations, tenths of a second per
    language that a first comparison should not pay again in every process.
    """
    if code is None:
        slots = {"yeartail": _NEVER}
        rules = _compiled("dates-numeric", _rules(NUMERIC, slots, spaced=True, proclitics=None))
        return Grammar(None, rules, _plan("dates-windows-numeric", rules))
    words = stored_table(f"dates-words-{code}", lambda: lexicon(code))
    drafts = stored_table(f"dates-drafts-{code}", lambda: _drafts(words))
    rules = _compiled(f"dates-{code}", drafts)
    return Grammar(words, rules, _plan(f"dates-windows-{code}", rules))


def _plan(name: str, rules: tuple[Rule, ...]) -> WindowPlan | None:
    """Where each rule can match, read from the stored tables (parsing every rule costs a
    fifth of a second per language); a plan for other rules than these is not used."""
    plan = stored_table(name, lambda: window_plan([rule.pattern for rule in rules]))
    return plan if len(plan.needs) == len(rules) else None


def _drafts(words: DateLexicon) -> list[tuple[str, str, dict[str, Any]]]:
    """(template, regular expression, options) of every rule of one language."""
    slots = _slots(words)
    proclitics = words.words.get("proclitics")
    templates = [*NUMERIC, *_shared_templates(words)]
    drafts = list(_rules(templates, slots, words.spaced, proclitics))
    # The language's own phrasings are the more specific reading of a span a shared shape also
    # matches ("1990 жылдары" is the 1990s, not the year 1990).
    own = [template for template in words.patterns if template not in templates]
    drafts.extend(_rules(own, slots, words.spaced, proclitics, meaning={"own": True}))
    bare = [template + _NOT_A_DECADE for template in BARE_YEARS]
    expected = bool(words.flags.get("year_word_expected"))
    options = {"no_lowercase_after": expected, "meaning": {"bare": True}}
    drafts.extend(_rules(bare, slots, words.spaced, proclitics, **options))
    for direction, shapes in (
        (-1, WEEKDAYS_BEFORE + MONTHS_BEFORE),
        (1, WEEKDAYS_AFTER + MONTHS_AFTER),
        (UNTIL, WEEKDAYS_UNTIL),
    ):
        drafts.extend(_rules(shapes, slots, words.spaced, proclitics, meaning={"direction": direction}))
    for (sign, unit), template in _counted_templates(words).items():
        meaning = {"sign": sign, "unit": unit}
        drafts.extend(_rules([template], slots, words.spaced, proclitics, meaning=meaning))
    for unit, template in words.every:  # "every year", "жыл сайын", "alle zwei Jahre"
        drafts.extend(_rules([template], slots, words.spaced, proclitics, meaning={"every": unit}))
    for unit, template in words.same:  # "that day", "сол жылы", "в тот же день"
        drafts.extend(_rules([template], slots, words.spaced, proclitics, meaning={"same": unit}))
    for kind, template in words.vague:  # "in recent years", "a few days ago"
        drafts.extend(_rules([template], slots, words.spaced, proclitics, meaning={"vague": kind}))
    for unit, template in words.ordinal_days:  # "on the second day", "екінші күні"
        drafts.extend(_rules([template], slots, words.spaced, proclitics, meaning={"nth": unit}))
    span = _span_template(words)  # "the last 5 years", "в ближайшие 3 года": one rule for all
    if span is not None:
        drafts.extend(_rules([span], slots, words.spaced, proclitics, meaning={"through": True}))
    return drafts


def _span_template(words: DateLexicon) -> str | None:
    """One template for every "the last/next {count} units" of the language: what comes before
    the count names the direction (group ``spanlast`` or ``spannext``), what comes after it the
    unit (``span<unit>``), so the whole text is scanned once for all of them."""
    befores: dict[str, list[str]] = {}
    afters: dict[str, list[str]] = {}
    for span in words.spans:
        before, _, after = span.template.partition("{count}")
        befores.setdefault("last" if span.sign < 0 else "next", []).append(before)
        afters.setdefault(span.unit, []).append(after)
    if not befores:
        return None

    def named(sides: dict[str, list[str]]) -> str:
        return "|".join(f"(?P<span{key}>{'|'.join(dict.fromkeys(forms))})" for key, forms in sides.items())

    return f"(?:{named(befores)}){{count}}(?:{named(afters)})"


def _compiled(name: str, drafts: Iterable[tuple[str, str, dict[str, Any]]]) -> tuple[Rule, ...]:
    """Rules from (template, regular expression, options), compiled at once from the stored table."""
    drafts = list(drafts)
    patterns = stored_patterns(name, [(source, re.IGNORECASE) for _, source, _ in drafts])
    pairs = zip(drafts, patterns, strict=True)
    return tuple(Rule(template, pattern, **options) for (template, _, options), pattern in pairs)


def _counted_templates(words: DateLexicon) -> dict[tuple[int, str], str]:
    """One template per unit for the "N units ago" forms: the words before and after the count."""
    sides: dict[tuple[int, str], tuple[set[str], set[str]]] = {}
    for counted in words.counted:
        before, _, after = counted.pattern.partition("{count}")
        prefixes, suffixes = sides.setdefault((counted.sign, counted.unit), (set(), set()))
        prefixes.add(before)
        suffixes.add(after)
    return {
        key: _either(prefixes, before=True) + "{count}" + _either(suffixes, before=False)
        for key, (prefixes, suffixes) in sides.items()
    }


def _either(literals: set[str], before: bool) -> str:
    """Any of the words on one side of the count, with the space between them and the count."""
    pattern = alternation(literal.strip() for literal in literals)
    if pattern is None:
        return ""
    spaced = {literal != literal.strip() for literal in literals if literal.strip()}
    joint = " " if spaced == {True} else "" if spaced == {False} else "(?: )?"
    words = f"{pattern}{joint}" if before else f"{joint}{pattern}"
    return f"(?:{words})?" if "" in {literal.strip() for literal in literals} else f"(?:{words})"


def _shared_templates(words: DateLexicon) -> list[str]:
    templates = [*YEARS, *MONTHS_ALONE, *WEEKDAYS, *WEEKDAYS_OF_A_WEEK, *SEASONS, *PERIODS, "{relative}"]
    if words.numeric_order == "DM":  # "am 3.2.", "14.05.": a day and month with their dots, no year
        templates.append(r"(?:{weekday_prepositions} )?(?P<day>\d{1,2})\.(?P<monthnum>\d{1,2})\.(?!\d)")
    if words.flags.get("month_alone"):
        templates.append("{monthname}")
    templates.append("{monthalone}")  # the month names that are no other word, where listed
    if words.flags.get("weekday_alone"):
        templates.append("{weekday}")
    for order in words.orders:
        templates.extend(order_templates(order))
    return templates


def order_templates(order: str) -> list[str]:
    """Dates, day ranges and month ranges written in one order of day (D), month (M) and year (Y).

    Optional parts are greedy, so each template prefers its longest reading ("12 марта 2025
    года" over "12 марта"); few large templates compile and match faster than many small ones.
    """
    first = " ".join("{day}" if letter == "D" else "{month}" for letter in order if letter != "Y")
    second = first.replace("{day}", "{day2}").replace("{month}", "{month2}")
    year_first = order.startswith("Y")

    def dated(body: str) -> str:
        # "14 July 2018", "14 July, 2018", and "on 14 July in 2018" alike.
        return "(?:{year} )?" + body if year_first else body + "(?:(?:,?| {year_prepositions}) {year})?"

    if year_first:
        month_year = "{year} {month}" + _MONTH_NOUN
    else:
        month_year = "(?:{month_prepositions} )?{month},? {year}"
    # The preposition governing a day belongs to it, as to a month alone: "from December 24".
    templates = ["(?:{month_prepositions} )?" + dated(first), month_year]
    # Each end with its own year: "from December 2024 to March 2025".
    for one, other in ((first, second), ("{month}", "{month2}")):
        if year_first:
            templates.append("(?:{range_open} )?{year} " + one + _TO + "{year2} " + other)
            templates.append(
                "{range_between} {year} " + one + _AND + "{year2} " + other + "(?: {range_close})?"
            )
        else:
            templates.append("(?:{range_open} )?" + one + ",? {year}" + _TO + other + ",? {year2}")
            templates.append("{range_between} " + one + ",? {year}" + _AND + other + ",? {year2}")
    for join in (_TO, _AND):
        for body in (
            first.replace("{day}", "{day}" + join + "{day2}"),
            first + join + second,
            "{month}" + join + "{month2}",
        ):
            templates.extend(_range_frames(join, body + _MONTH_NOUN, dated))
    # "im März/April 2021": two months with a slash are the months from one to the other.
    templates.append(dated("{month}/{month2}") + _MONTH_NOUN)
    return templates


# The two ends of a range: "12-14 March", "from 12 to 14 March", "between 12 and 14 March",
# "12 мен 14 наурыз аралығында". An "and" joins two separate dates unless a frame says range.
_TO, _AND = "(?:{-}| {range_join} )", " {range_and} "


def _range_frames(join: str, body: str, dated) -> list[str]:
    if join == _TO:
        return [dated("(?:{range_open} )?" + body) + "(?: {range_close})?"]
    return ["{range_between} " + dated(body), dated(body) + " {range_close}"]


def _rules(
    templates: Iterable[str],
    slots: dict[str, str],
    spaced: bool,
    proclitics: Iterable[str] | None,
    **options: Any,
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(template, regular expression, options) of each template the language can fill."""
    left, right = _boundaries(spaced, proclitics)
    space = _space(spaced, slots.get("connectors"))
    # A postposition belongs to the expression as a preposition does: "2030 yılına kadar".
    gap = GAP if spaced else OPTIONAL_GAP
    after = f"(?:{gap}{slots['postpositions']})?" if "postpositions" in slots else ""
    for template in dict.fromkeys(templates):
        body = compile_template(template, slots, space)
        if body is not None:
            yield template, f"{left}(?:{body}){after}{right}", options


def compile_template(template: str, slots: dict[str, str], space: str) -> str | None:
    """The regular expression of a template; None when a slot it requires is empty for the language."""
    pieces: list[str] = []
    position = 0
    for found in _SLOT.finditer(template):
        pieces.append(_literal_part(template[position : found.start()], space))
        sub = slots.get(found[1])
        if sub is None:
            if _depth(template, found.start()) == 0:
                return None
            sub = _NEVER  # an optional part the language has no words for
        pieces.append(sub)
        position = found.end()
    pieces.append(_literal_part(template[position:], space))
    return "".join(pieces)


def _depth(template: str, position: int) -> int:
    return template.count("(", 0, position) - template.count(")", 0, position)


def _literal_part(part: str, space: str) -> str:
    """Spaces and apostrophes of a template, outside character classes, match their variants."""
    out: list[str] = []
    in_class = escaped = False
    for char in part:
        if escaped or in_class:
            out.append(char)
            in_class = in_class and not (char == "]" and not escaped)
            escaped = char == "\\" and not escaped
            continue
        if char == " ":
            if not out or out[-1] != space:
                out.append(space)
            continue
        out.append(APOSTROPHE if char in APOSTROPHES else char)
        in_class, escaped = char == "[", char == "\\"
    return "".join(out)


def _boundaries(spaced: bool, proclitics: Iterable[str] | None) -> tuple[str, str]:
    # Decimal fractions ("12.5") are kept out by Grammar.matches.
    if not spaced:  # scripts without spaces between words: only numbers have edges
        return r"(?<!\d)", r"(?!\d)"
    left = f"(?<!{WORD})"
    if proclitics:  # a conjunction or preposition glued to the first word ("والعام الماضي")
        left = "(?:" + "|".join([left, *_after_proclitic(proclitics)]) + ")"
    return left, f"(?!{WORD})"


def _after_proclitic(proclitics: Iterable[str]) -> Iterator[str]:
    # Look-behinds must have a fixed width, so one per length of proclitic.
    by_length: dict[int, list[str]] = {}
    for proclitic in proclitics:
        by_length.setdefault(len(proclitic), []).append(proclitic)
    for length, forms in sorted(by_length.items()):
        yield f"(?<={alternation(forms)})(?<!{WORD}{{{length + 1}}})"


def _space(spaced: bool, connectors: str | None) -> str:
    if not spaced:
        return OPTIONAL_GAP
    if connectors:
        return f"(?:(?<=-)|{GAP}(?:(?:{connectors}){GAP})?)"
    return f"(?:(?<=-)|{GAP})"


def alternation(forms: Iterable[str]) -> str | None:
    """A regular expression matching any of ``forms``, preferring the longest.

    The forms are merged into a trie ("прошл(?:ого года|ом году)"): a flat alternation
    of hundreds of words is tried word by word at every position of the text, a trie is not.
    """
    trie: dict[str, dict] = {}
    for form in {fold(form) for form in forms if form}:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie) if trie else None


def _trie_pattern(node: dict[str, dict], previous: str = "") -> str:
    ends_here = "" in node
    branches = [
        _joint(previous, char) + _char(char) + _trie_pattern(child, char)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:  # the longer forms are tried first, the form ending here last
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def _joint(previous: str, char: str) -> str:
    """Digits and letters of one form may stand a space apart: "12 月", "Q 1" (as typeset text has them)."""
    if previous and ((previous.isdecimal() and char.isalpha()) or (previous.isalpha() and char.isdecimal())):
        return "[^\\S\\n]?"
    return ""


def _char(char: str) -> str:
    if char == " ":
        return GAP
    if char == "'":
        return APOSTROPHE
    return re.escape(char)


def _slots(words: DateLexicon) -> dict[str, str]:
    listed = {key: alternation(value) for key, value in words.words.items()}
    slots = {key: f"(?:{value})" for key, value in listed.items() if value}
    slots.update(_number_slots(words))
    slots.update(_month_slots(words))
    slots.update(_year_slots(words, slots))
    slots.update(_word_slots(words))
    slots["-"] = DASH
    return slots


def _number_slots(words: DateLexicon) -> dict[str, str]:
    suffixes = alternation(words.words.get("day_suffixes", []))
    gap = "" if words.spaced else "[^\\S\\n]?"  # "24 日" as well as "24日"
    day_suffix = f"(?:{gap}(?:{suffixes}))?" if suffixes else ""
    ordinal_suffix = alternation(words.words.get("ordinal_suffixes", []))
    counts = alternation(words.counts)
    ordinal = alternation(words.ordinals)
    ordinal_digits = f"[1-4](?:{ordinal_suffix})" if ordinal_suffix else None
    ordinal_any = "|".join(part for part in (ordinal_digits, ordinal) if part)
    slots = {
        "day": _day_slot("", day_suffix, words),
        "day2": _day_slot("2", day_suffix, words),
        "monthnum": r"(?P<monthnum>\d{1,2})",
        # "the 1980s", "80-е годы", "上世纪80年代": the decade's first year, or its last two digits.
        "decade": r"(?P<decade>(?:1[89]|20)?\d0)",
        "monthnum2": r"(?P<monthnum2>\d{1,2})",
        "n": rf"(?P<n>\d{{1,2}}{'|' + counts if counts else ''})",
        # "3 days ago", "three days ago", "үш күн бұрын": digits or a number word
        "count": rf"(?P<count>\d{{1,3}}{'|' + counts if counts else ''})",
    }
    slots["century"] = _century_slot(words)
    if ordinal_any:
        slots["quarter"] = f"(?P<quarter>{ordinal_any})"
        slots["half"] = f"(?P<half>{ordinal_any})"
    # "2-нші күні", "екінші күні": one digit with an ordinal ending, or an ordinal word up to nine
    # (two digits with an ending are a year's last two: "93-інші жылы").
    nth_words = alternation(words.nth)
    nth_digits = f"[1-9](?:{ordinal_suffix})" if ordinal_suffix else None
    nth = "|".join(part for part in (nth_digits, nth_words) if part)
    if nth:
        slots["nth"] = f"(?P<nth>{nth})"
    return slots


def _century_slot(words: DateLexicon) -> str:
    """A century's number: digits with an ordinal ending ("20th", "20-сыншы", "20."), Roman
    numerals (XX, also in Cyrillic look-alikes ХХ, ІІ) or an ordinal in words ("twentieth")."""
    forms = [
        r"(?P<centurynum>\d{1,2})(?:\.|-?[^\W\d_]{1,5})?",
        r"(?P<centuryroman>[IVXІХ]{1,5})(?:-?[^\W\d_]{1,3})?",
    ]
    spelled = alternation(words.spelled_centuries)
    if spelled:
        forms.append(f"(?P<centuryword>{spelled})")
    return "(?:" + "|".join(forms) + ")"


def _day_slot(index: str, day_suffix: str, words: DateLexicon) -> str:
    """A day in digits ("23", "23.", "23rd") or spelled out ("twenty-third", "veintitrés")."""
    digits = rf"(?P<day{index}>\d{{1,2}}){day_suffix}"
    spelled = alternation(words.spelled_days)
    return f"(?:{digits}|(?P<dayword{index}>{spelled}){day_suffix})" if spelled else digits


def _month_slots(words: DateLexicon) -> dict[str, str]:
    every = alternation([*words.month_names, *words.month_abbreviations])
    names = alternation(words.month_names)
    suffix = alternation(words.words.get("month_suffixes", []))
    optional_suffix = f"(?:{suffix})?" if suffix else ""

    # Arabic wire copy often gives both month names: "12 مارس/آذار 2025" (parts checks
    # they name one month; "März/April" is two).
    def second_name(index: str) -> str:
        slash, bracket = f"(?P<monthalso{index}>{names})", f"(?P<monthaside{index}>{names})"
        return rf"(?:[^\S\n]*/[^\S\n]*{slash}|[^\S\n]*\([^\S\n]*{bracket}[^\S\n]*\))?"

    slots = {
        "month": f"(?P<month>{every}){optional_suffix}{second_name('')}",
        "month2": f"(?P<month2>{every}){optional_suffix}{second_name('2')}",
        "monthname": f"(?P<month>{names}){optional_suffix}{second_name('')}",
    }
    if suffix:
        slots["monthsuffixed"] = f"(?P<month>{names})(?:{suffix})"
    alone = alternation(words.words.get("months_alone", []))
    if alone:  # "қаңтар", "тамыз": a date alone, unlike "қазан" (a cauldron, a city) or "маусым" (a season)
        slots["monthalone"] = f"(?P<month>{alone}){optional_suffix}"
    return slots


def _year_slots(words: DateLexicon, slots: dict[str, str]) -> dict[str, str]:
    after, suffixes, before = (
        slots.get(key) for key in ("year_words_after", "year_suffixes", "year_words_before")
    )
    joiner = f"(?:-|{OPTIONAL_GAP})" if words.spaced else OPTIONAL_GAP
    tails = [f"{joiner}(?:{after})" if after else None, f"{APOSTROPHE}(?:{suffixes})" if suffixes else None]
    # "2020-сыншы жылы": an ordinal ending on the year, only before the year word.
    ordinal = alternation(words.words.get("year_ordinal_suffixes", []))
    ending = f"(?:{ordinal})?" if ordinal else ""
    tail = f"{ending}(?:" + "|".join(part for part in tails if part) + ")" if any(tails) else _NEVER
    lead = f"(?:(?:{before}){GAP})?" if before else ""
    refs = alternation(form for form, shift in words.relative.items() if shift.unit == "year")
    year_slots = {"yeartail": tail, "yearnum": r"(?P<year>\d{4})", "yearnum2": r"(?P<year2>\d{4})"}
    # A year by its last two digits spelled out ("тоқсан үшінші жылы"), for the templates of the
    # languages that say one; in digits the templates name the group ``shortyear`` themselves.
    short = alternation(words.short_years)
    if short:
        year_slots["shortyearword"] = f"(?P<shortyearword>{short})"
    spelled = alternation(words.spelled_years)
    for index in ("", "2"):
        name, ref = f"year{index}", f"yearref{index}"
        forms = [rf"{lead}(?P<{name}>\d{{4}})(?:{tail})?"]
        if refs:
            forms.append(f"(?P<{ref}>{refs})")
        year_slots[name] = f"(?:{'|'.join(forms)})"
    # A spelled-out year needs its year word ("екі мың он сегізінші жылы"); it has a template of
    # its own, as in every date template its thousands of forms made the grammar slow to build.
    if spelled and tail != _NEVER:
        year_slots["yearspelled"] = rf"(?P<yearword>{spelled}){tail}"
    return year_slots


def _word_slots(words: DateLexicon) -> dict[str, str]:
    slots = {}
    weekdays = alternation(words.weekdays)
    weekday_suffix = alternation(words.words.get("weekday_suffixes", []))
    if weekdays:
        slots["weekday"] = f"(?P<weekday>{weekdays})"
        if weekday_suffix:
            slots["weekdaysuffixed"] = f"(?P<weekday>{weekdays})(?:{weekday_suffix})"
    weeks = alternation(form for form, shift in words.relative.items() if shift.unit == "week")
    if weeks:
        slots["weekref"] = f"(?P<weekref>{weeks})"
    seasons = alternation(words.seasons)
    if seasons:
        slots["season"] = f"(?P<season>{seasons})"
    alone = alternation(words.seasons_alone)
    if alone:
        # Not the end of a compound with a number: "35-летний" is an age, not a summer.
        slots["seasonalone"] = f"(?<!\\d-)(?P<season>{alone})"
    decades = alternation(words.decades)
    if decades:  # "тоқсаныншы жылдар", "в девяностые", "the nineties"
        slots["decadeword"] = f"(?P<decadeword>{decades})"
    for name, table in (("relative", words.relative), ("period", words.periods)):
        forms = alternation(table)
        if forms:
            slots[name] = f"(?P<{name}>{forms})"
    return slots


def _optional(forms: Iterable[str] | None) -> str:
    pattern = alternation(forms or [])
    return f"(?:{pattern})?" if pattern else ""


# Dates in any language, for lines met before their language is known (the datelines and
# stamps of the cleaner): every language's CLDR date shapes ("d MMMM y", "y年M月d日") are
# templates (``shapes.cldr_templates``) that this grammar compiles with slots needing no
# language's words, into one alternation the cleaner's patterns embed (``regex`` syntax: the
# month names are called as a defined group, see ``shapes.month_names_defined``).
ANY_LANGUAGE_SPACE = r"\s*"


def any_language_slots() -> dict[str, str]:
    """The fields of an any-language date: digits, and every language's month names."""
    return {
        "day": rf"(?P<day>\d{{1,2}})(?:{cldr_shapes.day_suffixes()})?",
        "monthnum": r"(?P<month>\d{1,2})",
        "monthname": rf"(?P<month_name>(?&{cldr_shapes.MONTH_NAMES})\.?)(?![\p{{L}}\p{{M}}])",
        "year": r"(?P<year>\d{4})",
    }


@cache
def any_language_grammar() -> Grammar:
    """The grammar of dates in any language: one rule, every language's CLDR shapes, read by
    :meth:`Grammar.date_at` (its match's ``date`` group is the date, ``shapes.value_of_shape``
    reads it)."""
    return Grammar(None, (Rule("cldr-shapes", _any_language_regex()),))


@stored("dates-any-language")
def _any_language_regex() -> Any:
    # A regex.Pattern (defined groups, Unicode properties), which Grammar matches as it does re's.
    pattern = rf"(?<!\d)(?P<date>{any_language_date_pattern()})(?!\d)"
    return regex.compile(cldr_shapes.month_names_defined() + pattern)


@cache
def any_language_date_pattern() -> str:
    """One regex alternation for every date shape of every language (named groups: ``day``,
    ``month`` (digits), ``month_name``, ``year``; read by ``shapes.value_of_shape``)."""
    slots = any_language_slots()
    space = ANY_LANGUAGE_SPACE
    compiled = {compile_template(template, slots, space) for template in cldr_shapes.cldr_templates()}
    ordered = sorted((c for c in compiled if c), key=cldr_shapes.shape_order(slots["monthname"]))
    numeric = [compile_template(template, {}, space) for template in cldr_shapes.NUMERIC_TEMPLATES]
    return "(?:" + "|".join([*(n for n in numeric if n), *ordered]) + ")"

"""Where in a text each date rule can match: the paragraphs that hold what the rule requires.

Every rule is a regular expression tried at every position of the text, and a language has
dozens of them, most of which need a word that few paragraphs have: a month name, a weekday,
a year word. A rule's *parts* are the named groups that every match of it fills (read from the
parsed expression: a group in an optional part or in one branch only is not required). A part
that several rules require is looked for once in each paragraph, and each rule is run only over
the runs of paragraphs that hold all its parts. No date crosses a paragraph break (whitespace
in a date wraps a line once at most, see ``grammar.GAP``), so the rules find what they found
over the whole text, in less of it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

from parallax.lang.dates.plain import folded_for_re, plain_strings

# Two line breaks with nothing but spaces between them.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# A part is looked for in every paragraph (a pass over the text, as costly as one rule) only
# when at least this many rules require it, or when it is a few plain strings (see ``plain``).
MIN_RULES_PER_PART = 3
# A run of plain characters every match of a rule holds ("century" of "the 21st century") is
# also a part, whatever the number of rules requiring it: looking for a plain word costs a tenth
# of a rule's pass, and many rules require no named group on their own. Shorter runs are too
# common to narrow anything.
MIN_LITERAL = 4


@dataclass(frozen=True)
class WindowPlan:
    parts: tuple[tuple[str, int], ...]  # (source, flags) of each part looked for
    needs: tuple[tuple[int, ...], ...]  # for each rule, the indices of the parts it requires

    def windows(self, text: str) -> list[list[tuple[int, int]]]:
        """For each rule, the spans of ``text`` it is to be run over, in text order."""
        whole = [(0, len(text))]
        if not self.parts or not any(self.needs):
            return [whole for _ in self.needs]
        paragraphs = _paragraphs(text)
        held = self._held(text, paragraphs)
        # Rules requiring the same parts share their runs.
        runs = {need: _runs(paragraphs, [held[k] for k in need]) for need in set(self.needs) if need}
        return [runs[need] if need else whole for need in self.needs]

    def _held(self, text: str, paragraphs: list[tuple[int, int]]) -> list[list[bool]]:
        """For each part, whether each paragraph holds it, where some rule could still ask.

        Parts are looked for the cheapest first (plain words, then the shorter expressions),
        and only in the paragraphs where some rule requiring the part found every part looked
        for before it: elsewhere the answer is left False, which no rule reads (each rule
        requiring the part lacks another there). Paragraphs are bits of an int.
        """
        needs = [frozenset(need) for need in set(self.needs) if need]
        everywhere = (1 << len(paragraphs)) - 1
        found: dict[int, int] = {}
        folded = _Folded(text)
        for k in sorted(range(len(self.parts)), key=lambda k: _cost(*self.parts[k])):
            asked = 0
            for need in needs:
                if k in need:
                    mask = everywhere
                    for j in need & found.keys():
                        mask &= found[j]
                    asked |= mask
            source, flags = self.parts[k]
            strings = plain_strings(source, flags)
            searched = folded.text if strings and flags & re.IGNORECASE else text
            asking = _bits(asked, len(paragraphs))
            if strings and searched is not None:
                found[k] = _holding_plain(strings, searched, paragraphs, asking)
            else:
                found[k] = _holding(re.compile(source, flags), text, paragraphs, asking)
        return [_bits(found[k], len(paragraphs)) for k in range(len(self.parts))]


class _Folded:
    """The text as re.IGNORECASE compares it, made on first use."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def text(self) -> str | None:
        return folded_for_re(self._text)


def _holding_plain(
    strings: tuple[str, ...], text: str, paragraphs: list[tuple[int, int]], asked: list[bool]
) -> int:
    """:func:`_holding` for a part that is a few plain strings, found by ``str.find`` in ``text``
    (the text itself, or as ``re.IGNORECASE`` compares it: see ``plain``)."""
    held = [False] * len(paragraphs)
    starts = [start for start, _ in paragraphs]
    for first, last in _asked_runs(asked):
        run_end = paragraphs[last][1]
        for string in strings:
            i = first
            while i <= last:
                if held[i]:
                    i += 1
                    continue
                at = text.find(string, paragraphs[i][0], run_end)
                if at < 0:
                    break
                i = max(i, bisect.bisect_right(starts, at) - 1)
                # Found across the paragraph's end (or in the break after it): a later one
                # in this paragraph would run over its end too.
                held[i] = held[i] or at + len(string) <= paragraphs[i][1]
                i += 1
    return sum(1 << i for i, holds in enumerate(held) if holds)


def _holding(part: re.Pattern[str], text: str, paragraphs: list[tuple[int, int]], asked: list[bool]) -> int:
    """The asked paragraphs that hold a match of ``part``, as bits.

    Searched run by run of asked paragraphs, from one match to the next: a part looks at
    nothing outside its match (see ``_usable_alone``), so no paragraph between two matches of
    the run's search holds one, and a match ending inside its paragraph is one of it; a match
    running over the paragraph's end is checked in the paragraph alone.
    """
    bits = 0
    starts = [start for start, _ in paragraphs]
    for first, last in _asked_runs(asked):
        i, run_end = first, paragraphs[last][1]
        while i <= last:
            match = part.search(text, paragraphs[i][0], run_end)
            if match is None:
                break
            i = max(i, bisect.bisect_right(starts, match.start()) - 1)
            start, end = paragraphs[i]
            if match.start() < end and (match.end() <= end or part.search(text, start, end) is not None):
                bits |= 1 << i
            i += 1
    return bits


def _asked_runs(asked: list[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of consecutive True (found in C: a part asks this of
    every paragraph)."""
    flags = bytes(asked)
    return [(found.start(), found.end() - 1) for found in _TRUE_RUN.finditer(flags)]


_TRUE_RUN = re.compile(rb"\x01+")


def _bits(mask: int, count: int) -> list[bool]:
    return [bit == "1" for bit in format(mask, f"0{count}b")[::-1]] if count else []


@cache
def _cost(source: str, flags: int) -> tuple[bool, int]:
    """How costly looking for a part is, for ordering: plain strings before an expression, then by length."""
    return (plain_strings(source, flags) is None, len(source))


def window_plan(patterns: Sequence[re.Pattern[str]]) -> WindowPlan:
    """The parts each rule requires, and which of them are worth looking for."""
    required = [_required_parts(pattern) for pattern in patterns]
    uses = Counter(part for parts in required for part in parts)
    # A group of plain strings (the season names) is worth looking for even for one rule.
    parts = [part for part, count in uses.items() if count >= MIN_RULES_PER_PART or plain_strings(*part)]
    literals = [_required_literals(pattern) for pattern in patterns]
    parts += [part for part in dict.fromkeys(p for found in literals for p in found) if part not in parts]
    required = [[*own, *plain] for own, plain in zip(required, literals, strict=True)]
    # A rule requiring no part looked for may still require one word of a few ("spring",
    # "summer"... of "{season} {year}"): those words, as one part.
    for rule, pattern in enumerate(patterns):
        if not any(part in parts for part in required[rule]):
            either = _either_words(pattern)
            if either is not None:
                parts += [either] if either not in parts else []
                required[rule].append(either)
    index = {part: k for k, part in enumerate(parts)}
    needs = tuple(tuple(sorted(index[part] for part in rule if part in index)) for rule in required)
    return WindowPlan(tuple(parts), needs)


def _required_parts(pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    """(source, flags) of the named groups every match of ``pattern`` fills, each usable alone:
    it compiles by itself, matches no empty text and looks at nothing around it."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    names = {number: name for name, number in pattern.groupindex.items()}
    parts = []
    for number in sorted(_required_groups(parsed.data)):
        source = _group_source(pattern.pattern, names.get(number))
        if source is not None and _usable_alone(source, pattern.flags):
            parts.append((source, pattern.flags))
    return parts


def _required_literals(pattern: re.Pattern[str]) -> list[tuple[str, int]]:
    """(source, flags) of the runs of plain characters every match of ``pattern`` holds."""
    runs = _literal_runs(sre_parse.parse(pattern.pattern, pattern.flags).data)
    return [(re.escape(run), pattern.flags) for run in sorted(runs)]


def _literal_runs(items: Iterable) -> set[str]:
    """The runs of at least MIN_LITERAL literal characters in a row that every match of
    ``items`` holds, walking the expression as :func:`_required_groups` does."""
    found: set[str] = set()
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if len(run) >= MIN_LITERAL:
            found.add("".join(run))
        run = []
        if op is sre.SUBPATTERN:
            _, added, removed, content = value
            # A part is looked for with the rule's flags: a group changing them is left out.
            found |= _literal_runs(content.data) if not added and not removed else set()
        else:
            found |= _held_by_every_match(op, value, _literal_runs)
    if len(run) >= MIN_LITERAL:
        found.add("".join(run))
    return found


def _either_words(pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """(source, flags) of an alternation of plain words every match of ``pattern`` holds one of."""
    words = _one_of(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if not words:
        return None
    return "(?:" + "|".join(re.escape(word) for word in sorted(words)) + ")", pattern.flags


def _one_of(items: Iterable) -> frozenset[str] | None:
    """Runs of at least MIN_LITERAL plain characters every match of ``items`` holds one of (None:
    no such set), walking the expression as :func:`_literal_runs` does: of a sequence, the set
    of the item whose shortest run is the longest (the rarest in text); of a branch, the union
    of its branches' sets."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if len(run) >= MIN_LITERAL:
            options.append(frozenset({"".join(run)}))
        if op is sre.BRANCH and run:
            # re's parser takes the letters the branches begin with out ("th(?:at|e same)"):
            # they are put back in front of each branch.
            prefix = [(sre.LITERAL, ord(char)) for char in run]
            value = (value[0], [[*prefix, *branch] for branch in value[1]])
        run = []
        found = _one_of_item(op, value)
        if found:
            options.append(found)
    if len(run) >= MIN_LITERAL:
        options.append(frozenset({"".join(run)}))
    return max(options, key=lambda words: (min(map(len, words)), -len(words), sorted(words)), default=None)


def _one_of_item(op: object, value: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        _, added, removed, content = value
        return _one_of(content.data) if not added and not removed else None
    if op is sre.BRANCH:
        branches = [_one_of(getattr(branch, "data", branch)) for branch in value[1]]
        return None if not branches or None in branches else frozenset().union(*branches)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _, content = value
        return _one_of(content.data) if least >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _one_of(value.data)
    return None  # look-arounds hold text outside the match, a class or a reference no word


def _required_groups(items: Iterable) -> set[int]:
    required: set[int] = set()
    for op, value in items:
        if op is sre.SUBPATTERN:
            number, _, _, content = value
            required |= ({number} if number else set()) | _required_groups(content.data)
        else:
            required |= _held_by_every_match(op, value, _required_groups)
    return required


def _held_by_every_match(op: object, value: Any, walk: Callable[[Iterable], set]) -> set:
    """What every match of a branch, repeat or atomic group holds, by ``walk`` over its parts:
    what all branches hold, what a repeat's content holds when it must occur at least once.
    Look-arounds hold text outside the match and conditionals may fill a group outside it:
    neither is ever required."""
    if op is sre.BRANCH:
        branches = [walk(branch.data) for branch in value[1]]
        return set.intersection(*branches) if branches else set()
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _, content = value
        return walk(content.data) if least >= 1 else set()
    if op is sre.ATOMIC_GROUP:
        return walk(value.data)
    return set()


def _group_source(source: str, name: str | None) -> str | None:
    """The text of the named group's content in ``source`` (None when the name is used twice)."""
    if name is None:
        return None
    opening = f"(?P<{name}>"
    begin = source.find(opening)
    if begin < 0 or source.find(opening, begin + 1) >= 0:
        return None
    position = content = begin + len(opening)
    depth = 1
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            position = _class_end(source, position)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return source[content:position]
        position += 1
    return None


def _class_end(source: str, position: int) -> int:
    """Where the character class opening at ``position`` closes (a "]" first in it is a letter)."""
    position += 1
    if source.startswith("^", position):
        position += 1
    if source.startswith("]", position):
        position += 1
    while position < len(source) and source[position] != "]":
        position += 2 if source[position] == "\\" else 1
    return position


def _usable_alone(source: str, flags: int) -> bool:
    try:
        parsed = sre_parse.parse(source, flags)
        compiled = re.compile(source, flags)
    except re.error:  # a reference to a group outside it
        return False
    return compiled.search("") is None and not _looks_around(parsed.data)


def _looks_around(items: Iterable) -> bool:
    for op, value in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF, sre.GROUPREF_EXISTS):
            return True
        if op is sre.SUBPATTERN and _looks_around(value[3].data):
            return True
        if op is sre.BRANCH and any(_looks_around(branch.data) for branch in value[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and _looks_around(value[2].data):
            return True
        if op is sre.ATOMIC_GROUP and _looks_around(value.data):
            return True
    return False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for found in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return spans


def _runs(paragraphs: list[tuple[int, int]], held: list[list[bool]]) -> list[tuple[int, int]]:
    """The spans of consecutive paragraphs that hold every part."""
    runs: list[tuple[int, int]] = []
    previous = -2
    for k, holds in enumerate(map(all, zip(*held, strict=True))):
        if holds:
            if previous == k - 1:
                runs[-1] = (runs[-1][0], paragraphs[k][1])
            else:
                runs.append(paragraphs[k])
            previous = k
    return runs

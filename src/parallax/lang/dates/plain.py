"""Plain strings found with ``str.find`` exactly where a case-insensitive ``re`` pattern of them matches.

A date rule's part that is a word or a list of words (``century``, the month names) is looked
for in every paragraph; a regular expression compiled with ``re.IGNORECASE`` cannot skip ahead
to a likely first letter and tries every position, while ``str.find`` skips ahead in C. Both
give the same answer when text and words are compared the way ``re`` compares them: ``re``
lowers each character by its simple case mapping (``_sre.unicode_tolower``) and takes a few
lowered letters as one (ı and i, ſ and s, ς and σ: ``re._casefix``). :func:`folded_for_re` is
that comparison form, one character for one character, so offsets into it are offsets into the
text; :func:`plain_strings` lists what a pattern matches when it is a few plain strings.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre
from re import _parser as sre_parse

# A pattern spelling more strings than this is read by its regular expression.
MAX_PLAIN_STRINGS = 2000
# The flags a plain pattern may carry (re adds UNICODE to every str pattern).
_PLAIN_FLAGS = re.IGNORECASE | re.UNICODE
# The one character whose full lower case (str.lower) is two characters; re lowers it to "i".
_DOTTED_I = "\u0130"


def plain_strings(source: str, flags: int) -> tuple[str, ...] | None:
    """Every string the pattern matches, folded (see :func:`folded_for_re`) when it ignores
    case; None when it is not a short list of plain strings (a class, a repeat, a look-around,
    a reference) or could match the empty string."""
    return _plain_strings(source, flags)


@cache
def _plain_strings(source: str, flags: int) -> tuple[str, ...] | None:
    if flags & ~_PLAIN_FLAGS or _case_table() is None:
        return None
    try:
        strings = _spelled(sre_parse.parse(source, flags).data)
    except re.error:
        return None
    if not strings or "" in strings:
        return None
    if flags & re.IGNORECASE:
        folded = [folded_for_re(string) for string in strings]
        if None in folded:
            return None
        strings = folded
    return tuple(sorted(set(strings)))  # type: ignore[arg-type]


def _spelled(items: list) -> list[str] | None:
    """The strings a parsed pattern matches, or None when they are not a short list."""
    spelled = [""]
    for op, value in items:
        if op is sre.LITERAL:
            options = [chr(value)]
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
            options = [chr(code) for _, code in value]
        elif op is sre.SUBPATTERN and not value[1] and not value[2]:  # a group that changes no flag
            options = _spelled(value[3].data)
        elif op is sre.BRANCH:
            branches = [_spelled(branch.data) for branch in value[1]]
            options = None if None in branches else [string for branch in branches for string in branch]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[:2] == (0, 1):  # optional
            inner = _spelled(value[2].data)
            options = None if inner is None else ["", *inner]
        else:
            return None
        if options is None:
            return None
        spelled = [before + option for before in spelled for option in options]
        if len(spelled) > MAX_PLAIN_STRINGS:
            return None
    return spelled


def folded_for_re(text: str) -> str | None:
    """``text`` as ``re.IGNORECASE`` compares it, one character for each of ``text``'s: two
    texts are equal here when the one, as a pattern, matches the other. None if this Python's
    ``re`` keeps its case rules elsewhere than where this looks for them."""
    table = _case_table()
    if table is None:
        return None
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    # str.lower is re's simple lower case for every other character; the final sigma it writes
    # (ς for Σ at a word's end) is one letter with σ for re, as below.
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    return lowered.translate(table) if _FOLDED_TOGETHER.search(lowered) else lowered


@cache
def _case_table() -> dict[int, int] | None:
    """Each lowered letter that re takes as one with others, to the least of them."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:
        return None
    table = {}
    for code, others in _EXTRA_CASES.items():
        least = min(code, *others)
        if least != code:
            table[code] = least
    return table


_FOLDED_TOGETHER = re.compile("[" + "".join(re.escape(chr(code)) for code in _case_table() or {0: 0}) + "]")

"""ICU's sentence boundaries (UAX #29 plus CLDR's break suppressions), in code points."""

from __future__ import annotations

import threading
from itertools import accumulate

import icu

_local = threading.local()


def _break_iterator(locale: str) -> icu.BreakIterator:
    # A BreakIterator holds the text it walks, so each thread keeps its own per locale.
    cached = getattr(_local, "iterators", None)
    if cached is None:
        cached = _local.iterators = {}
    if locale not in cached:
        cached[locale] = icu.BreakIterator.createSentenceInstance(
            icu.Locale(locale) if locale else icu.Locale.getRoot()
        )
    return cached[locale]


def _utf16_to_code_points(text: str) -> list[int] | None:
    """Code-point offset of each UTF-16 offset, or None when both are the same (no character
    outside the Basic Multilingual Plane)."""
    if max(text, default="") <= "\uffff":
        return None
    widths = [2 if ord(char) > 0xFFFF else 1 for char in text]
    mapping = [0] * (sum(widths) + 1)
    for index, (start, width) in enumerate(zip(accumulate([0, *widths]), widths, strict=False)):
        for unit in range(width):
            mapping[start + unit] = index
    mapping[-1] = len(text)
    return mapping


def icu_boundaries(text: str, locale: str) -> list[int]:
    """Offsets where ICU ends a sentence, the end of the text included."""
    iterator = _break_iterator(locale)
    iterator.setText(text)
    mapping = _utf16_to_code_points(text)
    boundaries = list(iterator)
    iterator.setText("")  # let go of the text
    return [mapping[offset] for offset in boundaries] if mapping else boundaries

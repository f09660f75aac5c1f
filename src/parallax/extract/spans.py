"""A set of text spans, asked "does this span overlap one of you?".

Extractors keep the longest or first of overlapping candidates; asking each taken span in turn
makes that quadratic in the length of the text. The set keeps the union of its spans as sorted,
disjoint intervals (a span overlaps one of the spans exactly when it overlaps their union), so
each question is a bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanSet:
    """Half-open spans ``[start, end)``; an empty span is a point that a span around it overlaps."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []  # the union, as disjoint intervals in order
        self._ends: list[int] = []
        self._points: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span of the set (``s < end and start < e``)."""
        index = bisect_right(self._ends, start)  # the first interval ending after ``start``
        if index < len(self._starts) and self._starts[index] < end:
            return True
        point = bisect_right(self._points, start)
        return point < len(self._points) and self._points[point] < end

    def add(self, start: int, end: int) -> None:
        if end <= start:
            self._points.insert(bisect_left(self._points, start), start)
            return
        first = bisect_left(self._ends, start)  # intervals ending at or after ``start`` join
        last = bisect_right(self._starts, end)  # as do those starting by ``end``
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

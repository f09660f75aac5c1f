"""When two reported numbers are the same number.

Sources round: one writes 18.7 billion, another "nearly 19 billion". Two values agree when
the more precise one, rounded to the precision the other was written with, gives the other,
and they are within ``ROUNDING_LIMIT`` of each other (so "1,000 homes" never absorbs
"1,200 homes" just because 1,000 looks round). An approximation qualifier ("about",
"nearly", "жуық", "约") widens the limit to ``APPROXIMATE_LIMIT``. A bound ("more than 170",
"up to 300") agrees with a value on the right side of it, within the bound's own precision.
A target ("to reach 300", "довести до 300") is no bound: it agrees with the same figure.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

ROUNDING_LIMIT = 0.05
APPROXIMATE_LIMIT = 0.10
EXACT = 1e-9
BOUNDS = ("more_than", "less_than", "up_to")


def relative_difference(a: float, b: float) -> float:
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def precision_of(value: float, number_text: str | None = None) -> float:
    """The place of the last significant digit a value was written with (18.7e9 -> 1e8).

    Trailing zeros of an integer count as not significant (250 -> 10), the usual reading of
    round figures in news copy.
    """
    if value == 0:
        return 1.0
    try:
        digits = Decimal(repr(float(value))).normalize()
    except InvalidOperation:
        return 1.0
    exponent = digits.as_tuple().exponent
    return float(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else 1.0


def rounds_to(precise: float, coarse: float) -> bool:
    """Whether ``precise`` rounded to the precision of ``coarse`` gives ``coarse``."""
    step = precision_of(coarse)
    if step <= 0:
        return False
    return math.isclose(round(precise / step) * step, coarse, rel_tol=1e-9, abs_tol=step * 1e-9)


def bound_admits(bound: float, qualifier: str, value: float) -> bool:
    """Whether a value lies within what a bound, read at its own precision, allows.

    "More than 170" allows 170 up to the next round figure (180); "more than a thousand"
    allows 1,000 to 2,000, so a headline's "more than 1,000 evacuated" agrees with the body's
    1,240; "up to 300" allows (200, 300]. Rounding of news copy sets the width, never a guess.
    """
    step = max(precision_of(bound), abs(bound) * EXACT)
    if qualifier == "more_than":
        return bound <= value < bound + step
    if qualifier in ("less_than", "up_to"):
        return bound - step < value <= bound
    return relative_difference(bound, value) <= APPROXIMATE_LIMIT


def values_agree(a: float, b: float, qualifier_a: str | None = None, qualifier_b: str | None = None) -> bool:
    """Whether two reported values are the same figure, allowing for rounding and approximation."""
    difference = relative_difference(a, b)
    if difference <= EXACT:
        return True
    bounds = [(x, q, y) for x, q, y in ((a, qualifier_a, b), (b, qualifier_b, a)) if q in BOUNDS]
    if bounds:
        return all(bound_admits(bound, qualifier, other) for bound, qualifier, other in bounds)
    if "about" in (qualifier_a, qualifier_b) and difference <= APPROXIMATE_LIMIT:
        return True
    if difference > ROUNDING_LIMIT:
        return False
    return rounds_to(a, b) or rounds_to(b, a)

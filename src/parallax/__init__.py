"""parallax: compare how the same news story is told in different languages, fact by fact.

    >>> import parallax
    >>> comparison = parallax.compare(["a.txt", "b.html"])   # doctest: +SKIP
    >>> store = parallax.Store("news.sqlite")                 # doctest: +SKIP

The stage packages ``parallax.compare`` and ``parallax.extract`` share their names with the
API functions; they are imported first so that the functions, bound after them, win.
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: stages read it while the package loads

from . import compare as _compare_stage  # noqa: F401 -- see the module docstring
from . import extract as _extract_stage  # noqa: F401
from .api import compare, extract, load_articles
from .collection import Store
from .model import (
    AlignedFact,
    Article,
    Comparison,
    Conflict,
    Document,
    Fact,
    InputError,
    ParallaxError,
    Sentence,
)

__all__ = [
    "AlignedFact",
    "Article",
    "Comparison",
    "Conflict",
    "Document",
    "Fact",
    "InputError",
    "ParallaxError",
    "Sentence",
    "Store",
    "compare",
    "extract",
    "load_articles",
]

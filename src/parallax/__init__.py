"""parallax: compare how the same news story is told in different languages, fact by fact.

    >>> import parallax
    >>> comparison = parallax.compare(["a.txt", "b.html"])   # doctest: +SKIP

The API is imported on first use, so ``import parallax.<stage>`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "compare": "parallax.api",
    "extract": "parallax.api",
    "load_articles": "parallax.api",
    "Store": "parallax.collection",
    "AlignedFact": "parallax.model",
    "Article": "parallax.model",
    "Comparison": "parallax.model",
    "Conflict": "parallax.model",
    "Document": "parallax.model",
    "Fact": "parallax.model",
    "InputError": "parallax.model",
    "ParallaxError": "parallax.model",
    "Sentence": "parallax.model",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'parallax' has no attribute {name!r}")

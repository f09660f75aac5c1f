"""Approximate nearest neighbours over title + lead embeddings (usearch HNSW, 8-bit vectors).

One small index per publication week: a query searches only the weeks its time window
touches, so the cost of a query stays flat as the store grows from thousands to millions of
articles. The index is derived data: a manifest records how many vectors and which largest
article it holds, and opening it against a store catches up (or rebuilds) when it is behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from usearch.index import Index

from .features import NO_DAY

WEEK = 7
UNDATED_SHARD = "undated"


def shard_of(day: int) -> str:
    return UNDATED_SHARD if day == NO_DAY else str(day // WEEK)


def shards_for_window(day: int, window_days: int) -> list[str]:
    if day == NO_DAY:
        return [UNDATED_SHARD]
    weeks = range((day - window_days) // WEEK, (day + window_days) // WEEK + 1)
    return [str(w) for w in weeks] + [UNDATED_SHARD]


class VectorIndex:
    """Week-sharded HNSW indexes in a folder beside the store."""

    def __init__(self, folder: Path | None, dim: int) -> None:
        self.folder = folder
        self.dim = dim
        self.shards: dict[str, Index] = {}
        self.count = 0
        self.largest = 0
        self.dirty = False
        if folder is not None:
            self._load()

    def _new_index(self) -> Index:
        return Index(ndim=self.dim, metric="cos", dtype="i8", connectivity=16)

    @property
    def manifest_path(self) -> Path | None:
        return self.folder / "manifest.json" if self.folder else None

    def _load(self) -> None:
        manifest = self.manifest_path
        if manifest is None or not manifest.exists():
            return
        try:
            state = json.loads(manifest.read_text())
            if state.get("dim") != self.dim:
                return
            for name in state["shards"]:
                self.shards[name] = Index.restore(str(self.folder / f"{name}.usearch"), view=False)
            self.count, self.largest = int(state["count"]), int(state["largest"])
        except (OSError, ValueError, KeyError, RuntimeError):
            # A damaged derived file is rebuilt from the store, never trusted.
            self.shards, self.count, self.largest = {}, 0, 0

    def add(self, rowid: int, day: int, vector: np.ndarray) -> None:
        name = shard_of(day)
        shard = self.shards.get(name)
        if shard is None:
            shard = self.shards[name] = self._new_index()
        if rowid in shard:
            return
        shard.add(rowid, np.asarray(vector, dtype=np.float32))
        self.count += 1
        self.largest = max(self.largest, rowid)
        self.dirty = True

    def search(self, vector: np.ndarray, day: int, window_days: int, k: int) -> list[tuple[int, float]]:
        """(article rowid, cosine) of the nearest articles in the weeks around ``day``."""
        found: list[tuple[int, float]] = []
        query = np.asarray(vector, dtype=np.float32)
        for name in shards_for_window(day, window_days):
            shard = self.shards.get(name)
            if shard is None or len(shard) == 0:
                continue
            matches = shard.search(query, min(k, len(shard)))
            pairs = zip(matches.keys, matches.distances, strict=True)
            found += [(int(key), 1.0 - float(distance)) for key, distance in pairs]
        found.sort(key=lambda item: -item[1])
        return found[:k]

    def search_all(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(article rowid, cosine) of the nearest articles of any week."""
        found: list[tuple[int, float]] = []
        query = np.asarray(vector, dtype=np.float32)
        for shard in self.shards.values():
            if len(shard):
                matches = shard.search(query, min(k, len(shard)))
                pairs = zip(matches.keys, matches.distances, strict=True)
                found += [(int(key), 1.0 - float(distance)) for key, distance in pairs]
        found.sort(key=lambda item: -item[1])
        return found[:k]

    def save(self) -> None:
        if self.folder is None or not self.dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, shard in self.shards.items():
            temporary = self.folder / f"{name}.usearch.tmp"
            shard.save(str(temporary))
            os.replace(temporary, self.folder / f"{name}.usearch")
        state = {"dim": self.dim, "count": self.count, "largest": self.largest, "shards": sorted(self.shards)}
        temporary = self.folder / "manifest.json.tmp"
        temporary.write_text(json.dumps(state))
        os.replace(temporary, self.folder / "manifest.json")
        self.dirty = False

    def reset(self) -> None:
        self.shards, self.count, self.largest = {}, 0, 0
        self.dirty = True

    def fill(self, items: Iterable[tuple[int, int, np.ndarray]]) -> int:
        added = 0
        for rowid, day, vector in items:
            self.add(rowid, day, vector)
            added += 1
        return added

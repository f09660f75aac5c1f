"""Shared test settings: an embedding cache and learned aliases per test session, never the user's."""

from __future__ import annotations

import os
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="parallax-test-cache-")
os.environ.setdefault("PARALLAX_CACHE", _CACHE)
# Tests never read or grow the user's learned aliases, and comparisons learn nothing, so that
# no test depends on which ran before it (tests of learning turn it on for themselves).
os.environ.setdefault("PARALLAX_ALIASES", os.path.join(_CACHE, "learned_aliases.json"))
os.environ.setdefault("PARALLAX_LEARN_ALIASES", "0")


@pytest.fixture
def isolated_store(tmp_path, monkeypatch):
    """A store path of the test's own, also set as the default for the CLI."""
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARALLAX_STORE", str(path))
    return path

"""Shared test settings: an embedding cache per test session, never the user's."""

from __future__ import annotations

import os
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="parallax-test-cache-")
os.environ.setdefault("PARALLAX_CACHE", _CACHE)


@pytest.fixture
def isolated_store(tmp_path, monkeypatch):
    """A store path of the test's own, also set as the default for the CLI."""
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARALLAX_STORE", str(path))
    return path

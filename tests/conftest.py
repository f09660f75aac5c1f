"""Shared test settings: an embedding cache and learned aliases per test session, never the user's."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_CACHE = tempfile.mkdtemp(prefix="parallax-test-cache-")
os.environ.setdefault("PARALLAX_CACHE", _CACHE)
# Comparisons learn nothing unless asked; tests that ask never touch the user's learned aliases.
os.environ.setdefault("PARALLAX_ALIASES", os.path.join(_CACHE, "learned_aliases.json"))


@pytest.fixture
def isolated_store(tmp_path, monkeypatch):
    """A store path of the test's own, also set as the default for the CLI."""
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARALLAX_STORE", str(path))
    return path


def chromium_path() -> str | None:
    configured = os.environ.get("PARALLAX_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download).

    One per session for every browser suite: a second sync Playwright in the same thread
    while the first is still open fails, so the render and web tests share this one.
    """
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    executable = chromium_path()
    if not executable or not Path(executable).exists():
        pytest.skip(
            "no Chromium binary: install Debian's `chromium` (scripts/setup --test) or set PARALLAX_CHROMIUM"
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()

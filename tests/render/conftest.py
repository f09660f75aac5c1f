"""Reports built once per session: the bundled visit story and articles full of hostile markup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from report_inputs import ARTIFACTS, HOSTILE_HTML, VISIT, hostile_article

from parallax.api import compare
from parallax.model import Comparison


@pytest.fixture(scope="session")
def visit_comparison() -> Comparison:
    """The bundled visit story (Arabic, French, Kazakh, Russian, Chinese) through the real pipeline."""
    return compare(sorted(p for p in VISIT.iterdir() if p.is_file()))


@pytest.fixture(scope="session")
def hostile_comparison(tmp_path_factory) -> Comparison:
    """A plain-text article with markup in its fields and text, and an HTML page full of it."""
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / "steppe-courier.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    return compare([hostile_article(), page])


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


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
    """Debian's headless Chromium driven by Playwright (no browser download)."""
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

"""Reports built once per session: the bundled visit story and articles full of hostile markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_inputs import ARTIFACTS, HOSTILE_HTML, VISIT, hostile_article

from parallax.api import compare_articles
from parallax.model import Comparison


@pytest.fixture(scope="session")
def visit_comparison() -> Comparison:
    """The bundled visit story (Arabic, French, Kazakh, Russian, Chinese) through the real pipeline."""
    return compare_articles(sorted(p for p in VISIT.iterdir() if p.is_file()))


@pytest.fixture(scope="session")
def hostile_comparison(tmp_path_factory) -> Comparison:
    """A plain-text article with markup in its fields and text, and an HTML page full of it."""
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / "steppe-courier.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    return compare_articles([hostile_article(), page])


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

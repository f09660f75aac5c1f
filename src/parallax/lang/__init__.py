"""Language knowledge as data.

Each language has one hand-written file, ``data/<code>.toml`` (the supplements CLDR does
not know: inflected forms, colloquial words, the counted-noun lexicon, quote verbs...), and
one generated file, ``cldr/<code>.json`` (what Babel and ICU already know: decimal and
grouping symbols, spelled-out numbers, compact scale words, currency names). The generated
file is rebuilt with ``python -m parallax.lang.generate``.

Stages never name a language: they ask for a section and compile it into their own matcher.
Adding a language means adding ``data/<code>.toml``, generating its CLDR file, and tests.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from parallax.tables import stored_table

_DATA = resources.files(__package__) / "data"
_CLDR = resources.files(__package__) / "cldr"


@dataclass(frozen=True)
class LanguageData:
    code: str
    name: str
    script: str
    direction: str
    supplement: dict[str, Any] = field(repr=False)
    cldr: dict[str, Any] = field(repr=False)

    def section(self, name: str) -> dict[str, Any]:
        """A hand-written section of the language file (empty when absent)."""
        value = self.supplement.get(name, {})
        return value if isinstance(value, dict) else {}

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


@cache
def languages() -> tuple[str, ...]:
    """Codes of every language that has a data file, sorted."""
    return tuple(sorted(p.name.removesuffix(".toml") for p in _DATA.iterdir() if p.name.endswith(".toml")))


@cache
def load(code: str) -> LanguageData:
    """The data of one language; raises KeyError for a language parallax does not know."""
    if code not in languages():
        raise KeyError(f"no language data for {code!r}")
    supplement, cldr = _parsed_files()[code]
    meta = supplement.get("language", {})
    return LanguageData(
        code=code,
        name=meta.get("name", code),
        script=meta.get("script", "Latn"),
        direction=meta.get("direction", "ltr"),
        supplement=supplement,
        cldr=cldr,
    )


@cache
def _parsed_files() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Every language's two files, parsed; kept with the stored tables (parsing the TOML files
    is pure Python, about a tenth of a second for all of them, reading them back a hundredth)."""
    return stored_table("language-files", lambda: {code: _parse(code) for code in languages()})


def _parse(code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    supplement = tomllib.loads((_DATA / f"{code}.toml").read_text(encoding="utf-8"))
    generated = _CLDR / f"{code}.json"
    cldr = json.loads(generated.read_text(encoding="utf-8")) if generated.is_file() else {}
    return supplement, cldr


def maybe_load(code: str | None) -> LanguageData | None:
    """Like :func:`load` but None for an unknown or missing language."""
    if not code:
        return None
    try:
        return load(code)
    except KeyError:
        return None


def all_languages() -> list[LanguageData]:
    return [load(code) for code in languages()]

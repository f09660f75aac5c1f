"""The learned-alias file: where it is, its format, reading and writing it.

The entity tables (``lexicon``) read it with the curated files; ``learned`` learns names from
comparisons and saves them here. Keeping the file apart lets imports run one way:
learned -> lexicon -> learned_file.

The file::

    {"schema": 1, "entity": [
      {"name": "Aydarbek Saparov", "type": "person", "seen": 2,
       "names": {"kk": ["Айдарбек Сапаров"], "zh": ["萨帕罗夫"], "uz": ["Aydarbek Saparov"]}}
    ]}
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from ...paths import atomic_file

SCHEMA = 1
FILE_NAME = "learned_aliases.json"
ENV = "PARALLAX_ALIASES"
TYPES = ("person", "place", "organisation")
LEARNED_PRIOR = 0.5  # a learned name yields to a curated homonym


def learned_aliases_path() -> Path:
    """``$PARALLAX_ALIASES`` or ``learned_aliases.json`` in the user's data directory."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    return _default_path()


@cache
def _default_path() -> Path:
    return Path(platformdirs.user_data_dir("parallax")) / FILE_NAME


def load_learned_aliases(path: str | os.PathLike | None = None) -> list[dict]:
    """The learned entries of ``path`` (default: :func:`learned_aliases_path`); [] when absent.

    A file that cannot be read as learned aliases is ignored (it is derived data: the program
    must start without it), never half-read.
    """
    file = Path(path) if path is not None else learned_aliases_path()
    try:
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("entity"), list):
        return []
    return [e for e in data["entity"] if _valid(e)]


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and entry.get("type") in TYPES
        and isinstance(entry.get("names"), dict)
        and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in entry["names"].values())
    )


def write_learned_file(file: Path, data: dict) -> None:
    with atomic_file(file, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)


def as_alias_records(entries: Iterable[dict]) -> list[dict]:
    """Learned entries in the shape of the curated files' ``[[entity]]`` records."""
    records = []
    for entry in entries:
        record = {"name": entry["name"], "type": entry["type"], "prior": LEARNED_PRIOR}
        record.update({lang: list(forms) for lang, forms in entry["names"].items()})
        records.append(record)
    return records

"""Loaders for the real third-party text in ``../shared/data`` (see its README).

The data lives beside the project, never in it: its directory is ``$PARALLAX_SHARED_DATA``
or ``<repo>/../shared/data``. A benchmark that needs it calls :func:`data_dir` and stops with
one clear line on stderr (exit status 0, nothing measured) when it is absent, so the
benchmarks run anywhere.

Every loader yields plain dicts as the data's README describes them, in file order, so the
same ``--limit`` always picks the same documents.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = "PARALLAX_SHARED_DATA"

WMT = "wmt_news/docs.jsonl.gz"
KAZNERD = "kaznerd/valid.jsonl.gz"
UD = "ud"
KYRGYZ_24KG = "kyrgyz_24kg/articles.jsonl.gz"


def data_dir() -> Path | None:
    """The shared data directory, or None when it is not there."""
    configured = os.environ.get(ENV)
    path = Path(configured) if configured else ROOT.parent / "shared" / "data"
    return path if path.is_dir() else None


def require(*relative: str) -> Path:
    """The data directory holding every ``relative`` path; else say what is missing and exit 0."""
    root = data_dir()
    if root is None:
        skip(f"no shared data directory (set {ENV} or put it at {ROOT.parent / 'shared' / 'data'})")
    missing = [r for r in relative if not (root / r).exists()]
    if missing:
        skip(f"{root}: missing {', '.join(missing)}")
    return root


def skip(reason: str) -> None:
    print(f"skipped: {reason}", file=sys.stderr)
    raise SystemExit(0)


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a gzip JSON-lines file; a broken line is an error naming the file and line."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON ({error.msg})") from None


def wmt_pairs(root: Path, limit: int | None = None) -> dict[str, list[dict]]:
    """WMT documents by language pair ("ru-en"...), at most ``limit`` per pair, in file order."""
    pairs: dict[str, list[dict]] = {}
    for record in read_jsonl(root / WMT):
        docs = pairs.setdefault(record["pair"], [])
        if limit is None or len(docs) < limit:
            docs.append(record)
    return pairs


def translation(record: dict) -> tuple[str, str]:
    """(language, text) of a WMT document's first reference translation."""
    ref = record["refs"][0]
    return ref["lang"], ref["text"]


def kaznerd(root: Path, limit: int | None = None) -> list[dict]:
    """KazNERD validation sentences (``limit``: at most that many)."""
    records = []
    for record in read_jsonl(root / KAZNERD):
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    return records


def ud_sentences(root: Path, limit: int | None = None) -> dict[str, list[dict]]:
    """UD treebank sentences by treebank ("fa_seraji"...), at most ``limit`` per treebank."""
    found: dict[str, list[dict]] = {}
    for path in sorted((root / UD).glob("*.sentences.jsonl.gz")):
        records = found.setdefault(path.name.split(".")[0], [])
        for record in read_jsonl(path):
            if limit is not None and len(records) >= limit:
                break
            records.append(record)
    return found


def kyrgyz_articles(root: Path, limit: int | None = None) -> list[dict]:
    """24.kg Kyrgyz articles (``limit``: at most that many)."""
    records = []
    for record in read_jsonl(root / KYRGYZ_24KG):
        if limit is not None and len(records) >= limit:
            break
        records.append(record)
    return records

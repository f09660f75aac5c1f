"""The shared SemEval-2022 Task 8 pairs as a linking benchmark: loading, a cached store, scoring.

Positives: Overall <= 1.5 with Time and Geography <= 1.5 (one event); negatives: Overall >= 3;
``synthetic_mt`` and ``mojibake`` pairs are left out. Every distinct article is ingested once,
undated, into a store; a pair is linked when both articles end in one story.

Analysis and encoding are the slow part (minutes for a thousand articles on two cores), so the
ingested store is cached under ``benchmarks/results/semeval/``, keyed by the data file and by
the source of every stage before linking. Evaluating a scorer copies that store, recomputes
every article's anchors from its stored analysis (``features.py`` may have changed) and
relinks from scratch: seconds, not minutes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from real_data import data_dir

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "semeval"
PAIRS_FILE = Path("semeval") / "train_pairs.jsonl.gz"
TITLE_GLUE = "  "  # the shipped texts glue title and body with two spaces
MAX_TITLE = 250
# What an article's stored analysis and vector depend on (linking is redone on every evaluation).
ANALYSIS_PARTS = frozenset(
    {"clean", "detect", "segment", "extract", "lang", "ingest", "encode", "pipeline.py", "model.py"}
)


def shared_data() -> Path:
    """``$PARALLAX_SHARED_DATA`` or ``<repo>/../shared/data`` (even when absent: callers say so)."""
    return data_dir() or ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    same: bool
    languages: tuple[str, str]

    @property
    def crosslingual(self) -> bool:
        return self.languages[0] != self.languages[1]


def is_positive(scores: dict) -> bool:
    return scores["Overall"] <= 1.5 and scores["Time"] <= 1.5 and scores["Geography"] <= 1.5


def is_negative(scores: dict) -> bool:
    return scores["Overall"] >= 3


def load(path: Path | None = None) -> tuple[list[LabelledPair], dict[str, str]] | None:
    """(labelled pairs, article id -> text), or None when the data is absent."""
    path = path or shared_data() / PAIRS_FILE
    if not path.exists():
        return None
    pairs: list[LabelledPair] = []
    texts: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["synthetic_mt"] or row["mojibake"]:
                continue
            positive, negative = is_positive(row["scores"]), is_negative(row["scores"])
            if not (positive or negative):
                continue
            a, b = row["pair_id"].split("_")
            texts.setdefault(a, row["text1"])
            texts.setdefault(b, row["text2"])
            pairs.append(LabelledPair(a, b, positive, (row["lang1"], row["lang2"])))
    return pairs, texts


def article_of(article_id: str, text: str):
    """An undated article; a short head glued on with two spaces is its title."""
    from parallax.model import Article

    head, glue, body = text.partition(TITLE_GLUE)
    if glue and 0 < len(head.strip()) <= MAX_TITLE and body.strip():
        return Article(id=article_id, text=body.strip(), title=head.strip())
    return Article(id=article_id, text=text.strip())


def _source_key(inputs: list[Path]) -> str:
    """Changes when the inputs or any stage before linking changes."""
    digest = hashlib.blake2b(digest_size=8)
    for path in inputs:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            stat = file.stat()
            digest.update(f"{file.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    source = ROOT / "src" / "parallax"
    # The stored vector is the encoder's on the title and lead, which link/features.py chooses.
    lead = (source / "link" / "features.py").read_text(encoding="utf-8")
    digest.update(lead[lead.index("LEAD_SENTENCES") : lead.index("NO_DAY")].encode())
    digest.update(lead[lead.index("def title_and_lead") : lead.index("def day_number")].encode())
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or relative.parts[0] not in ANALYSIS_PARTS:
            continue
        if path.suffix in (".py", ".toml", ".json", ".txt", ".tsv"):
            digest.update(str(relative).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(name: str, inputs: list[Path], fill: Callable) -> Path:
    """The path of a store ``fill(store)`` filled, analysed and encoded once per source version."""
    from parallax.store import Store

    folder = RESULTS.parent / "stores"
    path = folder / f"{name}-{_source_key(inputs)}.sqlite"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for stale in folder.glob(f"{name}-*"):
        stale.unlink() if stale.is_file() else shutil.rmtree(stale)
    with Store(building) as store:
        fill(store)
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(Path(f"{building}.index"), ignore_errors=True)
    os.replace(building, path)
    return path


def cached_store(texts: dict[str, str], data: Path | None = None) -> Path:
    """The store holding every SemEval article analysed and encoded (built once per source)."""
    data = data or shared_data() / PAIRS_FILE
    return cached(
        "semeval", [data], lambda store: store.add_articles(article_of(i, texts[i]) for i in sorted(texts))
    )


def fresh_copy(cached: Path, folder: Path) -> Path:
    target = folder / "store.sqlite"
    shutil.copyfile(cached, target)
    return target


def reanchor_database(db) -> None:
    """Every article's anchors again from its stored analysis, with today's ``features.py``."""
    from parallax.link.features import day_number, document_anchors

    with db.transaction() as connection:
        for rowid, published in connection.execute("SELECT rowid, published FROM articles").fetchall():
            db.put_anchors(connection, rowid, day_number(published), document_anchors(db.document(rowid)))


_ANCHORED: dict[Path, Path] = {}


def anchored(cached: Path) -> Path:
    """A copy of a cached store with today's anchors, made once per process."""
    import atexit
    import tempfile

    from parallax.database import Database

    if cached not in _ANCHORED:
        folder = Path(tempfile.mkdtemp(prefix="parallax-anchored-"))
        atexit.register(shutil.rmtree, folder, True)
        with Database(fresh_copy(cached, folder)) as db:
            reanchor_database(db)
        _ANCHORED[cached] = folder / "store.sqlite"
    return _ANCHORED[cached]


def linked_stories(cached: Path, folder: Path, settings=None) -> tuple[dict[str, str], dict[str, str]]:
    """(article id -> story id, article id -> detected language) after a relink from scratch."""
    from parallax.link.score import SETTINGS
    from parallax.store import Store

    with Store(fresh_copy(anchored(cached), folder), settings=settings or SETTINGS) as store:
        store.relink()
        stories = {article: story.id for story in store.stories() for article in story.documents}
        languages = dict(store.db.db.execute("SELECT id, COALESCE(language, '?') FROM articles"))
    return stories, languages


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, linked: bool, same: bool) -> None:
        if linked and same:
            self.tp += 1
        elif linked:
            self.fp += 1
        elif same:
            self.fn += 1
        else:
            self.tn += 1

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn, self.tn = (
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.tn + other.tn,
        )
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        n = self.tp + self.fp + self.fn + self.tn
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"
            f"  ({n} pairs: tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn})"
        )


def pair_counts(
    pairs: list[LabelledPair], stories: dict[str, str], keep: Callable[[LabelledPair], bool] = lambda p: True
) -> Counts:
    counts = Counts()
    for pair in pairs:
        if keep(pair):
            story_a, story_b = stories.get(pair.a), stories.get(pair.b)
            counts.add(story_a is not None and story_a == story_b, pair.same)
    return counts

"""Inside the partitions: read input files with the local readers, analyse, encode.

Everything here runs in Spark's Python workers on Arrow batches (``mapInArrow``) and calls
the functions the local ``parallax ingest`` calls: ``iter_articles``'s per-file readers
(``from_file``: text, HTML, JSONL, Parquet, WARC, feed files), ``analyse_item`` (clean,
language, sentences, facts), ``title_and_lead`` + the encoder, ``content_hash`` and
``document_anchors``. No stage is implemented twice.

The encoder is loaded once per Python worker (Spark reuses its workers between tasks) and
called on batches of title + lead texts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..ingest.run import ArticleIds, Rejected, RunContext
from ..ingest.sources import input_kind, walk_folder
from ..model import Article, Document, Fact

if TYPE_CHECKING:
    from ..encode import Encoder

ENCODE_BATCH = 32
ORDINAL_SHIFT = 32  # ordinal = file index << 32 | record number: input order as one integer


# -- the driver: which files make up the input ---------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One input file, read by one task; ``index`` is its place in the input order."""

    index: int
    path: str


def input_units(inputs: Iterable[str]) -> tuple[list[Unit], list[Rejected]]:
    """The files of the inputs in the order the local ``iter_articles`` reads them.

    Folders are walked the same way (recursively, in name order, known kinds only). URLs are
    not fetched by the Spark job: a crawl belongs in WARC files that every executor can read.
    """
    files: list[str] = []
    rejected: list[Rejected] = []
    for source in inputs:
        source = os.fspath(source)
        if "://" in source and not source.startswith("file://"):
            rejected.append(Rejected(source, "URLs are not fetched by the Spark job (crawl to WARC first)"))
        elif os.path.isdir(source):
            for found in walk_folder(source):
                (rejected if isinstance(found, Rejected) else files).append(found)
        elif os.path.exists(source.removeprefix("file://")):
            files.append(source.removeprefix("file://"))
        else:
            rejected.append(Rejected(source, "file not found"))
    return [Unit(i, path) for i, path in enumerate(files)], rejected


# -- the workers: reading ----------------------------------------------------------------------------


class _WantedIds(ArticleIds):
    """Ids as the records want them: run-unique ids ("#2", "#3") need the whole input, so the
    job assigns them after reading, in input order, exactly as ``ArticleIds`` would have."""

    def claim(self, wanted: str) -> str:
        return wanted


class PartitionRun(RunContext):
    """The local readers' run context for one file inside a Spark task."""

    def __init__(self, outlet: str | None = None) -> None:
        super().__init__(outlet=outlet)
        self.ids = _WantedIds()


def read_unit(unit: Unit, outlet: str | None = None) -> Iterator[Article | Rejected]:
    """The articles and rejections of one file, through the local per-file reader."""
    from ..ingest.sources import from_file

    run = PartitionRun(outlet)
    try:
        if input_kind(unit.path) is None and not os.path.isfile(unit.path):
            yield Rejected(unit.path, "not a file")
            return
        yield from from_file(unit.path, run)
    except Exception as error:  # a reader's unforeseen failure ends this file, never the job
        yield Rejected(unit.path, f"cannot read ({type(error).__name__}: {error})")
    finally:
        run.close()


# -- the workers: the encoder ------------------------------------------------------------------------

def worker_encoder() -> Encoder:
    """This Python worker's encoder, loaded on first use and kept for the worker's life.

    No on-disk cache: executors' disks are scratch. The bundled e5 runs on one thread per
    task (``PARALLAX_SPARK_ENCODER_THREADS``), since Spark already runs one task per core.
    """
    from ..encode.registry import worker_encoder as encoder_of_this_worker

    return encoder_of_this_worker(None, int(os.environ.get("PARALLAX_SPARK_ENCODER_THREADS", "1")))


def encoder_name() -> str:
    return worker_encoder().name


# -- the workers: one row per article or rejection -------------------------------------------------


def band_hashes(vector: np.ndarray, bands: int, bits: int, seed: int) -> list[int]:
    """SimHash bands of a vector: ``bands`` integers of ``bits`` sign bits each.

    Two vectors at angle θ agree on a bit with probability 1 - θ/π, so near neighbours share a
    band far more often than strangers do: the buckets of an approximate similarity join.
    """
    planes = _planes(bands * bits, vector.shape[0], seed)
    signs = (planes @ vector.astype(np.float64)) > 0
    weights = 1 << np.arange(bits, dtype=np.int64)
    return [int(x) for x in signs.reshape(bands, bits).astype(np.int64) @ weights]


_PLANES: dict[tuple[int, int, int], np.ndarray] = {}


def _planes(count: int, dim: int, seed: int) -> np.ndarray:
    key = (count, dim, seed)
    if key not in _PLANES:
        _PLANES[key] = np.random.default_rng(seed).standard_normal((count, dim))
    return _PLANES[key]


def _json_value(value: object) -> str:
    def jsonable(item: object) -> object:
        return sorted(item, key=str) if isinstance(item, (set, frozenset)) else str(item)

    return json.dumps(value, ensure_ascii=False, default=jsonable, sort_keys=True)


def fact_row(index: int, fact: Fact) -> dict:
    from ..link.features import fact_anchor

    number = fact.value if isinstance(fact.value, (int, float)) and not isinstance(fact.value, bool) else None
    return {
        "index": index,
        "kind": fact.kind,
        "value": fact.value if isinstance(fact.value, str) else _json_value(fact.value),
        "number": float(number) if number is not None else None,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "start": fact.start,
        "end": fact.end,
        "text": fact.text,
        "sentence": fact.sentence.index,
        "sentence_start": fact.sentence.start,
        "sentence_end": fact.sentence.end,
        "language": fact.sentence.language,
        "entity_type": fact.type if fact.kind == "entity" else None,
        "speaker": fact.speaker if fact.kind == "quote" else None,
        "anchor": fact_anchor(fact),
        "attrs": _json_value(fact.attrs.as_dict()),
    }


def rejected_row(ordinal: int, item: Rejected, wanted_id: str | None = None) -> dict:
    return {"ordinal": ordinal, "source": item.source, "reason": item.reason, "wanted_id": wanted_id}


def article_rows(documents: list[tuple[int, Document]], lsh: tuple[int, int, int]) -> list[dict]:
    """Rows for analysed articles: the encoder runs once on the batch's titles + leads."""
    from ..database import content_hash
    from ..database.codec import analysis_to_json
    from ..link.features import day_number, document_anchors, title_and_lead
    from ..pipeline import EXTRACTOR_VERSION

    if not documents:
        return []
    leads = [title_and_lead(document) for _, document in documents]
    vectors = worker_encoder().encode(leads)
    rows = []
    for (ordinal, document), lead, vector in zip(documents, leads, vectors, strict=True):
        article = document.article
        vector = np.asarray(vector, dtype=np.float32)
        rows.append(
            {
                "ordinal": ordinal,
                "source": article.path,
                "reason": None,
                "wanted_id": article.id,
                **article_fields(article),
                "lead": lead,
                "analysis": analysis_to_json(document),
                "extractor_version": EXTRACTOR_VERSION,
                "content_hash": content_hash(document),
                "day": day_number(article.published),
                "anchors": sorted(document_anchors(document)),
                "vector": vector.tolist(),
                "bands": band_hashes(vector, *lsh),
                "facts": [fact_row(i, fact) for i, fact in enumerate(document.facts)],
            }
        )
    return rows


def read_units(batches: Iterable, outlet: str | None) -> Iterator:
    """``mapInArrow`` body: (index, path) units in, one row per record read or rejected out."""
    import pyarrow as pa

    from .tables import RAW

    schema = RAW.arrow()
    for batch in batches:
        units = zip(batch.column("index").to_pylist(), batch.column("path").to_pylist(), strict=True)
        for unit_index, path in units:
            rows: list[dict] = []
            for seq, item in enumerate(read_unit(Unit(unit_index, path), outlet), start=1):
                ordinal = (unit_index << ORDINAL_SHIFT) | seq
                if isinstance(item, Rejected):
                    rows.append(rejected_row(ordinal, item))
                else:
                    fields = article_fields(item)
                    rows.append({"ordinal": ordinal, "source": item.path, "wanted_id": item.id, **fields})
                if len(rows) >= ENCODE_BATCH:
                    yield pa.RecordBatch.from_pylist(rows, schema=schema)
                    rows = []
            if rows:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)


def article_fields(article: Article) -> dict:
    """The columns an article's own fields fill, in every table that carries the article."""
    return {
        "text": article.text,
        "format": article.format,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "url": article.url,
        "language": article.language,
        "encoding": article.encoding,
    }


def article_from_row(row: dict, article_id: str) -> Article:
    """The article back from a row that holds :func:`article_fields` and its ``source``."""
    return Article(
        id=article_id,
        text=row["text"],
        format=row["format"] or "text",
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        path=row["source"],
        encoding=row["encoding"],
    )


def analyse_records(batches: Iterable, lsh: tuple[int, int, int]) -> Iterator:
    """``mapInArrow`` body: records read in, analysed and encoded articles (or rejections) out."""
    import pyarrow as pa

    from ..store import analyse_item
    from .tables import ANALYSED

    schema = ANALYSED.arrow()
    for batch in batches:
        pending: list[tuple[int, Document]] = []
        rows: list[dict] = []
        for record in batch.to_pylist():
            if record["reason"] is not None:
                rows.append(record)
                continue
            article = article_from_row(record, record["wanted_id"])
            analysed = analyse_item(article)
            if isinstance(analysed, Rejected):
                # The id was claimed when the record was read, as in the local ingest.
                rows.append(rejected_row(record["ordinal"], analysed, record["wanted_id"]))
            else:
                pending.append((record["ordinal"], analysed))
        rows += article_rows(pending, lsh)
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

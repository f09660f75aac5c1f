"""Corpora of one article per record: JSON lines and Parquet.

A record has ``text`` or ``html`` (text wins when both are there: it is the corpus's own
extraction, and it spares a million-record run an HTML parse per record), and optionally
``id``, ``url``, ``source`` (the outlet), ``published``, ``language`` and ``title``.
Both formats are streamed: one line, or one Parquet batch, at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from parallax.ingest.binary import binary_problem
from parallax.ingest.read import DEFAULT_MAX_BYTES, article_ids
from parallax.ingest.run import (
    Rejected,
    RunContext,
    clean_string,
    describe_os_error,
    describe_size,
    html_bytes,
)
from parallax.model import Article

RECORD_FIELDS = ("id", "text", "html", "url", "source", "published", "language", "title")
PARQUET_BATCH_ROWS = 256  # a batch of long articles stays a few megabytes
_SNIFF_BYTES = 4096
_SKIP_CHUNK = 1024 * 1024


def jsonl_articles(path: str, run: RunContext) -> Iterator[Article | Rejected]:
    """One article per line; a broken line is rejected with its number and the rest go on."""
    name = article_ids([path])[0]
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the lines are streamed
    except OSError as error:
        yield Rejected(path, f"cannot read the file ({describe_os_error(error)})")
        return
    with handle:
        problem = _not_json_lines(handle.read(_SNIFF_BYTES))
        if problem:
            yield Rejected(path, problem)
            return
        handle.seek(0)
        for number, line in _numbered_lines(handle):
            where = f"{path} line {number}"
            if line is None:
                yield Rejected(where, f"record too large (more than {describe_size(DEFAULT_MAX_BYTES)})")
            elif line.strip():
                yield _line_article(line, where, f"{name}#{number}", run)


def _numbered_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Lines and their numbers; None for a line over the size limit, which is skipped, not held."""
    number = 0
    while line := handle.readline(DEFAULT_MAX_BYTES + 1):
        number += 1
        if len(line) <= DEFAULT_MAX_BYTES:
            yield number, line
            continue
        while not line.endswith(b"\n") and (line := handle.readline(_SKIP_CHUNK)):
            pass
        yield number, None


def _not_json_lines(head: bytes) -> str | None:
    """Why a file cannot be JSON lines at all, so that it gives one rejection, not one per line."""
    problem = binary_problem(head.removeprefix(b"\xef\xbb\xbf"))
    if problem:
        return problem
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return "a JSON array, not JSON lines (one JSON object per line); convert it, e.g. with jq -c '.[]'"
    return None


def _line_article(line: bytes, where: str, fallback_id: str, run: RunContext) -> Article | Rejected:
    try:
        return _parsed_line_article(line, where, fallback_id, run)
    except RecursionError:  # [[[[…]]]] a few thousand deep: one bad record, not the end of the file
        return Rejected(where, "broken JSON (nested too deeply)")


def _parsed_line_article(line: bytes, where: str, fallback_id: str, run: RunContext) -> Article | Rejected:
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return Rejected(where, "broken JSON (not UTF-8)")
    except json.JSONDecodeError as error:
        return Rejected(where, f"broken JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return Rejected(where, f"not a JSON object (a {type(record).__name__})")
    return record_article(record, where, fallback_id, run)


def parquet_articles(path: str, run: RunContext) -> Iterator[Article | Rejected]:
    """One article per row, read one row group and batch at a time; a broken row group is rejected."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        corpus = pq.ParquetFile(path)
    except OSError as error:
        yield Rejected(path, f"cannot read the file ({describe_os_error(error)})")
        return
    except (pa.ArrowException, ValueError) as error:
        yield Rejected(path, f"not a readable Parquet file ({error})")
        return
    columns = [name for name in RECORD_FIELDS if name in corpus.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        yield Rejected(path, "no 'text' or 'html' column")
        return
    name = article_ids([path])[0]
    row = 0
    for group in range(corpus.num_row_groups):
        try:
            for batch in corpus.iter_batches(PARQUET_BATCH_ROWS, row_groups=[group], columns=columns):
                for record in batch.to_pylist():
                    row += 1
                    yield record_article(record, f"{path} row {row}", f"{name}#{row}", run)
        except (pa.ArrowException, OSError, ValueError) as error:
            yield Rejected(f"{path} row group {group + 1}", f"broken Parquet data ({error})")
            # Rows keep their numbers in the file, so later ids do not shift after a broken group.
            row = sum(corpus.metadata.row_group(index).num_rows for index in range(group + 1))


def record_article(record: Mapping, where: str, fallback_id: str, run: RunContext) -> Article | Rejected:
    """The article a corpus record holds. Ids: the record's ``id``, else its URL, else ``fallback_id``."""
    text, markup = record.get("text"), record.get("html")
    for field, value in (("text", text), ("html", markup)):
        if value is not None and not isinstance(value, str):
            return Rejected(where, f"field {field!r} is not a string")
    if text and text.strip():
        article = run.read(where, text.encode("utf-8", "surrogatepass"))
    elif markup and markup.strip():
        article = run.read(where, html_bytes(markup))
    else:
        return Rejected(where, "record has no text (no 'text' or 'html' field, or it is empty)")
    if isinstance(article, Rejected):
        return article
    wanted_id = clean_string(record.get("id")) or clean_string(record.get("url")) or fallback_id
    return run.finish(
        article,
        wanted_id,
        title=record.get("title"),
        published=record.get("published"),
        outlet=record.get("source"),
        url=record.get("url"),
        language=record.get("language"),
    )

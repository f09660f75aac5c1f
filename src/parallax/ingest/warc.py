"""WARC archives (warcio): the HTML pages a crawler stored, one article each.

Only successful HTML responses (and HTML resource records) are articles; requests, metadata,
images and error pages are skipped without a word. A damaged record is rejected and reading
resumes at the next record: in a .warc.gz each record is its own gzip member, and in a plain
WARC each record starts with a "WARC/" version line, so both can be found again by scanning.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from parallax.ingest.read import DEFAULT_MAX_BYTES, article_ids
from parallax.ingest.run import Rejected, RunContext, describe_os_error, describe_size, page_bytes
from parallax.model import Article

GZIP_MEMBER_START = b"\x1f\x8b\x08"
WARC_RECORD_START = b"WARC/"
ARTICLE_RECORD_TYPES = frozenset({"response", "resource"})
_SCAN_CHUNK = 1024 * 1024
TRUNCATED = "truncated record: the file ended early, inside this record (an incomplete download or copy?)"


@dataclass(frozen=True)
class _Page:
    number: int
    url: str | None
    content_type: str
    body: bytes


@dataclass(frozen=True)
class _Broken:
    number: int
    offset: int
    reason: str


def warc_articles(path: str, run: RunContext) -> Iterator[Article | Rejected]:
    """Articles from the HTML pages of a .warc or .warc.gz file."""
    name = article_ids([path])[0]
    yielded_anything = False
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the records are streamed
    except OSError as error:
        yield Rejected(path, f"cannot read the file ({describe_os_error(error)})")
        return
    with handle:
        problem = _not_a_warc(handle)
        if problem:
            yield Rejected(path, problem)
            return
        for item in _html_records(handle):
            yielded_anything = True
            if isinstance(item, _Broken):
                yield Rejected(f"{path} record {item.number} (byte {item.offset})", item.reason)
            else:
                yield _page_article(item, path, name, run)
    if not yielded_anything:
        yield Rejected(path, "no HTML pages in this WARC file")


def _not_a_warc(handle: BinaryIO) -> str | None:
    """Why the file is no WARC at all. warcio would read plain text as a lenient old ARC file."""
    head = handle.read(len(GZIP_MEMBER_START))
    handle.seek(0)
    if head == GZIP_MEMBER_START:
        try:
            with gzip.GzipFile(fileobj=handle) as member:
                head = member.read(len(WARC_RECORD_START))
        except (OSError, EOFError, zlib.error):
            head = b""
        handle.seek(0)
    else:
        head = handle.read(len(WARC_RECORD_START))
        handle.seek(0)
    return None if head == WARC_RECORD_START else "not a WARC file (it does not start with a WARC record)"


def _page_article(page: _Page, path: str, name: str, run: RunContext) -> Article | Rejected:
    where = f"{path} record {page.number}" + (f" ({page.url})" if page.url else "")
    article = run.read(where, page_bytes(page.body, _charset(page.content_type)))
    if isinstance(article, Rejected):
        return article
    # The capture's URL is where the page was really found; a canonical link is only a claim.
    return run.finish(article, page.url or f"{name}#{page.number}", url=page.url)


def _html_records(handle: BinaryIO) -> Iterator[_Page | _Broken]:
    """HTML pages and damaged records, in file order, resuming after each damaged one."""
    from warcio.archiveiterator import ArchiveIterator

    compressed = handle.read(len(GZIP_MEMBER_START)) == GZIP_MEMBER_START
    start: int | None = 0
    number = 0
    while start is not None:
        handle.seek(start)
        records = ArchiveIterator(handle)
        counted_at = -1  # offset of the record last counted: a record can fail after it was counted
        try:
            for record in records:
                number += 1
                counted_at = records.offset
                page = _page_of(record, number)
                if _ended_early(record):
                    yield _Broken(number, records.offset, TRUNCATED)
                    return
                if page is not None:
                    yield page
            if compressed and not _gzip_complete(handle):
                yield _Broken(number + 1, records.offset, TRUNCATED)
            return
        # A damaged archive fails in warcio, zlib or the HTTP header parser alike.
        except Exception as error:
            failed_at = records.offset
            if failed_at != counted_at:
                number += 1
            yield _Broken(number, failed_at, f"broken WARC record ({_first_line(error)})")
            start = _next_record_start(handle, failed_at + 1, compressed)


def _ended_early(record) -> bool:
    """Whether the file ended before the record's declared length (a cut download or copy):
    warcio hands out what there is without a word, which would store half an article."""
    stream = record.raw_stream
    while stream.read(_SCAN_CHUNK):
        pass
    return getattr(stream, "limit", 0) > 0


def _gzip_complete(handle: BinaryIO) -> bool:
    """Whether the last gzip member of the file is whole: a file cut inside a member's header
    or data ends warcio's reading as if the archive were over."""
    handle.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    fed = False  # whether the member being read has had any byte
    while chunk := handle.read(_SCAN_CHUNK):
        while chunk:
            fed = True
            try:
                inflater.decompress(chunk)  # only whether members end matters, not what they hold
            except zlib.error:
                return True  # damage, not a cut: reported where warcio met it
            if not inflater.eof:
                break
            chunk = inflater.unused_data
            inflater = zlib.decompressobj(wbits=31)
            fed = False
    return inflater.eof or not fed


def _page_of(record, number: int) -> _Page | None:
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return None
    if record.rec_type == "response":
        if record.http_headers is None or not _is_success(record.http_headers.get_statuscode()):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    body = record.content_stream().read(DEFAULT_MAX_BYTES + 1)
    if len(body) > DEFAULT_MAX_BYTES:
        raise ValueError(f"page larger than {describe_size(DEFAULT_MAX_BYTES)}")
    return _Page(number, record.rec_headers.get_header("WARC-Target-URI"), content_type, body)


def _is_success(status: str | None) -> bool:
    # Error pages and redirects are the site talking about itself, not articles.
    return bool(status) and status.startswith("2")


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _next_record_start(handle: BinaryIO, offset: int, compressed: bool) -> int | None:
    """Where the next record after ``offset`` begins, by scanning for its first bytes."""
    marker = GZIP_MEMBER_START if compressed else b"\n" + WARC_RECORD_START
    # The newline in the marker stands for a record start at a line start; step back to allow it.
    position = max(offset - 1, 0) if not compressed else offset
    handle.seek(position)
    carry = b""
    while chunk := handle.read(_SCAN_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            start = position - len(carry) + found
            return start if compressed else start + 1
        carry = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    text = " ".join(lines[:2])[:160] if lines else type(error).__name__
    return "".join(char if char.isprintable() else "?" for char in text)

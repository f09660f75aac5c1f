"""Every kind of input as one stream of articles: files, folders, JSONL and Parquet corpora,
WARC archives, RSS/Atom feeds and URLs.

``iter_articles`` is the entry point. Bad input never stops a run: each problem comes out as a
``Rejected`` naming the file (and line, row or record) and the reason, and the run goes on.
Corpora are streamed record by record, so their size is bounded by the disk, not by memory.

The readers (records, warc, feeds) share what ``run`` defines: Rejected, the run's context
(unique ids, the outlet override, one fetcher) and the helpers that hand bytes to read_article.
They are imported when their first input appears, which also keeps pyarrow, warcio and
feedparser out of runs that do not need them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from parallax.ingest import html
from parallax.ingest.read import STDIN, article_ids, not_a_regular_file, read_article
from parallax.ingest.run import Rejected, RunContext, describe_os_error, is_url, web_bytes
from parallax.model import Article, InputError

if TYPE_CHECKING:  # the fetcher (httpx) loads with the first URL
    from parallax.ingest.fetch import Fetcher

TEXT_EXTENSIONS = frozenset({".txt", *html.HTML_EXTENSIONS})
RECORD_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".json"})
PARQUET_EXTENSIONS = frozenset({".parquet"})
WARC_EXTENSIONS = (".warc", ".warc.gz")
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def iter_articles(
    inputs: Sequence[str],
    *,
    outlet: str | None = None,
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Rejected]:
    """Articles from files, folders, corpora, WARC files, feeds and http(s) URLs, in input order.

    ``outlet`` overrides every outlet the inputs name. URLs are fetched with ``fetcher`` when
    given (its own allow_private then applies), else with one made for this run.
    """
    run = RunContext(outlet=outlet, allow_private=allow_private, fetcher=fetcher)
    try:
        for source in inputs:
            yield from _from_input(os.fspath(source), run)
    finally:
        run.close()


def _from_input(source: str, run: RunContext) -> Iterator[Article | Rejected]:
    try:
        if _URL.match(source):
            yield from _from_url(source, run)
        elif source != STDIN and os.path.isdir(source):
            for found in walk_folder(source):
                if isinstance(found, Rejected):
                    yield found
                else:
                    yield from from_file(found, run)
        else:
            yield from from_file(source, run)
    except Exception as error:  # a reader's unforeseen failure still must not end the run
        yield Rejected(source, f"cannot read ({type(error).__name__}: {error})")


def input_kind(name: str) -> str | None:
    """What reader a file name calls for: "text", "records", "parquet", "warc", "feed", or None."""
    lowered = name.lower()
    if lowered.endswith(WARC_EXTENSIONS):
        return "warc"
    suffix = PurePath(lowered).suffix
    for kind, extensions in (
        ("text", TEXT_EXTENSIONS),
        ("records", RECORD_EXTENSIONS),
        ("parquet", PARQUET_EXTENSIONS),
        ("feed", FEED_EXTENSIONS),
    ):
        if suffix in extensions:
            return kind
    return None


def walk_folder(folder: str) -> Iterator[str | Rejected]:
    """Files of a known kind under ``folder``, recursively, in name order; unreadable folders rejected."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Rejected(folder, f"cannot read the folder ({describe_os_error(error)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store and editor droppings are never articles
        # Symlinked folders are not followed: a link to a parent would loop forever.
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(entry.path)
        elif input_kind(entry.name) is not None:
            yield entry.path


def from_file(path: str, run: RunContext) -> Iterator[Article | Rejected]:
    """One file given by the user or found in a folder; unknown extensions are read as text or HTML."""
    problem = not_a_regular_file(path) if path != STDIN else None
    if problem:
        yield Rejected(path, problem)
        return
    kind = input_kind(path)
    if kind == "records":
        from parallax.ingest.records import jsonl_articles

        yield from jsonl_articles(path, run)
    elif kind == "parquet":
        from parallax.ingest.records import parquet_articles

        yield from parquet_articles(path, run)
    elif kind == "warc":
        from parallax.ingest.warc import warc_articles

        yield from warc_articles(path, run)
    elif kind == "feed":
        from parallax.ingest.feeds import feed_file_articles

        yield from feed_file_articles(path, run)
    else:
        yield _text_file(path, run)


def _text_file(path: str, run: RunContext) -> Article | Rejected:
    try:
        article = read_article(path, article_id=path)
    except InputError as error:
        return Rejected.from_error(error)
    return run.finish(article, article_ids([path])[0])


def _from_url(url: str, run: RunContext) -> Iterator[Article | Rejected]:
    """A feed URL gives its entries; any other page is one article."""
    if not is_url(url):
        yield Rejected(url, "unsupported URL scheme (only http and https URLs are fetched)")
        return
    from parallax.ingest.fetch import FetchError

    try:
        result = run.fetcher.fetch(url)
    except FetchError as error:
        yield Rejected.from_error(error)
        return
    from parallax.ingest.feeds import feed_articles, looks_like_feed

    if looks_like_feed(result.body, result.content_type):
        yield from feed_articles(result.body, url, run)
        return
    page = run.read(url, web_bytes(result.body, result.content_type, result.charset))
    yield page if isinstance(page, Rejected) else run.finish(page, url, url=result.url)



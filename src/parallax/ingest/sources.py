"""Every kind of input as one stream of articles: files, folders, JSONL and Parquet corpora,
WARC archives, RSS/Atom feeds and URLs.

``iter_articles`` is the entry point. Bad input never stops a run: each problem comes out as a
``Rejected`` naming the file (and line, row or record) and the reason, and the run goes on.
Corpora are streamed record by record, so their size is bounded by the disk, not by memory.

The readers (records, warc, feeds) share what is defined here: Rejected, the run's context
(unique ids, the outlet override, one fetcher) and the helpers that hand bytes to read_article.
They are imported when their first input appears, which also keeps pyarrow, warcio and
feedparser out of runs that do not need them.
"""

from __future__ import annotations

import email.utils
import os
import re
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

import regex

from parallax.ingest import html
from parallax.ingest.decode import bom_encoding, codec_name
from parallax.ingest.read import STDIN, article_ids, not_a_regular_file, read_article
from parallax.model import Article, InputError, InputWarning

if TYPE_CHECKING:  # the fetcher (httpx: a third of a second to import) loads with the first URL
    from parallax.ingest.fetch import Fetcher

TEXT_EXTENSIONS = frozenset({".txt", *html.HTML_EXTENSIONS})
RECORD_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".json"})
PARQUET_EXTENSIONS = frozenset({".parquet"})
WARC_EXTENSIONS = (".warc", ".warc.gz")
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LANGUAGE_SUBTAG = re.compile(r"[-_]")
_LETTER = regex.compile(r"\p{L}")
# Seconds since 1970 stop being plausible past this; larger numbers are milliseconds.
_LATEST_EPOCH_SECONDS = 10**11


@dataclass(frozen=True)
class Rejected:
    """An input, or one record of it, that is not an article: where it is and why, on one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @classmethod
    def from_error(cls, error: InputError) -> Rejected:
        return cls(error.source, error.problem)


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


class ArticleIds:
    """Ids unique within one run: the id wanted, then "#2", "#3"... when it comes again."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def claim(self, wanted: str) -> str:
        self._seen[wanted] += 1
        count = self._seen[wanted]
        return wanted if count == 1 else f"{wanted}#{count}"


class RunContext:
    """What the readers of one run share: unique ids, the outlet override, one fetcher."""

    def __init__(
        self, *, outlet: str | None = None, allow_private: bool = False, fetcher: Fetcher | None = None
    ) -> None:
        self.outlet = outlet
        self.allow_private = allow_private
        self.ids = ArticleIds()
        self._fetcher = fetcher
        self._owns_fetcher = fetcher is None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from parallax.ingest.fetch import Fetcher

            self._fetcher = Fetcher(allow_private=self.allow_private)
        return self._fetcher

    def close(self) -> None:
        if self._owns_fetcher and self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def read(self, where: str, data: bytes) -> Article | Rejected:
        """read_article on content from a corpus, a feed or the web; ``where`` names it in errors."""
        try:
            return read_article(where, data=data, article_id=where)
        except InputError as error:
            return Rejected.from_error(error)
        except Exception as error:  # one strange page must not end a million-record run
            return Rejected(where, f"cannot read the article ({type(error).__name__}: {error})")

    def finish(
        self,
        article: Article,
        wanted_id: str,
        *,
        title: str | None = None,
        published: object = None,
        outlet: str | None = None,
        url: str | None = None,
        language: str | None = None,
    ) -> Article:
        """The article with its run-unique id and what its source knows (over what the page says)."""
        code = language_code(language)
        if language is not None and code is None and clean_string(language):
            given = clean_string(language)
            where = article.path or wanted_id
            warnings.warn(InputWarning(f"{where}: language {given!r} is no ISO 639 code: detected instead"),
                          stacklevel=2)
        return replace(
            article,
            id=self.ids.claim(wanted_id),
            title=clean_string(title) or article.title,
            published=iso_datetime(published) or iso_datetime(article.published),
            outlet=self.outlet or clean_string(outlet) or article.outlet,
            url=clean_string(url) or article.url,
            language=code or article.language,
        )


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


def web_bytes(body: bytes, content_type: str | None, charset: str | None) -> bytes:
    """A body from the web as read_article should see it: pages as pages, plain text as text."""
    if content_type and "html" in content_type.lower():
        return page_bytes(body, charset)
    return body


def page_bytes(body: bytes, charset: str | None = None) -> bytes:
    """An HTML body (from HTTP or a WARC record) that read_article will take for a page.

    The HTTP charset outranks the page's own <meta> (as browsers do), so it goes in front as a
    <meta> of its own, which read_article finds first; that also marks a bare fragment as HTML.
    """
    found = bom_encoding(body)
    if found is not None:  # a BOM is proof of the encoding, and it must stay in front
        encoding, length = found
        try:
            return html_bytes(body[length:].decode(encoding.removesuffix("-sig")))
        except UnicodeDecodeError:
            return body
    codec = codec_name(charset) if charset else None
    if codec is not None and "<>".encode(codec, "ignore") == b"<>":
        return f'<meta charset="{codec}">'.encode("ascii") + _as_page(body)
    return _as_page(body)


def html_bytes(markup: str) -> bytes:
    """HTML already decoded (a record's or a feed entry's) as bytes read_article takes for that page.

    A page keeps the <meta charset> of the bytes it was scraped from; our own UTF-8 <meta> in
    front is found first, so that stale declaration cannot mislead the decoder.
    """
    return b'<meta charset="utf-8">' + _as_page(markup.encode("utf-8", "surrogatepass"))


def _as_page(markup: bytes) -> bytes:
    """A fragment (a feed's content, bare text served as HTML) inside a page: trafilatura finds
    no main text in text that sits directly in <body>."""
    if html.sniffs_as_html(markup):
        return markup
    return b"<html><body><div>" + markup + b"</div></body></html>"


def describe_os_error(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return error.strerror or str(error)


def describe_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def clean_string(value: object) -> str | None:
    """A record's field as a stripped string; numbers (ids) become strings; anything else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def iso_datetime(value: object) -> str | None:
    """A publication date as ISO 8601: from ISO or RFC 2822 strings, datetimes, epochs, struct_time."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= _LATEST_EPOCH_SECONDS else value
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return _iso_from_string(value.strip())
    return None


def _iso_from_string(text: str) -> str | None:
    if not text:
        return None
    try:
        parsed = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        return parsed.isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None  # an unreadable date is no reason to lose the article


def language_code(value: object) -> str | None:
    """A record's language as a bare lower-case ISO 639 code: "kk-KZ", "KK" and "kaz" give "kk";
    None for anything that is no language code ("english", "xx", "<script>")."""
    text = clean_string(value)
    if not text or text.isdigit():
        return None
    code = _LANGUAGE_SUBTAG.split(text, maxsplit=1)[0].lower()
    return _iso_639(code) if code.isascii() and code.isalpha() else None


@lru_cache(maxsize=4096)
def _iso_639(code: str) -> str | None:
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else (
        pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    )
    if found is None:
        return None
    return getattr(found, "alpha_2", None) or found.alpha_3


def weighted_letters(text: str) -> int:
    """Letters in ``text``, ideographs counted twice: one carries about as much as a short word."""
    found = _LETTER.findall(text)
    return len(found) + sum(1 for letter in found if unicodedata.east_asian_width(letter) in ("W", "F"))


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))

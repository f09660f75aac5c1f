"""What the readers of one run share: ``Rejected``, the run's context (unique ids, the outlet
override, one fetcher) and the helpers that hand bytes to read_article or tidy a record's fields.

``sources`` dispatches each input to its reader (records, warc, feeds); the readers use this
module, never ``sources``, so that imports run one way: sources -> readers -> run.
"""

from __future__ import annotations

import email.utils
import re
import time
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from parallax.ingest import html
from parallax.ingest.decode import bom_encoding, codec_name
from parallax.ingest.read import read_article
from parallax.model import Article, InputError, InputWarning

if TYPE_CHECKING:  # the fetcher (httpx: a third of a second to import) loads with the first URL
    from parallax.ingest.fetch import Fetcher

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

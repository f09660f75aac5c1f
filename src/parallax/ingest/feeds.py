"""RSS and Atom feeds (feedparser), read once or polled by ``parallax watch``.

An entry's own content is the article when it is substantial; a feed that only carries a
teaser is followed to the entry's link, under the same fetch rules as any URL. When that page
cannot be had, the teaser is kept: what the feed said is still worth comparing, and offline
runs would otherwise get nothing from such feeds.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from parallax.ingest.fetch import Fetcher, FetchError
from parallax.ingest.read import DEFAULT_MAX_BYTES, article_ids
from parallax.ingest.run import (
    Rejected,
    RunContext,
    describe_os_error,
    describe_size,
    html_bytes,
    is_url,
    web_bytes,
    weighted_letters,
)
from parallax.model import Article, InputError

FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# About four sentences: a teaser is one or two, an article's first paragraphs are more.
SUBSTANTIAL_LETTERS = 400
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.DOTALL | re.IGNORECASE,
)
_SNIFF_BYTES = 2048


@dataclass(frozen=True)
class Feed:
    source: str  # the path or URL, for messages
    name: str  # the file name, for "<name>#<n>" ids
    title: str | None
    entries: list[Any]
    url: str | None = None  # where it was fetched from, for links relative to it


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """Whether fetched bytes are an RSS or Atom feed rather than a page."""
    if content_type and content_type.split(";")[0].strip().lower() in FEED_CONTENT_TYPES:
        return True
    return bool(_FEED_ROOT.match(data[:_SNIFF_BYTES]))


def parse_feed(data: bytes, source: str, *, url: str | None = None) -> Feed:
    """The feed in ``data``. Raises InputError naming ``source`` when it is not a feed."""
    import feedparser

    # Bytes in a stream, never a string: feedparser would fetch a string that looks like a URL
    # itself, past our fetch rules. No base URL either: feedparser would resolve RSS guids
    # against it, and an entry's id must not depend on where the feed was read from.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            raise InputError(source, f"not a feed (not well-formed XML: {_one_line(parsed.bozo_exception)})")
        if not parsed.version:
            raise InputError(source, "not an RSS or Atom feed")
    title = (parsed.feed.get("title") or "").strip() or None
    name = article_ids([source])[0]
    return Feed(source=source, name=name, title=title, entries=list(parsed.entries), url=url)


def feed_file_articles(path: str, run: RunContext) -> Iterator[Article | Rejected]:
    try:
        feed = parse_feed(read_feed_file(path), path)
    except InputError as error:
        yield Rejected.from_error(error)
        return
    yield from _entries_or_nothing(feed, run)


def feed_articles(data: bytes, url: str, run: RunContext) -> Iterator[Article | Rejected]:
    """Articles of a feed fetched from ``url``."""
    try:
        feed = parse_feed(data, url, url=url)
    except InputError as error:
        yield Rejected.from_error(error)
        return
    yield from _entries_or_nothing(feed, run)


def _entries_or_nothing(feed: Feed, run: RunContext) -> Iterator[Article | Rejected]:
    if not feed.entries:
        yield Rejected(feed.source, "the feed has no entries")
    for number, entry in enumerate(feed.entries, 1):
        yield entry_article(entry, number, feed, run)


def read_feed_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(DEFAULT_MAX_BYTES + 1)
    except OSError as error:
        raise InputError(path, f"cannot read the file ({describe_os_error(error)})") from None
    if len(data) > DEFAULT_MAX_BYTES:
        raise InputError(path, f"file too large (more than {describe_size(DEFAULT_MAX_BYTES)})")
    return data


def entry_article(entry: Any, number: int, feed: Feed, run: RunContext) -> Article | Rejected:
    """The article an entry stands for. Ids: the entry's id, else its link, else "<feed>#<n>"."""
    where = f"{feed.source} entry {number}"
    link = _absolute(entry.get("link"), feed.url)
    inline = _inline_article(entry, where, run)
    if isinstance(inline, Article) and weighted_letters(inline.text) >= SUBSTANTIAL_LETTERS:
        article: Article | Rejected = inline
    elif link and is_url(link):
        article = _linked_page(link, run)
        if isinstance(article, Rejected):
            article = inline if isinstance(inline, Article) else Rejected(f"{where} ({link})", article.reason)
    else:
        article = inline or Rejected(where, "the entry has no text and no link")
    if isinstance(article, Rejected):
        return article
    return run.finish(
        article,
        (entry.get("id") or "").strip() or link or f"{feed.name}#{number}",
        title=entry.get("title"),
        published=entry.get("published_parsed") or entry.get("updated_parsed"),
        outlet=feed.title,
        url=link,
    )


def _absolute(link: str | None, base: str | None) -> str | None:
    link = (link or "").strip()
    if link and base:
        return urljoin(base, link)
    return link or None


def _inline_article(entry: Any, where: str, run: RunContext) -> Article | Rejected | None:
    """The entry's own content (full content first, else the summary), or None when it has none."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        value = (detail or {}).get("value") or ""
        if value.strip():
            is_html = "html" in ((detail.get("type") or "text/html").lower())
            return run.read(where, html_bytes(value) if is_html else value.encode("utf-8"))
    return None


def _linked_page(link: str, run: RunContext) -> Article | Rejected:
    try:
        result = run.fetcher.fetch(link)
    except FetchError as error:
        return Rejected.from_error(error)
    return run.read(link, web_bytes(result.body, result.content_type, result.charset))


def entry_key(entry: Any) -> str:
    """What identifies an entry from one poll to the next."""
    key = (entry.get("id") or entry.get("link") or "").strip()
    if key:
        return key
    fingerprint = f"{entry.get('title', '')}\n{entry.get('published', '')}\n{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(fingerprint.encode("utf-8"), usedforsecurity=False).hexdigest()


class FeedPoller:
    """Polls feeds (URLs or paths) and returns only entries not seen before.

    ``state`` maps each feed to a JSON-serialisable dict the caller persists between runs:
    ``etag`` / ``last_modified`` (or ``mtime`` for a file) for conditional requests, ``seen``
    entry keys, and for back-off ``failures``, ``next_allowed`` (epoch seconds) and ``error``.
    The dict given is updated in place.
    """

    MAX_SEEN = 5000  # per feed: far more than any feed lists at once, so old entries never come back
    MAX_ENTRY_ATTEMPTS = 3  # an entry whose page keeps failing is given up after this many polls

    def __init__(
        self,
        feeds: Sequence[str],
        state: dict[str, dict[str, Any]] | None = None,
        *,
        outlet: str | None = None,
        allow_private: bool = False,
        fetcher: Fetcher | None = None,
        base_delay: float = 60.0,
        max_delay: float = 6 * 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.feeds = list(feeds)
        self.state = state if state is not None else {}
        self.outlet = outlet
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._clock = clock
        self._owns_fetcher = fetcher is None
        self._fetcher = fetcher or Fetcher(allow_private=allow_private)

    def close(self) -> None:
        if self._owns_fetcher:
            self._fetcher.close()

    def __enter__(self) -> FeedPoller:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def poll_once(self) -> list[Article | Rejected]:
        """New articles from every feed that is due; a failing feed gives a Rejected and backs off."""
        now = self._clock()
        run = RunContext(outlet=self.outlet, fetcher=self._fetcher)
        found: list[Article | Rejected] = []
        for feed in self.feeds:
            state = self._state_of(feed)
            if now >= state["next_allowed"]:
                found.extend(self._poll_feed(feed, state, run, now))
        return found

    def run(
        self,
        every_seconds: float,
        on_articles: Callable[[list[Article | Rejected]], object],
        stop_event: threading.Event,
    ) -> None:
        """Poll every ``every_seconds`` until ``stop_event`` is set; new items go to ``on_articles``."""
        while not stop_event.is_set():
            found = self.poll_once()
            if found:
                on_articles(found)
            stop_event.wait(every_seconds)

    def _state_of(self, feed: str) -> dict[str, Any]:
        state = self.state.setdefault(feed, {})
        for key, default in (("seen", []), ("failures", 0), ("next_allowed", 0.0), ("entry_failures", {})):
            state.setdefault(key, default)
        return state

    def _poll_feed(self, feed: str, state: dict[str, Any], run: RunContext, now: float) -> list:
        try:
            parsed = self._load_if_changed(feed, state)
        except InputError as error:
            return [self._back_off(state, now, error.source, error.problem)]
        except Exception as error:  # a watch loop must outlive one feed's strange answer
            return [
                self._back_off(state, now, feed, f"cannot read the feed ({type(error).__name__}: {error})")
            ]
        state.update(failures=0, next_allowed=0.0, error=None)
        return [] if parsed is None else self._new_entries(parsed, state, run)

    def _load_if_changed(self, feed: str, state: dict[str, Any]) -> Feed | None:
        """The feed, or None when it has not changed since the last poll."""
        # Entries whose page failed last time are only retried if the feed is read again.
        retrying = bool(state["entry_failures"])
        if not is_url(feed):
            return self._load_file_if_changed(feed, state, retrying)
        if retrying:
            result = self._fetcher.fetch(feed)
        else:
            result = self._fetcher.fetch(
                feed, etag=state.get("etag"), last_modified=state.get("last_modified")
            )
        if result.not_modified:
            return None
        parsed = parse_feed(result.body, feed, url=result.url)
        # Kept only once the feed parsed, so a broken answer is not cached behind a 304.
        state.update(etag=result.etag, last_modified=result.last_modified)
        return parsed

    def _load_file_if_changed(self, path: str, state: dict[str, Any], retrying: bool) -> Feed | None:
        try:
            info = os.stat(path)
        except OSError as error:
            raise InputError(path, f"cannot read the file ({describe_os_error(error)})") from None
        stamp = [info.st_mtime_ns, info.st_size]
        if state.get("mtime") == stamp and not retrying:
            return None
        parsed = parse_feed(read_feed_file(path), path)
        state["mtime"] = stamp
        return parsed

    def _new_entries(self, feed: Feed, state: dict[str, Any], run: RunContext) -> list:
        seen = set(state["seen"])
        # Failures of entries that left the feed are forgotten, so the state does not grow forever.
        listed = {entry_key(entry) for entry in feed.entries}
        state["entry_failures"] = {
            key: count for key, count in state["entry_failures"].items() if key in listed
        }
        found: list[Article | Rejected] = []
        for number, entry in enumerate(feed.entries, 1):
            key = entry_key(entry)
            if key in seen:
                continue
            item = entry_article(entry, number, feed, run)
            found.append(item)
            if isinstance(item, Article) or self._give_up_on(key, state):
                seen.add(key)
                state["seen"].append(key)
        del state["seen"][: -self.MAX_SEEN]
        return found

    def _give_up_on(self, key: str, state: dict[str, Any]) -> bool:
        """Count a failed entry; True once it has failed too often to try again."""
        failures = state["entry_failures"]
        failures[key] = failures.get(key, 0) + 1
        if failures[key] < self.MAX_ENTRY_ATTEMPTS:
            return False
        del failures[key]
        return True

    def _back_off(self, state: dict[str, Any], now: float, source: str, problem: str) -> Rejected:
        """Double the wait after each consecutive failure, up to max_delay."""
        state["failures"] += 1
        delay = min(self.base_delay * 2 ** (state["failures"] - 1), self.max_delay)
        state.update(next_allowed=now + delay, error=problem)
        return Rejected(source, f"{problem} (next try in {delay:g} s)")


def _one_line(error: object) -> str:
    text = " ".join(str(error).split())
    return text[:160] or type(error).__name__

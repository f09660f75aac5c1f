"""Reading one article: bytes from a file or stdin, then text, then an Article."""

from __future__ import annotations

import os
import re
import stat
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path, PurePath

from parallax.ingest import html
from parallax.ingest.decode import DecodeError, decode
from parallax.ingest.prose import not_an_article
from parallax.model import Article, InputError, InputWarning

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"  # how errors name standard input
_SHELL_PIPES = ("/dev/fd/", "/proc/self/fd/")

# Every line-break convention becomes "\n" before any offset is taken. Other C0 controls are
# dropped: a stray one (an old DOS end-of-file mark) must not end up inside a sentence.
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class _Problem(Exception):
    """What is wrong with an input, before we know how to name the input."""


def read_article(
    source: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    article_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read a plain-text or HTML article from a path, from stdin ("-"), or from ``data``.

    ``data``, when given, is the content and ``source`` only names it. Raises InputError,
    naming the source, for anything that is not a readable article.
    """
    name = os.fspath(source)
    shown = STDIN_NAME if name == STDIN else name
    try:
        raw = _content(name, data, max_bytes)
        return _article(name, raw, article_id or article_ids([name])[0])
    except _Problem as problem:
        raise InputError(shown, str(problem)) from None


def article_ids(sources: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Ids for documents: the file name without directories, "#2", "#3"... on repeats, "-" for stdin."""
    seen: Counter[str] = Counter()
    ids = []
    for source in sources:
        name = os.fspath(source)
        base = STDIN if name == STDIN else (PurePath(name).name or name)
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


def _content(name: str, data: bytes | None, max_bytes: int) -> bytes:
    if data is not None:
        _check_size(len(data), max_bytes)
        return data
    if name == STDIN:
        return _read_limited(sys.stdin.buffer, max_bytes)
    return _read_file(Path(name), max_bytes)


def not_a_regular_file(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a file, for anything but a regular file: opening a FIFO
    with no writer waits for ever, a device never ends. A pipe the shell made (``<(cmd)``,
    /dev/fd/N) is read: its writer is there. None for a regular file or one that is missing."""
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return None  # reading it says what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode) and name.startswith(_SHELL_PIPES):
        return None
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"skipped: {kind}, not a regular file"


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Problem("is a directory, not a file")
        problem = not_a_regular_file(path)
        if problem:
            raise _Problem(problem)
        # Refuse a huge file before reading any of it.
        if stat.S_ISREG(info.st_mode):
            _check_size(info.st_size, max_bytes)
        with path.open("rb") as handle:
            return _read_limited(handle, max_bytes)
    except FileNotFoundError:
        raise _Problem("file not found") from None
    except PermissionError:
        raise _Problem("cannot read the file (permission denied)") from None
    except OSError as error:
        raise _Problem(f"cannot read the file ({error.strerror or error})") from None


def _read_limited(handle, max_bytes: int) -> bytes:
    """Read at most one byte past the limit: pipes and devices have no size to check first."""
    content = handle.read(max_bytes + 1)
    _check_size(len(content), max_bytes)
    return content


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        shown, limit = _megabytes(size), _megabytes(max_bytes)
        if shown == limit:  # just over the limit: the rounded sizes would read alike
            shown, limit = f"{size} bytes", f"{max_bytes} bytes"
        raise _Problem(f"file too large ({shown}; the limit is {limit})")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _article(name: str, raw: bytes, article_id: str) -> Article:
    if not raw.strip():
        raise _Problem("empty file")
    is_html = PurePath(name).suffix.lower() in html.HTML_EXTENSIONS or html.sniffs_as_html(raw)
    try:
        decoded = decode(raw, html.declared_charset(raw) if is_html else None)
    except DecodeError as error:
        raise _Problem(str(error)) from None
    repair = decoded.repair()
    if repair:
        warnings.warn(InputWarning(f"{STDIN_NAME if name == STDIN else name}: {repair}"), stacklevel=1)
    text = normalise(decoded.text)
    if not text.strip():
        raise _Problem("empty file")
    article = Article(id=article_id, text=text, path=name, encoding=decoded.encoding)
    if is_html:
        article = _from_page(article)
    problem = not_an_article(article.text)
    if problem:
        raise _Problem(problem)
    return article


def normalise(text: str) -> str:
    """Line breaks to "\\n", no BOM, no stray control characters: done before any offset exists."""
    text = text.removeprefix("\ufeff")
    return _STRAY_CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def _from_page(page: Article) -> Article:
    """The article inside an HTML page: its main text and metadata."""
    extracted = html.extract(page.text)
    if extracted is None or not extracted.text.strip():
        raise _Problem("not an article (no main text in the page)")
    return Article(
        id=page.id,
        text=normalise(extracted.text),
        format="html",
        title=extracted.title,
        published=extracted.published,
        outlet=extracted.outlet,
        url=extracted.url,
        path=page.path,
        encoding=page.encoding,
    )

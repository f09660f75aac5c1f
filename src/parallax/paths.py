"""Where parallax keeps what it can rebuild (``$PARALLAX_CACHE`` or the user's cache directory),
and how it writes a file that others may be reading."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import platformdirs


def cache_directory() -> Path | None:
    """The cache directory; None when ``PARALLAX_CACHE=off`` turns every on-disk cache off."""
    override = os.environ.get("PARALLAX_CACHE")
    if override == "off":
        return None
    return Path(override) if override else Path(platformdirs.user_cache_dir("parallax"))


@contextmanager
def atomic_file(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """A file that replaces ``path`` only once fully written: a reader sees the old or the new.

    On any error the half-written file is removed and the error goes on.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    try:
        with os.fdopen(handle, mode, **options) as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""Uploaded files: names made safe for the disk, types checked by extension and content, sizes capped.

An upload becomes a file of the same (sanitised) name in a private temporary folder, which the
``ingest`` readers then read like any file given on the command line: the article id is the
file name, exactly as ``parallax ingest`` would give it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALLOWED_SUFFIXES = (
    ".warc.gz",
    ".txt",
    ".html",
    ".htm",
    ".jsonl",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".parquet",
)
TEXT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom")
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REQUEST_BYTES = 50 * 1024 * 1024
MAX_FILES = 50
MAX_NAME = 180
SNIFF = 8192

# Signatures of files that are certainly not articles, whatever their name says.
BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"MZ",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"PAR1",
    b"Rar!",
    b"7z\xbc\xaf",
)
UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


class UploadError(ValueError):
    """An upload refused: ``status`` is the HTTP status, the message names the file and the problem."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def safe_name(raw: str | None) -> str:
    """The file name without any folder part or control characters, at most MAX_NAME long.

    Markup characters are kept on purpose: the name becomes the article id, which every page
    escapes, and renaming would make the id differ from what ``parallax ingest`` gives.
    """
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = unicodedata.normalize("NFC", name).strip().lstrip(".")
    if len(name) > MAX_NAME:
        suffix = allowed_suffix(name) or ""
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name


def allowed_suffix(name: str) -> str | None:
    lowered = name.lower()
    return next((suffix for suffix in ALLOWED_SUFFIXES if lowered.endswith(suffix)), None)


def check_upload(raw_name: str | None, data: bytes, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Upload:
    """The upload with a safe name, or UploadError (415 wrong type, 413 too large, 400 empty)."""
    name = safe_name(raw_name)
    shown = name or "(no name)"
    suffix = allowed_suffix(name)
    if not name or suffix is None or name.lower() == suffix:
        raise UploadError(
            f"{shown}: not an accepted file type (accepted: {', '.join(ALLOWED_SUFFIXES)})", 415
        )
    if len(data) > max_bytes:
        raise UploadError(f"{shown}: file too large (more than {max_bytes // (1024 * 1024)} MB)", 413)
    if not data:
        raise UploadError(f"{shown}: the file is empty")
    problem = content_problem(suffix, data[:SNIFF])
    if problem:
        raise UploadError(f"{shown}: {problem}", 415)
    return Upload(name, data)


def content_problem(suffix: str, head: bytes) -> str | None:
    """Why the first bytes do not fit the type the name claims, or None."""
    if suffix == ".warc.gz":
        return None if head.startswith(b"\x1f\x8b") else "not gzip data, as a .warc.gz file must be"
    if suffix == ".parquet":
        return None if head.startswith(b"PAR1") else "not a Parquet file (no PAR1 header)"
    if suffix == ".warc":
        return None if head.lstrip().startswith(b"WARC/") else "not a WARC file (no WARC/ header)"
    if head.startswith(UNICODE_BOMS):
        return None  # UTF-16 text is full of NUL bytes, and that is fine
    if any(head.startswith(magic) for magic in BINARY_MAGIC):
        return f"binary data, not the text a {suffix} file holds"
    if b"\x00" in head:
        return f"binary data (NUL bytes), not the text a {suffix} file holds"
    return None


def save_uploads(uploads: list[Upload], folder: Path) -> list[Path]:
    """Write the uploads into ``folder``; a name given twice gets " (2)" before its suffix."""
    paths, taken = [], set()
    for upload in uploads:
        name = upload.name
        suffix = allowed_suffix(name) or ""
        stem, n = name[: len(name) - len(suffix)], 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem} ({n}){suffix}"
        taken.add(name.casefold())
        path = folder / name
        path.write_bytes(upload.data)
        paths.append(path)
    return paths

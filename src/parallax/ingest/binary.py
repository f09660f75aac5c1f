"""Telling binary files from text before trying to decode them."""

from __future__ import annotations

# Leading bytes of file types users drop on a command line by mistake.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "audio or video"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x00asm", "WebAssembly"),
    (b"\xca\xfe\xba\xbe", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
)

# C0 controls that never occur in text files. Tab, newlines, form feed and ESC (used by the
# ISO-2022 encodings) are left out; 0x1A is the old DOS end-of-file mark, tolerated in small numbers.
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# Text may carry a stray control byte; binary data carries them everywhere.
_MAX_CONTROL_SHARE = 0.01
_SAMPLE_BYTES = 64 * 1024
# Real pages carry a stray NUL now and then (a CMS debug comment): up to one in 1 KB; binary data
# has one in 256 bytes.
_BYTES_PER_STRAY_NUL = 1024


def magic_type(data: bytes) -> str | None:
    """The kind of binary file the leading bytes announce, or None."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] in {b"WAVE", b"AVI ", b"WEBP"}:
        return "RIFF media"
    return None


def binary_problem(data: bytes) -> str | None:
    """Why ``data`` (with no BOM and not UTF-16) is binary, or None when it may be text."""
    kind = magic_type(data)
    if kind is not None:
        return f"binary file ({kind})"
    sample = data[:_SAMPLE_BYTES]
    if sample.count(0) * _BYTES_PER_STRAY_NUL > len(sample):
        return "binary file (contains NUL bytes)"
    controls = sum(sample.count(byte) for byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return "binary file (control bytes)"
    return None

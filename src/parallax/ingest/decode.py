"""Bytes to text: byte-order mark, declared charset, UTF-8, then a scored guess.

Order matters. A BOM is proof; a page's own <meta charset> is strong evidence; valid UTF-8
of any length almost never happens by accident in another encoding. Only then do we guess,
and the guess is where things go wrong: charset-normalizer alone reads a short windows-1256
headline as Hebrew. So every candidate it proposes, plus the legacy code pages of the
scripts parallax supports, is decoded and judged by the coherence of the resulting text.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, replace

import charset_normalizer

from parallax.ingest.binary import binary_problem, magic_type
from parallax.ingest.coherence import coherence

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy code pages still met on news sites in the supported scripts, most common first
# (the order breaks ties between encodings that decode a text identically).
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1251",
    "cp1256",
    "kz1048",
    "cp1252",
    "cp1254",
    "gb18030",
    "big5",
    "koi8-r",
    "koi8-u",
    "cp866",
    "mac-cyrillic",
    "iso8859-5",
    "iso8859-6",
    "iso8859-9",
    "cp1250",
    "ptcp154",
)

# Judging 64 kilobytes says as much as judging ten megabytes.
_SAMPLE_BYTES = 64 * 1024
# charset-normalizer leaves out encodings it finds implausible even with threshold 1.0.
_UNRATED_CHAOS = 0.1
_CHAOS_TRUSTED_FROM = 400  # bytes
# Bad bytes replaced at most this share of the input: past it, the text is in another encoding.
MAX_REPLACED_SHARE = 0.01
MIN_REPLACED = 8  # a short headline may lose a character or two
TYPOGRAPHIC = "’‘“”„«»–—…•·°€£§©®™ "
# A guess whose text is this incoherent is no decoding at all.
_MIN_SCORE = 0.5


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # bytes no character could be read from, each now U+FFFD
    stray: int = 0  # non-ASCII bytes in ASCII text, read through a guessed code page

    def repair(self) -> str | None:
        """What was done to read the bytes, said for a warning; None when nothing was."""
        if self.replaced:
            plural = "s" if self.replaced > 1 else ""
            return f"{self.replaced} undecodable byte{plural} replaced (read as {self.encoding})"
        if self.stray:
            plural = "s" if self.stray > 1 else ""
            return f"{self.stray} non-ASCII byte{plural} in ASCII text read as {self.encoding} (a guess)"
        return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes; ``declared`` is a charset the document names for itself.

    Raises DecodeError for binary data and for bytes that are no recognisable text.
    """
    kind = magic_type(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind})")
    # Bomless UTF-16 goes before the binary check: its zero and control bytes are text there.
    decoded = _by_bom(data) or _as_bomless_utf16(data)
    if decoded is not None:
        return decoded
    problem = binary_problem(data)
    if problem is not None:
        raise DecodeError(problem)
    decoded = _by_declared(data, declared) or _as_utf8(data) or _as_damaged_utf8(data) or _by_guess(data)
    if decoded is None:
        raise DecodeError("unknown or undecodable encoding")
    return _strays_replaced(data, decoded)


def codec_name(encoding: str) -> str | None:
    """Python's canonical name for an encoding label, or None when Python has no such codec."""
    try:
        return codecs.lookup(encoding.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a BOM announces and the BOM's length, or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _by_bom(data: bytes) -> Decoded | None:
    found = bom_encoding(data)
    if found is None:
        return None
    encoding, length = found
    try:
        return Decoded(data[length:].decode(encoding.removesuffix("-sig")), encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"invalid {encoding} after its byte-order mark") from error


def _by_declared(data: bytes, declared: str | None) -> Decoded | None:
    name = codec_name(declared) if declared else None
    if name is None:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None  # pages lie about their charset; fall through to detection
    if coherence(text[:_SAMPLE_BYTES]).score < _MIN_SCORE:
        return None
    return Decoded(text, name)


def _as_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _as_damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes (a cut, a bit flip): as many valid multi-byte characters as
    bad bytes at least, and bad bytes rare. No legacy code page gives that by chance, and
    guessing one would turn the whole article into nonsense to save a byte."""
    text, replaced = _utf8_replacing(data)
    multibyte = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    if replaced == 0 or multibyte < replaced or replaced > max(MIN_REPLACED, MAX_REPLACED_SHARE * len(data)):
        return None
    return Decoded(text, "utf-8", replaced)


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """``data`` as UTF-8 with each unreadable byte replaced, and how many bytes were."""
    replaced = 0
    pieces = []
    start = 0
    while True:
        try:
            pieces.append(data[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            pieces.append(data[start : start + error.start].decode("utf-8"))
            bad = error.end - error.start
            pieces.append("\ufffd" * bad)
            replaced += bad
            start += error.end
    return "".join(pieces), replaced


def _strays_replaced(data: bytes, decoded: Decoded) -> Decoded:
    """Plain ASCII with a few stray bytes is read as UTF-8, the strays replaced, unless the
    code page guessed makes each of them a letter or a typographic mark (café, l’été in
    windows-1252): a guess that turns a stray into a symbol is junk (¤, ¦, ¬ amid English)."""
    if decoded.replaced or decoded.encoding == "utf-8":
        return decoded
    strays = [char for char in decoded.text if ord(char) > 0x7F]
    if len(strays) > max(MIN_REPLACED, MAX_REPLACED_SHARE * len(data)):
        return decoded
    if all(_plausible(char) for char in strays):
        return replace(decoded, stray=len(strays))
    text, replaced = _utf8_replacing(data)
    multibyte = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return replace(decoded, stray=len(strays)) if multibyte else Decoded(text, "utf-8", replaced)


def _plausible(char: str) -> bool:
    return unicodedata.category(char).startswith("L") or char in TYPOGRAPHIC


def _as_bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: one byte of each code unit takes only a few values (the script's block).

    Only tried when the bytes hold controls, which 8-bit text never does.
    """
    if len(data) < 4 or len(data) % 2 or not _has_low_controls(data[:_SAMPLE_BYTES]):
        return None
    sample = data[:_SAMPLE_BYTES]
    high_side = min((0, 1), key=lambda side: _distinct_share(sample[side::2]))
    if _distinct_share(sample[high_side::2]) > 0.05:
        return None
    encoding = "utf-16-be" if high_side == 0 else "utf-16-le"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    judged = coherence(text[:_SAMPLE_BYTES])
    return Decoded(text, encoding) if judged.score >= _MIN_SCORE and judged.odd_chars < 0.01 else None


def _has_low_controls(sample: bytes) -> bool:
    return any(byte < 0x09 or 0x0E <= byte < 0x1B for byte in set(sample))


def _distinct_share(side: bytes) -> float:
    """How much of one byte column its three most frequent values do not cover."""
    counts = sorted((side.count(value) for value in set(side)), reverse=True)
    return 1 - sum(counts[:3]) / max(len(side), 1)


def _by_guess(data: bytes) -> Decoded | None:
    sample = data if len(data) <= _SAMPLE_BYTES else _trim_to_boundary(data[:_SAMPLE_BYTES])
    texts = _decodings(sample, _candidates(sample))
    if not texts:
        return None
    chaos = _chaos_by_encoding(sample, list(texts))
    # charset-normalizer's mess ratio is noise on a headline and telling on a page.
    chaos_weight = min(1.0, len(sample) / _CHAOS_TRUSTED_FROM)
    # Ties go to the more common code page (candidates come most common first).
    scores = {
        encoding: coherence(text).score - chaos_weight * chaos.get(encoding, _UNRATED_CHAOS) - rank * 1e-4
        for rank, (encoding, text) in enumerate(texts.items())
    }
    best = max(scores, key=scores.__getitem__)
    if scores[best] < _MIN_SCORE:
        return None
    try:
        return Decoded(data.decode(best), best)
    except UnicodeDecodeError:
        return None


def _decodings(sample: bytes, encodings: list[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for encoding in encodings:
        try:
            texts[encoding] = sample.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return texts


def _trim_to_boundary(sample: bytes) -> bytes:
    """Cut a sample at its last line break so multi-byte encodings are not split mid-character."""
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def _candidates(sample: bytes) -> list[str]:
    """Our legacy code pages, then whatever else charset-normalizer finds plausible."""
    ordered = [name for name in map(codec_name, LEGACY_ENCODINGS) if name is not None]
    for match in charset_normalizer.from_bytes(sample):
        name = codec_name(match.encoding)
        if name is not None and name not in ordered:
            ordered.append(name)
    return ordered


def _chaos_by_encoding(sample: bytes, encodings: list[str]) -> dict[str, float]:
    """charset-normalizer's mess ratio (0 clean .. 1 garbage) of the sample in each encoding."""
    chaos: dict[str, float] = {}
    for match in charset_normalizer.from_bytes(sample, cp_isolation=encodings, threshold=1.0):
        for encoding in [match.encoding, *match.could_be_from_charset]:
            name = codec_name(encoding)
            if name is not None:
                chaos.setdefault(name, match.chaos)
    return chaos

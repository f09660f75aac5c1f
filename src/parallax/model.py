"""The typed records that flow between parallax's stages.

ingest -> Article; clean -> Cleaning; detect -> language codes; segment -> Sentence;
extract -> Mention (relative to the text it was given) -> Fact (anchored in a document);
compare -> Comparison of AlignedFacts and Conflicts.

All offsets are Unicode code-point offsets, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

FactKind = Literal["quantity", "percent", "date", "entity", "quote"]
Status = Literal["shared", "partial", "unique", "conflict"]
Qualifier = Literal["about", "more_than", "less_than", "up_to", "target"]
EntityType = Literal["person", "place", "organisation"]
BlockKind = Literal["title", "dateline", "body"]


@dataclass
class Article:
    """One source document as parallax keeps it.

    ``text`` is what every span points into: the decoded file for plain text (before
    boilerplate removal), the extracted main text for HTML.
    """

    id: str
    text: str
    format: Literal["text", "html"] = "text"
    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    outlet: str | None = None
    url: str | None = None
    language: str | None = None  # ISO 639-1, set by detect unless given
    path: str | None = None  # where it was read from, for error messages
    encoding: str | None = None


def publication_date(article: Article) -> dt.date | None:
    """The day an article was published, or None when it names none (or none that parses)."""
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Block:
    """A kept region of an article's text (a paragraph, the title or the dateline)."""

    start: int
    end: int
    kind: BlockKind = "body"


@dataclass(frozen=True)
class Removed:
    """A region of text the cleaner dropped, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Cleaning:
    """What the cleaner kept and what it dropped from one article's text."""

    blocks: list[Block]
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date read from the dateline, when it holds one


@dataclass(frozen=True)
class Sentence:
    """A sentence of one document."""

    document: str
    index: int
    start: int
    end: int
    text: str
    language: str | None = None
    block: BlockKind = "body"


@dataclass(frozen=True)
class Mention:
    """An extractor's finding, with offsets relative to the text the extractor was given.

    ``value`` is normalised: a float for quantities (scale applied) and percents, an ISO
    date or interval for dates, a canonical name for entities, the quoted text for quotes.
    ``attrs`` carries what a kind needs beyond that (number, scale, counted noun,
    resolution state, speaker, entity type...).
    """

    kind: FactKind
    start: int
    end: int
    text: str
    value: Any
    unit: str | None = None
    qualifier: Qualifier | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Fact:
    """A mention anchored in a document: absolute offsets and the sentence it came from."""

    document: str
    kind: FactKind
    value: Any
    unit: str | None
    qualifier: Qualifier | None
    start: int
    end: int
    text: str
    sentence: Sentence
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def type(self) -> EntityType | None:
        return self.attrs.get("type")

    @property
    def speaker(self) -> str | None:
        return self.attrs.get("speaker")


@dataclass
class Document:
    """An article after the whole per-document pipeline: cleaned, detected, segmented, extracted."""

    article: Article
    cleaning: Cleaning
    sentences: list[Sentence]
    facts: list[Fact]

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def language(self) -> str | None:
        return self.article.language


@dataclass
class AlignedFact:
    """One fact as reported across documents: the value most sources give, and who reports it."""

    kind: FactKind
    value: Any
    unit: str | None
    qualifier: Qualifier | None
    status: Status
    documents: list[str]
    mentions: list[Fact]
    type: EntityType | None = None
    speaker: str | None = None
    direct: bool | None = None
    about: str | None = None  # a short language-neutral description of what the value measures


@dataclass(frozen=True)
class ConflictSide:
    value: float
    unit: str | None
    documents: tuple[str, ...]
    fact: int  # index into Comparison.facts


@dataclass
class Conflict:
    about: str
    sides: list[ConflictSide]


@dataclass
class Comparison:
    documents: list[Document]
    facts: list[AlignedFact]
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Digests of the names the entities were matched against ({"curated", "learned"}).
    aliases: dict[str, str | None] = field(default_factory=dict)


class ParallaxError(Exception):
    """An error the user can fix; the CLI prints it on one line, without a traceback."""


class InputWarning(UserWarning):
    """Input read with a repair (bytes replaced, a record skipped): names the file and what was done.

    Raised through :mod:`warnings`, so the Python API's callers can filter or collect them; the
    CLI prints each on one line of stderr.
    """


class InputError(ParallaxError):
    """Bad input: names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

"""The typed records that flow between parallax's stages.

ingest -> Article; clean -> Cleaning; detect -> language codes; segment -> Sentence;
extract -> Mention (relative to the text it was given) -> Fact (anchored in a document);
compare -> Comparison of AlignedFacts and Conflicts.

All offsets are Unicode code-point offsets, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, Self, TypeVar

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


_FIELD_NAMES: dict[type, frozenset[str]] = {}
_DEFAULTS: dict[type, dict[str, Any] | None] = {}


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class FactAttrs:
    """What one kind of fact carries beyond its value: typed fields, read by name
    (``attrs_as(EntityAttrs, fact).canonical``); a field the extractor did not set reads as its
    default.

    There is deliberately no mapping view (no ``attrs["type"]``, ``attrs.get(...)``, ``in``):
    a reader names a field, so a misspelt or removed one fails at once. ``present`` records
    which fields the extractor set, in its order, and ``as_dict`` gives exactly those: the
    mapping the JSON contract and the store hold, the same as before these types.
    """

    present: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Self:
        """The attributes holding ``values`` (keys in their order); an unknown key is an error."""
        names = cls.field_names()
        unknown = [key for key in values if key not in names]
        if unknown:
            raise TypeError(f"{cls.__name__}: no attribute {unknown[0]!r}")
        defaults = cls.defaults()
        if defaults is None:
            return cls(present=tuple(values), **values)
        # Filled in directly rather than through the frozen __init__, which sets each of the
        # (up to twenty) fields one call at a time: every mention of a long text is built here.
        made = object.__new__(cls)
        made.__dict__.update(defaults, present=tuple(values), **values)
        return made

    @classmethod
    def defaults(cls) -> dict[str, Any] | None:
        """Every field's default, or None when some field's default is made per object."""
        if cls not in _DEFAULTS:
            plain = all(f.default is not MISSING for f in fields(cls)) and not hasattr(cls, "__post_init__")
            _DEFAULTS[cls] = {f.name: f.default for f in fields(cls)} if plain else None
        return _DEFAULTS[cls]

    @classmethod
    def field_names(cls) -> frozenset[str]:
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls)) - {"present"}
        return names

    def updated(self, values: Mapping[str, Any] | FactAttrs) -> Self:
        """A copy with ``values`` set; keys not present before are added at the end."""
        if isinstance(values, FactAttrs):
            values = values.as_dict()
        return type(self).of({**self.as_dict(), **values})

    def without(self, *keys: str) -> Self:
        """A copy in which ``keys`` are not present (their fields read as defaults)."""
        return type(self).of({k: v for k, v in self.as_dict().items() if k not in keys})

    def as_dict(self) -> dict[str, Any]:
        """The fields the extractor set, in its order: what the JSON and the store hold."""
        return {key: getattr(self, key) for key in self.present}

    def __eq__(self, other: object) -> bool:
        # Equal when the same fields are set to the same values (the JSON would be the same).
        if not isinstance(other, FactAttrs):
            return NotImplemented
        return type(self) is type(other) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # values may be lists; facts are not hashed

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.as_dict()!r})"


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class QuantityAttrs(FactAttrs):
    """A quantity or a percentage: the number as written and how it was read."""

    number: float | None = None  # the number before the scale is applied (18.7 of "18,7 млрд")
    scale: int | None = None  # the power of ten applied (9 for млрд)
    currency: str | None = None  # ISO 4217 code
    noun: str | None = None  # the counted noun as written
    lemma: str | None = None  # the counted noun's English lemma ("company")
    negative: bool = False
    number_text: str | None = None
    range: list[float] | None = None  # [low, high] of a range; the value is the low end
    # Where the counted noun is, relative to the text read; a unit of time with the postposition
    # that makes it a duration ("жыл ішінде", "yıl boyunca").
    noun_span: list[int] | None = None
    basis_points: bool = False
    age: bool = False  # years of someone's age ("3 жасар", "aged 40"), not a duration
    per: str | None = None  # the period of a rate ("5 млн тонна жылына", "2 Mio. pro Jahr"): "year"
    share_of: int | None = None  # a share's whole ("two thirds": 3, "四分之一": 4); the value is its percent
    per_span: list[int] | None = None  # a recurrence read as the period ("жыл сайын"), as noun_span
    # One unit of time with no digit ("a week", "einer Woche", "一周", "бір жыл"): languages without
    # an article write "неделю" with no number at all, so its absence elsewhere is no omission.
    unwritten_one: bool = False


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class DateAttrs(FactAttrs):
    """A date: whether it was resolved to a calendar date, and how precisely."""

    resolved: bool = False
    granularity: str | None = None  # "day", "month", "year", "interval"...
    relative: bool = False  # read against the publication date ("yesterday", "last year")
    ambiguous: bool = False  # 03/04: day and month could be either
    written: str | None = None  # the date as written, when it could not be resolved
    weekday: int | None = None
    same_period: bool = False  # "the same period last year"
    season: bool = False  # the months of a season ("жазда", "весной 2023 года"): compared by its year
    # A season without a resolved value (no publication date): what it is compared by, the year
    # it names ("g-1") or else its months ("g-- m12-2"); set only then.
    season_key: str | None = None
    bare: bool = False  # a year alone ("in 2000"): a count when a unit follows


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class EntityAttrs(FactAttrs):
    """A named entity: its type, how its canonical name was found, and its spelling keys."""

    type: EntityType | None = None
    title: str | None = None  # "Президент Казахстана" before the name
    canonical: bool = False  # the value is a curated (or learned) canonical name
    key: str | None = None  # spelling key of the value (known) or of the Latin reading
    surface_key: str | None = None
    stem: str | None = None  # the name with its inflection cut
    latin: str | None = None  # the stem read in Latin
    nominative: str | None = None  # the name as written read in Latin, where it may be its nominative
    form: str = "name"  # "name" or "adjective"
    type_guessed: bool = True  # no title, cue or alias told the type
    resolved_by: str | None = None  # "alias", "surname", "key"
    approximate: bool = False  # read in Latin through a table of approximate readings
    ending_cut_key: str | None = None
    cue: str | None = None  # a place word kept apart like a title (реке Илек)
    needs_support: bool = False
    gazetteer: bool = False  # a town the gazetteer knows by this name
    linked: bool = False  # named again by a fuller mention in the same text
    evidence: bool = False  # found because another source names it
    partner_only: bool = False  # a translated name: kept only where another source names it too
    cluster: int | None = None  # the entity cluster of a comparison


@dataclass(frozen=True, eq=False, kw_only=True, repr=False)
class QuoteAttrs(FactAttrs):
    """A quote: who said it and how it was attributed."""

    speaker: str | None = None  # the speaker's canonical name
    speaker_text: str | None = None  # the speaker as written
    speaker_start: int | None = None  # the speaker's entity mention (offsets as the quote's)
    speaker_end: int | None = None
    direct: bool | None = None  # quoted words, not reported speech
    confidence: float | None = None
    verb: str | None = None


ATTRS_BY_KIND: dict[str, type[FactAttrs]] = {
    "quantity": QuantityAttrs,
    "percent": QuantityAttrs,
    "date": DateAttrs,
    "entity": EntityAttrs,
    "quote": QuoteAttrs,
}


def attrs_for(kind: str, values: Mapping[str, Any] | FactAttrs | None = None) -> FactAttrs:
    """The typed attributes of a ``kind`` of fact holding ``values``."""
    cls = ATTRS_BY_KIND[kind]
    if isinstance(values, cls):
        return values
    if isinstance(values, FactAttrs):  # another kind's (a figure read again as a date), or none
        values = values.as_dict()
    return cls.of(values if values is not None else {})


A = TypeVar("A", bound=FactAttrs)
_EMPTY: dict[type, FactAttrs] = {}


def attrs_as(cls: type[A], item: Mention | Fact) -> A:
    """``item``'s attributes when they are of ``cls``, else ``cls``'s defaults (nothing set):
    a reader of one kind's attributes can read any fact without checking its kind first."""
    if isinstance(item.attrs, cls):
        return item.attrs
    empty = _EMPTY.get(cls)
    if empty is None:
        empty = _EMPTY[cls] = cls()
    return empty  # type: ignore[return-value]


def _typed_attrs(item: Mention | Fact) -> None:
    """Attributes given as a plain mapping become the kind's typed ones (frozen: set once)."""
    if not isinstance(item.attrs, ATTRS_BY_KIND.get(item.kind, FactAttrs)):
        object.__setattr__(item, "attrs", attrs_for(item.kind, item.attrs))


class _TypedAttributes:
    """Mentions and facts hold typed attributes: a plain mapping given on creation, or found in
    a pickle made before attributes were typed (cached comparisons), is converted."""

    def __post_init__(self) -> None:
        _typed_attrs(self)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        _typed_attrs(self)


@dataclass(frozen=True)
class Mention(_TypedAttributes):
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
    attrs: FactAttrs = field(default_factory=FactAttrs)


@dataclass(frozen=True)
class Fact(_TypedAttributes):
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
    attrs: FactAttrs = field(default_factory=FactAttrs)

    @property
    def type(self) -> EntityType | None:
        return attrs_as(EntityAttrs, self).type

    @property
    def speaker(self) -> str | None:
        return attrs_as(QuoteAttrs, self).speaker


@dataclass
class Document:
    """An article after the whole per-document pipeline: cleaned, detected, segmented, extracted."""

    article: Article
    cleaning: Cleaning
    sentences: list[Sentence]
    facts: list[Fact]
    # The names of a title kept apart from the text (extract.headline), offsets into the title.
    headline_names: list[Mention] = field(default_factory=list)

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

    @property
    def per(self) -> str | None:
        """The period of a rate ("200,000 tonnes per year") when a source gives the figure as one."""
        periods = (attrs_as(QuantityAttrs, mention).per for mention in self.mentions)
        return next((period for period in periods if period), None)


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

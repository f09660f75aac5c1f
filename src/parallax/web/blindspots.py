"""An outlet's blindspots: what it leaves out that other sources of the same stories report.

Definition (also shown on the outlet page):

* A story counts for outlet O when O has at least one article in it and at least one other
  source does too (an article of another outlet, or of no known outlet).
* Its **corroborated facts** are the aligned facts of the story's comparison whose status is
  *shared* or *partial* (two or more sources report them) and that at least one source other
  than O reports. Unique facts (one source alone) and conflicting values are left out: a fact
  only one other outlet mentions is that outlet's scoop, not O's blindspot.
* O **misses** a corroborated fact when none of O's articles in the story reports it.
* O's **blindspot rate** is missed / corroborated, counted per fact kind (numbers, percents,
  dates, entities, quotes) and per month (the month of O's first article in the story).
* The **peers' rate** is the same measure for every other source of the same stories (each
  other outlet; an article without an outlet is a source of its own), pooled: the rate O's
  should be read against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import AlignedFact, Comparison
from ..render.html import KIND_LABELS, KINDS, aligned_neutral, shorten

COUNTED = ("shared", "partial")
MAX_EXAMPLES = 24


@dataclass
class Rate:
    corroborated: int = 0
    missed: int = 0

    def add(self, corroborated: int, missed: int) -> None:
        self.corroborated += corroborated
        self.missed += missed

    @property
    def share(self) -> float | None:
        return self.missed / self.corroborated if self.corroborated else None

    @property
    def percent(self) -> str:
        share = self.share
        return "—" if share is None else f"{share * 100:.0f}%"

    def as_dict(self) -> dict:
        share = self.share
        return {
            "corroborated": self.corroborated,
            "missed": self.missed,
            "rate": None if share is None else round(share, 4),
        }


def _kind_rates() -> dict[str, Rate]:
    return {kind: Rate() for kind in KINDS}


@dataclass
class Period:
    month: str
    stories: int = 0
    total: Rate = field(default_factory=Rate)
    kinds: dict[str, Rate] = field(default_factory=_kind_rates)
    peers: Rate = field(default_factory=Rate)

    def as_dict(self) -> dict:
        return {
            "month": self.month,
            "stories": self.stories,
            **self.total.as_dict(),
            "by_kind": {kind: rate.as_dict() for kind, rate in self.kinds.items() if rate.corroborated},
            "peers": self.peers.as_dict(),
        }


@dataclass
class Example:
    story: str
    story_title: str | None
    month: str
    fact: int
    kind: str
    label: str
    reported_by: list[str]
    sentence: str
    language: str | None

    def as_dict(self) -> dict:
        return {
            "story": self.story,
            "story_title": self.story_title,
            "month": self.month,
            "fact": self.fact,
            "kind": self.kind,
            "label": self.label,
            "reported_by": self.reported_by,
            "sentence": self.sentence,
            "language": self.language,
        }


@dataclass
class Blindspots:
    outlet: str
    stories: int = 0  # stories counted (O and someone else)
    alone: int = 0  # stories only O covers
    pending: int = 0  # stories whose comparison is not known yet
    total: Rate = field(default_factory=Rate)
    kinds: dict[str, Rate] = field(default_factory=_kind_rates)
    peers: Rate = field(default_factory=Rate)
    periods: dict[str, Period] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)

    @property
    def months(self) -> list[Period]:
        return [self.periods[m] for m in sorted(self.periods, reverse=True)]

    def as_dict(self) -> dict:
        return {
            "outlet": self.outlet,
            "stories": self.stories,
            "stories_alone": self.alone,
            "stories_pending": self.pending,
            **self.total.as_dict(),
            "by_kind": {kind: rate.as_dict() for kind, rate in self.kinds.items() if rate.corroborated},
            "peers": self.peers.as_dict(),
            "months": [period.as_dict() for period in self.months],
            "examples": [example.as_dict() for example in self.examples],
        }


def source_names(comparison: Comparison) -> dict[str, str]:
    """Each document's source: its outlet, or (no outlet known) the article itself."""
    return {d.id: d.article.outlet or f"article {d.id}" for d in comparison.documents}


def month_of(comparison: Comparison, outlet: str, fallback: str | None) -> str:
    dates = sorted(
        d.article.published
        for d in comparison.documents
        if d.article.outlet == outlet and d.article.published
    )
    first = dates[0] if dates else fallback
    return first[:7] if first and len(first) >= 7 else "undated"


def corroborated(
    facts: Iterable[AlignedFact], source: str, names: dict[str, str]
) -> list[tuple[int, AlignedFact]]:
    """Shared or partial facts that some source other than ``source`` reports."""
    return [
        (index, fact)
        for index, fact in enumerate(facts)
        if fact.status in COUNTED and any(names.get(d) != source for d in fact.documents)
    ]


def reports(fact: AlignedFact, source: str, names: dict[str, str]) -> bool:
    return any(names.get(d) == source for d in fact.documents)


def outlet_blindspots(outlet: str, stories: Iterable[tuple[object, Comparison | None]]) -> Blindspots:
    """Blindspots of ``outlet`` over ``(story info, comparison)`` pairs; a None comparison is pending."""
    result = Blindspots(outlet)
    examples: list[tuple[tuple, Example]] = []
    for info, comparison in stories:
        if comparison is None:
            result.pending += 1
            continue
        names = source_names(comparison)
        if outlet not in names.values():
            continue
        if set(names.values()) == {outlet}:
            result.alone += 1
            continue
        month = month_of(comparison, outlet, getattr(info, "first_seen", None))
        period = result.periods.setdefault(month, Period(month))
        period.stories += 1
        result.stories += 1
        for index, fact in corroborated(comparison.facts, outlet, names):
            missed = not reports(fact, outlet, names)
            for rate in (
                result.total,
                period.total,
                result.kinds.get(fact.kind),
                period.kinds.get(fact.kind),
            ):
                if rate is not None:
                    rate.add(1, int(missed))
            if missed:
                example = missed_example(info, comparison, index, fact, names, month)
                examples.append(((-len(example.reported_by), month, example.story, index), example))
        for peer in sorted(set(names.values()) - {outlet}):
            for _, fact in corroborated(comparison.facts, peer, names):
                missed = int(not reports(fact, peer, names))
                result.peers.add(1, missed)
                period.peers.add(1, missed)
    examples.sort(key=lambda pair: pair[0])
    result.examples = [example for _, example in examples[:MAX_EXAMPLES]]
    return result


def missed_example(
    info: object, comparison: Comparison, index: int, fact: AlignedFact, names: dict[str, str], month: str
) -> Example:
    neutral = aligned_neutral(fact)
    first = fact.mentions[0] if fact.mentions else None
    language = next((d.language for d in comparison.documents if first and d.id == first.document), None)
    return Example(
        story=str(getattr(info, "id", "")),
        story_title=getattr(info, "title", None),
        month=month,
        fact=index,
        kind=KIND_LABELS.get(fact.kind, fact.kind),
        label=shorten(neutral.text, 140),
        reported_by=sorted({names.get(d, d) for d in fact.documents}),
        sentence=shorten(first.sentence.text, 300) if first else "",
        language=language,
    )

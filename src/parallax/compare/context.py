"""What a reported figure is about, read from the sentence around it.

"170 French companies" and "250 German companies" count different things; "Tokayev said
4 billion" and "Merz said 4 billion" are attributed differently; "12% in 2023" and "12% in
2024" are different years. The context of a figure is the canonical entities and dates of its
sentence and the counted nouns near it; two figures whose contexts name different things
are kept apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import EntityAttrs, Fact, attrs_as

# A nationality adjective this close to a figure modifies it ("170 French companies",
# "250 немецких компаний"); a place named by its name is where things happen, not what is counted.
PLACE_WINDOW = 40


@dataclass(frozen=True)
class Context:
    places: frozenset[str] = field(default_factory=frozenset)  # nationalities modifying the figure
    people: frozenset[str] = field(default_factory=frozenset)
    periods: frozenset[str] = field(default_factory=frozenset)
    nouns: frozenset[str] = field(default_factory=frozenset)
    sentence_places: frozenset[str] = field(default_factory=frozenset)  # every place of the sentence


def _distance(a: Fact, b: Fact) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _is_canonical_entity(fact: Fact) -> bool:
    return fact.kind == "entity" and attrs_as(EntityAttrs, fact).canonical


def context_of(fact: Fact, sentence_facts: Iterable[Fact], nouns: Iterable[str] = ()) -> Context:
    """The context of ``fact`` among the other facts of its sentence."""
    places: set[str] = set()
    sentence_places: set[str] = set()
    people: set[str] = set()
    periods: set[str] = set()
    for other in sentence_facts:
        if other is fact or other.sentence.index != fact.sentence.index:
            continue
        if _is_canonical_entity(other):
            if other.type == "person":
                people.add(str(other.value))
            elif other.type == "place":
                sentence_places.add(str(other.value))
                adjective = attrs_as(EntityAttrs, other).form == "adjective"
                if adjective and _distance(fact, other) <= PLACE_WINDOW:
                    places.add(str(other.value))
        elif other.kind == "date" and other.value and not str(other.value).startswith("R/"):
            periods.add(str(other.value))  # a recurrence ("every year", R/P1Y) is no period of time
    return Context(
        frozenset(places), frozenset(people), frozenset(periods), frozenset(nouns), frozenset(sentence_places)
    )


def _periods_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(_period_contains(x, y) or _period_contains(y, x) for x in a for y in b)


def _period_contains(outer: str, inner: str) -> bool:
    """Whether one ISO date/interval lies within another ("2024" holds "2024-03-12")."""
    o_start, _, o_end = outer.partition("/")
    i_start, _, i_end = inner.partition("/")
    o_end = o_end or o_start
    i_end = i_end or i_start
    return o_start[: len(i_start)] <= i_start and i_end[: len(o_end)] <= o_end


def contexts_compatible(a: Context, b: Context, *, same_value: bool = True) -> bool:
    """False when the two contexts name different things of the same sort.

    Places count only where they modify the figure ("170 French companies"), and differ only
    when neither sentence mentions the other's place at all: "French investment in Kazakhstan"
    may put either country next to the number. Periods separate only figures that differ
    (12% in 2023 is no conflict with 14% in 2024); for one figure, two sentences often name
    different periods around it ("41% more than in January-August 2024" / "...than last year").
    """
    if a.places and b.places and not a.places & b.sentence_places and not b.places & a.sentence_places:
        return False
    if a.people and b.people and not a.people & b.people:
        return False
    if same_value:
        return True
    return not (a.periods and b.periods and not _periods_overlap(a.periods, b.periods))


def describe(unit: str | None, kind: str, context: Context) -> str:
    """A short language-neutral name for what a figure measures, e.g. "company · Germany"."""
    head = unit or kind
    if unit and unit.isupper() and len(unit) == 3 and context.nouns:
        head = f"{unit} · {sorted(context.nouns)[0]}"
    details = sorted(context.places) + sorted(context.people) + sorted(context.periods)
    return " · ".join([head, *details[:3]])

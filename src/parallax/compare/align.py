"""Alignment of facts across documents into shared / partial / unique facts and conflicts.

Each document's facts are first grouped by value (one document may report a figure twice).
Groups of different documents are then joined when their values agree, their units and
contexts are compatible, and their sentences say the same thing according to the sentence
encoder. Two clusters that measure the same thing with different values, in different
documents, in sentences that say the same thing, are a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# The cosine bars between the sentences that carry two facts are the encoder's: parallax.calibration.
from ..calibration import (
    CONFLICT_SIMILARITY,
    RESTATEMENT_SIMILARITY,
    SAME_FACT_DISTINCT_VALUE,
    SAME_FACT_STRONG_UNIT,
    SAME_FACT_WEAK_UNIT,
    SAME_QUOTE,
    SAME_QUOTE_BEST_PARTNER,
    SAME_QUOTE_MARGIN,
    SAME_QUOTE_NO_SPEAKER,
    SAME_QUOTE_OTHER_SPEAKER,
    SAME_QUOTE_SAME_SPEAKER,
)
from ..model import (
    AlignedFact,
    Conflict,
    ConflictSide,
    DateAttrs,
    Document,
    Fact,
    QuantityAttrs,
    QuoteAttrs,
    attrs_as,
)
from .context import Context, context_of, contexts_compatible, describe
from .tolerance import values_agree

# Disputed figures are near each other: 250 vs 230 companies, 5.2 vs 5.5 billion, 41% vs 45%.
# Figures further apart measure different things (5 million vs 5 billion; a 3.4% share vs
# 12.4% growth), so they never form a conflict, however alike their sentences.
CONFLICT_MAX_RATIO = {"quantity": 4.0, "percent": 2.0}

STATUS_ORDER = {"conflict": 0, "shared": 1, "partial": 2, "unique": 3}
KIND_ORDER = {"quantity": 0, "percent": 1, "date": 2, "entity": 3, "quote": 4}


@dataclass
class Group:
    """One document's report of one value."""

    document: int
    facts: list[Fact]
    context: Context = field(default_factory=Context)
    vector: np.ndarray | None = None
    # Every sentence the document gives the figure in (headline and body): rows of one matrix.
    vectors: np.ndarray | None = None
    # The entities the document names (canonical values): whether it knows a quote's speaker.
    names: frozenset[str] = frozenset()
    # A quote's sentence (its attribution, its setting): a short quote says little on its own.
    sentence_vector: np.ndarray | None = None

    @property
    def head(self) -> Fact:
        return self.facts[0]


@dataclass
class Cluster:
    groups: list[Group]

    @property
    def documents(self) -> set[int]:
        return {g.document for g in self.groups}


SentenceVectors = Callable[[Sequence[str]], np.ndarray]


def unit_strength(unit: str | None, fact: Fact) -> str:
    """ "strong" for currencies, %, pp and known counted nouns; "weak" otherwise."""
    figure = attrs_as(QuantityAttrs, fact)
    if unit in ("%", "pp") or figure.currency or figure.lemma:
        return "strong"
    return "weak"


def units_compatible(a: Fact, b: Fact) -> bool:
    """Whether two figures may measure the same thing, judging by their units alone.

    Currencies, percents and percentage points are what they say: two different ones never
    agree, nor one with a figure that has none. A counted noun is weaker evidence: one
    language counts "vehicles" where another counts "cars", one leaves the noun out ("kills 1"
    / "1 人死亡") or writes it where the lexicon does not know it; such figures may still be one
    fact, when value, context and sentence similarity (at the stricter threshold) support it.
    """
    if a.unit == b.unit:
        return True
    return not (_measured_unit(a) or _measured_unit(b))


def _measured_unit(fact: Fact) -> str | None:
    """The currency, % or pp of a figure: units that are never a matter of wording."""
    if fact.unit in ("%", "pp"):
        return fact.unit
    return attrs_as(QuantityAttrs, fact).currency


def same_strong_unit(a: Fact, b: Fact) -> bool:
    """Both figures carry the same known unit (currency, %, pp or counted lemma)."""
    return a.unit == b.unit and unit_strength(a.unit, a) == "strong" and unit_strength(b.unit, b) == "strong"


def _value_key(fact: Fact) -> Any:
    if fact.kind == "date" and attrs_as(DateAttrs, fact).season:
        return _season_key(fact)
    if fact.kind == "date" and fact.value is None:
        # An unresolved date ("13 February" with no publication date) is what it says, not "no value".
        return ("written", attrs_as(DateAttrs, fact).written or fact.text)
    if isinstance(fact.value, float):
        return round(fact.value, 6)
    return fact.value


def _season_key(fact: Fact) -> Any:
    """A season is compared by its year: "last spring" and "last year" (or "весной прошлого года")
    report one date, as precisely as each source cared to; a winter by the year it ends in."""
    if fact.value is None:
        # Without a publication date, by what the extractor read: the year named, else the months.
        attrs = attrs_as(DateAttrs, fact)
        return ("season", attrs.season_key) if attrs.season_key else ("written", attrs.written or fact.text)
    return str(fact.value).split("/")[-1][:4]


def group_document_facts(index: int, document: Document) -> list[Group]:
    """One group per distinct (kind, value, unit, speaker) in a document, in text order."""
    groups: dict[tuple, Group] = {}
    for fact in document.facts:
        key = (fact.kind, _value_key(fact), fact.unit, fact.speaker)
        if key not in groups:
            groups[key] = Group(index, [])
        groups[key].facts.append(fact)
    return list(groups.values())


def _attach_context(
    groups: list[Group], document: Document, nouns_of: Callable[[Fact], frozenset[str]]
) -> None:
    by_sentence: dict[int, list[Fact]] = defaultdict(list)
    for fact in document.facts:
        by_sentence[fact.sentence.index].append(fact)
    for group in groups:
        head = group.head
        group.context = context_of(head, by_sentence[head.sentence.index], nouns_of(head))


def _similarity(a: Group, b: Group) -> float:
    if a.vectors is not None and b.vectors is not None:
        return float((a.vectors @ b.vectors.T).max())  # the closest of the sentences either gives
    if a.vector is None or b.vector is None:
        return 0.0
    return float(np.dot(a.vector, b.vector))


def _same_number(a: Group, b: Group) -> float | None:
    """The evidence that two groups report the same figure, or None when they cannot."""
    fa, fb = a.head, b.head
    if fa.kind != fb.kind or not units_compatible(fa, fb):
        return None
    if not _agree(fa, fb):
        return None
    if not contexts_compatible(a.context, b.context):
        return None
    similarity = _similarity(a, b)
    return similarity if similarity >= _similarity_needed(a, b) else None


def _similarity_needed(a: Group, b: Group) -> float:
    """How alike two sentences must be for their equal figures to be one fact.

    Units in different words ("8 players" / "8 名球员", "11,000 victims" / "11 000 людей") are
    weak evidence, but a distinctive value is evidence of its own: two alike sentences of one
    story rarely carry 1,025 or 26 of two different things. (Where a document gives the value
    twice, the clustering takes the closest sentences first.)
    """
    if same_strong_unit(a.head, b.head):
        return SAME_FACT_STRONG_UNIT
    if distinctive(float(a.head.value)) and distinctive(float(b.head.value)):
        return SAME_FACT_DISTINCT_VALUE
    return SAME_FACT_WEAK_UNIT


# Counts up to a dozen recur in every story (two sides, three days, five people, ten years).
COMMON_COUNT_LIMIT = 12


def distinctive(value: float) -> bool:
    """A value that two statements of one story share by chance only rarely."""
    return not value.is_integer() or abs(value) > COMMON_COUNT_LIMIT


def _quote_similarity(a: Group, b: Group) -> float:
    """How alike two quotes are: their words, and as much the sentences they stand in. A short
    quote ("red lines", "时间不多了") scores low against its own translation on its words
    alone; its sentence carries the rest of the statement and its attribution."""
    words = _similarity(a, b)
    if a.sentence_vector is None or b.sentence_vector is None:
        return words
    return (words + float(np.dot(a.sentence_vector, b.sentence_vector))) / 2


def _best_partners(groups: list[Group]) -> set[tuple[int, int]]:
    """Pairs of quotes (ids of their groups) of two documents that are each other's most alike
    quote of the other document, ahead of the next by ``SAME_QUOTE_MARGIN``.

    Cosine bars differ by language pair (a Chinese translation of English words scores lower
    than a German one of French words); a quote that stands out as the other's best partner
    in both directions is evidence of its own, which no one bar gives."""
    by_document: dict[int, list[Group]] = defaultdict(list)
    for group in groups:
        by_document[group.document].append(group)
    found = set()
    documents = sorted(by_document)
    for x, d in enumerate(documents):
        for e in documents[x + 1:]:
            mine, theirs = by_document[d], by_document[e]
            scores = np.array([[_quote_similarity(a, b) for b in theirs] for a in mine])
            for i, a in enumerate(mine):
                j = int(np.argmax(scores[i]))
                if int(np.argmax(scores[:, j])) != i:
                    continue
                if _stands_out(scores[i], j) and _stands_out(scores[:, j], i):
                    found.add((id(a), id(theirs[j])))
                    found.add((id(theirs[j]), id(a)))
    return found


def _stands_out(scores: np.ndarray, best: int) -> bool:
    others = np.delete(scores, best)
    return not others.size or scores[best] - float(others.max()) >= SAME_QUOTE_MARGIN


def _quote_scorer(groups: list[Group]) -> Callable[[Group, Group], float | None]:
    partners = _best_partners(groups)
    return lambda a, b: _same_quote(a, b, (id(a), id(b)) in partners)


def _same_quote(a: Group, b: Group, best_partners: bool = False) -> float | None:
    """Two quotes are one statement when they mean the same, more leniently for one speaker:
    a partial translation of a known person's words scores lower than a full one, and more
    leniently for two quotes that are each other's best partner (``_best_partners``).

    Two different speakers part two quotes when a document names the other's speaker: it
    knows that person and credits the words to someone else (two leaders who both call for
    cooperation). When neither name occurs in the other document, they may be one person whose
    spellings did not meet (a transliteration cut short): the words decide, at a stricter bar."""
    sa, sb = a.head.speaker, b.head.speaker
    similarity = _quote_similarity(a, b)
    if sa and sb and sa != sb:
        if sa in b.names or sb in a.names:
            return None
        threshold = SAME_QUOTE_OTHER_SPEAKER
    elif sa and sa == sb:
        threshold = SAME_QUOTE_SAME_SPEAKER
    elif sa or sb:
        threshold = SAME_QUOTE
    else:
        threshold = SAME_QUOTE_NO_SPEAKER
    if best_partners:
        threshold -= SAME_QUOTE_BEST_PARTNER
    return similarity if similarity >= threshold else None


def _cluster_by_edges(groups: list[Group], score: Callable[[Group, Group], float | None]) -> list[Cluster]:
    """Greedy average-free clustering: strongest edges first, one group per document per
    cluster, and every member of a merged cluster must agree with every other (no chains)."""
    edges: list[tuple[float, int, int]] = []
    for i, a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            b = groups[j]
            if a.document == b.document:
                continue
            s = score(a, b)
            if s is not None:
                edges.append((s, i, j))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    cluster_of = list(range(len(groups)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(groups))}
    for _, i, j in edges:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        docs_i = {groups[m].document for m in members[ci]}
        docs_j = {groups[m].document for m in members[cj]}
        if docs_i & docs_j:
            continue
        if not all(score(groups[m], groups[n]) is not None for m in members[ci] for n in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for m in members[gone]:
            cluster_of[m] = keep
        members[keep].extend(members.pop(gone))
    ordered = sorted(members.values(), key=min)
    return [Cluster([groups[m] for m in sorted(ms, key=lambda m: (groups[m].document, m))]) for ms in ordered]


def _absorb_restatements(clusters: list[Cluster]) -> list[Cluster]:
    """Fold a document's rounded restatement of a figure into the fact that figure belongs to.

    A headline's "more than 1,000 evacuated" and the body's "1,240 people" are one fact of
    one document: a lone group joins the cluster that holds its document's agreeing group.
    """
    result = [c for c in clusters if len(c.groups) > 1]
    for cluster in clusters:
        if len(cluster.groups) > 1:
            continue
        lone = cluster.groups[0]
        home = next((c for c in result if _restates(lone, c)), None)
        if home is None:
            result.append(cluster)
        else:
            home.groups.append(lone)
    return result


def _restates(lone: Group, cluster: Cluster) -> bool:
    """Whether a lone group restates a figure its document already gives in ``cluster``.

    In the same words (same unit): its sentence must be as alike as a restatement is. In other
    words ("traps 5" in the headline, "five others" in the body; "1200" beside "1200 судов"):
    the document's two groups are one figure when the lone one would align, by the alignment's
    own rule, with every other document's report in the cluster; only one group per document
    could take the cluster's place. Two different known nouns ("2 killed", "2 injured") stay apart.
    """
    own = [g for g in cluster.groups if g.document == lone.document and _agree(lone.head, g.head)]
    if not own:
        return False
    same_words = [g for g in own if g.head.unit == lone.head.unit]
    if same_words:
        return any(_similarity(lone, g) >= RESTATEMENT_SIMILARITY for g in same_words)
    others = [g for g in cluster.groups if g.document != lone.document]
    return bool(others) and all(_reworded_twin(lone, other) for other in others)


def _agree(a: Fact, b: Fact) -> bool:
    """The two figures' values agree, within their qualifiers ("about", "more than")."""
    return values_agree(float(a.value), float(b.value), a.qualifier, b.qualifier)


def _reworded_twin(lone: Group, other: Group) -> bool:
    """The lone group is the same figure as another document's group, by the alignment's rule,
    and not a count of another known thing."""
    if lone.head.unit != other.head.unit and both_units_known(lone.head, other.head):
        return False
    return _same_number(lone, other) is not None


def both_units_known(a: Fact, b: Fact) -> bool:
    """Both figures carry a unit the lexicon knows (currency, %, pp or counted lemma)."""
    return unit_strength(a.unit, a) == "strong" and unit_strength(b.unit, b) == "strong"


def _cluster_by_key(groups: list[Group], key: Callable[[Fact], Any]) -> list[Cluster]:
    clusters: dict[Any, list[Group]] = {}
    for group in groups:
        clusters.setdefault(key(group.head), []).append(group)
    return [Cluster(gs) for gs in clusters.values()]


def _majority_value(cluster: Cluster) -> Group:
    """The group whose value most documents give; ties go to the earliest document."""
    votes: dict[Any, list[Group]] = defaultdict(list)
    for group in cluster.groups:
        votes[_value_key(group.head)].append(group)
    best = max(votes.values(), key=lambda gs: (len(gs), -min(g.document for g in gs)))
    return min(best, key=lambda g: g.document)


def _conflicting(a: Cluster, b: Cluster) -> float | None:
    """How strongly two clusters dispute one figure, or None when they do not."""
    if a.documents & b.documents:
        return None
    ga, gb = _majority_value(a), _majority_value(b)
    fa, fb = ga.head, gb.head
    if fa.kind != fb.kind or fa.kind not in ("quantity", "percent") or fa.unit != fb.unit:
        return None
    if unit_strength(fa.unit, fa) != "strong":
        return None
    va, vb = float(fa.value), float(fb.value)
    if values_agree(va, vb, fa.qualifier, fb.qualifier) or va * vb <= 0:
        return None
    if max(abs(va), abs(vb)) / min(abs(va), abs(vb)) > CONFLICT_MAX_RATIO[fa.kind]:
        return None
    if any(
        not contexts_compatible(x.context, y.context, same_value=False) for x in a.groups for y in b.groups
    ):
        return None
    if ga.context.nouns and gb.context.nouns and not ga.context.nouns & gb.context.nouns:
        return None
    similarity = max(_similarity(x, y) for x in a.groups for y in b.groups)
    return similarity if similarity >= CONFLICT_SIMILARITY else None


def _find_conflicts(clusters: list[Cluster]) -> list[list[int]]:
    """Sets of clusters that give different values for one thing (mutual best matches)."""
    candidates = [i for i, c in enumerate(clusters) if c.groups[0].head.kind in ("quantity", "percent")]
    scores: dict[tuple[int, int], float] = {}
    for x, i in enumerate(candidates):
        for j in candidates[x + 1 :]:
            s = _conflicting(clusters[i], clusters[j])
            if s is not None:
                scores[(i, j)] = s
    best: dict[int, tuple[float, int]] = {}
    for (i, j), s in scores.items():
        for a, b in ((i, j), (j, i)):
            if a not in best or s > best[a][0]:
                best[a] = (s, b)
    links = [(i, j) for (i, j) in scores if best[i][1] == j or best[j][1] == i]
    sides: dict[int, set[int]] = {}
    for i, j in sorted(links, key=lambda e: -scores[e]):
        group_i, group_j = sides.get(i, {i}), sides.get(j, {j})
        if group_i is group_j:
            continue
        docs_i = set().union(*(clusters[c].documents for c in group_i))
        docs_j = set().union(*(clusters[c].documents for c in group_j))
        if docs_i & docs_j:
            continue
        merged = group_i | group_j
        for c in merged:
            sides[c] = merged
    unique_sets = {id(s): s for s in sides.values()}
    return sorted((sorted(s) for s in unique_sets.values()), key=lambda s: s[0])


def _status(cluster: Cluster, document_count: int) -> str:
    n = len(cluster.documents)
    if n == document_count and document_count > 1:
        return "shared"
    return "partial" if n > 1 else "unique"


def _aligned_fact(cluster: Cluster, documents: Sequence[Document], status: str) -> AlignedFact:
    representative = _majority_value(cluster).head
    mentions = [fact for group in cluster.groups for fact in group.facts]
    speaker, direct = representative.speaker, attrs_as(QuoteAttrs, representative).direct
    if representative.kind == "quote":
        direct = quote_is_direct(cluster)
        representative = _quote_shown(cluster, direct)
        # The speaker of the words shown; when they name none, the first a source names
        # (several only when their names never met: ``_same_quote``).
        named = [g.head.speaker for g in cluster.groups if g.head.speaker]
        speaker = representative.speaker or (named[0] if named else None)
    return AlignedFact(
        kind=representative.kind,
        value=representative.value,
        unit=representative.unit,
        qualifier=representative.qualifier,
        status=status,  # type: ignore[arg-type]
        documents=[documents[d].id for d in sorted(cluster.documents)],
        mentions=mentions,
        type=representative.type,
        speaker=speaker,
        direct=direct,
        about=describe(representative.unit, representative.kind, _majority_value(cluster).context),
    )


def quote_is_direct(cluster: Cluster) -> bool:
    """A statement is a direct quote when most of its sources quote the words, or half of them:
    a source that puts the words in quotation marks is evidence the words were said so, which a
    paraphrase elsewhere does not undo. Counted per source, so a document repeating a quote does
    not outvote the others; decided on all sources, so the order they come in never matters."""
    votes = [any(attrs_as(QuoteAttrs, f).direct for f in g.facts) for g in cluster.groups]
    return 2 * sum(votes) >= len(votes)


def _quote_shown(cluster: Cluster, direct: bool) -> Fact:
    """The mention whose words stand for the statement: one of the kind decided (direct or
    reported), the most surely attributed, then the first in the canonical order of the
    documents (by content, never by the order given)."""
    facts = [f for g in cluster.groups for f in g.facts]
    fitting = [f for f in facts if bool(attrs_as(QuoteAttrs, f).direct) == direct] or facts
    by_document = {id(f): g.document for g in cluster.groups for f in g.facts}
    return min(
        fitting,
        key=lambda f: (-(attrs_as(QuoteAttrs, f).confidence or 0.0), by_document[id(f)], f.start, f.end),
    )


def _first_position(cluster: Cluster) -> tuple[int, int]:
    first = min(cluster.groups, key=lambda g: (g.document, g.head.start))
    return first.document, first.head.start


@dataclass
class Alignment:
    facts: list[AlignedFact]
    conflicts: list[Conflict]
    overlap: dict[tuple[int, int], int]


def align(
    documents: Sequence[Document],
    sentence_vectors: SentenceVectors,
    nouns_of: Callable[[Fact], frozenset[str]] = lambda fact: frozenset(),
) -> Alignment:
    """Align the facts of several documents; ``sentence_vectors`` embeds texts (normalised rows)."""
    groups_by_kind: dict[str, list[Group]] = defaultdict(list)
    for index, document in enumerate(documents):
        groups = group_document_facts(index, document)
        _attach_context(groups, document, nouns_of)
        names = frozenset(str(f.value) for f in document.facts if f.kind == "entity")
        for group in groups:
            group.names = names
        for group in groups:
            groups_by_kind[group.head.kind].append(group)
    _embed(groups_by_kind, sentence_vectors)

    clusters: list[Cluster] = []
    clusters += _absorb_restatements(_cluster_by_edges(groups_by_kind["quantity"], _same_number))
    clusters += _absorb_restatements(_cluster_by_edges(groups_by_kind["percent"], _same_number))
    clusters += _cluster_by_key(groups_by_kind["date"], _value_key)
    clusters += _cluster_by_key(groups_by_kind["entity"], lambda f: (f.value, f.type))
    clusters += _cluster_by_edges(groups_by_kind["quote"], _quote_scorer(groups_by_kind["quote"]))

    conflict_sets = _find_conflicts(clusters)
    clusters, conflict_sets = _without_unclaimable(clusters, conflict_sets, len(documents))
    in_conflict = {c for s in conflict_sets for c in s}
    order = sorted(
        range(len(clusters)),
        key=lambda c: (
            0 if c in in_conflict else STATUS_ORDER[_status(clusters[c], len(documents))],
            KIND_ORDER[clusters[c].groups[0].head.kind],
            _first_position(clusters[c]),
        ),
    )
    position = {c: i for i, c in enumerate(order)}
    facts = [
        _aligned_fact(
            clusters[c], documents, "conflict" if c in in_conflict else _status(clusters[c], len(documents))
        )
        for c in order
    ]
    conflicts = [
        _conflict(conflict_set, clusters, facts, position, documents) for conflict_set in conflict_sets
    ]
    conflicts.sort(key=lambda c: min(side.fact for side in c.sides))
    return Alignment(facts, conflicts, _overlap(clusters, len(documents)))


def _without_unclaimable(
    clusters: list[Cluster], conflict_sets: list[list[int]], document_count: int
) -> tuple[list[Cluster], list[list[int]]]:
    """Drop the clusters no source can be said to omit: one unit of time written without a digit
    ("a week", "einer Woche", "一周") that not every source gives. Languages without an article
    write "неделю" with no number, so the figure's absence there is no omission; shared by all,
    or in a conflict, it is still shown."""
    in_conflict = {c for s in conflict_sets for c in s}

    def unclaimable(index: int) -> bool:
        cluster = clusters[index]
        if index in in_conflict or _status(cluster, document_count) == "shared":
            return False
        facts = [fact for group in cluster.groups for fact in group.facts]
        return all(f.kind == "quantity" and attrs_as(QuantityAttrs, f).unwritten_one for f in facts)

    kept = [c for c in range(len(clusters)) if not unclaimable(c)]
    renumbered = {old: new for new, old in enumerate(kept)}
    return [clusters[c] for c in kept], [[renumbered[c] for c in s] for s in conflict_sets]


def _conflict(
    conflict_set: list[int],
    clusters: list[Cluster],
    facts: list[AlignedFact],
    position: dict[int, int],
    documents: Sequence[Document],
) -> Conflict:
    sides = sorted(
        (
            ConflictSide(
                value=float(facts[position[c]].value),
                unit=facts[position[c]].unit,
                documents=tuple(documents[d].id for d in sorted(clusters[c].documents)),
                fact=position[c],
            )
            for c in conflict_set
        ),
        key=lambda s: (-len(s.documents), s.fact),
    )
    return Conflict(about=facts[sides[0].fact].about or "", sides=sides)


def _overlap(clusters: list[Cluster], document_count: int) -> dict[tuple[int, int], int]:
    """How many non-entity facts each pair of documents shares (entities alone prove little)."""
    shared: dict[tuple[int, int], int] = {
        (i, j): 0 for i in range(document_count) for j in range(i + 1, document_count)
    }
    for cluster in clusters:
        if cluster.groups[0].head.kind == "entity":
            continue
        docs = sorted(cluster.documents)
        for x, i in enumerate(docs):
            for j in docs[x + 1 :]:
                shared[(i, j)] += 1
    return shared


def _embed(groups_by_kind: dict[str, list[Group]], sentence_vectors: SentenceVectors) -> None:
    """Vectors for the sentences of numeric groups and for quote texts, in one batch."""
    wanted: list[tuple[Group, str]] = []
    numeric = [g for kind in ("quantity", "percent") for g in groups_by_kind[kind]]
    wanted += [(g, g.head.sentence.text) for g in numeric]
    wanted += [(g, str(g.head.value)) for g in groups_by_kind["quote"]]
    if not wanted:
        return
    others = [f.sentence.text for g in numeric for f in g.facts[1:]]
    others += [g.head.sentence.text for g in groups_by_kind["quote"]]
    texts = list(dict.fromkeys([*(text for _, text in wanted), *others]))
    vectors = sentence_vectors(texts)
    row = {text: vectors[i] for i, text in enumerate(texts)}
    for group, text in wanted:
        group.vector = row[text]
    for group in groups_by_kind["quote"]:
        group.sentence_vector = row[group.head.sentence.text]
    for group in numeric:
        sentences = list(dict.fromkeys(f.sentence.text for f in group.facts))
        group.vectors = np.stack([row[text] for text in sentences])

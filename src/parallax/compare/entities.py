"""One name per entity across the documents of a comparison.

Each document found its entities alone; here they meet. Names that another source reveals
(an unknown Arabic word that spells a name found in the Kazakh text) are added, then every
entity mention of every document is matched, so that Тоқаев, توكاييف and 托卡耶夫 carry one
canonical value before the facts are aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..encode import Encoder
from ..extract.context import AnalysisContext
from ..extract.entities.find import find_lowercase_names
from ..extract.entities.match import find_by_evidence, match_entities
from ..extract.quotes import canonical_speakers
from ..model import Document, EntityAttrs, Fact, Mention, attrs_as


def _as_mention(fact: Fact) -> Mention:
    return Mention("entity", fact.start, fact.end, fact.text, fact.value, attrs=fact.attrs)


def _names_elsewhere(documents: Sequence[Document], index: int) -> list[Mention]:
    return [
        _as_mention(fact)
        for j, document in enumerate(documents)
        if j != index
        for fact in document.facts
        if fact.kind == "entity" and attrs_as(EntityAttrs, fact).form == "name"
    ]


def _evidence_facts(document: Document, names: list[Mention], context: AnalysisContext | None) -> list[Fact]:
    """Entity facts for words of this document that spell a name found in another one."""
    if not names:
        return []
    return _sentence_facts(
        document, lambda text, language, own: find_by_evidence(text, language, names, own, context))


def _lowercase_facts(document: Document, context: AnalysisContext | None) -> list[Fact]:
    """Entity facts for organisations and towns this document names in lower-case words, which
    another source may write as names: kept only where one does (``partner_only``)."""
    return _sentence_facts(
        document, lambda text, language, own: find_lowercase_names(text, language, own, context),
        only_entities=True)  # a quote or a number around a word is no name of it


def _sentence_facts(document: Document, finder, only_entities: bool = False) -> list[Fact]:
    """Entity facts for what ``finder(text, language, own mentions)`` finds in each sentence; the
    own mentions are the sentence's facts (``only_entities``: its entities only)."""
    found: list[Fact] = []
    for sentence in document.sentences:
        own = [
            Mention("entity", f.start - sentence.start, f.end - sentence.start, f.text, f.value)
            for f in document.facts
            if f.sentence.index == sentence.index and (f.kind == "entity" or not only_entities)
        ]
        for mention in finder(sentence.text, sentence.language, own):
            found.append(
                Fact(
                    document=document.id,
                    kind="entity",
                    value=mention.value,
                    unit=None,
                    qualifier=None,
                    start=sentence.start + mention.start,
                    end=sentence.start + mention.end,
                    text=mention.text,
                    sentence=sentence,
                    attrs=mention.attrs,
                )
            )
    return found


def _without_lone_translations(documents: Sequence[Document]) -> None:
    """Drop the translated names (``partner_only``) whose entity no other document names."""
    named_in = _documents_naming_each_entity(documents)
    for document in documents:
        document.facts = [f for f in document.facts if not _lone_translation(f, named_in)]


def _documents_naming_each_entity(documents: Sequence[Document]) -> dict[int | None, set[str]]:
    """Entity cluster → the ids of the documents that name it."""
    named_in: dict[int | None, set[str]] = {}
    for document in documents:
        for fact in document.facts:
            if fact.kind == "entity":
                named_in.setdefault(attrs_as(EntityAttrs, fact).cluster, set()).add(document.id)
    return named_in


def _lone_translation(fact: Fact, named_in: dict[int | None, set[str]]) -> bool:
    attrs = attrs_as(EntityAttrs, fact) if fact.kind == "entity" else None
    return attrs is not None and attrs.partner_only and len(named_in.get(attrs.cluster, ())) < 2


def _without_names_inside_shared_names(documents: Sequence[Document]) -> None:
    """Drop a name that one document alone names, and only inside a longer name another document
    names too (美国 of 美国国家气象局, which the other source calls National Weather Service): it is
    a word of that name, not a name the other source left out."""
    named_in = _documents_naming_each_entity(documents)
    for document in documents:
        entities = [f for f in document.facts if f.kind == "entity"]
        shared = [(f.start, f.end) for f in entities if _named_by_others(f, named_in)]
        inside: dict[int | None, list[bool]] = {}
        for fact in entities:
            span = (fact.start, fact.end)
            within = any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in shared)
            inside.setdefault(attrs_as(EntityAttrs, fact).cluster, []).append(within)
        dropped = {c for c, flags in inside.items() if all(flags) and len(named_in.get(c, ())) < 2}
        if dropped:
            document.facts = [f for f in document.facts
                              if f.kind != "entity" or attrs_as(EntityAttrs, f).cluster not in dropped]


def _named_by_others(fact: Fact, named_in: dict[int | None, set[str]]) -> bool:
    return len(named_in.get(attrs_as(EntityAttrs, fact).cluster, ())) > 1


def _add_facts(document: Document, extra: list[Fact]) -> None:
    """``extra`` among the document's facts, in text order."""
    if extra:
        document.facts = sorted([*document.facts, *extra], key=lambda f: (f.start, f.end, f.kind))


def harmonise_entities(
    documents: Sequence[Document], encoder: Encoder | None = None, context: AnalysisContext | None = None
) -> None:
    """Add cross-source name evidence and give every entity one canonical value (in place)."""
    if len(documents) > 1:
        additions = [
            _evidence_facts(document, _names_elsewhere(documents, i), context)
            for i, document in enumerate(documents)
        ]
        for document, extra in zip(documents, additions, strict=True):
            _add_facts(document, extra)
        for document in documents:
            _add_facts(document, _lowercase_facts(document, context))
    entity_facts = [(d, i, f) for d in documents for i, f in enumerate(d.facts) if f.kind == "entity"]
    if not entity_facts:
        return
    sources = [(k, d.language) for k, d in enumerate(documents) for f in d.facts if f.kind == "entity"]
    sentences = [f.sentence.text if f.sentence is not None else None for _, _, f in entity_facts]
    mentions = [_as_mention(f) for _, _, f in entity_facts]
    matched = match_entities(mentions, encoder, context, sources, sentences)
    for (document, position, fact), mention in zip(entity_facts, matched, strict=True):
        document.facts[position] = replace(fact, value=mention.value, attrs=fact.attrs.updated(mention.attrs))
    _without_lone_translations(documents)
    _without_names_inside_shared_names(documents)
    # Speakers take the one name their entity now has, so one person's quotes align.
    for document in documents:
        document.facts = canonical_speakers(document.facts)

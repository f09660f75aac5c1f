"""The per-document pipeline: clean -> detect -> segment -> extract, one Article to one Document.

Pure apart from the Article it is given: no I/O, no model loading (language detection and
extraction use bundled data only; the encoder is the comparison's business).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from .clean import clean
from .detect import detect_language, detect_sentence_languages
from .extract.dates import extract_dates
from .extract.entities import find_entities
from .extract.numbers import extract_numbers
from .extract.quotes import extract_quotes
from .model import Article, Block, Cleaning, Document, Fact, Mention, Sentence
from .segment import split_sentences

# Bumped whenever extraction changes what it finds, or the encoder's input (title and lead)
# changes, so stored articles can be re-extracted and re-encoded (``parallax reindex``).
EXTRACTOR_VERSION = 3


def analyse(article: Article, *, clean_text: bool = True) -> Document:
    """Run one article through every per-document stage."""
    cleaning = clean(article) if clean_text else lines_as_blocks(article.text)
    kept_text = "\n".join(article.text[b.start : b.end] for b in cleaning.blocks)
    if not article.language:
        article.language = detect_language(kept_text)
    if not article.title and cleaning.title:
        article.title = cleaning.title
    if not article.published and cleaning.published:
        article.published = cleaning.published
    sentences = segment_blocks(article, cleaning.blocks)
    facts = extract_facts(article, sentences)
    return Document(article=article, cleaning=cleaning, sentences=sentences, facts=facts)


def prepare_language_data(languages: Iterable[str | None]) -> None:
    """Build what extraction reads for ``languages`` (None: the language-neutral rules) at once.

    Each is built on first use anyway; building ahead keeps that cost out of a first
    comparison, and the derived tables are stored in the cache directory for later processes.
    """
    from .extract.dates_grammar import grammar
    from .extract.entities.canon import known_keys
    from .extract.entities.common import zipf
    from .extract.entities.gazetteer import gazetteer_for
    from .extract.entities.lexicon import curated_key_names
    from .extract.entities.places import place_named

    known_keys()
    curated_key_names()
    place_named([])  # the towns' index, shared by every language
    for language in languages:
        grammar(language)
        gazetteer_for(language)
        zipf("", language)  # the language's word frequencies


def lines_as_blocks(text: str) -> Cleaning:
    """Every non-blank line as its own block: for text that is already clean (``--no-clean``)."""
    blocks: list[Block] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped)
            blocks.append(Block(start, start + len(stripped)))
        position += len(line) + 1
    return Cleaning(blocks=blocks)


def segment_blocks(article: Article, blocks: Iterable[Block]) -> list[Sentence]:
    spans = [
        (block, start, end)
        for block in blocks
        for start, end in split_sentences(article.text, block.start, block.end, article.language)
    ]
    texts = [article.text[start:end] for _, start, end in spans]
    languages = detect_sentence_languages(texts, article.language)
    return [
        Sentence(article.id, index, start, end, text, language or article.language, block.kind)
        for index, ((block, start, end), text, language) in enumerate(
            zip(spans, texts, languages, strict=True)
        )
    ]


def publication_date(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def extract_mentions(text: str, language: str | None, published: dt.date | None) -> list[Mention]:
    """Every fact mention of a text, with overlaps between extractors resolved."""
    dates = extract_dates(text, language, published)
    numbers = [m for m in extract_numbers(text, language) if not _swallowed_by_date(m, dates)]
    entities = find_entities(text, language)
    quotes = extract_quotes(text, language, entities)
    return sorted([*numbers, *dates, *entities, *quotes], key=lambda m: (m.start, m.end, m.kind))


def blank_outside(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` turned to spaces (line breaks kept), so that
    extractors read only those spans but every offset stays an offset into ``text``."""
    kept = [" " if c != "\n" else c for c in text]
    for start, end in spans:
        kept[start:end] = text[start:end]
    return "".join(kept)


def extract_facts(article: Article, sentences: list[Sentence]) -> list[Fact]:
    """The facts of a document's sentences, the dateline excepted (it is the publication date).

    Extractors read the whole document at once, so that a date can lean on an earlier one
    ("the same period last year") and a quote can run over several sentences; sentences in
    another language than the article's are read with their own language's data.
    """
    published = publication_date(article)
    readable = [s for s in sentences if s.block != "dateline"]
    facts: list[Fact] = []
    for language in dict.fromkeys(s.language for s in readable):
        group = [s for s in readable if s.language == language]
        view = blank_outside(article.text, [(s.start, s.end) for s in group])
        starts = [s.start for s in group]
        for mention in extract_mentions(view, language, published):
            position = bisect.bisect_right(starts, mention.start) - 1
            if position < 0 or mention.start >= group[position].end:
                continue
            facts.append(_fact(article, _sentence_for(mention, group, position), mention))
    return sorted(facts, key=lambda f: (f.start, f.end, f.kind))


def _sentence_for(mention: Mention, group: list[Sentence], position: int) -> Sentence:
    """The mention's sentence; a mention running over several sentences gets them all as one."""
    first = group[position]
    if mention.end <= first.end:
        return first
    last = first
    for sentence in group[position + 1 :]:
        if sentence.start >= mention.end:
            break
        last = sentence
    return Sentence(first.document, first.index, first.start, last.end, "", first.language, first.block)


def _fact(article: Article, sentence: Sentence, mention: Mention) -> Fact:
    if not sentence.text:
        sentence = Sentence(
            sentence.document,
            sentence.index,
            sentence.start,
            sentence.end,
            article.text[sentence.start : sentence.end],
            sentence.language,
            sentence.block,
        )
    return Fact(
        document=article.id,
        kind=mention.kind,
        value=mention.value,
        unit=mention.unit,
        qualifier=mention.qualifier,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        sentence=sentence,
        attrs=dict(mention.attrs),
    )


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _swallowed_by_date(number: Mention, dates: list[Mention]) -> bool:
    """A bare number inside a date ("12 марта 2025") is part of the date, not a quantity.

    A currency amount or a percentage keeps its own fact even when a date overlaps it.
    """
    if number.kind == "percent" or number.attrs.get("currency"):
        return False
    return any(_overlaps(number, date) for date in dates)

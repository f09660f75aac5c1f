"""The per-document pipeline: clean -> detect -> segment -> extract, one Article to one Document.

Pure apart from the Article it is given: no I/O, no model loading (language detection and
extraction use bundled data only; the encoder is the comparison's business).
"""

from __future__ import annotations

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

# Bumped whenever extraction changes what it finds, so stored articles can be re-extracted.
EXTRACTOR_VERSION = 1


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
    facts = [fact for sentence in sentences for fact in extract_sentence(sentence, publication_date(article))]
    return Document(article=article, cleaning=cleaning, sentences=sentences, facts=facts)


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
    """Every fact mention of one sentence, with overlaps between extractors resolved."""
    dates = extract_dates(text, language, published)
    numbers = [m for m in extract_numbers(text, language) if not _swallowed_by_date(m, dates)]
    entities = find_entities(text, language)
    quotes = extract_quotes(text, language, entities)
    return sorted([*numbers, *dates, *entities, *quotes], key=lambda m: (m.start, m.end, m.kind))


def extract_sentence(sentence: Sentence, published: dt.date | None) -> list[Fact]:
    return [
        Fact(
            document=sentence.document,
            kind=mention.kind,
            value=mention.value,
            unit=mention.unit,
            qualifier=mention.qualifier,
            start=sentence.start + mention.start,
            end=sentence.start + mention.end,
            text=mention.text,
            sentence=sentence,
            attrs=dict(mention.attrs),
        )
        for mention in extract_mentions(sentence.text, sentence.language, published)
    ]


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _swallowed_by_date(number: Mention, dates: list[Mention]) -> bool:
    """A bare number inside a date ("12 марта 2025") is part of the date, not a quantity.

    A currency amount or a percentage keeps its own fact even when a date overlaps it.
    """
    if number.kind == "percent" or number.attrs.get("currency"):
        return False
    return any(_overlaps(number, date) for date in dates)

"""The per-document pipeline: clean -> detect -> segment -> extract, one Article to one Document.

Pure apart from the Article it is given: no I/O, no model loading (language detection and
extraction use bundled data only; the encoder is the comparison's business).
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace

import regex

from .clean import clean
from .detect import detect_language, detect_sentence_languages
from .extract.context import AnalysisContext, analysis_context
from .extract.dates import bare_years, extract_dates
from .extract.entities import find_entities
from .extract.headline import headline_names
from .extract.numbers import extract_numbers
from .extract.quotes import extract_quotes
from .extract.spans import SpanSet
from .model import (
    Article,
    Block,
    Cleaning,
    DateAttrs,
    Document,
    Fact,
    Mention,
    QuantityAttrs,
    QuoteAttrs,
    Sentence,
    publication_date,
)
from .segment import split_sentences

# Bumped whenever extraction changes what it finds, or the encoder's input (title and lead)
# changes, so stored articles can be re-extracted and re-encoded (``parallax reindex``).
# 5: the names of a title kept apart from the text are read at analysis, stored with the facts.
# 6: the cleaner drops contact blocks, form field lists and sign-up runs; Polish is read as itself;
# unknown Cyrillic names carry the form written in the nominative.
EXTRACTOR_VERSION = 6  # 4: names end at a line break, invisible characters read through


def analyse(article: Article, context: AnalysisContext | None = None) -> Document:
    """Run one article through every per-document stage.

    ``context`` holds the language tables, the names known and the settings (None: the
    curated names, boilerplate removed). ``article`` is left as it is: the Document holds a
    copy with the language, title and publication date found where ``article`` had none.
    """
    context = context if context is not None else analysis_context()
    with collector_paused():
        return _analysed(article, context)


def _analysed(article: Article, context: AnalysisContext) -> Document:
    cleaning = clean(article) if context.settings.clean else lines_as_blocks(article.text)
    kept_text = "\n".join(article.text[b.start : b.end] for b in cleaning.blocks)
    article = replace(
        article,
        language=article.language or detect_language(kept_text),
        title=article.title or cleaning.title or article.title,
        published=article.published or cleaning.published or article.published,
    )
    sentences = segment_blocks(article, cleaning.blocks)
    facts = extract_facts(article, sentences, context)
    names = headline_names(article.title, sentences, article.language, context)
    return Document(article, cleaning, sentences, facts, headline_names=names)


_paused = 0  # analyses running with the collector paused (threads of one process)
_paused_lock = threading.Lock()
_collector_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """CPython's cycle collector paused while one or more analyses run.

    Extraction builds hundreds of thousands of small objects (tokens, matches, mentions) that all
    live until the document is done; the collector, started by every 700 of them, walks them again
    and again: a sixth of the time on a long text, for no cycle to free (what an analysis drops
    is freed by reference counting). The collector runs again as it was once the last analysis of
    the process ends.
    """
    global _paused, _collector_was_enabled
    with _paused_lock:
        if _paused == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _collector_was_enabled:
                gc.enable()


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


def extract_mentions(
    text: str, language: str | None, published: dt.date | None, context: AnalysisContext | None = None
) -> list[Mention]:
    """Every fact mention of a text, with overlaps between extractors resolved."""
    context = context if context is not None else analysis_context()
    found = extract_numbers(text, language, context)
    dates = extract_dates(text, language, published, context)
    dates = [d for d in dates if not _counts_a_noun(d, found, text)]
    dates, found = _periods_of_rates(dates, found, text)
    date_spans = SpanSet((d.start, d.end) for d in dates)
    numbers = [m for m in found if not _swallowed_by_date(m, date_spans)]
    dates += bare_years(text, [(m.start, m.end) for m in (*dates, *numbers)])
    entities = find_entities(text, language, context)
    quotes = extract_quotes(text, language, entities, context)
    return sorted([*numbers, *dates, *entities, *quotes], key=lambda m: (m.start, m.end, m.kind))


# Invisible formatting characters (zero-width space and joiner, word joiner, direction marks and
# embeddings, soft hyphen, BOM) split "1\u200b000" into two numbers and a name into two words.
# The zero-width non-joiner stays: Persian spelling needs it (می‌گوید).
_INVISIBLE = regex.compile(r"[\p{Cf}--[\u200c]]+", regex.V1)


def extract_readable(
    text: str, language: str | None, published: dt.date | None, context: AnalysisContext
) -> list[Mention]:
    """:func:`extract_mentions` on ``text`` read without its invisible formatting characters;
    every offset is still an offset into ``text`` and every mention's text is ``text`` there."""
    if not _INVISIBLE.search(text):
        return extract_mentions(text, language, published, context)
    visible, origin = without_invisible(text)
    found = extract_mentions(visible, language, published, context)
    return [_back_in(text, origin, mention) for mention in found]


def without_invisible(text: str) -> tuple[str, list[int]]:
    """``text`` without invisible characters, and where each of its characters (and its end)
    stands in ``text``."""
    pieces, origin, position = [], [], 0
    for match in _INVISIBLE.finditer(text):
        pieces.append(text[position : match.start()])
        origin.extend(range(position, match.start()))
        position = match.end()
    pieces.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    return "".join(pieces), origin


def _back_in(text: str, origin: list[int], mention: Mention) -> Mention:
    start = origin[mention.start]
    end = origin[mention.end - 1] + 1 if mention.end > mention.start else start
    attrs = mention.attrs
    if isinstance(attrs, QuoteAttrs):
        moved = {}
        if attrs.speaker_start is not None:
            moved["speaker_start"] = origin[attrs.speaker_start]
        if attrs.speaker_end is not None:
            moved["speaker_end"] = origin[attrs.speaker_end - 1] + 1
        attrs = attrs.updated(moved) if moved else attrs
    return replace(mention, start=start, end=end, text=text[start:end], attrs=attrs)


def blank_outside(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` turned to spaces (line breaks kept), so that
    extractors read only those spans but every offset stays an offset into ``text``."""
    # Built from whole lines of spaces and whole spans, not character by character: a long
    # text mixing languages is blanked once per language.
    blank = "\n".join(" " * len(line) for line in text.split("\n"))
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end > start:
            pieces += [blank[position:start], text[start:end]]
            position = end
    pieces.append(blank[position:])
    return "".join(pieces)


def extract_facts(article: Article, sentences: list[Sentence], context: AnalysisContext) -> list[Fact]:
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
        for mention in extract_readable(view, language, published, context):
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
        # The article's own text at the offsets, whatever the extractor read there (a removed
        # line is blanked in what it reads, an invisible character left out).
        text=article.text[mention.start : mention.end],
        sentence=sentence,
        attrs=mention.attrs,  # typed and frozen: shared, never copied
    )


def _counts_a_noun(date: Mention, numbers: list[Mention], text: str) -> bool:
    """A bare year right before the noun it counts is the count: "in 2000 homes", "在 2000 英尺".

    ``numbers`` are in text order and do not overlap one another, so only the few that start
    before the date ends need a look (bisection keeps long texts linear).
    """
    if not (isinstance(date.attrs, DateAttrs) and date.attrs.bare):
        return False
    index = _before(numbers, date.end)
    for number in reversed(numbers[max(0, index - 4) : index]):
        noun = number.attrs.noun_span if isinstance(number.attrs, QuantityAttrs) else None
        overlaps = number.start < date.end and date.start < number.end
        if overlaps and noun and not text[date.end : noun[0]].strip():
            return True
    return False


# A recurrence's unit by the letter of its ISO duration ("R/P1Y").
_RECURRENCE_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
# Where a sentence ends, for the amount a recurrence is the period of.
# A full stop before a lower-case word ends an abbreviation ("2 тыс. человек"), not a sentence.
_SENTENCE_END = regex.compile(r"[.!?؟…]+(?=\s+(?!\p{Ll})|\s*$)|[。！？]|\n")
_SENTENCE_REACH = 400  # characters looked at on either side of a recurrence


def _periods_of_rates(
    dates: list[Mention], numbers: list[Mention], text: str
) -> tuple[list[Mention], list[Mention]]:
    """A recurrence in a sentence with an amount is that amount's period ("жыл сайын 200 мың
    тонна", "Chaque année, l'usine traite 9 millions de litres", "2 Mio. pro Jahr"), not a date
    of its own: a source that writes "200 000 tonnes a year" reports the same one fact. The
    nearest amount without another period takes it as its ``per``, and where it is written as
    ``per_span``."""
    kept: list[Mention] = []
    in_dates = SpanSet((d.start, d.end) for d in dates)  # "12" of "12 марта" is no amount
    updated = list(numbers)
    for date in dates:
        unit = _rate_unit(date)
        target = _amount_of(date, unit, updated, text, in_dates) if unit else None
        if target is None:
            kept.append(date)
            continue
        number = updated[target]
        if isinstance(number.attrs, QuantityAttrs):
            period = {"per": unit, "per_span": [date.start, date.end]}
            updated[target] = replace(number, attrs=number.attrs.updated(period))
    return kept, updated


def _rate_unit(date: Mention) -> str | None:
    """The unit of a recurrence of one unit ("R/P1Y" -> year); "every four years" is no rate's period."""
    value = date.value if isinstance(date.value, str) else ""
    if not (value.startswith("R/P1") and value[4:-1] == "" and isinstance(date.attrs, DateAttrs)):
        return None
    return _RECURRENCE_UNITS.get(value[-1])


def _amount_of(date: Mention, unit: str, numbers: list[Mention], text: str, in_dates: SpanSet) -> int | None:
    """The index of the nearest amount in the recurrence's sentence that may be per its unit."""
    low = max(0, date.start - _SENTENCE_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, date.start)]
    first = ends[-1] if ends else low
    after = _SENTENCE_END.search(text, date.end, date.end + _SENTENCE_REACH)
    last = after.start() if after else min(len(text), date.end + _SENTENCE_REACH)
    best: tuple[int, int] | None = None
    for index in range(_before(numbers, first), _before(numbers, last)):
        number = numbers[index]
        attrs = number.attrs
        if not isinstance(attrs, QuantityAttrs) or attrs.per not in (None, unit) or number.end > last:
            continue
        if in_dates.overlaps(number.start, number.end):
            continue
        distance = max(number.start - date.end, date.start - number.end, 0)
        if best is None or distance < best[0]:
            best = (distance, index)
    return best[1] if best else None


def _before(numbers: list[Mention], position: int) -> int:
    """How many of ``numbers`` (in text order) start before ``position``."""
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle].start < position:
            low = middle + 1
        else:
            high = middle
    return low


def _swallowed_by_date(number: Mention, dates: SpanSet) -> bool:
    """A bare number inside a date ("12 марта 2025") is part of the date, not a quantity.

    A currency amount or a percentage keeps its own fact even when a date overlaps it.
    """
    if number.kind == "percent" or (isinstance(number.attrs, QuantityAttrs) and number.attrs.currency):
        return False
    return dates.overlaps(number.start, number.end)

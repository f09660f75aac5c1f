"""What the linker knows of an article: its title + lead, its day, its language-neutral anchors.

Anchors are the facts that read the same in every language: canonical entities, normalised
quantities and percentages, resolved dates. Two reports of one event share several of them;
two events with the same people share the people but not the dates and figures.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import regex

from ..extract.headline import separate_title as _separate_title
from ..lang.scripts import WORD
from ..model import DateAttrs, Document, EntityAttrs, Fact, QuantityAttrs, attrs_as

# The title and the lead sentence: as good for linking as two sentences on the dev and hard
# corpora (B-cubed F1 1.000 and 0.945 against 1.000 and 0.942) at two thirds of the encoder's cost.
LEAD_SENTENCES = 1
LEAD_CHARS = 600
NO_DAY = -1

# How much one shared anchor of each sort says about two articles reporting one event.
ANCHOR_WEIGHTS = {
    "q": 1.0,
    "p": 1.0,
    "n": 0.6,
    "s": 0.4,
    "d": 0.7,
    "person": 0.8,
    "organisation": 0.6,
    "place": 0.45,
    "e": 0.5,
    "t": 0.0,  # headline subjects: no evidence, only a penalty when they differ
    "m": 0.0,  # the days an undated article's dates cover: no evidence, a time window
    "k": 0.3,  # a word of a name as extracted ("kogler" of "vizekanzler werner kogler"): supplementary
    "w": 0.3,  # a rare word of the title and lead: evidence between articles in one language
    "h": 0.3,  # a word of the headline: how alike two headlines are, supplementary
    "c": 0.3,  # a capitalised word of the title and lead as written: evidence across languages only
}
TITLE_PREFIX = "t:"
WINDOW_PREFIX = "m:"
# Evidence that only adds to a pair sharing other anchors: it neither opens the evidence gate
# nor brings candidates.
SUPPLEMENTARY_KINDS = frozenset({"h"})
# The words of names ("k:") bring candidates and are evidence only where no name both articles
# share accounts for them (link.score): one name written the same way is one name's evidence,
# and its words repeat it; one name written two ways shares only its words.
NAME_WORD_KINDS = frozenset({"k"})
# Words as written ("c:") are evidence only between two languages, and only where no shared name
# accounts for them (link.score); between articles of one language the lexical and name anchors
# already hold them. Like the words of names they stay out of an article's own evidence mass.
SPELLED_KINDS = frozenset({"c"})
_SUPPLEMENTARY_PREFIXES = tuple(f"{kind}:" for kind in sorted(SUPPLEMENTARY_KINDS))
_NAME_WORD_PREFIXES = tuple(f"{kind}:" for kind in sorted(NAME_WORD_KINDS))
_SPELLED_PREFIXES = tuple(f"{kind}:" for kind in sorted(SPELLED_KINDS))
_OUTSIDE_MASS_PREFIXES = _NAME_WORD_PREFIXES + _SUPPLEMENTARY_PREFIXES + _SPELLED_PREFIXES
_LEXICAL_PREFIX = "w:"
SPECIFIC_KINDS = frozenset({"q", "p", "n", "d", "s"})  # figures and dates, as opposed to names
GENERIC_UNITS = frozenset({"country", "side", "year", "month", "week", "day", "hour", "minute", "time"})


# Words of the title and lead, beside the names and figures: what happened ("earthquake",
# "ceasefire", "Stromausfall") in the article's own words. Only articles written in one language
# share them; rarity (the store's counts) tells a telling word from a common one. Short words are
# mostly grammar in the languages with spaces; a few dozen per article keep the index small.
LEXICAL_KIND = "w"
LEXICAL_SENTENCES = 3
LEXICAL_MIN_LETTERS = 5
LEXICAL_WORDS = 30
# A word counts by its first letters: two reports inflect one word differently ("crashes" /
# "crashed", "Gläubigen" / "Gläubiger"), and no language's stemmer is needed to see it.
LEXICAL_STEM_LETTERS = 6


@dataclass(frozen=True)
class Features:
    rowid: int
    article_id: str
    day: int  # days since 1970-01-01, NO_DAY when the publication date is unknown
    anchors: frozenset[str]
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    order: tuple = ()  # the deterministic processing order: (published, article id)
    language: str | None = None  # detected; two languages make a cross-lingual pair


def title_and_lead(document: Document) -> str:
    """The text the encoder sees: the title and the first sentences of the body."""
    title = (document.article.title or "").strip()
    body = [s.text for s in document.sentences if s.block == "body"][:LEAD_SENTENCES]
    lead = " ".join(body)
    text = f"{title}. {lead}" if title and not lead.startswith(title) else (lead or title)
    return text[:LEAD_CHARS]


def day_number(published: str | None) -> int:
    if not published:
        return NO_DAY
    try:
        return (dt.date.fromisoformat(published[:10]) - dt.date(1970, 1, 1)).days
    except ValueError:
        return NO_DAY


def _significant(value: float, digits: int = 3) -> str:
    if value == 0 or not math.isfinite(value):
        return "0"
    return f"{value:.{digits}g}"


def entity_anchor(value: object, entity_type: str | None) -> str:
    return f"{entity_type or 'e'}:{str(value).casefold()}"


def _is_specific_number(value: float) -> bool:
    """A figure unlikely to recur by chance: not a small or round count (1,240; 5.1; 18.7)."""
    if abs(value) < 10 and float(value).is_integer():
        return False
    digits = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits) >= 2


def fact_anchors(fact: Fact) -> list[str]:
    """The language-neutral anchors one fact contributes."""
    if fact.kind == "entity" and fact.value:
        return [entity_anchor(fact.value, fact.type)]
    if fact.kind == "quantity" and isinstance(fact.value, (int, float)):
        value = float(fact.value)
        anchors = []
        # A counted thing the language data knows is the strongest figure anchor; a small count
        # ("4 injured") weighs less, generic ones ("two countries", "three days") not at all. A
        # figure whose noun no lexicon translates is anchored by its value alone when the value
        # is unlikely to recur by chance ("5,1 büyüklüğünde" / "Stärke 5,1").
        figure = attrs_as(QuantityAttrs, fact)
        known = figure.lemma or figure.currency
        if known and fact.unit and fact.unit not in GENERIC_UNITS:
            prefix = "q" if abs(value) >= 10 or figure.currency else "s"
            anchors.append(f"{prefix}:{fact.unit}:{_significant(value)}")
        elif not known and _is_specific_number(value):
            anchors.append(f"n:{_significant(value)}")
        return anchors
    if fact.kind == "percent" and isinstance(fact.value, (int, float)):
        return [f"p:{fact.unit}:{_significant(float(fact.value))}"]
    if fact.kind == "date" and isinstance(fact.value, str) and len(fact.value) == 10:
        return [f"d:{fact.value}"]
    return []


def fact_anchor(fact: Fact) -> str | None:
    """The main anchor of one fact (see :func:`fact_anchors`)."""
    anchors = fact_anchors(fact)
    return anchors[0] if anchors else None


def title_anchors(document: Document) -> set[str]:
    """Canonical people and places of the headline: what the article is mainly about.

    They add no evidence; two headlines about different known people lower a link's score.
    """
    headline = {s.index for s in headline_sentences(document)}
    return {
        f"{TITLE_PREFIX}{entity_anchor(f.value, f.type)}"
        for f in document.facts
        if f.kind == "entity"
        and f.sentence.index in headline
        and f.type in ("person", "place")
        and attrs_as(EntityAttrs, f).canonical
    }


def lexical_anchors(document: Document) -> set[str]:
    """Rare-word anchors: the first long words of the title and lead that are not part of a name.

    Names already anchor as entities; counting their words again would make two articles about
    the same people look like one event.
    """
    sentences = [s for s in document.sentences if s.block == "title"]
    sentences += [s for s in document.sentences if s.block == "body"][:LEXICAL_SENTENCES]
    names = [(f.start, f.end) for f in document.facts if f.kind == "entity"]
    words: dict[str, None] = {}
    # A title kept apart from the text comes first, as a title block would (its names unknown).
    for match in WORD.finditer(separate_title(document) or ""):
        if len(match.group()) >= LEXICAL_MIN_LETTERS:
            words.setdefault(f"{LEXICAL_KIND}:{match.group().casefold()[:LEXICAL_STEM_LETTERS]}")
    for sentence in sentences:
        for match in WORD.finditer(sentence.text):
            start = sentence.start + match.start()
            if len(match.group()) < LEXICAL_MIN_LETTERS or any(a <= start < b for a, b in names):
                continue
            words.setdefault(f"{LEXICAL_KIND}:{match.group().casefold()[:LEXICAL_STEM_LETTERS]}")
            if len(words) >= LEXICAL_WORDS:
                return set(words)
    return set(words)


HEADLINE_KIND = "h"
HEADLINE_MIN_LETTERS = 4


def headline_sentences(document: Document) -> list:
    """The headline: the title block, or the first sentence of an article without one."""
    title = [s for s in document.sentences if s.block == "title"]
    return title or list(document.sentences[:1])


def headline_word_anchors(document: Document) -> set[str]:
    """The words of the headline, names included: "h:earthquake", "h:ghosn".

    The encoder already reads the headline; what its shared words add is where they come from.
    Fitted beside the cosine and the lead's words, shared headline mass weighs *against* a link:
    the unrelated SemEval pairs that share headline words are mostly one site's series or rubric
    ("POL-<town>: (<code>) <town> -", "<Region>. Photo :"), page furniture rather than the
    event. Supplementary: never evidence, never a candidate.
    """
    words = set()
    title = separate_title(document)
    for text in [title] if title else [s.text for s in headline_sentences(document)]:
        for match in WORD.finditer(text.casefold()):
            if len(match.group()) >= HEADLINE_MIN_LETTERS:
                words.add(f"{HEADLINE_KIND}:{match.group()}")
    return words


NAME_TOKEN_KIND = "k"
NAME_TOKEN_MIN_LETTERS = 4


def name_token_anchors(document: Document) -> set[str]:
    """The words of the names an article mentions, each an anchor of its own.

    Extracted name spans vary between two reports of one event ("Kultusminister Lorz",
    "Hessens Kultusminister Alexander Lorz"; "Machthaber Kim Jong Un", "Machthabers Kim Jong
    Un"); their words still match, in every language that writes the name the same way.
    """
    tokens = set()
    for fact in document.facts:
        # A canonical name already matches across its spellings and scripts.
        if fact.kind == "entity" and fact.value and not attrs_as(EntityAttrs, fact).canonical:
            tokens |= {f"{NAME_TOKEN_KIND}:{word}" for word in name_words(str(fact.value))}
    return tokens


def name_words(name: str) -> list[str]:
    """The words of a name that anchor on their own ("k:" anchors)."""
    return [m.group() for m in WORD.finditer(name.casefold()) if len(m.group()) >= NAME_TOKEN_MIN_LETTERS]


def separate_title(document: Document) -> str | None:
    """The article's title when no sentence of its text is the title (else None)."""
    return _separate_title(document.article.title, document.sentences)


SPELLED_KIND = "c"
SPELLED_MIN_LETTERS = 4
SPELLED_WORDS = 40
_CAPITALISED = regex.compile(r"\p{Lu}")


def spelled_anchors(document: Document) -> set[str]:
    """The capitalised words of the title and lead, whole, as written: "c:bieber", "c:huawei".

    Two languages write a name alike in one script whatever their extractors made of it: a
    name in quotation marks ("the probe „Velocaro“"), a product's camel-cased name, a person
    opening a headline in a language that capitalises every noun, a surname read with a
    genitive ending cut. A word two languages both write with a capital is a name or a
    loanword far more often than chance; rarity weighs it. Scripts without case give none.
    """
    words: dict[str, None] = {}
    for text in _title_and_lead_texts(document):
        for match in WORD.finditer(text):
            word = match.group()
            if len(word) >= SPELLED_MIN_LETTERS and _CAPITALISED.match(word):
                words.setdefault(f"{SPELLED_KIND}:{word.casefold()}")
                if len(words) >= SPELLED_WORDS:
                    return set(words)
    return set(words)


def _title_and_lead_texts(document: Document) -> list[str]:
    """The title (kept apart or the title block) and the first sentences of the body."""
    title = separate_title(document)
    texts = [title] if title else []
    texts += [s.text for s in document.sentences if s.block == "title"]
    texts += [s.text for s in document.sentences if s.block == "body"][:LEXICAL_SENTENCES]
    return texts


def headline_name_anchors(document: Document) -> set[str]:
    """The names of a title kept apart from the text (read at analysis: ``Document.headline_names``),
    anchored as the body's names are."""
    anchors = set()
    for mention in document.headline_names:
        attrs = attrs_as(EntityAttrs, mention)
        anchors.add(entity_anchor(mention.value, attrs.type))
        if not attrs.canonical:
            anchors |= {f"{NAME_TOKEN_KIND}:{word}" for word in name_words(str(mention.value))}
    return anchors


def document_anchors(document: Document) -> frozenset[str]:
    anchors = {a for fact in document.facts for a in fact_anchors(fact)}
    anchors |= title_anchors(document) | lexical_anchors(document) | name_token_anchors(document)
    anchors |= headline_name_anchors(document) | spelled_anchors(document)
    anchors |= headline_word_anchors(document)
    window = mentioned_window(document) if day_number(document.article.published) == NO_DAY else None
    return frozenset(anchors | {window} if window else anchors)


def mentioned_window(document: Document) -> str | None:
    """The days the dates of an undated article's text cover, as an anchor: "m:2023-11-01/2023-11-30".

    An article without a publication date is still of its time: one that mentions only days of
    November 2023 is no report of an event of March 2025. Only days and months place it: a year
    alone is background far more often than the time of the report ("on the run since 1994",
    "the first coalition since 1939", "carbon-neutral by 2050"), and on the SemEval pairs windows
    built from years kept 8 of 145 same-event pairs apart.
    """
    spans = [span for fact in document.facts if (span := _absolute_span(fact)) is not None]
    if not spans:
        return None
    first, last = min(first for first, _ in spans), max(last for _, last in spans)
    return f"{WINDOW_PREFIX}{first.isoformat()}/{last.isoformat()}"


def _absolute_span(fact: Fact) -> tuple[dt.date, dt.date] | None:
    if fact.kind != "date" or not isinstance(fact.value, str) or attrs_as(DateAttrs, fact).relative:
        return None
    ends = fact.value.split("/")
    if any(end.count("-") < 1 for end in ends):
        return None  # a year alone: background, not the article's time
    try:
        return _first_day(ends[0]), _last_day(ends[-1])
    except ValueError:
        return None


def _first_day(value: str) -> dt.date:
    parts = [int(part) for part in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(value: str) -> dt.date:
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


@lru_cache(maxsize=8192)  # asked for both sides of every scored pair
def mentioned_days(anchors: frozenset[str]) -> tuple[int, int] | None:
    """The first and last day number of an article's "m:" anchor (see :func:`mentioned_window`)."""
    for anchor in anchors:
        if anchor.startswith(WINDOW_PREFIX):
            first, _, last = anchor[len(WINDOW_PREFIX) :].partition("/")
            return day_number(first), day_number(last)
    return None


def anchor_kind(anchor: str) -> str:
    return anchor.split(":", 1)[0]


def is_specific(anchor: str) -> bool:
    """Whether an anchor is a figure or a date (rather than a name)."""
    return anchor_kind(anchor) in SPECIFIC_KINDS


def is_supplementary(anchor: str) -> bool:
    return anchor.startswith(_SUPPLEMENTARY_PREFIXES)


def is_name_word(anchor: str) -> bool:
    return anchor.startswith(_NAME_WORD_PREFIXES)


def is_spelled(anchor: str) -> bool:
    return anchor.startswith(_SPELLED_PREFIXES)


def counts_in_mass(anchor: str, across: bool = False) -> bool:
    """Whether an anchor counts in an article's own evidence mass (its names' words repeat its
    names); ``across``: the mass against an article in another language, where the words of
    its own language (lexical anchors) cannot be shared."""
    if across and anchor.startswith(_LEXICAL_PREFIX):
        return False
    return not anchor.startswith(_OUTSIDE_MASS_PREFIXES)


def anchor_weight(anchor: str) -> float:
    return ANCHOR_WEIGHTS.get(anchor_kind(anchor), 0.5)


def features_of(rowid: int, document: Document, vector: np.ndarray | None) -> Features:
    article = document.article
    return Features(
        rowid=rowid,
        article_id=article.id,
        day=day_number(article.published),
        anchors=document_anchors(document),
        vector=vector,
        order=(article.published or "9999", article.id),
        language=article.language,
    )

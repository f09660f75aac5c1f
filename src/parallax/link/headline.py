"""Names of a headline that came apart from the text (a page's or a feed's title field).

Such a title is never among the sentences the extractors read, so the names it alone carries
("<Person> wins ...", "<Company> recalls ...") anchor nothing, though a headline names what the
article is about. They are read here, for linking only: a name the curated lexicon knows counts
as it is; any other counts when the body writes one of its words too (a capitalised word of a
headline is often just title case).
"""

from __future__ import annotations

import regex

from ..extract.context import analysis_context
from ..extract.entities import find_entities
from ..model import Document, EntityAttrs, attrs_as

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
MIN_NAME_WORD_LETTERS = 4
LEAD_CHARS = 600


def separate_title(document: Document) -> str | None:
    """The article's title when no sentence of its text is the title (else None)."""
    title = (document.article.title or "").strip()
    if not title or any(sentence.block == "title" for sentence in document.sentences):
        return None
    return title


def headline_names(document: Document) -> list[tuple[str, str | None, bool]]:
    """(value, type, canonical) of the names of a separate title the article stands behind."""
    title = separate_title(document)
    if title is None:
        return []
    body = {
        word.group()
        for sentence in document.sentences
        if sentence.block == "body"
        for word in _WORD.finditer(sentence.text.casefold())
    }
    # Read with the lead after it: a name opening a headline is capitalised like any first word,
    # and the lead writing it mid-sentence is what tells it is a name.
    lead = " ".join(s.text for s in document.sentences if s.block == "body")[:LEAD_CHARS]
    names = []
    for mention in find_entities(f"{title}\n{lead}", document.article.language, analysis_context()):
        if mention.start >= len(title) or mention.kind != "entity" or not mention.value:
            continue
        attrs = attrs_as(EntityAttrs, mention)
        words = [w.group() for w in _WORD.finditer(mention.text.casefold())]
        supported = any(len(word) >= MIN_NAME_WORD_LETTERS and word in body for word in words)
        if attrs.canonical or supported:
            names.append((str(mention.value), attrs.type, attrs.canonical))
    return names

"""Names of a headline that came apart from the text (a page's or a feed's title field).

Such a title is never among the sentences the extractors read, so the names it alone carries
("<Person> wins ...", "<Company> recalls ...") would anchor nothing, though a headline names
what the article is about. They are read here, with the analysis's own context, and kept on
the Document beside its facts: a name the curated lexicon knows counts as it is; any other
counts when the body writes one of its words too (a capitalised word of a headline is often
just title case).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lang.scripts import WORD
from ..model import EntityAttrs, Mention, Sentence, attrs_as
from .context import AnalysisContext
from .entities import find_entities

MIN_NAME_WORD_LETTERS = 4
LEAD_CHARS = 600


def separate_title(title: str | None, sentences: Sequence[Sentence]) -> str | None:
    """The article's title when no sentence of its text is the title (else None)."""
    title = (title or "").strip()
    if not title or any(sentence.block == "title" for sentence in sentences):
        return None
    return title


def headline_names(
    title: str | None, sentences: Sequence[Sentence], language: str | None, context: AnalysisContext
) -> list[Mention]:
    """The names of a separate title the article stands behind (offsets into the stripped title)."""
    title = separate_title(title, sentences)
    if title is None:
        return []
    body_sentences = [s.text for s in sentences if s.block == "body"]
    body = {word.group() for text in body_sentences for word in WORD.finditer(text.casefold())}
    # Read with the lead after it: a name opening a headline is capitalised like any first word,
    # and the lead writing it mid-sentence is what tells it is a name.
    lead = " ".join(body_sentences)[:LEAD_CHARS]
    names = []
    for mention in find_entities(f"{title}\n{lead}", language, context):
        if mention.start >= len(title) or mention.kind != "entity" or not mention.value:
            continue
        words = [w.group() for w in WORD.finditer(mention.text.casefold())]
        supported = any(len(word) >= MIN_NAME_WORD_LETTERS and word in body for word in words)
        if attrs_as(EntityAttrs, mention).canonical or supported:
            names.append(mention)
    return names

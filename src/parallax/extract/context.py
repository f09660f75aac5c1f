"""What an analysis reads besides the text: language tables, the names it knows, its settings.

Extraction used to find these through module state: a learned-alias file chosen for the whole
process, and indexes rebuilt whenever another caller chose another one. Now the edges of the
program (the API, the CLI, the store, a worker) build one :class:`AnalysisContext` with
:func:`analysis_context` and hand it to ``pipeline.analyse``, which passes it to every extractor
and the comparison; two contexts with different names never meet in one process's tables.

The context owns what extraction reads: the language tables (``tables.LanguageTables``: each
built on first use per language by the builder that asks, then kept there) and the lexicon
(with what is derived from its names). Building them is costly the first time (the entity
table, the spelling keys, the phrase index of each language, the date grammars); they are pure
functions of parallax's data, the costly parts are stored in the cache directory
(``tables.py``), the contexts built here share one set of language tables, and a context is
kept per explicit input (the learned names' text, the settings), so asking again is cheap.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..tables import LanguageTables, memoised, shared_tables
from .entities.lexicon import Lexicon, build_lexicon


@dataclass(frozen=True)
class Settings:
    """How articles are analysed: chosen by the user, recorded with what they give.

    ``clean``: remove boilerplate before extraction (off for text that is already clean).
    ``learned``: the learned-alias file whose names are known (None: curated names only).
    """

    clean: bool = True
    learned: Path | None = None


@dataclass(frozen=True)
class AnalysisContext:
    """Everything the per-document pipeline reads besides the article: one per alias set.

    ``tables`` holds the per-language tables the extractors read (number words, date grammar,
    quote and entity rules), built on first use per language and kept there. They depend on
    parallax's data only, so the contexts the edges build share one set (``shared_tables``);
    a context built with its own set builds its own.
    """

    lexicon: Lexicon
    settings: Settings = field(default_factory=Settings)
    tables: LanguageTables = field(default_factory=shared_tables)

    @property
    def aliases(self) -> dict[str, str | None]:
        """Digests of the names this context knows ({"curated", "learned"})."""
        return dict(self.lexicon.aliases)

    def prepare(self, languages: Iterable[str | None]) -> None:
        """Build what extraction reads for ``languages`` (None: the language-neutral rules) now.

        Each is built on first use anyway; building ahead keeps that cost out of a first
        comparison, and the derived tables are stored in the cache directory for later processes.
        """
        from ..lang.dates.grammar import grammar
        from ..lang.lemmas import lemmatiser
        from .entities import places
        from .entities.canon import known_keys
        from .entities.common import prepare_frequencies
        from .entities.gazetteer import gazetteer_for
        from .entities.lexicon import curated_key_names
        from .entities.rules import rules_for, segmenter_tags
        from .entities.segmenter import prepare as prepare_segmenter
        from .number_lexicon import lexicon
        from .quotes import quote_rules

        known_keys(self.lexicon)
        curated_key_names()
        places.prepare()  # the towns' index of every script
        for language in languages:
            for build in (grammar, lexicon, quote_rules):
                self.tables.get(build, language)
            self.tables.get(lemmatiser, language).prepare()  # simplemma's trie, built and stored
            gazetteer_for(language, self.lexicon)
            rules = self.tables.get(rules_for, language)
            prepare_frequencies(rules)  # the language's word frequencies
            # jieba's tables, for Chinese
            prepare_segmenter(rules.word_segmenter, rules.name_chars, segmenter_tags(rules))


def analysis_context(*, learned: str | os.PathLike | None = None, clean: bool = True) -> AnalysisContext:
    """The context of an analysis knowing the curated names, and the names learned in the
    file at ``learned`` when given (read now: a file saved later needs a new context)."""
    path = Path(learned) if learned is not None else None
    records = json.dumps(_learned_records(path), ensure_ascii=False, sort_keys=True) if path else None
    return _context(Settings(clean=clean, learned=path), records)


@memoised(maxsize=8)
def _context(settings: Settings, records: str | None) -> AnalysisContext:
    """Keyed on the learned names' text, not the path: an edited file gives a new lexicon."""
    return AnalysisContext(build_lexicon(json.loads(records) if records is not None else None), settings)


def _learned_records(path: Path) -> list[dict]:
    from .entities.learned_file import as_alias_records, load_learned_aliases

    return as_alias_records(load_learned_aliases(path))

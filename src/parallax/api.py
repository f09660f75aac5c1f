"""The Python API: the same thing the CLI prints, as typed records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Union

from .compare import compare_documents
from .encode import Encoder
from .ingest import article_ids, read_article
from .model import Article, Comparison, Document, InputError
from .pipeline import analyse

Source = Union[str, os.PathLike, tuple[str, str], Article]  # noqa: UP007 -- a runtime alias
Progress = Callable[[str], None]


def load_articles(sources: Sequence[Source]) -> list[Article]:
    """Articles from paths ("-" for stdin), (id, text) pairs or Articles, with unique ids."""
    paths = [str(s) for s in sources if isinstance(s, (str, os.PathLike))]
    ids = iter(article_ids(paths))
    articles = []
    for source in sources:
        if isinstance(source, Article):
            articles.append(source)
        elif isinstance(source, tuple):
            article_id, text = source
            articles.append(Article(id=article_id, text=text))
        else:
            articles.append(read_article(source, article_id=next(ids)))
    return articles


def extract(
    sources: Sequence[Source], *, clean: bool = True, progress: Progress | None = None
) -> list[Document]:
    """Each article's facts on its own, without comparing."""
    documents = []
    for article in load_articles(sources):
        if progress:
            progress(article.id)
        documents.append(analyse(article, clean_text=clean))
    return documents


def compare(
    sources: Sequence[Source],
    *,
    clean: bool = True,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two or more articles fact by fact.

    >>> comparison = compare(["a.txt", "b.html"])          # doctest: +SKIP
    >>> [f.value for f in comparison.facts if f.status == "conflict"]  # doctest: +SKIP
    """
    if len(sources) < 2:
        name = source_name(sources[0]) if sources else "compare"
        raise InputError(
            name, "nothing to compare with: give two or more articles (`parallax extract` shows one)"
        )
    return compare_documents(extract(sources, clean=clean, progress=progress), encoder)


def source_name(source: Source) -> str:
    if isinstance(source, Article):
        return source.id
    if isinstance(source, tuple):
        return source[0]
    return str(source)


def examples_dir() -> Path:
    """The bundled example corpus: in the source tree, next to ``src/``."""
    return Path(__file__).resolve().parents[2] / "examples"


def iter_example_stories(root: Path | None = None) -> Iterable[tuple[str, list[Path]]]:
    """(story name, article files) for each story folder of the example corpus."""
    root = root or examples_dir()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".htm"))
        if len(files) >= 2:
            yield folder.name, files

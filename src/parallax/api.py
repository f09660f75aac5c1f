"""The Python API: the same thing the CLI prints, as typed records."""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Union

from .compare import compare_documents
from .encode import Encoder
from .extract.context import AnalysisContext, analysis_context
from .extract.entities import learn_aliases, learned_aliases_path, save_learned_aliases
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


def analyse_articles(
    sources: Sequence[Source],
    *,
    clean: bool = True,
    learn: bool = False,
    progress: Progress | None = None,
    published: str | None = None,
    language: str | None = None,
) -> list[Document]:
    """Each article's facts on its own, without comparing.

    ``learn``: also know the names earlier comparisons learned (the learned-alias file); by
    default only the curated names, so that the same input always gives the same facts.
    ``published`` (ISO 8601) and ``language`` (a code parallax knows) are given by the user for
    every article read, and win over what parallax would find in the text.
    """
    return _analysed(sources, context_for(learn, clean), progress, published, language)


def _analysed(
    sources: Sequence[Source],
    context: AnalysisContext,
    progress: Progress | None,
    published: str | None = None,
    language: str | None = None,
) -> list[Document]:
    given_date, given_language = checked_overrides(published, language)
    documents = []
    for article in load_articles(sources):
        if progress:
            progress(article.id)
        article = replace(
            article, published=given_date or article.published, language=given_language or article.language
        )
        documents.append(analyse(article, context))
    return documents


def context_for(learn: bool, clean: bool = True) -> AnalysisContext:
    """The analysis context of a call: curated names, plus the learned-alias file's when ``learn``.

    The file is read now: names saved later are known to contexts asked for afterwards.
    """
    return analysis_context(learned=learned_aliases_path() if learn else None, clean=clean)


def checked_overrides(published: str | None, language: str | None) -> tuple[str | None, str | None]:
    """The user's publication date as ISO 8601 and language code, or a clear error."""
    from .ingest.run import iso_datetime

    iso = iso_datetime(published) if published is not None else None
    if published is not None and iso is None:
        raise InputError("--published", f"{published!r} is not a date: give YYYY-MM-DD")
    code = language.strip().lower() if language is not None else None
    if code is not None and code not in known_languages():
        known = ", ".join(known_languages())
        raise InputError("--language", f"no language data for {language!r} (known: {known})")
    return iso, code


def compare_articles(
    sources: Sequence[Source],
    *,
    clean: bool = True,
    encoder: Encoder | None = None,
    learn: bool = False,
    progress: Progress | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Comparison:
    """Compare two or more articles fact by fact.

    ``learn``: use the learned-alias file and grow it with the names this comparison matched
    across languages. Off by default: a comparison then reads and writes no file of the user's,
    and the same input always gives the same comparison.

    >>> comparison = compare(["a.txt", "b.html"])          # doctest: +SKIP
    >>> [f.value for f in comparison.facts if f.status == "conflict"]  # doctest: +SKIP
    """
    if len(sources) < 2:
        name = source_name(sources[0]) if sources else "compare"
        raise InputError(
            name, "nothing to compare with: give two or more articles (`parallax extract` shows one)"
        )
    context = context_for(learn, clean)
    documents = _analysed(sources, context, progress, published, language)
    comparison = compare_documents(documents, encoder, context)
    comparison.aliases = context.aliases
    if learn:
        remember_names(comparison, context)
    return comparison


def known_languages() -> tuple[str, ...]:
    """Codes of every language parallax has data for."""
    from .lang import languages

    return languages()


def prepare(languages: Iterable[str] | None = None, *, progress: Progress | None = None) -> list[str]:
    """Build and store the derived language tables (every language by default); their codes.

    Run once after installing or upgrading (``parallax prepare``) so that no process pays for
    them in its first comparison; without it they are built on first use.
    """
    codes = list(languages) if languages is not None else list(known_languages())
    unknown = sorted(set(codes) - set(known_languages()))
    if unknown:
        raise InputError("prepare", f"no language data for {', '.join(unknown)}")
    _prepare_cleaning_and_detection()
    context = analysis_context()
    context.prepare([None])
    for code in codes:
        if progress:
            progress(code)
        context.prepare([code])
    return codes


def _prepare_cleaning_and_detection() -> None:
    """The cleaner's stamp and dateline patterns and the detection profiles: every language's at once."""
    from .clean.dates import prepare as prepare_dates
    from .detect.profiles import candidate_codes, profile

    prepare_dates()
    profile(candidate_codes()[0])  # every candidate language's profile, stored as one table


def remember_names(comparison: Comparison, context: AnalysisContext) -> None:
    """Grow the learned-alias file with names this comparison matched across languages.

    Called only when learning was asked for (``learn=True``, ``--learn``, a store that learns);
    a read-only or full disk only means nothing is learned.
    """
    groups = [[(m.sentence.language, m) for m in f.mentions] for f in comparison.facts if f.kind == "entity"]
    with contextlib.suppress(OSError):
        save_learned_aliases(learn_aliases(groups, context.lexicon), context.settings.learned)


def source_name(source: Source) -> str:
    if isinstance(source, Article):
        return source.id
    if isinstance(source, tuple):
        return source[0]
    return str(source)


def examples_dir() -> Path:
    """The bundled example corpus: in the source tree, next to ``src/``."""
    return Path(__file__).resolve().parents[2] / "examples"


def example_articles(files: Sequence[Path]) -> list[Article]:
    """The articles of example files, with the outlet their corpus manifest names.

    Scraped text files carry no outlet metadata; a corpus may list it in ``stories.toml``
    beside the story folders (``[[stories.articles]]`` with ``file`` and ``outlet``).
    """
    articles = load_articles(list(files))
    outlets = _manifest_outlets(Path(files[0]).parent.parent) if files else {}
    for article, path in zip(articles, files, strict=True):
        article.outlet = article.outlet or outlets.get(Path(path).name)
    return articles


def _manifest_outlets(root: Path) -> dict[str, str]:
    manifest = root / "stories.toml"
    if not manifest.is_file():
        return {}
    try:
        record = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {
        Path(article["file"]).name: article["outlet"]
        for story in record.get("stories", [])
        for article in story.get("articles", [])
        if article.get("file") and article.get("outlet")
    }


def iter_example_stories(root: Path | None = None) -> Iterable[tuple[str, list[Path]]]:
    """(story name, article files) for each story folder of the example corpus."""
    root = root or examples_dir()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".htm"))
        if len(files) >= 2:
            yield folder.name, files

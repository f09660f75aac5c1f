"""The analysis context: built once per input, passed explicitly, never switched behind a caller."""

from __future__ import annotations

import copy
import json

from parallax.extract.context import analysis_context
from parallax.model import Article
from parallax.pipeline import analyse

# Written for these tests: junk lines, a title, a dateline, a body with a minister no curated
# file knows.
TEXT = (
    "USD 470,15  EUR 512,40\n"
    "Выработка электроэнергии выросла на 4,5%\n"
    "АСТАНА, 14 марта 2025 — Новости энергетики. "
    "Министр энергетики Нурлан Сапаров заявил, что выработка выросла на 4,5%.\n"
    "«Мы завершим модернизацию ТЭЦ до конца года», — сказал Сапаров журналистам.\n"
    "Поделиться в соцсетях\n"
)

LEARNED = {"schema": 1, "entity": [{
    "name": "Nurlan Saparov", "type": "person", "seen": 2,
    "names": {"ru": ["Нурлан Сапаров"], "kk": ["Нұрлан Сапаров"]},
}]}


def test_analyse_leaves_its_article_as_it_was():
    article = Article(id="energy", text=TEXT)
    before = copy.deepcopy(article)
    document = analyse(article)
    assert article == before
    # What the pipeline found is in the document's own copy.
    assert document.article is not article
    assert document.article.language == "ru"
    assert document.article.title == "Выработка электроэнергии выросла на 4,5%"
    assert document.article.text == article.text


def test_given_fields_win_over_what_the_pipeline_would_find():
    article = Article(id="energy", text=TEXT, language="kk", published="2025-01-02")
    document = analyse(article)
    assert (document.article.language, document.article.published) == ("kk", "2025-01-02")


def test_a_context_is_built_once_per_input(tmp_path):
    assert analysis_context() is analysis_context()
    assert analysis_context(clean=False) is not analysis_context()
    path = tmp_path / "learned.json"
    path.write_text(json.dumps(LEARNED, ensure_ascii=False), "utf-8")
    learned = analysis_context(learned=path)
    assert learned is analysis_context(learned=path)
    # An edited file is another input: a new lexicon; the old context keeps its names.
    edited = json.loads(json.dumps(LEARNED))
    edited["entity"][0]["names"]["en"] = ["Nurlan Saparov"]
    path.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    again = analysis_context(learned=path)
    assert again is not learned and again.aliases["learned"] != learned.aliases["learned"]
    assert again.aliases["curated"] == learned.aliases["curated"] == analysis_context().aliases["curated"]


def entity_values(document):
    return sorted({(f.value, f.attrs.canonical) for f in document.facts if f.kind == "entity"})


def test_contexts_with_and_without_learned_names_live_side_by_side(tmp_path):
    path = tmp_path / "learned.json"
    path.write_text(json.dumps(LEARNED, ensure_ascii=False), "utf-8")
    article = Article(id="energy", text=TEXT)
    curated_first = entity_values(analyse(article))
    learned = entity_values(analyse(article, analysis_context(learned=path)))
    curated_after = entity_values(analyse(article))
    assert ("Nurlan Saparov", True) in learned  # known by name, from the learned file
    assert ("Nurlan Saparov", True) not in curated_first
    assert curated_after == curated_first  # using the learned context changed nothing else


def test_without_cleaning_the_junk_lines_are_read_too():
    article = Article(id="energy", text=TEXT)
    cleaned = analyse(article)
    raw = analyse(article, analysis_context(clean=False))
    assert len(raw.cleaning.blocks) > len(cleaned.cleaning.blocks)
    assert not raw.cleaning.removed and cleaned.cleaning.removed


def test_the_context_holds_the_language_tables_its_extractors_read():
    # A context on tables of its own: the extractors build what they read there, per language,
    # once, and read nothing from the tables of other contexts.
    from dataclasses import replace

    from parallax.extract.number_lexicon import lexicon
    from parallax.lang.dates.grammar import grammar
    from parallax.tables import LanguageTables, shared_tables

    own = LanguageTables()
    context = replace(analysis_context(), tables=own)
    assert len(own) == 0
    first = analyse(Article(id="energy", text=TEXT, language="ru"), context)
    built = len(own)
    assert built > 0
    assert own.get(lexicon, "ru") is own.get(lexicon, "ru")
    assert own.get(grammar, "ru") is not shared_tables().get(grammar, "ru")
    analyse(Article(id="energy", text=TEXT, language="ru"), context)
    assert len(own) == built  # nothing built a second time
    shared = analyse(Article(id="energy", text=TEXT, language="ru"))
    assert [(f.kind, f.value, f.start) for f in first.facts] == [
        (f.kind, f.value, f.start) for f in shared.facts
    ]
    assert any(f.kind == "quote" for f in first.facts)  # every extractor ran on the context's tables

"""The same statements align across languages: test_quotes_alignment.toml, one report per language.

Each report is compared with the reference report (``parallax.api.compare_articles``, the bundled encoder):
every statement must come out as one shared quote fact, credited to the table's speaker, direct
or reported as the table says, in text order.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parallax import api
from parallax.model import Article

TABLE = tomllib.loads((Path(__file__).with_suffix(".toml")).read_text(encoding="utf-8"))
REFERENCE = next(r for r in TABLE["report"] if r["language"] == TABLE["reference"])
OTHERS = [r for r in TABLE["report"] if r is not REFERENCE]


def test_the_table_covers_eight_languages():
    assert len({r["language"] for r in TABLE["report"]}) >= 8


@pytest.mark.parametrize("report", OTHERS, ids=[r["language"] for r in OTHERS])
def test_each_statement_aligns_with_the_reference(report):
    articles = [
        Article(id=f"{r['language']}-report", text=r["text"], language=r["language"])
        for r in (REFERENCE, report)
    ]
    comparison = api.compare_articles(articles)
    quotes = sorted((f for f in comparison.facts if f.kind == "quote"),
                    key=lambda f: min(m.start for m in f.mentions))
    assert [(f.status, f.speaker, f.direct) for f in quotes] == [
        ("shared", TABLE["speaker"], statement["direct"]) for statement in report["statements"]
    ]


def _quotes(*articles: Article) -> list[tuple[str, str | None, list[str]]]:
    comparison = api.compare_articles(list(articles))
    return sorted((f.status, f.speaker, f.documents) for f in comparison.facts if f.kind == "quote")


def test_two_people_saying_alike_things_stay_apart():
    """Both reports name both leaders: words credited to each are two statements, however alike."""
    english = Article(id="en-report", language="en", text=(
        "Presidents Kassym-Jomart Tokayev and Sadyr Japarov met in Astana on Tuesday. "
        '"We must deepen cooperation on water and energy," Tokayev said.'))
    russian = Article(id="ru-report", language="ru", text=(
        "Президенты Касым-Жомарт Токаев и Садыр Жапаров встретились во вторник в Астане. "
        "«Мы должны углублять сотрудничество в сфере воды и энергетики», — сказал Жапаров."))
    assert _quotes(english, russian) == [
        ("unique", "Kassym-Jomart Tokayev", ["en-report"]),
        ("unique", "Sadyr Japarov", ["ru-report"]),
    ]


def test_one_statement_without_a_speaker_in_either_language_aligns():
    """A statement's translation aligns by its words alone when neither report names who said it."""
    english = Article(id="en-report", language="en", text=(
        "The ministers met in Astana on Tuesday. A joint statement read: "
        '"We reaffirm our commitment to the sovereignty and territorial integrity of every state '
        'in the region."'))
    french = Article(id="fr-report", language="fr", text=(
        "Les ministres se sont réunis mardi à Astana. Une déclaration commune indique : "
        "« Nous réaffirmons notre attachement à la souveraineté et à l'intégrité territoriale de "
        "chaque État de la région. »"))
    assert [status for status, _, _ in _quotes(english, french)] == ["shared"]


BAERBOCK_EN = (
    "Foreign ministers of the region met in Almaty on Friday to discuss the water crisis. "
    '"Time is running out," German Foreign Minister Annalena Baerbock told reporters after the talks.')


def test_a_short_quote_aligns_with_its_translation_through_its_sentence():
    """Four words score low against their Chinese translation on their own; their sentences (the
    same speaker, the same setting) and being each other's only partner carry them."""
    english = Article(id="en-report", language="en", text=BAERBOCK_EN)
    chinese = Article(id="zh-report", language="zh", text=(
        "该地区各国外长周五在阿拉木图举行会议，讨论水资源危机。"
        "会谈结束后，德国外长安娜莱娜·贝尔伯克对记者说：“时间不多了。”"))
    assert _quotes(english, chinese) == [("shared", "Annalena Baerbock", ["en-report", "zh-report"])]


def test_two_statements_of_one_speaker_in_alike_sentences_stay_apart():
    """Each document's only quote, said by the same person in the same setting: other words."""
    english = Article(id="en-report", language="en", text=BAERBOCK_EN)
    chinese = Article(id="zh-report", language="zh", text=(
        "该地区各国外长周五在阿拉木图举行会议，讨论水资源危机。"
        "会谈结束后，德国外长安娜莱娜·贝尔伯克对记者说：“德国明年将向中亚提供更多援助。”"))
    assert _quotes(english, chinese) == [
        ("unique", "Annalena Baerbock", ["en-report"]),
        ("unique", "Annalena Baerbock", ["zh-report"]),
    ]

"""Property tests over ``parallax.analyse_articles`` and ``parallax.compare_articles`` on hostile text.

Text is put together from fragments of every kind parallax reads: words in several scripts,
digits of every numbering system, currency and percent signs, dates, quotation marks and
dashes, bidi controls and zero-width characters, junk lines the cleaner removes, blank lines.
Whatever comes out: no exception, every fact's text is the article's text at its offsets, and
each example stays under Hypothesis' deadline (a bound on time per KB, as the texts are short).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parallax
from parallax import api

WORDS = [
    # Latin, Cyrillic (with the Kazakh letters), Arabic, Persian, Chinese, Turkish, Uzbek
    "Tokayev", "Macron", "Astana", "Paris", "the", "minister", "said", "that", "grain", "exports",
    "Тоқаев", "Астана", "астық", "экспорты", "млрд", "долларға", "заявил", "что", "Ақтөбе",
    "توكاييف", "قال", "إن", "مليار", "دولار", "بالمائة", "وزير", "می‌گوید", "میلیون",
    "托卡耶夫", "表示", "亿美元", "哈萨克斯坦", "粮食", "出口",
    "Cumhurbaşkanı", "milyar", "dedi", "O'zbekiston", "mlrd", "Erdoğan", "İstanbul",
]
DIGIT_SYSTEMS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "０１２３４５６７８９",
                 "〇一二三四五六七八九"]
SIGNS = ["$", "€", "₸", "₽", "¥", "£", "%", "٪", "％", "‰", "+", "-", "−", ".", ",", "،", "٫", "٬", "'"]
DATES = ["12.03.2025", "2025-03-12", "12 March 2025", "12 марта 2025 года", "2025年3月12日",
         "12 наурыз", "March 12", "1403/12/22", "last Tuesday", "өткен жылы"]
MARKS = ["«", "»", "“", "”", "„", '"', "'", "「", "」", "—", "–", " — ", ": ", ". ", "! ", "? ", "؟ ",
         "。", "，"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u00ad", "\ufeff", "\u202a",
             "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"]
JUNK_LINES = ["\nЧитайте также\n", "\n#Astana #grain\n", "\n____________\n", "\n| 1 | 2 |\n",
              "\nUSD 470.5\nEUR 512.1\n", "\n\n", "\nShare: Facebook | X\n", "\n"]


@st.composite
def numbers(draw) -> str:
    digits = draw(st.sampled_from(DIGIT_SYSTEMS))
    body = "".join(draw(st.lists(st.sampled_from(digits), min_size=1, max_size=7)))
    if draw(st.booleans()):
        body += draw(st.sampled_from([".", ",", "٫", " "])) + "".join(
            draw(st.lists(st.sampled_from(digits), min_size=1, max_size=3))
        )
    return body


FRAGMENTS = st.one_of(
    st.sampled_from(WORDS),
    numbers(),
    st.sampled_from(SIGNS),
    st.sampled_from(DATES),
    st.sampled_from(MARKS),
    st.sampled_from(INVISIBLE),
    st.sampled_from(JUNK_LINES),
    st.text(min_size=1, max_size=4),  # anything at all, surrogates excepted
)


@st.composite
def articles(draw, max_fragments: int = 160) -> str:
    fragments = draw(st.lists(FRAGMENTS, min_size=1, max_size=max_fragments))
    separators = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", "\u00a0"]),
                               min_size=len(fragments), max_size=len(fragments)))
    return "".join(f + s for f, s in zip(fragments, separators, strict=True))


FUZZ = settings(
    max_examples=40,
    deadline=timedelta(seconds=10),  # a few KB at most: far above linear time, far below a hang
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: CI stays repeatable
)


@pytest.fixture(scope="module", autouse=True)
def language_tables_built():
    """Every language's tables built once before the deadline clock runs."""
    api.prepare()


def assert_spans_hold(document) -> None:
    text = document.article.text
    for fact in document.facts:
        assert 0 <= fact.start <= fact.end <= len(text), fact
        assert fact.text == text[fact.start:fact.end], (fact.kind, fact.text, text[fact.start:fact.end])


@FUZZ
@given(text=articles(), clean=st.booleans())
def test_extract_never_fails_and_every_fact_is_its_span(text, clean):
    [document] = parallax.analyse_articles([("fuzz", text)], clean=clean)
    assert_spans_hold(document)


@settings(FUZZ, max_examples=15)
@given(first=articles(max_fragments=80), second=articles(max_fragments=80))
def test_compare_never_fails_and_every_mention_is_its_span(first, second):
    comparison = parallax.compare_articles([("a", first), ("b", second)], clean=False)
    texts = {"a": first, "b": second}
    for fact in comparison.facts:
        for mention in fact.mentions:
            assert mention.text == texts[mention.document][mention.start:mention.end], mention

"""The HTML report as produced by Python: self-contained, escaped, linked, in each source's direction."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from dataclasses import replace
from importlib import resources

import lxml.html
import pytest
from report_inputs import IMG, JS_URL, PAYLOADS, SCRIPT

from parallax import lang
from parallax.model import Comparison, Conflict, ConflictSide
from parallax.render.html import language_name, report_html, safe_url, script_json, write_report

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background")
ACTIVE_ELEMENTS = (
    "img",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "link",
    "base",
    "form",
    "video",
    "audio",
)


@pytest.fixture(scope="module")
def visit_html(visit_comparison) -> str:
    return report_html(visit_comparison)


@pytest.fixture(scope="module")
def visit_tree(visit_html):
    return lxml.html.document_fromstring(visit_html)


def static(name: str) -> str:
    return (resources.files("parallax.render") / "static" / name).read_text(encoding="utf-8")


def column(tree, index: int):
    return tree.cssselect(f'.col[data-source="{index}"]')[0]


def text_of(element) -> str:
    return element.text_content()


def squeeze(text: str) -> str:
    return " ".join(text.split())


def body_text(body) -> str:
    """The article text of a column body, without the labels the report adds beside names."""
    copy_ = copy.deepcopy(body)
    for added in copy_.cssselect(".lab, .reason"):
        added.drop_tree()
    return copy_.text_content()


# ---------------------------------------------------------------------------- self-contained


def test_report_is_one_file_that_loads_nothing(visit_tree, visit_html):
    assert not visit_tree.cssselect("link, img, iframe, object, embed, base")
    assert not [el for el in visit_tree.iter() if isinstance(el.tag, str) and el.get("src")]
    css = visit_tree.cssselect("style")[0].text
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    links = {a.get("href") for a in visit_tree.cssselect("a[href]")}
    assert links == {"https://www.courrier-eurasie.fr/international/2025/03/12/macron-recoit-tokaiev-elysee"}
    assert visit_html.startswith("<!DOCTYPE html>")


def csp_of(tree) -> dict[str, str]:
    meta = tree.cssselect('meta[http-equiv="Content-Security-Policy"]')
    assert len(meta) == 1
    directives = [part.strip().split(" ", 1) for part in meta[0].get("content").split(";")]
    return {name: value for name, value in directives}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_content_security_policy_allows_only_this_files_style_and_script(visit_tree):
    csp = csp_of(visit_tree)
    assert csp["default-src"] == "'none'"
    assert csp["img-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    style = visit_tree.cssselect("style")[0].text
    script = next(s for s in visit_tree.cssselect("script") if not s.get("type")).text
    assert csp["style-src"] == sha256(style)
    assert csp["script-src"] == sha256(script)
    assert style == static("report.css") and script == static("report.js")
    head = visit_tree.find("head")
    assert head.index(head.cssselect('meta[http-equiv="Content-Security-Policy"]')[0]) < head.index(
        head.find("style")
    )


# ---------------------------------------------------------------------------- sources side by side


def test_each_column_takes_its_direction_and_language_from_the_language_data(visit_comparison, visit_tree):
    directions = {}
    for index, document in enumerate(visit_comparison.documents):
        body = column(visit_tree, index).cssselect(".body-orig")[0]
        expected = "rtl" if lang.load(document.language).rtl else "ltr"
        assert body.get("dir") == expected
        assert body.get("lang") == document.language
        directions[document.language] = expected
    assert directions["ar"] == "rtl" and directions["fr"] == "ltr" and directions["zh"] == "ltr"


def test_a_language_without_data_reads_in_the_browsers_direction(visit_comparison):
    comparison = copy.deepcopy(visit_comparison)
    comparison.documents[0].article.language = "xx"
    comparison.documents[1].article.language = 'fr" onmouseover="alert(1)'
    tree = lxml.html.document_fromstring(report_html(comparison))
    unknown = column(tree, 0).cssselect(".body-orig")[0]
    assert unknown.get("dir") == "auto" and unknown.get("lang") == "xx"
    assert all(p.get("dir") == "auto" for p in unknown.cssselect("p.blk"))
    assert column(tree, 0).cssselect(".tl-toggle"), "Arabic text still gets its transliteration"
    hostile = column(tree, 1).cssselect(".body-orig")[0]
    assert hostile.get("lang") is None and hostile.get("onmouseover") is None


def test_kept_text_is_rendered_whole_with_its_sentences(visit_comparison, visit_tree):
    for index, document in enumerate(visit_comparison.documents):
        body = column(visit_tree, index).cssselect(".body-orig")[0]
        rendered = squeeze(body_text(body))
        for block in document.cleaning.blocks:
            assert squeeze(document.article.text[block.start : block.end]) in rendered
        sentences = {int(s.get("data-s")) for s in body.cssselect(".s")}
        assert sentences == {s.index for s in document.sentences if s.text.strip()}


def test_removed_lines_are_kept_greyed_with_their_reason(visit_comparison, visit_tree):
    for index, document in enumerate(visit_comparison.documents):
        junk = column(visit_tree, index).cssselect(".body-orig .junk")
        assert len(junk) == len(document.cleaning.removed)
        for line, removed in zip(junk, document.cleaning.removed, strict=True):
            assert removed.reason in text_of(line)
            assert squeeze(removed.text) in squeeze(text_of(line))


# ------------------------------------------------------------------------ reading scripts one does not know


def latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) / max(1, len(letters))


def test_non_latin_sources_carry_a_latin_transliteration(visit_comparison, visit_tree):
    for index, document in enumerate(visit_comparison.documents):
        col = column(visit_tree, index)
        latin = col.cssselect(".body-latin")
        if document.language == "fr":
            assert not latin and not col.cssselect(".tl-toggle")
            continue
        assert latin and col.cssselect(".tl-toggle"), document.id
        assert latin[0].get("dir") == "ltr" and latin[0].get("lang") == f"{document.language}-Latn"
        assert latin_share(body_text(latin[0])) > 0.97
    kazakh = next(i for i, d in enumerate(visit_comparison.documents) if d.language == "kk")
    assert "Toqaev" in body_text(column(visit_tree, kazakh).cssselect(".body-latin")[0])


def test_transliteration_keeps_every_link_to_the_facts(visit_tree):
    for col in visit_tree.cssselect(".col"):
        latin = col.cssselect(".body-latin")
        if latin:
            original = [m.get("data-f") for m in col.cssselect(".body-orig .m")]
            assert original == [m.get("data-f") for m in latin[0].cssselect(".m")]


def test_syllables_of_scripts_without_spaces_stay_apart_across_marked_spans(visit_comparison, visit_tree):
    chinese = next(i for i, d in enumerate(visit_comparison.documents) if d.language == "zh")
    text = body_text(column(visit_tree, chinese).cssselect(".body-latin")[0])
    assert "tuo ka ye fu" in text
    assert not re.search(r"[a-z]{2,}(?:ye fu|ma ke long)", text)


# ---------------------------------------------------------------------------- facts and their spans


def test_conflicts_come_first_then_shared_partial_unique(visit_comparison, visit_tree):
    sections = [s.get("class").split()[-1] for s in visit_tree.cssselect("section.fact-section")]
    statuses = [s.removeprefix("sec-") for s in sections]
    order = ["conflict", "shared", "partial", "unique"]
    assert statuses == [s for s in order if any(f.status == s for f in visit_comparison.facts)]
    assert statuses[0] == "conflict"
    groups = visit_tree.cssselect("section.sec-conflict tbody.conflict-group")
    assert len(groups) == len(visit_comparison.conflicts)
    for group, conflict in zip(groups, visit_comparison.conflicts, strict=True):
        rows = [int(r.get("data-fact")) for r in group.cssselect("tr.fact")]
        assert rows == [side.fact for side in conflict.sides]


def test_every_status_has_a_text_label_and_the_legend_explains_the_colours(visit_tree):
    for row in visit_tree.cssselect("tr.fact"):
        status = row.get("class").split()[-1].removeprefix("st-")
        assert text_of(row.cssselect(".badge")[0]) == status
    legend = text_of(visit_tree.cssselect(".legend")[0])
    for status in ("conflict", "shared", "partial", "unique"):
        assert status in legend


def test_every_mention_is_a_marked_span_in_its_sources_column(visit_comparison, visit_tree):
    columns = {d.id: column(visit_tree, i) for i, d in enumerate(visit_comparison.documents)}
    for index, fact in enumerate(visit_comparison.facts):
        for document in {m.document for m in fact.mentions}:
            runs = [
                m
                for m in columns[document].cssselect(".body-orig .m")
                if str(index) in m.get("data-f").split()
            ]
            marked = "".join(text_of(run) for run in runs)
            for mention in fact.mentions:
                if mention.document == document:
                    assert mention.text in marked, (index, mention.text)
            assert all(run.getparent().get("class") == "s" or run.getparent().tag == "p" for run in runs)


def test_each_fact_shows_its_neutral_form_beside_the_original_words(visit_comparison, visit_tree):
    figure = next(
        f for f in visit_comparison.facts if f.kind == "quantity" and f.unit == "USD" and f.value > 1e9
    )
    index = visit_comparison.facts.index(figure)
    row = visit_tree.get_element_by_id(f"fact-{index}")
    neutral = text_of(row.cssselect(".f-neutral")[0])
    assert "billion" in neutral and "USD" in neutral
    cells = text_of(row.cssselect(".f-mentions")[0])
    for mention in figure.mentions:
        assert mention.text in cells


def test_entities_show_their_canonical_latin_name_beside_the_original(visit_comparison, visit_tree):
    person = max(
        (f for f in visit_comparison.facts if f.kind == "entity" and f.type == "person"),
        key=lambda f: len(f.documents),
    )
    index = visit_comparison.facts.index(person)
    row = visit_tree.get_element_by_id(f"fact-{index}")
    assert person.value in text_of(row.cssselect(".f-neutral")[0]) and "person" in text_of(row)
    for i, document in enumerate(visit_comparison.documents):
        if document.id not in person.documents:
            continue
        runs = [
            m
            for m in column(visit_tree, i).cssselect(".body-orig .m")
            if str(index) in m.get("data-f").split()
        ]
        assert runs and all(person.value in run.get("title") for run in runs)
        labels = [text_of(lab) for lab in column(visit_tree, i).cssselect(".body-orig .lab")]
        if document.language in ("zh", "kk", "ru"):
            assert person.value in labels, document.id
        if document.language == "ar":
            # a Latin chip inside a right-to-left line breaks its order: the tooltip carries the name
            assert labels == [], document.id


def test_quotes_show_their_speaker_and_kind(visit_comparison, visit_tree):
    quote = next(f for f in visit_comparison.facts if f.kind == "quote" and f.speaker)
    row = visit_tree.get_element_by_id(f"fact-{visit_comparison.facts.index(quote)}")
    assert quote.speaker in text_of(row.cssselect(".speaker")[0])
    assert text_of(row.cssselect(".pill")[0]) in ("direct quote", "reported speech")


def test_warnings_are_shown(visit_comparison):
    comparison = replace(visit_comparison, warnings=["visit-zh.txt may not report the same event"])
    tree = lxml.html.document_fromstring(report_html(comparison))
    assert "visit-zh.txt may not report the same event" in text_of(tree.cssselect(".warnings")[0])


def test_write_report_writes_utf8_and_returns_the_path(visit_comparison, tmp_path):
    path = write_report(visit_comparison, tmp_path / "visit.html", title="Tokayev in Paris")
    assert path == tmp_path / "visit.html"
    text = path.read_text(encoding="utf-8")
    assert "<title>Tokayev in Paris · parallax</title>" in text and "توكاييف" in text


# ---------------------------------------------------------------------------- escaping


def hostile_variant(comparison: Comparison) -> Comparison:
    """Payloads in every field the pipeline could fill from an article, beyond the text itself."""
    comparison = copy.deepcopy(comparison)
    facts = []
    for fact in comparison.facts:
        changes: dict = {"about": f"{IMG} · {SCRIPT}"}
        if fact.kind == "entity":
            changes.update(value=f"{fact.value} {SCRIPT}", type=IMG)
        elif fact.kind == "quote":
            changes.update(speaker=f"{IMG}{SCRIPT}")
        elif fact.kind == "quantity":
            changes.update(unit=SCRIPT)
        else:
            changes.update(value=f"{JS_URL}/{IMG}")
        facts.append(replace(fact, **changes))
    comparison.facts = facts
    comparison.warnings = [f"{SCRIPT} may not report the same event {IMG}"]
    comparison.conflicts = [
        Conflict(
            about=SCRIPT, sides=[ConflictSide(1.0, IMG, (IMG,), 0), ConflictSide(2.0, None, (SCRIPT,), 1)]
        )
    ]
    comparison.documents[0].article.published = IMG
    return comparison


def assert_inert(html: str) -> lxml.html.HtmlElement:
    """Only our two script elements, no event handlers, no javascript: URLs, nothing that loads."""
    tree = lxml.html.document_fromstring(html)
    scripts = tree.cssselect("script")
    assert len(scripts) == 2
    data, code = scripts
    assert data.get("type") == "application/json" and data.get("id") == "parallax-data"
    assert code.get("type") is None and code.text == static("report.js")
    assert not tree.cssselect(", ".join(ACTIVE_ELEMENTS))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name.lower() in URL_ATTRIBUTES:
                assert re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("http:", "https:")), value
    return tree


def test_hostile_articles_render_as_text(hostile_comparison):
    html = report_html(hostile_comparison, title=f"{SCRIPT}{IMG}")
    tree = assert_inert(html)
    shown = tree.text_content()
    for payload in PAYLOADS:
        assert payload in shown
    assert SCRIPT in text_of(tree.find(".//title"))
    assert f"Steppe Wire {IMG}" in shown and f"The Steppe Courier {IMG}" in shown
    assert not tree.cssselect("a[href]"), "a javascript: URL is shown as text, never linked"
    assert JS_URL in text_of(tree.cssselect(".overview")[0])


def test_hostile_html_article_keeps_its_markup_as_text(hostile_comparison):
    page = next(d for d in hostile_comparison.documents if d.article.format == "html")
    index = hostile_comparison.documents.index(page)
    tree = assert_inert(report_html(hostile_comparison))
    body = body_text(column(tree, index).cssselect(".body-orig")[0])
    assert SCRIPT in body and IMG.lstrip('"') in body and JS_URL in body


def test_payloads_in_every_field_stay_inert(hostile_comparison, visit_comparison):
    for comparison in (hostile_variant(hostile_comparison), hostile_variant(visit_comparison)):
        tree = assert_inert(report_html(comparison))
        shown = tree.text_content()
        assert f"{SCRIPT} may not report the same event {IMG}" in shown
        assert tree.cssselect(".group-about")[0].text_content() == SCRIPT


def test_data_for_the_script_cannot_close_its_element(hostile_comparison):
    html = report_html(hostile_variant(hostile_comparison))
    raw = html.split('<script type="application/json" id="parallax-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert any(SCRIPT in fact["label"] for fact in data["facts"])


def test_script_json_neutralises_every_way_out():
    text = script_json({"a": "</script><!-- -->&amp;\u2028"})
    assert "</" not in text and "<!--" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- -->&amp;\u2028"}


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/1",
        "http://example.org/",
        "HTTPS://EXAMPLE.ORG/a?b=c&d=<e>",
    ],
)
def test_http_urls_are_links(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https:/no-host",
        "",
        None,
    ],
)
def test_other_urls_are_never_links(url):
    assert safe_url(url) is None


def test_languages_without_data_are_named_from_cldr():
    assert language_name("el") == "Greek"
    assert language_name("xx") == "xx"
    assert language_name(None) == "unknown language"


def test_the_summary_keeps_hostile_words_as_text(tmp_path):
    from dataclasses import replace as replaced

    from report_inputs import VISIT, hostile_article

    from parallax.api import compare_articles

    wire = hostile_article()
    copy_ = replaced(wire, id=f"copy-{IMG}.txt", outlet=f"Copy {SCRIPT}")
    comparison = compare_articles([wire, copy_, VISIT / "visit-fr.html"])
    tree = assert_inert(report_html(comparison))
    omissions = tree.cssselect(".sum-omissions")[0]
    assert any(SCRIPT in text_of(chip) for chip in omissions.cssselect(".sum-fact"))
    assert all(chip.get("data-fact").isdigit() for chip in omissions.cssselect(".sum-fact"))
    warnings = text_of(tree.cssselect(".sum-warnings")[0])
    assert comparison.warnings and "may not report the same event" in warnings


def test_the_report_summary_comes_in_the_readers_order(visit_comparison, visit_tree):
    summary = visit_tree.cssselect(".summary")[0]
    blocks = [block.get("class").split()[1] for block in summary.cssselect(".sum-block")]
    assert blocks == ["sum-conflicts", "sum-omissions", "sum-warnings"]
    sides = [text_of(side) for side in summary.cssselect(".sum-conflicts .side")]
    assert "5.2 billion EUR" in sides and "5.5 billion EUR" in sides
    chinese = next(i for i, d in enumerate(visit_comparison.documents) if d.language == "zh")
    omission = summary.cssselect(f'.omission[data-source="{chinese}"]')[0]
    assert "4.6 billion USD" in text_of(omission)
    assert "Kassym-Jomart Tokayev" in text_of(visit_tree.cssselect(".gist")[0])

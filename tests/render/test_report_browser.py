"""The HTML report in real headless Chromium: direction, linking, transliteration, no network, no injection.

Screenshots go to tests/artifacts/ (gitignored) for a human look at the layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_inputs import SCRIPT

from parallax.render.html import write_report

pytestmark = pytest.mark.slow

VIEWPORT = {"width": 1600, "height": 1000}


class Session:
    """A page of its own, failing every request but the report file and recording what happened."""

    def __init__(self, browser, path):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(
            viewport=VIEWPORT, reduced_motion="reduce", java_script_enabled=True
        )
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.goto(self.url)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def column(self, language_index: int):
        return self.page.locator(f'.col[data-source="{language_index}"]')

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visit_file(visit_comparison, tmp_path_factory):
    return write_report(visit_comparison, tmp_path_factory.mktemp("report") / "visit.html")


@pytest.fixture
def visit(browser, visit_file):
    session = Session(browser, visit_file)
    yield session
    assert session.dialogs == []
    session.close()


def source_index(comparison, language: str) -> int:
    return next(i for i, d in enumerate(comparison.documents) if d.language == language)


def in_view(page, element, scroller_selector: str) -> bool:
    """The element's box lies inside the visible part of its scrolling ancestor."""
    return page.evaluate(
        """([el, sel]) => {
            const box = el.getBoundingClientRect();
            const view = el.closest(sel).getBoundingClientRect();
            return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
        }""",
        [element, scroller_selector],
    )


def test_arabic_column_reads_right_to_left(visit, visit_comparison, artifacts):
    arabic = visit.column(source_index(visit_comparison, "ar"))
    body = arabic.locator(".body-orig")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert body.get_attribute("lang") == "ar"
    # every line of a body paragraph ends at its right edge (only the last may stop short on the left)
    edges = body.locator("p.b-body").first.evaluate(
        """p => {
            const range = document.createRange();
            range.selectNodeContents(p);
            const lines = {};
            for (const r of range.getClientRects()) {
                const key = Math.round((r.top + r.bottom) / 20);  // one key per line, labels included
                lines[key] = Math.max(lines[key] || 0, r.right);
            }
            const style = getComputedStyle(p);
            const right = p.getBoundingClientRect().right - parseFloat(style.paddingRight);
            return {right, lines: Object.values(lines)};
        }"""
    )
    assert len(edges["lines"]) >= 2
    assert all(abs(edges["right"] - line) < 3 for line in edges["lines"])
    french = visit.column(source_index(visit_comparison, "fr")).locator(".body-orig")
    assert french.evaluate("el => getComputedStyle(el).direction") == "ltr"
    visit.page.screenshot(path=str(artifacts / "report-visit.png"))


def test_clicking_a_conflict_highlights_its_spans_in_every_column_that_reports_it(
    visit, visit_comparison, artifacts
):
    page = visit.page
    index = max(
        (i for i, f in enumerate(visit_comparison.facts) if f.status == "conflict"),
        key=lambda i: len(visit_comparison.facts[i].documents),
    )
    fact = visit_comparison.facts[index]
    assert len({m.document for m in fact.mentions}) >= 2
    page.locator(f"#fact-{index}").click()
    assert "sel" in page.locator(f"#fact-{index}").get_attribute("class")
    for position, document in enumerate(visit_comparison.documents):
        col = visit.column(position)
        highlighted = col.locator(".body-orig .m.hl")
        if any(m.document == document.id for m in fact.mentions):
            assert highlighted.count() >= 1, document.id
            first = highlighted.first
            assert first.is_visible()
            assert str(index) in first.get_attribute("data-f").split()
            assert in_view(page, first.element_handle(), ".col-scroll"), document.id
            assert first.evaluate("el => el.closest('.s').classList.contains('hl-s')")
            assert "has-hit" in col.get_attribute("class")
        else:
            assert highlighted.count() == 0
            assert col.locator(".col-hits").inner_text() == "not reported"
    label = page.locator(".selection").inner_text()
    assert "conflict" in label.lower()
    page.screenshot(path=str(artifacts / "report-visit-conflict.png"))


def test_clicking_a_conflict_group_highlights_every_side(visit, visit_comparison):
    page = visit.page
    page.locator("tr.group-head").first.click()
    sides = [side.fact for side in visit_comparison.conflicts[0].sides]
    for fact in sides:
        assert "sel" in page.locator(f"#fact-{fact}").get_attribute("class")
    marked = page.locator(".body-orig .m.hl").evaluate_all("els => els.map(e => e.dataset.f)")
    for fact in sides:
        assert any(str(fact) in ids.split() for ids in marked)


def test_clicking_a_marked_span_selects_its_fact(visit, visit_comparison):
    page = visit.page
    chinese = visit.column(source_index(visit_comparison, "zh"))
    span = chinese.locator(".body-orig .m.k-entity").last
    span.scroll_into_view_if_needed()
    span.click()
    fact = int(span.get_attribute("data-f").split()[0])
    row = page.locator(f"#fact-{fact}")
    assert "sel" in row.get_attribute("class")
    assert in_view(page, row.element_handle(), ".facts-pane")
    assert "hl" in span.get_attribute("class")


def test_keyboard_selects_a_fact(visit):
    page = visit.page
    row = page.locator("tr.fact").nth(2)
    row.focus()
    page.keyboard.press("Enter")
    assert row.get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert page.locator(".m.hl").count() == 0


def test_transliteration_toggle_shows_latin_text(visit, visit_comparison, artifacts):
    page = visit.page
    languages = ("kk", "ar", "zh", "ru")
    columns = {code: visit.column(source_index(visit_comparison, code)) for code in languages}
    for col in columns.values():
        assert col.locator(".body-latin").is_hidden()
    page.locator("#toggle-latin").click()
    for code, col in columns.items():
        assert col.locator(".body-orig").is_hidden(), code
        latin = col.locator(".body-latin")
        assert latin.is_visible(), code
        assert latin.evaluate("el => getComputedStyle(el).direction") == "ltr"
        text = latin.inner_text()
        letters = re.findall(r"[^\W\d_]", text)
        assert sum(ch.isascii() for ch in letters) / len(letters) > 0.97, code
    assert "Toqaev" in columns["kk"].locator(".body-latin").inner_text()
    assert "tuo ka ye fu" in columns["zh"].locator(".body-latin").inner_text()
    french = visit.column(source_index(visit_comparison, "fr"))
    assert french.locator(".body-orig").is_visible()
    page.locator("tr.fact.st-conflict").first.click()
    assert columns["kk"].locator(".body-latin .m.hl").count() >= 1
    page.screenshot(path=str(artifacts / "report-visit-latin.png"))
    # one column back to its own script
    columns["ar"].locator(".tl-toggle").click()
    assert columns["ar"].locator(".body-orig").is_visible()
    assert columns["kk"].locator(".body-latin").is_visible()


def test_removed_lines_are_collapsed_until_asked_for(visit, visit_comparison):
    page = visit.page
    kazakh = visit.column(source_index(visit_comparison, "kk"))
    junk = kazakh.locator(".body-orig .junk")
    assert junk.count() > 0 and junk.first.is_hidden()
    page.locator("#toggle-removed").click()
    assert junk.first.is_visible()
    assert "removed:" in junk.first.inner_text()


def test_the_report_makes_no_network_request(visit):
    page = visit.page
    for row in page.locator("tr.fact").all()[:15]:
        row.click()
    page.locator("#toggle-latin").click()
    page.locator("#toggle-removed").click()
    page.wait_for_timeout(200)
    assert visit.blocked == []
    assert set(visit.requests) == {visit.url}


def test_no_script_error_and_no_policy_violation(visit):
    visit.page.locator("tr.fact").first.click()
    visit.page.wait_for_timeout(100)
    assert visit.errors == []
    assert visit.page.evaluate("document.querySelectorAll('script').length") == 2


def test_print_layout_hides_the_controls(visit):
    page = visit.page
    page.emulate_media(media="print")
    assert page.locator(".controls").is_hidden()
    assert page.locator(".columns").evaluate("el => getComputedStyle(el).display") == "block"


def test_hostile_report_runs_no_injected_code(browser, hostile_comparison, tmp_path, artifacts):
    path = write_report(hostile_comparison, tmp_path / "hostile.html", title=SCRIPT)
    session = Session(browser, path)
    page = session.page
    for row in page.locator("tr.fact").all():
        row.click()
    for span in page.locator(".body-orig .m").all()[:20]:
        span.click()
    page.locator("#toggle-removed").click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "report-hostile.png"))
    assert session.dialogs == []
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.title().startswith(SCRIPT)
    assert SCRIPT in page.locator(".body-orig").first.inner_text()
    assert session.blocked == []
    session.close()


# -- a reader's first screen: 1,366 × 768 with six sources, Arabic and Chinese among them ----------

LAPTOP = {"width": 1366, "height": 768}
SUMMIT = Path(__file__).resolve().parents[2] / "examples" / "summit"


@pytest.fixture(scope="module")
def summit_comparison():
    from parallax.api import compare_articles, example_articles

    comparison = compare_articles(example_articles(sorted(p for p in SUMMIT.iterdir() if p.is_file())))
    assert len(comparison.documents) == 6
    assert {"ar", "zh"} <= {d.language for d in comparison.documents}
    return comparison


@pytest.fixture
def summit_page(browser, summit_comparison, tmp_path):
    path = write_report(summit_comparison, tmp_path / "summit.html", title="summit")
    context = browser.new_context(viewport=LAPTOP, reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    yield page
    assert errors == []
    context.close()


def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top")


def test_the_summary_comes_first_and_never_overflows_sideways(summit_page, artifacts):
    page = summit_page
    order = [".gist", ".sum-conflicts", ".sum-omissions", ".sum-warnings", ".facts-pane", ".columns"]
    positions = page.evaluate(
        """sels => sels.map(s => {
            const all = [...document.querySelectorAll('*')];
            return all.indexOf(document.querySelector(s));
        })""",
        order,
    )
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    # on screen: the summary sits above the facts and the sources, inside the first screen
    assert top(page, ".sum-conflicts") < top(page, ".facts-pane") < LAPTOP["height"]
    assert top(page, ".sum-omissions") < top(page, ".columns")
    overflow = page.evaluate(
        """() => [document.querySelector('.summary'), ...document.querySelectorAll('.sum-block')]
            .map(el => el.scrollWidth - el.clientWidth)"""
    )
    assert max(overflow) <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    page.screenshot(path=str(artifacts / "report-summit-1366.png"))


def test_six_sources_stay_readable_side_by_side(summit_page, artifacts):
    page = summit_page
    widths = page.locator(".col").evaluate_all("cols => cols.map(c => c.getBoundingClientRect().width)")
    assert len(widths) == 6 and min(widths) >= 280
    columns = page.locator(".columns")
    assert columns.evaluate("el => el.scrollWidth > el.clientWidth")  # the sources scroll, the page does not
    facts_left = page.locator(".facts-pane").evaluate("el => el.getBoundingClientRect().left")
    columns.evaluate("el => el.scrollBy(800, 0)")
    assert page.locator(".facts-pane").evaluate("el => el.getBoundingClientRect().left") == facts_left
    # collapsing four sources brings the other two beside the fact table
    for index in range(4):
        page.locator(f'.col[data-source="{index}"] .col-toggle').click()
    collapsed = page.locator(".col.collapsed").evaluate_all(
        "cols => cols.map(c => c.getBoundingClientRect().width)"
    )
    assert len(collapsed) == 4 and max(collapsed) <= 50
    assert page.locator('.col[data-source="0"] .col-toggle').get_attribute("aria-expanded") == "false"
    assert not columns.evaluate("el => el.scrollWidth > el.clientWidth + 1")
    page.screenshot(path=str(artifacts / "report-summit-collapsed.png"))
    page.locator('.col[data-source="0"] .col-toggle').click()
    assert page.locator(".col.collapsed").count() == 3


def test_a_summary_entry_selects_its_fact_in_every_source(summit_page, summit_comparison):
    page = summit_page
    entry = page.locator(".sum-omissions .sum-fact").first
    fact = int(entry.get_attribute("data-fact"))
    entry.click()
    assert "sel" in page.locator(f"#fact-{fact}").get_attribute("class")
    assert page.locator(f'.body-orig .m.hl[data-f~="{fact}"]').count() >= 2


def test_only_corroborated_facts_are_marked_until_asked(summit_page, summit_comparison):
    page = summit_page
    unique = page.locator(".body-orig .m.st-unique").first
    shared = page.locator(".body-orig .m.st-shared").first
    colour = "el => getComputedStyle(el).borderBottomColor"
    assert unique.evaluate(colour) == "rgba(0, 0, 0, 0)"
    assert shared.evaluate(colour) != "rgba(0, 0, 0, 0)"
    page.locator("#toggle-highlight").click()
    assert unique.evaluate(colour) != "rgba(0, 0, 0, 0)"
    assert page.locator("#toggle-highlight").get_attribute("aria-pressed") == "true"


def test_no_latin_chip_inside_right_to_left_text(summit_page, summit_comparison):
    page = summit_page
    arabic = next(i for i, d in enumerate(summit_comparison.documents) if d.language == "ar")
    column = page.locator(f'.col[data-source="{arabic}"] .body-orig')
    assert column.locator(".lab").count() == 0
    names = column.locator(".m.k-entity").evaluate_all("els => els.map(e => e.title)")
    assert any("Kassym-Jomart Tokayev" in title for title in names)
    chinese = next(i for i, d in enumerate(summit_comparison.documents) if d.language == "zh")
    assert page.locator(f'.col[data-source="{chinese}"] .body-orig .lab').count() > 0

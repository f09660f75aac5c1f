"""The web UI in real headless Chromium against a real uvicorn server on loopback.

Screenshots of the main pages go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from web_inputs import FLOOD_DE, HOSTILE_OUTLET

pytestmark = pytest.mark.slow

VIEWPORT = {"width": 1500, "height": 950}


class Tab:
    """A page of its own that records dialogs, script errors and requests leaving the server."""

    def __init__(self, browser, server) -> None:
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith(self.server.url) and not request.url.startswith("data:"):
            self.foreign.append(request.url)

    def open(self, path: str) -> None:
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.ok, path

    def close(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign
        self.context.close()


@pytest.fixture
def tab(browser, live_server):
    opened = Tab(browser, live_server)
    yield opened
    opened.close()


@pytest.fixture
def copy_tab(browser, live_copy):
    opened = Tab(browser, live_copy)
    yield opened
    opened.close()


def story_of(server, article: str) -> str:
    import httpx

    return httpx.get(f"{server.url}/api/articles/{quote(article, safe='')}").json()["story"]


def test_story_list_and_filters(tab, artifacts) -> None:
    page = tab.page
    tab.open("/")
    rows = page.locator("tr.story-row")
    assert rows.count() == 5
    visit = page.locator(f'tr.story-row[data-story="{story_of(tab.server, "visit-fr.html")}"]')
    assert visit.locator("td.conflicts").inner_text() == "2"
    page.screenshot(path=str(artifacts / "web-stories.png"), full_page=True)

    page.select_option("select[name=language]", "tr")
    page.click("form.filters-form button[type=submit]")
    page.wait_for_url("**/?*language=tr*")
    assert rows.count() == 1 and "summit" not in rows.first.inner_text().lower()  # titled in Kazakh
    assert rows.first.get_attribute("data-story") == story_of(tab.server, "summit-tr.txt")

    page.click("a.clear")
    page.fill("input[name=q]", "Макрон")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?*q=*")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-story") == story_of(tab.server, "visit-fr.html")

    page.fill("input[name=q]", "")
    page.fill("input[name=since]", "2025-08-01")
    page.click("form.filters-form button[type=submit]")
    page.wait_for_url("**/?*since=2025-08-01*")
    assert rows.count() == 2
    page.screenshot(path=str(artifacts / "web-stories-filtered.png"), full_page=True)


def test_open_a_story_and_click_a_fact(tab, artifacts) -> None:
    page = tab.page
    tab.open("/?language=fr")
    page.click("tr.story-row .story-title a")
    page.wait_for_url("**/stories/*")
    columns = page.locator(".col")
    assert columns.count() == 5

    shared = page.locator("tr.fact.st-shared").first
    shared.click()
    for index in range(columns.count()):
        column = columns.nth(index)
        assert column.locator(".s.hl-s").count() >= 1, f"column {index} has no highlighted sentence"
        assert column.locator(".m.hl").first.is_visible()
    assert "not in" not in page.locator(".selection").inner_text()
    page.screenshot(path=str(artifacts / "web-story-shared-fact.png"))

    page.locator("tbody.conflict-group tr.group-head").first.click()
    assert page.locator(".col.has-hit").count() == 5
    page.screenshot(path=str(artifacts / "web-story.png"))


def test_arabic_is_right_to_left(tab) -> None:
    page = tab.page
    tab.open(f"/stories/{story_of(tab.server, 'visit-ar.txt')}")
    arabic = page.locator(".col", has=page.locator(".col-lang", has_text="Arabic")).locator(".body-orig")
    french = page.locator(".col", has=page.locator(".col-lang", has_text="French")).locator(".body-orig")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert french.evaluate("e => getComputedStyle(e).direction") == "ltr"
    box = arabic.locator("p.blk").first.bounding_box()
    text = arabic.locator("p.blk .s").first.bounding_box()
    assert text["x"] + text["width"] >= box["x"] + box["width"] - 2, "Arabic lines start at the right"


def test_hostile_pages_run_nothing(tab, artifacts) -> None:
    page = tab.page
    story = next(
        s["id"]
        for s in __import__("httpx").get(f"{tab.server.url}/api/stories").json()["stories"]
        if any("wire-" in d for d in s["documents"])
    )
    tab.open(f"/stories/{story}")
    for row in page.locator("tr.fact").all()[:6]:
        row.click()
    page.click("#toggle-latin")
    page.click("#toggle-removed")
    page.locator("details.corrections summary").click()
    assert page.locator("h1").inner_text() in (
        'Rail freight deal <script>alert(1)</script> "><img src=x onerror=alert(1)>',
        'Freight corridor "><img src=x onerror=alert(1)>',
    )
    page.screenshot(path=str(artifacts / "web-hostile-story.png"))
    tab.open("/outlets/" + quote(HOSTILE_OUTLET, safe=""))
    assert page.locator("h1.outlet-name").inner_text() == HOSTILE_OUTLET
    tab.open("/?q=" + quote("<script>alert(1)</script>"))
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_outlet_page(tab, artifacts) -> None:
    page = tab.page
    tab.open("/outlets")
    page.click("text=寰宇社")
    page.wait_for_url("**/outlets/*")
    assert page.locator("#blindspot-overall tr.month").count() == 4  # one story a month
    assert page.locator("li.example").count() >= 1
    page.screenshot(path=str(artifacts / "web-outlet.png"), full_page=True)
    page.locator("li.example a").first.click()
    page.wait_for_url("**/stories/*#fact-*")
    assert page.locator("tr.fact.sel").count() == 1
    assert page.locator(".m.hl").count() >= 1


def test_upload_an_article(copy_tab, artifacts, tmp_path) -> None:
    page = copy_tab.page
    file = tmp_path / "flood-de.txt"
    file.write_text(FLOOD_DE, encoding="utf-8")
    copy_tab.open("/upload")
    page.set_input_files("input[name=files]", str(file))
    page.fill("input[name=outlet]", "Steppenbote")
    page.screenshot(path=str(artifacts / "web-upload.png"))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/upload")
    assert "ingested 1" in page.locator(".ingest-summary").inner_text()
    page.click("a.to-story")
    page.wait_for_url("**/stories/*")
    assert page.locator(".col").count() == 6
    assert page.locator(".col-lang", has_text="German").count() == 1
    assert page.url.endswith(story_of(copy_tab.server, "flood-en.txt"))


def test_split_and_merge_with_the_buttons(copy_tab, artifacts) -> None:
    page = copy_tab.page
    flood = story_of(copy_tab.server, "flood-en.txt")
    copy_tab.open(f"/stories/{flood}")
    page.locator("details.corrections summary").click()
    page.check('#split-form input[value="flood-zh.txt"]')
    page.check('#split-form input[value="flood-ar.txt"]')
    page.screenshot(path=str(artifacts / "web-corrections.png"))
    page.click("#split-form button[type=submit]")
    page.wait_for_url(lambda url: "/stories/" in url and not url.endswith(flood))
    assert page.locator(".col").count() == 2
    new = page.url.rsplit("/", 1)[1]

    page.locator("details.corrections summary").click()
    page.fill("#merge-form input[name=other]", flood)
    page.click("#merge-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".col").count() == 5
    assert story_of(copy_tab.server, "flood-zh.txt") == story_of(copy_tab.server, "flood-en.txt")
    copy_tab.open(f"/stories/{new}")  # whichever id was absorbed still leads to the story
    assert page.locator(".col").count() == 5


def test_the_story_page_reads_answer_first_at_laptop_size(browser, live_server, artifacts) -> None:
    tab = Tab(browser, live_server)
    tab.context.close()
    tab.context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    tab.page = tab.context.new_page()
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page = tab.page
    tab.open("/?language=fr")
    gist = page.locator("tr.story-row .gist").first.inner_text()
    assert "Kassym-Jomart Tokayev" in gist
    page.click("tr.story-row .story-title a")
    page.wait_for_url("**/stories/*")
    tops = [
        page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top")
        for selector in (".gist", ".sum-conflicts", ".facts-pane")
    ]
    assert tops == sorted(tops) and tops[1] < 768
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator(".summary").evaluate("el => el.scrollWidth <= el.clientWidth")
    page.locator(".sum-conflict").first.click()
    assert page.locator(".col.has-hit").count() == 5
    page.screenshot(path=str(artifacts / "web-story-1366.png"))
    tab.close()

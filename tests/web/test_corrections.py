"""Uploads join their stories; merge, split and move through the API and the pages' forms;
absorbed story ids keep answering; the story list's pages and filters."""

from __future__ import annotations

import lxml.html
from web_inputs import FLOOD_DE

SAME_ORIGIN = {"origin": "http://127.0.0.1:8000"}


def story_of(client, article: str) -> str:
    return client.get(f"/api/articles/{article}").json()["story"]


def test_an_uploaded_article_joins_its_story(copy_client) -> None:
    flood = story_of(copy_client, "flood-en.txt")
    response = copy_client.post(
        "/api/ingest",
        files={"files": ("flood-de.txt", FLOOD_DE.encode(), "text/plain")},
        data={"outlet": "Steppenbote"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ingested"] == 1 and result["articles"] == [{"id": "flood-de.txt", "story": flood}]
    story = copy_client.get(f"/api/stories/{flood}").json()["story"]
    assert "flood-de.txt" in story["documents"] and "de" in story["languages"]
    assert "Steppenbote" in story["outlets"]
    comparison = copy_client.get(f"/api/stories/{flood}/comparison").json()
    assert "flood-de.txt" in {d["id"] for d in comparison["documents"]}
    again = copy_client.post(
        "/api/ingest", files={"files": ("flood-de.txt", FLOOD_DE.encode(), "text/plain")}
    )
    assert again.json()["duplicates"] == 1 and again.json()["ingested"] == 0


def test_merge_split_and_move_through_the_api(copy_client) -> None:
    visit, grain = story_of(copy_client, "visit-fr.html"), story_of(copy_client, "grain-kk.txt")
    merged = copy_client.post(f"/api/stories/{visit}/merge", json={"with": grain})
    assert merged.status_code == 200, merged.text
    kept = merged.json()["stories"][0]
    assert {"visit-fr.html", "grain-kk.txt"} <= set(kept["documents"])
    absorbed = grain if kept["id"] == visit else visit
    redirect = copy_client.get(f"/api/stories/{absorbed}", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == f"/api/stories/{kept['id']}"
    page = copy_client.get(f"/stories/{absorbed}", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/stories/{kept['id']}"

    grain_files = [d for d in kept["documents"] if d.startswith("grain-")]
    split = copy_client.post(f"/api/stories/{kept['id']}/split", json={"articles": grain_files})
    assert split.status_code == 200, split.text
    new, rest = split.json()["stories"]
    assert set(new["documents"]) == set(grain_files)
    assert all(d.startswith("visit-") for d in rest["documents"])

    moved = copy_client.post("/api/articles/visit-zh.txt/move", json={"to": new["id"]})
    assert moved.status_code == 200
    assert "visit-zh.txt" in moved.json()["stories"][0]["documents"]
    assert story_of(copy_client, "visit-zh.txt") == new["id"]


def test_corrections_that_cannot_be_done(copy_client) -> None:
    visit = story_of(copy_client, "visit-fr.html")
    documents = copy_client.get(f"/api/stories/{visit}").json()["story"]["documents"]
    everything = copy_client.post(f"/api/stories/{visit}/split", json={"articles": documents})
    assert everything.status_code == 409
    stranger = copy_client.post(f"/api/stories/{visit}/split", json={"articles": ["grain-kk.txt"]})
    assert stranger.status_code == 409 and "grain-kk.txt" in stranger.json()["error"]["message"]
    assert copy_client.post(f"/api/stories/{visit}/split", json={"articles": []}).status_code == 422
    assert copy_client.post("/api/stories/nope/merge", json={"with": visit}).status_code == 404
    assert copy_client.post("/api/articles/nope.txt/move", json={"to": visit}).status_code == 404
    assert copy_client.post(f"/api/stories/{visit}/merge", json={}).status_code == 422


def test_the_story_page_forms(copy_client) -> None:
    token = copy_client.app.state.csrf
    flood, summit = story_of(copy_client, "flood-en.txt"), story_of(copy_client, "summit-tr.txt")
    page = lxml.html.fromstring(copy_client.get(f"/stories/{flood}").text)
    assert page.cssselect("#merge-form")[0].get("action") == f"/stories/{flood}/merge"
    assert page.cssselect("#merge-form input[name=csrf]")[0].get("value") == token
    choices = [c.get("value") for c in page.cssselect("#split-form input[name=articles]")]
    assert set(choices) == set(copy_client.get(f"/api/stories/{flood}").json()["story"]["documents"])

    response = copy_client.post(
        f"/stories/{flood}/split",
        data={"csrf": token, "articles": ["flood-zh.txt", "flood-ar.txt"]},
        headers=SAME_ORIGIN,
        follow_redirects=False,
    )
    assert response.status_code == 303
    new = response.headers["location"].rsplit("/", 1)[1]
    assert set(copy_client.get(f"/api/stories/{new}").json()["story"]["documents"]) == {
        "flood-zh.txt",
        "flood-ar.txt",
    }

    response = copy_client.post(
        f"/stories/{new}/merge",
        data={"csrf": token, "other": flood},
        headers=SAME_ORIGIN,
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert (
        len(
            copy_client.get(response.headers["location"].replace("/stories/", "/api/stories/")).json()[
                "articles"
            ]
        )
        == 5
    )

    response = copy_client.post(
        f"/stories/{flood}/move",
        data={"csrf": token, "article": "flood-en.txt", "to": summit},
        headers=SAME_ORIGIN,
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/stories/{summit}"
    assert story_of(copy_client, "flood-en.txt") == summit


def test_story_list_pages_and_filters(client) -> None:
    first = lxml.html.fromstring(client.get("/").text)  # two stories a page in this app
    rows = first.cssselect("tr.story-row")
    assert len(rows) == 2
    assert first.cssselect("a[rel=next]")[0].get("href") == "/?page=2"
    ids = [r.get("data-story") for r in rows]
    third = lxml.html.fromstring(client.get("/?page=3").text)
    ids += [r.get("data-story") for r in third.cssselect("tr.story-row")]
    second = lxml.html.fromstring(client.get("/?page=2").text)
    ids[2:2] = [r.get("data-story") for r in second.cssselect("tr.story-row")]
    assert ids == [s["id"] for s in client.get("/api/stories").json()["stories"]]
    assert not third.cssselect("a[rel=next]") and third.cssselect("a[rel=prev]")

    filtered = lxml.html.fromstring(client.get("/", params={"language": "tr"}).text)
    assert [r.get("data-story") for r in filtered.cssselect("tr.story-row")] == [
        story_of(client, "summit-tr.txt")
    ]
    assert filtered.cssselect("select[name=language] option[selected]")[0].get("value") == "tr"
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 200 and "not a date" in bad.text
    none = client.get("/", params={"q": "zzzzqqqq nothing like this"})
    assert "No stories match these filters" in none.text


def test_visit_story_page_lists_its_sources_and_conflicts(client) -> None:
    visit = story_of(client, "visit-fr.html")
    page = lxml.html.fromstring(client.get(f"/stories/{visit}").text)
    columns = page.cssselect(".col")
    assert len(columns) == 5
    directions = {c.cssselect(".col-lang")[0].text: c.cssselect(".body-orig")[0].get("dir") for c in columns}
    assert directions["Arabic"] == "rtl" and directions["French"] == "ltr"
    assert len(page.cssselect(".sec-conflict tbody.conflict-group")) == 2
    assert page.cssselect('script[src="/static/report.js"]')
    css = client.get("/static/report.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/..%2Fapp.py").status_code == 404


def test_the_store_refuses_what_the_api_refuses(store_copy) -> None:
    """The API's 404 and 409 are the store's own errors: the CLI and Python callers get them too."""
    import pytest

    from parallax.store import CorrectionRefused, NotFound, Store

    with Store(store_copy) as store:
        [visit] = {s.id for s in store.stories() if "visit-fr.html" in s.documents}
        documents = store.story(visit).documents
        with pytest.raises(CorrectionRefused, match="nothing behind"):
            store.split(visit, documents)
        with pytest.raises(CorrectionRefused, match=r"grain-kk\.txt"):
            store.split(visit, ["grain-kk.txt"])
        with pytest.raises(NotFound):
            store.move("nope.txt", visit)
        with pytest.raises(NotFound):
            store.merge("nope", visit)
        assert store.story(visit).documents == documents

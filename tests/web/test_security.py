"""Escaping on every page, cross-origin and DNS-rebinding refusals, upload caps and types,
the private-address rule for feed URLs."""

from __future__ import annotations

import gzip
from urllib.parse import quote

import lxml.html
import pytest
from web_inputs import HOSTILE_ID, HOSTILE_ID_2, HOSTILE_OUTLET, HOSTILE_OUTLET_2, IMG, SCRIPT

from parallax.web.security import CONTENT_SECURITY_POLICY

SAME_ORIGIN = {"origin": "http://127.0.0.1:8000"}


def hostile_story(client) -> str:
    found = client.get("/api/stories", params={"outlet": HOSTILE_OUTLET}).json()["stories"]
    return found[0]["id"]


def assert_inert(html: str, where: str) -> None:
    """No markup from an article became markup: only our own scripts, no handlers, no js: links."""
    assert SCRIPT not in html and "<script>alert" not in html, where
    assert "<img" not in html.lower(), where
    tree = lxml.html.fromstring(html)
    for script in tree.iter("script"):
        assert script.get("src") in ("/static/report.js", None), where
        if script.get("src") is None:
            assert script.get("type") == "application/json", where
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (where, name)
            if name in ("href", "src", "action"):
                assert not value.strip().lower().startswith(("javascript:", "data:")), (where, value)


def test_every_page_escapes_article_content(client) -> None:
    story = hostile_story(client)
    pages = [
        "/",
        "/?q=" + quote(SCRIPT),
        "/?outlet=" + quote(HOSTILE_OUTLET),
        "/?since=" + quote(IMG),
        f"/stories/{story}",
        "/outlets",
        "/outlets/" + quote(HOSTILE_OUTLET, safe=""),
        "/outlets/" + quote(HOSTILE_OUTLET_2, safe=""),
        "/stories/" + quote(SCRIPT, safe=""),
        "/outlets/" + quote(SCRIPT, safe=""),
        "/upload",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert_inert(response.text, path)
    page = client.get(f"/stories/{story}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, not dropped
    assert "Steppe Wire &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert quote(HOSTILE_ID, safe="") in page and quote(HOSTILE_ID_2, safe="") in page


def test_uploaded_file_names_are_escaped(copy_client) -> None:
    name = f"{IMG}<script>alert(1).txt"  # a file name cannot hold '/', so no closing tag
    text = "Almaty, 3 June 2025 — The city council approved 48 new bus routes on Tuesday, officials said.\n"
    response = copy_client.post(
        "/upload",
        files={"files": (name, text.encode(), "text/plain")},
        data={"csrf": copy_client.app.state.csrf},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 200, response.text
    assert_inert(response.text, "upload result")
    page = lxml.html.fromstring(response.text)
    shown = page.cssselect("ul.ingested a.mono")[0].text_content()
    assert shown.endswith("<img src=x onerror=alert(1)><script>alert(1).txt")  # the name, kept as text
    story_page = copy_client.get(page.cssselect("ul.ingested a.to-story")[0].get("href"))
    assert story_page.status_code == 200
    assert_inert(story_page.text, "story of the upload")
    assert "48" in story_page.text


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1:9999"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:8000"},
    ],
)
def test_cross_origin_posts_are_refused(copy_client, headers) -> None:
    story = copy_client.get("/api/stories").json()["stories"][0]["id"]
    for path, body in (
        (f"/api/stories/{story}/merge", {"json": {"with": story}}),
        ("/api/ingest", {"json": {"urls": ["https://example.org/feed"]}}),
    ):
        response = copy_client.post(path, headers=headers, **body)
        assert response.status_code == 403, (path, headers)
        assert "refused" in response.json()["error"]["message"]
    form = {"csrf": copy_client.app.state.csrf, "other": story}
    assert copy_client.post(f"/stories/{story}/merge", data=form, headers=headers).status_code == 403


def test_forms_need_the_token(copy_client) -> None:
    story = copy_client.get("/api/stories").json()["stories"][0]["id"]
    for form in ({"other": story}, {"other": story, "csrf": "stale"}):
        response = copy_client.post(f"/stories/{story}/merge", data=form, headers=SAME_ORIGIN)
        assert response.status_code == 403
        assert "token" in response.text


def test_foreign_host_names_are_refused(client) -> None:
    """A page on another domain rebound to 127.0.0.1 still sends its own name as Host."""
    response = client.get("/api/stories", headers={"host": "evil.example:8000"})
    assert response.status_code == 400
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200


def upload(copy_client, name: str, data: bytes, **extra):
    return copy_client.post("/api/ingest", files={"files": (name, data, "application/octet-stream")}, **extra)


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("notes.exe", b"MZ\x90\x00", 415, "not an accepted file type"),
        ("photo.png", b"\x89PNG\r\n", 415, "not an accepted file type"),
        ("story.txt", b"\x89PNG\r\n\x1a\n\x00\x00", 415, "binary data"),
        ("story.html", b"PK\x03\x04zipped", 415, "binary data"),
        ("corpus.parquet", b"not parquet at all", 415, "Parquet"),
        ("crawl.warc.gz", b"WARC/1.0\r\n", 415, "gzip"),
        ("crawl.warc", b"\x1f\x8b\x08\x00", 415, "WARC"),
        ("empty.txt", b"", 400, "empty"),
        (".txt", b"text", 415, "not an accepted file type"),
    ],
)
def test_uploads_are_type_checked(copy_client, name, data, status, message) -> None:
    response = upload(copy_client, name, data)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]["message"]


def test_uploads_are_size_capped(store_copy) -> None:
    from fastapi.testclient import TestClient

    from parallax.web.app import create_app
    from parallax.web.served import ServedStore

    held = ServedStore(store_copy, warm=False)
    app = create_app(held, max_file_bytes=1024, max_request_bytes=64 * 1024)
    with TestClient(app, base_url="http://127.0.0.1:8000") as small:
        response = upload(small, "long.txt", b"word " * 400)
        assert response.status_code == 413 and "too large" in response.json()["error"]["message"]
        response = upload(small, "huge.txt", b"word " * 20_000)
        assert response.status_code == 413
    held.close()


def test_a_utf16_text_upload_is_text(copy_client) -> None:
    text = "Astana, 2 June 2025 — The ministry said 14 new schools opened in the capital on Monday.\n"
    response = upload(copy_client, "schools.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    assert response.status_code == 200, response.text
    assert response.json()["ingested"] == 1


def test_gzip_warc_upload_is_read(copy_client) -> None:
    page = (
        "<html><head><title>Aktobe dams reinforced</title></head><body><article><p>Aktobe, 8 April 2025 — "
        "Rescuers reinforced 14 kilometres of earth dams along the Ilek river on Tuesday, the ministry said."
        "</p></article></body></html>"
    ).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/aktobe-dams\r\n"
        b"WARC-Date: 2025-04-08T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1b2c>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )
    response = upload(copy_client, "crawl.warc.gz", gzip.compress(record))
    assert response.status_code == 200, response.text
    assert response.json()["ingested"] == 1
    assert response.json()["articles"][0]["id"] == "https://news.example/aktobe-dams"


def test_feed_urls_obey_the_private_address_rule(copy_client) -> None:
    response = copy_client.post(
        "/api/ingest", json={"urls": ["http://127.0.0.1:1/feed.xml", "http://10.0.0.7/rss"]}
    )
    assert response.status_code == 200
    result = response.json()
    assert result["ingested"] == 0 and len(result["rejected"]) == 2
    for item in result["rejected"]:
        assert "private" in item["reason"] or "loopback" in item["reason"], item


@pytest.mark.parametrize(
    "body",
    [{"urls": ["javascript:alert(1)"]}, {"urls": ["file:///etc/passwd"]}, {"urls": []}, {"nothing": 1}],
)
def test_bad_url_requests(copy_client, body) -> None:
    response = copy_client.post("/api/ingest", json=body)
    assert response.status_code == 422, response.text
    assert "error" in response.json()


def test_ingest_needs_files_or_urls(copy_client) -> None:
    assert (
        copy_client.post("/api/ingest", content=b"x", headers={"content-type": "text/plain"}).status_code
        == 415
    )

"""WARC archives written with warcio: HTML responses are articles, everything else is skipped,
and a damaged record is rejected without losing the records after it."""

from __future__ import annotations

import gzip
import io

import pytest
from test_sources_fixtures import ARTICLES, page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.ingest.run import Rejected
from parallax.ingest.sources import iter_articles
from parallax.model import Article


def response(url, body, content_type="text/html; charset=utf-8", status="200 OK"):
    return ("response", url, body, content_type, status)


def write_warc(path, records, *, gzip=True):
    """Write the records; return the byte offset where each one starts."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets = []
    for kind, url, body, content_type, status in records:
        offsets.append(buffer.tell())
        if kind == "response":
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        elif kind == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
        else:
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(body), warc_content_type=content_type
            )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return offsets


def crawl():
    return [
        ("request", "https://dala.example/kk/aktau", b"", "", ""),
        response("https://dala.example/kk/aktau", page("kk", site="Dala News").encode()),
        response("https://dala.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        ("metadata", "https://dala.example/kk/aktau", b"fetch-time: 0.4s\n", "application/warc-fields", ""),
        response(
            "https://dala.example/missing",
            b"<html><body><p>Page not found</p></body></html>",
            status="404 Not Found",
        ),
        response("https://gulf.example/ar/terminal", page("ar", site="Gulf Times").encode()),
        (
            "resource",
            "https://hafen.example/de/terminal",
            page("de", site="Hafenblatt").encode(),
            "text/html",
            "",
        ),
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_are_articles_and_other_records_are_skipped(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, crawl(), gzip=gzip)
    items = list(iter_articles([str(path)]))
    assert all(isinstance(item, Article) for item in items)
    kk, ar, de = items
    assert (kk.id, kk.url, kk.outlet, kk.format) == (
        "https://dala.example/kk/aktau",
        "https://dala.example/kk/aktau",
        "Dala News",
        "html",
    )
    assert kk.text.startswith(ARTICLES["kk"]["title"])
    assert (ar.id, ar.outlet) == ("https://gulf.example/ar/terminal", "Gulf Times")
    assert "42 مليون دولار" in ar.text
    assert de.id == "https://hafen.example/de/terminal"
    assert kk.path == f"{path} record 2 (https://dala.example/kk/aktau)"


def test_a_broken_gzip_member_is_rejected_and_the_rest_is_read(tmp_path):
    path = tmp_path / "damaged.warc.gz"
    records = crawl()
    offsets = write_warc(path, records)
    data = bytearray(path.read_bytes())
    hit = offsets[1] + 60  # inside the compressed Kazakh page
    data[hit : hit + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    items = list(iter_articles([str(path)]))
    assert [type(item).__name__ for item in items] == ["Rejected", "Article", "Article"]
    assert items[0].source.startswith(f"{path} record 2 (byte ")
    assert items[0].reason.startswith("broken WARC record")
    assert [item.id for item in items[1:]] == [
        "https://gulf.example/ar/terminal",
        "https://hafen.example/de/terminal",
    ]


def test_a_broken_record_in_a_plain_warc_is_skipped_to_the_next_one(tmp_path):
    path = tmp_path / "damaged.warc"
    offsets = write_warc(path, crawl(), gzip=False)
    data = bytearray(path.read_bytes())
    # Garble the header block of the Arabic response: its "WARC/1.0" line and lengths are gone.
    data[offsets[5] : offsets[5] + 40] = b"#" * 40
    path.write_bytes(bytes(data))
    items = list(iter_articles([str(path)]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "Rejected", "Article"]
    assert items[1].reason.startswith("broken WARC record")
    assert [items[0].id, items[2].id] == [
        "https://dala.example/kk/aktau",
        "https://hafen.example/de/terminal",
    ]


def test_the_http_charset_decodes_a_page_without_meta(tmp_path):
    body = (
        "<html><head><title>Терминал</title></head><body><article>"
        + "".join(f"<p>{part}</p>" for part in ARTICLES["ru"]["body"].split("\n\n"))
        + "</article></body></html>"
    ).encode("cp1251")
    path = tmp_path / "ru.warc.gz"
    write_warc(path, [response("https://kaspiy.example/ru/1", body, "text/html; charset=windows-1251")])
    (article,) = iter_articles([str(path)])
    assert "зерновой терминал" in article.text
    assert article.encoding == "cp1251"


def test_a_warc_without_html_is_rejected(tmp_path):
    path = tmp_path / "images.warc.gz"
    write_warc(
        path, [response("https://dala.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")]
    )
    assert list(iter_articles([str(path)])) == [Rejected(str(path), "no HTML pages in this WARC file")]


def test_a_file_that_is_no_warc_is_rejected(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("This is a reporter's notebook, not an archive.\n" * 3)
    gzipped = tmp_path / "notes.warc.gz"
    gzipped.write_bytes(gzip.compress(b"Reporter's notebook, 5 March: port opening at 10:00.\n"))
    problem = "not a WARC file (it does not start with a WARC record)"
    assert list(iter_articles([str(path), str(gzipped)])) == [
        Rejected(str(path), problem),
        Rejected(str(gzipped), problem),
    ]


def test_html_records_without_an_article_are_rejected_by_url(tmp_path):
    path = tmp_path / "nav.warc.gz"
    menu = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    write_warc(
        path,
        [
            response("https://dala.example/menu", menu),
            response("https://dala.example/kk/1", page("kk").encode()),
        ],
    )
    rejected, article = iter_articles([str(path)])
    assert rejected.source == f"{path} record 1 (https://dala.example/menu)"
    assert rejected.reason.startswith("not an article")
    assert article.id == "https://dala.example/kk/1"


def test_outlet_argument_overrides_the_page(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, crawl())
    assert {item.outlet for item in iter_articles([str(path)], outlet="Archive Desk")} == {"Archive Desk"}

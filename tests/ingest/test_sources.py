"""iter_articles over mixed inputs: folders, ids, outlets, URLs, and bad input that must not stop a run."""

from __future__ import annotations

import io
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_sources_fixtures import ARTICLES, Route, page, paragraphs_html, rss, serve, text_article
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.ingest.fetch import Fetcher
from parallax.ingest.run import Rejected, iso_datetime, language_code
from parallax.ingest.sources import input_kind, iter_articles
from parallax.model import Article


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def one_page_warc(url, markup):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(markup), http_headers=headers)
    )
    return buffer.getvalue()


@pytest.fixture
def newsroom(tmp_path):
    """A folder of every kind of input, nested, with files that must be left alone."""
    root = tmp_path / "newsroom"
    write(root / "a-kk.txt", text_article("kk"))
    write(root / "b-page.html", page("en", site="Caspian Daily"))
    write(root / "desk" / "c-page.htm", page("de", site="Hafenblatt"))
    write(
        root / "desk" / "d-wire.jsonl",
        json.dumps({"id": "w-1", "text": text_article("fr"), "source": "AFX"}) + "\n",
    )
    table = pa.Table.from_pylist([{"text": text_article("es"), "source": "Diario del Sur"}])
    (root / "desk" / "archive").mkdir(parents=True)
    pq.write_table(table, root / "desk" / "archive" / "e-corpus.parquet")
    write(
        root / "desk" / "archive" / "f-crawl.warc.gz",
        one_page_warc("https://gulf.example/ar/1", page("ar").encode()),
    )
    write(
        root / "feeds" / "g-feed.xml",
        rss("Körfez Haber", [{"guid": "kh-9", "content": paragraphs_html("tr")}]),
    )
    write(root / "notes.csv", "rate,value\nUSD,475.5\n")  # unknown kinds are skipped in folders
    write(root / ".git" / "HEAD.txt", "ref: refs/heads/main\n")  # hidden folders too
    write(root / ".draft.txt", text_article("ru"))
    return root


def test_a_folder_is_read_recursively_in_name_order(newsroom):
    items = list(iter_articles([str(newsroom)]))
    assert all(isinstance(item, Article) for item in items), items
    assert [item.id for item in items] == [
        "a-kk.txt",
        "b-page.html",
        "e-corpus.parquet#1",
        "https://gulf.example/ar/1",
        "c-page.htm",
        "w-1",
        "kh-9",
    ]
    outlets = {item.id: item.outlet for item in items}
    assert outlets["b-page.html"] == "Caspian Daily"
    assert outlets["w-1"] == "AFX"
    assert outlets["kh-9"] == "Körfez Haber"
    assert outlets["a-kk.txt"] is None


def test_outlet_argument_overrides_every_source_of_an_outlet(newsroom):
    assert {item.outlet for item in iter_articles([str(newsroom)], outlet="Monitoring Desk")} == {
        "Monitoring Desk"
    }


def test_repeated_file_names_are_numbered(tmp_path):
    paths = [
        write(tmp_path / folder / "report.txt", text_article(lang))
        for folder, lang in [("kz", "kk"), ("ru", "ru"), ("ar", "ar")]
    ]
    items = list(iter_articles([str(path) for path in paths]))
    assert [item.id for item in items] == ["report.txt", "report.txt#2", "report.txt#3"]
    assert [item.path for item in items] == [str(path) for path in paths]


def test_ids_follow_the_rules_across_kinds(tmp_path):
    corpus = write(
        tmp_path / "mixed.jsonl",
        "\n".join(
            json.dumps(record)
            for record in [
                {"id": "given-id", "url": "https://news.example/1", "text": text_article("en")},
                {"url": "https://news.example/2", "text": text_article("de")},
                {"text": text_article("es")},
            ]
        ),
    )
    loose = write(tmp_path / "loose.html", page("fr"))
    assert [item.id for item in iter_articles([str(corpus), str(loose)])] == [
        "given-id",
        "https://news.example/2",
        "mixed.jsonl#3",
        "loose.html",
    ]


def test_bad_input_is_rejected_and_the_run_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", text_article("kk"))
    empty = write(tmp_path / "empty.txt", "")
    binary = write(tmp_path / "photo.txt", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    numbers = write(tmp_path / "rates.txt", "475,54\n512,30\n5,21\n" * 5)
    missing = tmp_path / "missing.html"
    dangling = tmp_path / "link.txt"
    os.symlink(tmp_path / "gone.txt", dangling)
    last = write(tmp_path / "last.html", page("zh"))
    items = list(
        iter_articles([str(path) for path in [good, empty, binary, numbers, missing, dangling, last]])
    )
    assert [type(item).__name__ for item in items] == ["Article"] + ["Rejected"] * 5 + ["Article"]
    reasons = {item.source: item.reason for item in items if isinstance(item, Rejected)}
    assert reasons[str(empty)] == "empty file"
    assert reasons[str(binary)] == "binary file (JPEG image)"
    assert reasons[str(numbers)].startswith("not an article")
    assert reasons[str(missing)] == "file not found"
    assert reasons[str(dangling)] == "file not found"
    assert "1.5" not in items[-1].text and "150万吨" in items[-1].text


def test_a_folder_of_bad_files_yields_only_rejections(tmp_path):
    write(tmp_path / "in" / "broken.jsonl", "{not json}\n")
    write(tmp_path / "in" / "feed.rss", "plain words, not a feed")
    write(tmp_path / "in" / "crawl.warc", "not a warc either\n")
    write(tmp_path / "in" / "data.parquet", b"PAR1garbage")
    items = list(iter_articles([str(tmp_path / "in")]))
    assert all(isinstance(item, Rejected) for item in items)
    assert len(items) == 4
    assert all(str(tmp_path / "in") in item.source for item in items)


def test_a_page_url_is_fetched_and_named_by_its_url():
    with serve({"/kk/aktau": Route(body=page("kk", site="Dala News").encode())}) as server:
        (article,) = iter_articles([server.url("/kk/aktau")], allow_private=True)
    assert (article.id, article.url, article.outlet, article.format) == (
        server.url("/kk/aktau"),
        server.url("/kk/aktau"),
        "Dala News",
        "html",
    )
    assert article.text.startswith(ARTICLES["kk"]["title"])


def test_urls_are_refused_without_allow_private_and_the_run_goes_on(tmp_path):
    after = write(tmp_path / "after.txt", text_article("tr"))
    with serve({"/page": Route(body=page("en").encode())}) as server:
        items = list(
            iter_articles(
                [server.url("/page"), "http://10.8.0.1/news", "ftp://files.example/a.txt", str(after)]
            )
        )
        assert server.requests == []
    loopback, private, scheme, article = items
    assert loopback.source == server.url("/page") and "a loopback address" in loopback.reason
    assert "a private address" in private.reason
    assert scheme == Rejected(
        "ftp://files.example/a.txt", "unsupported URL scheme (only http and https URLs are fetched)"
    )
    assert article.id == "after.txt"


def test_a_given_fetcher_is_used_and_left_open():
    with serve({"/a": Route(body=page("es").encode()), "/b": Route(body=page("fr").encode())}) as server:
        with Fetcher(allow_private=True, user_agent="desk-test/1") as fetcher:
            first = list(iter_articles([server.url("/a")], fetcher=fetcher))
            second = list(iter_articles([server.url("/b")], fetcher=fetcher))
        assert [headers["user-agent"] for _, headers in server.requests] == ["desk-test/1"] * 2
    assert isinstance(first[0], Article) and isinstance(second[0], Article)


def test_failing_http_pages_are_rejected():
    with serve({"/gone": Route(status=404)}) as server:
        (rejected,) = iter_articles([server.url("/gone")], allow_private=True)
    assert rejected == Rejected(server.url("/gone"), "HTTP 404 Not Found")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("A.HTML", "text"),
        ("b.htm", "text"),
        ("c.jsonl", "records"),
        ("c.json", "records"),
        ("d.parquet", "parquet"),
        ("e.warc", "warc"),
        ("e.WARC.GZ", "warc"),
        ("f.xml", "feed"),
        ("f.rss", "feed"),
        ("f.atom", "feed"),
        ("g.csv", None),
        ("h.gz", None),
    ],
)
def test_input_kinds(name, kind):
    assert input_kind(name) == kind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T09:30:00Z", "2024-03-05T09:30:00+00:00"),
        ("Tue, 05 Mar 2024 09:30:00 +0500", "2024-03-05T09:30:00+05:00"),
        (1709625600, "2024-03-05T08:00:00+00:00"),
        (1709625600000, "2024-03-05T08:00:00+00:00"),
        ("yesterday evening", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_publication_dates_become_iso(value, expected):
    assert iso_datetime(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("kk", "kk"), ("KK", "kk"), ("kk-KZ", "kk"), ("zh_Hans", "zh"), ("", None), (None, None), (7, None)],
)
def test_language_codes(value, expected):
    assert language_code(value) == expected

"""RSS and Atom feeds from files and from a real local server, and the poller behind `watch`."""

from __future__ import annotations

import json
import threading
import time

import pytest
from test_sources_fixtures import ARTICLES, Route, atom, page, paragraphs_html, rss, serve

from parallax.ingest.feeds import SUBSTANTIAL_LETTERS, FeedPoller, looks_like_feed
from parallax.ingest.fetch import Fetcher
from parallax.ingest.run import Rejected, weighted_letters
from parallax.ingest.sources import iter_articles
from parallax.model import Article

RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


def multilingual_rss():
    return rss(
        "Caspian Wire",
        [
            {
                "title": ARTICLES["kk"]["title"],
                "guid": "cw-kk-101",
                "link": "https://caspianwire.example/kk/101",
                "pubDate": "Tue, 05 Mar 2024 09:00:00 +0500",
                "description": "Ақтау портында жаңа терминал.",
                "content": paragraphs_html("kk"),
            },
            {
                "title": ARTICLES["ar"]["title"],
                "guid": "cw-ar-102",
                "link": "https://caspianwire.example/ar/102",
                "pubDate": "Tue, 05 Mar 2024 07:15:00 GMT",
                "content": paragraphs_html("ar"),
            },
            {
                "title": ARTICLES["zh"]["title"],
                "link": "https://caspianwire.example/zh/103",
                "content": paragraphs_html("zh"),
            },
        ],
    )


def test_an_rss_file_with_full_content_gives_its_entries(tmp_path):
    path = tmp_path / "caspian.rss"
    path.write_text(multilingual_rss(), encoding="utf-8")
    kk, ar, zh = iter_articles([str(path)])
    assert (kk.id, kk.title, kk.outlet, kk.url, kk.published) == (
        "cw-kk-101",
        ARTICLES["kk"]["title"],
        "Caspian Wire",
        "https://caspianwire.example/kk/101",
        "2024-03-05T04:00:00+00:00",
    )
    assert "1,5 млн тоннаға" in kk.text and kk.format == "html"
    assert (ar.id, ar.published) == ("cw-ar-102", "2024-03-05T07:15:00+00:00")
    assert "باكو" in ar.text
    # No guid: the link is the id.
    assert (zh.id, zh.published) == ("https://caspianwire.example/zh/103", None)
    assert "4200万美元" in zh.text


def test_an_atom_teaser_is_followed_to_its_page(tmp_path):
    with serve() as server:
        server.routes["/de/aktau"] = Route(
            body=page("de", site="Hafenblatt", published="2024-03-05").encode()
        )
        feed = atom(
            "Hafenblatt – Wirtschaft",
            [
                {
                    "id": "urn:hafenblatt:2024:881",
                    "title": ARTICLES["de"]["title"],
                    "link": server.url("/de/aktau"),
                    "updated": "2024-03-05T11:20:00+01:00",
                    "summary": "Zweites Getreideterminal in Aktau eröffnet.",
                },
                {
                    "id": "urn:hafenblatt:2024:882",
                    "title": ARTICLES["es"]["title"],
                    "updated": "2024-03-05T12:00:00+01:00",
                    "content": paragraphs_html("es"),
                },
            ],
        )
        path = tmp_path / "hafenblatt.atom"
        path.write_text(feed, encoding="utf-8")
        de, es = iter_articles([str(path)], allow_private=True)
        assert len(server.hits("/de/aktau")) == 1
    assert de.id == "urn:hafenblatt:2024:881"
    assert "Umschlagkapazität auf 1,5 Millionen Tonnen" in de.text
    assert "Share on social media" not in de.text
    # The feed's title names the outlet before the page's site name does; the entry's date wins too.
    assert (de.outlet, de.published, de.url) == (
        "Hafenblatt – Wirtschaft",
        "2024-03-05T10:20:00+00:00",
        server.url("/de/aktau"),
    )
    # Short content is not followed when there is no link: a short entry is still what the feed said.
    assert es.id == "urn:hafenblatt:2024:882" and "2.300 millones" in es.text


def test_a_teaser_is_kept_when_its_page_cannot_be_fetched(tmp_path):
    teaser = "Körfez köprüsünde iki şerit üç hafta boyunca trafiğe kapalı olacak."
    assert weighted_letters(teaser) < SUBSTANTIAL_LETTERS
    feed = rss(
        "Körfez Haber",
        [
            {
                "title": "Köprüde bakım",
                "guid": "kh-1",
                "link": "http://127.0.0.1:9/kopru",
                "description": teaser,
            },
            {"title": "Boş", "guid": "kh-2", "link": "http://10.0.0.7/bos", "description": "Ayrıntılar"},
        ],
    )
    path = tmp_path / "korfez.xml"
    path.write_text(feed, encoding="utf-8")
    kept, rejected = iter_articles([str(path)])  # no allow_private: both links are refused
    assert kept.id == "kh-1" and kept.text == teaser
    assert rejected.source == f"{path} entry 2 (http://10.0.0.7/bos)"
    assert "a private address" in rejected.reason


def test_entry_ids_fall_back_to_the_feed_name_and_number(tmp_path):
    feed = rss("Diario del Sur", [{"title": "Regadío", "content": paragraphs_html("es")}] * 2)
    path = tmp_path / "sur.xml"
    path.write_text(feed, encoding="utf-8")
    assert [item.id for item in iter_articles([str(path)])] == ["sur.xml#1", "sur.xml#2"]


def test_outlet_argument_overrides_the_feed_title(tmp_path):
    path = tmp_path / "caspian.xml"
    path.write_text(multilingual_rss(), encoding="utf-8")
    assert {item.outlet for item in iter_articles([str(path)], outlet="Desk")} == {"Desk"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("Port news for Tuesday: the terminal opens at ten.", "not a feed (not well-formed XML"),
        ("<html><body><p>Our feed has moved</p></body></html>", "not an RSS or Atom feed"),
        ("<html><body><p>Our feed has moved<br></p></body></html>", "not a feed (not well-formed XML"),
        ('<?xml version="1.0"?><urlset><url><loc>https://news.example/1</loc></url></urlset>', "not an RSS"),
    ],
)
def test_files_that_are_not_feeds_are_rejected(tmp_path, content, reason):
    path = tmp_path / "feed.xml"
    path.write_text(content, encoding="utf-8")
    (item,) = iter_articles([str(path)])
    assert item.source == str(path) and item.reason.startswith(reason)


def test_a_feed_without_entries_is_rejected(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text(rss("Quiet Wire", []), encoding="utf-8")
    assert list(iter_articles([str(path)])) == [Rejected(str(path), "the feed has no entries")]


def test_a_feed_and_a_page_from_urls():
    routes = {
        "/feed": Route(body=multilingual_rss().encode(), content_type=RSS_CONTENT_TYPE),
        "/atom": Route(
            body=atom("Hafenblatt", [{"id": "h-1", "content": paragraphs_html("de")}]).encode(),
            content_type="text/xml",  # sniffed, not trusted to say "feed"
        ),
        "/fr/crue": Route(body=page("fr", site="La Vallée", published="2024-03-10").encode()),
    }
    with serve(routes) as server:
        items = list(
            iter_articles(
                [server.url("/feed"), server.url("/atom"), server.url("/fr/crue")], allow_private=True
            )
        )
    assert [item.id for item in items] == [
        "cw-kk-101",
        "cw-ar-102",
        "https://caspianwire.example/zh/103",
        "h-1",
        server.url("/fr/crue"),
    ]
    fr = items[-1]
    assert (fr.outlet, fr.published, fr.url) == ("La Vallée", "2024-03-10", server.url("/fr/crue"))


def test_looks_like_feed():
    assert looks_like_feed(b"<!-- generated -->\n<rss version='2.0'><channel/></rss>")
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>")
    assert looks_like_feed(b"{}", "application/atom+xml")
    assert not looks_like_feed(page("en").encode(), "text/html")


class Clock:
    def __init__(self, now: float = 1_709_600_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_poller_returns_only_new_entries_with_conditional_requests():
    first = multilingual_rss()
    with serve({"/feed": Route(body=first.encode(), content_type=RSS_CONTENT_TYPE, etag='"a1"')}) as server:
        url = server.url("/feed")
        state: dict = {}
        with FeedPoller([url], state, allow_private=True) as poller:
            assert [item.id for item in poller.poll_once()] == [
                "cw-kk-101",
                "cw-ar-102",
                "https://caspianwire.example/zh/103",
            ]
            assert poller.poll_once() == []
            assert server.hits("/feed")[1]["if-none-match"] == '"a1"'
        # The state survives JSON, as the caller stores it between runs.
        state = json.loads(json.dumps(state))
        assert state[url]["etag"] == '"a1"'

        newer = rss(
            "Caspian Wire",
            [
                {"title": ARTICLES["ru"]["title"], "guid": "cw-ru-104", "content": paragraphs_html("ru")},
                {"title": ARTICLES["kk"]["title"], "guid": "cw-kk-101", "content": paragraphs_html("kk")},
            ],
        )
        server.routes["/feed"] = Route(body=newer.encode(), content_type=RSS_CONTENT_TYPE, etag='"a2"')
        with FeedPoller([url], state, allow_private=True) as poller:
            (fresh,) = poller.poll_once()
        assert server.hits("/feed")[2]["if-none-match"] == '"a1"'
    assert (fresh.id, fresh.outlet) == ("cw-ru-104", "Caspian Wire")
    assert "1,5 млн тонн" in fresh.text
    assert state[url]["etag"] == '"a2"'


def test_the_poller_backs_off_exponentially_after_errors():
    failing = Route(status=503, body=b"busy")
    clock = Clock()
    with serve({"/feed": failing}) as server:
        url = server.url("/feed")
        poller = FeedPoller([url], allow_private=True, base_delay=60, clock=clock)
        (rejected,) = poller.poll_once()
        assert rejected == Rejected(url, "HTTP 503 Service Unavailable (next try in 60 s)")
        assert poller.state[url]["failures"] == 1
        assert poller.state[url]["next_allowed"] == clock.now + 60

        clock.now += 30
        assert poller.poll_once() == []  # not due: no request at all
        assert len(server.hits("/feed")) == 1

        clock.now += 31
        (again,) = poller.poll_once()
        assert again.reason.endswith("(next try in 120 s)")
        assert len(server.hits("/feed")) == 2

        server.routes["/feed"] = Route(body=multilingual_rss().encode(), content_type=RSS_CONTENT_TYPE)
        clock.now += 121
        assert len(poller.poll_once()) == 3
        assert (poller.state[url]["failures"], poller.state[url]["error"]) == (0, None)
        poller.close()


def test_the_back_off_is_capped():
    clock = Clock()
    with serve({"/feed": Route(status=500)}) as server:
        poller = FeedPoller(
            [server.url("/feed")], allow_private=True, base_delay=60, max_delay=300, clock=clock
        )
        delays = []
        for _ in range(5):
            clock.now = poller.state.get(server.url("/feed"), {}).get("next_allowed", clock.now)
            poller.poll_once()
            delays.append(poller.state[server.url("/feed")]["next_allowed"] - clock.now)
        poller.close()
    assert delays == [60, 120, 240, 300, 300]


def test_a_refused_feed_backs_off_without_allow_private():
    clock = Clock()
    with serve({"/feed": Route(body=multilingual_rss().encode())}) as server:
        poller = FeedPoller([server.url("/feed")], clock=clock)
        (rejected,) = poller.poll_once()
        poller.close()
        assert server.requests == []
    assert "a loopback address" in rejected.reason
    assert poller.state[server.url("/feed")]["failures"] == 1


def test_the_poller_reads_feed_files_again_only_when_they_change(tmp_path):
    path = tmp_path / "local.xml"
    path.write_text(rss("Local Desk", [{"guid": "l-1", "content": paragraphs_html("tr")}]), encoding="utf-8")
    poller = FeedPoller([str(path)])
    assert [item.id for item in poller.poll_once()] == ["l-1"]
    assert poller.poll_once() == []
    path.write_text(
        rss(
            "Local Desk",
            [
                {"guid": "l-2", "content": paragraphs_html("fr")},
                {"guid": "l-1", "content": paragraphs_html("tr")},
            ],
        ),
        encoding="utf-8",
    )
    assert [item.id for item in poller.poll_once()] == ["l-2"]
    path.unlink()
    (missing,) = poller.poll_once()
    poller.close()
    assert missing.reason.startswith("cannot read the file (file not found)")


def test_a_failing_entry_is_retried_then_given_up():
    teaser = {"guid": "d-1", "title": "Ayrıntılar", "link": "http://10.1.1.1/x", "description": "Ayrıntılar"}
    full = {"guid": "d-2", "title": "Köprü", "content": paragraphs_html("tr")}
    route = Route(body=rss("Desk", [teaser, full]).encode(), content_type=RSS_CONTENT_TYPE, etag='"d"')
    with serve({"/feed": route}) as server:
        # The local server may be fetched from; the entry's link may not.
        fetcher = Fetcher(allow_private=True, allowed_hosts={"127.0.0.1"})
        poller = FeedPoller([server.url("/feed")], fetcher=fetcher)
        first = poller.poll_once()
        assert [type(item).__name__ for item in first] == ["Rejected", "Article"]
        for _ in range(FeedPoller.MAX_ENTRY_ATTEMPTS - 1):
            (again,) = poller.poll_once()
            assert again.source == f"{server.url('/feed')} entry 1 (http://10.1.1.1/x)"
        assert poller.poll_once() == []
        fetcher.close()
        requests = server.hits("/feed")
    # While an entry was failing the feed was fetched in full; after giving up, conditionally again.
    assert ["if-none-match" in headers for headers in requests] == [False, False, False, True]


def test_run_polls_until_stopped():
    route = Route(body=multilingual_rss().encode(), content_type=RSS_CONTENT_TYPE, etag='"r"')
    with serve({"/feed": route}) as server:
        stop = threading.Event()
        batches: list[list] = []
        poller = FeedPoller([server.url("/feed")], allow_private=True)
        worker = threading.Thread(target=poller.run, args=(0.02, batches.append, stop))
        worker.start()
        deadline = time.monotonic() + 5
        while len(server.requests) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        worker.join(timeout=5)
        poller.close()
        assert not worker.is_alive()
        assert len(server.requests) >= 3
    # Only the first poll found anything; the later ones were answered 304 and reported nothing.
    assert len(batches) == 1 and all(isinstance(item, Article) for item in batches[0])

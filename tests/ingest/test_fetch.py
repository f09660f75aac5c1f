"""The fetcher against a real HTTP server on 127.0.0.1: user agent, redirects, address rules,
size cap, timeouts and conditional requests."""

from __future__ import annotations

import gzip
import socket
import time

import pytest
from test_sources_fixtures import Route, page, serve

from parallax import __version__
from parallax.ingest import fetch
from parallax.ingest.fetch import DEFAULT_MAX_BYTES, Fetcher, FetchError, blocked_address_kind


@pytest.fixture
def fetcher():
    with Fetcher(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=10) as made:
        yield made


def test_fetches_a_page_with_our_user_agent(fetcher):
    body = page("kk").encode()
    with serve({"/news/1": Route(body=body)}) as server:
        result = fetcher.fetch(server.url("/news/1"))
        (headers,) = server.hits("/news/1")
    assert result.status == 200
    assert result.body == body
    assert result.url == server.url("/news/1")
    assert result.content_type == "text/html; charset=utf-8"
    assert result.charset == "utf-8"
    assert headers["user-agent"] == f"parallax/{__version__} (+offline news comparison)"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:{port}/news/1", "loopback"),
        ("http://10.20.30.40/news", "private"),
        ("http://192.168.1.10/", "private"),
        ("http://localhost:{port}/news/1", "loopback"),
        ("http://[::1]:{port}/", "loopback"),
        ("http://[::ffff:127.0.0.1]:{port}/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://0.0.0.0:{port}/", "unspecified"),
    ],
)
def test_refuses_local_and_private_addresses_by_default(url, kind):
    with serve({"/news/1": Route(body=page("en").encode())}) as server, Fetcher() as guarded:
        target = url.format(port=server.base.rsplit(":", 1)[1])
        with pytest.raises(FetchError) as refused:
            guarded.fetch(target)
        assert server.requests == []  # refused before any connection
    assert refused.value.source == target
    assert f"a {kind} address" in refused.value.problem
    assert "--allow-private" in refused.value.problem


def test_a_host_name_is_refused_for_what_it_resolves_to():
    with Fetcher() as guarded, pytest.raises(FetchError) as refused:
        guarded.fetch("http://localhost/")
    assert "localhost resolves to" in refused.value.problem
    assert "loopback" in refused.value.problem


def test_every_resolved_address_is_checked_where_the_socket_opens(monkeypatch):
    # A name with one public and one loopback answer (as a rebinding attack gives) is refused whole.
    answers = {"news.example": ["93.184.216.34", "127.0.0.1"]}
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: answers[host])
    with Fetcher() as guarded, pytest.raises(FetchError) as refused:
        guarded.fetch("http://news.example/story")
    assert refused.value.problem.startswith("refused: news.example resolves to 127.0.0.1, a loopback address")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 tunnel to 127.0.0.1
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kinds(address, kind):
    assert blocked_address_kind(address) == kind


def test_follows_redirects(fetcher):
    routes = {
        "/old": Route(status=301, headers={"Location": "/moved"}),
        "/moved": Route(status=302, headers={"Location": "/news/1"}),
        "/news/1": Route(body=page("de").encode()),
    }
    with serve(routes) as server:
        result = fetcher.fetch(server.url("/old"))
    assert result.status == 200
    assert result.url == server.url("/news/1")


def test_a_redirect_is_checked_again_for_private_addresses(monkeypatch):
    # Let 127.0.0.1 pass as if it were public, so that the first hop connects; the redirect to
    # another loopback address must still be refused.
    real_kind = fetch.blocked_address_kind
    monkeypatch.setattr(
        fetch, "blocked_address_kind", lambda ip: None if ip == "127.0.0.1" else real_kind(ip)
    )
    with serve({}) as server:
        port = server.base.rsplit(":", 1)[1]
        server.routes["/go"] = Route(status=302, headers={"Location": f"http://127.0.0.2:{port}/inside"})
        with Fetcher() as guarded, pytest.raises(FetchError) as refused:
            guarded.fetch(server.url("/go"))
        assert [path for path, _ in server.requests] == ["/go"]
    assert refused.value.source == server.url("/go")
    assert "127.0.0.2 is a loopback address" in refused.value.problem


def failure(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    return caught.value


def test_redirects_only_to_allowed_hosts():
    with serve({}) as server, Fetcher(allow_private=True, allowed_hosts={"127.0.0.1"}) as limited:
        port = server.base.rsplit(":", 1)[1]
        server.routes["/go"] = Route(status=302, headers={"Location": f"http://localhost:{port}/elsewhere"})
        refused = failure(limited, server.url("/go"))
        assert server.hits("/elsewhere") == []
    assert "redirect to host 'localhost' is not among the allowed hosts" in refused.problem


def test_redirect_to_another_scheme_is_refused(fetcher):
    with serve({"/go": Route(status=302, headers={"Location": "file:///etc/passwd"})}) as server:
        refused = failure(fetcher, server.url("/go"))
    assert "is not http or https" in refused.problem


def test_too_many_redirects(fetcher):
    with serve({"/loop": Route(status=302, headers={"Location": "/loop"})}) as server:
        refused = failure(fetcher, server.url("/loop"))
        assert len(server.hits("/loop")) == fetcher.max_redirects + 1
    assert "too many redirects" in refused.problem


def test_http_errors_carry_their_status(fetcher):
    with serve({"/gone": Route(status=410, body=b"gone")}) as server:
        failed = failure(fetcher, server.url("/gone"))
    assert failed.status == 410
    assert failed.problem == "HTTP 410 Gone"


def test_the_default_size_cap_is_ten_megabytes_and_stops_an_undeclared_body(fetcher):
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024 == fetcher.max_bytes
    huge = b"<p>" + b"x" * (DEFAULT_MAX_BYTES + 1024) + b"</p>"
    with serve({"/huge": Route(body=huge, declared_length=False)}) as server:
        refused = failure(fetcher, server.url("/huge"))
    assert refused.problem == "too large (more than 10.0 MB)"


def test_a_declared_length_over_the_cap_is_refused_before_reading():
    with (
        serve({"/big": Route(body=b"y" * 5000)}) as server,
        Fetcher(allow_private=True, max_bytes=1000) as small,
    ):
        refused = failure(small, server.url("/big"))
    assert refused.problem == "too large (more than 1000 bytes)"


def test_the_cap_applies_to_the_decompressed_body():
    bomb = gzip.compress(b"\0" * 2_000_000)  # 2 kB on the wire
    route = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    with serve({"/bomb": route}) as server, Fetcher(allow_private=True, max_bytes=100_000) as small:
        refused = failure(small, server.url("/bomb"))
    assert "too large" in refused.problem


def test_a_stalled_server_times_out():
    with (
        serve({"/stall": Route(body=b"late", stall=3)}) as server,
        Fetcher(allow_private=True, read_timeout=0.4) as impatient,
    ):
        started = time.monotonic()
        failed = failure(impatient, server.url("/stall"))
        assert time.monotonic() - started < 2.5
    assert failed.problem == "timed out waiting for the server (no data for 0.4 s)"


def test_a_server_that_never_accepts_times_out_connecting():
    # A listening socket whose accept queue is full drops new connection attempts unanswered.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(3)]
        for filler in fillers:
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
        try:
            with Fetcher(allow_private=True, connect_timeout=0.3) as impatient:
                failed = failure(impatient, f"http://127.0.0.1:{port}/")
        finally:
            for filler in fillers:
                filler.close()
    assert failed.problem == "timed out connecting (after 0.3 s)"


def test_a_trickling_server_hits_the_total_timeout():
    route = Route(body=page("fr").encode(), trickle=0.05, declared_length=False)
    with (
        serve({"/slow": route}) as server,
        Fetcher(allow_private=True, read_timeout=2, total_timeout=0.5) as impatient,
    ):
        failed = failure(impatient, server.url("/slow"))
    assert "the whole fetch took more than 0.5 s" in failed.problem


def test_etag_round_trip_gives_304(fetcher):
    route = Route(body=b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    with serve({"/feed": route}) as server:
        first = fetcher.fetch(server.url("/feed"))
        second = fetcher.fetch(server.url("/feed"), etag=first.etag)
        first_headers, second_headers = server.hits("/feed")
    assert (first.status, first.etag) == (200, '"v1"')
    assert "if-none-match" not in first_headers
    assert second_headers["if-none-match"] == '"v1"'
    assert second.not_modified and second.status == 304
    assert second.body == b""
    assert second.etag == '"v1"'


def test_last_modified_round_trip_gives_304(fetcher):
    stamp = "Tue, 05 Mar 2024 10:00:00 GMT"
    with serve({"/feed": Route(body=b"<rss/>", last_modified=stamp)}) as server:
        first = fetcher.fetch(server.url("/feed"))
        second = fetcher.fetch(server.url("/feed"), last_modified=first.last_modified)
        assert server.hits("/feed")[1]["if-modified-since"] == stamp
    assert first.last_modified == stamp
    assert second.not_modified
    assert second.last_modified == stamp


def test_a_validator_the_304_omits_is_kept(fetcher):
    # Some servers answer 304 without repeating the ETag; the poller must not lose it.
    def answer() -> Route:
        return Route(status=304)

    with serve({"/feed": answer}) as server:
        result = fetcher.fetch(
            server.url("/feed"), etag='"v7"', last_modified="Mon, 04 Mar 2024 08:00:00 GMT"
        )
    assert result.not_modified
    assert (result.etag, result.last_modified) == ('"v7"', "Mon, 04 Mar 2024 08:00:00 GMT")


def test_unresolvable_and_unsupported_urls(fetcher):
    with pytest.raises(FetchError) as unresolved:
        Fetcher().fetch("http://no-such-host.invalid/")
    assert "cannot resolve host 'no-such-host.invalid'" in unresolved.value.problem
    with pytest.raises(FetchError) as unsupported:
        fetcher.fetch("ftp://files.example/news.txt")
    assert "is not http or https" in unsupported.value.problem

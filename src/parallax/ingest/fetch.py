"""Fetching pages and feeds over HTTP(S): timeouts, a size cap, a user agent, and no requests
to local or private networks unless the user allows them.

The address check happens where the socket is opened, on the very addresses we connect to:
checking a host name before the request and letting the HTTP client resolve it again would
let a name that changes its answer between the two lookups (DNS rebinding) reach 127.0.0.1.
Every redirect is a new request, so it goes through the same check.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message

import httpcore
import httpx

from parallax.model import InputError
from parallax.version import __version__

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = f"parallax/{__version__} (+offline news comparison)"
SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
ALLOW_PRIVATE_HINT = "allow private addresses (--allow-private) to fetch from local networks"

# The order matters for the message: 127.0.0.1 is private too, but "loopback" says more.
_ADDRESS_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),  # before private: Python counts 240.0.0.0/4 as both
    ("is_private", "private"),
)


class FetchError(InputError):
    """A URL that could not be fetched, with the reason; ``status`` when the server answered."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(url, problem)
        self.status = status


@dataclass(frozen=True)
class FetchResult:
    """A fetched resource. ``status`` 304 means unchanged since the ETag / Last-Modified given."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    url: str  # after redirects
    content_type: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED

    @property
    def charset(self) -> str | None:
        if not self.content_type:
            return None
        header = Message()
        header["content-type"] = self.content_type
        return header.get_param("charset")


class _Refused(Exception):
    """Raised where the socket would be opened; the fetcher adds the URL."""


def blocked_address_kind(address: str) -> str | None:
    """Why an IP address must not be fetched from ("loopback", "private"...), or None if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is no part of it
    ip = _embedded_ipv4(ip) or ip
    for attribute, kind in _ADDRESS_KINDS:
        if getattr(ip, attribute):
            return kind
    # Shared address space (100.64.0.0/10, carrier NAT) is neither private nor global.
    return None if ip.is_global else "non-public"


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one tunnels to: ::ffff:127.0.0.1 and 6to4 2002:7f00:1:: reach 127.0.0.1."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip.teredo[1] if ip.teredo is not None else None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise _Refused(f"cannot resolve host {host!r} ({error})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses of ``host``, refusing the host when any of them is not public."""
    addresses = resolve_host(host, port)
    for address in addresses:
        kind = blocked_address_kind(address)
        if kind is not None:
            named = f"{address} is" if address == host else f"{host} resolves to {address},"
            raise _Refused(f"refused: {named} a {kind} address; {ALLOW_PRIVATE_HINT}")
    return addresses


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Opens TCP connections only to public addresses, and only to the ones it checked."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        failure: Exception | None = None
        for address in public_addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error  # try the next address, as socket.create_connection does
        assert failure is not None
        raise failure


@contextmanager
def _httpx_errors() -> Iterator[None]:
    """httpcore's exceptions as httpx's classes of the same name, as httpx's own transport does."""
    try:
        yield
    except (
        httpcore.TimeoutException,
        httpcore.NetworkError,
        httpcore.ProtocolError,
        httpcore.ProxyError,
        httpcore.UnsupportedProtocol,
    ) as error:
        raise getattr(httpx, type(error).__name__, httpx.TransportError)(str(error)) from error


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._stream

    def close(self) -> None:
        if hasattr(self._stream, "close"):
            self._stream.close()


class _GuardedTransport(httpx.BaseTransport):
    """httpx's transport over an httpcore pool whose connections go through the address check.

    httpx does not let us hand its HTTPTransport a network backend, so this is that transport
    with one."""

    def __init__(self, allow_private: bool) -> None:
        backend = httpcore.SyncBackend() if allow_private else _PublicOnlyBackend()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = httpcore.URL(
            scheme=request.url.raw_scheme,
            host=request.url.raw_host,
            port=request.url.port,
            target=request.url.raw_path,
        )
        core_request = httpcore.Request(
            method=request.method,
            url=url,
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class Fetcher:
    """Fetches http(s) URLs for ingest and watch. Reuse one for many URLs; close it when done.

    ``allowed_hosts``, when given, limits every request and redirect to those hosts and their
    subdomains. ``total_timeout`` bounds a whole fetch, so a server that trickles one byte at
    a time cannot hold a run forever.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        total_timeout: float = 120.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        allowed_hosts: Collection[str] | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.allow_private = allow_private
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allowed_hosts = None if allowed_hosts is None else {host.lower() for host in allowed_hosts}
        timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        # trust_env=False: a proxy from the environment would make the address check meaningless.
        self._client = httpx.Client(
            transport=_GuardedTransport(allow_private),
            timeout=timeout,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``, following allowed redirects. Raises FetchError with the reason.

        With ``etag`` / ``last_modified`` from an earlier result the request is conditional, and
        an unchanged resource comes back as status 304 with an empty body.
        """
        headers = _conditional_headers(etag, last_modified)
        deadline = time.monotonic() + self.total_timeout
        current = url
        with self._errors_named(url):
            for _hop in range(self.max_redirects + 1):
                self._check_url(current, redirected=current != url)
                with self._client.stream("GET", current, headers=headers) as response:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        current = str(response.url.join(location))
                        continue
                    return self._result(response, deadline, etag, last_modified)
        raise FetchError(url, f"too many redirects (more than {self.max_redirects})")

    def _check_url(self, url: str, *, redirected: bool) -> None:
        parsed = httpx.URL(url)
        what = "redirect to" if redirected else "URL"
        if parsed.scheme not in SCHEMES:
            raise _Refused(f"{what} {url!r} is not http or https")
        if not parsed.host:
            raise _Refused(f"{what} {url!r} has no host")
        if self.allowed_hosts is not None and not _host_allowed(parsed.host, self.allowed_hosts):
            raise _Refused(f"{what} host {parsed.host!r} is not among the allowed hosts")

    def _result(
        self, response: httpx.Response, deadline: float, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        status = response.status_code
        if status == NOT_MODIFIED:
            return _make_result(response, b"", etag, last_modified)
        if not 200 <= status < 300:
            raise FetchError(str(response.url), f"HTTP {status} {response.reason_phrase}".strip(), status)
        return _make_result(response, self._read_body(response, deadline), None, None)

    def _read_body(self, response: httpx.Response, deadline: float) -> bytes:
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > self.max_bytes:
            raise _Refused(_too_large(self.max_bytes))
        chunks: list[bytes] = []
        size = 0
        # iter_bytes undoes gzip, so the cap is on what we keep, which also stops compression bombs.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise _Refused(_too_large(self.max_bytes))
            if time.monotonic() > deadline:
                raise _Refused(f"timed out (the whole fetch took more than {self.total_timeout:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)

    @contextmanager
    def _errors_named(self, url: str) -> Iterator[None]:
        """Every failure as one FetchError naming the URL the user gave."""
        try:
            yield
        except _Refused as refused:
            raise FetchError(url, str(refused)) from None
        except httpx.ConnectTimeout:
            raise FetchError(url, f"timed out connecting (after {self.connect_timeout:g} s)") from None
        except httpx.TimeoutException:
            problem = f"timed out waiting for the server (no data for {self.read_timeout:g} s)"
            raise FetchError(url, problem) from None
        except httpx.InvalidURL as error:
            raise FetchError(url, f"invalid URL ({error})") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"cannot fetch ({error or type(error).__name__})") from None


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _make_result(
    response: httpx.Response, body: bytes, etag: str | None, last_modified: str | None
) -> FetchResult:
    """A result that keeps the validators: a 304 may omit them, and the poller needs them next time."""
    return FetchResult(
        status=response.status_code,
        body=body,
        etag=response.headers.get("etag") or etag,
        last_modified=response.headers.get("last-modified") or last_modified,
        url=str(response.url),
        content_type=response.headers.get("content-type"),
    )


def _host_allowed(host: str, allowed: Collection[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in allowed)


def _too_large(limit: int) -> str:
    return (
        f"too large (more than {limit / (1024 * 1024):.1f} MB)"
        if limit >= 1024 * 1024
        else (f"too large (more than {limit} bytes)")
    )

"""What keeps a loopback server safe from the pages a user visits: host checks against DNS
rebinding, same-origin checks against cross-site requests, a body cap, and strict headers.

This is plain ASGI middleware (no request objects are built for it), so it costs little on
every request.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import json
from collections.abc import Iterable
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

# Pages load nothing from elsewhere; only our own files may style or script them.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'self'",
        "script-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # "same-origin" (not "no-referrer"): browsers then send our own Origin on our forms' POSTs.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def allowed_hosts(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host names the server answers to: its own address, loopback, and ``extra`` (the names
    clients reach it by when it listens on every interface, ``serve --allowed-host``)."""
    own = set() if bind_host in WILDCARD_HOSTS else {bind_host.strip("[]").lower()}
    return frozenset({*own, *LOOPBACK_NAMES, *(h.strip("[]").lower() for h in extra)})


def beyond_loopback(bind_host: str) -> bool:
    return bind_host in WILDCARD_HOSTS or not is_loopback(bind_host.strip("[]"))


def host_name(host_header: str) -> str:
    """The host of a Host header, without the port and IPv6 brackets."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def tokens_match(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """ASGI middleware: Host check, same-origin check on unsafe methods, body cap, headers."""

    def __init__(
        self, app: ASGIApp, *, hosts: frozenset[str] | None, max_body: int, token: str | None = None,
        open_reads: bool = False,
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body
        self.token = token  # required on every request (reads too unless open_reads)
        self.open_reads = open_reads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if await self._answered_here(scope, headers, send):
            return
        if scope["method"] in UNSAFE_METHODS:
            receive = capped(receive, self.max_body)
        await self._forward(scope, receive, send)

    async def _answered_here(self, scope: Scope, headers: dict[str, str], send: Send) -> bool:
        """Whether the request was answered without reaching the app: refused (a Host not ours,
        no token, another site's page, a body too large), or a token traded for a cookie."""
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            await refuse(
                send, 400, f"unexpected Host header {host!r}: this server answers to its own address"
            )
            return True
        if self.token and (scope["method"] in UNSAFE_METHODS or not self.open_reads):
            given = presented_token(scope, headers)
            if not tokens_match(given, self.token):
                await refuse(send, 401, "this server needs its access token: send it as "
                             "'Authorization: Bearer TOKEN', or open any page once with ?token=TOKEN")
                return True
            if given == query_token(scope) and scope["method"] == "GET":
                await remember_token(send, scope, self.token)  # a browser keeps it in a cookie
                return True
        if scope["method"] in UNSAFE_METHODS:
            problem = cross_origin_problem(headers, scope.get("scheme", "http"), host)
            if problem:
                await refuse(send, 403, problem)
                return True
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > self.max_body:
                await refuse(send, 413, too_large(self.max_body))
                return True
        return False

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The app's answer, with the security headers; a 413 when the body outgrew the cap."""
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in existing]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await refuse(send, 413, too_large(self.max_body))


TOKEN_COOKIE = "parallax_token"


def query_token(scope: Scope) -> str | None:
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
        if key == "token":
            return value
    return None


def presented_token(scope: Scope, headers: dict[str, str]) -> str | None:
    """The token of a request: a bearer header, our cookie, or ?token= on a page opened by hand."""
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    cookies = SimpleCookie()
    with contextlib.suppress(CookieError):
        cookies.load(headers.get("cookie", ""))
    if TOKEN_COOKIE in cookies:
        return cookies[TOKEN_COOKIE].value
    return query_token(scope)


async def remember_token(send: Send, scope: Scope, token: str) -> None:
    """Set the cookie and send the browser to the same page without the token in its address."""
    rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k != "token"]
    location = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send({
        "type": "http.response.start",
        "status": 303,
        "headers": [(b"location", location.encode("latin-1", "replace")), (b"set-cookie", cookie.encode()),
                    (b"content-length", b"0"), *SECURITY_HEADERS],
    })
    await send({"type": "http.response.body", "body": b""})


def cross_origin_problem(headers: dict[str, str], scheme: str, host: str) -> str | None:
    """Why an unsafe request looks like it comes from another site's page, or None.

    Browsers mark every request with Sec-Fetch-Site and every POST with Origin; scripts such as
    curl send neither and are not a cross-site threat. A forged Origin needs no browser either.
    """
    site = headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        return f"cross-site request refused (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or parts.scheme != scheme or parts.netloc.lower() != host.lower():
            return f"cross-origin request refused (Origin: {origin})"
    return None


class BodyTooLarge(Exception):
    """The request body went past the cap while it was being read."""


def too_large(limit: int) -> str:
    return f"request too large (more than {limit / (1024 * 1024):.0f} MB)"


def capped(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return wrapped


async def refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

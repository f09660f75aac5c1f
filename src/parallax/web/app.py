"""The FastAPI application: server-rendered pages and the JSON API under /api.

``create_app(served)`` builds it around an open :class:`~parallax.web.served.ServedStore` from
the route modules in ``web/routes/`` (one per resource); ``parallax serve`` (web/cli.py) runs it
with uvicorn. Blocking work (SQLite, comparisons, ingest) runs in plain ``def`` handlers, which
Starlette runs in its thread pool.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from fastapi import FastAPI

from ..version import __version__
from .errors import add_error_handlers
from .head import HeadAsGet
from .routes import articles, corrections, ingest, outlets, site, stories
from .routes.context import WebSettings
from .security import Guard, allowed_hosts
from .served import ServedStore
from .uploads import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_REQUEST_BYTES

PAGE_SIZE = 25
ROUTE_MODULES = (stories, corrections, articles, outlets, ingest, site)


def create_app(
    served: ServedStore,
    *,
    host: str = "127.0.0.1",
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    page_size: int = PAGE_SIZE,
    allowed_host: Sequence[str] = (),
    token: str | None = None,
    open_reads: bool = False,
) -> FastAPI:
    """The web app. ``allowed_host``: further names clients reach it by (every request's Host
    must be one of them, loopback or the bound address); ``token``: required on every request,
    reads included unless ``open_reads`` (``parallax serve`` sets one beyond loopback)."""
    app = FastAPI(
        title="parallax",
        version=__version__,
        description="Stories, comparisons, outlets and corrections of a parallax store.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load their assets from a CDN: not here
        redoc_url=None,
    )
    app.state.served = served
    app.state.csrf = secrets.token_urlsafe(32)
    app.state.settings = WebSettings(app.state.csrf, page_size, max_file_bytes)
    app.add_middleware(
        Guard, hosts=allowed_hosts(host, allowed_host), max_body=max_request_bytes, token=token,
        open_reads=open_reads,
    )
    app.add_middleware(HeadAsGet)
    add_error_handlers(app)
    for module in ROUTE_MODULES:
        app.include_router(module.router)
    return app


__all__ = ["create_app"]

"""Errors as responses: JSON under /api (or when asked for), an HTML page elsewhere.

The store's own errors carry their meaning: ``NotFound`` is a 404, ``CorrectionRefused`` a 409,
any other ``ParallaxError`` a 400; :class:`ApiError` is an HTTP error with its status.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import ParallaxError
from ..store import CorrectionRefused, NotFound
from . import views
from .uploads import UploadError


class ApiError(Exception):
    """An HTTP error the routes raise: its status and a one-line message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return HTMLResponse(views.render("error.html.j2", status=status, message=message), status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    """Every error the routes raise, answered in the client's format (the most specific first)."""
    statuses: list[tuple[type[Exception], int]] = [
        (NotFound, 404),
        (CorrectionRefused, 409),
        (ParallaxError, 400),
    ]

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, error: ApiError) -> Response:
        return error_response(request, error.status, error.message)

    @app.exception_handler(UploadError)
    async def on_upload_error(request: Request, error: UploadError) -> Response:
        return error_response(request, error.status, str(error))

    for kind, status in statuses:
        app.add_exception_handler(kind, _answer_with(status))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError) -> Response:
        return error_response(request, 422, validation_problems(error) or "invalid request")


def _answer_with(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def answer(request: Request, error: Exception) -> Response:
        return error_response(request, status, str(error))

    return answer


def validation_problems(error: RequestValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}" for e in error.errors()
    )

"""What is not a resource of the store: the static files, the favicon, and the server's status."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from ...version import __version__
from .. import views
from ..errors import ApiError
from .context import Served

router = APIRouter()


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    found = views.static_file(name)
    if found is None:
        raise ApiError(404, f"no static file {name!r}")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"cache-control": "public, max-age=3600"})


@router.get("/api/status", tags=["status"], summary="Counts, and whether comparisons are being warmed")
def api_status(served: Served) -> JSONResponse:
    return JSONResponse({"version": __version__, **served.reading().counts(), **served.warming_status()})

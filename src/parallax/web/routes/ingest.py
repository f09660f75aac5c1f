"""Adding articles: the upload page (files and feed or page URLs) and ``POST /api/ingest``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import views
from ..errors import ApiError, first_line
from ..served import ServedStore
from ..uploads import ALLOWED_SUFFIXES, MAX_FILES, Upload, UploadError, check_upload, save_uploads
from .context import Served, Settings, read_checked_form, read_form

MAX_URLS = 20

router = APIRouter()


class UrlsBody(BaseModel):
    urls: list[str] = Field(min_length=1, max_length=MAX_URLS, description="feed or page URLs (http, https)")
    outlet: str | None = Field(default=None, description="the outlet of every article read")


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(served: Served, settings: Settings) -> HTMLResponse:
    return HTMLResponse(upload_form(served, settings.csrf, settings.max_file_bytes))


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload_submit(request: Request, served: Served, settings: Settings) -> HTMLResponse:
    form = await read_checked_form(request, settings)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    urls = [u.strip() for u in str(form.get("urls") or "").split() if u.strip()]
    outlet = str(form.get("outlet") or "").strip() or None
    try:
        result = await ingest_request(served, files, urls, outlet, settings.max_file_bytes)
    except (UploadError, ApiError) as error:
        status = getattr(error, "status", 400)
        html = upload_form(served, settings.csrf, settings.max_file_bytes, error=str(error))
        return HTMLResponse(html, status_code=status)
    return HTMLResponse(views.render("ingested.html.j2", result=result))


def upload_form(served: ServedStore, csrf: str, max_file_bytes: int, *, error: str | None = None) -> str:
    return views.render(
        "upload.html.j2",
        csrf=csrf,
        error=error,
        accepted=", ".join(ALLOWED_SUFFIXES),
        accept_attr=",".join(ALLOWED_SUFFIXES),
        max_mb=max_file_bytes // (1024 * 1024),
        max_files=MAX_FILES,
        allow_private=served.allow_private,
    )


@router.post(
    "/api/ingest",
    tags=["ingest"],
    summary="Add articles: upload files (multipart, field `files`) or give feed/page URLs (JSON)",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                            "outlet": {"type": "string"},
                        },
                    }
                },
                "application/json": {"schema": UrlsBody.model_json_schema()},
            }
        }
    },
)
async def api_ingest(request: Request, served: Served, settings: Settings) -> JSONResponse:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await read_form(request)
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        outlet = str(form.get("outlet") or "").strip() or None
        result = await ingest_request(served, files, [], outlet, settings.max_file_bytes)
    elif content_type.startswith("application/json"):
        body = await urls_body(request)
        result = await ingest_request(served, [], body.urls, body.outlet, settings.max_file_bytes)
    else:
        raise ApiError(415, 'send files as multipart/form-data or URLs as JSON {"urls": [...]}')
    return JSONResponse(result)


async def urls_body(request: Request) -> UrlsBody:
    try:
        return UrlsBody.model_validate_json(await request.body())
    except ValueError as error:
        raise ApiError(422, f'expected {{"urls": [...]}}: {first_line(error)}') from None


async def ingest_request(
    served: ServedStore, files: list[UploadFile], urls: list[str], outlet: str | None, max_file_bytes: int
) -> dict:
    """Check uploads and URLs, then ingest them in a worker thread; the summary and where each went."""
    check_request_size(files, urls)
    uploads = [await read_upload(upload, max_file_bytes) for upload in files]
    return await run_in_threadpool(ingest_uploads, served, uploads, urls, outlet)


def check_request_size(files: list[UploadFile], urls: list[str]) -> None:
    if not files and not urls:
        raise ApiError(400, "nothing to ingest: upload files or give URLs")
    if len(files) > MAX_FILES:
        raise ApiError(413, f"too many files (at most {MAX_FILES} at once)")
    if len(urls) > MAX_URLS:
        raise ApiError(413, f"too many URLs (at most {MAX_URLS} at once)")
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise ApiError(422, f"{bad[0]}: only http and https URLs are fetched")


async def read_upload(upload: UploadFile, max_file_bytes: int) -> Upload:
    data = await upload.read(max_file_bytes + 1)
    checked = check_upload(upload.filename, data, max_file_bytes)
    await upload.close()
    return checked


def ingest_uploads(served: ServedStore, uploads: list[Upload], urls: list[str], outlet: str | None) -> dict:
    """Ingest the checked uploads (saved in a temporary folder) and the URLs."""
    with tempfile.TemporaryDirectory(prefix="parallax-upload-") as folder:
        paths = [str(p) for p in save_uploads(uploads, Path(folder))]
        result = served.ingest_paths([*paths, *urls], outlet=outlet)
    rejected = [
        {**item, "source": display_source(item["source"], folder)} for item in result.summary["rejected"]
    ]
    return {**result.summary, "rejected": rejected, "articles": result.articles}


def display_source(source: str, folder: str) -> str:
    """A rejected upload named by its file name, not by the server's temporary path."""
    prefix = folder.rstrip("/") + "/"
    return source[len(prefix) :] if source.startswith(prefix) else source

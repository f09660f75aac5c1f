"""The FastAPI application: server-rendered pages and the JSON API under /api.

``create_app(library)`` builds it around an open :class:`~parallax.web.library.Library`;
``parallax serve`` (web/cli.py) runs it with uvicorn. Blocking work (SQLite, comparisons,
ingest) runs in plain ``def`` handlers, which Starlette runs in its thread pool.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import ParallaxError
from ..render.json import comparison_record
from ..version import __version__
from . import views
from .blindspots import outlet_blindspots
from .head import HeadAsGet
from .library import Conflict, Library, NotFound, story_key
from .security import Guard, allowed_hosts, tokens_match
from .uploads import (
    ALLOWED_SUFFIXES,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_REQUEST_BYTES,
    MAX_FILES,
    UploadError,
    check_upload,
    save_uploads,
)

PAGE_SIZE = 25
API_LIMIT = 50
API_MAX_LIMIT = 500
# SQLite's OFFSET is a 64-bit integer: a larger one is a 500, not an empty page. Far above any store.
API_MAX_OFFSET = 1_000_000_000
OUTLET_STORIES = 500  # the latest stories of an outlet its blindspots are measured on
MAX_URLS = 20
BLINDSPOT_BUDGET_SECONDS = 3.0


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class MergeBody(BaseModel):
    with_: str = Field(alias="with", description="the other story; the older of the two keeps its id")


class SplitBody(BaseModel):
    articles: list[str] = Field(min_length=1, description="article ids to move into a new story")


class MoveBody(BaseModel):
    to: str = Field(description="the story to move the article to")


class UrlsBody(BaseModel):
    urls: list[str] = Field(min_length=1, max_length=MAX_URLS, description="feed or page URLs (http, https)")
    outlet: str | None = Field(default=None, description="the outlet of every article read")


def create_app(
    library: Library,
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
    csrf = secrets.token_urlsafe(32)
    app.state.library = library
    app.state.csrf = csrf
    app.add_middleware(
        Guard, hosts=allowed_hosts(host, allowed_host), max_body=max_request_bytes, token=token,
        open_reads=open_reads,
    )
    app.add_middleware(HeadAsGet)
    add_error_handlers(app)

    # -- pages --------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        language: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        filters = {"language": language, "outlet": outlet, "since": since, "until": until, "q": q}
        filters = {k: (v.strip() if v else None) or None for k, v in filters.items()}
        problems = []
        for name in ("since", "until"):
            if filters[name] and not iso_date(filters[name]):
                problems.append(f"{name}: {filters[name]!r} is not a date (YYYY-MM-DD)")
                filters[name] = None
        found = library.stories(limit=page_size + 1, offset=(page - 1) * page_size, **filters)
        html = views.render(
            "stories.html.j2",
            stories=found[:page_size],
            filters=filters,
            page=page,
            more=len(found) > page_size,
            problems=problems,
            languages=library.languages(),
            outlets=[o["name"] for o in library.outlets()[:1000]],
            status=library.status(),
        )
        return HTMLResponse(html)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> Response:
        resolved = library.resolve(story_id)
        if resolved != story_id:
            return RedirectResponse(views.story_url(resolved), status_code=307)
        info = library.story(resolved)
        key = story_key(info)
        html = library.pages.get(key)
        if html is None:
            html = views.story_page(info, library.comparison(info), csrf=csrf)
            library.pages.put(key, html)
        return HTMLResponse(html)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page() -> HTMLResponse:
        return HTMLResponse(views.render("outlets.html.j2", outlets=library.outlets()))

    @app.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(name: str) -> HTMLResponse:
        result = blindspots_of(library, name)
        html = views.render("outlet.html.j2", outlet=name, spots=result, kinds=kind_columns(result))
        return HTMLResponse(html)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page() -> HTMLResponse:
        return HTMLResponse(upload_form(library, csrf, max_file_bytes))

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload_submit(request: Request) -> HTMLResponse:
        form = await read_form(request)
        require_token(form, csrf)
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        urls = [u.strip() for u in str(form.get("urls") or "").split() if u.strip()]
        outlet = str(form.get("outlet") or "").strip() or None
        try:
            result = await ingest_request(library, files, urls, outlet, max_file_bytes)
        except (UploadError, ApiError) as error:
            status = getattr(error, "status", 400)
            html = upload_form(library, csrf, max_file_bytes, error=str(error))
            return HTMLResponse(html, status_code=status)
        return HTMLResponse(views.render("ingested.html.j2", result=result))

    @app.post("/stories/{story_id}/merge", include_in_schema=False)
    async def merge_form(story_id: str, request: Request) -> Response:
        form = await read_form(request)
        require_token(form, csrf)
        other = str(form.get("other") or "").strip()
        if not other:
            raise ApiError(400, "merge: give the id of the story to merge with")
        story = await run_in_threadpool(library.merge, story_id, other)
        return RedirectResponse(views.story_url(story), status_code=303)

    @app.post("/stories/{story_id}/split", include_in_schema=False)
    async def split_form(story_id: str, request: Request) -> Response:
        form = await read_form(request)
        require_token(form, csrf)
        articles = [str(a) for a in form.getlist("articles")]
        story = await run_in_threadpool(library.split, story_id, articles)
        return RedirectResponse(views.story_url(story), status_code=303)

    @app.post("/stories/{story_id}/move", include_in_schema=False)
    async def move_form(story_id: str, request: Request) -> Response:
        form = await read_form(request)
        require_token(form, csrf)
        article, target = str(form.get("article") or ""), str(form.get("to") or "").strip()
        if not article or not target:
            raise ApiError(400, "move: choose an article and give the story to move it to")
        story = await run_in_threadpool(library.move, article, target)
        return RedirectResponse(views.story_url(story), status_code=303)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        found = views.static_file(name)
        if found is None:
            raise ApiError(404, f"no static file {name!r}")
        content, media_type = found
        return Response(content, media_type=media_type, headers={"cache-control": "public, max-age=3600"})

    # -- the API --------------------------------------------------------------------------------

    @app.get("/api/stories", tags=["stories"], summary="Stories, newest first (the stories contract)")
    def api_stories(
        language: Annotated[str | None, Query(description="ISO 639-1 code of one of its articles")] = None,
        outlet: Annotated[str | None, Query(description="the outlet of one of its articles")] = None,
        since: Annotated[date | None, Query(description="last article published on or after")] = None,
        until: Annotated[date | None, Query(description="first article published on or before")] = None,
        q: Annotated[
            str | None, Query(description="free text in any language: words, names, meaning")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=API_MAX_LIMIT)] = API_LIMIT,
        offset: Annotated[int, Query(ge=0, le=API_MAX_OFFSET)] = 0,
    ) -> JSONResponse:
        found = library.stories(
            language=language or None,
            outlet=outlet or None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            q=(q or "").strip() or None,
            limit=limit + 1,
            offset=offset,
        )
        record: dict[str, Any] = {"schema": 1, "stories": [story_record(s) for s in found[:limit]]}
        record.update(limit=limit, offset=offset, next_offset=offset + limit if len(found) > limit else None)
        return JSONResponse(record)

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story and its articles")
    def api_story(story_id: str) -> Response:
        resolved = library.resolve(story_id)
        if resolved != story_id:
            return RedirectResponse("/api/stories/" + views.quote(resolved, safe=""), status_code=307)
        info = library.story(resolved)
        articles = [article_summary(library, a) for a in info.documents]
        return JSONResponse({"schema": 1, "story": story_record(info), "articles": articles})

    @app.get(
        "/api/stories/{story_id}/comparison",
        tags=["stories"],
        summary="The story's comparison (the compare --json contract)",
    )
    def api_comparison(story_id: str) -> JSONResponse:
        info = library.story(story_id)
        return JSONResponse(comparison_record(library.comparison(info)))

    @app.post(
        "/api/stories/{story_id}/merge", tags=["corrections"], summary="Merge another story into this one"
    )
    def api_merge(story_id: str, body: MergeBody) -> JSONResponse:
        story = library.merge(story_id, body.with_)
        return JSONResponse({"schema": 1, "stories": [story_record(library.story(story))]})

    @app.post(
        "/api/stories/{story_id}/split", tags=["corrections"], summary="Split articles off into a new story"
    )
    def api_split(story_id: str, body: SplitBody) -> JSONResponse:
        new = library.split(story_id, body.articles)
        stories = [library.story(new), library.story(story_id)]
        return JSONResponse({"schema": 1, "stories": [story_record(s) for s in stories]})

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One stored article and its facts")
    def api_article(article_id: str) -> JSONResponse:
        return JSONResponse(library.article(article_id))

    @app.post(
        "/api/articles/{article_id:path}/move",
        tags=["corrections"],
        summary="Move an article to another story",
    )
    def api_move(article_id: str, body: MoveBody) -> JSONResponse:
        story = library.move(article_id, body.to)
        return JSONResponse({"schema": 1, "stories": [story_record(library.story(story))]})

    @app.get("/api/outlets", tags=["outlets"], summary="Every outlet in the store")
    def api_outlets() -> JSONResponse:
        return JSONResponse({"outlets": library.outlets()})

    @app.get("/api/outlets/{name:path}", tags=["outlets"], summary="An outlet's blindspots over time")
    def api_outlet(name: str) -> JSONResponse:
        return JSONResponse(blindspots_of(library, name).as_dict())

    @app.post(
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
    async def api_ingest(request: Request) -> JSONResponse:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            form = await read_form(request)
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            outlet = str(form.get("outlet") or "").strip() or None
            result = await ingest_request(library, files, [], outlet, max_file_bytes)
        elif content_type.startswith("application/json"):
            try:
                body = UrlsBody.model_validate_json(await request.body())
            except ValueError as error:
                raise ApiError(422, f'expected {{"urls": [...]}}: {first_line(error)}') from None
            result = await ingest_request(library, [], body.urls, body.outlet, max_file_bytes)
        else:
            raise ApiError(415, 'send files as multipart/form-data or URLs as JSON {"urls": [...]}')
        return JSONResponse(result)

    @app.get("/api/status", tags=["status"], summary="Counts, and whether comparisons are being warmed")
    def api_status() -> JSONResponse:
        return JSONResponse({"version": __version__, **library.status()})

    return app


# ---------------------------------------------------------------------------- helpers


def iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def story_record(info) -> dict:
    record = info.as_dict()
    record["articles"] = len(info.documents)
    record["conflicts"] = info.conflicts
    return record


def article_summary(library: Library, article_id: str) -> dict:
    record = library.article(article_id)
    return {key: record[key] for key in ("id", "language", "title", "outlet", "url", "published")}


def blindspots_of(library: Library, name: str):
    """The outlet's blindspots over its latest stories. Comparisons not known yet are computed
    for a few seconds at most; the rest count as pending (the warmer is asked to compute them)."""
    if not library.outlet_exists(name):
        raise NotFound(f"no outlet {name!r} in this store")
    deadline = time.monotonic() + BLINDSPOT_BUDGET_SECONDS
    pairs, alone = [], 0
    for info in library.outlet_stories(name, OUTLET_STORIES):
        if len(info.documents) < 2:
            alone += 1
            continue
        comparison = library.comparisons.get(story_key(info))
        if comparison is None and time.monotonic() < deadline:
            comparison = library.comparison(info)
        pairs.append((info, comparison))
    result = outlet_blindspots(name, pairs)
    result.alone += alone
    if result.pending:
        library.request_warm()
    return result


def kind_columns(result) -> list[tuple[str, str]]:
    from ..render.html import KIND_LABELS, KINDS

    return [(kind, KIND_LABELS[kind]) for kind in KINDS if result.kinds[kind].corroborated]


def upload_form(library: Library, csrf: str, max_file_bytes: int, *, error: str | None = None) -> str:
    return views.render(
        "upload.html.j2",
        csrf=csrf,
        error=error,
        accepted=", ".join(ALLOWED_SUFFIXES),
        accept_attr=",".join(ALLOWED_SUFFIXES),
        max_mb=max_file_bytes // (1024 * 1024),
        max_files=MAX_FILES,
        allow_private=library.allow_private,
    )


async def read_form(request: Request):
    from .security import BodyTooLarge

    try:
        return await request.form(max_files=MAX_FILES, max_fields=1000)
    except BodyTooLarge:
        raise
    except StarletteHTTPException as error:
        raise ApiError(error.status_code, str(error.detail)) from None
    except Exception as error:
        raise ApiError(400, f"cannot read the form ({first_line(error)})") from None


def require_token(form, csrf: str) -> None:
    if not tokens_match(str(form.get("csrf") or ""), csrf):
        raise ApiError(403, "the form's token is missing or stale: reload the page and try again")


async def ingest_request(
    library: Library, files: list[UploadFile], urls: list[str], outlet: str | None, max_file_bytes: int
) -> dict:
    """Check uploads and URLs, then ingest them in a worker thread; the summary and where each went."""
    if not files and not urls:
        raise ApiError(400, "nothing to ingest: upload files or give URLs")
    if len(files) > MAX_FILES:
        raise ApiError(413, f"too many files (at most {MAX_FILES} at once)")
    if len(urls) > MAX_URLS:
        raise ApiError(413, f"too many URLs (at most {MAX_URLS} at once)")
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise ApiError(422, f"{bad[0]}: only http and https URLs are fetched")
    uploads = []
    for upload in files:
        data = await upload.read(max_file_bytes + 1)
        uploads.append(check_upload(upload.filename, data, max_file_bytes))
        await upload.close()

    def work() -> dict:
        with tempfile.TemporaryDirectory(prefix="parallax-upload-") as folder:
            paths = [str(p) for p in save_uploads(uploads, Path(folder))]
            result = library.ingest_paths([*paths, *urls], outlet=outlet)
        rejected = [
            {**item, "source": display_source(item["source"], folder)} for item in result.summary["rejected"]
        ]
        return {**result.summary, "rejected": rejected, "articles": result.articles}

    return await run_in_threadpool(work)


def display_source(source: str, folder: str) -> str:
    """A rejected upload named by its file name, not by the server's temporary path."""
    prefix = folder.rstrip("/") + "/"
    return source[len(prefix) :] if source.startswith(prefix) else source


# ---------------------------------------------------------------------------- errors


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return HTMLResponse(views.render("error.html.j2", status=status, message=message), status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, error: ApiError) -> Response:
        return error_response(request, error.status, error.message)

    @app.exception_handler(UploadError)
    async def on_upload_error(request: Request, error: UploadError) -> Response:
        return error_response(request, error.status, str(error))

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, error: NotFound) -> Response:
        return error_response(request, 404, str(error))

    @app.exception_handler(Conflict)
    async def on_conflict(request: Request, error: Conflict) -> Response:
        return error_response(request, 409, str(error))

    @app.exception_handler(ParallaxError)
    async def on_parallax_error(request: Request, error: ParallaxError) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}"
            for e in error.errors()
        )
        return error_response(request, 422, problems or "invalid request")


__all__ = ["create_app"]

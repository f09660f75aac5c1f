"""Stories: the story list (filters, search, pages), one story with its comparison, and their API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ...render.json import comparison_record
from .. import views
from ..served import ServedStore, story_key
from .context import Served, Settings, known_story, story_record

API_LIMIT = 50
API_MAX_LIMIT = 500
# SQLite's OFFSET is a 64-bit integer: a larger one is a 500, not an empty page. Far above any store.
API_MAX_OFFSET = 1_000_000_000
MAX_PAGE = 100_000

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def stories_page(
    served: Served,
    settings: Settings,
    language: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    filters = {"language": language, "outlet": outlet, "since": since, "until": until, "q": q}
    filters = {k: (v.strip() if v else None) or None for k, v in filters.items()}
    problems = drop_bad_dates(filters)
    store, size = served.reading(), settings.page_size
    found = store.stories(limit=size + 1, offset=(page - 1) * size, **filters)
    html = views.render(
        "stories.html.j2",
        stories=[served.with_known_conflicts(info) for info in found[:size]],
        filters=filters,
        page=page,
        more=len(found) > size,
        problems=problems,
        languages=store.languages(),
        outlets=[o["name"] for o in store.outlets()[:1000]],
        status={**store.counts(), **served.warming_status()},
    )
    return HTMLResponse(html)


def drop_bad_dates(filters: dict[str, str | None]) -> list[str]:
    """The date filters that are not dates, taken out of ``filters`` and described."""
    problems = []
    for name in ("since", "until"):
        if filters[name] and not iso_date(filters[name]):
            problems.append(f"{name}: {filters[name]!r} is not a date (YYYY-MM-DD)")
            filters[name] = None
    return problems


def iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(story_id: str, served: Served, settings: Settings) -> Response:
    resolved = served.reading().resolve(story_id)
    if resolved != story_id:
        return RedirectResponse(views.story_url(resolved), status_code=307)
    info = known_story(served, resolved)
    key = story_key(info)
    html = served.pages.get(key)
    if html is None:
        html = views.story_page(info, served.comparison(info), csrf=settings.csrf)
        served.pages.put(key, html)
    return HTMLResponse(html)


@router.get("/api/stories", tags=["stories"], summary="Stories, newest first (the stories contract)")
def api_stories(
    served: Served,
    language: Annotated[str | None, Query(description="ISO 639-1 code of one of its articles")] = None,
    outlet: Annotated[str | None, Query(description="the outlet of one of its articles")] = None,
    since: Annotated[date | None, Query(description="last article published on or after")] = None,
    until: Annotated[date | None, Query(description="first article published on or before")] = None,
    q: Annotated[str | None, Query(description="free text in any language: words, names, meaning")] = None,
    limit: Annotated[int, Query(ge=1, le=API_MAX_LIMIT)] = API_LIMIT,
    offset: Annotated[int, Query(ge=0, le=API_MAX_OFFSET)] = 0,
) -> JSONResponse:
    found = served.reading().stories(
        language=language or None,
        outlet=outlet or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        q=(q or "").strip() or None,
        limit=limit + 1,
        offset=offset,
    )
    stories = [story_record(served.with_known_conflicts(info)) for info in found[:limit]]
    record: dict[str, Any] = {"schema": 1, "stories": stories}
    record.update(limit=limit, offset=offset, next_offset=offset + limit if len(found) > limit else None)
    return JSONResponse(record)


@router.get("/api/stories/{story_id}", tags=["stories"], summary="One story and its articles")
def api_story(story_id: str, served: Served) -> Response:
    resolved = served.reading().resolve(story_id)
    if resolved != story_id:
        return RedirectResponse("/api/stories/" + views.quote(resolved, safe=""), status_code=307)
    info = known_story(served, resolved)
    articles = [article_summary(served, a) for a in info.documents]
    return JSONResponse({"schema": 1, "story": story_record(info), "articles": articles})


def article_summary(served: ServedStore, article_id: str) -> dict:
    record = served.reading().article_record(article_id)
    return {key: record[key] for key in ("id", "language", "title", "outlet", "url", "published")}


@router.get(
    "/api/stories/{story_id}/comparison",
    tags=["stories"],
    summary="The story's comparison (the compare --json contract)",
)
def api_comparison(story_id: str, served: Served) -> JSONResponse:
    info = known_story(served, story_id)
    return JSONResponse(comparison_record(served.comparison(info)))

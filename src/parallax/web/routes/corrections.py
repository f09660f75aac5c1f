"""Corrections: merge two stories, split articles off a story, move an article to another story,
from the story page's forms and from the API. Each is one write on the served store."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from .. import views
from ..errors import ApiError
from ..served import ServedStore
from .context import Served, Settings, known_story, read_checked_form, story_record

router = APIRouter()


class MergeBody(BaseModel):
    with_: str = Field(alias="with", description="the other story; the older of the two keeps its id")


class SplitBody(BaseModel):
    articles: list[str] = Field(min_length=1, description="article ids to move into a new story")


class MoveBody(BaseModel):
    to: str = Field(description="the story to move the article to")


def merge(served: ServedStore, first: str, second: str) -> str:
    with served.writing() as store:
        return store.merge(first, second)


def split(served: ServedStore, story_id: str, article_ids: Sequence[str]) -> str:
    with served.writing() as store:
        return store.split(story_id, list(article_ids))


def move(served: ServedStore, article_id: str, to_story: str) -> str:
    with served.writing() as store:
        return store.move(article_id, to_story)


def to_story_page(story_id: str) -> Response:
    return RedirectResponse(views.story_url(story_id), status_code=303)


# -- the story page's forms ----------------------------------------------------------------------


@router.post("/stories/{story_id}/merge", include_in_schema=False)
async def merge_form(story_id: str, request: Request, served: Served, settings: Settings) -> Response:
    form = await read_checked_form(request, settings)
    other = str(form.get("other") or "").strip()
    if not other:
        raise ApiError(400, "merge: give the id of the story to merge with")
    return to_story_page(await run_in_threadpool(merge, served, story_id, other))


@router.post("/stories/{story_id}/split", include_in_schema=False)
async def split_form(story_id: str, request: Request, served: Served, settings: Settings) -> Response:
    form = await read_checked_form(request, settings)
    articles = [str(a) for a in form.getlist("articles")]
    return to_story_page(await run_in_threadpool(split, served, story_id, articles))


@router.post("/stories/{story_id}/move", include_in_schema=False)
async def move_form(story_id: str, request: Request, served: Served, settings: Settings) -> Response:
    form = await read_checked_form(request, settings)
    article, target = str(form.get("article") or ""), str(form.get("to") or "").strip()
    if not article or not target:
        raise ApiError(400, "move: choose an article and give the story to move it to")
    return to_story_page(await run_in_threadpool(move, served, article, target))


# -- the API -------------------------------------------------------------------------------------


@router.post(
    "/api/stories/{story_id}/merge", tags=["corrections"], summary="Merge another story into this one"
)
def api_merge(story_id: str, body: MergeBody, served: Served) -> JSONResponse:
    story = merge(served, story_id, body.with_)
    return JSONResponse({"schema": 1, "stories": [story_record(known_story(served, story))]})


@router.post(
    "/api/stories/{story_id}/split", tags=["corrections"], summary="Split articles off into a new story"
)
def api_split(story_id: str, body: SplitBody, served: Served) -> JSONResponse:
    new = split(served, story_id, body.articles)
    stories = [known_story(served, new), known_story(served, story_id)]
    return JSONResponse({"schema": 1, "stories": [story_record(s) for s in stories]})


@router.post(
    "/api/articles/{article_id:path}/move",
    tags=["corrections"],
    summary="Move an article to another story",
)
def api_move(article_id: str, body: MoveBody, served: Served) -> JSONResponse:
    story = move(served, article_id, body.to)
    return JSONResponse({"schema": 1, "stories": [story_record(known_story(served, story))]})

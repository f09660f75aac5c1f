"""What every route module takes from the app: the served store and the settings (FastAPI
dependencies, so that a route is a plain function of its request), and the helpers forms share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...store import StoryInfo
from ..errors import ApiError, first_line
from ..security import BodyTooLarge, tokens_match
from ..served import ServedStore
from ..uploads import MAX_FILES


@dataclass(frozen=True)
class WebSettings:
    csrf: str  # the token every form carries (one per server run)
    page_size: int  # stories on a page of the story list
    max_file_bytes: int  # the largest uploaded file


# The dependencies are coroutines so that FastAPI calls them inline, not in its thread pool.
async def served_store(request: Request) -> ServedStore:
    return request.app.state.served


async def web_settings(request: Request) -> WebSettings:
    return request.app.state.settings


Served = Annotated[ServedStore, Depends(served_store)]
Settings = Annotated[WebSettings, Depends(web_settings)]


def story_record(info: StoryInfo) -> dict:
    """A story as the API gives it (the stories contract, with its size and conflict count)."""
    record = info.as_dict()
    record["articles"] = len(info.documents)
    record["conflicts"] = info.conflicts
    return record


def known_story(served: ServedStore, story_id: str) -> StoryInfo:
    """The story read on this thread's store, with its conflict count when already known."""
    return served.with_known_conflicts(served.reading().story(story_id))


async def read_form(request: Request) -> FormData:
    try:
        return await request.form(max_files=MAX_FILES, max_fields=1000)
    except BodyTooLarge:
        raise
    except StarletteHTTPException as error:
        raise ApiError(error.status_code, str(error.detail)) from None
    except Exception as error:
        raise ApiError(400, f"cannot read the form ({first_line(error)})") from None


async def read_checked_form(request: Request, settings: WebSettings) -> FormData:
    """The form posted, refused unless it carries this server's form token."""
    form = await read_form(request)
    if not tokens_match(str(form.get("csrf") or ""), settings.csrf):
        raise ApiError(403, "the form's token is missing or stale: reload the page and try again")
    return form

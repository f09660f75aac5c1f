"""Outlets: every outlet with its counts, and one outlet's blindspots over time."""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse

from ...store import NotFound
from .. import views
from ..blindspots import Blindspots, outlet_blindspots
from ..served import ServedStore, story_key
from .context import Served

OUTLET_STORIES = 500  # the latest stories of an outlet its blindspots are measured on
BLINDSPOT_BUDGET_SECONDS = 3.0

router = APIRouter()


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(served: Served) -> HTMLResponse:
    return HTMLResponse(views.render("outlets.html.j2", outlets=served.reading().outlets()))


@router.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(name: str, served: Served) -> HTMLResponse:
    result = blindspots_of(served, name)
    html = views.render("outlet.html.j2", outlet=name, spots=result, kinds=kind_columns(result))
    return HTMLResponse(html)


@router.get("/api/outlets", tags=["outlets"], summary="Every outlet in the store")
def api_outlets(served: Served) -> JSONResponse:
    return JSONResponse({"outlets": served.reading().outlets()})


@router.get("/api/outlets/{name:path}", tags=["outlets"], summary="An outlet's blindspots over time")
def api_outlet(name: str, served: Served) -> JSONResponse:
    return JSONResponse(blindspots_of(served, name).as_dict())


def blindspots_of(served: ServedStore, name: str) -> Blindspots:
    """The outlet's blindspots over its latest stories. Comparisons not known yet are computed
    for a few seconds at most; the rest count as pending (the warmer is asked to compute them)."""
    store = served.reading()
    if not store.has_outlet(name):
        raise NotFound(f"no outlet {name!r} in this store")
    deadline = time.monotonic() + BLINDSPOT_BUDGET_SECONDS
    pairs, alone = [], 0
    for info in store.stories(outlet=name, limit=OUTLET_STORIES):
        if len(info.documents) < 2:
            alone += 1
            continue
        comparison = served.comparisons.get(story_key(info))
        if comparison is None and time.monotonic() < deadline:
            comparison = served.comparison(info)
        pairs.append((info, comparison))
    result = outlet_blindspots(name, pairs)
    result.alone += alone
    if result.pending:
        served.request_warm()
    return result


def kind_columns(result: Blindspots) -> list[tuple[str, str]]:
    from ...render.html import KIND_LABELS, KINDS

    return [(kind, KIND_LABELS[kind]) for kind in KINDS if result.kinds[kind].corroborated]

"""Articles: one stored article with its facts (the extract contract)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .context import Served

router = APIRouter()


@router.get("/api/articles/{article_id:path}", tags=["articles"], summary="One stored article and its facts")
def api_article(article_id: str, served: Served) -> JSONResponse:
    return JSONResponse(served.reading().article_record(article_id))

"""Server-rendered pages: one Jinja2 environment (autoescaping on) over the web templates and
the report's macros, and the helpers templates use to build links to stories, outlets and
articles from untrusted ids (always percent-encoded, then HTML-escaped)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import jinja2

from ..render.html import (
    TEMPLATE_OPTIONS,
    direction,
    isolate,
    lang_attribute,
    language_name,
    report_context,
    safe_url,
    short_date,
)

if TYPE_CHECKING:
    from ..model import Comparison
    from ..store import StoryInfo

STATIC_FILES = {
    # name: (package, media type)
    "web.css": ("parallax.web", "text/css; charset=utf-8"),
    "web.js": ("parallax.web", "text/javascript; charset=utf-8"),
    "report.css": ("parallax.render", "text/css; charset=utf-8"),
    "report.js": ("parallax.render", "text/javascript; charset=utf-8"),
}


def story_url(story_id: str) -> str:
    return "/stories/" + quote(str(story_id), safe="")


def outlet_url(name: str) -> str:
    return "/outlets/" + quote(name, safe="")


def article_url(article_id: str) -> str:
    return "/api/articles/" + quote(article_id, safe="")


def query_url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("parallax.web", "templates"),
                jinja2.PackageLoader("parallax.render", "templates"),
            ]
        ),
        **TEMPLATE_OPTIONS,
    )
    env.globals.update(
        story_url=story_url,
        outlet_url=outlet_url,
        article_url=article_url,
        query_url=query_url,
        language_name=language_name,
        direction=direction,
        lang_attribute=lang_attribute,
        safe_url=safe_url,
        short_date=short_date,
    )
    env.filters["isolate"] = isolate
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(context)


@cache
def static_file(name: str) -> tuple[bytes, str] | None:
    """(content, media type) of one of our static files, or None when there is no such file."""
    if name not in STATIC_FILES:
        return None
    package, media_type = STATIC_FILES[name]
    return (resources.files(package) / "static" / name).read_bytes(), media_type


def story_page(info: StoryInfo, comparison: Comparison, *, csrf: str) -> str:
    """The story page: the report's fact table and sources, with the story's corrections."""
    context = report_context(comparison, title=info.title or None)
    return render("story.html.j2", story=info, csrf=csrf, **context)

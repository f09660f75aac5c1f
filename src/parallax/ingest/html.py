"""HTML pages: recognising them, reading their declared charset, extracting the article.

trafilatura finds the main text and the metadata (title, publication date, site name,
canonical URL). We rebuild the text from its element tree rather than taking its ``text``
field, because that field joins paragraphs with single newlines and we want blank lines
between paragraphs (the cleaner and the segmenter rely on them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

_LEADING_TAG = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_ANY_PAGE_TAG = re.compile(rb"<(?:html|body|article|div|p)\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096
_SPACES = re.compile(r"[^\S\n]+")
# trafilatura's element names for blocks whose children are lines of their own.
_LINE_CHILDREN = {"list": "item", "table": "row"}


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None


def sniffs_as_html(data: bytes) -> bool:
    """Whether the bytes (in an ASCII-compatible encoding) are an HTML page."""
    head = data[:_SNIFF_BYTES]
    if _LEADING_TAG.match(head):
        return True
    return head.lstrip().startswith(b"<") and len(_ANY_PAGE_TAG.findall(head)) >= 2


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset>, <meta http-equiv> or its XML prolog."""
    head = data[:_SNIFF_BYTES]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def extract(html: str) -> Extracted | None:
    """The main text and metadata of a page, or None when it has no main text."""
    import trafilatura  # slow to import; only HTML input needs it

    options = {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
        "date_extraction_params": {"extensive_search": True, "original_date": True},
    }
    document = trafilatura.bare_extraction(html, **options)
    if document is None or document.body is None:
        # Short pages fall under trafilatura's size heuristics; recall mode still finds them.
        document = trafilatura.bare_extraction(html, favor_recall=True, **options)
    if document is None or document.body is None:
        return None
    text = "\n\n".join(paragraph for paragraph in map(_block_text, document.body) if paragraph)
    return Extracted(
        text=text,
        title=_clean(document.title),
        published=_clean(document.date),
        outlet=_clean(document.sitename),
        url=_clean(document.url),
    )


def _block_text(element) -> str:
    """One paragraph of output; lists and tables keep one line per item or row."""
    line_tag = _LINE_CHILDREN.get(element.tag)
    if line_tag is not None:
        return "\n".join(line for line in map(_inline_text, element.iter(line_tag)) if line)
    return _inline_text(element)


def _inline_text(element) -> str:
    parts: list[str] = []
    _collect(element, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(node, parts: list[str]) -> None:
    if node.tag == "lb":
        parts.append("\n")
    elif node.tag == "cell" and parts:
        parts.append(" ")
    if node.text:
        parts.append(node.text)
    for child in node:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None

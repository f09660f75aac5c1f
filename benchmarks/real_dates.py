"""Dates and publication metadata on real third-party text (``../shared/data``, see its README).

    PARALLAX_SHARED_DATA=/work/shared/data .venv/bin/python benchmarks/real_dates.py [--limit N]
        [--only wmt,kaznerd,html] [--verbose]

Three measures, each skipped with one line on stderr when its data is absent:

* **WMT** (``wmt_news/docs.jsonl.gz``): a news document and its professional translation
  report the same dates, so ``compare`` should align every date fact of the pair as
  ``shared``. Figure: shared date facts / all date facts of the comparison, per pair and
  overall (the first ``--limit`` documents of each language pair, in file order).
* **KazNERD** (``kaznerd/valid.jsonl.gz``): recall of the gold ``DATE`` spans of Kazakh
  TV-news sentences: a gold span counts as found when date mentions cover at least half of
  its characters; two more lines count durations and ages too, then the periods of rates
  (a recurrence such as "жыл сайын" next to an amount is that amount's ``per``). Ids
  starting ``A`` spell numbers out; ``B``-``F`` write digits.
* **HTML** (``html/pages.tar.gz``): publication date and title read from real pages. The
  upstream expected files hold no title or date, so the gold is what the page itself
  declares apart from its text: any day of ``article:published_time``, ``datePublished``,
  ``<meta name=date|pubdate|...>`` (a timestamp also the days beside it: time zones) or of
  its URL (``/2012/10/27/``); the title of ``og:title``, ``<h1>`` or ``<title>`` (the found
  title must be one of them or their main part). Only pages that declare one are counted.

The data directory is ``$PARALLAX_SHARED_DATA`` or ``<repo>/../shared/data``; the loaders are
``real_data.py``'s (plain dicts in file order, so the same ``--limit`` picks the same documents).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html as html_lib
import io
import json
import os
import re
import sys
import tarfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from real_data import ENV, KAZNERD, WMT, data_dir, read_jsonl, wmt_pairs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
HTML = "html/pages.tar.gz"
MIN_COVERED = 0.5  # share of a gold span's characters date mentions must cover


# --- loaders ------------------------------------------------------------------------------


def data_file(relative: str) -> Path | None:
    """The file under the data directory, or None after saying on stderr why it is skipped."""
    root = data_dir()
    if root is None:
        print(f"skipped {relative}: no shared data (set {ENV} or put it at ../shared/data)", file=sys.stderr)
        return None
    if not (root / relative).is_file():
        print(f"skipped {relative}: {root / relative} is missing", file=sys.stderr)
        return None
    return root / relative


def html_pages(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, page bytes) of every HTML page of the archive, in name order."""
    with tarfile.open(path, "r:gz") as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and m.name.endswith(".html")), key=lambda m: m.name
        )
        for member in members:
            yield member.name, archive.extractfile(member).read()


def html_sidecars(path: Path) -> dict[str, dict]:
    """Upstream expected data by page name: goose3's json, trafilatura's gold snippets (url, lang)."""
    found: dict[str, dict] = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name.endswith(".json") and member.isfile():
                record = json.load(io.TextIOWrapper(archive.extractfile(member), encoding="utf-8"))
                if member.name.endswith("gold_snippets.json"):
                    folder = member.name.rsplit("/", 1)[0]
                    found.update({f"{folder}/{name}": value for name, value in record.items()})
                else:
                    expected = record.get("expected", record)
                    found[member.name[: -len(".json")] + ".html"] = {
                        "url": expected.get("final_url") or record.get("url"),
                        **expected,
                    }
    return found


def _decoded(raw: bytes) -> str:
    declared = re.search(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", raw[:4096], re.IGNORECASE)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8", "cp1252"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


# --- WMT ----------------------------------------------------------------------------------


def measure_wmt(limit: int | None, verbose: bool) -> dict[str, tuple[int, int]]:
    path = data_file(WMT)
    if path is None:
        return {}
    from parallax import api
    from parallax.model import Article

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, records in wmt_pairs(data_dir(), limit).items():
        for record in records:
            ref = record["refs"][0]
            source = Article(
                id=f"{record['doc_id']}.{record['src_lang']}",
                text=record["src_text"],
                language=record["src_lang"],
            )
            target = Article(id=f"{record['doc_id']}.{ref['lang']}", text=ref["text"], language=ref["lang"])
            comparison = api.compare_articles([source, target])
            dates = [fact for fact in comparison.facts if fact.kind == "date"]
            shared = [fact for fact in dates if fact.status == "shared"]
            counts[pair][0] += len(shared)
            counts[pair][1] += len(dates)
            if verbose:
                for fact in dates:
                    if fact.status != "shared":
                        texts = " | ".join(f"{m.document[-2:]}:{m.text}" for m in fact.mentions)
                        print(f"  {pair} {record['doc_id']:>14} {fact.status:8} {fact.value!s:24} {texts}")
    return {pair: (shared, total) for pair, (shared, total) in counts.items()}


# --- KazNERD ------------------------------------------------------------------------------


def measure_kaznerd(limit: int | None, verbose: bool) -> dict[str, tuple[int, int]]:
    """Gold ``DATE`` spans found, per group and per way of counting: by date facts ("dates"), also
    by durations and ages ("+durations"), also by the periods of rates ("+periods": "жыл сайын"
    next to an amount is its ``per``, not a date of its own)."""
    path = data_file(KAZNERD)
    if path is None:
        return {}
    from parallax.pipeline import extract_mentions

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    seen = 0
    for record in read_jsonl(path):
        gold = [entity["text"] for entity in record["entities"] if entity["type"] == "DATE"]
        if not gold:
            continue
        seen += 1
        if limit is not None and seen > limit:
            break
        text = record["text"]
        mentions = extract_mentions(text, "kk", None)
        dates = [(m.start, m.end) for m in mentions if m.kind == "date"]
        durations = [
            _time_quantity_span(m) for m in mentions if m.kind == "quantity" and m.unit in TIME_UNITS
        ]
        periods = [tuple(m.attrs.per_span) for m in mentions if getattr(m.attrs, "per_span", None)]
        group = "spelled" if record["id_prefix"] == "A" else "digits"
        cursor = 0
        for span in gold:
            start = text.find(span, cursor)
            start = text.find(span) if start < 0 else start
            if start < 0:
                continue  # the gold text is not in the sentence as written
            cursor = start + len(span)
            by_date = _covered(start, cursor, dates)
            with_durations = by_date or _covered(start, cursor, dates + durations)
            with_periods = with_durations or _covered(start, cursor, dates + durations + periods)
            ways = (("dates", by_date), ("+durations", with_durations), ("+periods", with_periods))
            for way, found in ways:
                counts[f"{way} {group}"][0] += found
                counts[f"{way} {group}"][1] += 1
            if verbose and not with_periods:
                found_texts = [m.text for m in mentions if m.kind in ("date", "quantity")]
                print(f"  {record['sent_id']:>10} missed {span!r:40} found {found_texts}")
    return {group: (found, total) for group, (found, total) in counts.items()}


# The units of a quantity that is a span of time (a duration or an age: "2 жыл бойы", "3 жасар").
TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"})


def _time_quantity_span(mention) -> tuple[int, int]:
    """The number and its time noun ("бес жылға"): the noun is outside the mention's own text."""
    from parallax.model import QuantityAttrs, attrs_as

    noun = attrs_as(QuantityAttrs, mention).noun_span
    end = max(mention.end, noun[1]) if noun else mention.end
    start = min(mention.start, noun[0]) if noun else mention.start
    return start, end


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    covered = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return covered >= MIN_COVERED * (end - start)


# --- HTML ---------------------------------------------------------------------------------

_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "dc.date.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "citation_date",
)  # fmt: skip
_JSON_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)[/-]?(\d{1,2}|[a-z]{3})[/-](\d{1,2})(?=[/_-])|/((?:19|20)\d\d)(\d\d)(\d\d)(?=[/_-])"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def page_metadata(page: str) -> dict[str, str]:
    metas = {}
    for tag in _META.findall(page):
        attributes = {m[0].lower(): html_lib.unescape(m[1] or m[2] or m[3]) for m in _ATTRIBUTE.findall(tag)}
        key = (
            attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        ).lower()
        if key and "content" in attributes:
            metas.setdefault(key, attributes["content"].strip())
    return metas


def gold_dates(page: str, url: str | None) -> set[str]:
    """Every publication day the page declares apart from its text (meta, JSON-LD, URL).

    A declared timestamp is one instant: in the outlet's time zone its day may be the one
    before or after the UTC day another declaration gives, so the days beside it count too.
    """
    metas = page_metadata(page)
    stamps = [metas[key] for key in _DATE_KEYS if key in metas]
    stamps += _JSON_DATE.findall(page)
    days: set[str] = set()
    for stamp in stamps:
        found = _ISO_DAY.search(stamp)
        if found:
            days |= (
                _around(found.group(0)) if "T" in stamp[found.end() : found.end() + 1] else {found.group(0)}
            )
    found = _URL_DAY.search(url or "")
    if found:
        year, month, day = (found[1], found[2], found[3]) if found[1] else (found[4], found[5], found[6])
        month = str(_MONTHS.index(month) + 1) if month in _MONTHS else month
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            days.add(f"{year}-{int(month):02d}-{int(day):02d}")
    return days


def _around(day: str) -> set[str]:
    try:
        middle = dt.date.fromisoformat(day)
    except ValueError:
        return set()
    return {(middle + dt.timedelta(days=shift)).isoformat() for shift in (-1, 0, 1)}


def gold_titles(page: str) -> list[str]:
    metas = page_metadata(page)
    titles = [metas.get("og:title", ""), metas.get("twitter:title", "")]
    titles += [_text(found) for found in _H1.findall(page)[:2]]
    titles += [_text(found) for found in _TITLE.findall(page)[:1]]
    return [title for title in titles if len(title) >= 8]


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(_TAGS.sub(" ", fragment)).split())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def title_matches(title: str | None, golds: list[str]) -> bool:
    """The title found is one of the page's titles, or the main part of one ("Title | Site")."""
    if not title:
        return False
    found = _fold(title)
    for gold in map(_fold, golds):
        shorter, longer = sorted((found, gold), key=len)
        if shorter and shorter in longer and len(shorter) >= 0.5 * len(longer):
            return True
    return False


def measure_html(limit: int | None, verbose: bool) -> dict[str, tuple[int, int]]:
    path = data_file(HTML)
    if path is None:
        return {}
    from parallax.ingest import read_article

    sidecars = html_sidecars(path)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for number, (name, raw) in enumerate(html_pages(path)):
        if limit is not None and number >= limit:
            break
        page = _decoded(raw)
        url = (sidecars.get(name) or {}).get("url")
        expected_days, titles = gold_dates(page, url), gold_titles(page)
        document = _analysed(read_article, name, raw)
        published = (document.article.published or "")[:10] if document else ""
        title = document.article.title if document else None
        if expected_days:
            right = published in expected_days
            counts["published"][0] += right
            counts["published"][1] += 1
            if verbose and not right:
                print(f"  {name:55} date  found {published or None!s:12} gold {sorted(expected_days)}")
        if titles:
            right = title_matches(title, titles)
            counts["title"][0] += right
            counts["title"][1] += 1
            if verbose and not right:
                print(f"  {name:55} title found {title!r:.60} gold {titles[0]!r:.60}")
    return {key: (found, total) for key, (found, total) in counts.items()}


def _analysed(read_article, name: str, raw: bytes):
    from parallax.model import ParallaxError
    from parallax.pipeline import analyse

    try:
        article = read_article(name, data=raw, article_id=Path(name).name)
    except ParallaxError:
        return None
    return analyse(article)


# --- report -------------------------------------------------------------------------------


def report(title: str, counts: dict[str, tuple[int, int]], seconds: float) -> None:
    """One line per key and an overall line per way of counting (the word before a key's space)."""
    if not counts:
        return
    print(f"\n{title} ({seconds:.0f} s)")
    ways: dict[str, list[tuple[str, tuple[int, int]]]] = defaultdict(list)
    for key, value in sorted(counts.items()):
        way = key.split(" ")[0] if " " in key else ""
        ways[way].append((key, value))
    for way, rows in ways.items():
        for key, (hits, size) in rows:
            print(f"  {key:20} {hits:5}/{size:<5} {hits / size if size else 0:.3f}")
        found = sum(hits for _, (hits, _) in rows)
        total = sum(size for _, (_, size) in rows)
        label = f"{way} overall".strip()
        print(f"  {label:20} {found:5}/{total:<5} {found / total if total else 0:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--limit", type=int, default=None, help="first N documents per WMT pair / sentences / pages"
    )
    parser.add_argument("--only", default="wmt,kaznerd,html", help="comma-separated: wmt, kaznerd, html")
    parser.add_argument("--verbose", action="store_true", help="list what is missed")
    args = parser.parse_args()
    os.environ.setdefault("PARALLAX_LEARN_ALIASES", "0")
    chosen = set(args.only.split(","))
    for name, title, measure in (
        ("kaznerd", "KazNERD DATE span recall", measure_kaznerd),
        ("html", "HTML pages: publication date and title", measure_html),
        ("wmt", "WMT date facts shared between a document and its translation", measure_wmt),
    ):
        if name in chosen:
            started = time.perf_counter()
            counts = measure(args.limit, args.verbose)
            report(title, counts, time.perf_counter() - started)


if __name__ == "__main__":
    main()

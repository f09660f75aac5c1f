"""Main text of real HTML pages: does cleaning keep the article and drop the page furniture?

    PARALLAX_SHARED_DATA=/work/shared/data .venv/bin/python benchmarks/main_text.py [--verbose]

Reads ``html/pages.tar.gz`` of the shared data (see its README; skipped with one line on stderr
when absent). Each page is read as parallax reads an HTML file (``read_article``: the page's
main text), then cleaned (``clean``: the kept blocks). Both stages are scored, so what the
cleaner cuts shows apart from what the HTML extraction missed:

* **full text** (newspaper3k's ``*_expected.txt``; goose3's ``cleaned_text`` when it is a whole
  article, over ``FULL_TEXT_CHARS``): token precision and recall, words as bags (a character
  is a token in scripts written without spaces), micro-averaged over the pages;
* **lead** (goose3's shorter ``cleaned_text``: the first lines of the article only): token
  recall alone;
* **snippets** (trafilatura's gold "with" / "without" snippets): share of "with" snippets found
  in the text (recall) and share of "without" snippets absent from it (precision).

The figure to watch when cleaning grows: the recall lines of the ``cleaned`` stage must not
fall; precision lines show the furniture it removes.
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

import regex
from real_dates import HTML, data_file, html_pages, html_sidecars

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FULL_TEXT_CHARS = 1000
_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]|[\p{L}\p{M}\p{N}]+"
)
_SPACES = regex.compile(r"\s+")


def tokens(text: str) -> Counter[str]:
    return Counter(token.casefold() for token in _TOKEN.findall(text))


def squeezed(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def expected_texts(path: Path) -> dict[str, str]:
    """Page name -> upstream expected text (newspaper3k's files; goose3's comes with the sidecars)."""
    found = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith("_expected.txt"):
                text = io.TextIOWrapper(archive.extractfile(member), encoding="utf-8").read()
                found[member.name.replace("_expected.txt", "_article.html")] = text
    return found


def stages(name: str, raw: bytes) -> dict[str, str] | None:
    """The page's text as read (``extracted``) and as kept by the cleaner (``cleaned``)."""
    from parallax.clean import clean
    from parallax.ingest import read_article
    from parallax.model import ParallaxError

    try:
        article = read_article(name, data=raw, article_id=Path(name).name)
    except ParallaxError:
        return None
    kept = "\n".join(article.text[block.start : block.end] for block in clean(article).blocks)
    return {"extracted": article.text, "cleaned": kept}


def measure(path: Path, verbose: bool) -> dict[str, dict[str, list[int]]]:
    """stage -> measure -> [hits, total]."""
    sidecars = html_sidecars(path)
    expected = expected_texts(path)
    counts: dict[str, dict[str, list[int]]] = {}
    for name, raw in html_pages(path):
        side = sidecars.get(name) or {}
        gold = expected.get(name) or side.get("cleaned_text")
        snippets = (side.get("with") or [], side.get("without") or [])
        if not gold and not any(snippets):
            continue
        texts = stages(name, raw) or {"extracted": "", "cleaned": ""}
        for stage, text in texts.items():
            row = counts.setdefault(stage, {})
            for key, hit, total in _scores(text, gold, snippets):
                cell = row.setdefault(key, [0, 0])
                cell[0] += hit
                cell[1] += total
                if verbose and stage == "cleaned" and total and hit / total < 0.9:
                    print(f"  {name:55} {key:20} {hit}/{total}")
    return counts


def _scores(text: str, gold: str | None, snippets: tuple[list[str], list[str]]):
    if gold:
        found, wanted = tokens(text), tokens(gold)
        overlap = sum((found & wanted).values())
        if len(gold) > FULL_TEXT_CHARS:
            yield "full recall", overlap, sum(wanted.values())
            yield "full precision", overlap, sum(found.values())
        else:
            yield "lead recall", overlap, sum(wanted.values())
    with_, without = snippets
    squeezed_text = squeezed(text)
    yield "snippet recall", sum(squeezed(s) in squeezed_text for s in with_), len(with_)
    yield "snippet precision", sum(squeezed(s) not in squeezed_text for s in without), len(without)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list pages scoring < 0.9 once cleaned")
    args = parser.parse_args()
    path = data_file(HTML)
    if path is None:
        return
    started = time.perf_counter()
    counts = measure(path, args.verbose)
    keys = sorted({key for row in counts.values() for key in row})
    print(f"main text of real HTML pages ({time.perf_counter() - started:.1f} s)")
    print(f"  {'':20}" + "".join(f"{stage:>20}" for stage in counts))
    for key in keys:
        cells = [counts[stage].get(key, [0, 0]) for stage in counts]
        shown = "".join(f"{hit / (total or 1):.3f} ({hit}/{total})".rjust(20) for hit, total in cells)
        print(f"  {key:20}{shown}")


if __name__ == "__main__":
    main()

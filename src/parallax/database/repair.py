"""A damaged store: what SQLite's integrity check says, and a new store from what can be read.

A store file damaged on disk (a failing disk, a copy cut short, garbage written over pages)
keeps its header and fails on the first query that meets a bad page. ``check`` says whether
the file is whole and how many articles can still be read one by one; ``salvage`` reads those
articles, and ``parallax.store.recover`` puts them into a new store, where they are
analysed and linked again. Corrections (merges,
splits, moves) live in the damaged file and are not carried over.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..model import Article, ParallaxError

ARTICLE_FIELDS = "id, text, format, title, published, outlet, url, language, encoding, source"
MISSES_BEFORE_GIVING_UP = 1_000  # rowids probed past the last one found when the index is unreadable


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)  # empty when the file is whole
    readable: int = 0
    unreadable: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unreadable

    def lines(self) -> list[str]:
        if self.ok:
            return [f"{self.path}: ok ({self.readable} articles)"]
        head = f"{self.path}: damaged: {self.readable} articles readable, {self.unreadable} not"
        return [head, *(f"  {problem}" for problem in self.problems[:10])]


def _open(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise ParallaxError(f"{path}: no store here")
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def check(path: Path) -> CheckReport:
    """SQLite's integrity check, and a count of the articles that can be read one by one."""
    report = CheckReport(path)
    try:
        db = _open(path)
    except sqlite3.DatabaseError as error:
        report.problems.append(f"cannot open it ({error})")
        return report
    with db:
        try:
            rows = db.execute("PRAGMA integrity_check(20)").fetchall()
            report.problems += [line for row in rows if row[0] != "ok" for line in row[0].splitlines()
                                if not line.startswith("***")]
        except sqlite3.DatabaseError as error:
            report.problems.append(str(error))
        report.readable = sum(1 for _ in _readable_articles(db, report))
    return report


def salvage(source: Path) -> tuple[list[Article], int]:
    """The articles of ``source`` that can still be read, and how many cannot.

    ``parallax.store.recover`` stores them in a new store (analysed and linked afresh).
    """
    report = CheckReport(source)
    db = _open(source)
    try:
        articles = list(_readable_articles(db, report))
    finally:
        db.close()
    return articles, report.unreadable


def _readable_articles(db: sqlite3.Connection, report: CheckReport) -> Iterator[Article]:
    """The articles that can be read, row by row; the rows that cannot are counted."""
    pending = 0  # probed rows that failed after the last good one: they may lie past the end
    for row, known in _rows(db):
        if row is None:
            if known:
                report.unreadable += 1
            else:
                pending += 1
            continue
        report.unreadable += pending
        pending = 0
        id_, text, format_, title, published, outlet, url, language, encoding, source = row
        yield Article(id=id_, text=text, format=format_, title=title, published=published, outlet=outlet,
                      url=url, language=language, encoding=encoding, path=source)


def _rows(db: sqlite3.Connection) -> Iterator[tuple[tuple | None, bool]]:
    """(the article's fields, or None when its page is bad; whether the row is known to exist)
    for every rowid there may be: listed from the table when its pages read, else probed one by
    one until many in a row are missing or unreadable."""
    select = f"SELECT {ARTICLE_FIELDS} FROM articles WHERE rowid = ?"
    try:
        rowids = [row[0] for row in db.execute("SELECT rowid FROM articles ORDER BY rowid")]
    except sqlite3.DatabaseError:
        rowids = None
    if rowids is not None:
        for rowid in rowids:
            yield _row(db, select, rowid), True
        return
    rowid, misses = 0, 0
    while misses < MISSES_BEFORE_GIVING_UP:
        rowid += 1
        try:
            row = db.execute(select, (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            misses += 1
            yield None, False
            continue
        if row is None:
            misses += 1
        else:
            misses = 0
            yield row, True


def _row(db: sqlite3.Connection, select: str, rowid: int) -> tuple | None:
    try:
        return db.execute(select, (rowid,)).fetchone()
    except sqlite3.DatabaseError:
        return None

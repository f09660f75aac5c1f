"""The store: deduplication, durability under kill -9, derived index checks, reindex, readers at once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parallax.database.schema import SCHEMA_VERSION
from parallax.pipeline import EXTRACTOR_VERSION
from parallax.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "benchmarks" / "corpora" / "dev" / "articles.jsonl"
EXAMPLES = ROOT / "examples"


def dev_records(n: int | None = None) -> list[dict]:
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:n] if n else records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def counts(path: Path) -> dict[str, int]:
    tables = ("articles", "embeddings", "story_members")
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    except sqlite3.OperationalError:  # the writer has not created its tables yet
        return dict.fromkeys(tables, 0)
    finally:
        db.close()


def test_ingesting_the_same_thing_twice_changes_nothing(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        first = store.ingest([str(EXAMPLES / "visit")])
        stories = [s.as_dict() for s in store.stories()]
        second = store.ingest([str(EXAMPLES / "visit")])
        assert (first.ingested, first.duplicates) == (5, 0)
        assert (second.ingested, second.duplicates) == (0, 5)
        assert [s.as_dict() for s in store.stories()] == stories
    assert counts(tmp_path / "s.sqlite")["articles"] == 5


def test_a_rescraped_page_with_other_junk_is_a_duplicate(tmp_path):
    original = (EXAMPLES / "visit" / "visit-kk.txt").read_text(encoding="utf-8")
    rescraped = "501.30\n549.02\n5.71\n" + original.split("\n", 3)[3] + "\nПікір қалдыру\n"
    (tmp_path / "again.txt").write_text(rescraped, encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as store:
        store.ingest([str(EXAMPLES / "visit" / "visit-kk.txt")])
        summary = store.ingest([str(tmp_path / "again.txt")])
    assert (summary.ingested, summary.duplicates) == (0, 1)


def test_short_wire_items_with_one_stock_body_and_different_titles_are_all_kept(tmp_path):
    from parallax.model import Article

    # Flash items of one agency: the body is the same stock line, the title is the news.
    body = "القاهرة (وكالة أنباء النيل) - التفاصيل تأتي لاحقاً."
    titles = [
        "انقطاع الكهرباء عن ثلاث محافظات في جنوب البلاد",
        "البنك المركزي يرفع سعر الفائدة نصف نقطة مئوية",
        "افتتاح معرض الكتاب الدولي بمشاركة أربعين دولة",
    ]
    items = [Article(id=f"flash-{i}", text=body, title=title) for i, title in enumerate(titles)]
    with Store(tmp_path / "s.sqlite") as store:
        first = store.add_articles(items)
        again = store.add_articles([Article(id="flash-again", text=body, title=titles[1])])
    assert (first.ingested, first.duplicates) == (3, 0)
    assert (again.ingested, again.duplicates) == (0, 1)


def test_a_title_the_text_opens_with_counts_once(tmp_path):
    from parallax.model import Article

    title = "Stadtwerke senken den Gaspreis zum Jahreswechsel"
    body = "Die Stadtwerke senken zum 1. Januar den Arbeitspreis für Gas um 12 Prozent, sagte ein Sprecher."
    with Store(tmp_path / "s.sqlite") as store:
        store.add_articles([Article(id="with-title", text=f"{title}\n\n{body}", title=title)])
        summary = store.add_articles([Article(id="pasted", text=f"{title}\n\n{body}")])
    assert (summary.ingested, summary.duplicates) == (0, 1)


def test_a_repeated_file_name_gets_a_suffix(tmp_path):
    other = tmp_path / "b"
    other.mkdir()
    (other / "visit-kk.txt").write_bytes((EXAMPLES / "flood" / "flood-kk.txt").read_bytes())
    with Store(tmp_path / "s.sqlite") as store:
        store.ingest([str(EXAMPLES / "visit" / "visit-kk.txt")])
        store.ingest([str(other / "visit-kk.txt")])
        ids = sorted(store.db.db.execute("SELECT id FROM articles").fetchall())
    assert ids == [("visit-kk.txt",), ("visit-kk.txt#2",)]


def test_schema_is_versioned(tmp_path):
    Store(tmp_path / "s.sqlite").close()
    db = sqlite3.connect(tmp_path / "s.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_killed_ingest_loses_nothing_committed_and_a_rerun_completes_it(tmp_path):
    records = dev_records()
    total = len(records)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records)
    store_path = tmp_path / "s.sqlite"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "parallax.cli", "ingest", str(corpus), "--store", str(store_path)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    try:
        while time.time() < deadline:
            time.sleep(0.05)
            if store_path.exists() and counts(store_path)["articles"] >= 3:
                break
            assert process.poll() is None, "ingest ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    killed = counts(store_path)
    assert 3 <= killed["articles"] < total
    # Every committed article is whole: its embedding and its story membership landed with it.
    assert killed["articles"] == killed["embeddings"] == killed["story_members"]

    rerun = subprocess.run(
        [*command, "--json"], env=env, capture_output=True, text=True, timeout=600, check=True
    )
    summary = json.loads(rerun.stdout)
    assert summary["ingested"] == total - killed["articles"]
    assert summary["duplicates"] == killed["articles"]
    assert counts(store_path) == {"articles": total, "embeddings": total, "story_members": total}
    with Store(store_path) as store:
        assert store.index.count == total


def test_the_vector_index_is_rebuilt_when_behind_or_damaged(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.ingest([str(EXAMPLES / "flood")])
    index_folder = tmp_path / "s.sqlite.index"
    manifest = json.loads((index_folder / "manifest.json").read_text())
    assert manifest["count"] == 5
    shutil.rmtree(index_folder)
    with Store(path) as store:
        assert store.index.count == 5
    (index_folder / "manifest.json").write_text('{"dim": 384, "count": 99, "largest": 3, "shards": ["x"]}')
    with Store(path) as store:
        assert store.index.count == 5
        assert {r for r, _ in store.index.search_all(store.db.embedding(1), 10)} == {1, 2, 3, 4, 5}


def test_reindex_re_extracts_what_an_older_extractor_produced(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.ingest([str(EXAMPLES / "grain")])
        store.db.db.execute(
            "UPDATE articles SET extractor_version = ?, analysis = ? WHERE id = 'grain-kk.txt'",
            (
                EXTRACTOR_VERSION - 1,
                json.dumps({"cleaning": {"blocks": [], "removed": []}, "sentences": [], "facts": []}),
            ),
        )
        assert store.reindex() == 1
        versions = {v for (v,) in store.db.db.execute("SELECT extractor_version FROM articles")}
        assert versions == {EXTRACTOR_VERSION}
        [story] = store.stories()
        kk = next(d for d in store.story_documents(story.id) if d.id == "grain-kk.txt")
        assert any(f.kind == "quantity" for f in kk.facts)


def test_serve_can_read_while_ingest_writes(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", dev_records(30))
    path = tmp_path / "s.sqlite"
    Store(path).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.Popen(
        [sys.executable, "-m", "parallax.cli", "ingest", str(corpus), "--store", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = set()
    try:
        while process.poll() is None:
            with Store(path, readonly=True) as reader:
                seen.add(len(reader.stories()))
            time.sleep(0.1)
    finally:
        process.wait(timeout=600)
    assert process.returncode == 0, process.stderr.read()
    assert len(seen) > 1  # the reader saw the store grow while the writer worked


def test_a_readonly_store_must_exist(tmp_path):
    with pytest.raises(Exception, match="no store"):
        Store(tmp_path / "missing.sqlite", readonly=True)


def test_past_the_warm_up_workers_analyse_and_encode_everything_as_this_process_would(tmp_path, monkeypatch):
    import numpy as np

    import parallax.store as facade
    from parallax.encode import default_encoder
    from parallax.link.features import title_and_lead
    from parallax.model import Article

    monkeypatch.setattr(facade, "WARM_UP", 2)
    records = dev_records(6)
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"))
                for r in records]
    threads_before = os.environ.get("OMP_NUM_THREADS")
    items = list(facade.analysed_stream(articles, 2, encode=True))
    assert os.environ.get("OMP_NUM_THREADS") == threads_before  # only the workers run on one thread

    # More articles than the warm-up: the workers take all of them, the first ones included.
    assert [type(i).__name__ for i in items] == ["Encoded"] * 6
    for article, item in zip(articles, items, strict=True):
        here = facade.analyse_item(Article(id=article.id, text=article.text, title=article.title,
                                           published=article.published))
        assert item.document.facts == here.facts
        expected = default_encoder().encode([title_and_lead(here)])[0]
        assert float(np.dot(item.vector, expected)) > 0.9999


def test_an_ingest_that_fits_in_the_warm_up_starts_no_worker(monkeypatch):
    import parallax.store as facade
    from parallax.model import Article

    monkeypatch.setattr(facade, "WARM_UP", 3)
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"))
                for r in dev_records(3)]
    items = list(facade.analysed_stream(articles, 2, encode=True))
    assert [type(i).__name__ for i in items] == ["Document"] * 3  # analysed here: workers would encode


def test_an_ingest_through_workers_links_as_one_through_this_process(tmp_path, monkeypatch):
    import parallax.store as facade

    corpus = write_jsonl(tmp_path / "dev.jsonl", dev_records(30))
    monkeypatch.setattr(facade, "WARM_UP", 5)
    with Store(tmp_path / "pool.sqlite") as store:
        pooled = store.add_articles(facade.iter_articles([str(corpus)]), workers=2)
        pooled_stories = sorted(sorted(s.documents) for s in store.stories())
    with Store(tmp_path / "alone.sqlite") as store:
        alone = store.add_articles(facade.iter_articles([str(corpus)]), workers=1)
        alone_stories = sorted(sorted(s.documents) for s in store.stories())
    assert pooled.ingested == alone.ingested == 30
    assert pooled_stories == alone_stories
    assert counts(tmp_path / "pool.sqlite")["embeddings"] == 30

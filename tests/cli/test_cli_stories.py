"""The store commands on real inputs: ingest summaries, bad input, stories JSON, corrections, watch."""

from __future__ import annotations

import io
import json
import sys
import warnings
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.warcwriter import WARCWriter

from parallax.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from test_sources_fixtures import ARTICLES, Route, paragraphs_html, rss, serve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STORIES_SCHEMA = json.loads((ROOT / "tests" / "contracts" / "stories.schema.json").read_text())


def run(argv, capsys):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def corpus_with_bad_records(folder: Path) -> list[Path]:
    good = {
        "id": "rec-1",
        "text": ARTICLES["ru"]["body"],
        "title": ARTICLES["ru"]["title"],
        "source": "Каспий Ньюс",
        "published": "2024-03-05T10:00:00+05:00",
        "language": "ru",
    }
    jsonl = folder / "corpus.jsonl"
    jsonl.write_text(
        json.dumps(good, ensure_ascii=False)
        + "\n{broken json\n"
        + json.dumps({"id": "empty", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    feed = folder / "not-a-feed.xml"
    feed.write_text("this is <not> xml at all <<<", encoding="utf-8")
    warc = folder / "pages.warc.gz"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        record = writer.create_warc_record(
            "https://example.org/logo.png",
            "resource",
            payload=io.BytesIO(b"\x89PNG"),
            warc_content_type="image/png",
        )
        writer.write_record(record)
    parquet = folder / "more.parquet"
    table = pa.table(
        {
            "id": ["pq-1"],
            "text": [ARTICLES["kk"]["body"]],
            "title": [ARTICLES["kk"]["title"]],
            "source": ["ДалаАқпарат"],
            "published": ["2024-03-05"],
        }
    )
    pq.write_table(table, parquet)
    return [jsonl, feed, warc, parquet]


def test_ingest_rejects_bad_input_with_reasons_and_stores_the_rest(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    inputs = corpus_with_bad_records(tmp_path)
    code, out, err = run(["ingest", *inputs, "--store", store, "--json"], capsys)
    assert code == 3  # some inputs rejected, the rest stored
    assert "parallax: rejected " in err and "corpus.jsonl line 2" in err
    summary = json.loads(out)
    assert summary["ingested"] == 2
    reasons = " | ".join(f"{r['source']}: {r['reason']}" for r in summary["rejected"])
    assert "corpus.jsonl line 2" in reasons
    assert "not-a-feed.xml" in reasons
    assert "pages.warc.gz" in reasons
    assert "empty" in reasons or "line 3" in reasons
    code, _, _ = run(["ingest", *inputs, "--store", store, "--strict"], capsys)
    assert code == 1
    code, out, _ = run(["stories", "--store", store, "--json"], capsys)
    record = json.loads(out)
    jsonschema.validate(record, STORIES_SCHEMA)
    assert sorted(a for s in record["stories"] for a in s["documents"]) == ["pq-1", "rec-1"]


def test_stories_ingests_paths_and_prints_the_contract(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    code, out, _ = run(
        ["stories", EXAMPLES / "visit", EXAMPLES / "flood", "--store", store, "--json"], capsys
    )
    assert code == 0
    record = json.loads(out)
    jsonschema.validate(record, STORIES_SCHEMA)
    documents = sorted(sorted(s["documents"]) for s in record["stories"])
    assert documents == [sorted(p.name for p in (EXAMPLES / f).iterdir()) for f in ("flood", "visit")]
    visit = next(s for s in record["stories"] if "visit-kk.txt" in s["documents"])
    assert visit["languages"] == ["ar", "fr", "kk", "ru", "zh"]
    assert visit["first_seen"].startswith("2025-03-12")

    code, out, _ = run(["compare", "--story", visit["id"], "--store", store, "--json"], capsys)
    comparison = json.loads(out)
    assert code == 0 and len(comparison["conflicts"]) == 2

    flood = next(s for s in record["stories"] if s is not visit)
    code, out, _ = run(["stories", "merge", visit["id"], flood["id"], "--store", store, "--json"], capsys)
    merged = json.loads(out)["stories"][0]
    assert len(merged["documents"]) == 10
    code, out, _ = run(
        ["stories", "split", merged["id"], "flood-kk.txt", "flood-en.txt", "--store", store, "--json"], capsys
    )
    assert sorted(json.loads(out)["stories"][0]["documents"]) == ["flood-en.txt", "flood-kk.txt"]
    code, out, _ = run(
        ["stories", "move", "flood-ar.txt", "--to", flood["id"], "--store", store, "--json"], capsys
    )
    assert code == 0
    code, out, _ = run(["stories", "--store", store, "--relink", "--json"], capsys)
    after = sorted(sorted(s["documents"]) for s in json.loads(out)["stories"])
    assert ["flood-en.txt", "flood-kk.txt"] in after

    code, out, _ = run(["stories", "--store", store, "--q", "Токаев"], capsys)
    assert code == 0 and "Stories" in out


def test_a_single_article_story_compares_without_error(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    run(["ingest", EXAMPLES / "grain" / "grain-kk.txt", "--store", store], capsys)
    code, out, _ = run(["stories", "--store", store, "--json"], capsys)
    [story] = json.loads(out)["stories"]
    code, out, err = run(["compare", "--story", story["id"], "--store", store, "--json"], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["documents"][0]["id"] == "grain-kk.txt" and record["facts"]


def test_an_unknown_story_is_one_line(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    run(["ingest", EXAMPLES / "grain" / "grain-kk.txt", "--store", store], capsys)
    code, out, err = run(["compare", "--story", "nope", "--store", store], capsys)
    assert code == 1 and out == "" and "nope" in err and len(err.strip().splitlines()) == 1


def test_watch_polls_a_feed_with_conditional_requests_and_links_new_entries(tmp_path, capsys):
    store = tmp_path / "s.sqlite"
    feed = rss(
        "Caspian Wire",
        [
            {
                "title": ARTICLES[code]["title"],
                "guid": f"cw-{code}",
                "pubDate": "Tue, 05 Mar 2024 09:00:00 +0500",
                "content": paragraphs_html(code),
            }
            for code in ("kk", "ru", "ar")
        ],
    )
    with serve(
        {"/feed": Route(body=feed.encode(), content_type="application/rss+xml", etag='"v1"')}
    ) as server:
        url = server.url("/feed")
        code, _, err = run(["watch", url, "--once", "--allow-private", "--store", store], capsys)
        assert code == 0 and "3 new" in err
        code, _, err = run(["watch", url, "--once", "--allow-private", "--store", store], capsys)
        assert code == 0 and "0 new" in err
        assert server.hits("/feed")[-1]["if-none-match"] == '"v1"'
        code, _, err = run(["watch", url, "--once", "--store", store], capsys)
        assert "0 new" in err  # without --allow-private a loopback feed is refused, nothing stored
    code, out, _ = run(["stories", "--store", store, "--json"], capsys)
    stories = json.loads(out)["stories"]
    assert len(stories) == 1 and sorted(stories[0]["documents"]) == ["cw-ar", "cw-kk", "cw-ru"]


@pytest.fixture(autouse=True)
def _quiet_warc(recwarn):
    warnings.simplefilter("ignore")

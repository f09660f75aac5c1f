"""JSONL and Parquet corpora: one article per record, fields, ids, and bad records."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_sources_fixtures import ARTICLES, page, paragraphs_html, text_article

from parallax.ingest.run import Rejected
from parallax.ingest.sources import iter_articles
from parallax.model import Article


def write_jsonl(path, lines):
    path.write_text(
        "".join(
            (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines
        ),
        encoding="utf-8",
    )
    return str(path)


def articles(items):
    return [item for item in items if isinstance(item, Article)]


def rejected(items):
    return [item for item in items if isinstance(item, Rejected)]


def test_jsonl_records_become_articles_with_their_fields(tmp_path):
    corpus = write_jsonl(
        tmp_path / "wire.jsonl",
        [
            {
                "id": "kz-0042",
                "text": text_article("kk"),
                "url": "https://dala.example/kk/42",
                "source": "Dala News",
                "published": "2024-03-05T09:30:00+05:00",
                "language": "kk",
                "title": "Ақтау",
            },
            {
                "text": text_article("ar"),
                "url": "https://gulf.example/ar/7",
                "source": "Gulf Wire",
                "published": "Tue, 05 Mar 2024 06:00:00 GMT",
                "language": "AR",
            },
            {
                "text": text_article("zh"),
                "source": "Silk Road Daily",
                "published": 1709625600,
                "language": "zh-Hans",
            },
        ],
    )
    kk, ar, zh = iter_articles([corpus])
    assert (kk.id, kk.url, kk.outlet, kk.published, kk.language, kk.title) == (
        "kz-0042",
        "https://dala.example/kk/42",
        "Dala News",
        "2024-03-05T09:30:00+05:00",
        "kk",
        "Ақтау",
    )
    assert kk.text.startswith(ARTICLES["kk"]["title"])
    assert kk.format == "text"
    assert (ar.id, ar.outlet, ar.published, ar.language) == (
        "https://gulf.example/ar/7",
        "Gulf Wire",
        "2024-03-05T06:00:00+00:00",
        "ar",
    )
    assert (zh.id, zh.published, zh.language, zh.url) == (
        "wire.jsonl#3",
        "2024-03-05T08:00:00+00:00",
        "zh",
        None,
    )
    assert "150万吨" in zh.text
    assert kk.path.endswith("wire.jsonl line 1")


def test_a_broken_line_is_rejected_by_number_and_the_rest_is_read(tmp_path):
    corpus = write_jsonl(
        tmp_path / "crawl.jsonl",
        [
            {"text": text_article("de"), "source": "Hafenblatt"},
            '{"text": "Im Hafen Aktau ist am Dienstag ein zweites Terminal", "source": ',
            "",
            {"text": text_article("es"), "source": "Diario del Sur"},
            '["not", "an", "object"]',
        ],
    )
    items = list(iter_articles([corpus]))
    assert [type(item).__name__ for item in items] == ["Article", "Rejected", "Article", "Rejected"]
    assert items[1].source == f"{corpus} line 2"
    assert items[1].reason.startswith("broken JSON (")
    assert str(items[1]).startswith(f"{corpus} line 2: broken JSON")
    # Blank lines keep their number, so ids and messages point at the right line.
    assert items[2].id == "crawl.jsonl#4"
    assert items[3] == Rejected(f"{corpus} line 5", "not a JSON object (a list)")


def test_records_without_text_are_rejected(tmp_path):
    corpus = write_jsonl(
        tmp_path / "thin.jsonl",
        [
            {"url": "https://news.example/1", "title": "Headline only"},
            {"text": "   ", "source": "Empty Wire"},
            {"text": ["a", "list"]},
            {"text": "1.5 2.4 3.8 4.1"},
            {"html": "<html><body><nav>Home</nav></body></html>"},
        ],
    )
    reasons = [item.reason for item in iter_articles([corpus])]
    assert reasons[0] == "record has no text (no 'text' or 'html' field, or it is empty)"
    assert reasons[1] == reasons[0]
    assert reasons[2] == "field 'text' is not a string"
    assert reasons[3].startswith("not an article")
    assert reasons[4].startswith("not an article")


def test_html_records_are_extracted_and_the_record_outranks_the_page(tmp_path):
    corpus = write_jsonl(
        tmp_path / "pages.jsonl",
        [
            {
                "html": page("de", site="Hafenblatt", published="2024-03-05"),
                "url": "https://hafen.example/aktau",
            },
            {
                "html": page("fr", site="La Vallée"),
                "source": "Le Quotidien",
                "published": "2024-03-10",
                "title": "Crue soudaine",
            },
            {"html": paragraphs_html("es"), "id": 77},  # a bare fragment, no <html> around it
        ],
    )
    de, fr, es = iter_articles([corpus])
    assert (de.format, de.outlet, de.published, de.url, de.id) == (
        "html",
        "Hafenblatt",
        "2024-03-05",
        "https://hafen.example/aktau",
        "https://hafen.example/aktau",
    )
    assert "Getreideterminal" in de.text and "Share on social media" not in de.text
    assert (fr.outlet, fr.published, fr.title) == ("Le Quotidien", "2024-03-10", "Crue soudaine")
    assert (es.id, es.format) == ("77", "html")
    assert "2.300 millones de euros" in es.text


def test_an_html_record_with_a_stale_charset_declaration_is_not_misdecoded(tmp_path):
    scraped = page("ru").replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    corpus = write_jsonl(tmp_path / "ru.jsonl", [{"html": scraped, "source": "Каспий"}])
    (article,) = iter_articles([corpus])
    assert "зерновой терминал" in article.text


def test_text_wins_over_html_when_a_record_has_both(tmp_path):
    corpus = write_jsonl(tmp_path / "both.jsonl", [{"text": text_article("tr"), "html": page("en")}])
    (article,) = iter_articles([corpus])
    assert article.text.startswith(ARTICLES["tr"]["title"]) and article.format == "text"


def test_repeated_record_ids_get_numbered(tmp_path):
    corpus = write_jsonl(
        tmp_path / "dup.jsonl",
        [
            {"id": "story-1", "text": text_article("en")},
            {"id": "story-1", "text": text_article("de")},
            {"url": "https://news.example/a", "text": text_article("fr")},
            {"url": "https://news.example/a", "text": text_article("es")},
        ],
    )
    assert [item.id for item in iter_articles([corpus])] == [
        "story-1",
        "story-1#2",
        "https://news.example/a",
        "https://news.example/a#2",
    ]


def test_outlet_argument_overrides_the_records_source(tmp_path):
    corpus = write_jsonl(
        tmp_path / "o.jsonl",
        [{"text": text_article("en"), "source": "Caspian Wire"}, {"html": page("de", site="Hafenblatt")}],
    )
    assert [item.outlet for item in iter_articles([corpus], outlet="Monitor Desk")] == ["Monitor Desk"] * 2


def test_a_json_array_and_a_binary_file_are_rejected_once(tmp_path):
    array = tmp_path / "array.json"
    array.write_text(json.dumps([{"text": text_article("en")}, {"text": text_article("de")}], indent=1))
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    items = list(iter_articles([str(array), str(binary)]))
    assert len(items) == 2
    assert items[0].source == str(array) and "a JSON array, not JSON lines" in items[0].reason
    assert items[1] == Rejected(str(binary), "binary file (PNG image)")


def test_json_lines_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        "\ufeff".encode() + json.dumps({"text": text_article("kk"), "id": "kk-1"}).encode() + b"\n"
    )
    (article,) = iter_articles([str(path)])
    assert article.id == "kk-1"


def test_a_missing_corpus_is_rejected(tmp_path):
    missing = str(tmp_path / "nowhere.jsonl")
    assert list(iter_articles([missing])) == [Rejected(missing, "cannot read the file (file not found)")]


def write_parquet(path, rows, **options):
    pq.write_table(pa.Table.from_pylist(rows), path, **options)
    return str(path)


def test_parquet_rows_become_articles(tmp_path):
    rows = [
        {
            "id": "ru-1",
            "text": text_article("ru"),
            "html": None,
            "url": "https://kaspiy.example/1",
            "source": "Каспий",
            "published": datetime(2024, 3, 5, 7, 0, tzinfo=UTC),
            "language": "ru",
            "title": "Терминал",
        },
        {
            "id": None,
            "text": None,
            "html": page("ar", site="Gulf Times"),
            "url": None,
            "source": None,
            "published": None,
            "language": None,
            "title": None,
        },
        {
            "id": None,
            "text": text_article("tr"),
            "html": None,
            "url": None,
            "source": "Körfez Haber",
            "published": datetime(2024, 3, 4, 22, 0, tzinfo=UTC),
            "language": "tr",
            "title": None,
        },
    ]
    corpus = write_parquet(tmp_path / "corpus.parquet", rows, row_group_size=2)
    ru, ar, tr = iter_articles([corpus])
    assert (ru.id, ru.outlet, ru.published, ru.language, ru.title, ru.url) == (
        "ru-1",
        "Каспий",
        "2024-03-05T07:00:00+00:00",
        "ru",
        "Терминал",
        "https://kaspiy.example/1",
    )
    assert (ar.id, ar.outlet, ar.format) == ("corpus.parquet#2", "Gulf Times", "html")
    assert "مليون دولار" in ar.text
    assert (tr.id, tr.outlet, tr.path) == ("corpus.parquet#3", "Körfez Haber", f"{corpus} row 3")


def test_parquet_reads_only_the_known_columns_and_rejects_empty_rows(tmp_path):
    rows = [
        {"text": text_article("es"), "embedding": [0.1] * 8, "source": "Diario del Sur"},
        {"text": "", "embedding": [0.2] * 8, "source": "Diario del Sur"},
    ]
    corpus = write_parquet(tmp_path / "extra.parquet", rows)
    es, empty = iter_articles([corpus])
    assert es.outlet == "Diario del Sur"
    assert empty == Rejected(
        f"{corpus} row 2", "record has no text (no 'text' or 'html' field, or it is empty)"
    )


def test_a_broken_row_group_is_rejected_and_the_others_are_read(tmp_path):
    langs = ["en", "de", "fr", "es", "tr", "ru"]
    rows = [{"id": f"row-{lang}", "text": text_article(lang)} for lang in langs]
    path = tmp_path / "damaged.parquet"
    write_parquet(path, rows, row_group_size=2, compression="snappy")
    metadata = pq.ParquetFile(path).metadata
    second_group = min(metadata.row_group(1).column(index).data_page_offset for index in range(2))
    data = bytearray(path.read_bytes())
    data[second_group + 20 : second_group + 60] = b"\xff" * 40
    path.write_bytes(bytes(data))
    items = list(iter_articles([str(path)]))
    assert [getattr(item, "id", None) for item in items] == ["row-en", "row-de", None, "row-tr", "row-ru"]
    broken = items[2]
    assert broken.source == f"{path} row group 2" and broken.reason.startswith("broken Parquet data")


@pytest.mark.parametrize("content", [b"", b"PAR1 this is not really parquet", b"plain text\n" * 50])
def test_unreadable_parquet_files_are_rejected(tmp_path, content):
    path = tmp_path / "bad.parquet"
    path.write_bytes(content)
    (item,) = iter_articles([str(path)])
    assert item.source == str(path) and item.reason.startswith("not a readable Parquet file")


def test_parquet_without_a_text_column(tmp_path):
    corpus = write_parquet(
        tmp_path / "meta.parquet", [{"url": "https://news.example/1", "title": "Only metadata"}]
    )
    assert list(iter_articles([corpus])) == [Rejected(corpus, "no 'text' or 'html' column")]


def test_an_oversized_line_is_rejected_without_losing_the_next(tmp_path, monkeypatch):
    from parallax.ingest import records

    monkeypatch.setattr(records, "DEFAULT_MAX_BYTES", 2000)
    monkeypatch.setattr(records, "_SKIP_CHUNK", 64)
    corpus = write_jsonl(
        tmp_path / "big.jsonl",
        [{"text": text_article("en") * 6}, {"text": text_article("kk"), "id": "kk-2"}],
    )
    too_large, kk = iter_articles([corpus])
    assert too_large == Rejected(f"{corpus} line 1", "record too large (more than 2000 bytes)")
    assert kk.id == "kk-2"

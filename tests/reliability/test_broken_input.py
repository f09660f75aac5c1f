"""Broken input loses as little as it can, and says what it did, naming the file.

A bad byte is replaced (with a warning naming the file and the count), invisible formatting
characters do not split numbers, one bad JSON line is one rejection, a cut WARC says the file
ended early, and a FIFO among good files is skipped with a rejection line.
"""

from __future__ import annotations

import io
import json
import os
import warnings

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax import api
from parallax.ingest import read_article
from parallax.ingest.run import Rejected
from parallax.ingest.sources import iter_articles
from parallax.model import Article, InputWarning

ARTICLES = {
    "ru": "Паводок в Актюбинской области\n\nСпасатели эвакуировали 1240 жителей из сёл у реки Илек, "
    "сообщили в министерстве по чрезвычайным ситуациям в пятницу. Вода затопила 312 домов.\n",
    "ar": "فيضانات في منطقة أكتوبي\n\nأجلت فرق الإنقاذ 1240 شخصا من القرى الواقعة على نهر إيليك، "
    "وفق ما أعلنته وزارة الطوارئ يوم الجمعة. وغمرت المياه 312 منزلا.\n",
    "zh": "阿克托别州发生洪水\n\n救援人员周五从伊列克河沿岸村庄疏散了1240名居民，紧急情况部表示，"
    "洪水淹没了312栋房屋。\n",
    "en": "Floods in the Aktobe region\n\nRescuers evacuated 1,240 residents from villages along the Ilek "
    "river on Friday, the emergency ministry said. The water flooded 312 homes.\n",
}


def with_bad_byte(text: str, byte: bytes) -> bytes:
    data = text.encode("utf-8")
    middle = data.index(b"\n\n") + 20
    while data[middle] & 0xC0 == 0x80:  # not inside a character
        middle += 1
    return data[:middle] + byte + data[middle:]


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize("byte", [b"\xff", b"\xc3", b"\x80\x80"])
def test_a_bad_byte_is_replaced_with_a_warning_naming_the_file_and_the_count(tmp_path, language, byte):
    path = tmp_path / f"flood-{language}.txt"
    path.write_bytes(with_bad_byte(ARTICLES[language], byte))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = read_article(path)
    [warning] = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert warning.startswith(f"{path}: ")
    if article.encoding != "utf-8":
        # ASCII with a stray byte is a legacy code page as much as broken UTF-8 (café in
        # windows-1252): read through the guess, and said to be one.
        assert language == "en" and article.text.startswith(ARTICLES["en"][:20])
        assert f"{len(byte)} non-ASCII byte" in warning and "(a guess)" in warning
        return
    assert article.text.count("\ufffd") == len(byte)
    assert article.text.replace("\ufffd", "") == ARTICLES[language]
    assert f"{len(byte)} undecodable byte" in warning


def test_a_legacy_code_page_is_still_read_whole(tmp_path):
    path = tmp_path / "flood-ru.txt"
    path.write_bytes(ARTICLES["ru"].encode("cp1251"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        article = read_article(path)
    assert article.encoding == "cp1251" and article.text == ARTICLES["ru"]


def test_the_cli_prints_the_warning_on_stderr(tmp_path, capsys):
    from parallax.cli import main

    path = tmp_path / "flood-ru.txt"
    path.write_bytes(with_bad_byte(ARTICLES["ru"], b"\xff"))
    assert main(["extract", str(path), "--json"]) == 0
    err = capsys.readouterr().err
    assert f"parallax: warning: {path}: 1 undecodable byte replaced" in err


@pytest.mark.parametrize("mark", ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"])
def test_invisible_characters_do_not_split_a_number(mark):
    text = f"Floods\n\nRescuers evacuated 1{mark}240 people from villages on Friday, the ministry said.\n"
    [document] = api.analyse_articles([("zw", text)], clean=False)
    [people] = [f for f in document.facts if f.kind == "quantity"]
    assert people.value == 1240 and people.unit == "person"
    assert people.text == text[people.start:people.end] == f"1{mark}240"


def test_direction_marks_around_a_number_keep_its_unit():
    text = "Floods\n\nRescuers evacuated \u200f1,240\u200e people from villages on Friday, the ministry said."
    [document] = api.analyse_articles([("bidi", text)], clean=False)
    [people] = [f for f in document.facts if f.kind == "quantity"]
    assert (people.value, people.unit) == (1240, "person")
    assert people.text == text[people.start:people.end]


def test_a_deeply_nested_json_line_is_one_rejection_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "corpus.jsonl"
    nested = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    lines = [
        json.dumps({"id": "a", "text": ARTICLES["en"]}),
        nested,
        json.dumps({"id": "b", "text": ARTICLES["ru"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert str(items[1]) == f"{path} line 2: broken JSON (nested too deeply)"


def page(text: str) -> bytes:
    title, body = text.split("\n\n", 1)
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}" \
           f"</article></body></html>".encode()


def warc_bytes() -> tuple[bytes, int]:
    """Two pages in a .warc.gz, and where the second record starts."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    second = 0
    for number, language in enumerate(("en", "ru")):
        second = buffer.tell()
        content_type = [("Content-Type", "text/html; charset=utf-8")]
        headers = StatusAndHeaders("200 OK", content_type, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://steppe.example/{number}", "response", payload=io.BytesIO(page(ARTICLES[language] * 30)),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue(), second


@pytest.mark.parametrize("kept", [0.05, 0.5, 0.99])
def test_a_cut_warc_gz_says_the_file_ended_early_and_stores_no_half_article(tmp_path, kept):
    whole, second = warc_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(whole[: second + int(kept * (len(whole) - second))])  # the second record cut
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], Article) and items[0].id == "https://steppe.example/0"
    assert isinstance(items[-1], Rejected)
    assert "the file ended early" in items[-1].reason
    assert all(ARTICLES["ru"].split("\n\n")[1].strip() in a.text for a in items[1:-1])


def test_a_fifo_beside_good_files_is_skipped_with_a_rejection(tmp_path):
    (tmp_path / "flood-en.txt").write_text(ARTICLES["en"], encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zz-flood-ru.txt").write_text(ARTICLES["ru"], encoding="utf-8")
    items = list(iter_articles([str(tmp_path)]))  # would wait for ever on the FIFO
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert str(items[1]) == f"{tmp_path / 'pipe.txt'}: skipped: a FIFO (named pipe), not a regular file"

"""Reading articles: encodings, HTML extraction, stdin, ids and every kind of bad input."""

from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path

import pytest

from parallax.ingest import DEFAULT_MAX_BYTES, article_ids, read_article
from parallax.model import InputError

PAGES = Path(__file__).parent / "pages"

KAZAKH = (
    "Жамбыл облысында жел электр станциясы іске қосылды\n"
    "Қордай ауданында қуаты 100 мегаватт болатын станция пайдалануға берілді. "
    "Жобаның жалпы құны 48 млрд теңгені құрады.\n"
)
RUSSIAN = (
    "Нацбанк сохранил базовую ставку\n"
    "Национальный банк Казахстана сохранил базовую ставку на уровне 15,25% годовых. "
    "Годовая инфляция в феврале замедлилась до 8,7%.\n"
)
UKRAINIAN = "Уряд ухвалив рішення про підтримку експорту зерна. Їхня зустріч відбулася в Києві.\n"
ARABIC = (
    "السعودية وكازاخستان توقعان اتفاقية للطاقة\n"
    "وقعت المملكة العربية السعودية وجمهورية كازاخستان اليوم اتفاقية لإنشاء محطة رياح بقدرة 1000 ميغاواط.\n"
)
CHINESE = "哈萨克斯坦央行维持基准利率不变\n哈萨克斯坦国家银行12日宣布，将基准利率维持在15.25%不变。\n"


RATES_CSV = "date,usd,eur\n" + "".join(f"2025-03-{day:02},47{day}.54,51{day}.30\n" for day in range(1, 29))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "encoding", "recorded"),
    [
        (KAZAKH, "utf-8", "utf-8"),
        (ARABIC, "utf-8", "utf-8"),
        (CHINESE, "utf-8", "utf-8"),
        (RUSSIAN, "utf-8-sig", "utf-8-sig"),
        (KAZAKH, "utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        (KAZAKH, "utf-32", "utf-32-le"),
        (RUSSIAN, "cp1251", "cp1251"),
        (UKRAINIAN, "cp1251", "cp1251"),
        (ARABIC, "cp1256", "cp1256"),
        (KAZAKH, "kz1048", "kz1048"),  # cp1251 has no ә ғ қ ң ө ұ ү һ: Kazakh sites used KZ-1048
        (CHINESE, "gb18030", "gb18030"),
    ],
)
def test_encodings_round_trip(tmp_path: Path, text: str, encoding: str, recorded: str) -> None:
    path = write(tmp_path, "article.txt", text.encode(encoding))
    article = read_article(path)
    assert article.text == text
    assert article.encoding == recorded
    assert article.format == "text"
    assert article.id == "article.txt"


@pytest.mark.parametrize("bom", ["\ufeff".encode("utf-16-le"), "\ufeff".encode("utf-16-be")])
def test_utf16_with_either_byte_order_mark(tmp_path: Path, bom: bytes) -> None:
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    article = read_article(write(tmp_path, "a.txt", bom + ARABIC.encode(codec)))
    assert article.text == ARABIC
    assert article.encoding == codec


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Визит в Париж завершился подписанием соглашений", "cp1251"),
        ("Токаев провел переговоры с Макроном", "cp1251"),
        ("ВИЗИТ ПРЕЗИДЕНТА ВО ФРАНЦИЮ", "cp1251"),
        ("زيارة رسمية إلى باريس وتوقيع اتفاقيات", "cp1256"),
        ("تعليق أكتب شيئا على الخبر الرئيسي", "cp1256"),
        ("Cumhurbaşkanı resmi ziyaret için Paris'e gitti", "cp1254"),
    ],
)
def test_short_legacy_encoded_lines_decode_right(text: str, encoding: str) -> None:
    # Short texts are where charset detection guesses wrong (a cp1256 headline reads as Hebrew
    # to charset-normalizer alone); the script coherence of each candidate settles it.
    article = read_article("short.txt", data=text.encode(encoding))
    assert article.text == text


def test_bytes_without_a_bom_in_utf16_are_recognised() -> None:
    article = read_article("a.txt", data=RUSSIAN.encode("utf-16-le"))
    assert article.text == RUSSIAN and article.encoding == "utf-16-le"


def test_newlines_are_normalised_and_the_bom_stripped_before_offsets_exist() -> None:
    data = "\ufeffЗаголовок статьи\r\nПервый абзац статьи о визите.\rВторой абзац о переговорах.\r\n".encode()
    article = read_article("a.txt", data=data)
    assert article.text == "Заголовок статьи\nПервый абзац статьи о визите.\nВторой абзац о переговорах.\n"


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    page = (PAGES / "ru-page.html").read_text(encoding="utf-8")
    path = write(tmp_path, "zavod.html", page.encode("cp1251"))  # declared in <meta http-equiv>
    article = read_article(path)
    assert article.format == "html"
    assert article.encoding == "cp1251"
    assert article.title == "В Караганде запустили завод по выпуску вагонов"
    assert article.published == "2025-03-12"
    assert article.outlet == "Степной вестник"
    assert article.url == "https://stepnoy-vestnik.kz/economy/2025/03/12/zavod-vagonov"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "В Караганде запустили завод по выпуску вагонов"
    assert paragraphs[1].startswith("В Караганде начал работу завод по выпуску грузовых вагонов")
    assert "мощностью 2 500 единиц в год" in paragraphs[1]
    assert len(paragraphs) == 4
    for junk in ("Главная", "USD 475,54", "Читайте также", "Все права защищены", "cookie", "Реклама"):
        assert junk not in article.text


@pytest.mark.parametrize(("declared", "actual"), [("windows-1251", "utf-8"), ("utf-8", "cp1251")])
def test_a_page_that_lies_about_its_charset_is_still_read_right(declared: str, actual: str) -> None:
    page = (PAGES / "ru-page.html").read_text(encoding="utf-8").replace("windows-1251", declared)
    article = read_article("page.html", data=page.encode(actual))
    assert article.encoding == actual
    assert article.title == "В Караганде запустили завод по выпуску вагонов"


def test_html_is_sniffed_whatever_the_extension() -> None:
    page = (PAGES / "ru-page.html").read_bytes()
    article = read_article("saved-page.txt", data=page)
    assert article.format == "html"
    assert article.title == "В Караганде запустили завод по выпуску вагонов"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARABIC.encode("cp1256"))))
    article = read_article("-")
    assert article.id == "-"
    assert article.text == ARABIC


def test_given_bytes_are_used_and_the_source_only_names_them() -> None:
    article = read_article("/no/such/dir/story.txt", data=KAZAKH.encode())
    assert article.id == "story.txt"
    assert article.text == KAZAKH
    assert read_article("x.txt", data=KAZAKH.encode(), article_id="custom").id == "custom"


def test_article_ids() -> None:
    sources = ["news/kk/visit.txt", "news/ru/visit.txt", "-", "visit.txt", "/tmp/a/page.html", "-"]
    assert article_ids(sources) == ["visit.txt", "visit.txt#2", "-", "visit.txt#3", "page.html", "-#2"]


def problem_of(path: Path | str, data: bytes | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_article(path, data=data)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), "the error names the file"
    assert "\n" not in message
    return caught.value.problem


def test_missing_file(tmp_path: Path) -> None:
    assert problem_of(tmp_path / "missing.txt") == "file not found"


def test_directory(tmp_path: Path) -> None:
    assert "directory" in problem_of(tmp_path)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\r\n\t ", "\ufeff".encode("utf-8-sig"), "\ufeff\n".encode("utf-16")]
)
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert problem_of(write(tmp_path, "empty.txt", data)) == "empty file"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "ZIP archive or office document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "executable"),
        (random.Random(1).randbytes(4096), "NUL bytes"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "control bytes"),
    ],
)
def test_binary_file(tmp_path: Path, data: bytes, kind: str) -> None:
    problem = problem_of(write(tmp_path, "blob.txt", data))
    assert problem.startswith("binary file") and kind in problem


def test_unknown_encoding(tmp_path: Path) -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    assert problem_of(write(tmp_path, "noise.txt", noise)) == "unknown or undecodable encoding"


def test_a_50_megabyte_file_fails_fast_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    problem = problem_of(path)
    assert time.perf_counter() - started < 1.0
    assert problem.startswith("file too large (50.0 MB")
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_the_size_limit_holds_for_stdin_and_given_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(KAZAKH.encode() * 100)))
    with pytest.raises(InputError, match=r"^<stdin>: file too large"):
        read_article("-", max_bytes=1000)
    with pytest.raises(InputError, match="file too large"):
        read_article("big.txt", data=b"a" * 2000, max_bytes=1000)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("rates.csv", RATES_CSV.encode(), "mostly numbers"),
        (
            "app.min.js",
            b'!function(e,t){"use strict";var n=function(e){return e&&e.__esModule?e:{default:e}};'
            b"t.exports=n;for(var r=0;r<e.length;r++){if(e[r]===t)return r}return-1}(window,{});" * 5,
            "code",
        ),
        ("short.txt", "Визит".encode(), "too little text"),
        ("list.txt", "Басты бет\nСаясат\nЭкономика\nСпорт\nБайланыс\n".encode(), "no sentence-like prose"),
        (
            "menu.html",
            '<html><head><title>Степной вестник</title></head><body><nav><ul><li><a href="/">Главная</a></li>'
            '<li><a href="/e">Экономика</a></li><li><a href="/p">Политика</a></li></ul></nav>'
            "<footer>© 2025 Степной вестник</footer></body></html>".encode(),
            "not an article",
        ),
    ],
)
def test_not_an_article(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    found = problem_of(write(tmp_path, name, data))
    assert found.startswith("not an article") and problem in found


def test_one_sentence_per_line_is_still_an_article() -> None:
    # extract --no-clean takes phrase-per-line input; it must not be refused here.
    text = "Сапар барысында 18,7 млрд долларға келісімдер жасалды.\n21 пайыз\nсегіз компания\n"
    assert read_article("phrases.txt", data=text.encode()).text == text


def test_a_page_with_a_stray_nul_byte_is_still_read(tmp_path: Path) -> None:
    # A CMS debug comment left a NUL in an otherwise ordinary page: the page is text.
    paragraph = "<p>Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine.</p>\n"
    page = (
        "<!DOCTYPE html><html><head><title>Budget voté</title></head><body>\n<!-- debug \x00 -->\n"
        "<article><h1>Budget voté</h1>\n" + paragraph * 60 + "</article></body></html>"
    ).encode()
    article = read_article(write(tmp_path, "page.html", page))
    assert "\x00" not in article.text and "budget de la ville" in article.text

"""A small mixed corpus with bad records in it, written by us: JSONL, a WARC with a damaged
member, a binary file posing as text, and an empty file."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

RAIL = {
    "id": "rail-ru",
    "title": "В Актау открыли новый паромный терминал",
    "published": "2025-05-20T09:00:00+05:00",
    "source": "Каспий Ньюс",
    "text": (
        "В Актау открыли новый паромный терминал\n"
        "USD 512.40\n"
        "Актау, 20 мая. В морском порту Актау 20 мая открыли новый паромный терминал стоимостью "
        "42 миллиона долларов. Терминал сможет принимать до 4 миллионов тонн грузов в год.\n"
        "Министр транспорта Казахстана сообщил, что первые паромы в Баку отправятся уже в июне. "
        "По его словам, терминал сократит время доставки грузов в Европу на пять дней.\n"
        "Читайте также: Курс доллара на сегодня"
    ),
}
RAIL_EN = {
    "id": "rail-en",
    "title": "Kazakhstan opens new ferry terminal in Aktau",
    "published": "2025-05-20T12:30:00+00:00",
    "source": "Caspian Wire",
    "text": (
        "Kazakhstan opens new ferry terminal in Aktau\n"
        "AKTAU, May 20 — Kazakhstan opened a new ferry terminal at the port of Aktau on May 20, built "
        "for 42 million dollars. The terminal can handle up to 4 million tonnes of cargo a year.\n"
        "The transport minister said the first ferries to Baku would sail in June, cutting delivery "
        "times to Europe by five days.\n"
        "Share this story"
    ),
}
GRAIN_DE = {
    "id": "grain-de",
    "title": "Rekordernte in Nordkasachstan",
    "published": "2025-09-02",
    "source": "Steppenbote",
    "text": (
        "Rekordernte in Nordkasachstan\n"
        "Astana, 2. September. Die Bauern im Norden Kasachstans haben in diesem Jahr 26,5 Millionen Tonnen "
        "Getreide geerntet, so viel wie nie zuvor. Das Landwirtschaftsministerium rechnet mit Exporten "
        "von 11 Millionen Tonnen, vor allem nach China und in den Iran.\n"
        "Kommentare (0)"
    ),
}


def page(title: str, body: str, site: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>© 2025</footer></body></html>"
    ).encode()


WARC_PAGES = [
    (
        "https://steppe.example/kk/grain",
        "Солтүстікте рекордтық өнім жиналды",
        "Астана, 2 қыркүйек. Солтүстік Қазақстан диқандары биыл 26,5 миллион тонна астық жинады. "
        "Ауыл шаруашылығы министрлігі 11 миллион тонна астық экспортталады деп күтеді.\n"
        "Негізгі сатып алушылар – Қытай мен Иран, деп хабарлады министрлік.",
        "Дала Ақпарат",
    ),
    (
        "https://steppe.example/ru/broken",
        "Повреждённая запись",
        "Эта запись будет испорчена в архиве и не должна остановить обработку остальных страниц. "
        "Текст достаточно длинный, чтобы быть статьёй, если бы архив был цел.",
        "Степь",
    ),
    (
        "https://steppe.example/tr/grain",
        "Kuzey Kazakistan'da rekor hasat",
        "Astana, 2 Eylül. Kuzey Kazakistan'daki çiftçiler bu yıl 26,5 milyon ton tahıl hasat etti. "
        "Tarım Bakanlığı 11 milyon ton ihracat bekliyor.\n"
        "Başlıca alıcılar Çin ve İran olacak.",
        "Bozkır Haber",
    ),
]


def write_warc(path: Path, *, damage_second: bool = True) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []
    for url, title, body, site in WARC_PAGES:
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page(title, body, site)), http_headers=headers
        )
        writer.write_record(record)
    data = bytearray(buffer.getvalue())
    if damage_second:
        hit = offsets[1] + 60
        data[hit : hit + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))


def write_corpus(folder: Path) -> Path:
    """The corpus folder: good articles, one duplicate, one repeated id, and bad records."""
    folder.mkdir(parents=True, exist_ok=True)
    duplicate = dict(RAIL, id="rail-ru-copy")  # same content under another id: a duplicate
    repeated = dict(GRAIN_DE, id="rail-en", text=GRAIN_DE["text"].replace("26,5", "26,6"))
    lines = [
        json.dumps(RAIL, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "empty", "title": "Nothing here", "text": "   "}),
        json.dumps(RAIL_EN, ensure_ascii=False),
        json.dumps(duplicate, ensure_ascii=False),
        json.dumps(GRAIN_DE, ensure_ascii=False),
        json.dumps(repeated, ensure_ascii=False),  # wants the id "rail-en" again: gets "rail-en#2"
    ]
    (folder / "a-wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(folder / "b-crawl.warc.gz")
    (folder / "c-scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 4)
    (folder / "d-empty.txt").write_bytes(b"")
    return folder

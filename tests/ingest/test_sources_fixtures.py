"""Shared material for the reader tests: articles we wrote, pages and feeds built from them,
and a real HTTP server on 127.0.0.1. (Named test_* to sit with the tests it serves; it has no
tests of its own.)"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Short news items written for these tests, in several languages and scripts.
ARTICLES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Port of Aktau expands grain terminal",
        "body": (
            "The port of Aktau on the Caspian Sea opened a second grain terminal on Tuesday, "
            "raising its annual handling capacity to 1.5 million tonnes.\n\n"
            "The port authority said the 42 million dollar project was finished two months ahead of "
            "schedule and that the first ship, bound for Baku, was loaded the same afternoon.\n\n"
            "Exporters have complained for years about queues of railway wagons waiting to unload "
            "at the old terminal during the harvest season."
        ),
    },
    "ru": {
        "title": "В Актау открыли второй зерновой терминал",
        "body": (
            "Во вторник в порту Актау на Каспийском море открылся второй зерновой терминал, "
            "что увеличит годовую мощность перевалки до 1,5 млн тонн.\n\n"
            "Как сообщили в администрации порта, проект стоимостью 42 млн долларов завершили на два "
            "месяца раньше срока, а первое судно на Баку загрузили в тот же день.\n\n"
            "Экспортёры годами жаловались на очереди вагонов у старого терминала во время уборки урожая."
        ),
    },
    "kk": {
        "title": "Ақтау портында екінші астық терминалы ашылды",
        "body": (
            "Сейсенбі күні Каспий теңізіндегі Ақтау портында екінші астық терминалы іске қосылды, "
            "бұл жылдық өткізу қуатын 1,5 млн тоннаға дейін арттырады.\n\n"
            "Порт әкімшілігінің хабарлауынша, құны 42 млн долларлық жоба мерзімінен екі ай бұрын "
            "аяқталды, ал Бакуге бет алған алғашқы кеме сол күні тиелді.\n\n"
            "Экспорттаушылар жиын-терін кезінде ескі терминал алдындағы вагон кезегіне көптен бері "
            "шағымданып келген."
        ),
    },
    "ar": {
        "title": "افتتاح محطة ثانية للحبوب في ميناء أكتاو",
        "body": (
            "افتتح ميناء أكتاو على بحر قزوين يوم الثلاثاء محطة ثانية للحبوب، ما يرفع طاقته السنوية "
            "إلى 1.5 مليون طن.\n\n"
            "وقالت إدارة الميناء إن المشروع الذي بلغت كلفته 42 مليون دولار أُنجز قبل موعده بشهرين، "
            "وإن أول سفينة متجهة إلى باكو حُمّلت في اليوم نفسه.\n\n"
            "واشتكى المصدّرون طويلاً من طوابير عربات القطارات أمام المحطة القديمة في موسم الحصاد."
        ),
    },
    "zh": {
        "title": "阿克套港第二座粮食码头投入使用",
        "body": (
            "里海沿岸的阿克套港周二启用第二座粮食码头，年吞吐能力将提高到150万吨。\n\n"
            "港务局表示，这一耗资4200万美元的项目比计划提前两个月完工，首艘驶往巴库的货船当天下午即完成装船。\n\n"
            "多年来，出口商一直抱怨收获季节旧码头前排起长长的铁路车皮队伍，卸货要等上好几天。"
        ),
    },
    "de": {
        "title": "Neues Getreideterminal im Hafen Aktau",
        "body": (
            "Im Hafen Aktau am Kaspischen Meer ist am Dienstag ein zweites Getreideterminal in Betrieb "
            "gegangen, das die jährliche Umschlagkapazität auf 1,5 Millionen Tonnen erhöht.\n\n"
            "Nach Angaben der Hafenverwaltung wurde das 42 Millionen Dollar teure Projekt zwei Monate "
            "früher als geplant fertig; das erste Schiff nach Baku wurde noch am selben Nachmittag beladen."
        ),
    },
    "fr": {
        "title": "Inondations dans le sud : trois villages évacués",
        "body": (
            "Trois villages de la vallée ont été évacués dans la nuit de samedi à dimanche après la crue "
            "soudaine de la rivière, a annoncé la préfecture.\n\n"
            "Environ 800 habitants ont été hébergés dans des gymnases et aucune victime n'est à déplorer, "
            "selon les services de secours, qui ont mobilisé 150 pompiers."
        ),
    },
    "es": {
        "title": "El Gobierno aprueba un plan de regadío para el sur",
        "body": (
            "El Consejo de Ministros aprobó este martes un plan de modernización del regadío dotado con "
            "2.300 millones de euros para los próximos cinco años.\n\n"
            "La ministra de Agricultura explicó que el programa reducirá el consumo de agua un 20 % en las "
            "comunidades más afectadas por la sequía."
        ),
    },
    "tr": {
        "title": "Körfez köprüsünde bakım çalışması başladı",
        "body": (
            "Körfez köprüsünde pazartesi gecesi başlayan bakım çalışmaları nedeniyle iki şerit üç hafta "
            "boyunca trafiğe kapalı olacak.\n\n"
            "Karayolları Genel Müdürlüğü, sürücülerin alternatif güzergâhları kullanmasını ve yola "
            "çıkmadan önce trafik durumunu kontrol etmesini istedi."
        ),
    },
}


def text_article(lang: str) -> str:
    item = ARTICLES[lang]
    return f"{item['title']}\n\n{item['body']}\n"


def page(
    lang: str,
    *,
    site: str | None = "Caspian Daily",
    published: str | None = "2024-03-05",
    url: str | None = None,
) -> str:
    """An HTML news page around one of the articles, with the metadata trafilatura reads."""
    item = ARTICLES[lang]
    meta = [f'<meta charset="utf-8"><title>{html.escape(item["title"])}</title>']
    if site:
        meta.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if url:
        meta.append(f'<link rel="canonical" href="{html.escape(url)}">')
    paragraphs = "".join(f"<p>{html.escape(part)}</p>" for part in item["body"].split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(meta)}</head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(item['title'])}</h1>{paragraphs}</article>"
        "<footer>Share on social media · Comments (0)</footer></body></html>"
    )


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each item may have title, link, guid, pubDate, description, content."""
    parts = []
    for item in items:
        fields = []
        for tag in ("title", "link", "guid", "pubDate", "description"):
            if tag in item:
                fields.append(f"<{tag}>{html.escape(item[tag])}</{tag}>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append(f"<item>{''.join(fields)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(title)}</title><link>https://news.example/</link>"
        f"<description>Regional news</description>{''.join(parts)}</channel></rss>"
    )


def atom(title: str, entries: list[dict[str, str]]) -> str:
    """An Atom feed; each entry may have id, title, link, updated, summary, content (HTML)."""
    parts = []
    for entry in entries:
        fields = []
        for tag in ("id", "title", "updated"):
            if tag in entry:
                fields.append(f"<{tag}>{html.escape(entry[tag])}</{tag}>")
        if "link" in entry:
            fields.append(f'<link rel="alternate" href="{html.escape(entry["link"])}"/>')
        if "summary" in entry:
            fields.append(f'<summary type="text">{html.escape(entry["summary"])}</summary>')
        if "content" in entry:
            fields.append(f'<content type="html">{html.escape(entry["content"])}</content>')
        parts.append(f"<entry>{''.join(fields)}</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:example:feed</id><updated>2024-03-05T12:00:00Z</updated>"
        f"{''.join(parts)}</feed>"
    )


def paragraphs_html(lang: str) -> str:
    return "".join(f"<p>{html.escape(part)}</p>" for part in ARTICLES[lang]["body"].split("\n\n"))


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    stall: float = 0.0  # seconds to wait before answering
    trickle: float = 0.0  # seconds between body chunks of 16 bytes
    declared_length: bool = True


@dataclass
class Server:
    base: str
    routes: dict[str, Route | Callable[[], Route]]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestNews/1.0"

    def do_GET(self) -> None:
        owner: Server = self.server.owner  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        owner.requests.append((path, {key.lower(): value for key, value in self.headers.items()}))
        route = owner.routes.get(path)
        if callable(route):
            route = route()
        if route is None:
            route = Route(body=b"<html><body><p>Not found</p></body></html>", status=404)
        if route.stall:
            time.sleep(route.stall)
        if self._unchanged(route):
            self.send_response(304)
            self._validators(route)
            self.end_headers()
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.declared_length:
            self.send_header("Content-Length", str(len(route.body)))
        self._validators(route)
        for key, value in route.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self._send_body(route)

    def _unchanged(self, route: Route) -> bool:
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return True
        return bool(route.last_modified) and self.headers.get("If-Modified-Since") == route.last_modified

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def _send_body(self, route: Route) -> None:
        try:
            if not route.trickle:
                self.wfile.write(route.body)
                return
            for start in range(0, len(route.body), 16):
                self.wfile.write(route.body[start : start + 16])
                self.wfile.flush()
                time.sleep(route.trickle)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the size cap and timeouts make it do

    def log_message(self, *_args: object) -> None:
        pass


@contextmanager
def serve(routes: dict[str, Route | Callable[[], Route]] | None = None) -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 (a free port) in a thread, for the duration of a test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    owner = Server(base=f"http://127.0.0.1:{httpd.server_address[1]}", routes=routes or {}, requests=[])
    httpd.owner = owner  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield owner
    finally:
        httpd.shutdown()
        httpd.server_close()

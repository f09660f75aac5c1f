"""The cleaner on scraped pages we wrote, junk included, in eight languages."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest

from parallax.clean import clean
from parallax.model import Article, Cleaning

PAGES = Path(__file__).parent / "pages"

# Every line the cleaner must drop, in order, with its reason.
REMOVED: dict[str, list[tuple[str, str]]] = {
    "kk-wind.txt": [
        ("ticker", "443.35"),
        ("ticker", "475.54"),
        ("ticker", "4.82"),
        ("hashtags", "#Жамбыл #энергетика #жел_электр_станциясы"),
        ("navigation", "Басты бет / Экономика / Энергетика"),
        ("credit", "Фото: Энергетика министрлігі"),
        ("credit", "Редактор: Әсел Нұрланқызы"),
        ("share", "Бөлісу: Facebook | Telegram | WhatsApp"),
        ("views", "Көрілім саны: 2 318"),
        ("comment", "Пікір қалдыру"),
        ("read-also", "Сондай-ақ оқыңыз"),
        ("read-also", "Түркістанда жаңа күн электр станциясы салынады"),
        ("read-also", "Алматыда электр тарифі 7 пайызға өседі"),
        ("read-also", "Серіктес жаңалықтары"),
        ("read-also", "Астанада 300 орындық жаңа мектеп ашылды"),
    ],
    "ar-wind.txt": [
        ("navigation", "الرئيسية » اقتصاد » طاقة"),
        ("hashtags", "#السعودية #كازاخستان #طاقة_الرياح"),
        ("read-also", "اقرأ أيضا"),
        ("read-also", "ارتفاع أسعار النفط بنسبة 2 بالمائة"),
        ("read-also", "البنك الدولي يتوقع نمو الاقتصاد الكازاخستاني 4.8 بالمائة"),
        ("views", "قراءة 1532"),
        ("share", "شارك"),
        ("comment", "تعليق"),
        ("comment", "أكتب شيئا~"),
        ("copyright", "جميع الحقوق محفوظة © 2025"),
    ],
    "ru-rate.txt": [
        (
            "cookie",
            "Мы используем файлы cookie, чтобы сайт работал лучше. "
            "Оставаясь с нами, вы соглашаетесь на использование файлов cookie.",
        ),
        ("cookie", "Принять"),
        ("navigation", "Главная » Экономика » Финансы"),
        ("credit", "Автор: Ирина Ковалёва"),
        ("share", "Поделиться"),
        ("share", "ВКонтакте Одноклассники Telegram"),
        ("read-also", "Читайте также:"),
        ("read-also", "Курс доллара на 12 марта: 475,54 тенге"),
        ("read-also", "Цены на бензин выросли на 3%"),
        ("comment", "Комментарии (4)"),
    ],
    "zh-rate.txt": [
        ("navigation", "首页 > 财经 > 正文"),
        ("credit", "来源：中亚财经网"),
        ("read-also", "相关新闻"),
        ("read-also", "哈萨克斯坦2月通胀率降至8.7%"),
        ("read-also", "坚戈兑美元汇率小幅上涨"),
        ("share", "分享到：微信 微博 QQ空间"),
        ("credit", "（责任编辑：李娜）"),
    ],
    "en-rate.txt": [
        ("navigation", "Home > World > Asia"),
        ("ad", "Advertisement"),
        (
            "cookie",
            "We use cookies to personalise content. "
            "By continuing to browse, you agree to our use of cookies.",
        ),
        ("cookie", "Accept"),
        ("share", "Share this article: Facebook | X | LinkedIn | Email"),
        ("read-also", "Read more:"),
        ("read-also", "Oil prices climb 2% on supply worries"),
        ("read-also", "Tenge firms against the dollar"),
        ("credit", "Reporting by John Carter; Editing by Anna Reed"),
        ("copyright", "© 2025 Steppe Wire. All rights reserved."),
    ],
    "de-hydrogen.txt": [
        ("navigation", "Startseite > Wirtschaft > Energie"),
        ("read-also", "Lesen Sie auch"),
        ("read-also", "Ölpreis steigt um 2 Prozent"),
        ("read-also", "Tokajew trifft Scholz in Berlin"),
        ("ad", "Anzeige"),
        ("share", "Artikel teilen"),
        ("comment", "Kommentare"),
        ("credit", "Foto: Michael Weber"),
    ],
    "fa-visit.txt": [
        ("navigation", "صفحه اصلی / سیاست"),
        ("tags", "برچسب‌ها: قزاقستان، ایران، دیپلماسی"),
        ("read-also", "اخبار مرتبط"),
        ("read-also", "رئیس‌جمهور قزاقستان به ترکیه سفر می‌کند"),
        ("views", "۱۲۳۴ بازدید"),
    ],
    "tr-rate.txt": [
        ("ticker", "Dolar 36,5120"),
        ("ticker", "Euro 39,8045"),
        ("navigation", "Ana Sayfa > Ekonomi"),
        ("timestamp", "Son Güncelleme: 12.03.2025 - 15:10"),
        ("tags", "Etiketler: Kazakistan, Merkez Bankası, faiz"),
        ("read-also", "İlgili Haberler"),
        ("read-also", "Petrol fiyatları yüzde 2 yükseldi"),
        ("comment", "Yorum Yap"),
        ("comment", "Bu habere 3 yorum yapıldı"),
    ],
}

# (title, dateline blocks in order, ISO date read from a dateline or None, number of body paragraphs)
HEADERS: dict[str, tuple[str, list[str], str | None, int]] = {
    "kk-wind.txt": (
        "Жамбыл облысында 100 мегаваттық жел электр станциясы іске қосылды",
        ["12.03.2025, 14:35", "Тараз. 12 наурыз. ҚазАқпарат –"],
        "2025-03-12",
        3,
    ),
    "ar-wind.txt": (
        "السعودية وكازاخستان توقعان اتفاقية لإنشاء محطة رياح بقيمة 1.5 مليار دولار",
        ["الرياض في 12 مارس /واس/"],
        None,  # the dateline has no year: no guessing
        3,
    ),
    "ru-rate.txt": (
        "Нацбанк Казахстана сохранил базовую ставку на уровне 15,25%",
        ["АЛМАТЫ, 12 марта — Новости Степи."],
        None,
        3,
    ),
    "zh-rate.txt": (
        "哈萨克斯坦央行维持基准利率不变",
        ["2025-03-12 16:20:05", "中亚财经网阿拉木图3月12日电（记者王磊）"],
        "2025-03-12",
        3,
    ),
    "en-rate.txt": (
        "Kazakhstan's central bank holds key rate at 15.25%",
        ["March 12, 2025 | 2:35 PM", "ALMATY, March 12 (Steppe Wire) –"],
        "2025-03-12",
        3,
    ),
    "de-hydrogen.txt": (
        "Kasachstan und Deutschland vereinbaren Wasserstoff-Partnerschaft",
        ["Berlin, 12. März 2025 (dpa) -"],
        "2025-03-12",
        2,
    ),
    "fa-visit.txt": (
        "وزیر امور خارجه قزاقستان با همتای ایرانی خود در تهران دیدار کرد",
        ["۲۲ اسفند ۱۴۰۳ - ۱۴:۳۵", "تهران - ایرنا -"],
        "2025-03-12",  # 22 Esfand 1403 in the Solar Hijri calendar
        2,
    ),
    "tr-rate.txt": (
        "Kazakistan Merkez Bankası politika faizini sabit tuttu",
        ["12.03.2025 - 14:35", "ALMATI (Bozkır Haber) -"],
        "2025-03-12",
        2,
    ),
}

# Prose that contains a junk word and must survive, whole, in a body block.
PROSE_WITH_JUNK_WORDS = {
    "kk-wind.txt": "Министр жаңа жобалардың тәжірибесімен бөлісу үшін өңірлерге арнайы топ жіберілетінін",
    "ar-wind.txt": "وامتنع المسؤولون عن التعليق على تفاصيل التمويل، مشيرين إلى أن بيانا مفصلا سيصدر لاحقا.",
    "ru-rate.txt": "«Комментировать решение мы будем после публикации протокола», — сказал аналитик.",
    "zh-rate.txt": "市场评论人士认为，坚戈贷款在全部贷款中的占比将继续上升。",
    "en-rate.txt": "share of tenge loans in total lending continued to rise.",
    "de-hydrogen.txt": "Kommentare aus der Industrie fielen überwiegend positiv aus.",
    "tr-rate.txt": "Yorum yapmaktan kaçınan yetkililer, bir sonraki kararın 14 Nisan'da açıklanacağını",
}


def cleaned(name: str) -> tuple[Article, Cleaning]:
    article = Article(id=name, text=(PAGES / name).read_text(encoding="utf-8"))
    return article, clean(article)


def kept(article: Article, cleaning: Cleaning, kind: str) -> list[str]:
    return [article.text[b.start : b.end] for b in cleaning.blocks if b.kind == kind]


@pytest.mark.parametrize("name", sorted(REMOVED))
def test_exactly_the_junk_lines_are_removed_with_their_reason(name: str) -> None:
    article, cleaning = cleaned(name)
    assert [(region.reason, region.text) for region in cleaning.removed] == REMOVED[name]
    for region in cleaning.removed:
        assert article.text[region.start : region.end] == region.text


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_title_dateline_and_publication_date_are_recognised(name: str) -> None:
    article, cleaning = cleaned(name)
    title, datelines, published, paragraphs = HEADERS[name]
    assert kept(article, cleaning, "title") == [title]
    assert cleaning.title == title
    assert kept(article, cleaning, "dateline") == datelines
    assert cleaning.dateline == datelines[0]
    assert cleaning.published == published
    assert len(kept(article, cleaning, "body")) == paragraphs


@pytest.mark.parametrize("name", sorted(REMOVED))
def test_every_line_is_kept_or_removed_once_and_spans_point_into_the_text(name: str) -> None:
    article, cleaning = cleaned(name)
    regions = sorted((region.start, region.end) for region in [*cleaning.blocks, *cleaning.removed])
    gaps = [(0, regions[0][0]), *((a[1], b[0]) for a, b in itertools.pairwise(regions))]
    gaps.append((regions[-1][1], len(article.text)))
    for start, end in gaps:
        assert start <= end, "kept and removed regions must not overlap"
        # Between regions only spacing and separators ("15.08.2025 - 20:05 | Son Güncelleme: ...").
        assert not any(ch.isalnum() for ch in article.text[start:end])
    for block in cleaning.blocks:
        text = article.text[block.start : block.end]
        assert text == text.strip() and text


@pytest.mark.parametrize("name", sorted(REMOVED))
def test_numbers_in_junk_never_reach_a_block(name: str) -> None:
    article, cleaning = cleaned(name)
    block_text = "\n".join(article.text[b.start : b.end] for b in cleaning.blocks)
    for region in cleaning.removed:
        for block in cleaning.blocks:
            assert region.end <= block.start or block.end <= region.start
        if any(ch.isdigit() for ch in region.text):
            assert region.text not in block_text
    for ticker in ("443.35", "475.54", "4.82", "475,54", "36,5120", "1532", "2 318"):
        assert ticker not in block_text


@pytest.mark.parametrize("name", sorted(PROSE_WITH_JUNK_WORDS))
def test_prose_containing_junk_words_survives(name: str) -> None:
    article, cleaning = cleaned(name)
    assert any(PROSE_WITH_JUNK_WORDS[name] in body for body in kept(article, cleaning, "body"))


def test_a_hard_wrapped_paragraph_stays_one_block() -> None:
    article, cleaning = cleaned("en-rate.txt")
    assert (
        "Annual inflation slowed to 8.7% in February, the bank said, adding that the\n"
        "share of tenge loans in total lending continued to rise."
    ) in kept(article, cleaning, "body")


def test_the_dateline_prefix_is_split_from_the_first_paragraph() -> None:
    article, cleaning = cleaned("kk-wind.txt")
    first_body = kept(article, cleaning, "body")[0]
    assert first_body.startswith("Жамбыл облысының Қордай ауданында")
    dateline = [b for b in cleaning.blocks if b.kind == "dateline"][-1]
    body = next(b for b in cleaning.blocks if b.kind == "body")
    assert article.text[dateline.start : dateline.end] == "Тараз. 12 наурыз. ҚазАқпарат –"
    assert article.text[dateline.end : body.start] == " "


def test_clean_is_a_pure_function_of_the_article() -> None:
    article, first = cleaned("ru-rate.txt")
    before = copy.deepcopy(article)
    assert clean(article) == first
    assert article == before


def test_the_read_also_list_stops_at_a_blank_line_followed_by_prose() -> None:
    text = (
        "Тоқаев Түркістанға барды\n"
        "Түркістан. 12 наурыз. ҚазАқпарат – Мемлекет басшысы облыстағы жаңа кәсіпорындармен танысты.\n"
        "Сондай-ақ оқыңыз: Шымкентте жаңа зауыт ашылды\n"
        "\n"
        "Сапар барысында Президент 12 жобаның тұсаукесеріне қатысты.\n"
        "Ол өңірдің экономикасы былтыр 6,1 пайызға өскенін атап өтті.\n"
    )
    article = Article(id="kk.txt", text=text)
    cleaning = clean(article)
    assert [(r.reason, r.text) for r in cleaning.removed] == [
        ("read-also", "Сондай-ақ оқыңыз: Шымкентте жаңа зауыт ашылды")
    ]
    assert kept(article, cleaning, "body")[-2:] == [
        "Сапар барысында Президент 12 жобаның тұсаукесеріне қатысты.",
        "Ол өңірдің экономикасы былтыр 6,1 пайызға өскенін атап өтті.",
    ]


def test_a_text_that_starts_with_prose_has_no_title() -> None:
    text = (
        "Президент Казахстана провел переговоры с премьер-министром Японии в Токио.\n"
        "Стороны подписали 12 документов.\n"
    )
    cleaning = clean(Article(id="a.txt", text=text))
    assert [b.kind for b in cleaning.blocks] == ["body", "body"]
    assert cleaning.title is None and cleaning.dateline is None


def test_html_main_text_keeps_the_page_title_as_title_block() -> None:
    text = (
        "Kazakhstan opens new wind farm\n\n"
        "A 100-megawatt wind farm opened in the Zhambyl region on Wednesday.\n\n"
        "Photo: Energy Ministry"
    )
    article = Article(id="a.html", text=text, format="html", title="Kazakhstan opens new wind farm")
    cleaning = clean(article)
    assert kept(article, cleaning, "title") == ["Kazakhstan opens new wind farm"]
    assert [(r.reason, r.text) for r in cleaning.removed] == [("credit", "Photo: Energy Ministry")]


def test_a_page_title_missing_from_the_main_text_is_not_invented() -> None:
    text = "A 100-megawatt wind farm opened in the Zhambyl region on Wednesday.\n\nIt has 25 turbines."
    article = Article(id="a.html", text=text, format="html", title="Wind farm opens")
    cleaning = clean(article)
    assert [b.kind for b in cleaning.blocks] == ["body", "body"]
    assert cleaning.title == "Wind farm opens"


# Pages scraped without line breaks: the notices sit inside the one line, between sentences.
GLUED_EN = (
    "Flood waters reach the old town of Marlow Registered users can read up to 3 reports. "
    "Enter your details below for immediate access. "
    "Rescue teams evacuated 240 residents from the old town of Marlow on Tuesday night. "
    "Read also: Storm warnings issued for the whole coast  "
    "The river rose by 1.8 metres in six hours, the county council said.Officials expect the water to fall "
    "by Friday. We use cookies to give you the best experience. By continuing you agree to our terms. "
    "You can change your settings at any time in our cookie policy."
)
GLUED_DE = (
    "Stromausfall legt Teile von Kassel lahm Bitte registrieren!Sie haben noch keinen Zugang zum Archiv?"
    "Registrieren Sie sich jetzt kostenlos, um fortzufahren. "
    "Rund 12 000 Haushalte in Kassel waren am Montag bis zu vier Stunden ohne Strom. "
    "Die Stadtwerke nannten einen Kabelbrand als Ursache."
)


def _kept(article: Article, cleaning: Cleaning) -> str:
    return " ".join(article.text[block.start : block.end] for block in cleaning.blocks)


def test_notices_inside_a_line_without_breaks_are_removed_sentence_by_sentence() -> None:
    article = Article(id="glued-en", text=GLUED_EN)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    for sentence in (
        "Rescue teams evacuated 240 residents from the old town of Marlow on Tuesday night.",
        "The river rose by 1.8 metres in six hours, the county council said.",
        "Officials expect the water to fall by Friday.",
    ):
        assert sentence in kept
    junk_words = ("Registered users", "Enter your details", "Storm warnings", "cookies", "you agree")
    for junk in junk_words:
        assert junk not in kept
    reasons = {region.reason for region in cleaning.removed}
    assert reasons == {"paywall", "read-also", "cookie"}
    # The headline glued before the notice stays; the notice goes from its first phrase on.
    assert kept.startswith("Flood waters reach the old town of Marlow")
    for region in cleaning.removed:
        assert article.text[region.start : region.end] == region.text


def test_a_registration_prompt_glued_without_spaces_goes_in_german_too() -> None:
    article = Article(id="glued-de", text=GLUED_DE)
    kept = _kept(article, clean(article))
    assert "Rund 12 000 Haushalte in Kassel waren am Montag bis zu vier Stunden ohne Strom." in kept
    assert "Die Stadtwerke nannten einen Kabelbrand als Ursache." in kept
    assert "Registrieren Sie sich" not in kept and "keinen Zugang" not in kept


def test_prose_lines_without_junk_sentences_stay_whole() -> None:
    text = (
        "The council said the new bridge over the Ouse will open in May. It cost 14 million pounds. "
        "Residents who registered on the council website can read the full report."
    )
    cleaning = clean(Article(id="prose", text=text))
    assert cleaning.removed == []
    assert [(block.start, block.end) for block in cleaning.blocks] == [(0, len(text))]


def test_a_credit_glued_to_the_prose_after_it_keeps_the_prose() -> None:
    text = (
        "Photo: Anna Reed Firefighters worked through the night to save the mill, which dates from 1821 "
        "and employed 300 people until it closed in 1968, the fire service said on Sunday morning. "
        "Copyright 2025 Valley Press."
    )
    article = Article(id="credit", text=text)
    kept = _kept(article, clean(article))
    assert "Firefighters worked through the night" in kept


def test_a_notice_phrase_inside_a_run_of_chinese_characters_is_cut_where_it_starts() -> None:
    # "关注我们" begins inside the run "上关注我们": the cut falls inside a word of the folded text.
    head = "北京地铁 19 号线周五开通，全长 22 公里，设 10 座车站，预计日均客流 30 万人次，票价 3 至 6 元。"
    text = head + " 请在 微信 和 微博 上关注我们"
    article = Article(id="zh-follow", text=text)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert head in kept
    assert "关注我们" not in kept
    assert [region.text for region in cleaning.removed] == ["关注我们"]
    for region in cleaning.removed:
        assert article.text[region.start : region.end] == region.text


# A police press release as news wires send it: the contact block of the press office closes it,
# each of its lines apart; the names in it are the office's, not the story's.
RELEASE_DE = (
    "Einbruch in Apotheke in Lindenau\n\n"
    "Unbekannte sind in der Nacht zum Dienstag in eine Apotheke in der Talstraße eingebrochen. "
    "Sie erbeuteten Bargeld und Medikamente im Wert von rund 3 000 Euro.\n\n"
    "Rückfragen bitte an:\n\n"
    "Polizeidirektion Lindenau\n\n"
    "Pressestelle\n\n"
    "Jonas Wellmann\n\n"
    "Telefon: 0341 555-1020\n\n"
    "www.polizei.lindenau.example\n\n"
    "Original-Content von: Polizeidirektion Lindenau, übermittelt durch news aktuell"
)


def test_the_contact_block_closing_a_press_release_goes_with_its_heading() -> None:
    article = Article(id="release-de", text=RELEASE_DE)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert "Sie erbeuteten Bargeld und Medikamente im Wert von rund 3 000 Euro." in kept
    for junk in ("Rückfragen", "Pressestelle", "Jonas Wellmann", "0341", "www.polizei", "Original-Content"):
        assert junk not in kept
    assert {region.reason for region in cleaning.removed} == {"contact"}


def test_a_contact_block_glued_to_the_end_of_a_sentence_is_cut_where_it_starts() -> None:
    text = (
        "Die Polizei sucht Zeugen, die in der Nacht zum Dienstag in der Talstraße in Lindenau verdächtige "
        "Personen gesehen haben und Hinweise zu einem dunklen Kombi geben können, der dort gegen drei Uhr "
        "mehrfach gesehen wurde Original-Content von: Polizeidirektion Lindenau, "
        "übermittelt durch news aktuell"
    )
    article = Article(id="tail-de", text=text)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert kept.endswith("mehrfach gesehen wurde")
    assert [region.reason for region in cleaning.removed] == ["contact"]


def test_a_contact_line_alone_under_a_short_prose_paragraph_does_not_take_the_prose() -> None:
    text = (
        "Der Stadtrat hat am Montag den Haushalt für 2026 beschlossen.\n\n"
        "Pressekontakt: Stadt Lindenau, Presseamt\n\n"
        "Die Sitzung dauerte mehr als sechs Stunden, und am Ende stimmten 31 von 48 Mitgliedern zu."
    )
    article = Article(id="contact-middle", text=text)
    kept = _kept(article, clean(article))
    assert "Der Stadtrat hat am Montag den Haushalt für 2026 beschlossen." in kept
    assert "am Ende stimmten 31 von 48 Mitgliedern zu." in kept
    assert "Pressekontakt" not in kept


# A newsletter sign-up widget scraped into the middle of a sentence: headline, widget and first
# sentence of the body run together without a full stop between them.
WIDGET_EN = (
    "Council approves new cycle lanes for Harbury high street Sign up to FREE daily email alerts from "
    "HarburyNews - Morning Briefing Subscribe Thank you for subscribing See our privacy notice Invalid Email "
    "Harbury councillors voted on Tuesday to build 4.2 kilometres of protected cycle lanes by 2027."
)


def test_a_sign_up_widget_inside_a_sentence_goes_and_the_text_around_it_stays() -> None:
    article = Article(id="widget-en", text=WIDGET_EN)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert kept.startswith("Council approves new cycle lanes for Harbury high street")
    assert "Harbury councillors voted on Tuesday to build 4.2 kilometres of protected cycle lanes" in kept
    for junk in ("Sign up", "email alerts", "Morning Briefing", "privacy notice", "Invalid Email"):
        assert junk not in kept
    assert [region.reason for region in cleaning.removed] == ["subscribe"]
    for region in cleaning.removed:
        assert article.text[region.start : region.end] == region.text


def test_one_notice_phrase_inside_a_long_sentence_of_prose_does_not_cut_it() -> None:
    text = (
        "Harbury residents can sign up for the new cycle scheme at the library, the council said on Tuesday, "
        "adding that 4.2 kilometres of protected lanes would be built on the high street by 2027 at a cost "
        "of 3.1 million pounds shared with the county."
    )
    cleaning = clean(Article(id="prose-sign-up", text=text))
    assert cleaning.removed == []


def test_a_page_of_a_headline_and_sign_in_buttons_keeps_only_its_headline() -> None:
    text = "Harbury votes for cycle lanes\n\nSign in\n\nSign up\n\nThis website uses cookies to improve it."
    article = Article(id="header-only", text=text)
    cleaning = clean(article)
    assert _kept(article, cleaning) == "Harbury votes for cycle lanes"
    assert [region.reason for region in cleaning.removed] == ["cookie", "cookie", "cookie"]


# The fields and options of a registration form, scraped into the text after a paywall notice.
FORM_EN = (
    "Harbury harbour reopens after storm repairs\n\n"
    "The harbour reopened on Monday after four months of repairs costing 2.3 million pounds.\n\n"
    "Email Address First Name Last Name Company Job Title Telephone Town Country Select From Below "
    "Albania Andorra Armenia Austria Belgium Bulgaria Croatia Cyprus Denmark Estonia Finland France "
    "Georgia Germany Greece Hungary Iceland Ireland Italy Latvia Lithuania Malta Norway"
)


def test_the_field_list_of_a_form_goes_and_the_article_stays() -> None:
    article = Article(id="form-en", text=FORM_EN)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert "The harbour reopened on Monday after four months of repairs costing 2.3 million pounds." in kept
    assert "Albania" not in kept and "First Name" not in kept
    assert [region.reason for region in cleaning.removed] == ["form"]


def test_a_long_headline_in_title_case_is_not_a_form() -> None:
    text = (
        "Harbury Harbour Finally Reopens To Fishing Boats And Ferries After Four Long Months Of Storm "
        "Repairs That Cost The Town More Than Two Million Pounds\n\n"
        "The harbour reopened on Monday after four months of repairs."
    )
    cleaning = clean(Article(id="title-case", text=text))
    assert cleaning.removed == []


# A consent banner as a translated page renders it, glued between the headline and the body.
CONSENT_DE = (
    "Stadtwerke Lindenau senken den Strompreis Um die Funktion unserer Website zu verbessern und Ihnen "
    "passende Werbung anzuzeigen, sammeln wir technische anonymisierte Informationen über Sie, "
    "einschließlich der Instrumente unserer Partner. Details finden Sie in der Datenschutzerklärung. "
    "Indem Sie auf "
    "„Akzeptieren und schließen“ klicken, stimmen Sie ausdrücklich der Verarbeitung Ihrer persönlichen Daten "
    "zu. Ihre Zustimmung können Sie jederzeit widerrufen, wie in der Datenschutzrichtlinie beschrieben. "
    "Die Stadtwerke Lindenau senken den Strompreis zum 1. Juli um 2,4 Cent je Kilowattstunde. "
    "Ein Haushalt mit einem Verbrauch von 3 000 Kilowattstunden im Jahr spart damit rund 72 Euro. "
    "Grund seien gesunkene Einkaufspreise an der Strombörse, teilte das Unternehmen am Montag mit."
)


def test_a_translated_consent_banner_goes_whole() -> None:
    article = Article(id="consent-de", text=CONSENT_DE)
    cleaning = clean(article)
    kept = _kept(article, cleaning)
    assert "Die Stadtwerke Lindenau senken den Strompreis zum 1. Juli um 2,4 Cent je Kilowattstunde." in kept
    for junk in ("Website", "Datenschutz", "Akzeptieren", "Zustimmung", "widerrufen"):
        assert junk not in kept


def test_a_button_glued_before_a_sentence_of_prose_does_not_take_the_sentence() -> None:
    text = (
        "The harbour reopened on Monday after four months of repairs. View offer The ferry to the island "
        "will run twice a day from 1 June, the operator said."
    )
    article = Article(id="button-prose", text=text)
    kept = _kept(article, clean(article))
    assert "The ferry to the island will run twice a day from 1 June, the operator said." in kept

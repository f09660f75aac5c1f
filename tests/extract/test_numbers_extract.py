"""Quantities and percents across languages: the same fact reads the same in every language.

The per-language (text, expected) tables live in tests/lang/<code>/numbers.toml; this module
checks what holds across them: equivalence, percents against percentage points, spans,
counted nouns, the language-neutral reading, and that junk text never breaks the extractor.
"""

from __future__ import annotations

import itertools
import math
import random

import pytest

from parallax import lang
from parallax.extract.numbers import extract_numbers, find_nouns

SAME_USD_AMOUNT = [
    ("kk", "Сапар барысында 18,7 млрд долларға келісім жасалды."),
    ("ky", "Сапардын жүрүшүндө 18,7 млрд долларлык келишим түзүлдү."),
    ("uz", "Tashrif davomida 18,7 mlrd dollarlik bitim tuzildi."),
    ("ru", "В ходе визита подписаны соглашения на 18,7 млрд долларов."),
    ("uk", "Під час візиту підписано угоди на 18,7 млрд доларів."),
    ("ar", "وقع الجانبان اتفاقيات بقيمة 18.7 مليار دولار."),
    ("fa", "دو طرف قراردادهایی به ارزش ۱۸٫۷ میلیارد دلار امضا کردند."),
    ("zh", "双方签署了总额187亿美元的协议。"),
    ("de", "Beide Seiten unterzeichneten Abkommen über 18,7 Milliarden Dollar."),
    ("fr", "Les deux pays ont signé des accords de 18,7 milliards de dollars."),
    ("es", "Ambos países firmaron acuerdos por 18.700 millones de dólares."),
    ("tr", "İki ülke 18,7 milyar dolarlık anlaşma imzaladı."),
    ("en", "The two countries signed deals worth $18.7 billion."),
    ("pl", "Oba kraje podpisały umowy o wartości 18,7 mld dolarów."),
]

SAME_COMPANIES = [
    ("kk", "Форумға 170 француз компаниясы қатысты."),
    ("ru", "В форуме участвуют 170 французских компаний."),
    ("ar", "شاركت 170 شركة فرنسية في المنتدى."),
    ("zh", "170家法国企业参加了论坛。"),
    ("de", "Am Forum nehmen 170 französische Unternehmen teil."),
    ("fr", "170 entreprises françaises participent au forum."),
    ("es", "En el foro participan 170 empresas francesas."),
    ("tr", "Foruma 170 Fransız şirketi katıldı."),
    ("en", "170 French companies attend the forum."),
    ("fa", "۱۷۰ شرکت فرانسوی در این نشست شرکت کردند."),
    ("uz", "Forumda 170 ta fransuz kompaniyasi qatnashdi."),
    ("ky", "Форумга 170 француз компаниясы катышты."),
    ("uk", "У форумі беруть участь 170 французьких компаній."),
    ("pl", "W forum uczestniczy 170 francuskich firm."),
]

PERCENT_AND_POINTS = [
    ("en", "Inflation rose 0.5 percentage points to 7.5%."),
    ("ru", "Инфляция выросла на 0,5 п.п., до 7,5%."),
    ("kk", "Инфляция 0,5 пайыздық тармаққа өсіп, 7,5 пайызға жетті."),
    ("de", "Die Inflation stieg um 0,5 Prozentpunkte auf 7,5 Prozent."),
    ("zh", "通胀上升0.5个百分点至7.5%。"),
    ("es", "La inflación subió 0,5 puntos porcentuales hasta el 7,5 %."),
    ("fr", "L'inflation a augmenté de 0,5 point de pourcentage à 7,5 %."),
    ("ar", "ارتفع التضخم 0.5 نقطة مئوية إلى 7.5 في المائة."),
    ("tr", "Enflasyon yüzde 0,5 puan artarak yüzde 7,5'e çıktı."),
    ("fa", "تورم ۰٫۵ واحد درصد افزایش یافت و به ۷٫۵ درصد رسید."),
    ("pl", "Inflacja wzrosła o 0,5 punktu procentowego do 7,5 proc."),
]


def _only(text: str, language: str | None):
    found = extract_numbers(text, language)
    assert len(found) == 1, [(m.text, m.value, m.unit) for m in found]
    return found[0]


@pytest.mark.parametrize(("code", "text"), SAME_USD_AMOUNT, ids=[c for c, _ in SAME_USD_AMOUNT])
def test_the_same_amount_in_every_language(code: str, text: str) -> None:
    amounts = [m for m in extract_numbers(text, code) if m.unit == "USD"]
    assert len(amounts) == 1, [(m.text, m.value, m.unit) for m in extract_numbers(text, code)]
    amount = amounts[0]
    assert amount.kind == "quantity"
    assert math.isclose(amount.value, 1.87e10, rel_tol=1e-12)
    assert amount.attrs.currency == "USD"
    assert amount.attrs.scale in (6, 8, 9)  # 187亿 is 187 x 10^8, 18.700 millones 18700 x 10^6


def test_every_language_is_in_the_equivalence_set() -> None:
    assert {code for code, _ in SAME_USD_AMOUNT} == set(lang.languages())


@pytest.mark.parametrize(("code", "text"), SAME_COMPANIES, ids=[c for c, _ in SAME_COMPANIES])
def test_the_same_counted_thing_in_every_language(code: str, text: str) -> None:
    mention = _only(text, code)
    assert (mention.value, mention.unit, mention.attrs.lemma) == (170, "company", "company")
    noun_start, noun_end = mention.attrs.noun_span
    assert text[noun_start:noun_end].lower() == mention.attrs.noun


@pytest.mark.parametrize(("code", "text"), PERCENT_AND_POINTS, ids=[c for c, _ in PERCENT_AND_POINTS])
def test_percentage_points_are_not_percents(code: str, text: str) -> None:
    found = extract_numbers(text, code)
    assert [(m.kind, m.value, m.unit) for m in found] == [("percent", 0.5, "pp"), ("percent", 7.5, "%")]


def test_a_percent_is_never_also_a_quantity() -> None:
    text = "Рост составил 21%, а доля выросла до 18 процентов и 3 п.п."
    found = extract_numbers(text, "ru")
    assert [m.kind for m in found] == ["percent", "percent", "percent"]


@pytest.mark.parametrize("code", lang.languages())
def test_spans_point_into_the_text(code: str) -> None:
    text = " ".join(t for c, t in (*SAME_USD_AMOUNT, *SAME_COMPANIES, *PERCENT_AND_POINTS) if c == code)
    found = extract_numbers(text, code)
    assert found
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_attrs_carry_number_scale_and_flags() -> None:
    mention = _only("Ущерб оценивается примерно в -5–7 млрд рублей.", "ru")
    assert mention.attrs.number == -5
    assert mention.attrs.scale == 9
    assert mention.attrs.currency == "RUB"
    assert mention.attrs.negative is True
    assert mention.attrs.range == [-5e9, -7e9]
    assert mention.value == -5e9


def test_qualifier_outside_the_number_is_recorded() -> None:
    mention = _only("Ерітінді 200 адамнан астам қатысушыға жеткізілді.", "kk")
    assert (mention.value, mention.unit, mention.qualifier) == (200, "person", "more_than")


def test_digits_of_every_script() -> None:
    for digits in ("18.7", "١٨٫٧", "۱۸٫۷", "１８.７"):
        assert _only(f"{digits} billion dollars", "en").value == pytest.approx(1.87e10)


def test_without_a_language_only_neutral_forms_are_read() -> None:
    text = "Инвестиции: $18.7 млрд, рост 21%, 1\u00a0200\u00a0000 €, 250 компаний, в 2024 году, 3 200."
    found = extract_numbers(text, None)
    assert [(m.text, m.value, m.unit) for m in found] == [
        ("$18.7", 18.7, "USD"),
        ("21%", 21.0, "%"),
        ("1\u00a0200\u00a0000 €", 1200000.0, "EUR"),
        ("250", 250.0, None),
        ("3", 3.0, None),  # a plain space groups digits only where the language says so
        ("200", 200.0, None),
    ]


def test_an_unknown_language_reads_like_no_language() -> None:
    assert extract_numbers("21% and $5", "xx") == extract_numbers("21% and $5", None)


def test_ticker_lines_give_bare_numbers_without_units() -> None:
    text = "443.35\n475.54\n4.82\nТоқаев Парижге сапармен барды"
    found = extract_numbers(text, "kk")
    assert [(m.value, m.unit) for m in found] == [(443.35, None), (475.54, None), (4.82, None)]


def test_find_nouns_reports_known_nouns_as_lemmas() -> None:
    text = "Agreements worth 5.2 billion euros were signed by 250 companies and 12 banks."
    nouns = find_nouns(text, "en")
    assert [lemma for _, _, lemma in nouns] == ["agreement", "company", "bank"]
    for start, end, _ in nouns:
        assert text[start:end] in ("Agreements", "companies", "banks")


def test_find_nouns_in_an_agglutinative_language() -> None:
    nouns = find_nouns("Келісімдер бойынша компанияларға 5 млрд доллар бөлінді.", "kk")
    assert [lemma for _, _, lemma in nouns] == ["agreement", "company"]


def test_find_nouns_without_a_language_finds_nothing() -> None:
    assert find_nouns("250 companies", None) == []


@pytest.mark.parametrize("code", [*lang.languages(), None])
def test_junk_never_breaks_the_extractor(code: str | None) -> None:
    alphabet = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲.,:/-–%$€₸ \n\u00a0\u202fabcмлрдтыс亿万百分之点مليارفي المائة'’"
    rng = random.Random(20240305)
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for mention in extract_numbers(text, code):
            assert text[mention.start : mention.end] == mention.text
            assert math.isfinite(mention.value)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ru", "Несколько тысяч человек вышли на улицы, десятки тысяч домов остались без света."),
        ("en", "Dozens of people and tens of thousands of homes were affected."),
        ("zh", "遭遇数十年来最严重的洪灾，几百人受灾，零部件供应稳定，上半年增长。"),
        ("en", "One of them spoke of zero tolerance."),
    ],
)
def test_vague_counts_and_lone_zero_or_one_are_not_amounts(code: str, text: str) -> None:
    assert [m.text for m in extract_numbers(text, code)] == []


def test_a_region_tagged_language_reads_as_its_language() -> None:
    assert extract_numbers("18,7 млрд долларға", "kk-KZ")[0].unit == "USD"


def test_month_and_year_with_a_dot_is_not_a_decimal() -> None:
    assert extract_numbers("Отчёт за 03.2024 опубликован.", "ru") == []


def test_a_hyphenated_compound_is_not_a_count_of_its_noun() -> None:
    assert extract_numbers("Построен 5-этажный дом.", "ru") == []
    (mention,) = extract_numbers("A 10-member delegation arrived.", "en")
    assert (mention.value, mention.unit) == (10, "member")


def test_an_age_compound_counts_years_in_every_language() -> None:
    """"the 61-year-old", "die 61-jährige", "61-летний", "61 ans", "61 岁" are one unit."""
    for text, language in (
        ("The 61-year-old minister resigned.", "en"),
        ("Die 61-jährige Ministerin trat zurück.", "de"),
        ("61-летний министр ушёл в отставку.", "ru"),
        ("La ministre, 61 ans, a démissionné.", "fr"),
        ("这位 61 岁的部长辞职了。", "zh"),
    ):
        (mention,) = extract_numbers(text, language)
        assert (mention.text, mention.value, mention.unit) == ("61", 61, "year"), text


def test_a_short_noun_takes_endings_inside_a_longer_noun_only() -> None:
    (mention,) = extract_numbers("Ведомство мәліметінше, 312 тұрғын үйді су басқан.", "kk")
    assert (mention.value, mention.unit) == (312, "home")
    assert [lemma for *_, lemma in find_nouns("Олар айту керек деді.", "kk")] == []


SAME_RANGE = [
    ("ru", "Ущерб оценивается от 5 до 7 млрд долларов."),
    ("uk", "Збитки оцінюються від 5 до 7 млрд доларів."),
    ("en", "Damage is estimated at between 5 and 7 billion dollars."),
    ("de", "Der Schaden wird auf 5 bis 7 Milliarden Dollar geschätzt."),
    ("fr", "Les dégâts sont estimés de 5 à 7 milliards de dollars."),
    ("es", "Los daños se estiman entre 5.000 y 7.000 millones de dólares."),
    ("tr", "Hasarın 5 ile 7 milyar dolar arasında olduğu tahmin ediliyor."),
    ("zh", "损失估计从50亿到70亿美元。"),
    ("ar", "تقدر الأضرار بما بين 5 و7 مليارات دولار."),
    ("fa", "خسارت بین ۵ تا ۷ میلیارد دلار برآورد می‌شود."),
    ("kk", "Шығын 5 – 7 млрд доллар деп бағаланды."),
    ("pl", "Straty szacuje się na od 5 do 7 mld dolarów."),
]

SAME_EQUIPMENT = [
    ("kk", "Аймаққа 450 бірлік техника жіберілді."),
    ("ky", "Аймакка 450 бирдик техника жөнөтүлдү."),
    ("uz", "Hududga 450 birlik texnika jalb qilindi."),
    ("ru", "В район направлено 450 единиц техники."),
    ("uk", "До району направлено 450 одиниць техніки."),
    ("zh", "共调派４５０台设备。"),
    ("en", "The ministry sent 450 units of equipment."),
    ("de", "Im Einsatz sind 450 Einheiten Technik."),
    ("fr", "Quelque 450 engins ont été dépêchés."),
    ("es", "Se desplegaron 450 unidades de maquinaria."),
    ("tr", "Bölgeye 450 adet iş makinesi sevk edildi."),
    ("ar", "دفعت السلطات بـ 450 من المعدات إلى المنطقة."),
    ("fa", "۴۵۰ دستگاه تجهیزات به منطقه ارسال شد."),
    ("pl", "W rejon skierowano 450 jednostek sprzętu."),
]

SAME_PARTITIVE = [
    ("ar", "وقال إن 2100 من عناصر الإنقاذ يشاركون في العمليات."),
    ("en", "He said 2,100 of the rescuers were taking part."),
    ("fr", "Il a précisé que 2 100 des sauveteurs participaient aux opérations."),
    ("es", "Dijo que 2.100 de los rescatistas participan en las operaciones."),
    ("de", "Er sagte, 2.100 von den Rettern seien im Einsatz."),
    ("ru", "По его словам, 2100 из числа спасателей участвуют в работах."),
    ("pl", "Powiedział, że w akcji bierze udział 2100 spośród ratowników."),
]

# What a figure measures: a trade turnover, and inflation, in every language.
TRADE_AND_INFLATION = [
    ("kk", "Тауар айналымы 4,6 млрд долларға жетті, ал инфляция төмендеді."),
    ("ky", "Соода жүгүртүү 4,6 млрд долларга жетти, инфляция төмөндөдү."),
    ("uz", "Tovar aylanmasi 4,6 mlrd dollarga yetdi, inflyatsiya pasaydi."),
    ("ru", "Товарооборот достиг 4,6 млрд долларов, а инфляция замедлилась."),
    ("uk", "Товарообіг сягнув 4,6 млрд доларів, а інфляція сповільнилася."),
    ("ar", "بلغ حجم التبادل التجاري 4.6 مليار دولار وتراجع التضخم."),
    ("fa", "حجم تجارت به ۴٫۶ میلیارد دلار رسید و تورم کاهش یافت."),
    ("zh", "双边贸易额达到46亿美元，通胀有所回落。"),
    ("de", "Der Handelsumsatz erreichte 4,6 Milliarden Dollar, die Inflation sank."),
    ("fr", "Les échanges commerciaux ont atteint 4,6 milliards de dollars et l'inflation a reculé."),
    ("es", "El comercio bilateral alcanzó 4.600 millones de dólares y la inflación bajó."),
    ("tr", "Ticaret hacmi 4,6 milyar dolara ulaştı, enflasyon geriledi."),
    ("en", "Trade turnover reached 4.6 billion dollars while inflation eased."),
    ("pl", "Obroty handlowe osiągnęły 4,6 mld dolarów, a inflacja spadła."),
]


@pytest.mark.parametrize(("code", "text"), SAME_RANGE, ids=[c for c, _ in SAME_RANGE])
def test_a_range_in_words_is_one_quantity_in_every_language(code: str, text: str) -> None:
    mention = _only(text, code)
    assert (mention.value, mention.unit) == (5e9, "USD")
    assert mention.attrs.range == [5e9, 7e9]


@pytest.mark.parametrize(("code", "text"), SAME_EQUIPMENT, ids=[c for c, _ in SAME_EQUIPMENT])
def test_units_of_equipment_count_equipment_in_every_language(code: str, text: str) -> None:
    mention = _only(text, code)
    assert (mention.value, mention.unit) == (450, "equipment")


@pytest.mark.parametrize(("code", "text"), SAME_PARTITIVE, ids=[c for c, _ in SAME_PARTITIVE])
def test_a_partitive_leads_to_the_counted_noun(code: str, text: str) -> None:
    mention = _only(text, code)
    assert (mention.value, mention.unit) == (2100, "rescuer")


@pytest.mark.parametrize(("code", "text"), TRADE_AND_INFLATION, ids=[c for c, _ in TRADE_AND_INFLATION])
def test_find_nouns_reports_what_figures_measure(code: str, text: str) -> None:
    lemmas = [lemma for *_, lemma in find_nouns(text, code)]
    assert "trade" in lemmas and "inflation" in lemmas, lemmas
    # A measure noun is context, not the unit of a currency amount.
    assert [m.unit for m in extract_numbers(text, code)] == ["USD"]


def test_every_language_is_in_the_measure_set() -> None:
    assert {code for code, _ in TRADE_AND_INFLATION} == set(lang.languages())


def test_measure_nouns_tell_figures_apart_but_never_replace_a_percent() -> None:
    text = "Kazakhstan's share rose to 3.4%, and GDP growth reached 12.4% in 2024."
    assert [(m.value, m.unit) for m in extract_numbers(text, "en")] == [(3.4, "%"), (12.4, "%")]
    assert [lemma for *_, lemma in find_nouns(text, "en")] == ["share", "gdp", "growth"]


def test_a_measure_noun_counts_only_without_a_counted_noun() -> None:
    found = extract_numbers("The bank issued 300 loans and signed 3 investment agreements.", "en")
    assert [(m.value, m.unit) for m in found] == [(300, "loan"), (3, "agreement")]
    assert found[0].attrs.lemma == "loan"


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "Parliament approved the 2025 budget."),
        ("de", "Der Bundestag beschloss den Haushaltsplan 2025 und das Budget 2026."),
        ("ru", "Депутаты приняли бюджет на 2025 год, 2025 бюджет утверждён."),
        ("ar", "وفي 2024 من المتوقع أن ينمو الاقتصاد."),
    ],
)
def test_a_year_by_a_measure_noun_or_a_bare_partitive_stays_a_year(code: str, text: str) -> None:
    assert extract_numbers(text, code) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Verträge über 18,7 Mrd. Dollar wurden unterzeichnet.", (1.87e10, "USD", None)),
        ("Die Rechnung über 1.200 Euro ist bezahlt.", (1200, "EUR", None)),
        ("Abkommen über 5,2 Milliarden Euro.", (5.2e9, "EUR", None)),
        ("Am Forum nahmen über 170 Firmen teil.", (170, "company", "more_than")),
        ("Der Umsatz stieg auf über 4 Milliarden Euro.", (4e9, "EUR", "more_than")),
    ],
)
def test_german_ueber_is_worth_after_a_contract_and_more_than_elsewhere(text: str, expected: tuple) -> None:
    mention = _only(text, "de")
    assert (mention.value, mention.unit, mention.qualifier) == expected
    assert not mention.text.startswith("über") or expected[2] == "more_than"


def test_a_counted_noun_before_its_number_word() -> None:
    text = "شارك قادة الدول الخمس، ووقعت الاتفاقيات الثماني خلال السنوات العشر الماضية."
    found = extract_numbers(text, "ar")
    assert [(m.value, m.unit) for m in found] == [(5, "country"), (8, "agreement"), (10, "year")]
    start, end = found[0].attrs.noun_span
    assert text[start:end] == "الدول"


def test_an_opener_without_a_range_leaves_the_numbers_alone() -> None:
    found = extract_numbers("Инфляция замедлилась от 8% в январе до 6% в мае, от 2 человек.", "ru")
    expected = [(8, "%", None), (6, "%", "target"), (2, "person", None)]  # slowed to 6 %: reached
    assert [(m.value, m.unit, m.qualifier) for m in found] == expected


def test_a_range_needs_its_closer_and_a_rising_pair() -> None:
    found = extract_numbers("Bakan ile 5 kişi görüştü, 7 ile 5 arasında.", "tr")
    assert [m.value for m in found] == [5, 7, 5]
    assert [m.attrs.range for m in extract_numbers("Score 3 – 2 at half time.", "en")] == [None, None]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Өткен жылы 1 апатты үйді босатты.", "kk", []),  # "бір апатты үй" is no figure either
        ("Бұл 1-і ғана.", "kk", []),
        ("One person was hurt and 1 car burnt.", "en", []),
        ("Ставка выросла на 1%.", "ru", [(1.0, "%")]),  # with a unit, one is a figure
        ("Bağış 1 milyon lirayı buldu.", "tr", [(1e6, "TRY")]),
    ],
)
def test_a_bare_digit_one_is_no_figure_like_the_word_one(text: str, code: str, expected: list) -> None:
    assert [(m.value, m.unit) for m in extract_numbers(text, code)] == expected

"""extract_dates beyond the per-language tables: the API contract, numeric formats, calendars,
intervals and the rules for resolving what the text leaves open."""

from __future__ import annotations

import inspect
import itertools
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from parallax import lang
from parallax.extract import dates as dates_module
from parallax.extract.dates import extract_dates
from parallax.lang.dates.calendars import to_gregorian
from parallax.lang.dates.lexicon import lexicon

PUBLISHED = date(2025, 3, 20)  # a Thursday


def values(text: str, language: str | None, published: date | None = PUBLISHED) -> list:
    return [mention.value for mention in extract_dates(text, language, published)]


# --- the contract -------------------------------------------------------------------------


def test_signature_is_the_documented_one() -> None:
    parameters = list(inspect.signature(extract_dates).parameters)
    assert parameters == ["text", "language", "published", "context"]


def test_a_mention_carries_its_span_value_and_attributes() -> None:
    text = "Президент 12 наурыз 2025 жылы Астанаға келді."
    [mention] = extract_dates(text, "kk", None)
    assert (mention.kind, mention.text, mention.value) == ("date", "12 наурыз 2025 жылы", "2025-03-12")
    assert text[mention.start : mention.end] == mention.text
    assert mention.attrs.as_dict() == {"resolved": True, "granularity": "day", "relative": False}


def test_relative_expressions_without_publication_date_keep_their_text_and_no_value() -> None:
    text = "В прошлом году экспорт вырос, а вчера министр заявил, что в среду подпишут договор 12 марта."
    mentions = extract_dates(text, "ru", None)
    assert [m.text for m in mentions] == ["В прошлом году", "вчера", "в среду", "12 марта"]
    for mention in mentions:
        assert mention.value is None
        assert mention.attrs.resolved is False
        assert mention.attrs.relative is True


def test_the_same_expressions_resolve_against_the_publication_date() -> None:
    text = "В прошлом году экспорт вырос, а вчера министр заявил, что в среду подпишут договор 12 марта."
    assert values(text, "ru") == ["2024", "2025-03-19", "2025-03-19", "2025-03-12"]


def test_a_datetime_publication_date_is_read_as_its_day() -> None:
    assert values("Вчера прошло заседание.", "ru", datetime(2025, 3, 20, 23, 59)) == ["2025-03-19"]


def test_mentions_come_in_text_order_without_overlaps() -> None:
    text = "С 12 по 14 марта 2025 года, а также в 2024 году и в первом квартале 2023 года."
    mentions = extract_dates(text, "ru", PUBLISHED)
    assert [m.value for m in mentions] == ["2025-03-12/2025-03-14", "2024", "2023-01/2023-03"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_granularities() -> None:
    mentions = extract_dates(
        "12 марта 2025 года, в марте 2025 года, в 2025 году, в 2020–2024 годах", "ru", None
    )
    assert [(m.value, m.attrs.granularity) for m in mentions] == [
        ("2025-03-12", "day"),
        ("2025-03", "month"),
        ("2025", "year"),
        ("2020/2024", "interval"),
    ]


def test_empty_and_dateless_text() -> None:
    assert extract_dates("", "ru", PUBLISHED) == []
    assert extract_dates("Курс доллара: 475,54 тенге. Индекс вырос на 2,5%.", "ru", PUBLISHED) == []


# --- numeric dates ------------------------------------------------------------------------


@pytest.mark.parametrize("language", [None, "ru", "en", "zh", "ar"])
def test_iso_and_dotted_dates_need_no_language(language: str | None) -> None:
    assert values("2025-03-12, 12.03.2025, 2025/03/12, 12-03-2025", language) == ["2025-03-12"] * 4


def test_without_a_language_only_numeric_dates_are_read() -> None:
    text = "12 марта 2025 года, в прошлом году, 12.03.2025"
    assert values(text, None) == ["2025-03-12"]


def test_slash_dates_follow_the_language_short_pattern() -> None:
    assert values("03/04/2025", "en") == ["2025-03-04"]  # CLDR en: M/d/yy
    assert values("03/04/2025", "fr") == ["2025-04-03"]  # CLDR fr: dd/MM/y


def test_a_slash_date_with_a_day_above_twelve_is_unambiguous() -> None:
    assert values("14/03/2025", None) == ["2025-03-14"]
    assert values("03/14/2025", None) == ["2025-03-14"]
    assert values("03/14/2025", "fr") == ["2025-03-14"]


def test_an_ambiguous_slash_date_without_a_language_stays_unresolved() -> None:
    [mention] = extract_dates("03/04/2025", None, PUBLISHED)
    assert mention.value is None
    assert mention.attrs.ambiguous is True and mention.attrs.resolved is False


def test_impossible_dates_are_not_dates() -> None:
    assert values("31.02.2025 и 2025-13-01 и 45.03.2025", "ru") == []
    assert values("30 февраля 2025 года", "ru") == []


def test_language_tags_with_a_region_are_understood() -> None:
    assert values("12 наурыз 2025 жылы", "kk-KZ") == ["2025-03-12"]
    assert values("12 марта 2025 года", "RU") == ["2025-03-12"]


def test_unknown_languages_fall_back_to_numeric_dates() -> None:
    assert values("Sa 12 Machi 2025, 2025-03-12", "sw") == ["2025-03-12"]


# --- what is not a date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Заседание начнётся в 10:30.", "ru"),
        ("The meeting starts at 12:30 pm.", "en"),
        ("会议于15:00开始。", "zh"),
        ("Компания наняла 2024 сотрудника.", "ru"),
        ("Завод выпустил 1990 машин.", "ru"),
        ("The company hired 2024 workers.", "en"),
        ("Индекс составил 2024,5 пункта.", "ru"),
        ("Цена 12.5 тысяч.", "ru"),
        ("В 2000 школах начался ремонт.", "ru"),
    ],
)
def test_times_and_counts_are_not_dates(text: str, language: str) -> None:
    assert extract_dates(text, language, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("В 1990-х годах завод закрылся, в 80-е годы он работал.", "ru", ["1990/1999", "1980/1989"]),
        ("The plant closed in the 1990s and boomed in the late 80s.", "en", ["1990/1999", "1980/1989"]),
        ("L'usine a fermé dans les années 1990.", "fr", ["1990/1999"]),
        ("Das Werk schloss Anfang der 1990er Jahre.", "de", ["1990/1999"]),
        ("Fabrika 1990'larda kapandı.", "tr", ["1990/1999"]),
        ("工厂在上世纪90年代关闭。", "zh", ["1990/1999"]),
    ],
)
def test_decades_are_intervals_of_years_not_years(text: str, language: str, expected: list[str]) -> None:
    assert values(text, language) == expected


# --- calendars ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱ فروردین ۱۴۰۴", "2025-03-21"),  # Nowruz
        ("۳۰ اسفند ۱۴۰۳", "2025-03-20"),  # 1403 is a leap year
        ("۲۹ اسفند ۱۴۰۲", "2024-03-19"),
        ("۱۰ دی ۱۴۰۳", "2024-12-30"),
        ("۱۴۰۳/۱۲/۲۱", "2025-03-11"),
    ],
)
def test_solar_hijri_dates_are_converted(text: str, expected: str) -> None:
    assert values(text, "fa") == [expected]


def test_a_solar_hijri_leap_day_exists_only_in_leap_years() -> None:
    assert values("۳۰ اسفند ۱۴۰۲", "fa") == []


def test_solar_hijri_months_and_years_are_spans_of_days() -> None:
    assert values("در اسفند ۱۴۰۳", "fa") == ["2025-02-19/2025-03-20"]
    assert values("در سال ۱۴۰۴", "fa") == ["2025-03-21/2026-03-20"]


def test_gregorian_years_in_persian_text_stay_gregorian() -> None:
    assert values("در سال ۲۰۲۴ و در ۱۲ مارس ۲۰۲۵", "fa") == ["2024", "2025-03-12"]


def test_hijri_dates_in_arabic_are_converted() -> None:
    assert values("1 شوال 1446 هـ", "ar") == ["2025-03-30"]


def test_calendar_conversion_is_icu() -> None:
    assert to_gregorian("persian", 1404, 1, 1) == date(2025, 3, 21)
    assert to_gregorian("persian", 1404, 12, 30) is None
    assert to_gregorian("gregorian", 2025, 2, 29) is None


# --- intervals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        ("the first eight months of this year", "en", date(2023, 9, 20), "2023-01/2023-08"),
        ("январь–август", "ru", date(2023, 9, 20), "2023-01/2023-08"),
        ("қаңтар-тамыз айларында", "kk", date(2023, 9, 20), "2023-01/2023-08"),
        ("in the first quarter", "en", date(2025, 5, 2), "2025-01/2025-03"),
        ("from 12 to 14 March", "en", date(2025, 3, 1), "2025-03-12/2025-03-14"),
        ("first half of 2024", "en", None, "2024-01/2024-06"),
        ("12 марта – 3 апреля 2025 года", "ru", None, "2025-03-12/2025-04-03"),
        ("from December 2024 to March 2025", "en", None, "2024-12/2025-03"),
        ("2020–2024 годы", "ru", None, "2020/2024"),
    ],
)
def test_periods_are_iso_intervals(text: str, language: str, published: date | None, expected: str) -> None:
    [mention] = extract_dates(text, language, published)
    assert mention.value == expected
    assert mention.attrs.granularity == "interval"


def test_a_period_without_a_year_is_the_latest_begun_by_publication() -> None:
    assert values("в четвёртом квартале", "ru", date(2025, 2, 10)) == ["2024-10/2024-12"]
    assert values("в первом квартале", "ru", date(2025, 2, 10)) == ["2025-01/2025-03"]


def test_a_date_without_a_year_takes_the_nearest_year() -> None:
    assert values("2 января", "ru", date(2024, 12, 28)) == ["2025-01-02"]
    assert values("28 декабря", "ru", date(2025, 1, 3)) == ["2024-12-28"]
    assert values("в марте", "ru", date(2025, 9, 20)) == ["2025-03"]


def test_a_weekday_is_the_latest_on_or_before_publication() -> None:
    assert values("в четверг", "ru", PUBLISHED) == ["2025-03-20"]
    assert values("в пятницу", "ru", PUBLISHED) == ["2025-03-14"]


def test_weeks_are_monday_to_sunday() -> None:
    assert values("на прошлой неделе", "ru", PUBLISHED) == ["2025-03-10/2025-03-16"]


def test_counted_shifts_into_the_past() -> None:
    assert values("3 года назад, 2 месяца назад, 5 дней назад", "ru", PUBLISHED) == [
        "2022",
        "2025-01",
        "2025-03-15",
    ]


# --- language data, not code --------------------------------------------------------------


@pytest.mark.parametrize("code", lang.languages())
def test_every_language_knows_all_twelve_months(code: str) -> None:
    words = lexicon(code)
    months = {name.month for name in words.month_names.values() if name.calendar == "gregorian"}
    assert months == set(range(1, 13))


@pytest.mark.parametrize("code", lang.languages())
def test_every_language_has_a_dates_section(code: str) -> None:
    section = lang.load(code).section("dates")
    assert section.get("orders"), code


def test_the_date_modules_never_name_a_language() -> None:
    codes = "|".join(lang.languages())
    pattern = re.compile(rf"[\"']({codes})[\"'_@-]")
    for path in Path(dates_module.__file__).parent.glob("dates*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


# --- expressions that lean on their neighbours -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "За январь–август экспорт вырос на 7% к аналогичному периоду прошлого года.",
            "ru",
            "2024-01/2024-08",
        ),
        ("In the first half of 2025 sales rose 4% from the same period of 2024.", "en", "2024-01/2024-06"),
        ("今年前8个月出口增长7%，去年同期增长5%。", "zh", "2024-01/2024-08"),
        ("Yılın ilk sekiz ayında ihracat geçen yılın aynı dönemine göre arttı.", "tr", "2024-01/2024-08"),
    ],
)
def test_the_same_period_takes_the_months_of_the_period_before_it(
    text: str, language: str, expected: str
) -> None:
    mentions = extract_dates(text, language, date(2025, 9, 20))
    assert mentions[-1].value == expected
    assert mentions[-1].attrs.same_period is True


def test_the_same_period_without_an_earlier_period_is_its_year() -> None:
    assert values("Рост составил 5% к аналогичному периоду прошлого года.", "ru") == ["2024"]


def test_last_and_next_weekdays() -> None:
    assert values("last Thursday, on Thursday, next Thursday", "en", PUBLISHED) == [
        "2025-03-13",
        "2025-03-20",
        "2025-03-27",
    ]
    assert values("mardi dernier et mardi prochain", "fr", PUBLISHED) == ["2025-03-18", "2025-03-25"]


def test_a_weekday_joins_the_day_beside_it() -> None:
    [mention] = extract_dates("Le mercredi 12 mars, les deux présidents se sont entretenus.", "fr", PUBLISHED)
    assert (mention.text, mention.value) == ("mercredi 12 mars", "2025-03-12")
    [mention] = extract_dates("أمس الثلاثاء التقى الوزير نظيره.", "ar", PUBLISHED)
    assert (mention.text, mention.value) == ("أمس الثلاثاء", "2025-03-19")


def test_seasons_are_the_months_they_span() -> None:
    assert values("Весной прошлого года и летом 2023 года", "ru") == ["2024-03/2024-05", "2023-06/2023-08"]
    assert values("去年春季，洪水淹没了村庄。", "zh") == ["2024-03/2024-05"]
    # A winter runs over the new year and is of the year it ends in.
    assert values("Зимой 2023 года цены выросли.", "ru") == ["2022-12/2023-02"]


def test_a_season_alone_is_the_nearest_one() -> None:
    # Published 20 March 2025: the summer ahead is nearer than the one past; the winter just ended.
    assert values("Летом начнётся стройка, а зимой её остановили.", "ru", PUBLISHED) == [
        "2025-06/2025-08",
        "2024-12/2025-02",
    ]
    # Without a publication date it stays unresolved; a season word in a name is no date.
    assert values("Im Sommer beginnt der Bau.", "de", None) == [None]
    assert values("The Summer Olympics opened.", "en", PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "language", "span"),
    [
        ("Планируется к 2030 году.", "ru", "к 2030 году"),
        ("Hedef 2030 yılına kadar tamamlanacak.", "tr", "2030 yılına kadar"),
        ("预计到2030年翻一番。", "zh", "到2030年"),
        ("Сессия пройдёт в среду.", "ru", "в среду"),
    ],
)
def test_governing_prepositions_and_postpositions_are_part_of_the_span(
    text: str, language: str, span: str
) -> None:
    assert [m.text for m in extract_dates(text, language, PUBLISHED)] == [span]


def test_the_same_period_in_an_undated_article_stays_unresolved_without_crashing() -> None:
    # An explicit period before it, but no publication date to place "the previous year".
    text = "Im ersten Quartal 2024 stieg der Umsatz, im gleichen Zeitraum des Vorjahres nicht."
    assert values(text, "de", None) == ["2024-01/2024-03", None]
    assert values(
        "Im ersten Quartal stieg der Umsatz, im gleichen Zeitraum des Vorjahres nicht.", "de", None
    ) == [
        None,
        None,
    ]


# --- dates among the other facts (the pipeline settles overlaps) ----------------------------


@pytest.mark.parametrize(
    ("text", "language", "dates", "counts"),
    [
        ("Sie haben die Stadt, die der Vater 1991 kaufte, nie gesehen.", "de", ["1991"], []),
        ("In 2000 homes the power went out in 2019.", "en", ["2019"], [2000.0]),
        ("Le gouvernement lancera entre 2026 et 2030 plusieurs trains de nuit.", "fr", ["2026/2030"], []),
        ("The part number 221-07-05-2019 and the score 2019:2020 are no years.", "en", [], []),
    ],
)
def test_bare_years_are_years_unless_they_count_the_noun_after_them(
    text: str, language: str, dates: list[str], counts: list[float]
) -> None:
    from parallax.pipeline import extract_mentions

    mentions = extract_mentions(text, language, None)
    assert [m.value for m in mentions if m.kind == "date"] == dates
    assert [m.value for m in mentions if m.kind == "quantity"] == counts


# --- recurrences, anaphora, vague times, short years ---------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The forum is held every year.", "en"),
        ("Форум проходит ежегодно.", "ru"),
        ("Форум жыл сайын өтеді.", "kk"),
        ("Das Forum findet jedes Jahr statt.", "de"),
        ("论坛每年举行。", "zh"),
        ("يعقد المنتدى كل عام.", "ar"),
    ],
)
def test_every_year_is_one_recurrence_in_every_language(text: str, language: str) -> None:
    [mention] = extract_dates(text, language, None)
    assert mention.value == "R/P1Y"
    assert mention.attrs.as_dict() == {"resolved": True, "granularity": "recurrence", "relative": False}


def test_a_recurrence_next_to_an_amount_is_its_period_not_a_date() -> None:
    from parallax.pipeline import extract_mentions

    for text, language in (
        ("Завод выпускает 200 тысяч тонн ежегодно.", "ru"),
        ("Зауыт жыл сайын 200 мың тонна өнім шығарады.", "kk"),
        ("The plant ships 200,000 tonnes every year.", "en"),
    ):
        found = extract_mentions(text, language, None)
        assert [m.kind for m in found if m.kind in ("date", "quantity")] == ["quantity"], text
        assert next(m for m in found if m.kind == "quantity").attrs.per == "year", text
    alone = extract_mentions("The plant ships 200,000 tonnes. The fair is held every year.", "en", None)
    assert "R/P1Y" in [m.value for m in alone if m.kind == "date"]


def test_every_n_units_is_not_the_period_of_a_rate_per_one_unit() -> None:
    from parallax.pipeline import extract_mentions

    found = extract_mentions("Gewählt wird alle vier Jahre, es gibt 2 Mio. Euro pro Jahr.", "de", None)
    assert "R/P4Y" in [m.value for m in found if m.kind == "date"]


@pytest.mark.parametrize(("published", "expected"), [(date(2025, 3, 20), "1993"), (date(1999, 1, 5), "1993")])
def test_a_short_year_is_the_latest_such_year_by_publication(published: date, expected: str) -> None:
    assert values("Зауыт 93-інші жылы ашылды.", "kk", published) == [expected]
    assert values("Завод открыли в 93-м году.", "ru", published) == [expected]


def test_a_short_year_may_lie_up_to_a_decade_ahead() -> None:
    assert values("Сдать объект планируют в 30-м году.", "ru", date(2025, 3, 20)) == ["2030"]
    assert values("Сдать объект планируют в 30-м году.", "ru", None) == [None]


def test_an_anaphoric_day_takes_the_latest_day_before_it() -> None:
    text = "Talks were held in 2023. The treaty was signed on 3 March 2024. That day, markets rose."
    found = extract_dates(text, "en", None)
    assert [m.value for m in found] == ["2023", "2024-03-03", "2024-03-03"]
    assert found[-1].attrs.relative is False  # as relative as the date it repeats


def test_an_unresolved_day_lends_its_written_form_to_that_day() -> None:
    kk = extract_dates("12 наурызда жиын өтті. Сол күні екі министр кездесті.", "kk", None)
    ru = extract_dates("12 марта прошла встреча. В тот же день министры встретились.", "ru", None)
    assert [m.attrs.written for m in kk] == [m.attrs.written for m in ru] == ["g-3-12", "g-3-12"]


def test_vague_times_are_compared_by_what_they_say() -> None:
    said = {
        language: [m.attrs.written for m in extract_dates(text, language, PUBLISHED)]
        for language, text in (
            ("en", "In recent years exports grew."),
            ("ru", "В последние годы экспорт вырос."),
            ("kk", "Соңғы жылдары экспорт өсті."),
            ("zh", "近年来出口增长。"),
        )
    }
    assert set(map(tuple, said.values())) == {("g-- ~recent-year",)}


def test_a_table_of_unknown_units_is_a_data_error() -> None:
    from parallax.lang.dates.lexicon import _checked

    with pytest.raises(ValueError, match=r"\[dates.same\] 'week'"):
        _checked("same", (("week", "that week"),), {"day", "year"})


def test_recurrences_read_as_words_in_reports() -> None:
    from parallax.render.html import format_date_value

    assert format_date_value("R/P1Y") == "every year"
    assert format_date_value("R/P2W") == "every 2 weeks"
    assert format_date_value("2023-01/2023-08") == "2023-01 – 2023-08"

"""The date core (``parallax.lang.dates``): one source of month and weekday names, one calendar
converter, one reader of dates for the dateline cleaner and the date extractor."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from parallax import lang
from parallax.clean import dates as datelines
from parallax.extract.dates import extract_dates
from parallax.lang.dates import names
from parallax.lang.dates.calendars import to_gregorian
from parallax.lang.dates.grammar import any_language_grammar
from parallax.lang.dates.lexicon import any_language, fold, lexicon, month_key
from parallax.lang.dates.resolve import value_of
from parallax.lang.dates.shapes import cldr_templates, shape_template, value_of_shape

SLOT = re.compile(r"\{\w+\}")
SOURCE = Path(lang.__file__).resolve().parent.parent
# Where ICU's names and calendars may be asked for: the generator, and the one converter.
NAMES_FROM_ICU = {"lang/generate.py"}
CONVERTER = {"lang/dates/calendars.py"}


def _sources_using(*needles: str) -> set[str]:
    return {
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if any(needle in path.read_text(encoding="utf-8") for needle in needles)
    }


def test_month_and_weekday_names_are_read_only_from_the_generated_files() -> None:
    readers = _sources_using("DateFormatSymbols", "get_month_names", "get_day_names", "getWeekdays")
    assert readers == NAMES_FROM_ICU


def test_one_calendar_converter() -> None:
    assert _sources_using("Calendar.createInstance", "@calendar=") - NAMES_FROM_ICU == CONVERTER


@pytest.mark.parametrize("code", lang.languages())
def test_every_language_has_twelve_months_and_seven_weekdays(code: str) -> None:
    assert len(names.months(code)) == 12
    assert len(names.months(code, widths=names.WIDE_AND_ABBREVIATED)) == 12
    assert len(names.weekdays(code)) == 7
    assert names.numeric_order(code) in ("DM", "MD")


def test_names_keep_cldr_order_monday_first_and_every_form() -> None:
    assert names.weekdays("en")[0] == ("Monday",)
    assert names.months("en")[2] == ("March",)
    assert names.months("ru")[2] == ("марта", "март")  # format (12 марта) and stand-alone forms
    assert "اسفند" in names.months("fa", "persian")[11]
    assert "رمضان" in names.months("ar", "islamic-umalqura")[8]
    [levantine] = names.regional_months("ar")
    assert "آذار" in levantine[2]
    assert names.numeric_order("en") == "MD" and names.numeric_order("fr") == "DM"


def test_a_month_name_brings_its_calendar_when_the_language_is_unknown() -> None:
    hijri = value_of({"day": "12", "month": "رمضان", "year": "1446"}, any_language())
    assert hijri == to_gregorian("islamic-umalqura", 1446, 9, 12).isoformat()
    assert value_of({"day": "22", "month": "اسفند", "year": "1403"}, any_language()) == "2025-03-12"
    assert value_of({"day": "30", "monthnum": "2", "year": "2025"}, any_language()) is None


# Dates as a dateline and as running text write them; both readers must give the same day.
SAME_DATE = [
    ("kk", "12 наурыз 2025", "2025-03-12"),
    ("ru", "12 марта 2025", "2025-03-12"),
    ("uk", "12 березня 2025", "2025-03-12"),
    ("de", "12. März 2025", "2025-03-12"),
    ("en", "March 12, 2025", "2025-03-12"),
    ("fr", "12 mars 2025", "2025-03-12"),
    ("es", "12 de marzo de 2025", "2025-03-12"),
    ("tr", "12 Mart 2025", "2025-03-12"),
    ("ar", "12 مارس 2025", "2025-03-12"),
    ("fa", "۲۲ اسفند ۱۴۰۳", "2025-03-12"),
    ("zh", "2025年3月12日", "2025-03-12"),
    ("uz", "12 mart 2025", "2025-03-12"),
    ("ky", "12 март 2025", "2025-03-12"),
    (None, "12.03.2025", "2025-03-12"),
]


@pytest.mark.parametrize(("code", "written", "iso"), SAME_DATE)
def test_the_cleaner_and_the_extractor_read_a_date_alike(code: str | None, written: str, iso: str) -> None:
    stamp = datelines.stamp_at_start(f"{written}, 10:25")
    assert stamp is not None and datelines.iso_date(stamp) == iso
    assert [mention.value for mention in extract_dates(written, code, date(2025, 3, 20))] == [iso]


def test_month_forms_come_from_cldr_and_the_data_files_not_dateparser() -> None:
    """dateparser gives relative expressions only; a month form it knows that CLDR lacks is
    written in the language's ``[dates.month_abbreviations]``, where it can be read and kept."""
    source = (SOURCE / "lang/dates/lexicon.py").read_text(encoding="utf-8")
    assert "parser.get(key" not in source and "MONTH_KEYS" in source

    for code in lang.languages():
        abbreviated = names.months(code, names.GREGORIAN, ("abbreviated",))
        cldr = {month_key(form) for forms in abbreviated for form in forms}
        listed = {
            fold(form)
            for forms in lang.load(code).section("dates").get("month_abbreviations", {}).values()
            for form in forms
        }
        for form in lexicon(code).month_abbreviations:
            assert form in cldr | listed, (code, form)


@pytest.mark.parametrize(
    ("code", "text", "iso"),
    [
        ("ru", "Торги 5 фев 2025 г. закрылись ростом.", "2025-02-05"),  # a data-file form
        ("ru", "Сделку закрыли 14 янв 2025 г.", "2025-01-14"),  # CLDR's abbreviation (янв.)
        ("de", "Am 3. Jänner 2025 begann die Sitzung.", "2025-01-03"),
        ("fr", "Publié le 12 fév 2025.", "2025-02-12"),
    ],
)
def test_an_abbreviated_month_is_read_inside_a_date(code: str, text: str, iso: str) -> None:
    assert [m.value for m in extract_dates(text, code, published=date(2025, 3, 1))] == [iso]


@pytest.mark.parametrize(("code", "written", "iso"), SAME_DATE)
def test_the_any_language_grammar_reads_a_date_where_it_stands(
    code: str | None, written: str, iso: str
) -> None:
    """The cleaner's date reader is a grammar: the date written at a position, not before it."""
    line = f"Астана. {written} — "
    found = any_language_grammar().date_at(line, len("Астана. "))
    assert found is not None and found.group("date").strip() == written
    assert value_of_shape(found) == iso
    assert any_language_grammar().date_at(line, 0) is None


def test_cldr_patterns_become_grammar_templates() -> None:
    template = shape_template("d MMMM y")
    assert template is not None and SLOT.findall(template) == ["{day}", "{monthname}", "{year}"]
    assert shape_template("EEEE, d MMMM y") is None  # the weekday's plain twin is a shape of its own
    assert template in cldr_templates()


def test_the_cleaner_finds_its_dates_with_the_grammar_only() -> None:
    """One finder: no module but the grammar compiles the any-language date alternation."""
    assert _sources_using("any_language_date_pattern(") == {"lang/dates/grammar.py"}

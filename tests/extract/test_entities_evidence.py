"""Entities need evidence: common words, web addresses and line breaks make no name; the
multilingual gazetteer finds towns named without a cue word, in any case and script."""

import pytest

from parallax.extract.entities import find_entities


def names(text, language):
    return [(m.text, m.value, m.attrs.type) for m in find_entities(text, language)]


@pytest.mark.parametrize(
    ("language", "text", "not_names"),
    [
        # A capitalised common word (a headline word, a descriptive title) is no name.
        ("en", "Head of the Department said the Society would meet.", {"Head", "Department", "Society"}),
        ("en", "The Financial Market Authority met. Floods hit the north.", {"Floods"}),
        ("tr", "Devlet Bahçeli'nin açıklaması bekleniyor. Devlet kurumları kapalı.", {"Devlet"}),
        ("uk", "Крім того, уряд ухвалив рішення.", {"Крім"}),  # "except", not Crimea
        ("ru", "Заседание Высшего совета прошло в Москве.", {"Высшего"}),
        ("kk", "Иә, бұл шешім дұрыс болды.", {"Иә"}),
        ("kk", "Әрбір облыста жаңа мектеп ашылады.", {"Әрбір"}),
        # Where every noun has a capital, a noun phrase joined by a particle is no name.
        ("de", "Der Bischof von Myra ist der Vorbild des Nikolaus.", {"Bischof von Myra"}),
        # The outlet credited for a report is its source, not an entity of the story.
        ("kk", "Бұл туралы Ulysmedia.kz хабарлайды.", {"Ulysmedia"}),
    ],
)
def test_common_words_and_outlets_are_no_entities(language, text, not_names):
    found = {surface for surface, _, _ in names(text, language)}
    assert not found & not_names, found


def test_a_name_never_runs_across_a_line_break():
    found = names("Vier Verletzte\n\nPardubice meldet neue Fälle", "de")
    assert all("\n" not in surface for surface, _, _ in found)


@pytest.mark.parametrize(
    ("language", "text", "surface", "value"),
    [
        ("ru", "Поезд из Праги прибыл в Остраву.", "Остраву", "Ostrava"),
        ("ru", "Поезд из Праги прибыл в Пардубице.", "Пардубице", "Pardubice"),
        ("uk", "Бої тривають біля Купянська.", "Купянська", "Kupyansk"),
        ("en", "Fighting continued near Kupyansk.", "Kupyansk", "Kupyansk"),
        ("de", "Der Zug fuhr weiter nach Ostrava.", "Ostrava", "Ostrava"),
        ("tr", "Liberec'teki hastane yeni bir bölüm açtı.", "Liberec'teki", "Liberec"),
    ],
)
def test_towns_without_a_cue_word_come_from_the_gazetteer(language, text, surface, value):
    found = {s: (v, t) for s, v, t in names(text, language)}
    assert found.get(surface) == (value, "place"), found


def test_a_town_name_that_is_a_surname_in_the_text_is_the_person():
    found = names("In 1990 Nelson Mandela was freed. Mandela then led the talks.", "en")
    assert ("Mandela", "Nelson Mandela", "person") in found


def test_a_common_phrase_ending_in_an_organisation_word_is_an_organisation():
    found = {s: t for s, _, t in names("He spoke to the Public Opinion Foundation on Monday.", "en")}
    assert found.get("Public Opinion Foundation") == "organisation"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("kk", "Бағасы 5 АҚШ долларына жетті, ал АҚШ президенті келді."),
        ("en", "The price rose to 5 US dollars, the US president said."),
        ("ru", "Цена выросла до 5 долларов США, заявили в США."),
    ],
)
def test_a_country_in_a_currency_name_is_no_place(language, text):
    """CLDR's currency names (through Babel): the US of "US dollar" is the currency, not the country."""
    found = find_entities(text, language)
    assert len(found) == 1 and found[0].value == "United States"
    assert text.index(found[0].text) != found[0].start  # the second mention, not the currency's


@pytest.mark.parametrize(
    "text",
    [
        "The film “Silver Harbour,” written by Anna Kowalczyk, opens in Oslo next week.",
        'Her next series, "The Quiet Meadow", starts on Friday, Anna Kowalczyk said in Oslo.',
        "Anna Kowalczyk (“Northern Lights”) now lives in Oslo.",
    ],
)
def test_a_quoted_title_of_a_work_is_no_entity(text):
    """A film or a series names no person, place or organisation; another language translates
    its title, so naming it would be a false omission there."""
    found = {surface: value for surface, value, _ in names(text, "en")}
    assert found == {"Anna Kowalczyk": "Anna Kowalczyk", "Oslo": "Oslo"}


def test_a_known_name_in_quotation_marks_stays_a_name():
    found = {surface for surface, _, _ in names('Asked where he was going, he said: "Moscow."', "en")}
    assert found == {"Moscow"}


def test_an_organisation_is_met_again_by_its_first_word():
    found = names("The contractor Kestrel Group denied it. Kestrel is based in Malta.", "en")
    assert ("Kestrel", "Kestrel Group", "organisation") in found


@pytest.mark.parametrize(
    ("language", "text", "surface"),
    [
        ("en", "The team flew to England on Monday.", "England"),
        ("ru", "Команда улетела в Англию в понедельник.", "Англию"),
        ("zh", "球队周一飞往英格兰。", "英格兰"),
    ],
)
def test_england_is_one_of_the_nations_of_the_united_kingdom(language, text, surface):
    """Like Scotland and Wales, England is a place every language names (Англию is no Anguilla)."""
    found = {s: (v, t) for s, v, t in names(text, language)}
    assert found.get(surface) == ("England", "place"), found

"""Quotes: every mark style, the dash form, reported speech, speakers through pronouns and titles."""

import pytest

from parallax.extract.quotes import extract_quotes

TOKAYEV = "Kassym-Jomart Tokayev"
MACRON = "Emmanuel Macron"


def quotes(text, language):
    return extract_quotes(text, language)


def only(text, language):
    found = quotes(text, language)
    assert len(found) == 1, [(q.value, q.attrs) for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("language", "text", "value", "speaker"),
    [
        ("ru", "«Мы готовы расширять сотрудничество», — заявил Эммануэль Макрон.",
         "Мы готовы расширять сотрудничество", MACRON),
        ("de", "„Wir sind ein verlässlicher Partner“, sagte Bundeskanzler Friedrich Merz.",
         "Wir sind ein verlässlicher Partner", "Friedrich Merz"),
        ("en", "“Our trade will double by 2030,” Tokayev said.", "Our trade will double by 2030", TOKAYEV),
        ("en", "\"Our trade will double by 2030,\" said Tokayev.", "Our trade will double by 2030", TOKAYEV),
        ("en", "Tokayev said: ‘Our trade will double by 2030.’", "Our trade will double by 2030", TOKAYEV),
        ("zh", "托卡耶夫说：「我们欢迎法国企业来哈投资。」", "我们欢迎法国企业来哈投资", TOKAYEV),
        ("zh", "马克龙表示：『法国愿意扩大合作。』", "法国愿意扩大合作", MACRON),
        ("ar", "وقال ماكرون: «فرنسا شريك موثوق لكازاخستان».", "فرنسا شريك موثوق لكازاخستان", MACRON),
        ("ar", "وقال توكاييف: \"نحن منفتحون على الاستثمارات الأوروبية\".",
         "نحن منفتحون على الاستثمارات الأوروبية",
         TOKAYEV),
        ("fr", "« Nous voulons investir davantage », a déclaré Emmanuel Macron.",
         "Nous voulons investir davantage",
         MACRON),
    ],
)
def test_direct_quotes_in_every_mark_style(language, text, value, speaker):
    quote = only(text, language)
    assert quote.value == value
    assert quote.attrs.speaker == speaker
    assert quote.attrs.direct is True
    assert quote.attrs.confidence >= 0.9
    assert text[quote.start:quote.end] == quote.text


@pytest.mark.parametrize(
    ("language", "text", "value", "verb"),
    [
        ("kk", "– Біз инвестицияларға ашықпыз, – деді Тоқаев.", "Біз инвестицияларға ашықпыз", "деді"),
        ("ru", "— Франция остается нашим партнером, — заявил Токаев.",
         "Франция остается нашим партнером", "заявил"),
    ],
)
def test_dash_quotes(language, text, value, verb):
    quote = only(text, language)
    assert quote.value == value
    assert quote.attrs.speaker == TOKAYEV
    assert quote.attrs.speaker_text == "Тоқаев" if language == "kk" else "Токаев"
    assert quote.attrs.verb == verb
    assert quote.text.startswith(("–", "—"))


def test_pronoun_points_back_to_the_subject_of_the_last_sentence_naming_someone():
    text = ("Президент Токаев встретился с Макроном в Париже.\n"
            "— Казахстан остается надежным партнером, — сказал он.")
    quote = only(text, "ru")
    assert quote.attrs.speaker == TOKAYEV  # the subject of the sentence that named people
    assert quote.attrs.speaker_text == "он"
    assert quote.attrs.confidence < 0.95


def test_title_points_back_to_the_person_with_that_title():
    text = ("President Kassym-Jomart Tokayev received Foreign Minister Jean-Noël Barrot. "
            "“We will open new routes,” the president said.")
    quote = only(text, "en")
    assert quote.attrs.speaker == TOKAYEV
    assert quote.attrs.speaker_text == "president"


def test_bare_arabic_verb_points_back_to_the_speaker():
    text = "وقال الرئيس توكاييف إن الزيارة تاريخية للبلدين. وأضاف: «سنضاعف حجم التبادل التجاري»."
    found = quotes(text, "ar")
    assert [q.attrs.direct for q in found] == [False, True]
    assert all(q.attrs.speaker == TOKAYEV for q in found)


@pytest.mark.parametrize(
    ("language", "text", "value", "speaker"),
    [
        ("en", "Tokayev said on Monday that trade had grown by 20 percent.", "trade had grown by 20 percent",
         TOKAYEV),
        ("ru", "По словам Токаева, товарооборот вырос на 20 процентов.", "товарооборот вырос на 20 процентов",
         TOKAYEV),
        ("ar", "وقال ماكرون إن فرنسا مستعدة لتعزيز التعاون.", "فرنسا مستعدة لتعزيز التعاون", MACRON),
        ("zh", "马克龙表示，法国愿与哈萨克斯坦深化合作。", "法国愿与哈萨克斯坦深化合作", MACRON),
        ("kk", "Тоқаев екі елдің ынтымақтастығы жақсы екенін атап өтті.",
         "екі елдің ынтымақтастығы жақсы екенін",
         TOKAYEV),
        ("tr", "Tokayev, iki ülke arasındaki ilişkilerin güçlü olduğunu söyledi.",
         "iki ülke arasındaki ilişkilerin güçlü olduğunu", TOKAYEV),
        ("de", "Merz sagte, Deutschland sei ein verlässlicher Partner.",
         "Deutschland sei ein verlässlicher Partner",
         "Friedrich Merz"),
        ("fa", "ماکرون گفت که فرانسه آماده همکاری است.", "فرانسه آماده همکاری است", MACRON),
        ("en", "The talks were very productive, Macron said.", "The talks were very productive", MACRON),
    ],
)
def test_reported_speech_is_a_lower_confidence_kind(language, text, value, speaker):
    quote = only(text, language)
    assert quote.value == value
    assert quote.attrs.speaker == speaker
    assert quote.attrs.direct is False
    assert quote.attrs.confidence < 0.9


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "The MP Claire Morel criticised the rules. She said on the BBC that about 40 MPs would vote "
               "against them.", "about 40 MPs would vote against them"),
        ("fr", "La députée Claire Morel a critiqué les règles. Elle a déclaré sur BFMTV que quarante "
               "députés voteront contre.", "quarante députés voteront contre"),
        ("de", "Die Abgeordnete Claire Morel kritisierte die Regeln. Sie sagte im ZDF, dass etwa 40 "
               "Abgeordnete dagegen stimmen werden.", "etwa 40 Abgeordnete dagegen stimmen werden"),
        ("ru", "Депутат Клара Морель раскритиковала правила. Она заявила в эфире НТВ, что около 40 "
               "депутатов проголосуют против.", "около 40 депутатов проголосуют против"),
    ],
)
def test_the_channel_a_pronoun_subject_spoke_on_is_not_the_speaker(language, text, value):
    """The organisation between the verb and its "that" is where the person spoke; the
    pronoun before the verb points back to her, as it does for words in marks."""
    quote = only(text, language)
    assert quote.value == value
    assert quote.attrs.speaker_text.lower() in ("she", "elle", "sie", "она")
    assert quote.attrs.speaker in ("Claire Morel", "Klar Morel")


def test_an_organisation_as_the_subject_still_speaks():
    quote = only("The BBC said on Monday that about 40 MPs would vote against the rules.", "en")
    assert quote.attrs.speaker_text == "BBC"


def test_a_person_who_reported_something_is_its_speaker_but_an_outlet_is_not():
    quote = only("On Monday, Irina Sokolova, head of the city council, reported that 400 complaints "
                 "were received this year.", "en")
    assert quote.attrs.speaker == "Irina Sokolova"
    assert quote.value == "400 complaints were received this year"
    assert quotes("Reuters reported that 400 complaints were received this year.", "en") == []


def test_an_organisation_beside_a_title_subject_without_a_referent_still_speaks():
    quote = only("The foreign ministers of the G7 also declared that they support the talks in Vienna.", "en")
    assert quote.attrs.speaker == "G7"
    assert quote.value == "they support the talks in Vienna"


def test_words_after_that_are_a_statement_whatever_they_open_with():
    """"about" opens a topic after the verb (spoke about the budget), not after "that"."""
    quote = only("Tom Fischer said that about 40 MPs would vote against the plan.", "en")
    assert quote.value == "about 40 MPs would vote against the plan"
    assert quotes("Tom Fischer spoke about the budget and the new rules on Monday.", "en") == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Prime Minister Tom Fischer announced on Sunday a sharp acceleration of the campaign."),
        ("en", "Tom Fischer stressed the need for a quick reform of the care system."),
        ("fr", "Le Premier ministre Tom Fischer a annoncé dimanche une forte accélération de la campagne."),
        ("fr", "Le maire Paul Girard lance un appel aux bénévoles pour le festival d'été."),
        ("de", "Die Ministerin Katrin Lehmann forderte eine schnelle Reform der Pflege."),
        ("ru", "Министр Ирина Соколова подчеркнула важность быстрой реформы системы ухода."),
        ("es", "La ministra Lucía Romero anunció un nuevo plan de vivienda para los jóvenes."),
    ],
)
def test_a_verb_announcing_a_thing_reports_no_words(language, text):
    """Announced a plan, stressed the need for …: the object is a thing, not a statement."""
    assert quotes(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "Tom Fischer announced that the campaign would speed up in January.",
         "the campaign would speed up in January"),
        ("fr", "Tom Fischer a annoncé que la campagne allait accélérer en janvier.",
         "la campagne allait accélérer en janvier"),
        ("de", "Die Ministerin Katrin Lehmann forderte, die Regeln sofort zu ändern.",
         "die Regeln sofort zu ändern"),
        ("ru", "Министр Ирина Соколова подчеркнула: реформа нужна уже в этом году.",
         "реформа нужна уже в этом году"),
        ("es", "La ministra Lucía Romero anunció que el plan empezará en marzo.",
         "el plan empezará en marzo"),
    ],
)
def test_the_same_verbs_report_words_after_that_or_a_comma(language, text, value):
    assert only(text, language).value == value


def test_names_in_guillemets_are_not_quotes():
    assert quotes("Компания «Самрук-Казына» подписала соглашение с банком.", "ru") == []


def test_entities_can_be_passed_in():
    from parallax.extract.entities import find_entities

    text = "«Мы готовы», — заявил Макрон."
    given = extract_quotes(text, "ru", find_entities(text, "ru"))
    assert only(text, "ru").attrs.speaker == given[0].attrs.speaker == MACRON


# --- speakers as the comparison names them -------------------------------------------------


def test_a_speaker_points_to_the_entity_mention_it_was_read_from():
    text = "Министр энергетики Нурлан Сапаров посетил Павлодар.\n«Выработка выросла на треть», — сказал он."
    quote = only(text, "ru")
    assert text[quote.attrs.speaker_start:quote.attrs.speaker_end] == "Нурлан Сапаров"
    assert quote.attrs.speaker_text == "он"


def test_speakers_take_the_name_the_matched_entity_has_across_documents():
    from parallax.extract.entities import find_entities, match_entities
    from parallax.extract.quotes import canonical_speakers

    documents = [
        ("وقال وزير الطاقة نورلان ساباروف إن إنتاج الكهرباء ارتفع بمقدار الثلث.", "ar"),
        ("Energy Minister Nurlan Saparov visited Pavlodar. \"Output grew by a third,\" Saparov said.", "en"),
    ]
    found = [find_entities(text, language) for text, language in documents]
    flat = iter(match_entities([m for ms in found for m in ms]))
    matched = [[next(flat) for _ in ms] for ms in found]
    before, after = set(), set()
    for (text, language), own, entities in zip(documents, found, matched, strict=True):
        quotes = extract_quotes(text, language, own)
        assert len(quotes) == 1
        before.add(quotes[0].attrs.speaker)
        renamed = canonical_speakers(quotes, entities)
        after.add(renamed[0].attrs.speaker)
        items = canonical_speakers([*entities, *quotes])  # one list of a document's items works too
        assert [q.attrs.speaker for q in items if q.kind == "quote"] == [renamed[0].attrs.speaker]
    assert len(before) == 2  # each text spells him its own way...
    assert after == {"Nurlan Saparov"}  # ...and the comparison gives him one name

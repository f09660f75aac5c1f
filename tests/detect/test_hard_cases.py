"""Language detection: hard pairs, too little text, hints, and mixed-language articles."""

from __future__ import annotations

import pytest

from parallax.detect import detect_language, detect_sentence_languages, language_scores
from parallax.detect.engines import lingua_codes
from parallax.detect.profiles import candidate_codes, profile

MIXED_KAZAKH = [
    "Астанада Қазақстан мен Германия арасындағы бизнес-форум өтті.",
    "Форумға 250-ден астам неміс компаниясының өкілдері қатысты.",
    "«Мы готовы расширять сотрудничество в энергетике и логистике», — сказал глава немецкой делегации.",
    "The forum will be held again next year in Berlin, the organisers said.",
    "Фото: Ақорда",
    "18,7 млрд",
    "Премьер-министр Олжас Бектенов брифинг өткізді.",
    "Инвестиция көлемі 5,2 млрд еуро.",
]


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "443.35\n475.54\n4.82", "12 000 000 — 18,7 / 2025-03-12", "Фото:", "№ 5", "$"],
)
def test_too_few_letters_gives_none(text: str) -> None:
    assert detect_language(text) is None
    assert language_scores(text) == {}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Үкімет бюджет тапшылығын азайту жоспарын бекітті.", "kk"),
        ("Өкмөт бюджеттин тартыштыгын азайтуу планын бекитти.", "ky"),
        ("Правительство утвердило план по сокращению дефицита бюджета.", "ru"),
        ("Уряд затвердив план скорочення дефіциту бюджету.", "uk"),
        ("Hukumat byudjet taqchilligini kamaytirish rejasini tasdiqladi.", "uz"),
        ("Hükümet bütçe açığını azaltma planını onayladı.", "tr"),
        ("دولت برنامه کاهش کسری بودجه را تصویب کرد.", "fa"),
        ("أقرت الحكومة خطة لخفض عجز الموازنة.", "ar"),
    ],
)
def test_one_sentence_of_each_hard_pair(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_kazakh_with_russian_loanwords_is_never_russian() -> None:
    for text in [
        "Министр брифингте журналистерге сұхбат берді.",
        "Банк депозиттер бойынша мөлшерлемені өзгертпеді.",
        "Президент Тоқаев Мажилис депутаттарымен кездесті.",
        "Инфляция деңгейі 8,5 пайызға дейін төмендеді.",
    ]:
        assert detect_language(text) == "kk", text


def test_russian_with_kazakh_names_stays_russian() -> None:
    text = "Аким Шымкента Ғабит Сыздықбеков сообщил, что в городе построят 12 новых школ."
    assert detect_language(text) == "ru"


def test_a_hint_breaks_a_near_tie_only() -> None:
    # A bare name reads as both Russian and Kazakh ...
    scores = language_scores("Олжас Бектенов")
    assert set(list(scores)[:2]) <= {"kk", "ru", "ky", "uk", "mk", "bg", "be", "sr", "mn"}
    # ... a clear paragraph does not give way to a declared language.
    kazakh = "Премьер-министр Үкімет отырысында инфляция деңгейін талқылады."
    assert detect_language(kazakh, hint="ru") == "kk"
    assert detect_language(kazakh, hint="ky") == "kk"


def test_a_hint_wins_when_the_scores_are_close() -> None:
    # Two words shared by Russian and Bulgarian: a near tie that the declared language settles.
    text = "Министр финансов"
    (first, first_score), (second, second_score) = list(language_scores(text).items())[:2]
    assert {first, second} == {"ru", "bg"}
    assert first_score - second_score <= 0.1
    assert detect_language(text) == first
    assert detect_language(text, hint=second) == second
    assert detect_language(text, hint="de") == first


def test_mixed_kazakh_article_sentence_by_sentence() -> None:
    assert detect_sentence_languages(MIXED_KAZAKH, "kk") == ["kk", "kk", "ru", "en", "kk", "kk", "kk", "kk"]


def test_short_bits_get_no_language_without_a_default() -> None:
    languages = detect_sentence_languages(["Фото: Ақорда", "18,7 млрд", MIXED_KAZAKH[3]], None)
    assert languages == [None, None, "en"]


def test_sentence_detection_of_nothing() -> None:
    assert detect_sentence_languages([], "kk") == []


def test_a_sentence_in_a_neighbouring_language_needs_clear_evidence() -> None:
    # A Kyrgyz sentence inside a Kazakh article is Kyrgyz; a loanword-heavy Kazakh one is not Russian.
    languages = detect_sentence_languages(
        [
            "Кыргызстандын Президенти Садыр Жапаров бүгүн Бишкекте чет элдик инвесторлор менен жолукту.",
            "Экономика министрлігі инфляция бойынша жаңа болжамын жариялады.",
        ],
        "kk",
    )
    assert languages == ["ky", "kk"]


def test_candidates_come_from_the_language_files() -> None:
    from parallax import lang

    codes = set(candidate_codes())
    assert set(lang.languages()) <= codes
    for code in lang.languages():
        assert set(lang.load(code).section("detect").get("confusers", [])) <= codes
        assert profile(code).alphabet, code
        assert profile(code).words or profile(code).ngrams, code
    # lingua is built only from the candidates it knows, not from all of its languages.
    assert lingua_codes() <= codes
    assert len(lingua_codes()) < 40


UKRAINIAN_WITHOUT_YI_OR_YE = [
    # Long Ukrainian sentences whose only letter Kazakh lacks is і: a trigram model alone
    # calls such lines Kazakh.
    "США готові продати Польщі техніку на 10 млрд доларів, а ще 5 мільйонів доларів виділять на ремонт"
    " старих мостів.",
    "Уряд ухвалив рішення про виділення коштів на ремонт доріг у шести областях до кінця року.",
    "Депутати проголосували за закон про податки, а опозиція вимагала повторного голосування.",
]


@pytest.mark.parametrize("text", UKRAINIAN_WITHOUT_YI_OR_YE)
def test_a_long_ukrainian_line_without_yi_or_ye_is_not_kazakh(text: str) -> None:
    assert detect_language(text) == "uk"


def test_kazakh_needs_its_own_letters_only_in_long_text() -> None:
    # A long line without one of ә ғ қ ң ө ұ ү is no Kazakh; a short one may lack them by chance
    # (the 62 letters below are Kazakh).
    long_line = UKRAINIAN_WITHOUT_YI_OR_YE[0]
    assert language_scores(long_line).get("kk", 0.0) < 0.1
    assert detect_language("Биыл депутаттар бес жобаны бекітті, ал министр бірнеше мектепті аралады.") == "kk"
    assert profile("kk").expected and not profile("ru").expected


# Text in a language parallax has no data for must still be named as itself: a Polish or Czech
# article called Swedish or German turns two Polish reports of one event into a cross-lingual pair.
OUTSIDE_OURS = [
    (
        "Rząd przyjął w czwartek projekt ustawy o pomocy dla rolników poszkodowanych przez suszę. "
        "Premier zapowiedział, że pierwsze wypłaty trafią do gospodarstw jeszcze w tym miesiącu.",
        "pl",
    ),
    ("Wybory samorządowe. Komisja wyborcza podała wstępne wyniki głosowania.", "pl"),
    (
        "Vláda ve čtvrtek schválila návrh zákona o pomoci zemědělcům, které postihlo sucho. "
        "První platby podle premiéra dostanou ještě tento měsíc.",
        "cs",
    ),
]


@pytest.mark.parametrize(("text", "code"), OUTSIDE_OURS)
def test_a_language_outside_ours_is_named_as_itself(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_sentence_is_in_the_language_of_its_words_not_of_its_names() -> None:
    # English names of a club and a league in a German sentence; an English sentence stays English.
    sentences = [
        "Golden State Warriors hat den Titel in der National Basketball Association gewonnen.",
        "The club said on Sunday that the stadium would be rebuilt before the next season.",
    ]
    assert detect_sentence_languages(sentences, "de") == ["de", "en"]

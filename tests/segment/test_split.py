"""split_sentences: offsets, bounds, line breaks and scripts, whatever the language."""

from __future__ import annotations

import itertools

import pytest

from parallax.segment import split_sentences


def sentences(text: str, language: str | None = None, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, start, end, language)]


def test_spans_are_trimmed_ordered_and_never_empty() -> None:
    text = "  Первое предложение.   Второе предложение!  \n\n   Третье?  "
    spans = split_sentences(text, language="ru")
    assert [text[s:e] for s, e in spans] == ["Первое предложение.", "Второе предложение!", "Третье?"]
    assert all(s < e for s, e in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text, language="kk") == []


def test_a_region_is_split_alone_and_spans_never_cross_its_end() -> None:
    text = "Title line.\n\nThe first sentence is here. The second one runs on and on. Footer."
    start = text.index("The first")
    end = text.index("runs on")
    spans = split_sentences(text, start, end, "en")
    assert [text[s:e] for s, e in spans] == ["The first sentence is here.", "The second one"]
    assert all(start <= s < e <= end for s, e in spans)


def test_an_end_past_the_text_and_an_empty_region() -> None:
    text = "Бір сөйлем. Екі сөйлем."
    assert sentences(text, "kk", 0, 10_000) == ["Бір сөйлем.", "Екі сөйлем."]
    assert split_sentences(text, 5, 5, "kk") == []
    assert split_sentences(text, 8, 3, "kk") == []


def test_offsets_count_code_points_past_the_basic_plane() -> None:
    text = "Бағасы 😀 өсті. Келесі 𠀀 сөйлем. Соңғы."
    assert sentences(text, "kk") == ["Бағасы 😀 өсті.", "Келесі 𠀀 сөйлем.", "Соңғы."]


def test_a_blank_line_always_ends_a_sentence() -> None:
    text = "Министр былай деді\n\nжаңа жоба іске қосылды."
    assert sentences(text, "kk") == ["Министр былай деді", "жаңа жоба іске қосылды."]


def test_a_heading_line_stands_alone_and_wrapped_lines_join() -> None:
    text = (
        "Kazakhstan and Germany sign 30 agreements\n"
        "The leaders of the two countries met in Astana on Tuesday and signed\n"
        "agreements worth 5.2 billion euros. Officials said more deals would follow\n"
        "in the coming months."
    )
    assert sentences(text, "en") == [
        "Kazakhstan and Germany sign 30 agreements",
        "The leaders of the two countries met in Astana on Tuesday and signed\n"
        "agreements worth 5.2 billion euros.",
        "Officials said more deals would follow\nin the coming months.",
    ]


def test_one_phrase_per_line_gives_one_sentence_per_line() -> None:
    text = "Экспорт 18,7 млрд доллар\nИмпорт 12,1 млрд доллар\nТауар айналымы 30,8 млрд доллар"
    assert sentences(text, "kk") == text.split("\n")


def test_windows_line_ends() -> None:
    text = "Заголовок новости\r\nПервое предложение. Второе предложение.\r\n\r\nТретье."
    expected = ["Заголовок новости", "Первое предложение.", "Второе предложение.", "Третье."]
    assert sentences(text, "ru") == expected


def test_a_colon_at_a_line_end_carries_on() -> None:
    text = "Министр отметил:\nЭкспорт вырос на 12%."
    assert sentences(text, "ru") == ["Министр отметил:\nЭкспорт вырос на 12%."]


@pytest.mark.parametrize("language", [None, "xx"])
def test_an_unknown_language_still_gets_script_rules_and_initials(language: str | None) -> None:
    text = "A. Smith arrived. 哈萨克斯坦总统会见了德国总理。双方签署了协议！هل ستوقع الحكومة؟ نعم."
    assert sentences(text, language) == [
        "A. Smith arrived.",
        "哈萨克斯坦总统会见了德国总理。",
        "双方签署了协议！",
        "هل ستوقع الحكومة؟",
        "نعم.",
    ]


def test_a_sentence_without_a_final_stop_is_kept() -> None:
    assert sentences("Бірінші сөйлем. Аяқталмаған сөйлем", "kk") == ["Бірінші сөйлем.", "Аяқталмаған сөйлем"]


def test_decimals_dates_and_times_do_not_end_sentences() -> None:
    first = "Rate is 18.7 or 18,7 percent since 12.03.2025 at 10.30 local time."
    assert sentences(first + " Then it fell.", "en") == [first, "Then it fell."]


def test_a_block_of_headlines_gives_one_sentence_per_line() -> None:
    text = (
        "Сондай-ақ оқыңыз\n"
        "Қазақстан мен Қырғызстан арасындағы тауар айналымы 7 айда 12 пайызға өсті\n"
        "Серіктес жаңалықтары\n"
        "Ыстықкөлге 1,2 млн турист келді"
    )
    assert sentences(text, "kk") == text.split("\n")

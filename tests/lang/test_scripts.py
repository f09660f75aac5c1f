"""The script table (``parallax.lang.scripts``) and its users agree: every sentence terminator
ends a sentence for the segmenter, the cleaner, the entity tokenizer and the quote finder;
the full stops make prose for the cleaner; letters fold one way for phrases and names."""

from __future__ import annotations

import unicodedata

import pytest

from parallax.clean.text import ends_like_sentence, ends_with_period, fold
from parallax.extract.entities.text import normal, tokenize
from parallax.extract.quotes import SENTENCE
from parallax.lang import scripts
from parallax.segment import split_sentences

TERMINATORS = sorted(scripts.SENTENCE_TERMINATORS)


def test_the_terminators_are_unicodes_and_include_every_script_of_ours() -> None:
    for char in ".!?。！？؟۔":  # Latin and Cyrillic, Chinese, Arabic, Persian and Urdu
        assert char in scripts.SENTENCE_TERMINATORS
    assert "؛" not in scripts.SENTENCE_TERMINATORS and "،" not in scripts.SENTENCE_TERMINATORS
    assert set(".。．۔") <= set(scripts.FULL_STOPS)
    assert not set("!?؟") & set(scripts.FULL_STOPS)


@pytest.mark.parametrize("char", TERMINATORS, ids=lambda char: unicodedata.name(char, hex(ord(char))))
def test_every_terminator_ends_a_sentence_for_every_user(char: str) -> None:
    text = f"Alpha beta{char} Gamma delta"
    assert len(split_sentences(text)) == 2
    assert ends_like_sentence(f"Alpha beta{char}") and ends_like_sentence(f"Alpha beta{char}»")
    assert [token.sentence_start for token in tokenize(text)] == [True, False, True, False]
    assert [m.group().strip() for m in SENTENCE.finditer(text)] == [f"Alpha beta{char}", "Gamma delta"]


def test_only_full_stops_make_a_line_prose() -> None:
    for char in scripts.FULL_STOPS:
        assert ends_with_period(f"Alpha beta{char}”")
    for char in "!?؟…":
        assert not ends_with_period(f"Alpha beta{char}")


def test_an_ellipsis_ends_a_line_like_a_sentence() -> None:
    assert ends_like_sentence("Alpha beta…")


def test_kept_cyrillic_letters_survive_both_folds() -> None:
    for kept, plain in (("Мой", "Мои"), ("Київ", "Кіів")):
        assert fold(kept) != fold(plain)
        assert normal(kept) != normal(plain)
    assert fold("Ёлка") == fold("Елка") and normal("Ёлка") == normal("Елка")


def test_arabic_and_persian_spellings_of_a_name_fold_alike() -> None:
    assert normal("كريم") == normal("کریم")
    assert normal("إيران") == normal("ایران")
    assert normal("مـصـر") == normal("مصر")


def test_quote_pairs_gather_every_language_once() -> None:
    pairs = scripts.quote_pairs()
    assert ("«", "»") in pairs and ("„", "“") in pairs and ("「", "」") in pairs
    assert len(pairs) == len(set(pairs))
    for opening, closing in pairs:
        assert opening in scripts.QUOTATION_MARKS and closing in scripts.QUOTATION_MARKS


def test_clauses_open_and_close_at_the_double_quotation_marks_of_our_languages() -> None:
    opening, closing = scripts.clause_quote_marks()
    assert set(opening) == set('«“„"') and set(closing) == set('»”"')
    used = {mark for pair in scripts.quote_pairs() for mark in pair}
    assert set(opening + closing) <= used & set(scripts.QUOTATION_MARKS)
    assert "’" not in opening + closing  # the apostrophe of Kazakhstan’s cuts no clause


def test_the_clause_marks_of_every_script_are_in_the_table() -> None:
    for comma in ",،，":  # Latin and Cyrillic, Arabic and Persian, Chinese
        assert comma in scripts.COMMAS
    assert set(":：") == set(scripts.COLONS) and set(";；") == set(scripts.SEMICOLONS)
    assert not set(scripts.COMMAS + scripts.COLONS + scripts.SEMICOLONS) & set(scripts.SENTENCE_TERMINATORS)

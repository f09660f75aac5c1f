"""The normal form of names: the whole-text shortcut gives what decomposing letter by letter gives."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.extract.entities import text
from parallax.extract.entities.text import normal, normal_form


def by_letter(value: str) -> str:
    """The definition: translate, then decompose each letter and drop its marks (й and ї kept)."""
    value = value.translate(text._APOSTROPHES).translate(text._ARABIC_FORMS).replace("İ", "I")
    out = []
    for char in value:
        if char in text._KEEP_MARKS:
            out.append(char.casefold())
            continue
        out.extend(part for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part))
    return unicodedata.normalize("NFC", "".join(out)).casefold()


# Letters of our scripts with and without marks, lone combining marks, Hangul, ligatures, the
# letters the translations change and the private-use code points the shortcut borrows.
LETTERS = st.sampled_from(
    [chr(c) for c in range(0x20, 0x250)]
    + [chr(c) for c in range(0x300, 0x370)]
    + [chr(c) for c in range(0x400, 0x500)]
    + [chr(c) for c in range(0x600, 0x700)]
    + [chr(c) for c in range(0x1E00, 0x1F00)]
    + list("가각\u1100\u1161\u11a8İıßﬁ’ʻʼ`‘\u200c\u200dـ北京\U000f0000\U000f0001\U000f0003")
)


@settings(max_examples=1000, deadline=None)
@given(st.text(LETTERS, max_size=12))
def test_normal_form_is_the_letter_by_letter_definition(value):
    assert normal_form(value) == by_letter(value)


def test_names_of_every_script():
    for name in ("Erdoğan", "Тоқаев", "Київ", "Йошкар-Ола", "Ёлкин", "الرئيس", "قاسم", "Ålesund",
                 "Ostrava", "O’zbekiston", "İstanbul", "Straße", "서울", "Ελλάδα", "Đà Nẵng", "Ḥalab"):
        assert normal(name) == by_letter(name), name


def test_no_combining_mark_lies_beyond_the_planes_scanned():
    assert not any(unicodedata.combining(chr(c)) for c in range(text.COMBINING_PLANES, sys.maxunicode + 1))


def test_english_spelling_is_read_as_it_sounds_only_for_english():
    from parallax.extract.entities.translit import loose_key, sound_key, to_latin

    assert sound_key("Keith Earls", "en") == sound_key("Keeth Erls", "en")
    assert sound_key("Mike", "en") == loose_key(to_latin("麦克", "zh"))  # a silent e, a long i
    assert sound_key("Keith", "ru") is None  # Russian spelling gives no such rules

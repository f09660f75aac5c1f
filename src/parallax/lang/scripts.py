"""What a script, rather than a language, says about text: one table every stage reads.

Where Unicode has a property for it, the table is Unicode's, read through ICU, so that every
user agrees with ICU's sentence breaks and with each other:

* ``SENTENCE_TERMINATORS``: Unicode ``Sentence_Terminal`` (. ! ? 。 ！ ？ ؟ ۔ । ...), exactly
  the characters ICU's sentence iterator ends sentences on (UAX #29 STerm and ATerm);
* ``FULL_STOPS``: the terminators Unicode names FULL STOP (. 。 ． ۔): a line closed by one
  reads as prose;
* ``CLOSERS``: what may follow a terminator inside its sentence, closing quotes and brackets
  (Unicode ``Sentence_Break=Close``), as a regex property;
* ``QUOTATION_MARKS``: Unicode ``Quotation_Mark``.

Hand-written where Unicode has no property: the ellipsis news ends sentences with, the Arabic
letters Arabic and Persian spell differently, the Cyrillic letters Unicode decomposes that
are letters of their own, and vowels. Quote pairs are the languages' own (``[quotes] marks``),
gathered by :func:`quote_pairs`. What belongs to one language (the Chinese full-width
semicolon ending a sentence, a language's abbreviations) stays in its data file.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import icu
import regex

from parallax import lang


def _chars(pattern: str) -> str:
    return "".join(char for item in icu.UnicodeSet(pattern) for char in item)


SENTENCE_TERMINATORS = _chars("[:Sentence_Terminal:]")
FULL_STOPS = "".join(char for char in SENTENCE_TERMINATORS if "FULL STOP" in unicodedata.name(char, ""))
# Unicode does not count the ellipsis a terminator (ICU does not break after it), but news
# copy ends sentences and headlines with it.
ELLIPSES = "…"
CLOSERS = r"\p{SB=Close}"  # inside a regex character class: [\p{SB=Close}]
QUOTATION_MARKS = _chars("[:Quotation_Mark:]")
# A word: a letter, then letters and the marks written on them (Devanagari and Arabic vowel signs).
WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")

# Letters Arabic and Persian write differently for one sound, and marks of writing only: a
# name keyed once matches every convention (كريم / کریم, إيران / ایران). Hamza forms also
# decompose in Unicode; ى, ی, ٱ, ك and the tatweel do not. ة stays: it is an ending.
ARABIC_LETTER_FORMS: dict[str, str | None] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ك": "ک",
    "ؤ": "و", "ـ": None, "\u200c": None, "\u200d": None,
}  # fmt: skip
# Cyrillic letters Unicode decomposes into a letter and a mark that are letters of their own
# (й is not и, ї is not і); ё folds to е, as Russian writes it.
KEPT_MARKS = "йЙїЇ"
# Vowels of the Latin and Cyrillic alphabets our languages are written in (a case ending
# replaces one: Острава, Остраву), and the signs a case ending replaces as well (Анталья, Анталье).
LATIN_VOWELS = "aeiouy"
CYRILLIC_VOWELS = "аеёиоуыэюяәіөүұїє"
VOWELS = LATIN_VOWELS + CYRILLIC_VOWELS
CYRILLIC_SIGNS = "ьъ"
# The vowels of a key transliterated to ASCII (Tokayev, Tokaev): y is read as a consonant there.
KEY_VOWELS = "aeiou"
# The marks inside a sentence that end a clause, in each of our scripts: Latin and Cyrillic,
# Arabic-script (، ؛), Chinese full-width (， ： ；) and the Chinese enumeration comma 、, which
# lists words within a clause. Unicode's Sentence_Break=SContinue mixes them with dashes and
# hyphens (a dash also joins words: Чолпон-Ата), so the table names them.
COMMAS = ",،，"
LIST_COMMAS = "、"
COLONS = ":："
SEMICOLONS = ";；"
DASHES = "—–-"


def char_class(chars: str, *properties: str) -> str:
    """A regex character class of ``chars`` (escaped) and regex ``properties`` (``\\p{..}``)."""
    return "[" + "".join(regex.escape(char) for char in chars) + "".join(properties) + "]"


def decomposed_kept_marks() -> dict[str, str]:
    """Each kept letter's canonical decomposition -> the letter (и + breve -> й)."""
    return {unicodedata.normalize("NFD", letter): letter for letter in KEPT_MARKS}


@cache
def quote_pairs() -> tuple[tuple[str, str], ...]:
    """The quotation mark pairs of every language (``[quotes] marks``), the first seen first."""
    pairs = (tuple(pair) for data in lang.all_languages() for pair in data.section("quotes").get("marks", []))
    return tuple(dict.fromkeys(pair for pair in pairs if len(pair) == 2))


# Unicode's classes of an opening and a closing mark; a straight mark (Po) is either.
_OPENING_CLASSES = ("Pi", "Ps", "Po")
_CLOSING_CLASSES = ("Pf", "Pe", "Po")


@cache
def clause_quote_marks() -> tuple[str, str]:
    """(opening, closing): the quotation marks at which a clause ends or starts («, » ...).

    The double marks our languages quote with (``[quotes] marks``), told apart by Unicode's
    class (opening or closing punctuation; the straight ``"`` is both). Single marks are left
    out: ’ is also the apostrophe (Kazakhstan’s) and ‘ a letter sign in Uzbek Latin (o‘zbek),
    so they would cut clauses inside words; the corner brackets 「」 are not double marks.
    """
    marks = dict.fromkeys(mark for pair in quote_pairs() for mark in pair)
    double = [mark for mark in marks if mark == '"' or "DOUBLE" in unicodedata.name(mark, "")]
    opening = "".join(m for m in double if unicodedata.category(m) in _OPENING_CLASSES)
    closing = "".join(m for m in double if unicodedata.category(m) in _CLOSING_CLASSES)
    return opening, closing

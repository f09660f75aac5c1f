"""Why a single line is junk: structural rules (script-neutral) and the languages' phrases.

Each rule must match a line as a whole or nearly so; a sentence that merely contains a junk
word ("share", "comment") is prose and stays.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from parallax.clean import dates
from parallax.clean.phrases import REASONS, PrefixMatch, phrase_book
from parallax.clean.text import ends_like_sentence, fold, has_letter, letter_count, unbracket, words

_DIGIT = regex.compile(r"\d")
_DECIMAL = regex.compile(r"(?<![\d.,٫])\d+(?:[\s\u00a0\u202f.,٬]\d{3})*[.,٫]\d{1,4}(?![\d])")
_NUMBER = regex.compile(r"[+\-−]?\d+(?:[\s\u00a0\u202f.,٫٬]\d+)*\s*%?")
_CURRENCY_CODE = regex.compile(r"\b[A-Z]{3}\b")
_TICKER_NOISE = regex.compile(r"[\p{Sc}\p{So}▲▼△▽↑↓↗↘+\-−–—%/|:()\[\]•·,;]")
_HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_])[#＃][\p{L}\p{M}\p{N}_]+")
_HASH_MARK = regex.compile(r"[#＃]")
# Hashtags written with spaces ("#су тасқыны") run to the next mark; each is a few words.
MAX_HASHTAG_WORDS = 3
_CRUMB_SEPARATOR = regex.compile(r"\s+[>»›/|→]\s+|\s*[>»›→]\s*")
_ARROW_SEPARATOR = regex.compile(r"[>»›→]")
_COPYRIGHT_SIGN = regex.compile(r"©|\([cс]\)\s*\d", regex.IGNORECASE)
_CREDIT_PARTS = regex.compile(r"[;|]")
_LEADING_SEPARATORS = regex.compile(r"^[\s|·•,;:/\-–—]+")

MAX_TICKER_CHARS = 80
MAX_TICKER_NAMES = 5
MAX_TICKER_NAME_LETTERS = 16
MAX_CRUMB_WORDS = 5
# How long a line each phrase rule accepts, in words.
MAX_WORDS = {
    "read_also": 25,
    "credits": 15,
    "tags": 25,
    "subscribe": 12,
    "copyright": 30,
    "navigation": 12,
    "paywall": 40,  # a sign-in or registration prompt: a sentence or two
    "contact": 40,  # a press office's contact block: names, phone, e-mail, who sent the release
}
MAX_COOKIE_WORDS = 80
# A form's field list or a menu: this many cased words at least (more than a headline in title
# case has), nearly all capitalised.
MIN_FIELD_LIST_WORDS = 30
MIN_FIELD_LIST_SHARE = 0.8
_LIST_SEPARATOR = regex.compile(r"[,،、，;؛]")
MAX_NAME_WORDS = 4  # "Автор Иван Петров": a credit without a colon is followed by a name only


@dataclass(frozen=True)
class Stamp:
    """A line that starts with a date stamp: the stamp's match, and what follows it."""

    match: dates.LineDate
    rest_start: int  # offset in the line where the remainder starts
    rest_reason: str | None  # why the remainder is junk; None when there is no remainder


def classify(text: str) -> str | None:
    """The reason a (stripped, non-empty) line is junk, or None when it is kept."""
    if stamp(text) is not None:
        return "timestamp"
    if not has_letter(text):
        return _letterless_reason(text)
    for rule in (_hashtags, _phrases, _ticker, _crumbs, _copyright_sign, _field_list):
        reason = rule(text)
        if reason:
            return reason
    return None


def stamp(text: str) -> Stamp | None:
    """The date stamp a line starts with, when the rest of the line is nothing or junk.

    "12.03.2025, 19:05", "15 августа 2025, 19:20 · 👁 2 315", "2025-03-12 22:31:07　来源：寰宇网".
    """
    found = dates.stamp_at_start(text)
    if found is None:
        return None
    rest = text[found.end :]
    remainder = _LEADING_SEPARATORS.sub("", rest)
    if not remainder.strip(" .,;:"):
        return Stamp(found, len(text), None)
    if found.place:
        return None  # "Курс доллара на 12 марта: 475,54 тенге" is a headline, not a stamp
    reason = classify(remainder)
    if reason is None:
        return None
    return Stamp(found, len(text) - len(remainder), reason)


def _letterless_reason(text: str) -> str:
    if _DECIMAL.search(text):
        return "ticker"
    return "lone-number" if _DIGIT.search(text) else "symbols"


def _hashtags(text: str) -> str | None:
    if not _HASHTAG.search(text):
        return None
    if _hashtag_line(text):
        return "hashtags"
    rest = _HASHTAG.sub(" ", text)
    if letter_count(rest) <= 2 or phrase_book().whole_line_reason(fold(rest)) == "tags":
        return "hashtags"
    return None


def _hashtag_line(text: str) -> bool:
    """A line of tags, some written with spaces: "#ПрезидентСоты #су тасқыны #Астана"."""
    tags = _HASH_MARK.split(text.strip())
    if tags[0].strip() or len(tags) < 3 or ends_like_sentence(text):  # two tags at least
        return False
    return all(0 < len(words(tag)) <= MAX_HASHTAG_WORDS for tag in tags[1:])


def _ticker(text: str) -> str | None:
    """Exchange-rate and market lines: "USD 475.54", "Altın 4.385,20", "Нефть Brent 74,20 ▲"."""
    if len(text) > MAX_TICKER_CHARS or not _DECIMAL.search(text) or ends_like_sentence(text):
        return None
    numbers = len(_NUMBER.findall(text))
    rest = _TICKER_NOISE.sub(" ", _CURRENCY_CODE.sub(" ", _NUMBER.sub(" ", text)))
    names = words(rest)
    # One name per quote, plus one for the instrument ("Нефть Brent 74,20"); names are short.
    if len(names) <= min(numbers + 1, MAX_TICKER_NAMES) and _letter_weight(rest) <= MAX_TICKER_NAME_LETTERS:
        return "ticker"
    return None


def _letter_weight(text: str) -> int:
    """Letters, an ideograph counting as two (it carries about as much as two letters)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text if ch.isalpha())


def _phrases(text: str) -> str | None:
    book = phrase_book()
    folded = fold(unbracket(text))
    reason = book.whole_line_reason(folded)
    if reason:
        return reason
    prefix = book.prefix_match(folded)
    if prefix and prefix.key == "credits":
        return "credit" if _is_credit_line(unbracket(text)) else None
    if prefix and _prefix_is_junk(prefix, text):
        return REASONS[prefix.key]
    key = book.contained_key(folded)
    if key and len(words(text)) <= (MAX_COOKIE_WORDS if key == "cookie" else MAX_WORDS[key]):
        return REASONS[key]
    return None


def _prefix_is_junk(prefix: PrefixMatch, text: str) -> bool:
    line_words = len(words(text))
    limit = MAX_WORDS.get(prefix.key)
    if prefix.key in ("read_also", "tags", "navigation"):
        return prefix.separated and line_words <= (limit or 0)
    if prefix.key == "subscribe":
        return line_words <= (limit or 0)
    if prefix.key == "contact":  # "Pressekontakt: ...", "Media contact: ..."
        return prefix.separated and line_words <= (limit or 0)
    if prefix.key == "copyright":
        # "Copyright © 2025 ...", "Copyright: ...", not "Copyright law was changed ..."
        return line_words <= (limit or 0) and (prefix.separated or prefix.rest[:1] in ("©", *"0123456789"))
    if prefix.key == "date_labels":
        return False  # a label belongs to a stamp; the stamp rule handles it
    return prefix.separated and not prefix.rest


def _is_credit_line(text: str) -> bool:
    """Every part of the line is a credit: "Reporting by John Carter; Editing by Anna Reed"."""
    parts = [part.strip() for part in _CREDIT_PARTS.split(text) if part.strip()]
    return bool(parts) and len(words(text)) <= MAX_WORDS["credits"] and all(map(_is_credit, parts))


def _is_credit(text: str) -> bool:
    """ "Фото: Ақорда", "责任编辑：张倩", "By Hans Müller"; not "By the end of the year, ..." """
    prefix = phrase_book().prefix_match(fold(text))
    if prefix is None or prefix.key != "credits":
        return False
    if prefix.separated:
        return True
    name = words(text)[-len(words(prefix.rest)) :] if prefix.rest else []
    if not name or len(name) > MAX_NAME_WORDS or ends_like_sentence(text):
        return False
    # Names are capitalised; short particles inside them are not ("Anna van Dijk", "John Carter in Almaty").
    return _capitalised(name[0]) and all(_capitalised(word) or len(word) <= 3 for word in name[1:])


def _capitalised(word: str) -> bool:
    return not word[0].islower()


def _crumbs(text: str) -> str | None:
    """ "Басты бет / Саясат", "Home > World > Asia", "首页 > 国际 > 正文"."""
    segments = [segment.strip() for segment in _CRUMB_SEPARATOR.split(text)]
    if len(segments) < 2 or any(not segment or ends_like_sentence(segment) for segment in segments):
        return None
    if any(len(words(segment)) > MAX_CRUMB_WORDS for segment in segments):
        return None
    starts_at_home = _is_navigation(segments[0])
    arrows = len(segments) >= 3 and _ARROW_SEPARATOR.search(text)
    return "navigation" if starts_at_home or arrows else None


def _is_navigation(segment: str) -> bool:
    book = phrase_book()
    folded = fold(segment)
    if book.whole_line_reason(folded) == "navigation":
        return True
    prefix = book.prefix_match(folded)
    return bool(prefix and prefix.key == "navigation" and prefix.separated)


def _field_list(text: str) -> str | None:
    """A long run of capitalised words with no comma and hardly a lower-case word: the labels and
    options of a form ("First Name Last Name Organisation Job Title Country Albania Algeria ..."),
    or a menu. Prose, even in a language that capitalises nouns, has its verbs and articles."""
    if _LIST_SEPARATOR.search(text):
        return None
    cased = [word for word in words(text) if word[0].isupper() or word[0].islower()]
    if len(cased) < MIN_FIELD_LIST_WORDS:
        return None
    capitalised = sum(word[0].isupper() for word in cased)
    shouted = sum(word.isupper() and len(word) > 3 for word in cased)
    if capitalised >= MIN_FIELD_LIST_SHARE * len(cased) and shouted < len(cased) / 2:
        return "form"
    return None


def _copyright_sign(text: str) -> str | None:
    if _COPYRIGHT_SIGN.search(text) and len(words(text)) <= MAX_WORDS["copyright"]:
        return "copyright"
    return None

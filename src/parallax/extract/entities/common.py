"""How common a word is in its language: a capital on a very common word is weak evidence of a name.

Devlet, État, Head, Высшего, Крім are among the most frequent words of their languages; written
with a capital they start a sentence, a headline or a descriptive title far more often than they
name someone. The frequencies come from ``wordfreq`` (Zipf scale: 6 is one word in a thousand,
3 one in a million) for the languages it covers; every language file may add its own
``[entities] common_words`` (the only source for languages wordfreq lacks: Kazakh, Kyrgyz,
Uzbek). Keys are our normal form (:func:`normal`), so État and etat are one word.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from ...lang import maybe_load
from ...tables import memoised, stored_table
from .rules import Rules, lemmatiser_of
from .text import normal

# Words at least this frequent are kept in the table (phrases of such words are all common).
TABLE_MIN_ZIPF = 3.5
# A single word this frequent needs more than a capital to be a name.
COMMON_ZIPF = 4.0
# Each word of a phrase this frequent: the phrase is a description (Financial Market).
PHRASE_ZIPF = 3.5
# A word read as a known name only by its spelling key (Крім, "except", as Crimea) must be
# rarer than this: the names of the news (Путин 5.1, Erdoğan 5.2) are frequent words too.
KEY_COMMON_ZIPF = 5.3
# A sentence-initial capital is a town on the gazetteer's word only when rarer than this.
GAZETTEER_SUPPORT_ZIPF = 3.0
# The stored vocabulary keeps words down to this frequency; rarer ones read as 0 (no caller asks
# about less: the noun and town checks draw their lines at 2.5 and 3.0).
VOCABULARY_MIN_ZIPF = 2.5
LISTED = 9.0  # the frequency given to a word a language file lists as common
MEMO_WORDS = 1 << 16  # words whose dictionary reading is remembered per language


def zipf(word: str, rules: Rules) -> float:
    """The Zipf frequency of ``word`` (any case and accents) in the language of ``rules``; 0 if
    rare. The language's table is kept with its rules (``Rules.derived``)."""
    if not rules.code:
        return 0.0
    return rules.derived("word-frequencies", lambda: _table(rules.code)).get(normal(word), 0.0)


def vocabulary_zipf(word: str, rules: Rules) -> float:
    """The Zipf frequency of ``word`` (as written) from wordfreq's list down to VOCABULARY_MIN_ZIPF
    (rarer words than the table keeps: compound nouns such as Weihnachtsbaum are 3.0); 0 for a
    rarer word, without wordfreq or the language."""
    if not rules.code or not _from_wordfreq(rules):
        return 0.0
    return _vocabulary_zipf(word.lower(), rules.code)  # as written: wordfreq keeps the accents


def stored_zipf(word: str, code: str) -> float:
    """``vocabulary_zipf`` for a language code (0 where wordfreq lacks the language)."""
    return _vocabulary_zipf(word.lower(), code) if _vocabulary(code) else 0.0


@lru_cache(maxsize=65536)
def _vocabulary_zipf(word: str, code: str) -> float:
    """wordfreq's ``zipf_frequency`` (tokens and their combination as it computes them) read in the
    stored table: its own lists take a second and 60-160 MB per language in every process, the
    table of the words callers can ask about a tenth of that."""
    table = _vocabulary(code)
    plain = _plain_token(word, code)
    if plain is not None:  # one token of letters: no digits to smash, no tokens to combine
        return _at_least_the_floor(_zipf_of(10 ** (table[plain] - 9))) if plain in table else 0.0
    from wordfreq import INFERRED_SPACE_FACTOR, digit_freq, get_language_info, lossy_tokenize, smash_numbers

    tokens = lossy_tokenize(word, code)
    if not tokens:
        return 0.0
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        if smashed not in table:
            return 0.0
        frequency = 10 ** (table[smashed] - 9)
        if smashed != token:
            frequency *= digit_freq(token)
        one_over += 1.0 / frequency
    frequency = 1.0 / one_over
    if get_language_info(code)["tokenizer"] == "jieba":
        frequency *= INFERRED_SPACE_FACTOR ** -(len(tokens) - 1)
    return _at_least_the_floor(_zipf_of(frequency))


def _zipf_of(frequency: float) -> float:
    """A frequency on the Zipf scale as wordfreq rounds it."""
    frequency = round(frequency, math.floor(-math.log10(frequency)) + 3)  # wordfreq's 3 digits
    return round(math.log10(frequency) + 9, 2)


def _at_least_the_floor(value: float) -> float:
    return value if value >= VOCABULARY_MIN_ZIPF else 0.0


# Letters wordfreq's regex tokeniser keeps in one token and its preprocessing leaves alone past
# case folding: Latin, Greek, Cyrillic and Arabic letters, without the Arabic tatweel (removed)
# and the letters with a comma or cedilla below (rewritten in Romanian and Turkish).
_PLAIN_LETTERS = re.compile(
    "[A-Za-z\u00c0-\u015d\u0160-\u0161\u0164-\u0217\u021c-\u024f"
    "\u0370-\u03ff\u0400-\u052f\u0620-\u063f\u0641-\u064a\u066e-\u06d3]+"
)


def _plain_token(word: str, code: str) -> str | None:
    """The one token wordfreq reads ``word`` as, when that needs no wordfreq: importing it (with its
    language and text-fixing libraries) costs half a second, most of a first comparison's budget.
    A word of letters only, already in normal form, in a language tokenised by wordfreq's regex
    without transliteration, is one token: its case fold. None: wordfreq's tokeniser decides."""
    if not (word.isalpha() and _PLAIN_LETTERS.fullmatch(word) and unicodedata.is_normalized("NFKC", word)):
        return None
    info = _tokeniser(code)
    if info.get("tokenizer") != "regex" or info.get("transliteration") is not None:
        return None
    return word.casefold()


@memoised()
def _tokeniser(code: str) -> dict[str, str | None]:
    """How wordfreq tokenises ``code`` (stored: reading it back needs no wordfreq)."""
    return stored_table(f"vocabulary-tokeniser-{code}", lambda: _tokeniser_info(code))


def _tokeniser_info(code: str) -> dict[str, str | None]:
    from wordfreq import get_language_info

    info = get_language_info(code)
    return {key: info[key] for key in ("tokenizer", "transliteration")}


@memoised()
def _vocabulary(code: str) -> dict[str, float]:
    """wordfreq's words of ``code`` as it lists them, down to VOCABULARY_MIN_ZIPF (empty: not covered)."""
    return stored_table(f"vocabulary-{code}", lambda: _word_list(code, VOCABULARY_MIN_ZIPF, str))


def prepare_frequencies(rules: Rules) -> None:
    """Build (and store) the language's frequency tables now rather than on first use."""
    zipf("", rules)
    if rules.code and _from_wordfreq(rules):
        _vocabulary(rules.code)
        _tokeniser(rules.code)


def is_common(word: str, rules: Rules, threshold: float | None = None) -> bool:
    """Whether ``word`` is a very common word of its language (see COMMON_ZIPF)."""
    return zipf(word, rules) >= (COMMON_ZIPF if threshold is None else threshold)


def is_common_form(word: str, rules: Rules, variants, threshold: float | None = None) -> bool:
    """``is_common`` for the word or, where only a language file lists the common words (it gives
    no inflected forms), for a stem of it: ``variants`` maps the word to its stems (Малдың -> мал)."""
    if is_common(word, rules, threshold):
        return True
    if not rules.code:
        return False
    stems = [stem for stem in variants(normal(word)) if len(stem) >= 2]
    if _from_wordfreq(rules):
        # wordfreq lists every inflected form, and a stem would match names (Кулаков); the
        # language file's own words are listed once, so their forms are read through the stem (SMB's).
        return any(zipf(stem, rules) >= LISTED for stem in stems)
    return any(is_common(stem, rules, threshold) for stem in stems)


def frequent_as_a_name(written: str, rules: Rules) -> bool:
    """Whether the frequency of ``written`` counts a name's uses rather than a word's: wordfreq
    counts Toulouse, Marseille and Nice as the words toulouse, marseille, nice (Zipf 4.6), while
    the lemmatiser's dictionary, which lists the language's words in lower case and no names
    (``[entities] dictionary_vocabulary`` in the language file), lists état and mission but not
    them; where nouns are capitalised, a noun is told by its inflected forms. False where the
    file does not say so. Callers ask it of towns the gazetteer knows only."""
    says = rules.derived("dictionary-vocabulary", lambda: _dictionary_vocabulary(rules.code))
    if not rules.code or not says:
        return False
    return not vocabulary_word(written, rules)


def vocabulary_word(written: str, rules: Rules) -> bool:
    """Whether the language's dictionary shows ``written`` to be a word of its vocabulary, not a
    name (where the file says it can: ``dictionary_vocabulary``): listed in lower case (état,
    mission; German verbs and adjectives: das Essen, essen) or, where nouns are capitalised and
    the dictionary lists names too (Wien, Bonn), a noun: an inflected form of another word
    (Resten: Rest) or one whose inflected forms it lists (Halle: Hallen, Zange: Zangen), beyond
    the genitive s that names take as well."""
    says = rules.derived("dictionary-vocabulary", lambda: _dictionary_vocabulary(rules.code))
    if not rules.code or not says:
        return False
    memo = rules.derived("vocabulary-words", dict)
    found = memo.get(written)
    if found is None:
        found = _vocabulary_word(written, rules)
        if len(memo) < MEMO_WORDS:
            memo[written] = found
    return found


def _vocabulary_word(written: str, rules: Rules) -> bool:
    lemmas = lemmatiser_of(rules)
    if lemmas.lists(written.lower()):
        return True
    if not rules.capitalised_nouns:
        return False
    word = written[:1].upper() + written[1:]
    lemma = lemmas.entry(word)
    if lemma is not None and lemma != word and word != lemma + "s":
        return True
    endings = set(rules.morphology.suffixes) - set(rules.morphology.name_suffixes or ())
    return any(lemmas.entry(word + ending) == word for ending in endings)


def dictionary_lemma(written: str, rules: Rules) -> str | None:
    """The lemma the language's dictionary (simplemma's) gives ``written`` as written, case kept
    (Bananenplantagen -> Bananenplantage, Patricks -> Patrick); None where it lists no such word."""
    return lemmatiser_of(rules).entry(written) if rules.code else None


def _dictionary_vocabulary(code: str | None) -> bool:
    data = maybe_load(code)
    return bool(data and data.section("entities").get("dictionary_vocabulary", False))


def _from_wordfreq(rules: Rules) -> bool:
    """Whether wordfreq covers the language (else only its file lists common words)."""
    return rules.derived("from-wordfreq", lambda: bool(_wordfreq(rules.code)))


def _wordfreq(code: str | None) -> dict[str, float]:
    return stored_table(f"word-frequencies-{code}", lambda: _frequencies(code))


def _table(code: str) -> dict[str, float]:
    table = dict(_wordfreq(code))
    data = maybe_load(code)
    listed = data.section("entities").get("common_words", []) if data else []
    for word in listed:
        table[normal(word)] = LISTED
    return table


def _frequencies(code: str) -> dict[str, float]:
    """wordfreq's words of ``code`` down to TABLE_MIN_ZIPF, by normal form (highest wins)."""
    return _word_list(code, TABLE_MIN_ZIPF, normal)


def _word_list(code: str, floor: float, key: Callable[[str], str]) -> dict[str, float]:
    """wordfreq's words of ``code`` down to Zipf ``floor``, each under ``key`` (highest wins)."""
    try:
        import wordfreq
    except ImportError:  # an installation without wordfreq still reads the language files
        return {}
    if code not in wordfreq.available_languages():
        return {}
    table: dict[str, float] = {}
    # Bucket i holds the words of frequency 10**(-i/100): Zipf 9 - i/100.
    for index, bucket in enumerate(wordfreq.get_frequency_list(code)):
        value = round(9 - index / 100, 2)
        if value < floor:
            break
        for word in bucket:
            table.setdefault(key(word), value)
    return table

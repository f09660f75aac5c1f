"""A language's number knowledge compiled into one matcher: words, scales, currencies, percent
words, qualifiers and counted nouns, from the generated CLDR file and the hand-written sections.

Every entry is a sequence of token keys (see :func:`numerals.fold`) in one trie. A text token
matches an entry's key when it equals the key, or is the key with one of the language's
clitic prefixes before it (Arabic و ب ال), or with a chain of the language's endings after
it (Kazakh доллар+ға, Russian компани+й, Turkish dolar+'a). Number words themselves take no
endings but the few listed as ``word_endings`` (Kazakh мың+ға), because short number words
with endings are everyday words in agglutinative languages (Turkish altı+nda, "under").

The sections read (all optional) are ``[numbers]``, ``[scales]``, ``[currencies]``,
``[percent]``, ``[qualifiers]`` and ``[nouns]``; src/parallax/lang/README.md says what each
key means. Besides counted nouns ("companies"), ``[nouns.measures]`` holds the nouns that say
what a figure measures ("growth", "turnover", "share"): context for the comparison, and a
count's noun only when no counted noun follows ("300 loans"). ``lexicon(None)`` knows only
the language-neutral forms (currency symbols, ISO
codes, percent signs).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import lang
from ..lang.dates import names as cldr_names
from ..lang.dates.names import WIDE_AND_ABBREVIATED
from ..lang.numerals import Conventions, Token, compose, fold, tokenize

SEPARATORS = "-'"  # may stand between a stem and its endings: млрд-қа, TL'ye
MIN_STEM = 3  # shorter keys take endings only after a separator
MIN_PREFIXED = 2  # a clitic prefix leaves at least this much of a word (و+ما)
MIN_CLASS_STEM = 2  # a word told by its ending keeps at least this much before it (di+ed)
QUALIFIERS = ("about", "more_than", "less_than", "up_to", "target")
NOUN_OPTIONS = (
    "modifier_endings",
    "verb_endings",
    "capitalised_nouns",
    "noun_before",
    "head_last",
    "plural_endings",
    "plural_forms",
)
RANGE_SLOT = "…"  # where the numbers stand in a range template ("от … до")

# How far from its plain form a token may be for each kind of entry:
# 0 = exact (clitic prefixes allowed), 1 = one of the few number-word endings, 2 = any endings.
AFFIX_LIMIT = {
    "number": 1,
    "qualifier_before": 0,
    "qualifier_after": 0,  # "төмендеді" (went down) is not "төмен" (below) with endings
    "connector": 0,
    "decimal_word": 0,
    "negative": 0,
    "skip": 0,
    "stop": 0,
    "link": 0,
    "ordinal_prefix": 0,
    "id_marker": 0,
    "partitive": 0,
    "range_open": 0,
    "range_join": 0,
    "range_close": 0,
    "modifier": 0,
    "not_number": 0,
    "time": 0,
    "decimal_whole": 0,
    "money_scale": 0,
    "half": 0,
    "ordinal_before": 0,
    "subunit": 2,
    "noun_before_number": 0,
    "fraction": 0,
    "vague_alone": 0,
    "clock_before": 0,
    "hour_before": 0,
    "day_part": 0,
    "list_join": 0,
    "per": 0,
    "duration_after": 0,
}
ANY_AFFIX = 2
SHORT_STEM = 3  # a short key with endings, taken only after the first word of an entry
UNMATCHED = ("newline", "url", "digits")  # tokens no entry contains


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    value: Any
    exact: str | None = None  # the surface, without spaces, to match case-sensitively ("M", "USD")


@dataclass(frozen=True, slots=True)
class Match:
    end: int  # index of the token after the match
    entry: Entry


class NumberLexicon:
    """Everything one language says about numbers, ready to match tokens against."""

    def __init__(self, code: str | None, conventions: Conventions, options: dict[str, Any]) -> None:
        self.code = code
        self.conventions = conventions
        self.prefixes = sorted({fold(p) for p in options.get("prefixes", ())}, key=len, reverse=True)
        self.endings = frozenset(fold(e) for e in options.get("endings", ()))
        self.word_endings = frozenset(fold(e) for e in options.get("word_endings", ()))
        self.ordinal_suffixes = frozenset(fold(e) for e in options.get("ordinal_suffixes", ()))
        # Words for a part of a whole after a count ("two thirds", "две трети"): the denominator.
        self.parts = {fold(k): int(v) for k, v in options.get("parts", {}).items()}
        # Words after an article that make the part a share only before them ("a quarter of").
        self.part_links = frozenset(fold(w) for w in options.get("part_links", ()))
        # "and a half" written as one word with the number ("neun+einhalb").
        self.glued_halves = tuple(fold(h) for h in options.get("and_a_half", ()) if " " not in h)
        # The endings every plural noun after a count takes ("deals", "accords"), where there are such.
        self.plural_endings = tuple(options.get("plural_endings", ()))
        self.plural_forms = frozenset(fold(w) for w in options.get("plural_forms", ()))  # people, children
        # Ordinal endings that are also a cardinal's case ending after some last digits:
        # "2-х" (двух) counts, "20-х" (двадцатых) is an ordinal or a decade.
        cardinal = options.get("cardinal_suffixes", {})
        self.cardinal_suffixes = {fold(e): frozenset(map(int, digits)) for e, digits in cardinal.items()}
        # Ordinals written with a dot ("sein 349. Rennen", "3. kez").
        self.ordinal_dot = bool(options.get("ordinal_dot", False))
        self.ambiguous = frozenset(fold(w) for w in options.get("ambiguous", ()))
        # Number words that count only before a noun ("beide Seiten"; "beide" alone is a pronoun).
        self.needs_noun = frozenset(fold(w) for w in options.get("needs_noun", ()))
        # Articles that count one before "year and a half" ("a year and a half", "un an et demi").
        self.one_articles = frozenset(fold(w) for w in options.get("one_articles", ()))
        # How many times, said in one word: "twice", "трижды", and number words with the
        # language's glued suffix ("drei+mal"). Their count is of the unit TIMES_LEMMA.
        self.multiplicatives = {fold(k): float(v) for k, v in options.get("multiplicatives", {}).items()}
        # Words that are a count of a unit by themselves: "сутки" is 24 hours, "fortnight" 2 weeks.
        counted = options.get("counted_words", {})
        self.counted_words = {fold(k): (float(v[0]), str(v[1])) for k, v in counted.items()}
        self.times_suffixes = tuple(sorted({fold(s) for s in options.get("times_suffixes", ())}, key=len))
        # Beginnings of verbs of reaching or changing ("довести", "жеткіз"): "up to" next to one
        # is the figure reached ("довести до 100"), not a bound. Filled from ``[qualifiers] reach``.
        self.reach: tuple[str, ...] = ()
        # Word classes told by their endings, where the language has telling ones (-ых, -ous, -ed).
        self.modifier_endings = _by_length(options.get("modifier_endings", ()))
        self.verb_endings = _by_length(options.get("verb_endings", ()))
        # Whether names take case endings: a name before a number may then be a possessor
        # ("Махачева 23 победы", "Makhachev's 23 wins") rather than a name with its number.
        self.names_inflect = bool(options.get("names_inflect", False))
        self.latin_script = options.get("script", "Latn") == "Latn"
        # Whether every noun is written with a capital (then a lower-case word is no noun).
        self.capitalised_nouns = bool(options.get("capitalised_nouns", False))
        # Whether the last noun of a compound is its head ("tax inspectors", "салық инспекторы").
        self.head_last = bool(options.get("head_last", False))
        # Marks on a number word that put its counted noun before it (الدول الخمس).
        self.noun_before = _by_length(options.get("noun_before", ()))
        # Range templates ("от … до"): opener, join and closer of each, by template number.
        self.ranges: list[tuple[str, str, str]] = []
        # Years in the Gregorian calendar, and in any other the language's news uses (Solar Hijri 1402).
        self.year_ranges = ((1800, 2100), *(tuple(r) for r in options.get("year_ranges", ())))
        self.fold_table = str.maketrans({fold(k): fold(v) for k, v in options.get("fold", {}).items()})
        self.trie: dict[Any, Any] = {}
        self.vocabulary: set[str] = set()
        self.longest_ending = max(map(len, self.endings), default=0)
        self._keys: dict[str, str] = {}
        self._forms: dict[str, dict[str, int]] = {}
        self._chains: dict[str, bool] = {}
        self._compounds: dict[str, float | None] = {}
        self._values: dict[str, float | None] = {}
        self._first_keys: dict[str, set[str]] = {}  # kind -> keys an entry of that kind starts with
        self._begins: dict[tuple[str, frozenset[str]], bool] = {}

    # --- building ---------------------------------------------------------------------------

    def add(self, kind: str, surface: str, value: Any) -> None:
        keys = self.surface_keys(surface)
        if not keys:
            return
        node = self.trie
        self._first_keys.setdefault(kind, set()).add(keys[0])
        for key in keys:
            node = node.setdefault(key, {})
            self.vocabulary.add(key)
        entries = node.setdefault(None, [])
        exact = surface if kind == "noun" and len(surface) == 1 else exact_surface(surface)
        entry = Entry(kind, value, exact)  # a one-letter unit symbol is its case: "30 g", not "5G"
        if entry not in entries:
            entries.append(entry)

    def remove(self, kind: str, surface: str) -> None:
        node = self._node(self.surface_keys(surface))
        if node is not None and None in node:
            node[None] = [e for e in node[None] if e.kind != kind]

    def replace(self, kind: str, surface: str, value: Any) -> None:
        """Give ``surface`` this meaning only; another spelling of the same key that already means
        the same stays ("Eur" for EUR keeps the ISO code "EUR")."""
        node = self._node(self.surface_keys(surface))
        if node is not None and None in node:
            node[None] = [e for e in node[None] if e.kind != kind or e.value == value]
        self.add(kind, surface, value)

    def surface_keys(self, surface: str) -> list[str]:
        return [self.key(t.text) for t in tokenize(surface.rstrip("-")) if t.kind != "newline"]

    def _node(self, keys: Sequence[str]) -> dict[Any, Any] | None:
        node: dict[Any, Any] | None = self.trie
        for key in keys:
            node = node.get(key) if node is not None else None
        return node

    # --- matching ---------------------------------------------------------------------------

    def key(self, raw: str) -> str:
        key = self._keys.get(raw)
        if key is None:
            key = self._keys[raw] = fold(raw).translate(self.fold_table)
        return key

    def forms(self, raw: str) -> dict[str, int]:
        """The entry keys a token can stand for, each with how much affixing that took."""
        key = self.key(raw)
        found = self._forms.get(key)
        if found is None:
            found = self._forms[key] = self._find_forms(key)
        return found

    def _find_forms(self, key: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for prefix in ("", *self.prefixes):
            if not key.startswith(prefix):
                continue
            rest = key[len(prefix) :]
            if prefix and len(rest) < MIN_PREFIXED:
                continue
            if rest in self.vocabulary:
                found[rest] = 0
            for cut in range(len(rest) - 1, 0, -1):
                stem, tail = rest[:cut], rest[cut:]
                if stem not in self.vocabulary:
                    continue
                level = self._ending_level(tail)
                if level is not None and len(stem) < MIN_STEM and tail[0] not in SEPARATORS:
                    level = SHORT_STEM  # үй+ді: only inside a longer entry (тұрғын үйді)
                if level is not None and found.get(stem, SHORT_STEM + 1) > level:
                    found[stem] = level
        return found

    def _ending_level(self, tail: str) -> int | None:
        bare = tail[1:] if tail[0] in SEPARATORS else tail
        if bare in self.word_endings:
            return 1
        return ANY_AFFIX if self._is_chain(bare, 3) else None

    def _is_chain(self, tail: str, depth: int) -> bool:
        """Whether ``tail`` is a chain of at most ``depth`` endings (Kazakh лар+ы+на)."""
        if not tail:
            return True
        if depth == 0 or len(tail) > self.longest_ending * depth:
            return False
        memo = self._chains.get(tail + str(depth))
        if memo is None:
            memo = any(
                tail.startswith(e) and self._is_chain(tail[len(e) :], depth - 1)
                for e in self.endings
                if e and tail[0] == e[0]
            )
            self._chains[tail + str(depth)] = memo
        return memo

    def match(self, tokens: Sequence[Token], i: int, kinds: Iterable[str] | None = None) -> list[Match]:
        """Every entry (of the given kinds) that the tokens from ``i`` on spell, shortest first."""
        if i >= len(tokens) or tokens[i].kind in UNMATCHED or not self.forms(tokens[i].text):
            return []
        wanted = frozenset(kinds) if kinds is not None else None
        found: list[Match] = []
        frontier: list[tuple[dict[Any, Any], int]] = [(self.trie, 0)]
        j = i
        while frontier and j < len(tokens) and tokens[j].kind not in UNMATCHED:
            forms = self.forms(tokens[j].text)
            if not forms:
                break
            first = j == i
            frontier = [
                (child, max(level, ANY_AFFIX if form_level == SHORT_STEM else form_level))
                for node, level in frontier
                for form, form_level in forms.items()
                if (child := node.get(form)) is not None and not (first and form_level == SHORT_STEM)
            ]
            j += 1
            for node, level in frontier:
                for entry in node.get(None, ()):
                    if wanted is not None and entry.kind not in wanted:
                        continue
                    if level > AFFIX_LIMIT.get(entry.kind, ANY_AFFIX):
                        continue
                    if entry.exact and not _exact_ok(entry.exact, tokens, i, j):
                        continue
                    found.append(Match(j, entry))
        return found

    def longest(self, tokens: Sequence[Token], i: int, kinds: Iterable[str]) -> Match | None:
        found = self.match(tokens, i, kinds)
        return max(found, key=lambda m: m.end) if found else None

    def lemma_match(self, lemma: str, end: int, kinds: Iterable[str]) -> Match | None:
        """The one-word entry of ``kinds`` that a library's lemma of a token spells ("вагонов" read
        as "вагон", "Waggons" as "waggon"), as a match ending at token ``end``: for a word whose
        own forms spell no entry. The lemma takes the language's endings as any token does (the
        lexicon may list a stem: "компани" for "компания")."""
        wanted = frozenset(kinds)
        for form, level in self.forms(lemma).items():
            if level == SHORT_STEM:
                continue
            for entry in self.trie.get(form, {}).get(None, ()):
                allowed = level <= AFFIX_LIMIT.get(entry.kind, ANY_AFFIX)
                if entry.kind in wanted and allowed and not entry.exact:
                    return Match(end, entry)
        return None

    def may_begin(self, raw: str, kinds: frozenset[str]) -> bool:
        """Whether a token may start an entry of one of ``kinds`` (a cheap screen before matching)."""
        key = self.key(raw)
        found = self._begins.get((key, kinds))
        if found is None:
            firsts = [self._first_keys.get(kind, ()) for kind in kinds]
            found = any(form in first for form in self.forms(raw) for first in firsts)
            self._begins[(key, kinds)] = found
        return found

    def number_value(self, raw: str) -> float | None:
        """The value of a number word (or of a compound glued from number words)."""
        key = self.key(raw)
        if key not in self._values:
            self._values[key] = self._number_value(raw)
        return self._values[key]

    def _number_value(self, raw: str) -> float | None:
        for form, level in self.forms(raw).items():
            for entry in self.trie.get(form, {}).get(None, ()):
                if entry.kind == "number" and level <= AFFIX_LIMIT["number"]:
                    return float(entry.value)
        return self._compound_value(self.key(raw))

    def _compound_value(self, key: str) -> float | None:
        """A number written as one word glued from number words (zweihundertfünfzigtausend),
        maybe with the half glued on (neuneinhalb = 9.5)."""
        for half in self.glued_halves:
            stem = key[: -len(half)]
            if key.endswith(half) and stem and (whole := self._number_value(stem)) is not None:
                return whole + 0.5
        if key not in self._compounds:
            parts = self._split_compound(key) if len(key) >= 6 else None
            self._compounds[key] = compose(parts) if parts and len(parts) > 1 else None
        return self._compounds[key]

    def _split_compound(self, key: str) -> list[float] | None:
        if not key:
            return []
        for cut in range(len(key), 0, -1):
            head = key[:cut]
            entries = self.trie.get(head, {}).get(None, ())
            kinds = {e.kind: e.value for e in entries}
            if "number" not in kinds and "connector" not in kinds:
                continue
            rest = self._split_compound(key[cut:].lstrip("-"))
            if rest is not None:
                return ([float(kinds["number"])] if "number" in kinds else []) + rest
        return None

    def part_of(self, raw: str) -> int | None:
        """The denominator a part word names ("thirds" 3, "четверть" 4), else None."""
        return self.parts.get(self.key(raw))

    def counted_word(self, raw: str) -> tuple[float, str] | None:
        """The count and unit a word holds alone ("сутки": 24 hours, "fortnight": 2 weeks)."""
        return self.counted_words.get(self.key(raw))

    def times_value(self, raw: str) -> float | None:
        """The count of a one-word multiplicative ("twice" 2, "dreimal" 3), else None."""
        key = self.key(raw)
        if key in self.multiplicatives:
            return self.multiplicatives[key]
        for suffix in self.times_suffixes:
            stem = key[: -len(suffix)]
            if key.endswith(suffix) and stem and (value := self.number_value(stem)) is not None:
                return value
        return None

    def is_ordinal_suffix(self, raw: str, value: float | None = None) -> bool:
        suffix = self.key(raw).lstrip(SEPARATORS)
        if suffix not in self.ordinal_suffixes:
            return False
        digits = self.cardinal_suffixes.get(suffix)
        if digits is None or value is None or value != int(value):
            return True
        whole = int(value)
        return not (whole % 10 in digits and whole % 100 // 10 != 1)  # teens: "12-х" is an ordinal

    def is_reach_word(self, raw: str) -> bool:
        """A verb of reaching or changing, by its beginning, maybe after a clitic prefix (لي+صل)."""
        key = self.key(raw)
        bare = (key, *(key[len(p) :] for p in self.prefixes if key.startswith(p)))
        return any(word.startswith(self.reach) for word in bare) if self.reach else False

    def is_ending(self, raw: str) -> bool:
        key = self.key(raw)
        return bool(key) and self._ending_level(key) is not None

    def needs_a_noun(self, raw: str) -> bool:
        return self.key(raw) in self.needs_noun

    def is_ambiguous(self, raw: str) -> bool:
        return self.key(raw) in self.ambiguous

    def is_modifier_form(self, raw: str) -> bool:
        """An adjective or participle by its ending ("центральноазиатских", "regional")."""
        return _has_ending(self.key(raw), self.modifier_endings)

    def is_verb_form(self, raw: str) -> bool:
        """A verb form by its ending ("died", "эвакуировались"): never a counted noun."""
        return _has_ending(self.key(raw), self.verb_endings)

    def marks_noun_before(self, raw: str) -> bool:
        """Whether a word is a mark (الـ) or a number word carrying one (الخمس) that puts the
        counted noun before the number."""
        key = self.key(raw)
        for mark in self.noun_before:
            if key == mark:
                return True
            if key.startswith(mark) and self.number_value(key[len(mark) :]) is not None:
                return True
        return False


    def has_noun_before_mark(self, raw: str) -> bool:
        """Whether a word carries a mark that puts a counted noun before a number (الوزراء)."""
        key = self.key(raw)
        return any(key.startswith(mark) and len(key) > len(mark) + 1 for mark in self.noun_before)


def _by_length(endings: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({fold(e) for e in endings if e}, key=len, reverse=True))


def _has_ending(key: str, endings: tuple[str, ...]) -> bool:
    """Whether ``key`` ends with one of ``endings`` after a stem of at least MIN_CLASS_STEM letters."""
    return any(key.endswith(e) and len(key) - len(e) >= MIN_CLASS_STEM for e in endings)


def exact_surface(surface: str) -> str | None:
    """Short abbreviations with capitals match only as written ("M", "Mn", "USD", not "m", "try")."""
    words = surface.replace(".", " ").split()
    if any(ch.isupper() for ch in surface) and words and max(len(w) for w in words) <= 3:
        return surface.replace(" ", "").rstrip("-")
    return None


def _exact_ok(exact: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    written = "".join(t.text for t in tokens[i:j])
    return written.startswith(exact)


# --- compiling a language ------------------------------------------------------------------


@cache
def neutral_data() -> dict[str, Any]:
    source = resources.files(lang.__name__) / "cldr" / "und.json"
    return json.loads(source.read_text(encoding="utf-8")) if source.is_file() else {}


def lexicon(code: str | None) -> NumberLexicon:
    """The compiled number knowledge of a language (None: the language-neutral forms only).

    Built anew on every call: an analysis context keeps what it built (``tables.LanguageTables``).

    A region-tagged code ("kk-KZ", "zh_Hans") reads as its language.
    """
    data = lang.maybe_load(code) or lang.maybe_load((code or "").replace("_", "-").split("-")[0])
    if data is None:
        lexicon = NumberLexicon(None, Conventions(), {})
        add_neutral(lexicon)
        return lexicon
    numbers = data.section("numbers")
    nouns = data.section("nouns")
    options = {
        **numbers,
        **{key: nouns[key] for key in NOUN_OPTIONS if key in nouns},
        "endings": [*numbers.get("endings", ()), *data.section("nouns").get("endings", ())],
        "prefixes": [*numbers.get("prefixes", ()), *data.section("nouns").get("prefixes", ())],
        "ordinal_dot": data.section("segment").get("ordinal_dot", False),
        "names_inflect": data.section("entities").get("names_inflect", True),
        "script": data.section("language").get("script", "Latn"),
        "multiplicatives": numbers.get("multiplicatives", {}),
        "needs_noun": numbers.get("needs_noun", ()),
        "one_articles": numbers.get("one_articles", ()),
        "times_suffixes": numbers.get("times_suffixes", ()),
    }
    symbols = data.cldr.get("numbers", {})
    conventions = Conventions(
        decimal=symbols.get("decimal", "."),
        group=symbols.get("group", ","),
        extra_decimals="".join(numbers.get("decimal_also", ())),
    )
    lexicon = NumberLexicon(code, conventions, options)
    add_neutral(lexicon)
    add_generated(lexicon, data.cldr, data)
    add_supplements(lexicon, data)
    return lexicon


def add_neutral(lexicon: NumberLexicon) -> None:
    neutral = neutral_data()
    for code in neutral.get("currency_codes", ()):
        lexicon.add("currency", code, code)
    for symbol, code in neutral.get("currency_symbols", {}).items():
        lexicon.add("currency", symbol, code)
    for sign in neutral.get("number_signs", ()):
        lexicon.add("id_marker", sign, None)
    for sign in neutral.get("percent_signs", ()):
        lexicon.add("percent_after", sign, "%")
        lexicon.add("percent_before", sign, "%")


def add_generated(lexicon: NumberLexicon, cldr: dict[str, Any], data: lang.LanguageData) -> None:
    excluded = {
        kind: {fold(s) for s in data.section(section).get("exclude", ())}
        for kind, section in (("number", "numbers"), ("scale", "scales"), ("currency", "currencies"))
    }

    def keep(kind: str, surface: str) -> bool:
        return fold(surface) not in excluded[kind]

    spellout = cldr.get("spellout", {})
    for word, value in spellout.get("words", {}).items():
        if keep("number", word):
            lexicon.add("number", word, value)
    for phrase, value in spellout.get("phrases", {}).items():
        lexicon.add("number", phrase, value)
    for word in spellout.get("connectors", ()):
        lexicon.add("connector", word, None)
    for width in ("short", "long"):
        for word, exponent in cldr.get("scales", {}).get(width, {}).items():
            if keep("scale", word):
                lexicon.add("scale", word, exponent)
    for surface, code in unambiguous_currency_forms(cldr.get("currencies", {})).items():
        if keep("currency", surface):
            lexicon.replace("currency", surface, code)
    for forms in cldr_names.months(data.code, widths=WIDE_AND_ABBREVIATED):
        for month in forms:
            if not any(char.isdigit() for char in month):  # "1月" is a number and its month word
                lexicon.add("month", month, None)
    for forms in cldr_names.weekdays(data.code, widths=WIDE_AND_ABBREVIATED):
        for weekday in forms:  # "samedi 18 heures": a weekday before a number of hours names a time
            lexicon.add("weekday", weekday, None)


def unambiguous_currency_forms(currencies: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    """Currency names and symbols that name one currency only in this language."""
    owners: dict[str, set[str]] = {}
    for code, forms in currencies.items():
        for surface in (*forms.get("names", ()), *forms.get("symbols", ())):
            owners.setdefault(fold(surface), set()).add(code)
    out = {}
    for code, forms in sorted(currencies.items()):
        for surface in (*forms.get("names", ()), *forms.get("symbols", ())):
            if len(owners[fold(surface)]) == 1:
                out[surface] = code
    return out


def add_supplements(lexicon: NumberLexicon, data: lang.LanguageData) -> None:
    numbers = data.section("numbers")
    for word, value in numbers.get("words", {}).items():
        lexicon.replace("number", word, value)
    simple_lists = {
        "connectors": "connector",
        "decimal_words": "decimal_word",
        "negative": "negative",
        "ordinal_prefixes": "ordinal_prefix",
        "id_markers": "id_marker",
        "year_words": "year",
        "date_words": "date",
        "time_words": "time",
        "and_a_half": "half",
        "ordinal_before": "ordinal_before",
        "decimal_whole": "decimal_whole",
        "vague_alone": "vague_alone",
        "links": "link",
        "vague": "vague",
        "clock_before": "clock_before",
        "hour_before": "hour_before",
        "duration_after": "duration_after",
        "day_parts": "day_part",
        "list_joins": "list_join",
        "part_markers": "part_marker",
        "part_joins": "part_join",
    }
    for key, kind in simple_lists.items():
        for surface in numbers.get(key, ()):
            lexicon.add(kind, surface, None)
    for unit, surfaces in numbers.get("per", {}).items():  # "жыл сайын", "per year": a rate's period
        for surface in surfaces:
            lexicon.add("per", surface, unit)
    for surface, denominator in numbers.get("fractions", {}).items():
        lexicon.add("fraction", surface, denominator)
    for surface in numbers.get("not_numbers", ()):
        lexicon.add("not_number", surface, None)
    add_ranges(lexicon, numbers.get("ranges", ()))
    for exponent, surfaces in data.section("scales").items():
        if exponent.isdigit():
            for surface in surfaces:
                lexicon.replace("scale", surface, int(exponent))
    for exponent, surfaces in data.section("scales").get("money", {}).items():
        for surface in surfaces:  # "£80m": a scale only after a currency ("5m" alone is metres)
            lexicon.add("money_scale", surface, int(exponent))
    for code, surfaces in data.section("currencies").items():
        if code not in ("exclude", "subunits"):
            for surface in surfaces:
                lexicon.replace("currency", surface, code)
    for surface in data.section("currencies").get("subunits", ()):
        lexicon.add("subunit", surface, 100)  # cents, centimes, копеек, тиын: a hundredth
    add_percent_words(lexicon, data.section("percent"))
    add_qualifiers(lexicon, data.section("qualifiers"))
    add_nouns(lexicon, data.section("nouns"))


def add_percent_words(lexicon: NumberLexicon, percent: dict[str, Any]) -> None:
    kinds = {
        "after": "percent_after",
        "before": "percent_before",
        "points": "points",
        "basis_points": "basis_points",
        "point_words": "point_word",
    }
    for key, kind in kinds.items():
        for surface in percent.get(key, ()):
            lexicon.add(kind, surface, "%")


def add_ranges(lexicon: NumberLexicon, templates: Iterable[str]) -> None:
    """Range templates: "от … до …", "between … and …", "… ile … arasında" (… stands for a number;
    the opener before the first and the closer after the second are optional)."""
    for template in templates:
        parts = [part.strip() for part in template.split(RANGE_SLOT)]
        if len(parts) != 3 or not parts[1]:
            raise ValueError(f"range template {template!r}: write it as '[opener] … join … [closer]'")
        opener, join, closer = parts
        index = len(lexicon.ranges)
        lexicon.ranges.append((opener, join, closer))
        for kind, surface in (("range_open", opener), ("range_join", join), ("range_close", closer)):
            if surface:
                lexicon.add(kind, surface, index)


def add_qualifiers(lexicon: NumberLexicon, qualifiers: dict[str, Any]) -> None:
    for position in ("before", "after"):
        for qualifier, surfaces in qualifiers.get(position, {}).items():
            if qualifier not in QUALIFIERS:
                raise ValueError(f"unknown qualifier {qualifier!r}: use one of {', '.join(QUALIFIERS)}")
            for surface in surfaces:
                lexicon.add(f"qualifier_{position}", surface, qualifier)
    for surface in qualifiers.get("not_after", ()):
        lexicon.add("not_after", surface, None)
    lexicon.reach = tuple(sorted({lexicon.key(word) for word in qualifiers.get("reach", ())}))


def add_nouns(lexicon: NumberLexicon, nouns: dict[str, Any]) -> None:
    for lemma, surfaces in nouns.get("lemmas", {}).items():
        for surface in surfaces:
            lexicon.add("noun", surface, lemma)
    for lemma, surfaces in nouns.get("measures", {}).items():
        for surface in surfaces:
            lexicon.add("measure", surface, lemma)
    for lemma, surfaces in nouns.get("before_number", {}).items():
        for surface in surfaces:
            lexicon.add("noun_before_number", surface, lemma)
    for surface in nouns.get("classifiers", ()):
        lexicon.add("classifier", surface, None)
    for surface in nouns.get("partitive", ()):
        lexicon.add("partitive", surface, None)
    for surface in nouns.get("modifiers", ()):
        lexicon.add("modifier", surface, None)
    for surface in nouns.get("skip", ()):
        lexicon.add("skip", surface, None)
    for surface in nouns.get("stop", ()):
        lexicon.add("stop", surface, None)

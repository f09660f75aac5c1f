"""Finding entity mentions in one text, with per-language rules and data only.

Order of evidence: known names (alias files, pycountry, CLDR, learned aliases) first; then
names introduced by a cue (a title before or after: President X, X总统; a place word: Ақтөбе
облысы, реке Илек, نهر إيليك, Ilek River; the cue is kept apart like a title); then, where the
script has capitals, runs of capitalised words that are not merely sentence-initial; in scripts
without word spaces, transliteration patterns around cue words (X总统, 在X举行, X河), a known
string being only the start of a longer name there (科斯塔 of 科斯塔奈州).

A name run ends on a surname (Айдарбек Сапаров | Орталық…); a capitalised word followed by
lower-case words and an organisation word is an organisation (Орталық коммуникациялар
қызметі); the head word of an organisation or a place alone is none (Службе); a capital at
the start of a sentence counts only with support from the text. Last, a lone surname or an
inflected form is read against the names the same text gives in full (``link_names``).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex
from babel import Locale, UnknownLocaleError
from rapidfuzz import fuzz

from ...lang.dates import names as cldr_names
from ...lang.lemmas import Lemmatiser, lemmatiser
from ...lang.scripts import clause_quote_marks
from ...model import EntityAttrs, Mention, attrs_as
from ...tables import tables_of
from ..spans import SpanSet
from .canon import clitic_as_written, cut_word, entity_by_key, similar_keys
from .common import (
    COMMON_ZIPF,
    GAZETTEER_SUPPORT_ZIPF,
    KEY_COMMON_ZIPF,
    LISTED,
    PHRASE_ZIPF,
    dictionary_lemma,
    frequent_as_a_name,
    is_common_form,
    vocabulary_word,
    vocabulary_zipf,
    zipf,
)
from .gazetteer import FOREIGN_COST, Gazetteer, Match, Target, gazetteer_for, tokens_for
from .lexicon import LANDSCAPES, SUBDIVISIONS, Entity, KnowsNames, Lexicon, build_lexicon
from .places import place_named
from .rules import MIN_COMPOUND_PART, Cue, Rules, head_labels, rules_for, segmenter_tags, type_word
from .segmenter import UNKNOWN, Word, segmented
from .text import WORD, Token, is_acronym, normal, words_of
from .translit import fold_key, loose_key, to_latin

MAX_TITLE_COMPLEMENT = 3  # lower-case words between a title and the name (министр энергетики X)
MIN_REPEATED_NAME = 3  # characters of a name found by a cue that is looked for again in the text
MAX_CUT_CHARACTERS = 2  # characters a longer name runs on past a known one (科斯塔 | 奈州)
MIN_LOCATIVE_STEM = 3  # letters left of a word that a locative ending may close (Ата|да)
NEXT_WORD = regex.compile(r"[\s\-‑]{1,3}([\p{L}\p{M}]+)")
PREVIOUS_WORD = regex.compile(r"([\p{L}\p{M}]+)[\s\-‑]{1,3}$")
WORD_REACH = 64  # characters looked back for the word before a mention (a search from 0 is quadratic)
CURRENCY_STEM = 4  # letters of a currency word kept through its endings (доллар|ына, dolar|ı)
LARGE_TOWN = 50_000  # people: a town this large is a name even where its word starts a sentence
MAX_ORGANISATION_WORDS = 2  # lower-case words before the head of a name (X жағдайлар министрлігі)
MIN_DEMONYM_STEM = 3  # letters of a place left before a demonym ending (Lib|yan)
MIN_PEOPLE_STEM = 4  # ... before a short one (Finn|e; Eng|e, Fin|e are words, not Engl|and's people)
DEMONYM_STEM_TAILS = ("", "a", "e", "ia")
MAX_JOINED_PIECE = 2  # capitalised words after a connector (of Foreign Affairs); more are another name
MAX_JOINED_WORDS = 12  # words of an organisation's name joined by connectors (Institute of X and Y)
IDEOGRAPHS = regex.compile(r"\p{Han}+")
# A domain ending right after a name: lower-case, or capitalised as outlets write their own
# (URA.RU, Gazeta.Ru).
DOMAIN = r"(?:[a-z]{2,6}|[A-Z]{2,3}|[A-Z][a-z])"
WEB_ADDRESS = regex.compile(rf"\.{DOMAIN}(?![\p{{L}}\p{{N}}])")
# A domain glued after a dot to the letters before it is no name of its own (the RU of URA.RU).
DOMAIN_NAME = regex.compile(DOMAIN)
AFTER_DOMAIN_NAME = regex.compile(r"[\p{L}\p{N}]\.$")


@dataclass
class Candidate:
    """A span that names something, before it becomes a Mention."""

    first: int  # token indexes (characters for scripts without word spaces), end exclusive
    last: int
    readings: list[tuple[str, int, str]] = field(default_factory=list)  # (entity, cost, alias), best first
    type: str | None = None
    title: str | None = None
    form: str = "name"
    cuts: tuple[tuple[int, int], ...] = ()
    guess: str | None = None  # a type read from the words around an unknown name
    cue: str | None = None  # the word that told the type of a place or organisation (Елек өзені)
    needs_support: bool = False  # a capital that may only mark the start of a sentence


@dataclass(frozen=True)
class Evidence:
    """What the whole text says about its words' capitals."""

    lowercase: frozenset[str]  # words also written in lower case
    capitalised_inside: frozenset[str]  # words capitalised inside a sentence
    # ...and there a name of one word: the capital of Automotive inside "Turkey Automotive
    # Industry Association" is that name's, no evidence that the word alone names something.
    alone_inside: frozenset[str] = frozenset()

    @classmethod
    def of(cls, tokens: list[Token]) -> Evidence:
        lowercase, inside, alone = set(), set(), set()
        for k, token in enumerate(tokens):
            if not token.text[:1].isupper():
                lowercase.add(token.norm)
            elif not token.sentence_start:
                inside.add(token.norm)
                if not _capitalised_neighbour(tokens, k):
                    alone.add(token.norm)
        return cls(frozenset(lowercase), frozenset(inside), frozenset(alone))


def _capitalised_neighbour(tokens: list[Token], k: int) -> bool:
    before = k > 0 and tokens[k - 1].capitalised and _adjacent(tokens[k])
    after = k + 1 < len(tokens) and tokens[k + 1].capitalised and _adjacent(tokens[k + 1])
    return before or after


def find_entities(text: str, language: str | None, context: KnowsNames | None = None) -> list[Mention]:
    """Entity mentions in ``text`` (offsets relative to it), titles kept apart from names.

    ``value`` is the canonical Latin name when known, else a provisional Latin form of the
    inflection-stripped name. ``attrs``: type, title, canonical, key, stem, latin, form.
    ``context``: the analysis context whose names are known (None: the curated names).
    """
    lexicon = context.lexicon if context is not None else build_lexicon()
    rules = tables_of(context).get(rules_for, language)
    gazetteer = gazetteer_for(language if rules.code else None, lexicon)
    if not rules.word_spaces:
        return _find_in_running_text(text, rules, gazetteer, lexicon, context)
    tokens = tokens_for(text, rules)
    evidence = Evidence.of(tokens)
    matches = _without_foreign_first_names(tokens, _known_matches(tokens, gazetteer), rules, lexicon)
    matches = _without_borrowed_tails(tokens, matches, rules)
    matches = _without_places_ending_organisations(tokens, matches, rules, lexicon)
    candidates = [_candidate_of(m) for m in matches if m.candidates[0][0].entity is not None]
    taken = {i for m in matches for i in range(m.first, m.last)}
    cue_matches = [m for m in matches if m.candidates[0][0].entity is None]
    candidates += _names_after_cues(tokens, cue_matches, candidates, taken, rules, evidence, lexicon)
    compounds = _places_opening_compounds(tokens, taken, rules, lexicon)
    candidates += compounds
    taken |= {c.first for c in compounds}
    if rules.capitalisation:
        places = frozenset(
            c.first for c in candidates if c.form == "name" and _kinds(c, lexicon) == {"place"}
        )
        candidates += _capitalised_runs(tokens, taken, rules, evidence, places, lexicon)
        candidates += _organisations_after_adjectives(tokens, candidates, taken, rules)
        candidates = _places_ending_organisations_in_a_case(tokens, candidates, rules, lexicon)
    candidates += _lowercase_place_adjectives(tokens, taken, rules, lexicon)
    _choose_readings(candidates, tokens, lexicon)
    candidates.sort(key=lambda c: c.first)
    mentions = [_mention(text, tokens, c, rules, lexicon) for c in candidates]
    mentions = _without_title_case_guesses(text, mentions, rules)
    mentions = _supported(link_names(mentions, rules), rules)
    mentions = _without_currency_names(text, _without_common_words(mentions, rules, evidence), rules)
    mentions = _without_titles_of_works(text, mentions, rules)
    mentions = _place_adjectives(mentions, rules, lexicon)
    return _without_web_addresses(text, mentions)


TITLE_WORD_LETTERS = 4  # words this long count in telling a line written in title case
TITLE_CASE_SHARE = 0.8  # of them, this share at least capitalised...
TITLE_WORD_ZIPF = 4.0  # ...and at least MIN_TITLE_WORDS of them words of the language this frequent
MIN_TITLE_WORDS = 2
LINE = regex.compile(r"[^\n]+")


def _without_title_case_guesses(text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """A line written in title case (a headline: Biden Laments Failure to Stop Warming) capitalises
    the words of the language too, so a capitalised run there is no evidence of a name: an unknown
    name no cue typed counts there only where the rest of the text writes it as well
    (Biden Laments Failure and Deadly Tornados do not; the body names Biden). Known names and towns
    the gazetteer knows stay. Not where every noun has a capital."""
    if not rules.capitalisation or rules.capitalised_nouns:
        return mentions
    lines = [(m.start(), m.end()) for m in LINE.finditer(text) if _title_case(m.group(), rules)]
    if not lines:
        return mentions
    starts, ends = [0, *(e for _, e in lines)], [*(s for s, _ in lines), len(text)]
    body = "\n".join(text[a:b] for a, b in zip(starts, ends, strict=True))
    if not body.strip():
        return mentions  # a headline alone (a search, a title field): nothing else to read it by
    kept = []
    for mention in mentions:
        attrs = _attrs(mention)
        # A title before a run does not tell where the name ends (Mayor Dana Whitcombe Mourns Loss).
        guessed = not attrs.canonical and not attrs.gazetteer and not attrs.cue
        if guessed and any(s <= mention.start < e for s, e in lines) and mention.text not in body:
            continue
        kept.append(mention)
    return kept


def _title_case(line: str, rules: Rules) -> bool:
    words = [w.group() for w in WORD.finditer(line) if len(w.group()) >= TITLE_WORD_LETTERS]
    if not words or line.rstrip().endswith("."):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    frequent = sum(1 for w in capitalised if zipf(w, rules) >= TITLE_WORD_ZIPF)
    return len(capitalised) >= TITLE_CASE_SHARE * len(words) and frequent >= MIN_TITLE_WORDS


def find_lowercase_names(text: str, language: str | None, found: Sequence[Mention] = (),
                         context: KnowsNames | None = None) -> list[Mention]:
    """Organisations and towns ``text`` names in lower-case words, outside the mentions ``found``
    (see _lowercase_organisations, _town_adjectives): for a comparison, where another source may
    write them as names. They count only where one does (``partner_only``)."""
    rules = tables_of(context).get(rules_for, language)
    if not rules.word_spaces:
        return _headed_phrases(text, found, rules)
    if not rules.capitalisation:
        return []
    tokens = tokens_for(text, rules)
    towns = _town_adjectives(text, tokens, found, rules)
    if not rules.complement_cases:
        return towns
    organisations = _lowercase_organisations(text, tokens, [*found, *towns], rules)
    return sorted(towns + organisations, key=lambda m: m.start)


MAX_ADJECTIVE_ENDING = 3  # letters of an adjective's case ending after its suffix (львів|ськ|ому)


def _town_adjectives(text: str, tokens: list[Token], found: Sequence[Mention], rules: Rules) -> list[Mention]:
    """Lower-case adjectives made of a large town's name the gazetteer knows and a suffix of the
    language's ``town_adjective_suffixes`` (львівському, донецьких: Lviv, Donetsk). An adjective
    may also come from a common word that some town is called (братский, Bratsk), so it counts only
    where another source names the town (``partner_only``)."""
    if not rules.town_adjective_suffixes:
        return []
    out = []
    covered = _tokens_under(tokens, found)
    for k, token in enumerate(tokens):
        if token.capitalised or not token.norm.isalpha() or k in covered:
            continue
        town = _town_of_adjective(token.norm, rules)
        if town is None:
            continue
        attrs = {"type": "place", "canonical": False, "key": fold_key(town), "surface_key": fold_key(town),
                 "stem": token.text, "latin": town, "form": "adjective", "type_guessed": False,
                 "gazetteer": True, "partner_only": True}
        out.append(Mention(kind="entity", start=token.start, end=token.end, text=token.text, value=town,
                           attrs=attrs))
    return out


def _tokens_under(tokens: list[Token], mentions: Sequence[Mention]) -> set[int]:
    """The indices of the tokens that overlap a mention."""
    spans = SpanSet((m.start, m.end) for m in mentions)
    return {k for k, token in enumerate(tokens) if spans.overlaps(token.start, token.end)}


def _town_of_adjective(word: str, rules: Rules) -> str | None:
    for suffix in rules.town_adjective_suffixes:  # longest first
        at = word.rfind(suffix)
        rest = len(word) - at - len(suffix)
        if at < MIN_REGION_STEM or not 0 < rest <= MAX_ADJECTIVE_ENDING:
            continue
        # The town named with its suffix first (Краматор|ськ), then without it (Львів).
        return place_named([word[:at + len(suffix)], word[:at]], LARGE_TOWN)
    return None


# --- known names ---------------------------------------------------------------------------


def _known_matches(tokens: list[Token], gazetteer: Gazetteer) -> list[Match]:
    found = []
    i = 0
    while i < len(tokens):
        match = gazetteer.match_at(tokens, i) or _compound_title(tokens, i, gazetteer.rules)
        # Paris-Wien, the line between two known places: a name after a name is no half of a word
        after_name = bool(found) and found[-1].last == i
        if match is None or (_hyphen_inside_word(tokens, match) and not after_name) \
                or _function_word(tokens, match, gazetteer.rules) \
                or _in_idiom_match(tokens, match, gazetteer.rules):
            i += 1
            continue
        found.append(match)
        i = match.last
    return found


def _function_word(tokens: list[Token], match: Match, rules: Rules) -> bool:
    """One word, not in capitals, that is one of the language's function words (Seine Frau, die
    Seinen: his, not the river another language names so): capitalised by its place or its use."""
    token = tokens[match.first]
    return match.last - match.first == 1 and rules.capitalisation and token.norm in rules.stopwords \
        and not is_acronym(token.text)


def _in_idiom_match(tokens: list[Token], match: Match, rules: Rules) -> bool:
    idioms = rules.derived("place-adjective-idioms", lambda: _place_adjective_idioms(rules.code))
    return bool(idioms) and match.last - match.first == 1 and _in_idiom(tokens, match.first, idioms)


def _compound_title(tokens: list[Token], i: int, rules: Rules) -> Match | None:
    """Where nouns join into one word, a compound whose head is a title before a name is a title
    (Verkehrs|minister, Regierungs|sprecher)."""
    token = tokens[i]
    if not rules.compound_heads or not token.capitalised or i + 1 >= len(tokens) \
            or not tokens[i + 1].capitalised or not _adjacent(tokens[i + 1]):
        return None
    titles = rules.derived("compound-titles", lambda: _title_heads(rules))
    for head, cue in titles:
        if token.norm.endswith(head) and len(token.norm) - len(head) >= MIN_COMPOUND_PART:
            return Match(i, i + 1, ((Target(None, "cue", cue), 0, token.text),), ((0, 0),))
    return None


def _title_heads(rules: Rules) -> tuple[tuple[str, Cue], ...]:
    """The one-word titles before a name that may head a compound, longest first."""
    heads = [(words[0], cue) for words, cue in rules.cues.items() if len(words) == 1
             and cue.type == "person" and cue.before_name and len(words[0]) >= MIN_COMPOUND_PART]
    return tuple(sorted(heads, key=lambda h: -len(h[0])))


def _without_foreign_first_names(
    tokens: list[Token], matches: list[Match], rules: Rules, lexicon: Lexicon
) -> list[Match]:
    """A known surname after an unknown first name is someone else (Akylbek, not Sadyr Japarov)."""

    def longer_name(match: Match, before: int) -> bool:
        return _surname_only(match, lexicon) and _first_name_like(tokens, before, rules)

    return _without_matches_after_a_word(matches, rules, longer_name)


def _without_borrowed_tails(tokens: list[Token], matches: list[Match], rules: Rules) -> list[Match]:
    """A name known only in another language's spelling, right after a capitalised word, ends a
    longer name of that language (Credit Suisse is a bank, not Switzerland; Western Ukraine,
    in the text's own spelling, stays Ukraine)."""

    def longer_name(match: Match, before: int) -> bool:
        return (_adjacent(tokens[match.first]) and _borrowed_only(tokens, match)
                and _name_word(tokens[before], tokens[match.first], rules))

    return _without_matches_after_a_word(matches, rules, longer_name)


def _without_places_ending_organisations(tokens: list[Token], matches: list[Match], rules: Rules,
                                         lexicon: Lexicon) -> list[Match]:
    """A known place joined by a connector to an organisation word before it ends that
    organisation's name (Bank of England, University of Texas): the name is the organisation's,
    and the place alone would be a fact the text does not state."""
    if not rules.connectors:
        return matches
    taken = {i for m in matches for i in range(m.first, m.last)}
    return [m for m in matches
            if not (_only_place(m, lexicon) and _after_organisation_word(tokens, m.first, taken, rules))]


def _places_ending_organisations_in_a_case(tokens: list[Token], candidates: list[Candidate], rules: Rules,
                                           lexicon: Lexicon) -> list[Candidate]:
    """Where an organisation's name goes on in a case (``complement_cases``) and no connector
    joins its words, a known place of one word in that case right after the organisation word
    ends the organisation's name (Банк Японии, Национальный банк Украины: Bank of Japan, National
    Bank of Ukraine), as a connector does where there are some (_without_places_ending_organisations):
    the place alone would be a fact the text does not state. The organisation word is the last
    of a name found before the place, or a capital inside a sentence; a place after a lower-case
    word (министерство обороны России: Russia's Defence Ministry) stays a place."""
    if not rules.complement_cases or rules.connectors:
        return candidates
    lemmas = _lemmas(rules)
    by_end = {c.last: c for c in candidates if c.type == "organisation" or c.guess == "organisation"}
    covered = {k for c in candidates for k in range(c.first, c.last)}
    kept = []
    for candidate in candidates:
        head = candidate.first - 1
        if not _place_completing(tokens, candidate, head, rules, lexicon, lemmas):
            kept.append(candidate)
            continue
        organisation = by_end.get(candidate.first)
        if organisation is not None:
            organisation.last = candidate.last
            organisation.cuts = (*organisation.cuts, (0, 0)) if organisation.cuts else ()
        elif head not in covered and tokens[head].capitalised and not tokens[head].sentence_start:
            kept.append(Candidate(head, candidate.last, type="organisation"))
        else:
            kept.append(candidate)
    return kept


def _place_completing(tokens: list[Token], candidate: Candidate, head: int, rules: Rules, lexicon: Lexicon,
                      lemmas: Lemmatiser) -> bool:
    """A known place of one word in a complement's case right after an organisation word."""
    if candidate.last - candidate.first != 1 or head < 0 or not candidate.readings:
        return False
    if _kinds(candidate, lexicon) != {"place"} or not _adjacent(tokens[candidate.first]):
        return False
    if type_word(tokens[head].norm, rules) != "organisation" or is_acronym(tokens[head].text):
        return False
    return bool(lemmas.cases(tokens[candidate.first].text) & rules.complement_cases)


def _only_place(match: Match, lexicon: Lexicon) -> bool:
    kinds = {lexicon.entities[t.entity].type for t, _, _ in match.candidates if t.entity is not None}
    return kinds == {"place"}


def _after_organisation_word(tokens: list[Token], first: int, taken: set[int], rules: Rules) -> bool:
    """The words before ``first`` are an organisation word, then one connector (not "and")."""
    connector, head = first - 1, first - 2
    if head < 0 or connector in taken or head in taken:
        return False
    joining = tokens[connector]
    return (joining.norm in rules.connectors and joining.norm not in rules.coordinators
            and not joining.capitalised and _adjacent(joining) and _adjacent(tokens[first])
            and tokens[head].capitalised and type_word(tokens[head].norm, rules) == "organisation")


def _without_matches_after_a_word(
    matches: list[Match], rules: Rules, ends_a_longer_name: Callable[[Match, int], bool]
) -> list[Match]:
    """``matches`` without those that ``ends_a_longer_name`` given the free word just before them
    (one no other match took); in a script without capitals no word tells."""
    if not rules.capitalisation:
        return matches
    taken = {i for m in matches for i in range(m.first, m.last)}
    kept = []
    for match in matches:
        before = match.first - 1
        if before >= 0 and before not in taken and ends_a_longer_name(match, before):
            continue
        kept.append(match)
    return kept


def _borrowed_only(tokens: list[Token], match: Match) -> bool:
    """The match's words are written exactly as an alias of another language (Suisse), and no
    reading is of the text's own language (an own alias costs nothing when written whole)."""
    written = " ".join(t.norm for t in tokens[match.first:match.last])
    readings = [(cost, alias) for target, cost, alias in match.candidates if target.entity is not None]
    return bool(readings) and all(
        cost >= FOREIGN_COST and normal(alias) == written for cost, alias in readings)


def _name_word(token: Token, following: Token, rules: Rules) -> bool:
    """A capitalised word of the same script that may begin a name with the word after it."""
    return token.capitalised and token.norm not in rules.stopwords and _same_script(token, following)


def _surname_only(match: Match, lexicon: Lexicon) -> bool:
    readings = [(t, alias) for t, _, alias in match.candidates if t.entity is not None]
    return bool(readings) and match.last - match.first == 1 and all(
        lexicon.entities[t.entity].type == "person" and len(alias.split()) == 1 and t.form == "name"
        for t, alias in readings
    )


def _first_name_like(tokens: list[Token], i: int, rules: Rules) -> bool:
    token = tokens[i]
    return (token.capitalised and not token.sentence_start and _adjacent(tokens[i + 1])
            and not tokens[i + 1].hyphen_before
            and token.norm not in rules.stopwords and not is_acronym(token.text) and len(token.text) > 2)


def _hyphen_inside_word(tokens: list[Token], match: Match) -> bool:
    """A known name must not be half of a hyphenated word (Абу-Даби is not Abu + Даби)."""
    before = match.first > 0 and tokens[match.first].hyphen_before and not _suffix_only(tokens[match.first])
    return before


def _suffix_only(token: Token) -> bool:
    return token.text.islower()


def _candidate_of(match: Match) -> Candidate:
    named = [(t.entity, cost, alias) for t, cost, alias in match.candidates if t.entity is not None]
    form = next(t.form for t, _, _ in match.candidates if t.entity is not None)
    return Candidate(match.first, match.last, readings=named, form=form, cuts=match.cuts)


# --- cues ----------------------------------------------------------------------------------


def _names_after_cues(tokens, cue_matches, candidates, taken, rules: Rules, evidence: Evidence,
                      lexicon: Lexicon) -> list[Candidate]:
    by_first = {c.first: c for c in candidates}
    by_last = {c.last: c for c in candidates}
    found = []
    for cue_match in cue_matches:
        cue = cue_match.candidates[0][0].cue
        if cue.type != "person" and (_definite(tokens, cue_match, rules) or _inflected_cue(cue_match, rules)):
            continue  # المنطقة, الإقليمية, روستاهای: "the region", "regional", "villages" name no place
        target = None
        # ماکرون، رئیس جمهور فرانسه: a name just before a cue that may follow names is its owner.
        after = cue.after_name and cue_match.first in by_last
        if after:
            target = by_last[cue_match.first], cue_match.first
        elif cue.before_name:
            person = cue.type == "person"
            target = _name_after(tokens, cue_match.last, by_first, taken, rules, lexicon, person)
        if target is None and cue.after_name:
            after = True
            target = _name_before(tokens, cue_match.first, by_last, taken, rules, evidence)
        if target is None:
            continue
        name, title_end = target
        if name.readings:  # a known name: the cue only adds the title
            if cue.type == "person" and name.title is None:
                name.title = _title_text(tokens, cue_match, title_end, after)
            continue
        name.type = cue.type
        if cue.type == "person":
            name.title = _title_text(tokens, cue_match, title_end, after)
        else:  # Елек өзені, реке Илек, Ilek River: the cue is kept apart like a title
            name.cue = _title_text(tokens, cue_match, title_end, after)
        taken.update(range(name.first, name.last))
        found.append(name)
    return found


def _title_text(tokens, cue_match: Match, title_end: int, after_name: bool) -> str:
    """The cue and the modifiers it governs (Президент Франции, الرئيس الفرنسي)."""
    if after_name:
        title_end = cue_match.last
    first = tokens[cue_match.first]
    parts = [first.text[_front_cut(first, cue_match.cuts[0]):]]
    for token in tokens[cue_match.first + 1:title_end]:
        parts.append(token.gap_before + token.text)
    return "".join(parts)


def _name_after(tokens, start: int, by_first, taken, rules: Rules, lexicon: Lexicon, title: bool = True
                ) -> tuple[Candidate, int] | None:
    """The name a cue introduces; after a title, skipping the places and adjectives in between
    (Президент Франции X); after a place or organisation word, the very next name."""
    i = start
    skipped = 0
    complemented = False
    while title and i < len(tokens) and _adjacent_or_comma(tokens[i]):
        if i in by_first and _is_modifier(by_first[i], lexicon):
            i = by_first[i].last
        elif _title_complement(tokens[i], rules) and skipped < MAX_TITLE_COMPLEMENT:
            i += 1  # министр энергетики X: lower-case words that complete the title
            skipped += 1
            complemented = True
        elif title and (organisation_end := _organisation_at(tokens, i, taken, rules)) is not None:
            i = organisation_end  # глава Высшего государственного совета X: the title's organisation
            skipped += 1
        else:
            break
    if i >= len(tokens) or not _adjacent_or_comma(tokens[i]):
        return None
    if i in by_first:
        return by_first[i], i
    if not _adjacent(tokens[i]):
        return None  # an unknown name follows its title directly, never after a comma
    last = _unknown_name_end(tokens, i, taken, rules, step=1)
    if last - i == 1 and not rules.capitalisation and not _ends_clause(tokens, last, rules):
        return None  # one bare word after a title, in a script without capitals, is rarely a name
    if skipped and rules.capitalisation and not _person_shaped(tokens[i:last], rules):
        return None  # лидеры приняли Чолпон-Атинскую…: words after a title that are no complement
    if skipped and any(type_word(t.norm, rules) == "organisation" for t in tokens[i:last]):
        return None  # president after his National Party: words after a title, then no person
    if title and rules.capitalisation and _names_a_kind(tokens[i:last], rules, complemented):
        return None  # Premier League, Minister of Internal Affairs: what the title is of, not who
    if title and last > i and _type_from_ending(tokens[last - 1], rules) == "place":
        return None  # liderleri Çolpon-Ata'da: a name in the locative is where, not who
    return (Candidate(i, last), i) if last > i else None


def _organisation_at(tokens: list[Token], i: int, taken, rules: Rules) -> int | None:
    """The end of an organisation's name that starts at ``i`` and goes on in lower-case words
    (Высшего государственного совета, Ассоциации врачей): no person's name, though capitalised."""
    if not rules.complement_cases or not tokens[i].capitalised:
        return None
    end = i + 1
    while end < len(tokens) and end not in taken and tokens[end].capitalised and _adjacent(tokens[end]):
        end += 1
    head_end = _organisation_head(tokens, end, taken, rules)
    if head_end is not None:
        return _complement_end(tokens, head_end, taken, rules)
    return _headed_complement(tokens, i, end, taken, rules)


def _names_a_kind(words: list[Token], rules: Rules, after_complement: bool) -> bool:
    """Words after a title that say what kind of thing they name (a word for an organisation or a
    place: Premier League) or, after words completing the title (Minister of), common words
    only (Internal Affairs): an organisation or a domain, no person's name."""
    if any(type_word(t.norm, rules) for t in words):
        return True
    return after_complement and all(
        is_common_form(t.norm, rules, rules.morphology.variants) and not _has_name_ending(t.norm, rules)
        for t in words)


def _person_shaped(words: list[Token], rules: Rules) -> bool:
    """Two names apart (Алмасадам Саткалиев) or a surname ending (Саткалиев)."""
    apart = sum(1 for k, token in enumerate(words) if k == 0 or not token.hyphen_before)
    return apart > 1 or any(_has_name_ending(t.norm, rules) for t in words)


def _definite(tokens: list[Token], cue_match: Match, rules: Rules) -> bool:
    """A cue word written with the article its alias lacks (المنطقة for منطقة): "the region"
    points back to a place named before and introduces no name."""
    if not rules.complement_prefixes:
        return False
    written = tokens[cue_match.first].text
    alias = cue_match.candidates[0][2]
    return any(written.startswith(p) and not alias.startswith(p) for p in rules.complement_prefixes)


def _inflected_cue(cue_match: Match, rules: Rules) -> bool:
    """Without capitals, a place word with an ending (a plural, an adjective) is no cue: the
    name it would introduce has nothing else to show it is one."""
    return not rules.capitalisation and any(back for _, back in cue_match.cuts)


def _ends_clause(tokens: list[Token], i: int, rules: Rules) -> bool:
    return i >= len(tokens) or not _adjacent(tokens[i]) or tokens[i].norm in rules.stopwords


def _title_complement(token: Token, rules: Rules) -> bool:
    """министр энергетики, وزير الطاقة: words that complete a title rather than start the name."""
    if token.gap_before.strip():
        return False
    if rules.capitalisation:
        return not token.capitalised
    # As written: the article is ال with a bare alef, أل with a hamza begins a name (ألماسادام).
    return any(token.text.startswith(p) for p in rules.complement_prefixes)


def _name_before(tokens, end: int, by_last, taken, rules: Rules, evidence: Evidence
                 ) -> tuple[Candidate, int] | None:
    if end in by_last:
        return by_last[end], end
    first = _unknown_name_end(tokens, end - 1, taken, rules, step=-1, evidence=evidence)
    return (Candidate(first + 1, end), end) if first < end - 1 else None


def _is_modifier(candidate: Candidate, lexicon: Lexicon) -> bool:
    if candidate.form == "adjective":
        return True
    kinds = _kinds(candidate, lexicon)
    return kinds == {"place"} or kinds == {"organisation"}


def _kinds(candidate: Candidate, lexicon: Lexicon) -> set[str]:
    return {lexicon.entities[e].type for e, _, _ in candidate.readings}


def _adjacent_or_comma(token: Token) -> bool:
    return "\n" not in token.gap_before and token.gap_before.strip() in ("", "-", ",", "،")


def _unknown_name_end(tokens, i: int, taken, rules: Rules, step: int, evidence: Evidence | None = None
                      ) -> int:
    """Walk from token ``i`` over the words of an unknown name; returns the index past it.

    Forwards, a surname ends the name (Айдарбек Сапаров | Орталық…) unless a patronymic or
    another surname follows, and a surname may still follow a name of the usual length
    (أيدار بك ساباروف). Backwards, a capital at the start of a sentence joins the name only
    when the text capitalises that word elsewhere too (Саммит | Шолпан-Ата қаласында).
    """
    count = 0
    limit = rules.max_name_words
    while 0 <= i < len(tokens) and i not in taken:
        token = tokens[i]
        if count >= limit and not (step > 0 and _surname_like(token, rules)):
            break
        if count and not _adjacent(tokens[i] if step > 0 else tokens[i - step]):
            break
        if token.norm in rules.stopwords or token.text.isdigit():
            break
        lower = rules.capitalisation and not token.capitalised
        if lower and (token.norm not in rules.particles or count == 0):
            break
        if step < 0 and count and rules.capitalisation and _only_sentence_initial(tokens, i, evidence):
            break
        if token.norm in rules.particles:
            limit += 1
        count += 1
        i += step
        if step > 0 and _surname_ends_name(tokens, i, count, rules):
            break
    while count and 0 <= i - step < len(tokens) and tokens[i - step].norm in rules.particles:
        i -= step  # a name never ends on a particle
        count -= 1
    return i


def _surname_like(token: Token, rules: Rules) -> bool:
    return _has_name_ending(token.norm, rules)


def _surname_ends_name(tokens: list[Token], end: int, count: int, rules: Rules) -> bool:
    """After a first name, a word with a surname ending closes the name, unless a further
    name-like word is joined to it (a patronymic, a second surname, a hyphenated part)."""
    if count < 2 or not _surname_like(tokens[end - 1], rules):
        return False
    if end >= len(tokens) or tokens[end].hyphen_before:
        return end >= len(tokens)
    return not _surname_like(tokens[end], rules)


def _only_sentence_initial(tokens: list[Token], i: int, evidence: Evidence | None) -> bool:
    """A word capitalised only because it starts a sentence, and joined to the next by a space."""
    token = tokens[i]
    if not token.sentence_start or tokens[i + 1].hyphen_before:
        return False
    return evidence is None or token.norm not in evidence.capitalised_inside


def _adjacent(token: Token) -> bool:
    """Words of one name stand on one line: a line break (a title above its story, a removed
    line of junk between two lines) ends a name."""
    return "\n" not in token.gap_before and token.gap_before.strip() in ("", "-", "‑")


# --- capitalised runs ----------------------------------------------------------------------


def _calendar_words(code: str | None) -> frozenset[str]:
    """Month and weekday names are capitalised in some languages but never entities."""
    if not code:
        return frozenset()
    names = (*cldr_names.months(code), *cldr_names.weekdays(code))
    return frozenset(normal(name) for forms in names for name in forms)


def _capitalised_runs(tokens: list[Token], taken: set[int], rules: Rules, evidence: Evidence,
                      place_starts: frozenset[int], lexicon: Lexicon | None = None) -> list[Candidate]:
    not_names = rules.stopwords | rules.derived("calendar-words", lambda: _calendar_words(rules.code))
    found = []
    i = 0
    while i < len(tokens):
        if i in taken or not _could_start_name(tokens[i], not_names):
            i += 1
            continue
        joined = _joined_organisation(tokens, i, taken, rules, not_names)
        if joined is not None:  # Institute of Physics and Technology: one name, not three
            found.append(Candidate(i, joined, type="organisation"))
            i = joined
            continue
        end = _run_end(tokens, i, taken, rules, not_names)
        if rules.capitalised_nouns:
            end = _compound_end(tokens, i, end, rules)
        organisation_end = _organisation_head(tokens, end, taken, rules)
        if organisation_end is not None and end - i > 1 and _common_opening(tokens[i], rules):
            i += 1  # Заседание Межгосударственной водной комиссии: the sentence's first word is none of it
            continue
        if organisation_end is not None and end - i == 1 and _only_sentence_initial(tokens, i, evidence):
            organisation_end = None  # Екі елдің компаниялары: a sentence that starts with a common word
        if organisation_end is not None:  # Орталық коммуникациялар қызметі: lower-case words, then the head
            head = _head_cut(tokens[organisation_end - 1], rules)
            complement_end = _complement_end(tokens, organisation_end, taken, rules)
            cuts = (*((0, 0) for _ in range(i, organisation_end - 1)), head,
                    *((0, 0) for _ in range(organisation_end, complement_end)))
            found.append(Candidate(i, complement_end, type="organisation", cuts=cuts))
            i = complement_end
            continue
        complement_end = _headed_complement(tokens, i, end, taken, rules)
        if complement_end is not None:  # Ассоциации врачей общей практики: the head, then what it is of
            cuts = (*_name_cuts(tokens[i:end], rules), *((0, 0) for _ in range(end, complement_end)))
            found.append(Candidate(i, complement_end, type="organisation", cuts=cuts))
            i = complement_end
            continue
        if end - i == 1 and _phrase_after(tokens, end, rules) is not None:
            # Северному потоку: where names capitalise their first word only, an adjective opens
            # a name of two words inside a sentence; at its start or a colon's, a phrase
            # (Германия: Четвертая прививка).
            if not tokens[i].sentence_start and not tokens[i].gap_before.strip().endswith(":"):
                found.append(Candidate(i, end + 1, guess="organisation"))
            i = end + 1
            continue
        run = _trim_sentence_start(tokens, i, end, evidence, rules)
        if run is not None and rules.capitalised_nouns:
            run = _without_noun_phrase(tokens, run, rules)
        if run is not None:
            candidate = Candidate(run[0], run[1], needs_support=run[2])
            if _plausible(tokens, candidate, rules, place_starts) or _apposition(tokens, candidate, rules) \
                    or _demonym(tokens, candidate, rules, lexicon):
                found.append(candidate)
        i = end
    return found


def _compound_end(tokens: list[Token], i: int, end: int, rules: Rules) -> int:
    """Where every noun has a capital, a hyphenated compound ending in a common noun is a noun
    (Tesla-Chef, Amazon-Gründer): a name after it is another name, the compound's role."""
    for k in range(i + 1, end - 1):
        token = tokens[k]
        noun = dictionary_lemma(token.text, rules) == token.text and _common_noun(token, rules)
        if token.hyphen_before and not tokens[k + 1].hyphen_before and noun \
                and type_word(token.norm, rules) != "organisation":
            return k + 1
    return end


def _joined_organisation(tokens, i: int, taken, rules: Rules, not_names) -> int | None:
    """The end of an organisation's name whose capitalised words lower-case connectors join
    (Moscow Institute of Physics and Technology, Ministry of Tourism and Antiquities), when
    one of its capitalised words is an organisation word; None otherwise.

    Cut at the connectors, each capitalised piece would be a name of its own (Physics,
    Antiquities) that no translation shares. After a coordinator (and) one word ends the name:
    more capitals there are another name (Bank of England and Mark Carney)."""
    if not rules.connectors or _common_opening(tokens[i], rules):
        return None  # Members of the Contact Group: the sentence's first word is no part of it
    pieces = []  # (first, end, after a coordinator) of each run of capitalised words
    j, coordinated = i, False
    while j < len(tokens) and j - i < MAX_JOINED_WORDS:
        start = j
        while j < len(tokens) and _joinable(tokens, j, start == j == i, taken) and \
                tokens[j].capitalised and tokens[j].norm not in not_names and not tokens[j].text.isdigit():
            j += 1
        if coordinated and j - start > 1:
            # National Security and Defense Council Oleksiy Danilov: after "and", the piece ends on
            # its organisation word and a person's name runs on after it; other capitals there are
            # another name (Bank of England and Mark Carney).
            head = next((k for k in range(start, min(j, start + MAX_JOINED_PIECE))
                         if type_word(tokens[k].norm, rules) == "organisation"), None)
            if head is None:
                break
            j = head + 1
        if j == start:
            break
        if pieces and j - start > MAX_JOINED_PIECE:
            # Association of General Practitioners Ulrich Weigeldt: a person's name runs on after it
            pieces.append((start, start + MAX_JOINED_PIECE))
            break
        pieces.append((start, j))
        if coordinated:
            break
        k = j
        while k < len(tokens) and _joinable(tokens, k, False, taken) and tokens[k].norm in rules.connectors \
                and not tokens[k].capitalised:
            coordinated = coordinated or tokens[k].norm in rules.coordinators
            k += 1
        if k == j or (coordinated and (k - j > 1 or _starts_organisation(tokens, k, rules))):
            break  # and the Bank of England, et la Fondation: another name begins
        j = k
    words = [t for first, end in pieces for t in tokens[first:end]]
    if len(pieces) < 2 or not any(type_word(t.norm, rules) == "organisation" for t in words):
        return None
    first, end = pieces[0]
    opening = tokens[first:end]
    joined_by_and = len(pieces) == 2 and coordinated  # National Security and Defense Council
    if not joined_by_and and not any(type_word(t.norm, rules) for t in opening) and all(
            is_common_form(t.norm, rules, rules.morphology.variants) for t in opening):
        return None  # Head of the Genome Engineering Laboratory: a role, then the name
    return pieces[-1][1]


def _starts_organisation(tokens, k: int, rules: Rules) -> bool:
    return k < len(tokens) and type_word(tokens[k].norm, rules) == "organisation"


def _common_opening(token: Token, rules: Rules) -> bool:
    """A very common word whose capital only starts the sentence (Members, Заседание)."""
    return token.sentence_start and is_common_form(token.norm, rules, rules.morphology.variants)


def _joinable(tokens, j: int, first: bool, taken) -> bool:
    return j not in taken and (first or _adjacent(tokens[j]))


def _head_cut(token: Token, rules: Rules) -> tuple[int, int]:
    """Cut a head word back to the organisation word it inflects (қызметіндегі -> қызметі)."""
    word = token.norm
    forms = [w for w in rules.organisation_words if word.startswith(w) and len(w) < len(word)]
    return (0, len(word) - len(max(forms, key=len))) if forms else (0, 0)


def _organisation_head(tokens: list[Token], end: int, taken, rules: Rules) -> int | None:
    """Where a name capitalised on its first word only ends in an organisation word.

    Орталық коммуникациялар қызметінде, Төтенше жағдайлар министрлігі: up to two lower-case
    words, then the word that says what the organisation is.
    """
    if not rules.lowercase_name_words:
        return None  # Elon Musk's company: where names capitalise every word, a lower-case head is none
    j = end
    while j < len(tokens) and j - end <= MAX_ORGANISATION_WORDS and j not in taken:
        token = tokens[j]
        if not _adjacent(token) or token.norm in rules.stopwords or token.text.isdigit():
            return None
        if not _same_script(tokens[end - 1], token):
            return None
        if type_word(token.norm, rules) == "organisation":
            return j + 1
        if token.capitalised:
            return None
        j += 1
    return None


MAX_COMPLEMENT_WORDS = 6  # lower-case words after an organisation's head (Агентства по регулированию…)


def _complement_end(tokens: list[Token], end: int, taken, rules: Rules) -> int:
    """Where an organisation's name that goes on after its head in lower-case words ends.

    Ассоциации врачей общей практики, Агентства по регулированию и развитию финансового рынка:
    words in the case a complement takes (the genitive), or in the case a preposition opening
    one governs, two parts joined by a coordinator; the name ends before any other word (a
    verb, a capital, a number, punctuation). Languages whose data give no complement cases
    have none."""
    if not rules.complement_cases:
        return end
    lemmas = _lemmas(rules)
    cases = rules.complement_cases
    last = j = end
    while j < len(tokens) and j - end < MAX_COMPLEMENT_WORDS and j not in taken:
        token = tokens[j]
        if not _adjacent(token) or token.capitalised or not _letters_only(token):
            break
        if token.norm in rules.complement_prepositions:
            cases = frozenset({rules.complement_prepositions[token.norm]})
        elif token.norm in rules.complement_coordinators and last > end:
            pass  # по регулированию и развитию: the preposition's case goes on after "and"
        elif lemmas.cases(token.text) & (cases | rules.complement_cases):
            last = j + 1
        else:
            break
        j += 1
    return last


PHRASE = "phrase"  # the form of an organisation named in lower-case words (see _lowercase_organisations)
MAX_HEAD_ADJECTIVES = 2  # lower-case adjectives before an organisation word (городского совета)


def _lowercase_organisations(text: str, tokens: list[Token], mentions: Sequence[Mention], rules: Rules
                             ) -> list[Mention]:
    """Organisations a language writes in lower-case words (министерства сельского хозяйства,
    управления водных ресурсов) where another capitalises them (Ministry of Agriculture, Water
    Resources Authority): an organisation word with the adjectives agreeing with it before and its
    complement after, two words or more. Such a phrase is also a common noun's (the ministry of
    some country), so it counts only where another source names the same organisation
    (``partner_only``), joined by meaning (match._join_translations)."""
    covered = _tokens_under(tokens, mentions)
    lemmas = _lemmas(rules)
    found = []
    for j, token in enumerate(tokens):
        if j in covered or token.capitalised or not token.text.isalpha():
            continue
        if type_word(token.norm, rules) != "organisation":
            continue
        first = j
        while j - first < MAX_HEAD_ADJECTIVES and first > 0 and first - 1 not in covered \
                and _adjacent(tokens[first]) and not tokens[first - 1].capitalised \
                and lemmas.phrase(tokens[first - 1].text, token.text) is not None:
            first -= 1
        end = _phrase_end(tokens, j + 1, _complement_end(tokens, j + 1, covered, rules), rules)
        if end - first < 2:
            continue
        covered.update(range(first, end))
        start, stop = tokens[first].start, tokens[end - 1].end
        written = text[start:stop]
        latin = to_latin(written, rules.code)
        attrs = {"type": "organisation", "canonical": False, "key": fold_key(latin),
                 "surface_key": fold_key(latin), "stem": written, "latin": latin, "form": PHRASE,
                 "type_guessed": False, "partner_only": True}
        found.append(Mention(kind="entity", start=start, end=stop, text=written, value=latin, attrs=attrs))
    return found


MIN_COMPLEMENT_LETTERS = 4  # shorter lower-case words are particles the dictionary also reads as nouns (про)


def _letters_only(token: Token) -> bool:
    """A word of letters, an apostrophe inside it counted as one (здоров'я)."""
    return token.norm.replace("'", "").isalpha()


def _phrase_end(tokens: list[Token], start: int, end: int, rules: Rules) -> int:
    """A lower-case complement up to its first short word that is neither a preposition nor a
    coordinator nor a noun in a complement's case (министерства иностранных дел), and without
    such a word at its end."""
    joining = rules.complement_prepositions.keys() | rules.complement_coordinators
    lemmas = _lemmas(rules)
    for k in range(start, end):
        short = len(tokens[k].text) < MIN_COMPLEMENT_LETTERS and tokens[k].norm not in joining
        if short and lemmas.noun_case(tokens[k].text) not in rules.complement_cases:
            end = k
            break
    while end > start and tokens[end - 1].norm in joining:
        end -= 1
    return end


def _organisations_after_adjectives(tokens: list[Token], candidates: list[Candidate], taken,
                                    rules: Rules) -> list[Candidate]:
    """An organisation named by a place's adjective, a lower-case head and what it is of
    (Немецкого общества инфекционных болезней): where only a name's first word takes a capital,
    one inside a sentence on an adjective opens a name; the head and its complement are the
    organisation, the adjective stays the place's (as German Society for… gives Germany)."""
    if not rules.complement_cases:
        return []
    found = []
    for candidate in candidates:
        k = candidate.last
        opening = tokens[candidate.first]
        if candidate.form != "adjective" or not opening.capitalised or opening.sentence_start:
            continue
        if k >= len(tokens) or k in taken or tokens[k].capitalised or not _adjacent(tokens[k]):
            continue
        if type_word(tokens[k].norm, rules) != "organisation":
            continue
        end = _complement_end(tokens, k + 1, taken, rules)
        if end > k + 1:
            cuts = (_head_cut(tokens[k], rules), *((0, 0) for _ in range(k + 1, end)))
            found.append(Candidate(k, end, type="organisation", cuts=cuts))
    return found


def _headed_complement(tokens: list[Token], i: int, end: int, taken, rules: Rules) -> int | None:
    """The end of an organisation's name whose capitalised words end in its head, followed by
    lower-case words of what it is of (Ассоциации врачей общей практики); None where no such
    words follow (the head alone names nothing: Агентства)."""
    if not rules.complement_cases or end >= len(tokens) or tokens[end].capitalised:
        return None  # the cheap look first: most names are followed by no lower-case word
    if type_word(tokens[end - 1].norm, rules) != "organisation":
        return None
    complement_end = _complement_end(tokens, end, taken, rules)
    return complement_end if complement_end > end else None


def _could_start_name(token: Token, not_names) -> bool:
    return token.capitalised and token.norm not in not_names and not token.text.isdigit()


def _run_end(tokens, i: int, taken, rules: Rules, not_names) -> int:
    end = i + 1
    while end < len(tokens) and end not in taken and _adjacent(tokens[end]):
        if _surname_ends_name(tokens, end, end - i, rules) or not _same_script(tokens[i], tokens[end]):
            break
        if end - i == 1 and _acronym_before_full_name(tokens, i, taken, not_names):
            break
        if _clitic_ending(tokens[end - 1], rules) and not type_word(tokens[end].norm, rules):
            break  # Cape Town's Groote Kerk: the possessive ends the first name (not Sheriff's Department)
        token = tokens[end]
        if token.capitalised and token.norm not in not_names:
            end += 1
        elif token.norm in rules.particles and end + 1 < len(tokens) and tokens[end + 1].capitalised \
                and end + 1 not in taken and _adjacent(tokens[end + 1]):
            end += 2
        else:
            break
    return end


def _clitic_ending(token: Token, rules: Rules) -> bool:
    """A word with a clitic after its separator (Town's, Ankara'daki): the end of a name."""
    text = token.text.replace("’", "'")
    for separator in rules.morphology.separators:
        head, sep, tail = text.partition(separator)
        if sep and len(head) >= 2 and tail[:1].islower():
            return True
    return False


def _same_script(a: Token, b: Token) -> bool:
    """Whether two words begin in one script: a name does not change alphabet half-way (SpaceX
    | повідомила міністерству, Starlink | Збройними)."""
    return _script(a.text[:1]) == _script(b.text[:1])


@lru_cache(maxsize=4096)
def _script(letter: str) -> str:
    """The script of a letter, as the first word of its Unicode name (LATIN, CYRILLIC, ARABIC...)."""
    return unicodedata.name(letter, "").split(" ")[0]


def _acronym_before_full_name(tokens, i: int, taken, not_names) -> bool:
    """An acronym followed by two more capitalised words is the complement of a title before a
    person's full name (президент ФРН Франк-Вальтер Штайнмаєр, МФТИ Павел Волчков), not a part
    of it; an acronym with one word after it may be the name of one thing (ЧВК Вагнер)."""
    following = tokens[i + 1:i + 3]
    return is_acronym(tokens[i].text) and len(following) == 2 and all(
        t.capitalised and not is_acronym(t.text) and t.norm not in not_names and _adjacent(t)
        and k not in taken and _same_script(tokens[i], t)
        for k, t in enumerate(following, i + 1))


def _trim_sentence_start(tokens, first, end, evidence: Evidence, rules: Rules):
    """A capital at the start of a sentence proves nothing: keep that word only with evidence.

    A name ending is evidence only before another capitalised word (Транскаспийский маршрут is
    no name); a single word may still be kept if the text names it in full elsewhere (see
    ``needs_support``).
    """
    token = tokens[first]
    if not token.sentence_start:
        return first, end, False
    several = end - first > 1
    common = is_common_form(token.norm, rules, rules.morphology.variants) and \
        not _frequent_acronym(token.text, rules) and not _known_town(token, rules)  # Marseille a gagné
    if not several and common:
        return None  # Сондай-ақ, Иә: a very common word that only starts the sentence
    if common and end - first == 2 and _known_town(tokens[first + 1], rules):
        return first + 1, end, False  # Больница Либереца: a common noun, then the town
    # A word the dictionary reads only as a common word before a name (Позже, Художница) is the
    # sentence's, not the name's (an adjective may open one: Новая Каховка): only a capital inside
    # a sentence then speaks for it.
    opening_word = several and _lemmas(rules).common_word_only(token.norm)
    supported = (
        token.norm in (evidence.capitalised_inside if several else evidence.alone_inside)
        or (several and not opening_word and (
            _has_name_ending(token.norm, rules)
            or (token.norm not in evidence.lowercase and not rules.capitalised_nouns)))
    )
    if supported or _acronym_opening(tokens, first):
        return first, end, False
    if not several and token.norm not in evidence.lowercase:
        return first, end, True  # kept only if the text supports it (a surname of a full name)
    first += 1
    while first < end and tokens[first].norm in rules.particles:
        first += 1
    return (first, end, False) if first < end else None


def _acronym_opening(tokens: list[Token], first: int) -> bool:
    """An acronym of three letters or more opening a sentence in lower case (NEP, the company…):
    its capitals are not the sentence's."""
    token = tokens[first]
    following = tokens[first + 1] if first + 1 < len(tokens) else None
    return is_acronym(token.text) and sum(c.isalpha() for c in token.text) >= MIN_ACRONYM_LETTERS \
        and following is not None and not following.text[:1].isupper() and not following.sentence_start


NOUN_ZIPF = 2.5  # a word of the language's vocabulary at least this frequent is a common noun


def _without_noun_phrase(tokens: list[Token], run, rules: Rules):
    """Where every noun has a capital, the part of a run that is a noun phrase, not a name.

    A hyphenated compound whose last part is a common noun, not an organisation word, is a
    noun whose first part may be a name (MLS-Meisterschaft: MLS; Omicron-Fälle; but the
    Robert-Koch-Institut); after an article or a determiner, a role noun before a name of two
    words is left out (dem neuen Coach Rüdiger Rehm), and a noun with what it is of is none
    (eine Flutwelle von Omicron, dem Mutterland der Reformation); common nouns joined by a
    particle are a phrase (Kontaktfälle von Personen). Surnames are as frequent as nouns, so a
    common last word alone proves nothing (Trainer Rehm)."""
    first, end, weak = run
    while first < end and tokens[first].hyphen_before and _common_noun(tokens[first], rules):
        first += 1  # Europa-Park Stadion: the run starts inside a compound, on its common noun
    if first == end:
        return None
    run = first, end, weak
    words = tokens[first:end]
    last = tokens[end - 1]
    # Biontech-CEO: a common acronym the language file lists heads a compound as a noun does
    noun = _common_noun(last, rules) or zipf(last.text, rules) >= LISTED or _compound_noun(last.text, rules)
    if last.hyphen_before and type_word(last.norm, rules) != "organisation" and noun:
        while end - 1 > first and tokens[end - 1].hyphen_before:
            end -= 1  # Motorsport-Königsklasse: a noun, its first part at most a name
        return (first, end, weak) if not tokens[end - 1].hyphen_before else None
    if any(type_word(t.norm, rules) == "organisation" or is_acronym(t.text) for t in words):
        return run
    if end - first > 1 and _genitive_before_noun(tokens[end - 2], last, rules):
        return first, end - 1, weak  # Räikkönens Abschied: the name whose the noun is
    if end - first > 1 and _inflected_adjective(tokens[first], rules) \
            and _vocabulary_noun(tokens[first + 1], rules):
        # Internationalen Frauentag, Christliche Freundschaftsbund: an adjective before a noun of
        # the dictionary opens a noun phrase (a word it lacks may be a name's: Zwischenstaatliche
        # Energierat; so may one it lists as a name: Weiten Amerikas); what follows is a name
        # only as a run of its own (Nordischen Kombinierer X Y).
        return _without_noun_phrase(tokens, (first + 1, end, weak), rules) if end - first > 2 else None
    if end - first == 2 and not last.hyphen_before:
        return _two_word_phrase(tokens, run, rules)
    before = tokens[first - 1] if first else None
    after_determiner = before is not None and _adjacent(tokens[first]) and (
        before.norm in rules.noun_determiners or before.text.isdigit() or _inflected_adjective(before, rules))
    if after_determiner and end - first > 2 and _common_noun(tokens[first], rules):
        # der Sänger Peter Maffay, die Nordischen Kombinierer X Y: a role before the name (never
        # one word: der Große Rat)
        first += 1
        if tokens[first].norm in rules.particles:
            return None  # eine Flutwelle von Omicron: a noun and what it is of
        return first, end, weak
    joined = any(t.norm in rules.particles for t in words[1:-1])
    if joined and _common_noun(words[0], rules) and _common_noun(words[-1], rules):
        return None  # Kontaktfälle von Personen, Weingut zu Weingut: nouns a particle joins
    return run


def _phrase_after(tokens: list[Token], end: int, rules: Rules) -> tuple[str, str] | None:
    """The nominatives of the word before ``end`` and the lower-case word after it, when the
    first is only an adjective agreeing with the second, a noun that is no word for a place or
    an organisation (those make a cue: Персидского залива): Северному потоку."""
    if not rules.name_lemmas or end >= len(tokens) or not _adjacent(tokens[end]):
        return None
    following = tokens[end]
    if following.capitalised or type_word(following.norm, rules) or following.norm in rules.stopwords:
        return None
    return _lemmas(rules).phrase(tokens[end - 1].text, following.text)


def _lemmas(rules: Rules) -> Lemmatiser:
    return rules.derived("lemmatiser", lambda: lemmatiser(rules.code))


def _two_word_phrase(tokens: list[Token], run, rules: Rules):
    """Two capitalised words where every noun has one: a name only where neither is a noun of
    the language's dictionary in an inflected form, nor a noun before a town.

    A noun in its plural or dative is no part of a name (Hektar Bananenplantagen, Nikolaustag
    Geschenke); an inflected noun first leaves the word after it alone, after an article (des
    Bundesstaates Texas) or when that word is no noun itself (Patricks Team is none); a noun
    before a known town is where the town is (im Raum Amberg); a place's adjective before a noun
    is the place (Pariser Amtsträgerin: Paris). The dictionary is the lemmatiser's (first names
    and surnames have no inflected forms there but the genitive s)."""
    first, end, weak = run
    head, tail = tokens[first], tokens[first + 1]
    if _inflected_noun(tail, rules, genitive=False):
        return None
    if _inflected_noun(head, rules, genitive=True):
        if first and tokens[first - 1].norm in rules.noun_determiners and _adjacent(head):
            return first + 1, end, weak  # des Bundesstaates Texas: the noun, then its name
        return None if _dictionary_noun(tail, rules) else (first + 1, end, weak)  # Patricks Team
    noun = _dictionary_noun(head, rules) and not frequent_as_a_name(head.text, rules)  # not Eric
    if (noun or _compound_noun(head.text, rules)) and _known_town(tail, rules):
        return first + 1, end, weak  # im Raum Amberg, der Taucherstaffel Lahnstein
    if _plain_noun(head, rules) and _plain_noun(tail, rules):
        return None  # auf der einen Seite Winzer: two nouns of the dictionary as written
    if _dictionary_noun(tail, rules) and _place_adjective(head, rules):
        return first, first + 1, weak
    return run


def _inflected_adjective(token: Token, rules: Rules) -> bool:
    """A capitalised adjective with a case ending: its lower-case form is the dictionary's
    lower-case lemma with one of the language's adjective inflections (Internationalen:
    international|en, Christliche). Given names are no such forms (Rainer, Ernst, Frank)."""
    if not rules.adjective_inflections or not token.capitalised:
        return False
    lower = token.text.lower()
    lemma = dictionary_lemma(lower, rules)
    return lemma is not None and lemma[:1].islower() and lemma != lower \
        and any(lower == lemma + ending for ending in rules.adjective_inflections)


def _genitive_before_noun(name: Token, noun: Token, rules: Rules) -> bool:
    """A name's genitive, then a noun of the dictionary as written that no name has (Merkels
    Regierung, Räikkönens Abschied): the noun is what the name has, no part of it."""
    if noun.hyphen_before or not _adjacent(noun) or not (_plain_noun(noun, rules) or _rare_noun(noun, rules)):
        return False
    front, back = rules.morphology.name_stem(name.norm)
    if not back or front:
        return False
    lemma = dictionary_lemma(name.text, rules)
    return lemma is None or (lemma == name.text[:-back] and frequent_as_a_name(lemma, rules))


def _plain_noun(token: Token, rules: Rules) -> bool:
    """A noun of the dictionary as written, no name's word (Seite, Winzer; not Team, Wien)."""
    return dictionary_lemma(token.text, rules) == token.text and token.text[:1].isupper() \
        and _dictionary_noun(token, rules) and not frequent_as_a_name(token.text, rules)


def _vocabulary_noun(token: Token, rules: Rules) -> bool:
    """A capitalised noun the dictionary shows to be a word of the language: its forms listed, an
    inflected form of it, or a compound of its words (Frauentag, Kombinierern, Freundschaftsbund;
    not Amerikas, a name's genitive)."""
    return token.capitalised and (vocabulary_word(token.text, rules) or _compound_noun(token.text, rules)
                                  or _inflected_noun(token, rules, genitive=False))


def _rare_noun(token: Token, rules: Rules) -> bool:
    """A noun the dictionary lists as written and shows to be a word of the language, however
    rare in the news (Mogelei: its plural is listed; a name's lemma has no such forms)."""
    return token.text[:1].isupper() and dictionary_lemma(token.text, rules) == token.text \
        and vocabulary_word(token.text, rules)


def _inflected_noun(token: Token, rules: Rules, genitive: bool) -> bool:
    """A capitalised word the dictionary gives another noun as its lemma (Geschenke: Geschenk);
    without ``genitive``, a lemma that only lacks the genitive s is none (Merkels)."""
    lemma = dictionary_lemma(token.text, rules)
    if lemma is None or lemma == token.text or not lemma[:1].isupper():
        return False
    return genitive or token.text != lemma + "s"


def _dictionary_noun(token: Token, rules: Rules) -> bool:
    """A capitalised word the language's dictionary lists and its texts use often (Team, Wehr)."""
    return dictionary_lemma(token.text, rules) is not None and _common_noun(token, rules) \
        and not _known_town(token, rules)


def _place_adjective(token: Token, rules: Rules) -> bool:
    """A place's name with a demonym ending (Pariser, Amberger): the town the gazetteer knows."""
    word = token.norm
    for ending in rules.demonym_endings:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_DEMONYM_STEM and \
                place_named([stem + tail for tail in DEMONYM_STEM_TAILS]) is not None:
            return True
    return False


def _demonym(tokens: list[Token], candidate: Candidate, rules: Rules, lexicon: Lexicon | None) -> bool:
    """One capitalised word that is a known place's people (der Marokkaner): the place."""
    if lexicon is None or candidate.last - candidate.first != 1 or not rules.demonym_endings:
        return False
    table = rules.derived("place-adjective-endings", lambda: _place_adjective_endings(rules.code))
    tails = (*DEMONYM_STEM_TAILS, *(table[1] if table else ()))
    # exact names only: a spelling near a place's (Hunger, Bäcker) is no evidence on its own
    word = tokens[candidate.first].norm
    return _place_of_adjective(word, (rules.demonym_endings, tails), lexicon) is not None \
        or _place_of_people(word, rules, lexicon) is not None


def _apposition(tokens: list[Token], candidate: Candidate, rules: Rules) -> bool:
    """One word after an inflected noun it names, after an article or unknown to the dictionary
    (des Unternehmens Biontech, des Bundesstaates Texas): the noun says what the name is."""
    if candidate.last - candidate.first != 1 or not candidate.first or not rules.capitalised_nouns:
        return False
    word, before = tokens[candidate.first], tokens[candidate.first - 1]
    article = candidate.first > 1 and tokens[candidate.first - 2].norm in rules.noun_determiners
    return _adjacent(word) and before.capitalised and _inflected_noun(before, rules, genitive=True) \
        and (article or dictionary_lemma(word.text, rules) is None)


def _common_noun(token: Token, rules: Rules) -> bool:
    return not is_acronym(token.text) and vocabulary_zipf(token.text, rules) >= NOUN_ZIPF


def _known_town(token: Token, rules: Rules) -> bool:
    least = _town_population(token.text, token.norm, rules)
    if least is None:
        return False
    # A word of the language is a town only as written: its stems are other words' (Zähler: Zahl).
    forms = [token.norm] if least else [token.norm, *_town_stems(token.norm, rules)]
    return place_named(forms, least) is not None


def _town_stems(norm: str, rules: Rules) -> list[str]:
    """The forms a town's name may have without its ending, longest first: every stem where names
    inflect, else only the name endings' (Lahnsteins: Lahnstein; Griffiths is no Griffith)."""
    if rules.names_inflect:
        return sorted(rules.morphology.variants(norm), key=len, reverse=True)
    front, back = rules.morphology.name_stem(norm)
    stem = norm[front:len(norm) - back]
    return [stem] if stem != norm else []


def _town_population(written: str, norm: str, rules: Rules) -> int | None:
    """The people a town the gazetteer knows by ``written`` must have to be taken for it: None when
    the word is too common for any (Küste, Rolle, Mission), unless its frequency is a name's
    (Toulouse, Bonn: then a large town's, as where the dictionary shows a word of the language:
    Zange, Sahne, Drama are small towns somewhere; Wuppertal and Erlangen are large)."""
    if is_common_form(norm, rules, rules.morphology.variants):
        return LARGE_TOWN if frequent_as_a_name(written, rules) else None
    return LARGE_TOWN if vocabulary_word(written, rules) or _vocabulary_stem(written, rules) else 0


def _vocabulary_stem(written: str, rules: Rules) -> bool:
    """Where names take few endings, whether the word without a name's ending is a word of the
    language (des Kamins: Kamin, a fireplace, and a village somewhere)."""
    if rules.names_inflect or len(normal(written)) != len(written):
        return False
    front, back = rules.morphology.name_stem(normal(written))
    return bool(front or back) and vocabulary_word(written[front:len(written) - back], rules)


def _has_name_ending(word: str, rules: Rules) -> bool:
    return any(word.endswith(e) and len(word) > len(e) + 2 for e in rules.name_endings)


def _plausible(tokens, candidate: Candidate, rules: Rules, place_starts=frozenset()) -> bool:
    words = tokens[candidate.first:candidate.last]
    if len(words) == 1 and len(words[0].text) < 2:
        return False
    if len(words) == 1 and type_word(words[0].norm, rules) and not is_acronym(words[0].text):
        return False  # Службе (центральных коммуникаций): the head of a name we cannot delimit
    if len(words) == 1 and candidate.last in place_starts and _adjacent(tokens[candidate.last]):
        return False  # Северной Африки: a capitalised modifier of a known place, not a name
    if not rules.capitalised_nouns:
        return True
    # Where every noun has a capital, only name-like shapes, or a town the gazetteer knows, count on
    # their own.
    after = tokens[candidate.last] if candidate.last < len(tokens) else None
    compound = after is not None and after.hyphen_before and after.text[:1].islower()  # Burn-out
    return (len(words) > 1 or is_acronym(words[0].text) or _has_name_ending(words[0].norm, rules)
            or (_known_town(words[0], rules) and not compound
                and not _noun_after_determiner(tokens, candidate.first, rules)))


def _noun_after_determiner(tokens: list[Token], i: int, rules: Rules) -> bool:
    """A word the dictionary shows to be a noun (its forms listed, or one of them), right after
    an article or a determiner, that the gazetteer knows only as another name of a town (der
    Nische: Nisch, Niš; des Büros): a common noun there. A town's own name keeps it (am Lech:
    rivers and regions take the article), and so does a name the dictionary lists (im Ferrari)."""
    token = tokens[i]
    if not (i > 0 and tokens[i - 1].norm in rules.noun_determiners and _adjacent(token)
            and (vocabulary_word(token.text, rules) or _inflected_noun(token, rules, genitive=True))
            and _common_noun(token, rules)):
        return False
    place = place_named([token.norm])
    return place is None or normal(place) != token.norm


# --- choosing among readings ---------------------------------------------------------------


def _choose_readings(candidates: list[Candidate], tokens: list[Token], lexicon: Lexicon) -> None:
    """Order ambiguous readings by support in the text (Georgia: Tbilisi or Atlanta nearby)."""
    present = {c.readings[0][0] for c in candidates if len(c.readings) == 1}
    words = {t.norm for t in tokens}
    for candidate in candidates:
        if len(candidate.readings) < 2:
            continue
        known = lexicon.entities
        candidate.readings.sort(
            key=lambda r: (-_support(known[r[0]], present, words), r[1], -known[r[0]].prior)
        )


def _support(entity: Entity, present: set[str], words: set[str]) -> int:
    name = entity.name
    score = 3 if name in present else 0
    score += sum(1 for other in entity.context if other in present)
    score += sum(1 for w in entity.context_words if _word_present(normal(w), words))
    return score


def _word_present(word: str, words: set[str]) -> bool:
    return word in words or (len(word) >= 4 and any(w.startswith(word) for w in words))


# --- mentions ------------------------------------------------------------------------------


def _mention(text: str, tokens: list[Token], candidate: Candidate, rules: Rules, lexicon: Lexicon) -> Mention:
    words = tokens[candidate.first:candidate.last]
    cuts = candidate.cuts or _name_cuts(words, rules)
    if candidate.cue and not candidate.readings:
        cuts = tuple((0, 0) for _ in words)  # the cue word takes the case: в городе Кара-Балта
    start = words[0].start + _front_cut(words[0], cuts[0])
    stem = candidate.readings[0][2] if candidate.readings else _name_text(words, cuts, rules)
    if not candidate.readings and candidate.type is None:
        candidate.guess = _type_from_neighbours(tokens, candidate.first, rules) or candidate.guess
        locative = _locative_ending(words[-1], rules)
        if locative and not cuts[-1][1]:  # Чолпон-Атада: the place is Чолпон-Ата
            cuts = (*cuts[:-1], (cuts[-1][0], locative))
            stem = _stem_text(words, cuts)
        candidate.guess = candidate.guess or ("place" if locative else None)
    return _build(text, start, words[-1].end, stem, candidate, rules, lexicon)


def _name_cuts(words: list[Token], rules: Rules) -> tuple[tuple[int, int], ...]:
    """Affixes to cut from each word of an unknown name. Where names do not inflect, only the
    last word takes an ending (the genitive s of Tokajews, never the s of Chris Boshuizen)."""
    cuts = [rules.morphology.name_stem(t.norm) for t in words]
    if not rules.names_inflect:
        cuts = [(front, 0) for front, _ in cuts[:-1]] + cuts[-1:]
    return tuple(cuts)


def _type_from_ending(token: Token, rules: Rules) -> str | None:
    """Шолпан-Атада, Çolpon-Ata'da: a name in the locative case is where something happens."""
    return "place" if _locative_ending(token, rules) else None


def _locative_ending(token: Token, rules: Rules) -> int:
    """Letters of a locative ending (with its separator) closing the word, or 0."""
    word = token.norm
    for separator in rules.morphology.separators:
        _head, found, tail = word.partition(separator)
        if found:
            return len(found) + len(tail) if tail in rules.place_suffixes else 0
    for ending in sorted(rules.place_suffixes, key=len, reverse=True):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_LOCATIVE_STEM:
            return len(ending)
    return 0


def _type_from_neighbours(tokens: list[Token], first: int, rules: Rules) -> str | None:
    """в городе Тараз, in the city of Taraz: a place word or preposition just before the name."""
    for k in range(first - 1, max(first - 4, -1), -1):
        token = tokens[k]
        place_word = any(token.norm.startswith(w) for w in rules.place_words if len(w) > 3)
        if place_word or token.norm in rules.place_words:
            return "place"
        if k == first - 1 and token.norm in rules.place_before:
            return "place"
        if not _adjacent(tokens[k + 1]):
            break
    return None


def _front_cut(token: Token, cut: tuple[int, int]) -> int:
    if len(token.text) != len(token.norm) or cut[0] >= len(token.text):
        return 0
    return cut[0] if clitic_as_written(token.text, token.norm, cut[0]) else 0


def _name_text(words: list[Token], cuts, rules: Rules) -> str:
    """An unknown name in its dictionary form: each capitalised word's nominative where the
    language's lemmatiser knows the word (Клименка -> Клименко, an ending no cut can restore),
    else the word with its ending cut."""
    if not rules.name_lemmas:
        return _stem_text(words, cuts)
    lemmas = _lemmas(rules)
    forms = {}
    for k, token in enumerate(words[:-1]):
        opening = token.capitalised and not words[k + 1].capitalised
        phrase = lemmas.phrase(token.text, words[k + 1].text) if opening else None
        if phrase is not None:  # Северному потоку -> Северный поток
            forms[k], forms[k + 1] = phrase
    parts = []
    for k, (token, (front, back)) in enumerate(zip(words, cuts, strict=False)):
        lemma = forms.get(k)
        if lemma is None and token.capitalised and not is_acronym(token.text):
            lemma = lemmas.name(token.text)
        piece = token.text[0] + lemma[1:] if lemma else cut_word(token.text, token.norm, front, back)
        parts.append((token.gap_before if k else "") + piece)
    return "".join(parts)


def _stem_text(words: list[Token], cuts) -> str:
    parts = []
    for k, (token, (front, back)) in enumerate(zip(words, cuts, strict=False)):
        piece = cut_word(token.text, token.norm, front, back)
        parts.append((token.gap_before if k else "") + piece)
    return "".join(parts)


def _build(
    text: str, start: int, end: int, stem: str, candidate: Candidate, rules: Rules, lexicon: Lexicon
) -> Mention:
    latin = to_latin(stem, rules.code)
    resolved_by = None
    gazetteer = False
    if candidate.readings:
        entity = lexicon.entities[candidate.readings[0][0]]
        value, kind, canonical = entity.name, entity.type, True
        one_word = len(candidate.readings[0][2].split()) == 1 and "·" not in candidate.readings[0][2]
        # A surname alone is weak evidence of who is meant, unless written in characters whose
        # reading is approximate (扎帕罗夫 is how Chinese writes Japarov; Saparov is 萨帕罗夫).
        lone = kind == "person" and one_word and len(entity.name.split()) > 1 and not rules.readings
        resolved_by = "surname" if lone else "alias"
    else:
        written = text[start:end]
        known = _known_by_name(stem, written, rules, lexicon) or _region_of(stem, rules, lexicon) \
            or entity_by_key(fold_key(latin), lexicon)
        if known is not None:
            value, kind, canonical = known, lexicon.entities[known].type, True
            resolved_by = "key"
        else:
            kind = candidate.type or candidate.guess or _guess_type(stem, rules)
            value, canonical = latin, False
            article = _article_before(text, start, rules)
            # Burn-out: the first piece of a hyphenated word is no town.
            compound = text[end:end + 1] in HYPHENS and text[end + 1:end + 2].islower()
            place = _region_town(written, rules) or (
                None if compound else _gazetteer_place(text[start:end], stem, candidate, rules, article))
            if place is not None:  # Остраву, Kupyansk: a town the gazetteer knows by this name
                value = latin = place
                kind, candidate.type, gazetteer = "place", "place", True
    attrs = {
        "type": kind,
        "title": candidate.title,
        "canonical": canonical,
        "key": fold_key(value if canonical else latin),
        "surface_key": fold_key(to_latin(text[start:end], rules.code)),
        "stem": stem,
        "latin": latin,
        "nominative": None if canonical else _nominative(text[start:end], stem, rules),
        "form": candidate.form,
        "type_guessed": not canonical and candidate.type is None,
        "resolved_by": resolved_by,
        "approximate": bool(rules.readings),  # read in Latin through a table of approximate readings
        "ending_cut_key": None if canonical else _ending_cut_key(stem, rules, text[start:end]),
        "cue": candidate.cue,
        "needs_support": candidate.needs_support,
        "gazetteer": gazetteer,
    }
    return Mention(kind="entity", start=start, end=end, text=text[start:end], value=value, attrs=attrs)


def _nominative(written: str, stem: str, rules: Rules) -> str | None:
    """``written`` read in Latin where each of its words may be a nominative (Зарина Бекмуратова), for
    a name to be shown as written rather than as its stem (Zarin Bekmuratov, whose endings were cut
    for matching only); None where a word is in another case (Зарины) or the language's dictionary
    gives no cases. A word the dictionary does not know is read by the ending its guess gives."""
    if not rules.name_lemmas or _lemmas(rules).library != "pymorphy3":
        return None
    if len(written.split()) != len(stem.split()):
        return None
    lemmas = _lemmas(rules)
    if not all(lemmas.may_be_nominative(word) for word in written.split()):
        return None
    return to_latin(written, rules.code)


def _known_by_name(stem: str, written: str, rules: Rules, lexicon: Lexicon) -> str | None:
    """The known entity an alias names whole when the dictionary gave the name's nominative in
    other letters than the text's (Бундестазі -> Бундестаг): no cut of the written form meets it."""
    if not rules.name_lemmas or normal(written).startswith(normal(stem)):
        return None
    tokens = tokens_for(stem, rules)
    match = gazetteer_for(rules.code, lexicon).match_at(tokens, 0) if tokens else None
    if match is None or match.last != len(tokens):
        return None
    return next((t.entity for t, _, _ in match.candidates if t.entity is not None), None)


MIN_REGION_STEM = 3  # letters of a town left before a region ending (Сум|щина)


def _region_of(stem: str, rules: Rules, lexicon: Lexicon) -> str | None:
    """The known place whose region a name with a region ending is (Харківщина -> Kharkiv)."""
    word = normal(stem)
    for ending in rules.region_endings:  # longest first
        if word.endswith(ending) and len(word) - len(ending) >= MIN_REGION_STEM and " " not in stem:
            town = stem[: len(stem) - len(ending)]
            tokens = tokens_for(town, rules)
            match = gazetteer_for(rules.code, lexicon).match_at(tokens, 0) if tokens else None
            if match is None or match.last != len(tokens):
                continue
            places = [t.entity for t, _, _ in match.candidates
                      if t.entity is not None and lexicon.entities[t.entity].type == "place"]
            if places:
                return places[0]
    return None


def _region_town(written: str, rules: Rules) -> str | None:
    """The gazetteer's large town whose region a name with a region ending is, where the ending
    took more of the town's name than its own last letters (Краматорщина -> Kramatorsk, Донеччина ->
    Donetsk): the alias files know few towns, the gazetteer most region capitals."""
    word = normal(written)
    if " " in written:
        return None
    for ending in rules.region_endings:  # longest first
        if not word.endswith(ending) or len(word) - len(ending) < MIN_REGION_STEM:
            continue
        town = word[: len(word) - len(ending)]
        forms = [town + tail for opening, tail in rules.region_town_tails if ending.startswith(opening)]
        # The fuller town first: a town with the suffix (Слов'ян|ськ) before one named like the bare stem.
        return place_named(sorted(forms, key=len, reverse=True), LARGE_TOWN)
    return None


HYPHENS = ("-", "‑")
_ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}\p{Ll}{0,3})\s+$")


def _article_before(text: str, start: int, rules: Rules) -> str:
    """The capitalised particle right before a name (La Mecque, Le Caire), which some towns'
    names begin with; empty if none."""
    found = _ARTICLE_BEFORE.search(text, max(0, start - 6), start)
    return found.group(1) if found and normal(found.group(1)) in rules.particles else ""


def _gazetteer_place(written: str, stem: str, candidate: Candidate, rules: Rules, article: str = ""
                     ) -> str | None:
    """The gazetteer's name of an unknown name that no title or cue has typed; ``article``: a
    capitalised particle before it, with which the gazetteer may know it (La Mecque, Le Caire)."""
    # A cue word already said what the name is (Lake Balkhash is no town Balqash).
    typed = candidate.type in ("person", "organisation")
    if candidate.title or candidate.cue or typed or is_acronym(written):
        return None
    if article and (place := place_named([normal(f"{article} {written}")], LARGE_TOWN)) is not None:
        return place
    least = _town_population(written, normal(written), rules)
    if least is None:
        return None  # Küste, Rolle, Mission: common words that some town is also called
    if rules.readings and candidate.type != "place":
        # Read through approximate readings (Chinese transliteration characters), a name sounds
        # like many: without a place's cue only a large town is meant (皮尔斯, Pierce, is no Puurs).
        least = max(least, LARGE_TOWN)
    forms = [normal(stem), normal(written)]
    if " " not in written and not least:
        forms += _town_stems(normal(written), rules)
    return place_named(forms, least)


def _ending_cut_key(stem: str, rules: Rules, written: str = "") -> str | None:
    """The key of an unknown name whose last vowel may be a case ending (Чолпон-Ате: the
    nominative may end in any vowel), or whose adjective's case ending may stand for a vowel
    (Дворічного, Кремінної: the towns Dvorichne, Kreminna, named like adjectives). None where
    names do not inflect or nothing cuts."""
    if not rules.names_inflect or not stem:
        return None
    adjective = _adjective_stem(written, rules)
    if adjective is not None:
        cut = adjective
    elif normal(stem[-1]) in rules.vowel_endings:
        cut = stem[:-1]
    else:
        return None
    key = fold_key(to_latin(cut, rules.code))
    return key if len(key.replace(" ", "")) >= 4 and len(key.split()[-1]) >= 2 else None


MIN_ADJECTIVE_STEM = 4  # letters left of a name before an adjective's case ending (Дворіч|ного)


def _adjective_stem(written: str, rules: Rules) -> str | None:
    """``written`` without the adjective case ending of its last word, if it has one."""
    word = normal(written)
    for ending in rules.adjective_endings:  # longest first
        if word.endswith(ending) and len(words_of(written)[-1]) - len(ending) >= MIN_ADJECTIVE_STEM:
            return written[: len(written) - len(ending)]
    return None


def _guess_type(stem: str, rules: Rules) -> str:
    words = [normal(w) for w in stem.split()]  # Чолпон-Ата is one word
    # Wasserkommission: a compound whose head is an organisation word
    organisation = any(w in rules.organisation_words for w in words) or (
        rules.compound_heads and any(type_word(w, rules) == "organisation" for w in words))
    if organisation or any(is_acronym(w) for w in stem.split()):
        return "organisation"
    if any(w in rules.place_words for w in words):
        return "place"
    if len(words) > 1 or any(_has_name_ending(w, rules) for w in words):
        return "person"
    return "organisation"


def _attrs(mention: Mention) -> EntityAttrs:
    return attrs_as(EntityAttrs, mention)


def link_names(mentions: list[Mention], rules: Rules) -> list[Mention]:
    """A lone surname, or another form of a name, refers to the name met in full in the same text.

    A one-word mention of a person that is unknown, or only guessed to be a known person (by its
    spelling key, or as a known person's surname alone), is the full name of this text that ends
    with it (Айдарбек Сапаров … Сапаров), the nearest one before it first: a surname alone is
    read against the text before any known person of that name. A one-word unknown name that
    inflects an unknown name met before is that name (реке Илек … в Илеке).
    """
    full = [(i, m, _last_word_key(m)) for i, m in enumerate(mentions) if _full_person(m)]
    named_in_full = {m.value for _, m, _ in full if _attrs(m).canonical}
    surnames = _Surnames(full)
    first_names = _first_names(full)
    last_of_key: dict[str, int] = {}  # an unknown name's key -> where it was last met so far
    short_forms: dict[str, Mention] = {}  # an organisation's first word -> the organisation
    out = list(mentions)
    for i, mention in enumerate(mentions):
        if _lone_word(mention):
            target = None
            if _weak_person(mention) and not (_attrs(mention).canonical and mention.value in named_in_full):
                target = surnames.nearest(i, _surname_keys(mention))
            if target is None and not _attrs(mention).canonical:
                met = [last_of_key[k] for k in _inflection_keys(mention, rules) if k in last_of_key]
                target = out[max(met)] if met else None
            # A common word is no first name: Foreign opens the role Foreign Secretary read as a name.
            if target is None and _weak_person(mention) and not _attrs(mention).canonical \
                    and not is_common_form(mention.text, rules, rules.morphology.variants):
                target = first_names.get(_attrs(mention).key or "")
            if target is None and _may_be_organisation(mention):
                target = short_forms.get(_attrs(mention).key or "")
            if target is not None:
                out[i] = _same_as(mention, target)
        if _may_be_inflected(out[i]):
            last_of_key[_attrs(out[i]).key] = i
        short = _short_form_key(out[i], rules)
        if short:
            short_forms.setdefault(short, out[i])
    return out


def _first_names(full: list[tuple[int, Mention, str]]) -> dict[str, Mention]:
    """The unknown full names of persons of a text by the key of their first word, where one full
    name only opens with it: a lone first name is that person, addressed as in a quote (Знаешь,
    Джастин) or named again informally. A first name that opens two full names stays alone."""
    by_first: dict[str, dict[str, Mention]] = defaultdict(dict)
    for _, mention, _ in full:
        attrs = _attrs(mention)
        words = (attrs.key or "").split()
        if not attrs.canonical and len(words) > 1:
            by_first[words[0]].setdefault(attrs.key, mention)
    return {first: next(iter(names.values())) for first, names in by_first.items() if len(names) == 1}


def _may_be_organisation(mention: Mention) -> bool:
    attrs = _attrs(mention)
    return not attrs.canonical and (attrs.type_guessed or attrs.type == "organisation")


def _short_form_key(mention: Mention, rules: Rules) -> str | None:
    """The key of the one word an unknown organisation's name is met by again, where the rest of
    its name is the language's organisation words (Kestrel Group … Kestrel)."""
    attrs = _attrs(mention)
    words = words_of(mention.text)
    if attrs.canonical or attrs.type != "organisation" or len(words) < 2:
        return None
    if not all(normal(w) in rules.organisation_words for w in words[1:]):
        return None
    return fold_key(to_latin(words[0], rules.code))


def _may_be_inflected(mention: Mention) -> bool:
    """An unknown name a later word may inflect (реке Илек … в Илеке)."""
    attrs = _attrs(mention)
    return not attrs.canonical and not attrs.needs_support and attrs.form == "name" and bool(attrs.key)


class _Surnames:
    """The full person names of a text by the key of their last word.

    ``similar_keys`` holds only for keys that share their first letter and last two, so a
    surname is compared with the names of its bucket, not with every name of a long text.
    """

    def __init__(self, full: list[tuple[int, Mention, str]]) -> None:
        self.by_last: dict[str, list[tuple[int, Mention]]] = {}
        self.buckets: dict[tuple[str, str], list[str]] = {}
        for i, mention, last in full:
            if last not in self.by_last:
                self.buckets.setdefault((last[:1], last[-2:]), []).append(last)
            self.by_last.setdefault(last, []).append((i, mention))

    def nearest(self, i: int, keys: set[str]) -> Mention | None:
        """The full name ending like ``keys`` nearest before position ``i``, else the first."""
        groups = [self.by_last[last] for last in self._lasts_like(keys)]
        before = []
        for group in groups:
            index = bisect_left(group, i, key=lambda item: item[0])
            if index:
                before.append(group[index - 1])
        if before:
            return max(before, key=lambda item: item[0])[1]
        return min((group[0] for group in groups), key=lambda item: item[0], default=(0, None))[1]

    def _lasts_like(self, keys: set[str]) -> set[str]:
        return {last for k in keys for last in self.buckets.get((k[:1], k[-2:]), ()) if similar_keys(k, last)}


def _full_person(mention: Mention) -> bool:
    return (_attrs(mention).type == "person" and _attrs(mention).form == "name"
            and len(fold_key(_attrs(mention).latin).split()) > 1)


def _lone_word(mention: Mention) -> bool:
    return _attrs(mention).form == "name" and len(fold_key(_attrs(mention).latin).split()) == 1


def _weak_person(mention: Mention) -> bool:
    attrs = _attrs(mention)
    # A town's name may be a surname too (Mandela): the full name in the same text says which.
    if attrs.type != "person" and not attrs.type_guessed and not attrs.gazetteer:
        return False
    return not attrs.canonical or attrs.resolved_by in ("key", "surname")


def _surname_keys(mention: Mention) -> set[str]:
    return {k for k in (fold_key(_attrs(mention).latin), _attrs(mention).surface_key) if k}


def _last_word_key(mention: Mention) -> str:
    return fold_key(_attrs(mention).latin).split()[-1]


def _inflection_keys(mention: Mention, rules: Rules) -> set[str]:
    """Keys of the word with each of the language's endings cut (Илеке -> Илек)."""
    keys = {_attrs(mention).key, _attrs(mention).surface_key}
    for stem in rules.morphology.variants(normal(mention.text)):
        if len(stem) >= 3:
            keys.add(fold_key(to_latin(stem, rules.code)))
    return {k for k in keys if k}


def _same_as(mention: Mention, full: Mention) -> Mention:
    """``mention`` naming the same entity as ``full``."""
    keep = ("key", "canonical", "type", "type_guessed", "resolved_by")
    told = full.attrs.as_dict()
    attrs = mention.attrs.updated({**{k: told[k] for k in keep if k in told}, "linked": True})
    return Mention(kind="entity", start=mention.start, end=mention.end, text=mention.text,
                   value=full.value, attrs=attrs)


def _rare_or_a_name(word: str, rules: Rules) -> bool:
    """A word rarer than GAZETTEER_SUPPORT_ZIPF, or frequent as a name (Toulouse). The table of
    frequencies stops at TABLE_MIN_ZIPF: rarer words are read in the vocabulary."""
    frequency = zipf(word, rules) or vocabulary_zipf(word, rules)
    return frequency < GAZETTEER_SUPPORT_ZIPF or frequent_as_a_name(word, rules)


def _supported(mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Drop the sentence-initial capitals nothing else in the text supports."""
    kept = []
    for mention in mentions:
        # Needed only here: the attribute is not kept on what is found.
        weak = _attrs(mention).needs_support
        mention = replace(mention, attrs=mention.attrs.without("needs_support"))
        # Kutaisi seferleri…: a town the gazetteer knows, unless also a word (Саммит is Summit, NJ).
        # The cheap look-up first: the frequencies are asked of a large town's name only.
        town = _attrs(mention).gazetteer and \
            place_named([normal(_attrs(mention).stem)], LARGE_TOWN) is not None and \
            _rare_or_a_name(mention.text, rules)
        known = _attrs(mention).canonical or town
        if weak and not known and not _attrs(mention).linked:
            continue
        kept.append(mention)
    return kept


def _without_titles_of_works(text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Drop unknown names that are the whole of a quoted title in capitals ("The Quiet Meadow", a
    series; "Silver Harbour", a film): a title of a work names no person, place or organisation,
    and another language writes it translated, in its own marks (《银色港湾》). Only where the
    language data say quoted names are titles: Kazakh or Russian quote the names of companies
    and programmes too."""
    if not rules.capitalisation or not rules.quoted_names_are_titles:
        return mentions
    return [m for m in mentions if _attrs(m).canonical or not _quoted_title(text, m, rules)]


def _quoted_title(text: str, mention: Mention, rules: Rules) -> bool:
    opening, closing = clause_quote_marks()
    before = QUOTED_TITLE_OPENING.search(text, max(0, mention.start - QUOTED_TITLE_REACH), mention.start)
    after = QUOTED_TITLE_CLOSING.match(text, mention.end)
    if before is None or after is None or before.group(1) not in opening or after.group(1) not in closing:
        return False
    # Only the title's opening words may stand between the mark and the name ("The Quiet Meadow").
    return all(normal(w) in rules.stopwords for w in words_of(before.group(2)))


# A quotation mark, then at most two capitalised words, right before a name; after it at most a
# comma or a full stop (set inside the marks), then the closing mark.
QUOTED_TITLE_OPENING = regex.compile(r"(\p{Quotation_Mark})((?:\p{Lu}\p{Ll}*[ \t]+){0,2})\Z")
QUOTED_TITLE_CLOSING = regex.compile(r"[,.!?]?(\p{Quotation_Mark})")
QUOTED_TITLE_REACH = 40  # characters before a name looked at for the opening mark and words


def _without_common_words(mentions: list[Mention], rules: Rules, evidence: Evidence | None = None
                          ) -> list[Mention]:
    """Drop unknown names made only of very common words of the language (Head, Высшего,
    Financial Market); a run of them that ends in an organisation word is an organisation
    (Public Opinion Foundation). Names the alias file knows, names with a title or a cue, and
    names the text gives in full elsewhere keep their evidence."""
    if not rules.capitalisation:
        return mentions
    kept = []
    for mention in mentions:
        attrs = _attrs(mention)
        if _roman_ordinal(mention.text, rules):
            continue  # au XIIIe siècle: a century, no name
        known = attrs.canonical and attrs.resolved_by == "alias"
        words = words_of(mention.text)
        # A place word after a common word is no cue (Әр облыста: "in each region").
        cue = attrs.cue and len(words) > 1
        if known or cue or attrs.title or _linked_to_fuller(mention) or attrs.form != "name":
            kept.append(mention)
            continue
        if _frequent_acronym(mention.text, rules):
            kept.append(mention)  # ЗСУ, ОНН: an acronym is frequent because it names something often
            continue
        # A known name by spelling or by the gazetteer only: only the most frequent words are doubted.
        threshold = KEY_COMMON_ZIPF if attrs.canonical or attrs.gazetteer else _threshold(words)
        variants = rules.morphology.variants
        if is_common_form(normal(mention.text), rules, variants, threshold):
            continue  # Сондай-ақ: one hyphenated common word
        written = [m.group() for m in WORD.finditer(mention.text)]
        if _noun_phrase(words, rules, written[0] if written else "") or _abstract_noun_phrase(words, rules):
            continue
        common = [is_common_form(w, rules, variants, threshold) for w in words]
        if len(words) > 1 and len(written) == len(words) and common[-1] \
                and not _word_not_name(words[-1], written[-1], rules) \
                and (not _word_not_name(words[0], written[0], rules)
                     or _given_name_here(words, rules, evidence)):
            # Philippe de Villiers: each word frequent in the news, the first and the last as a
            # name (the language's dictionary lists no such word). A single word needs more (Jim,
            # Etat), and so does a name after a word (Royal Marine Paul, Sohn Dan).
            common[-1] = False
        if not words or not all(common):
            kept.append(mention)
        elif len(words) > 1 and any(type_word(w, rules) == "organisation" for w in words):
            kept.append(_typed(mention, "organisation"))
    return kept


ROMAN_NUMERAL = regex.compile(r"[IVXLCDM]+")


def _roman_ordinal(text: str, rules: Rules) -> bool:
    """A Roman numeral with one of the language's ordinal endings (XIIIe, XXIe)."""
    return any(text.endswith(s) and ROMAN_NUMERAL.fullmatch(text[:-len(s)]) is not None
               for s in rules.ordinal_suffixes)


def _given_name_here(words: list[str], rules: Rules, evidence: Evidence | None) -> bool:
    """A first word the dictionary lists too (Eric, Jean: jeans) that is a given name here: one of
    two, before a name's last word, and never written in lower case in the text (where common
    nouns have no capital, so that their case tells)."""
    return evidence is not None and not rules.capitalised_nouns and len(words) == 2 \
        and words[0] not in rules.particles and words[0] not in evidence.lowercase


def _word_not_name(norm: str, written: str, rules: Rules) -> bool:
    """A common word that is no name's: a particle, a word the language file lists, or one the
    language's dictionary lists (where the file says it tells names from words)."""
    return norm in rules.particles or zipf(norm, rules) >= LISTED or not frequent_as_a_name(written, rules)


MIN_ACRONYM_LETTERS = 3  # an acronym this long is a name, however frequent (US, TV, OK are shorter)


def _frequent_acronym(text: str, rules: Rules) -> bool:
    """Capitals only, three letters or more, and not listed as a common word by the language file."""
    letters = sum(c.isalpha() for c in text)
    return is_acronym(text) and letters >= MIN_ACRONYM_LETTERS and zipf(text, rules) < LISTED


def _linked_to_fuller(mention: Mention) -> bool:
    """A word the text names in full elsewhere (Сапаров of Айдарбек Сапаров) has that name's
    evidence; a word linked only to itself met before (Head … Head) has no more than its own."""
    attrs = _attrs(mention)
    return attrs.linked and (attrs.canonical or len(mention.value.split()) > 1)


def _place_adjectives(mentions: list[Mention], rules: Rules, lexicon: Lexicon) -> list[Mention]:
    """A capitalised word made of a known place and a demonym ending (Libyan, Europeans,
    Sénégalais, Amerikaner) speaks of that place as an adjective does: the place, in the
    adjective form, which names nothing on its own. The endings are the language file's."""
    if not rules.demonym_endings:
        return mentions
    out = []
    for mention in mentions:
        attrs = mention.attrs
        place = None
        if not attrs.canonical and not attrs.title and len(words_of(mention.text)) == 1:
            place = _place_of_demonym(normal(mention.text), rules, lexicon)
        if place is None:
            out.append(mention)
            continue
        attrs = attrs.updated({"type": "place", "canonical": True, "form": "adjective",
                               "key": fold_key(place), "type_guessed": False, "resolved_by": "demonym"})
        out.append(replace(mention, value=place, attrs=attrs))
    return out


MIN_ADJECTIVE_PLACE = 5  # letters of a place's name read from an adjective (shorter ones are acronyms)


def _lowercase_place_adjectives(tokens: list[Token], taken: set[int], rules: Rules, lexicon: Lexicon
                                ) -> list[Candidate]:
    """Lower-case adjectives made of a known place's name, a derivational suffix and an
    inflection (russischen: Russ|isch|en, Russland; marokkanische: Marokk|anisch|e, Marokko;
    sénégalaise: Sénégal|ais|e): the place as an adjective, as the alias files' adjectives are.
    The suffixes, inflections and the endings a place's name may have in place of the suffix
    (land, ien, o) are the language file's ``[entities] place_adjectives``; only a place whose
    key is exactly one known place's counts."""
    table = rules.derived("place-adjective-endings", lambda: _place_adjective_endings(rules.code))
    if not table:
        return []
    found = []
    endings = table[0]
    idioms = rules.derived("place-adjective-idioms", lambda: _place_adjective_idioms(rules.code))
    for i, token in enumerate(tokens):
        if not token.norm.endswith(endings) or i in taken or token.capitalised or not token.norm.isalpha():
            continue
        if _in_idiom(tokens, i, idioms):
            continue  # montagnes russes, russisches Roulette: a thing's name, no place's adjective
        place = _place_of_adjective(token.norm, table, lexicon)
        if place is not None:
            found.append(Candidate(i, i + 1, readings=[(place, 0, token.text)], form="adjective"))
    return found


MIN_PLACE_PART = 4  # letters of a place's name opening a compound (Rhein|ufer; no Ems|land, Po|ebene)


def _places_opening_compounds(tokens: list[Token], taken: set[int], rules: Rules, lexicon: Lexicon
                              ) -> list[Candidate]:
    """Where nouns join into one word, a word made of the name of a river, a mountain range, a sea,
    an island group or a landscape in this language and a common noun (Kanaren|insel, Rhein|ufer,
    Alpen|region): the place, as a modifier, which the other languages name on their own (les îles
    Canaries, les rives du Rhin). Only those: countries, regions and continents open too many nouns
    and names of their own (China|kohl, Deutschland|funk, Europa|meisterschaft); and not a town the
    gazetteer knows (Rhein|berg: towns are named after rivers)."""
    if not rules.compound_heads or not rules.code:
        return []
    code = rules.code
    places = lexicon.derived(("landscapes-by-name", code), lambda: _landscapes_by_name(lexicon, code))
    found = []
    for i, token in enumerate(tokens):
        written = token.text
        if i in taken or not token.capitalised or not written.isalpha() \
                or len(written) < MIN_PLACE_PART + MIN_COMPOUND_HEAD:
            continue
        for cut in range(len(written) - MIN_COMPOUND_HEAD, MIN_PLACE_PART - 1, -1):  # the longest place first
            place = places.get(normal(written[:cut]))
            head = written[cut].upper() + written[cut + 1:]
            if place is not None and dictionary_lemma(head, rules) is not None \
                    and vocabulary_zipf(head, rules) >= NOUN_ZIPF and place_named([token.norm]) is None:
                found.append(Candidate(i, i + 1, readings=[(place, 0, written)], form="adjective"))
                break
    return found


def _landscapes_by_name(lexicon: Lexicon, code: str) -> dict[str, str]:
    """The rivers, mountains, seas and landscapes by their names in one language (in normal form),
    where a name is one place's."""
    found: dict[str, set[str]] = {}
    for entity in lexicon.entities.values():
        if entity.source == LANDSCAPES:
            for name in entity.names.get(code, ()):
                found.setdefault(normal(name), set()).add(entity.name)
    return {name: next(iter(places)) for name, places in found.items() if len(places) == 1}


def _place_adjectives_section(code: str | None) -> dict:
    """``[entities.place_adjectives]`` of one language ({} where it has none)."""
    from ...lang import maybe_load

    data = maybe_load(code)
    return data.section("entities").get("place_adjectives", {}) if data else {}


def _place_adjective_idioms(code: str | None) -> frozenset[tuple[str, str]]:
    """The two-word idioms of ``[entities.place_adjectives] idioms``, in normal form."""
    section = _place_adjectives_section(code)
    pairs = (tuple(normal(word) for word in idiom.split()) for idiom in section.get("idioms", ()))
    return frozenset(pair for pair in pairs if len(pair) == 2)


def _in_idiom(tokens: list[Token], i: int, idioms: frozenset[tuple[str, str]]) -> bool:
    before = i > 0 and (tokens[i - 1].norm, tokens[i].norm) in idioms
    return before or (i + 1 < len(tokens) and (tokens[i].norm, tokens[i + 1].norm) in idioms)


def _place_of_adjective(word: str, table, lexicon: Lexicon, min_stem: int = MIN_DEMONYM_STEM) -> str | None:
    endings, tails = table
    places = lexicon.derived("places-by-name", lambda: _places_by_name(lexicon))
    for ending in endings:  # longest first
        stem = word[:-len(ending)]
        if not word.endswith(ending) or len(stem) < min_stem:
            continue
        for tail in tails:
            name = stem + tail
            found = places.get(name) if len(name) >= MIN_ADJECTIVE_PLACE else None
            if found is not None:
                return found
    return None


# A place name written in Latin letters (with marks, apostrophes, spaces, hyphens). Compiled once:
# the regex module's look-up of a pattern given as a string costs more than the match itself.
_LATIN_PLACE_NAME = regex.compile(r"[\p{Latin}\p{M}' \-]+")


def _places_by_name(lexicon: Lexicon) -> dict[str, str]:
    """Every Latin-letter name of a known place, in normal form, -> the place, where it names one
    place only: the name as written in some language (Marokko, Finnland, Sénégal), never a key
    that sounds alike (Bäck|istan is no Pakistan)."""
    found: dict[str, set[str]] = {}
    for entity in lexicon.entities.values():
        if entity.type != "place" or entity.source == SUBDIVISIONS:
            continue  # a region's people are no name of it (Borains, Limbourgeois: too loose a stem)
        for names in entity.names.values():
            for name in names:
                if name.isascii() or _LATIN_PLACE_NAME.fullmatch(name):
                    found.setdefault(normal(name), set()).add(entity.name)
    return {name: next(iter(places)) for name, places in found.items() if len(places) == 1}


def _place_adjective_endings(code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Every suffix + inflection of ``[entities] place_adjectives`` (longest first), and the tails."""
    section = _place_adjectives_section(code)
    if not section:
        return None
    endings = {normal(s + i) for s in section["suffixes"] for i in section["inflections"]}
    return tuple(sorted(endings, key=len, reverse=True)), tuple(normal(t) for t in section["tails"])


def _place_of_demonym(word: str, rules: Rules, lexicon: Lexicon) -> str | None:
    for ending in rules.demonym_endings:  # longest first
        stem = word[:-len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_DEMONYM_STEM:
            continue
        for tail in DEMONYM_STEM_TAILS:  # Ukrain|ian, Chin|ese: the place's last vowel gives way
            name = entity_by_key(fold_key(to_latin(stem + tail, rules.code)), lexicon)
            if name is not None and lexicon.entities[name].type == "place" \
                    and lexicon.entities[name].source != SUBDIVISIONS:
                return name
    # Marokk|aner, Senegal|ese: the endings a place's name has in the language's adjectives
    table = rules.derived("place-adjective-endings", lambda: _place_adjective_endings(rules.code))
    found = _place_of_adjective(word, (rules.demonym_endings, table[1]), lexicon) if table else None
    return found if found is not None else _place_of_people(word, rules, lexicon)


def _place_of_people(word: str, rules: Rules, lexicon: Lexicon) -> str | None:
    """A place's people named by a short ending where the place's name has a longer tail (Finn|e,
    Finn|land; Griech|en, Griech|enland; Tschech|in, Tschech|ien): ``[entities.place_adjectives]
    people_endings`` and ``people_tails``, only those, as a shorter tail would make words of the
    language places (Seine|n)."""
    table = rules.derived("place-people-endings", lambda: _place_people_endings(rules.code))
    return _place_of_adjective(word, table, lexicon, MIN_PEOPLE_STEM) if table else None


def _place_people_endings(code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    section = _place_adjectives_section(code)
    if not section.get("people_endings"):
        return None
    endings = sorted({normal(e) for e in section["people_endings"]}, key=len, reverse=True)
    return tuple(endings), tuple(normal(t) for t in section.get("people_tails", ()))


def _without_web_addresses(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop unknown names that are part of a web address (Ulysmedia.kz, Tengrinews.kz, URA.RU): an
    outlet credited for the report, which is the document's source, not an entity of the story."""
    return [m for m in mentions if _attrs(m).canonical
            or not (WEB_ADDRESS.match(text, m.end) or _domain(text, m))]


def _domain(text: str, mention: Mention) -> bool:
    """A domain's letters, right after a dot glued to the letters before it (the RU of URA.RU)."""
    return bool(DOMAIN_NAME.fullmatch(mention.text) and AFTER_DOMAIN_NAME.search(text, 0, mention.start))


def _noun_phrase(words: list[str], rules: Rules, first: str = "") -> bool:
    """Where every noun has a capital, a common noun joined by a particle to more capitals is a
    noun phrase (Bischof von Myra, Rahmen der Lesereihe), not a name (Ursula von der Leyen, nor
    Philippe de Villiers: a given name is frequent as a name, ``first`` as written)."""
    if not rules.capitalised_nouns or len(words) < 3 or not any(w in rules.particles for w in words[1:-1]):
        return False
    common = is_common_form(words[0], rules, rules.morphology.variants, PHRASE_ZIPF) \
        and not (first and frequent_as_a_name(first, rules))
    # Kontaktfälle von Personen; a noun the dictionary shows inflected, however rare (Neuinterpretationen)
    return common or _compound_noun(first, rules) or (first and _inflected_noun_form(first, rules))


def _inflected_noun_form(written: str, rules: Rules) -> bool:
    """A capitalised word the dictionary gives another capitalised noun as its lemma, beyond the
    genitive s that names take too (Parteivorsitzenden: Parteivorsitzender; not Merkels)."""
    lemma = dictionary_lemma(written, rules)
    return lemma is not None and lemma != written and lemma[:1].isupper() and written != lemma + "s"


MIN_COMPOUND_HEAD = 4  # letters of a common noun that ends a compound (Kontakt|fälle)
JOINING_S = "s"  # between the parts of a compound (Regierung|s|sprecher)


def _compound_noun(written: str, rules: Rules) -> bool:
    """Where nouns join into one word, a word of two words of the dictionary, the last a common
    noun, and too rare for a name (Kontakt|fälle, Taucher|staffel, Regierung|s|sprecher with its
    joining s; names are made of words too, and more frequent: Phi|lippe, Wolf|gang, Hoff|mann)."""
    if not rules.compound_heads or not written[:1].isupper() \
            or vocabulary_zipf(written, rules) >= GAZETTEER_SUPPORT_ZIPF:
        return False
    for cut in range(3, len(written) - MIN_COMPOUND_HEAD + 1):
        head = written[cut].upper() + written[cut + 1:]
        if dictionary_lemma(head, rules) is None or vocabulary_zipf(head, rules) < NOUN_ZIPF:
            continue
        front = written[:cut]
        if dictionary_lemma(front, rules) is not None or \
                (front.endswith(JOINING_S) and dictionary_lemma(front[:-1], rules) is not None):
            return True
    return False


def _abstract_noun_phrase(words: list[str], rules: Rules) -> bool:
    """Where every noun has a capital, a word with an ending that only abstract nouns take
    (Überfüllung, Verschlechterung, Reformation) makes a phrase no name (Lähmung der Wirtschaft),
    unless the phrase has an organisation word (Europäische Union is no "Lähmung")."""
    if not rules.noun_endings:
        return False
    abstract = [any(w.endswith(e) and len(w) > len(e) + 2 for e in rules.noun_endings) for w in words]
    if abstract[0] and len(words) > 2 and words[1] in rules.connectors \
            and type_word(words[0], rules) != "organisation":
        return True  # Aufrechterhaltung des Dienstes: an action and what it is of, whatever its object
    return any(abstract) and not any(type_word(w, rules) == "organisation" for w in words)


def _without_currency_names(text: str, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Drop a country that is a word of a currency's name (АҚШ долларына, US dollar, долларов
    США): the currency is meant, not the place. The names are CLDR's, through Babel."""
    pairs = rules.derived("currency-stems", lambda: _currency_stems(rules.code))
    if not pairs:
        return mentions
    kept = []
    for mention in mentions:
        own = normal(mention.text)
        # Most names are no word of a currency's name: their neighbours need not be read.
        if not (pairs.get((own, "after")) or pairs.get((own, "before"))):
            kept.append(mention)
            continue
        after = NEXT_WORD.match(text, mention.end)
        before = PREVIOUS_WORD.search(text, max(0, mention.start - WORD_REACH), mention.start)
        neighbours = [("after", after.group(1))] if after else []
        neighbours += [("before", before.group(1))] if before else []
        if not any(_currency_neighbour(own, n, pairs) for n in neighbours):
            kept.append(mention)
    return kept


def _currency_neighbour(own: str, neighbour: tuple[str, str], stems: dict[tuple[str, str], tuple[str, ...]]
                        ) -> bool:
    side, word = neighbour
    found = stems.get((own, side))
    return bool(found) and normal(word).startswith(found)


def _currency_stems(code: str | None) -> dict[tuple[str, str], tuple[str, ...]]:
    """(a word of a two-word currency name, where the other word stands) -> the stems of the
    other word: every name in the text asks, so by the word rather than through every pair."""
    stems: dict[tuple[str, str], set[str]] = {}
    for name_word, other, where in _currency_word_pairs(code):
        stems.setdefault((name_word, where), set()).add(other[:CURRENCY_STEM])
    return {key: tuple(sorted(values)) for key, values in stems.items()}


def _currency_word_pairs(code: str | None) -> frozenset[tuple[str, str, str]]:
    """(a word of a two-word currency name, the other word, where the other stands) per language."""
    if not code:
        return frozenset()
    try:
        names = Locale.parse(code).currencies.values()
    except (UnknownLocaleError, ValueError):
        return frozenset()
    pairs = set()
    for name in names:
        words = words_of(name)
        if len(words) == 2 and all(len(w) >= 2 for w in words):
            pairs.add((words[0], words[1], "after"))
            pairs.add((words[1], words[0], "before"))
    return frozenset(pairs)


def _threshold(words: list[str]) -> float:
    # One frequent word alone is likely a common word; in a phrase, each word counts less.
    return COMMON_ZIPF if len(words) == 1 else PHRASE_ZIPF


def _typed(mention: Mention, kind: str) -> Mention:
    attrs = mention.attrs.updated({"type": kind, "type_guessed": False})
    return Mention(kind="entity", start=mention.start, end=mention.end, text=mention.text,
                   value=mention.value, attrs=attrs)


# --- scripts without word spaces -----------------------------------------------------------


def _find_in_running_text(text: str, rules: Rules, gazetteer: Gazetteer, lexicon: Lexicon,
                          context: KnowsNames | None = None) -> list[Mention]:
    written = text
    if rules.name_dots:  # one character for another: the offsets stay those of the text
        text = text.translate({ord(dot): "·" for dot in rules.name_dots})
    mentions = _names_in_characters(text, rules, gazetteer, lexicon)
    mentions = _translated_names(mentions)
    if rules.latin_names:
        mentions = _glossed(text, mentions, _latin_names(written, rules.latin_names, context))
    mentions = _supported(link_names(mentions, rules), rules)
    return [replace(m, text=written[m.start:m.end]) for m in mentions]


def _names_in_characters(text: str, rules: Rules, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Mention]:
    known: list[tuple[int, int, list[Target]]] = list(gazetteer.scan_strings(text))
    known = _without_cut_names(text, known, rules)
    known = _without_foreign_given_names(text, known, rules, lexicon)
    words = _words(text, rules)
    known = _without_names_across_words(known, words)
    organisations, known = _segmenter_organisations(text, rules, words, known, lexicon)
    spans = [(s, e, ts) for s, e, ts in known if any(t.entity for t in ts)]
    cues = [(s, e, next(t for t in ts if t.cue)) for s, e, ts in known if not any(t.entity for t in ts)]
    candidates = [
        Candidate(s, e, readings=[(t.entity, 0, text[s:e]) for t in ts if t.entity], form=ts[0].form)
        for s, e, ts in spans
    ]
    occupied = SpanSet([*((s, e) for s, e, _ in known), *((c.first, c.last) for c in organisations)])
    found = organisations + _pattern_names(text, rules, occupied, words)
    found += _segmenter_names(text, rules, occupied, words)
    candidates += found + _repeated_names(text, found, occupied)
    _attach_adjacent_titles(text, candidates, cues, lexicon)
    _choose_readings(candidates, [], lexicon)
    candidates.sort(key=lambda c: c.first)
    mentions = [
        _build(text, c.first, c.last, text[c.first:c.last], c, rules, lexicon) for c in candidates
    ]
    return mentions


_LATIN_WORD = r"[\p{Latin}\p{M}\p{N}'’&.\-]*"
LATIN_RUN = regex.compile(rf"\p{{Latin}}{_LATIN_WORD}(?:[ \t]+[\p{{Latin}}\p{{N}}]{_LATIN_WORD})*")
# A lower-case word read before a run of Latin words: inside running characters the run's first
# capital starts no sentence, it is the capital of a name (瓦格纳 (Wagner) is Wagner).
LATIN_LEAD = "x "
GLOSS = regex.compile(r"\s*[(（]\s*")
MAX_GLOSS_GAP = 2  # characters between a name and its gloss (瓦格纳|集团 (Wagner Group))


def _latin_names(text: str, language: str, context: KnowsNames | None) -> list[Mention]:
    """Names written in Latin letters inside running characters, read with the rules of
    ``language`` (the language file's ``latin_names``)."""
    found = []
    for run in LATIN_RUN.finditer(text):
        shift = run.start() - len(LATIN_LEAD)
        for mention in find_entities(LATIN_LEAD + run.group(), language, context):
            if mention.start >= len(LATIN_LEAD):
                found.append(replace(mention, start=mention.start + shift, end=mention.end + shift))
    return found


def _glossed(text: str, mentions: list[Mention], latin: list[Mention]) -> list[Mention]:
    """A name followed by its gloss in Latin letters in brackets (赛义夫·卡扎菲 (Saif Gaddafi))
    is the glossed name: it takes the gloss's value, type and keys, so both meet the name
    where another language writes it."""
    by_start = {m.start: m for m in latin}
    starts = sorted(m.start for m in mentions)
    glossed: dict[str, Mention] = {}  # a name as written -> its gloss: written again, it is the same
    out, bare = [], []
    for mention in mentions:
        gloss = None
        for gap in range(MAX_GLOSS_GAP + 1):
            bracket = GLOSS.match(text, mention.end + gap)
            if bracket is None:
                continue
            gloss = by_start.get(bracket.end()) or _bare_gloss(text, bracket.end(), mention) or \
                _closing_gloss(text, bracket.end(), latin)
            if gloss is None:
                continue
            if gloss.start not in by_start:
                by_start[gloss.start] = gloss
                bare.append(gloss)
            written = text[mention.start:mention.end]
            # 哈伯德 after 维多利亚·哈伯德 (Victoria Hubbard): the last part is the surname.
            for form in (written, written.rsplit("·", 1)[-1]):
                glossed.setdefault(form, gloss)
            given = written.split("·", 1)[0]
            if given != written and len(gloss.value.split()) > 1:
                glossed.setdefault(given, _given_name(gloss))  # 叶海亚 of 叶海亚·谢里夫: Yahya
            break
        gloss = gloss or glossed.get(text[mention.start:mention.end])
        longer = None if gloss is not None else _longer_glossed(text, mention, by_start, starts)
        if longer is not None:
            mention = longer  # 肯尼亚|人民联盟 (Kenyan People's Alliance): not Kenya
        elif gloss is not None and not _attrs(mention).canonical:
            told = gloss.attrs.as_dict()
            keep = ["canonical", "key", "surface_key", "latin", "resolved_by", "approximate"]
            if _attrs(gloss).canonical or not _attrs(gloss).type_guessed or _attrs(mention).type_guessed:
                keep += ["type", "type_guessed"]  # a type told (a dotted name) beats a guess
            attrs = mention.attrs.updated({**{k: told[k] for k in keep if k in told}, "linked": True})
            mention = replace(mention, value=gloss.value, attrs=attrs)
        out.append(mention)
    return sorted(out + latin + bare, key=lambda m: (m.start, m.end))


# Characters between a name and the gloss of the longer name it begins (肯尼亚|人民联盟 (Kenyan
# People's Alliance)): a name of a few words, not a clause.
LONGER_NAME = regex.compile(r"\p{Han}{1,8}")
MIN_LONGER_KEY = 4  # letters of the name's key: a shorter one is found inside too many words


def _longer_glossed(text: str, mention: Mention, by_start: dict[int, Mention], starts: list[int]
                    ) -> Mention | None:
    """A name that begins a longer name glossed in brackets after it, where the gloss spells the
    name among its words (Kenya in Kenyan People's Alliance), is that longer name: the whole
    characters up to the bracket take the gloss, and the name inside is no mention of its own."""
    run = LONGER_NAME.match(text, mention.end)
    bracket = GLOSS.match(text, run.end()) if run is not None else None
    gloss = by_start.get(bracket.end()) if bracket is not None else None
    if gloss is None or len(gloss.value.split()) < 2:
        return None
    following = bisect_left(starts, mention.end)
    if following < len(starts) and starts[following] < run.end():
        return None  # another name stands between: the gloss is that one's
    name = fold_key(mention.value)
    if len(name) < MIN_LONGER_KEY or not regex.search(rf"(?:^| ){regex.escape(name)}", fold_key(gloss.value)):
        return None
    attrs = gloss.attrs.updated({"stem": text[mention.start:run.end()], "linked": True})
    return replace(mention, end=run.end(), text=text[mention.start:run.end()], value=gloss.value, attrs=attrs)


BARE_GLOSS = regex.compile(r"[ \t]*[)）]")
MAX_GLOSS_WORDS = 4


def _bare_gloss(text: str, position: int, mention: Mention) -> Mention | None:
    """The capitalised Latin words in brackets right after a name read from characters, as a
    mention of that name (辛西娅·尼克松 (Cynthia Nixon)): a gloss is evidence enough, even where
    the Latin rules alone would doubt its words as common ones."""
    run = LATIN_RUN.match(text, position)
    if run is None or _attrs(mention).canonical or not BARE_GLOSS.match(text, run.end()):
        return None
    words = run.group().split()
    if len(words) > MAX_GLOSS_WORDS or not all(w[:1].isupper() for w in words):
        return None
    told = _attrs(mention)
    attrs = {"type": told.type, "canonical": False, "key": fold_key(run.group()),
             "surface_key": fold_key(run.group()), "stem": run.group(), "latin": run.group(),
             "form": "name", "type_guessed": told.type_guessed}
    return Mention(kind="entity", start=run.start(), end=run.end(), text=run.group(), value=run.group(),
                   attrs=attrs)


MAX_GLOSS_CHARACTERS = 40  # a gloss in brackets is a name, not a sentence


def _closing_gloss(text: str, position: int, latin: list[Mention]) -> Mention | None:
    """The Latin name that closes the brackets opened at ``position`` (Paul "Pen" Farthing: the
    name the rules find, after a nickname in quotes)."""
    for mention in latin:
        inside = text[position:mention.start]
        if 0 < mention.start - position <= MAX_GLOSS_CHARACTERS and BARE_GLOSS.match(text, mention.end) \
                and not regex.search(r"[()（）\p{Han}]", inside):
            return mention
    return None


def _given_name(gloss: Mention) -> Mention:
    given = gloss.value.split()[0]
    attrs = gloss.attrs.updated({"key": fold_key(given), "surface_key": fold_key(given), "latin": given,
                                 "stem": given})
    return replace(gloss, value=given, attrs=attrs)


def _repeated_names(text: str, found: list[Candidate], occupied: SpanSet) -> list[Candidate]:
    """Further occurrences of names a cue revealed (乔尔蓬阿塔市 … 乔尔蓬阿塔位于): a name once
    read is a name everywhere in the text."""
    names = {text[c.first:c.last]: c for c in found if c.last - c.first >= MIN_REPEATED_NAME}
    more = []
    for name in sorted(names, key=len, reverse=True):
        for match in regex.finditer(regex.escape(name), text):
            start, end = match.span()
            if occupied.overlaps(start, end):
                continue
            occupied.add(start, end)
            more.append(Candidate(start, end, type=names[name].type))
    return more


def _without_cut_names(text: str, known, rules: Rules):
    """Known strings that are only the beginning of a longer name (科斯塔 of 科斯塔奈州).

    Without word spaces, the longest known string is read first; but where a cue pattern reads
    a name that runs on by a character or two past a known name's end (科斯塔奈 before 州), the
    known string was a piece of that name, not a word of its own.
    """
    longer = {}
    for _kind, pattern, _title in _compiled_patterns(rules):
        if pattern.pattern.endswith(")"):
            continue  # 总统{name}: nothing closes the name on its right
        for match in pattern.finditer(text, overlapped=True):
            start, end = match.span("name")
            longer[start] = max(longer.get(start, 0), end)
    kept = []
    for start, end, targets in known:
        cut = any(t.entity for t in targets) and end < longer.get(start, 0) <= end + MAX_CUT_CHARACTERS
        if not cut:
            kept.append((start, end, targets))
    return kept


MIN_GIVEN_NAME_SOUND = 70  # a given name read in Latin this alike (loose keys) is the known one's


def _without_foreign_given_names(text: str, known, rules: Rules, lexicon: Lexicon):
    """A known surname written after another given name and a middle dot is someone else's
    (叶海亚·谢里夫 is Yahya Sharif, not Shehbaz Sharif): the whole dotted name is read as one
    unknown name. The known person stays where the given name reads like theirs (弗拉基米尔·普京)."""
    if not rules.name_chars:
        return known
    before = regex.compile(f"[{regex.escape(rules.name_chars.replace('·', ''))}]+·$")
    kept = []
    for start, end, targets in known:
        given = before.search(text, max(0, start - WORD_REACH), start)
        people = [t.entity for t in targets if t.entity and lexicon.entities[t.entity].type == "person"]
        if given is None or "·" in text[start:end] or not people or len(people) < len(targets):
            kept.append((start, end, targets))
            continue
        reading = loose_key(to_latin(given.group()[:-1], rules.code))
        if any(_sounds_like(reading, lexicon.entities[p].name.split()[0]) for p in people):
            kept.append((start, end, targets))
    return kept


def _sounds_like(reading: str, name: str) -> bool:
    other = loose_key(name)
    return bool(reading) and reading[:1] == other[:1] and fuzz.ratio(reading, other) >= MIN_GIVEN_NAME_SOUND


def _attach_adjacent_titles(text: str, candidates: list[Candidate], cues, lexicon: Lexicon) -> None:
    for candidate in candidates:
        if candidate.title or not candidate.readings:
            continue
        if lexicon.entities[candidate.readings[0][0]].type != "person":
            continue
        for start, end, target in cues:
            if target.cue.type == "person" and (end == candidate.first or start == candidate.last):
                candidate.title = text[start:end]


def _pattern_names(text: str, rules: Rules, occupied: SpanSet, words: Sequence[Word] = ()) -> list[Candidate]:
    found: list[Candidate] = []
    for kind, pattern, title in _compiled_patterns(rules):
        for match in pattern.finditer(text, overlapped=True):
            start, end = _whole_words(text, match, words, rules)
            if occupied.overlaps(start, end):
                continue
            occupied.add(start, end)
            found.append(Candidate(start, end, type=kind, title=title if kind == "person" else None))
    return found


def _whole_words(text: str, match: regex.Match, words: Sequence[Word], rules: Rules) -> tuple[int, int]:
    """The name of a pattern grown to the start of the segmenter's word it cuts (夫·卡扎菲 in
    赛义夫·卡扎菲), where that word is a noun, a name or unknown, not a verb or a particle.

    Only where the pattern has no cue before the name: a cue already marks the boundary there.
    Never at the end, where the segmenter glues a following verb to a name it does not know
    (萨帕罗夫说: "Saparov said").
    """
    start, end = match.span("name")
    if not words or match.start() != start:
        return start, end
    word = _word_at(words, start)
    # A noun or name of the dictionary (理查德), or a word it does not hold (格蕾塔, 戴夫).
    fits = word is not None and (word.tag in rules.segmenter_name_words or word.tag == UNKNOWN)
    grows = fits and word.start < start
    return (word.start if grows and _ideographs(text[word.start:start]) else start), end


def _word_at(words: Sequence[Word], position: int) -> Word | None:
    # By key, not over a list of the ends: that list, built per name, made the text's work quadratic.
    index = bisect_left(words, position + 1, key=lambda w: w.end)
    return words[index] if index < len(words) and words[index].start <= position else None


def _ideographs(piece: str) -> bool:
    return bool(piece) and IDEOGRAPHS.fullmatch(piece) is not None


def _segmenter_names(text: str, rules: Rules, occupied: SpanSet, words: Sequence[Word]) -> list[Candidate]:
    """Words the segmenter tags as names, written in transliteration characters only (皮尔斯,
    德克勒克): the tag alone is weak (it reads 滑雪, "skiing", as a name), the characters of a
    foreign name and its length are the further evidence."""
    found = []
    for run in _name_character_runs(text, rules, words):
        kinds = [rules.segmenter_names[w.tag] for w in run if w.tag in rules.segmenter_names]
        # A word the dictionary does not hold, in transliteration characters, is a foreign name.
        unknown = any(w.tag == UNKNOWN and w.end - w.start >= rules.segmenter_min_name for w in run)
        start, end = run[0].start, run[-1].end
        if not (kinds or unknown) or end - start < rules.segmenter_min_name or occupied.overlaps(start, end):
            continue
        occupied.add(start, end)
        found.append(Candidate(start, end, guess=kinds[0] if kinds else None))
    chars = frozenset(rules.name_chars)
    for word in words:  # 开普敦: a place the segmenter tags, in characters beyond the table's
        start, end = word.start, word.end
        if rules.segmenter_names.get(word.tag) == "place" and end - start >= rules.segmenter_min_name \
                and not chars.isdisjoint(text[start:end]) \
                and not occupied.overlaps(start, end) and place_named([normal(text[start:end])], LARGE_TOWN):
            occupied.add(start, end)
            found.append(Candidate(start, end, guess="place"))
    return sorted(found, key=lambda c: c.first)


SHORT_KNOWN = 2  # characters of a known name that must start where the segmenter's word starts


def _words(text: str, rules: Rules) -> list[Word]:
    return segmented(text, rules.word_segmenter, rules.name_chars, segmenter_tags(rules))


MAX_PHRASE_WORDS = 4  # words before the head of a phrase naming an organisation or a place
HAN_WORD = regex.compile(r"\p{Han}+")


def _headed_phrases(text: str, found: Sequence[Mention], rules: Rules) -> list[Mention]:
    """Organisations and places a script without capitals names in words of its own, ending in a
    head noun of ``rules.heads`` (国家气象局, 波兰事务研究所, 考文垂路): the head's word and the words
    before it up to one that ends such a phrase (a verb, a particle, a pronoun, a number: the
    segmenter's ``segmenter_phrase_breaks``), two words at least, or one word the segmenter tags
    as a proper name (``segmenter_proper_words``: 圣彼得广场). A name found inside stays in the
    phrase (德国 in 德国波兰事务研究所). Such a phrase is also a common noun's (a weather bureau, a
    road), so it counts only where another source names the same organisation or place
    (``partner_only``), joined by its head and its meaning (match._join_by_heads)."""
    if not rules.heads or not rules.word_segmenter:
        return []
    words = _words(text, rules)
    spans = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for k, word in enumerate(words):
        kind = _head_kind(text[word.start:word.end], rules)
        if kind is None or word.tag in rules.segmenter_phrase_breaks:
            continue
        first = k
        while first > 0 and k - first < MAX_PHRASE_WORDS and _phrase_word(text, words[first - 1], rules):
            first -= 1
        start, end = words[first].start, word.end
        if any(s < end <= e for s, e in spans):
            continue  # the head is a piece of a name (欧盟委员会), or a name goes on past it
        # A name that the phrase cuts is no part of it.
        start = max([start, *(e for s, e in spans if s < start < e)])
        inside = [w for w in words[first:k + 1] if w.start >= start]
        if not inside or inside[0].start != start or (start, end) in spans:
            continue
        if len(inside) < 2 and word.tag not in rules.segmenter_proper_words:
            continue
        if not head_labels(text[start:end], rules):
            continue  # the head alone (委员会, "the committee")
        written = text[start:end]
        latin = to_latin(written, rules.code)
        attrs = {"type": kind, "canonical": False, "key": fold_key(latin), "surface_key": fold_key(latin),
                 "stem": written, "latin": latin, "form": PHRASE, "type_guessed": False, "partner_only": True}
        out.append(Mention(kind="entity", start=start, end=end, text=written, value=latin, attrs=attrs))
    return out


def _head_kind(piece: str, rules: Rules) -> str | None:
    """"organisation" or "place" where the word ends with a head noun (委员会, 气象局, 垂路)."""
    for kind, heads in rules.heads.values():
        if piece.endswith(heads):
            return kind
    return None


def _phrase_word(text: str, word: Word, rules: Rules) -> bool:
    piece = text[word.start:word.end]
    return word.tag not in rules.segmenter_phrase_breaks and HAN_WORD.fullmatch(piece) is not None


def _without_names_across_words(known, words: Sequence[Word]):
    """A known name of two characters that starts inside a word of the segmenter is two words'
    pieces (东北|约, "about ... north-east", is no 北约, NATO)."""
    if not words:
        return known
    return [(s, e, ts) for s, e, ts in known
            if e - s > SHORT_KNOWN or not ((word := _word_at(words, s)) is not None and word.start < s)]


def _segmenter_organisations(text: str, rules: Rules, words: Sequence[Word], known, lexicon: Lexicon):
    """Words the segmenter's dictionary tags as organisations (国民党, 世界粮食计划署), as typed
    candidates, where no known name overlaps them (法国参议院 keeps 法国, France, which the other
    source names as "French")."""
    if not rules.segmenter_organisations:
        return [], known
    found = []
    for word in words:
        if word.tag not in rules.segmenter_organisations or word.end - word.start < rules.segmenter_min_name:
            continue
        if text[word.start:word.end].endswith(rules.segmenter_common_heads):
            continue  # 临时政府, 俄罗斯政府: "the interim government" names no organisation
        if not any(s < word.end and word.start < e for s, e, _ in known):
            found.append(Candidate(word.start, word.end, type="organisation", cue=TRANSLATED))
    return found, known


TRANSLATED = "translated"  # the cue of a name the segmenter's dictionary gave (see _translated_names)


def _translated_names(mentions: list[Mention]) -> list[Mention]:
    """Names of organisations the segmenter's dictionary gave are translations (国民党, the National
    Party): their reading is one word, not syllables a spelling key would take for names (社会
    民主党 and 自由民主党 share "min zhu dang"), and they count only where another source names
    the same organisation (``partner_only``): alone, a dictionary's tag is too weak a sign."""
    out = []
    for mention in mentions:
        if _attrs(mention).cue != TRANSLATED:
            out.append(mention)
            continue
        latin = _attrs(mention).latin.replace(" ", "").capitalize()
        attrs = mention.attrs.updated({"latin": latin, "key": fold_key(latin), "surface_key": fold_key(latin),
                                       "partner_only": True}).without("cue")
        out.append(replace(mention, value=latin, attrs=attrs))
    return out


def _name_character_runs(text: str, rules: Rules, words: Sequence[Word]) -> list[list[Word]]:
    """Adjacent words written in transliteration characters only: the segmenter cuts a foreign
    name it does not know into pieces (科瓦尔|丘克, 格|伦斯基), the characters keep it whole. A
    word of its dictionary that is no name ends the run (西雅图 | 东南, "south-east")."""
    chars = set(rules.name_chars) - {"·"}
    runs: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        piece = text[word.start:word.end]
        if piece in rules.segmenter_not_names:
            other_word = True  # 西雅图|东南: "south-east of Seattle", tagged as a place
        elif len(piece) > 1:
            other_word = word.tag != UNKNOWN and word.tag not in rules.segmenter_names
        else:  # a character cut off a name (格|伦斯基) is a noun or a name to the segmenter, not 约 "about"
            other_word = word.tag not in rules.segmenter_name_words
        if set(piece) <= chars and not other_word:
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _compiled_patterns(rules: Rules) -> list[tuple[str, regex.Pattern, str]]:
    """``[entities.patterns]`` templates: {name} is a run of transliteration characters."""
    return rules.derived("patterns", lambda: _compile_patterns(rules))


def _compile_patterns(rules: Rules) -> list[tuple[str, regex.Pattern, str]]:
    if not rules.name_chars:
        return []
    chars = regex.escape(rules.name_chars)
    name = f"[{chars}]{{2,}}(?:·[{chars}]+)*"
    dotted = f"[{chars}]+(?:·[{chars}]+)+"
    compiled = []
    for kind, templates in rules.patterns.items():
        for template in templates:
            pieces = regex.split(r"\{(name|dotted)\}", template)
            literal = "".join(pieces[0::2])
            source = "".join(
                regex.escape(piece) if k % 2 == 0 else f"(?P<name>{name if piece == 'name' else dotted})"
                for k, piece in enumerate(pieces)
            )
            compiled.append((kind, regex.compile(source), literal))
    # Longer templates first: they say more about the name than a bare dotted run.
    compiled.sort(key=lambda item: -len(item[2]))
    return compiled

"""Finding entity mentions in one text, with per-language rules and data only.

Order of evidence: known names (alias files, pycountry, CLDR) first; then names introduced by
a cue (a title before or after: President X, X总统, Ақтөбе облысы); then, where the script has
capitals, runs of capitalised words that are not merely sentence-initial; in scripts without
word spaces, transliteration patterns around cue words (X总统, 在X举行).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex
from babel import UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from ...model import Mention
from .canon import clitic_as_written, cut_word, entity_by_key
from .gazetteer import Gazetteer, Match, Target, gazetteer_for, tokens_for
from .lexicon import entities
from .rules import Rules, rules_for
from .text import Token, is_acronym, normal
from .translit import fold_key, to_latin

MAX_TITLE_COMPLEMENT = 3  # lower-case words between a title and the name (министр энергетики X)


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


def find_entities(text: str, language: str | None) -> list[Mention]:
    """Entity mentions in ``text`` (offsets relative to it), titles kept apart from names.

    ``value`` is the canonical Latin name when known, else a provisional Latin form of the
    inflection-stripped name. ``attrs``: type, title, canonical, key, stem, latin, form.
    """
    rules = rules_for(language)
    gazetteer = gazetteer_for(language if rules.code else None)
    if not rules.word_spaces:
        return _find_in_running_text(text, rules, gazetteer)
    tokens = tokens_for(text, rules)
    matches = _without_foreign_first_names(tokens, _known_matches(tokens, gazetteer), rules)
    candidates = [_candidate_of(m) for m in matches if m.candidates[0][0].entity is not None]
    taken = {i for m in matches for i in range(m.first, m.last)}
    cue_matches = [m for m in matches if m.candidates[0][0].entity is None]
    candidates += _names_after_cues(tokens, cue_matches, candidates, taken, rules)
    if rules.capitalisation:
        candidates += _capitalised_runs(tokens, taken, rules)
    _choose_readings(candidates, tokens)
    candidates.sort(key=lambda c: c.first)
    mentions = [_mention(text, tokens, c, rules) for c in candidates]
    return _link_surnames(mentions, rules)


# --- known names ---------------------------------------------------------------------------


def _known_matches(tokens: list[Token], gazetteer: Gazetteer) -> list[Match]:
    found = []
    i = 0
    while i < len(tokens):
        match = gazetteer.match_at(tokens, i)
        if match is None or _hyphen_inside_word(tokens, match):
            i += 1
            continue
        found.append(match)
        i = match.last
    return found


def _without_foreign_first_names(tokens: list[Token], matches: list[Match], rules: Rules) -> list[Match]:
    """A known surname after an unknown first name is someone else (Akylbek, not Sadyr Japarov)."""
    if not rules.capitalisation:
        return matches
    taken = {i for m in matches for i in range(m.first, m.last)}
    kept = []
    for match in matches:
        before = match.first - 1
        free = before >= 0 and before not in taken
        if _surname_only(match) and free and _first_name_like(tokens, before, rules):
            continue
        kept.append(match)
    return kept


def _surname_only(match: Match) -> bool:
    readings = [(t, alias) for t, _, alias in match.candidates if t.entity is not None]
    return bool(readings) and match.last - match.first == 1 and all(
        entities()[t.entity].type == "person" and len(alias.split()) == 1 and t.form == "name"
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


def _names_after_cues(tokens, cue_matches, candidates, taken, rules: Rules) -> list[Candidate]:
    by_first = {c.first: c for c in candidates}
    by_last = {c.last: c for c in candidates}
    found = []
    for cue_match in cue_matches:
        cue = cue_match.candidates[0][0].cue
        target = None
        # ماکرون، رئیس جمهور فرانسه: a name just before a cue that may follow names is its owner.
        after = cue.after_name and cue_match.first in by_last
        if after:
            target = by_last[cue_match.first], cue_match.first
        elif cue.before_name:
            target = _name_after(tokens, cue_match.last, by_first, taken, rules)
        if target is None and cue.after_name:
            after = True
            target = _name_before(tokens, cue_match.first, by_last, taken, rules)
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


def _name_after(tokens, start: int, by_first, taken, rules: Rules) -> tuple[Candidate, int] | None:
    """The name a cue introduces, skipping the places and adjectives in between."""
    i = start
    skipped = 0
    while i < len(tokens) and _adjacent_or_comma(tokens[i]):
        if i in by_first and _is_modifier(by_first[i]):
            i = by_first[i].last
        elif _title_complement(tokens[i], rules) and skipped < MAX_TITLE_COMPLEMENT:
            i += 1  # министр энергетики X: lower-case words that complete the title
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
    return (Candidate(i, last), i) if last > i else None


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


def _name_before(tokens, end: int, by_last, taken, rules: Rules) -> tuple[Candidate, int] | None:
    if end in by_last:
        return by_last[end], end
    first = _unknown_name_end(tokens, end - 1, taken, rules, step=-1)
    return (Candidate(first + 1, end), end) if first < end - 1 else None


def _is_modifier(candidate: Candidate) -> bool:
    if candidate.form == "adjective":
        return True
    kinds = {entities()[e].type for e, _, _ in candidate.readings}
    return kinds == {"place"} or kinds == {"organisation"}


def _adjacent_or_comma(token: Token) -> bool:
    return token.gap_before.strip() in ("", "-", ",", "،")


def _unknown_name_end(tokens, i: int, taken, rules: Rules, step: int) -> int:
    """Walk from token ``i`` over the words of an unknown name; returns the index past it."""
    count = 0
    limit = rules.max_name_words
    while 0 <= i < len(tokens) and count < limit and i not in taken:
        token = tokens[i]
        if count and not _adjacent(tokens[i] if step > 0 else tokens[i - step]):
            break
        if token.norm in rules.stopwords or token.text.isdigit():
            break
        lower = rules.capitalisation and not token.capitalised
        if lower and (token.norm not in rules.particles or count == 0):
            break
        if token.norm in rules.particles:
            limit += 1
        count += 1
        i += step
    while count and 0 <= i - step < len(tokens) and tokens[i - step].norm in rules.particles:
        i -= step  # a name never ends on a particle
        count -= 1
    return i


def _adjacent(token: Token) -> bool:
    return token.gap_before.strip() in ("", "-", "‑")


# --- capitalised runs ----------------------------------------------------------------------


@cache
def _calendar_words(code: str | None) -> frozenset[str]:
    """Month and weekday names are capitalised in some languages but never entities."""
    if not code:
        return frozenset()
    words = set()
    try:
        for context in ("format", "stand-alone"):
            words.update(get_month_names("wide", context, locale=code).values())
            words.update(get_day_names("wide", context, locale=code).values())
    except (UnknownLocaleError, ValueError):
        return frozenset()
    return frozenset(normal(w) for w in words)


def _capitalised_runs(tokens: list[Token], taken: set[int], rules: Rules) -> list[Candidate]:
    lowercase_seen = {t.norm for t in tokens if not t.capitalised}
    capitalised_inside = {t.norm for t in tokens if t.capitalised and not t.sentence_start}
    not_names = rules.stopwords | _calendar_words(rules.code)
    found = []
    i = 0
    while i < len(tokens):
        if i in taken or not _could_start_name(tokens[i], not_names):
            i += 1
            continue
        end = _run_end(tokens, i, taken, rules, not_names)
        run = _trim_sentence_start(tokens, i, end, lowercase_seen, capitalised_inside, rules)
        if run is not None:
            candidate = Candidate(*run)
            if _plausible(tokens, candidate, rules):
                found.append(candidate)
        i = end
    return found


def _could_start_name(token: Token, not_names) -> bool:
    return token.capitalised and token.norm not in not_names and not token.text.isdigit()


def _run_end(tokens, i: int, taken, rules: Rules, not_names) -> int:
    end = i + 1
    while end < len(tokens) and end not in taken and _adjacent(tokens[end]):
        token = tokens[end]
        if token.capitalised and token.norm not in not_names:
            end += 1
        elif token.norm in rules.particles and end + 1 < len(tokens) and tokens[end + 1].capitalised \
                and end + 1 not in taken and _adjacent(tokens[end + 1]):
            end += 2
        else:
            break
    return end


def _trim_sentence_start(tokens, first, end, lowercase_seen, capitalised_inside, rules: Rules):
    """A capital at the start of a sentence proves nothing: keep that word only with evidence."""
    token = tokens[first]
    if not token.sentence_start:
        return first, end
    evidence = (
        token.norm in capitalised_inside
        or _has_name_ending(token.norm, rules)
        or (end - first > 1 and token.norm not in lowercase_seen and not rules.capitalised_nouns)
    )
    if evidence:
        return first, end
    first += 1
    while first < end and tokens[first].norm in rules.particles:
        first += 1
    return (first, end) if first < end else None


def _has_name_ending(word: str, rules: Rules) -> bool:
    return any(word.endswith(e) and len(word) > len(e) + 2 for e in rules.name_endings)


def _plausible(tokens, candidate: Candidate, rules: Rules) -> bool:
    words = tokens[candidate.first:candidate.last]
    if len(words) == 1 and len(words[0].text) < 2:
        return False
    if not rules.capitalised_nouns:
        return True
    # Where every noun has a capital, only name-like shapes count on their own.
    return len(words) > 1 or is_acronym(words[0].text) or _has_name_ending(words[0].norm, rules)


# --- choosing among readings ---------------------------------------------------------------


def _choose_readings(candidates: list[Candidate], tokens: list[Token]) -> None:
    """Order ambiguous readings by support in the text (Georgia: Tbilisi or Atlanta nearby)."""
    present = {c.readings[0][0] for c in candidates if len(c.readings) == 1}
    words = {t.norm for t in tokens}
    for candidate in candidates:
        if len(candidate.readings) < 2:
            continue
        candidate.readings.sort(key=lambda r: (-_support(r[0], present, words), r[1], -_prior(r[0])))


def _prior(name: str) -> float:
    return entities()[name].prior


def _support(name: str, present: set[str], words: set[str]) -> int:
    entity = entities()[name]
    score = 3 if name in present else 0
    score += sum(1 for other in entity.context if other in present)
    score += sum(1 for w in entity.context_words if _word_present(normal(w), words))
    return score


def _word_present(word: str, words: set[str]) -> bool:
    return word in words or (len(word) >= 4 and any(w.startswith(word) for w in words))


# --- mentions ------------------------------------------------------------------------------


def _mention(text: str, tokens: list[Token], candidate: Candidate, rules: Rules) -> Mention:
    words = tokens[candidate.first:candidate.last]
    cuts = candidate.cuts or tuple(rules.morphology.name_stem(t.norm) for t in words)
    start = words[0].start + _front_cut(words[0], cuts[0])
    stem = candidate.readings[0][2] if candidate.readings else _stem_text(words, cuts)
    if not candidate.readings and candidate.type is None:
        candidate.guess = _type_from_neighbours(tokens, candidate.first, rules)
    return _build(text, start, words[-1].end, stem, candidate, rules)


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


def _stem_text(words: list[Token], cuts) -> str:
    parts = []
    for k, (token, (front, back)) in enumerate(zip(words, cuts, strict=False)):
        piece = cut_word(token.text, token.norm, front, back)
        parts.append((token.gap_before if k else "") + piece)
    return "".join(parts)


def _build(text: str, start: int, end: int, stem: str, candidate: Candidate, rules: Rules) -> Mention:
    latin = to_latin(stem, rules.code)
    if candidate.readings:
        entity = entities()[candidate.readings[0][0]]
        value, kind, canonical = entity.name, entity.type, True
    else:
        known = entity_by_key(fold_key(latin))
        if known is not None:
            value, kind, canonical = known, entities()[known].type, True
        else:
            kind = candidate.type or candidate.guess or _guess_type(stem, rules)
            value, canonical = latin, False
    attrs = {
        "type": kind,
        "title": candidate.title,
        "canonical": canonical,
        "key": fold_key(value if canonical else latin),
        "surface_key": fold_key(to_latin(text[start:end], rules.code)),
        "stem": stem,
        "latin": latin,
        "form": candidate.form,
        "type_guessed": not canonical and candidate.type is None,
    }
    return Mention(kind="entity", start=start, end=end, text=text[start:end], value=value, attrs=attrs)


def _guess_type(stem: str, rules: Rules) -> str:
    words = [normal(w) for w in stem.split()]
    if any(w in rules.organisation_words for w in words) or is_acronym(stem):
        return "organisation"
    if any(w in rules.place_words for w in words):
        return "place"
    if len(words) > 1 or any(_has_name_ending(w, rules) for w in words):
        return "person"
    return "organisation"


def _link_surnames(mentions: list[Mention], rules: Rules) -> list[Mention]:
    """An unknown surname alone refers back to the full unknown name met earlier in the text."""
    full_names: dict[str, Mention] = {}
    linked = []
    for mention in mentions:
        attrs = mention.attrs
        if not attrs["canonical"] and attrs["type"] == "person":
            words = attrs["key"].split()
            if len(words) > 1:
                full_names.setdefault(words[-1], mention)
            elif words and words[0] in full_names:
                full = full_names[words[0]]
                mention = Mention(
                    kind="entity", start=mention.start, end=mention.end, text=mention.text,
                    value=full.value, attrs={**attrs, "key": full.attrs["key"], "type": "person"},
                )
        linked.append(mention)
    return linked


# --- scripts without word spaces -----------------------------------------------------------


def _find_in_running_text(text: str, rules: Rules, gazetteer: Gazetteer) -> list[Mention]:
    known: list[tuple[int, int, list[Target]]] = list(gazetteer.scan_strings(text))
    spans = [(s, e, ts) for s, e, ts in known if any(t.entity for t in ts)]
    cues = [(s, e, next(t for t in ts if t.cue)) for s, e, ts in known if not any(t.entity for t in ts)]
    candidates = [
        Candidate(s, e, readings=[(t.entity, 0, text[s:e]) for t in ts if t.entity], form=ts[0].form)
        for s, e, ts in spans
    ]
    occupied = [(s, e) for s, e, _ in known]
    candidates += _pattern_names(text, rules, occupied)
    _attach_adjacent_titles(text, candidates, cues)
    _choose_readings(candidates, [])
    candidates.sort(key=lambda c: c.first)
    mentions = [
        _build(text, c.first, c.last, text[c.first:c.last], c, rules) for c in candidates
    ]
    return _link_surnames(mentions, rules)


def _attach_adjacent_titles(text: str, candidates: list[Candidate], cues) -> None:
    for candidate in candidates:
        if candidate.title or not candidate.readings:
            continue
        if entities()[candidate.readings[0][0]].type != "person":
            continue
        for start, end, target in cues:
            if target.cue.type == "person" and (end == candidate.first or start == candidate.last):
                candidate.title = text[start:end]


def _pattern_names(text: str, rules: Rules, occupied: list[tuple[int, int]]) -> list[Candidate]:
    found: list[Candidate] = []
    for kind, pattern, title in _compiled_patterns(rules.code):
        for match in pattern.finditer(text, overlapped=True):
            start, end = match.span("name")
            if any(s < end and start < e for s, e in occupied):
                continue
            occupied.append((start, end))
            found.append(Candidate(start, end, type=kind, title=title if kind == "person" else None))
    return found


@cache
def _compiled_patterns(code: str | None) -> list[tuple[str, regex.Pattern, str]]:
    """``[entities.patterns]`` templates: {name} is a run of transliteration characters."""
    rules = rules_for(code)
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

"""Canonical names: from a surface form to the entity's one Latin name.

Three steps, most trusted first: the alias index of the language (inflection stripped), the
spelling-variant key of the name's Latin form against every alias's key (Tokaïev, Tokajew),
and a close rapidfuzz match on those keys guarded against near-misses.
"""

from __future__ import annotations

from collections import defaultdict

import regex
from rapidfuzz import fuzz, process

from ...lang.scripts import KEY_VOWELS
from ...tables import memoised, stored_table, tables_of
from .gazetteer import gazetteer_for, tokens_for
from .lexicon import Entity, KnowsNames, Lexicon, build_lexicon, curated_entities
from .rules import Rules, rules_for
from .translit import fold_key, to_latin

# rapidfuzz ratio (0-100) on spelling keys above which an unknown spelling is a known name.
FUZZY_KNOWN = 92
# Near-misses differ at the ends (Mirziyoyev/Mirziyoyeva) or in length: both must agree.
MAX_LENGTH_GAP = 2
# Keys whose entity is remembered per lexicon (a bounded memo: a server reads text for ever).
MAX_REMEMBERED_KEYS = 200_000
# The first sound of a key word: a digraph the folding keeps (sh, ch, ts) or one letter.
_FIRST_SOUND = regex.compile(rf"(?:sh|ch|ts|[^{KEY_VOWELS}])?")


def known_keys(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Spelling key of every alias (any language, read in Latin) -> the entities it names.

    Aliases read through a table of character readings (Chinese) are left out: such a reading
    is approximate (扎 stands for za, zha and ja alike), and those aliases are matched as
    written anyway. The curated entities' keys come from the stored table; learned ones are
    added on top.
    """
    return lexicon.derived("known-keys", lambda: _known_keys(lexicon))


def _known_keys(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    if not lexicon.learned:
        return _curated_keys()
    keys: dict[str, set[str]] = defaultdict(set)
    for key, names in _curated_keys().items():
        keys[key].update(names)
    for entity in lexicon.entities.values():
        if entity.name not in lexicon.curated:
            _add_keys(keys, entity)
    return {k: frozenset(v) for k, v in keys.items()}


@memoised()
def _curated_keys() -> dict[str, frozenset[str]]:
    return stored_table("known-keys", _build_curated_keys)


def _build_curated_keys() -> dict[str, frozenset[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for entity in curated_entities().values():
        _add_keys(keys, entity)
    return {k: frozenset(v) for k, v in keys.items()}


def _add_keys(keys: dict[str, set[str]], entity: Entity) -> None:
    keys[fold_key(entity.name)].add(entity.name)
    for lang, names in entity.names.items():
        if rules_for(lang).readings:
            continue
        for name in names:
            key = fold_key(to_latin(name, lang))
            if key:
                keys[key].add(entity.name)


def _keys_by_initial(lexicon: Lexicon) -> dict[str, list[str]]:
    return lexicon.derived("keys-by-initial", lambda: _group_by_initial(known_keys(lexicon)))


def _group_by_initial(keys: dict[str, frozenset[str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        grouped[key[:1]].append(key)
    return grouped


def keys_of(entity_name: str, lexicon: Lexicon) -> frozenset[str]:
    by_entity = lexicon.derived("entity-keys", lambda: _entity_keys(known_keys(lexicon)))
    return by_entity.get(entity_name, frozenset())


def _entity_keys(known: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for key, names in known.items():
        for name in names:
            keys[name].add(key)
    return {k: frozenset(v) for k, v in keys.items()}


def similar_keys(a: str, b: str) -> bool:
    """Two spelling keys name the same thing: close overall, and alike where near-misses differ.

    Near-misses differ at the ends (Mirziyoyev/Mirziyoyeva), in length, or in the first sound
    of a word (Saparov/Shaparov/Japarov): each word must begin with the same sound.
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > MAX_LENGTH_GAP or a[:1] != b[:1] or a[-2:] != b[-2:]:
        return False
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    if any(first_sound(x) != first_sound(y) for x, y in zip(words_a, words_b, strict=True)):
        return False
    return fuzz.ratio(a, b) >= FUZZY_KNOWN


def first_sound(word: str) -> str:
    """The consonant a key word begins with (sh of shaparov, s of saparov, nothing for aparov)."""
    return _FIRST_SOUND.match(word).group()


def entity_by_key(key: str, lexicon: Lexicon) -> str | None:
    """The one known entity whose alias keys equal or closely match ``key`` (None if unsure)."""
    if not key:
        return None
    # A name comes back many times in a long text: its fuzzy search over the keys is made once.
    memo = lexicon.derived("entity-by-key", dict)
    if key not in memo:
        if len(memo) >= MAX_REMEMBERED_KEYS:
            memo.clear()
        memo[key] = _entity_by_key(key, lexicon)
    return memo[key]


def _entity_by_key(key: str, lexicon: Lexicon) -> str | None:
    known = known_keys(lexicon)
    exact = known.get(key)
    if exact:
        return next(iter(exact)) if len(exact) == 1 else None
    candidates = _keys_by_initial(lexicon).get(key[:1], [])
    close = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_KNOWN, limit=3)
    for found, _score, _ in close:
        names = known[found]
        if len(names) == 1 and similar_keys(key, found):
            return next(iter(names))
    return None


def canonical_name(
    surface: str, language: str | None, context: KnowsNames | None = None
) -> tuple[str, str | None]:
    """The canonical Latin name of ``surface`` and its type, or a provisional Latin key and None.

    ``surface`` is a name as written in ``language`` (inflected forms are fine: Тоқаевтың);
    ``context`` the analysis context whose names are known (None: the curated names).
    """
    lexicon = context.lexicon if context is not None else build_lexicon()
    rules = tables_of(context).get(rules_for, language)
    tokens = tokens_for(surface, rules)
    if not tokens:
        return surface, None
    gazetteer = gazetteer_for(language, lexicon)
    match = gazetteer.match_at(tokens, 0) if gazetteer.rules.word_spaces else None
    if match is not None and match.last == len(tokens):
        for target, _cost, _alias in match.candidates:
            if target.entity is not None:
                entity = lexicon.entities[target.entity]
                return entity.name, entity.type
    if not gazetteer.rules.word_spaces:
        for start, end, targets in gazetteer.scan_strings(surface):
            named = [t for t in targets if t.entity is not None]
            if start == 0 and end == len(surface) and named:
                entity = lexicon.entities[named[0].entity]
                return entity.name, entity.type
    latin = to_latin(stem_of(surface, rules), language)
    known = entity_by_key(fold_key(latin), lexicon)
    if known is not None:
        return known, lexicon.entities[known].type
    return latin, None


def stem_of(surface: str, rules: Rules) -> str:
    """``surface`` with each word's clitics and inflection cut (Тоқаевтың -> Тоқаев), by the
    rules of its language."""
    morphology = rules.morphology
    parts = []
    for token in tokens_for(surface, rules):
        front, back = morphology.name_stem(token.norm)
        parts.append((token.gap_before if parts else "") + cut_word(token.text, token.norm, front, back))
    return "".join(parts) or surface


def cut_word(raw: str, norm: str, front: int, back: int) -> str:
    """Cut letters counted on the normal form from the word as written (when they line up)."""
    if len(raw) != len(norm) or front + back >= len(raw):
        return raw
    if not clitic_as_written(raw, norm, front):
        front = 0
    return raw[front: len(raw) - back]


def clitic_as_written(raw: str, norm: str, front: int) -> bool:
    """A clitic is cut only where it is written as such (ال, not the أل that begins ألماسادام)."""
    return raw[:front].lower() == norm[:front]

"""Matching entity mentions across documents and scripts into one entity each.

Evidence, strongest first:
0. a surname alone that only resembles a known person (by its key, or as a known surname) is
   first read against the unknown full names of all the documents (Сапаров, Айдарбек Сапаров);
1. the alias file: mentions that ``find_entities`` already resolved share their canonical name;
2. spelling: the Latin spelling keys of unknown names are equal or close (rapidfuzz on the
   folded keys, guarded against near-misses: same first sound, same ending, similar length),
   a surname alone joins the full name it ends, and a name whose last vowel may be a case
   ending joins the same name with another vowel (Чолпон-Ате, Cholpon-Ata); names a cue word
   typed join when their loose keys are equal (Елек өзені, реке Илек);
3. sound and meaning across scripts: an unknown name in a script that writes no vowels or hears
   other sounds (Arabic, Persian, Chinese) joins a name in another script when its loose
   phonetic key is close AND the multilingual encoder finds the two names alike AND the types
   agree AND the pair is each other's best match; unknown places a cue word typed join that way
   in any script (each language has its own form of a place: Шолпан-Ата, Чолпон-Ата).

Thresholds (rapidfuzz ratio 0-100 on keys, cosine on e5 vectors), set on the table in
tests/extract/test_entities_matching.toml (benchmarks/entity_matching.py prints the figures):
spelling keys merge at ratio >= 92 (canon.FUZZY_KNOWN) with the same initial, the same last two
letters and at most two letters' difference in length; across scripts a loose key >= 90 merges
alone, >= 70 only with cosine >= 0.88, and the best partner must lead the next by 0.05 (the
encoder's bars are in parallax.calibration). Names
as short as two or three consonants need the encoder. Known entities never merge with each
other: the alias file's canonical names are final.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import regex
from rapidfuzz import fuzz

from ...calibration import (
    ALIGNED_NAME_COSINE,
    ALIGNED_PHRASE_COSINE,
    ALIGNED_SENTENCE_COSINE,
    ALIGNED_SENTENCE_FLOOR,
    ENTITY_HEADED_COSINE,
    ENTITY_HEADED_MARGIN,
    ENTITY_MARGIN,
    ENTITY_MIN_COSINE,
    ENTITY_TRANSLATED_COSINE,
    ENTITY_TRANSLATED_MARGIN,
)
from ...lang.scripts import KEY_VOWELS
from ...model import EntityAttrs, Mention, attrs_as
from ...tables import KnowsTables, tables_of
from .canon import entity_by_key, keys_of, similar_keys
from .find import PHRASE, find_entities
from .gazetteer import tokens_for
from .lexicon import KnowsNames, Lexicon, build_lexicon
from .rules import head_labels, rules_for
from .text import is_acronym
from .translit import fold_key, loose_key, skeleton, sound_key, to_latin

# Across scripts, a loose key this close is enough on its own...
LOOSE_ALONE = 90
# ...and from this close on, the encoder must agree (cosine >= calibration.ENTITY_MIN_COSINE)
# for the names to merge, the best partner beating the next by calibration.ENTITY_MARGIN.
LOOSE_WITH_ENCODER = 70
# A name read through approximate readings (Chinese characters) this close, each word beginning
# with the same sound, counts as LOOSE_ALONE (see _approximate_similarity).
LOOSE_APPROXIMATE = 80
# A name found by evidence from another source must spell (loosely) this close to it.
EVIDENCE_MIN = 92
EVIDENCE_MIN_LETTERS = 5
# A shorter name is evidence only spelt exactly alike (Albi, Metz, Lahn): the same four letters.
EVIDENCE_EXACT_MIN_LETTERS = 4
# A word is looked at from this many letters: its key, not its spelling, must reach the bar above
# (Mix reads miks, the four sounds of 米克斯).
EVIDENCE_MIN_WRITTEN = 3
EVIDENCE_NAME_WORDS = 2  # a full name of this many words is looked for whole too
# Loose keys at least this long may join cue-typed unknown names by sound alone.
MIN_SOUND_LETTERS = 4
# Unknown names in Cyrillic and in Latin letters this alike in sound, word for word with the same
# first sounds, are one name when each is the other's best partner (Ілон Маск, Elon Musk: 89).
LOOSE_ACROSS_ALPHABETS = 85
# A full name (this many words or more) that ends another name is that name with a role before it.
MIN_TRAILING_WORDS = 2
# An organisation's name this many words long or more that opens a longer one is that one short.
MIN_OPENING_WORDS = 2
# A name joined by meaning alone has this many words on one side at least (Contact Group).
MIN_TRANSLATED_WORDS = 2
CYRILLIC = regex.compile(r"\p{Cyrillic}")
LATIN = regex.compile(r"\p{Latin}")


@dataclass(frozen=True)
class EntityCluster:
    """Mentions (indexes into the list given) that name one entity."""

    value: str
    type: str
    canonical: bool
    members: tuple[int, ...]


class _Nodes:
    """Union-find over mention indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        grouped: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            grouped[self.find(i)].append(i)
        return grouped


def _attrs(mention: Mention) -> EntityAttrs:
    return attrs_as(EntityAttrs, mention)


def match_entities(
    mentions: Sequence[Mention], encoder=None, context: KnowsNames | None = None,
    sources: Sequence[tuple[int, str | None]] | None = None, sentences: Sequence[str | None] | None = None,
) -> list[Mention]:
    """The same mentions, each with its cluster's canonical value, type and a cluster number.

    ``encoder`` (parallax.encode.Encoder) is used only for unknown names in scripts whose
    spelling cannot be compared (Arabic, Persian, Chinese) and, given ``sources`` (the document
    and its language, of each mention), for names one document translates from another, and given
    ``sentences`` (the sentence of each mention), for the one name left over in two sentences that
    say the same; without one those stay apart. ``context``: the analysis context whose names are
    known (None: the curated names).
    """
    clusters = cluster_entities(mentions, encoder, context, sources, sentences)
    out = list(mentions)
    for number, cluster in enumerate(clusters):
        for i in cluster.members:
            m = mentions[i]
            attrs = m.attrs.updated({"type": cluster.type, "canonical": cluster.canonical, "cluster": number})
            out[i] = replace(m, value=cluster.value, attrs=attrs)
    return out


def cluster_entities(
    mentions: Sequence[Mention], encoder=None, context: KnowsNames | None = None,
    sources: Sequence[tuple[int, str | None]] | None = None, sentences: Sequence[str | None] | None = None,
) -> list[EntityCluster]:
    lexicon = context.lexicon if context is not None else build_lexicon()
    mentions = _surnames_read_against_full_names(mentions)
    nodes = _Nodes(len(mentions))
    _join_known(mentions, nodes, lexicon)
    _join_by_spelling(mentions, nodes, lexicon)
    _join_opening_names(mentions, nodes, sources)
    _join_by_sound(mentions, nodes)
    _join_across_alphabets(mentions, nodes)
    _join_across_scripts(mentions, nodes, encoder, sources)
    if sources is not None:
        _join_translations(mentions, nodes, encoder, sources)
        _join_by_heads(mentions, nodes, encoder, sources, sentences)
    if sentences is not None and sources is not None:
        _join_in_aligned_sentences(mentions, nodes, encoder, sources, sentences)
        _join_phrases_in_aligned_sentences(mentions, nodes, encoder, sources, sentences)
    return [_cluster(mentions, members, lexicon) for members in nodes.groups().values()]


def _surnames_read_against_full_names(mentions: Sequence[Mention]) -> list[Mention]:
    """A surname alone, only guessed to be a known person, is the unknown full name it ends.

    Сапаров in one source and Айдарбек Сапаров in another: the lone surname is read against
    the full names of the comparison before any known person whose name merely resembles it
    (or who bears it too). It stays with the known person when several full names fit.
    """
    full: dict[str, str] = {}  # last word -> full key, for unknown full names of persons
    for m in mentions:
        words = (_attrs(m).key or "").split()
        if not _attrs(m).canonical and _attrs(m).type == "person" and len(words) > 1:
            full.setdefault(words[-1], _attrs(m).key)
    if not full:
        return list(mentions)
    out = list(mentions)
    for i, m in enumerate(mentions):
        attrs = _attrs(m)
        if not attrs.canonical or attrs.resolved_by not in ("key", "surname"):
            continue
        own = [k for k in (fold_key(attrs.latin or ""), attrs.surface_key) if k]
        own = [k for k in own if len(k.split()) == 1]
        fits = {key for last, key in full.items() if any(similar_keys(k, last) for k in own)}
        if len(fits) == 1:
            key = own[0]
            out[i] = replace(m, value=attrs.latin or m.value, attrs=attrs.updated({
                "canonical": False, "key": key, "type": "person", "type_guessed": False,
            }))
    return out


def _join_known(mentions: Sequence[Mention], nodes: _Nodes, lexicon: Lexicon) -> None:
    first_of: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = m.value if _attrs(m).canonical else entity_by_key(_attrs(m).key or "", lexicon)
        if name is None:
            continue
        if name in first_of:
            nodes.union(first_of[name], i)
        else:
            first_of[name] = i


def _known_name(mentions, nodes: _Nodes, i: int) -> str | None:
    root = nodes.find(i)
    for j, m in enumerate(mentions):
        if nodes.find(j) == root and _attrs(m).canonical:
            return m.value
    return None


def _join_by_spelling(mentions: Sequence[Mention], nodes: _Nodes, lexicon: Lexicon) -> None:
    """Unknown names join a name whose spelling key is the same or close (Tokaïev, Tokajew)."""
    unknown = [i for i, m in enumerate(mentions) if not _attrs(m).canonical and _attrs(m).key]
    first_with_key: dict[str, int] = {}
    for i in unknown:  # the same key is the same name
        key = _attrs(mentions[i]).key
        earlier = first_with_key.get(key)
        if earlier is not None and _types_agree(mentions[i], _attrs(mentions[earlier]).type):
            nodes.union(earlier, i)
        first_with_key.setdefault(key, i)
    keys = _keys_by_root(mentions, nodes, lexicon)
    for i in unknown:
        own = _own_keys(mentions[i])
        matches = {r for r, root_keys in keys.items() if any(_spelling_agrees(k, root_keys) for k in own)}
        matches.discard(nodes.find(i))
        compatible = [r for r in matches if _types_agree(mentions[i], _decided_type(mentions, nodes, r))]
        # Two different names that both fit (a surname shared by two people) leave it alone.
        if compatible and _one_name(compatible, keys):
            for root in compatible:
                nodes.union(i, root)
            keys = _keys_by_root(mentions, nodes, lexicon)


def _join_opening_names(mentions: Sequence[Mention], nodes: _Nodes,
                        sources: Sequence[tuple[int, str | None]] | None) -> None:
    """An unknown organisation's name that opens a longer one of the same document, which goes on
    with a connector (Grain Board; Grain Board of the Northern Territories), is that
    organisation named short. Where it opens two different longer names it stays alone."""
    if sources is None:
        return
    organisations = [i for i, m in enumerate(mentions) if not _attrs(m).canonical and _attrs(m).key
                     and _attrs(m).type == "organisation"]
    for i in organisations:
        words = _attrs(mentions[i]).key.split()
        if len(words) < MIN_OPENING_WORDS:
            continue
        connectors = _connector_keys(sources[i][1])  # the longer name is of the same document
        longer = {nodes.find(j) for j in organisations if sources[j] == sources[i]
                  and _opens(words, _attrs(mentions[j]).key.split(), connectors)}
        longer.discard(nodes.find(i))
        if len(longer) == 1:
            nodes.union(i, longer.pop())


def _connector_keys(language: str | None) -> frozenset[str]:
    """The keys of the words that go on with an organisation's name (of, for), but not of those
    that join two names (and): Ministry of Health and ... may be two."""
    rules = rules_for(language)
    return frozenset(fold_key(w) for w in rules.connectors - rules.coordinators)


def _opens(words: list[str], longer: list[str], connectors: frozenset[str]) -> bool:
    size = len(words)
    return len(longer) > size and longer[:size] == words and longer[size] in connectors


def _own_keys(mention: Mention) -> set[str]:
    """The key of the name's stem and of the name as written (a stem cut may be wrong: Мадина),
    and the key without a last vowel that may be a case ending (Чолпон-Ате)."""
    keys = (_attrs(mention).key, _attrs(mention).surface_key, _cut_marker(mention))
    return {k for k in keys if k}


ENDING_CUT = "~"  # marks a key whose last vowel was cut: it matches the key plus any one vowel


def _cut_marker(mention: Mention) -> str | None:
    key = _attrs(mention).ending_cut_key
    return key + ENDING_CUT if key else None


def _ending_differs(a: str, b: str) -> bool:
    """Чолпон-Ате (a case ending cut: cholpon at~) and Cholpon-Ata (cholpon ata)."""
    if a.endswith(ENDING_CUT) == b.endswith(ENDING_CUT):
        return False
    cut, whole = (a, b) if a.endswith(ENDING_CUT) else (b, a)
    stem = cut[:-1]
    return len(whole) == len(stem) + 1 and whole.startswith(stem) and whole[-1] in KEY_VOWELS


def _one_name(roots: list[int], keys: dict[int, set[str]]) -> bool:
    """Whether the groups that fit a name all name one entity: alike in spelling, or one the other
    with a role before it (Peter Labonte; Oberbürgermeister Peter Labonte)."""
    first = roots[0]
    return all(any(similar_keys(a, b) or _role_before(a, b) for a in keys[first] for b in keys[r])
               for r in roots[1:])


def _role_before(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return _ends_with_name(words_a, words_b) or _ends_with_name(words_b, words_a)


def _keys_by_root(mentions, nodes: _Nodes, lexicon: Lexicon) -> dict[int, set[str]]:
    keys: dict[int, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        root = nodes.find(i)
        if _attrs(m).canonical:
            keys[root] |= keys_of(m.value, lexicon) | {fold_key(m.value)}
        if not _attrs(m).canonical:
            keys[root] |= _own_keys(m)
    return keys


def _spelling_agrees(key: str, others: set[str]) -> bool:
    for other in others:
        if similar_keys(key, other) or _ending_differs(key, other):
            return True
        words, other_words = key.split(), other.split()
        # A surname alone is the full name it ends (Tileuberdi ~ Mukhtar Tileuberdi).
        if len(words) == 1 and len(other_words) > 1 and similar_keys(words[0], other_words[-1]):
            return True
        if _ends_with_name(words, other_words) or _ends_with_name(other_words, words):
            return True
    return False


def _ends_with_name(words: list[str], name: list[str]) -> bool:
    """A full name with a role or an outlet written before it in one source only (Innenminister
    Roger Lewentz ~ Roger Lewentz, General Mark Milley ~ Mark Milley): the same person."""
    size = len(name)
    return MIN_TRAILING_WORDS <= size < len(words) and similar_keys(" ".join(words[-size:]), " ".join(name))


def _root_type(mentions, nodes: _Nodes, root: int) -> str | None:
    types = Counter(_attrs(m).type for j, m in enumerate(mentions) if nodes.find(j) == root)
    return types.most_common(1)[0][0] if types else None


def _decided_type(mentions, nodes: _Nodes, root: int) -> str | None:
    """The type most of a group's mentions were told by a title, a cue or an alias; None where
    every type is a guess (Sahel guessed an organisation agrees with 萨赫勒地区, a region)."""
    types = Counter(_attrs(m).type for j, m in enumerate(mentions)
                    if nodes.find(j) == root and not _attrs(m).type_guessed)
    return types.most_common(1)[0][0] if types else None


def _types_agree(mention: Mention, other_type: str | None) -> bool:
    if other_type is None or _attrs(mention).type_guessed:
        return True
    return _attrs(mention).type == other_type


def _join_by_sound(mentions: Sequence[Mention], nodes: _Nodes) -> None:
    """Unknown names whose type a cue gave join when they sound alike (Елек өзені, реке Илек).

    Alphabets write the same place with other vowels (Kazakh Елек, Russian Илек); where a cue
    word says both are places, or both persons, equal loose keys are enough.
    """
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        attrs = _attrs(m)
        if attrs.canonical or attrs.type_guessed or not _is_latin_or_cyrillic(m):
            continue
        key = loose_key(attrs.latin or m.value)
        if len(key.replace(" ", "")) < MIN_SOUND_LETTERS:
            continue
        slot = (attrs.type, key)
        if slot in first:
            nodes.union(first[slot], i)
        else:
            first[slot] = i


# --- across scripts ------------------------------------------------------------------------


def _join_across_alphabets(mentions: Sequence[Mention], nodes: _Nodes) -> None:
    """An unknown name in Cyrillic joins an unknown name in Latin letters that sounds the same.

    Each alphabet spells a foreign name its own way (Омикрон, Omicron; Джуфра, Jufra), so the
    spelling keys differ where the loose keys agree. Only the two names' best partners in the
    other alphabet, and each other's, join: near-misses (Сапаров, Japarov) differ by more.
    """
    groups = nodes.groups()
    unknown = {r: members for r, members in groups.items()
               if not any(_attrs(mentions[i]).canonical for i in members)}
    alphabet = {r: _alphabet(mentions, members) for r, members in unknown.items()}
    cyrillic = [r for r in unknown if alphabet[r] == "cyrillic"]
    latin = [r for r in unknown if alphabet[r] == "latin"]
    if not cyrillic or not latin:
        return
    forms = {r: _sound_forms(mentions, unknown[r]) for r in (*cyrillic, *latin)}
    best_of_cyrillic = {r: _best_by_sound(mentions, nodes, r, latin, forms) for r in cyrillic}
    best_of_latin = {r: _best_by_sound(mentions, nodes, r, cyrillic, forms) for r in latin}
    for root, partner in best_of_cyrillic.items():
        if partner is not None and best_of_latin.get(partner) == root:
            nodes.union(root, partner)


def _alphabet(mentions, members) -> str | None:
    """"cyrillic" for a group with a mention in Cyrillic (a Cyrillic text may also quote the
    name in Latin letters: Omikron, Омикрон), else "latin" for one with a mention in Latin
    letters; None for names written in neither (西里尔·莫班达 alone)."""
    texts = [mentions[i].text for i in members]
    if any(CYRILLIC.search(t) for t in texts):
        return "cyrillic"
    return "latin" if any(LATIN.search(t) for t in texts) else None


def _sound_forms(mentions, members) -> set[str]:
    """Loose keys of a group's names, and of their stems without a vowel that may be a case
    ending (Джуфре: the key of Джуфр, marked to match any last vowel)."""
    forms = {_loose_of(mentions[i]) for i in members}
    for i in members:
        cut = _attrs(mentions[i]).ending_cut_key
        if cut:
            forms.add(loose_key(cut) + ENDING_CUT)
    return {f for f in forms if len(f.replace(" ", "").rstrip(ENDING_CUT)) >= MIN_SOUND_LETTERS}


def _best_by_sound(mentions, nodes: _Nodes, root: int, others: list[int], forms) -> int | None:
    scored = []
    for other in others:
        if not _types_agree(mentions[root], _decided_type(mentions, nodes, other)):
            continue
        score = max((_sound_score(a, b) for a in forms[root] for b in forms[other]), default=0.0)
        if score >= LOOSE_ACROSS_ALPHABETS:
            scored.append((score, other))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None  # two names sound alike as much: leave it alone
    return scored[0][1]


def _sound_score(a: str, b: str) -> float:
    """How alike two loose keys sound, word for word, each word beginning with the same sound
    (Ілон Маск, Elon Musk); a full name that ends a longer one is compared with its end (Марк
    Міллі, General Mark Milley); 0 where the words do not line up."""
    if _ending_differs(a, b):
        return 100.0
    if a.endswith(ENDING_CUT) or b.endswith(ENDING_CUT):
        return 0.0
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) and min(len(words_a), len(words_b)) >= MIN_TRAILING_WORDS:
        size = min(len(words_a), len(words_b))
        words_a, words_b = words_a[-size:], words_b[-size:]
    pairs = _same_length_names(" ".join(words_a), " ".join(words_b))
    return max((_sound_alike(x, y) for x, y in pairs if _same_initials(x, y)), default=0.0)


def _same_initials(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(
        skeleton(x)[:1] == skeleton(y)[:1] for x, y in zip(words_a, words_b, strict=True))


def _is_latin_or_cyrillic(mention: Mention) -> bool:
    return bool(LATIN.search(mention.text)) or bool(CYRILLIC.search(mention.text))


def _join_across_scripts(mentions: Sequence[Mention], nodes: _Nodes, encoder,
                         sources: Sequence[tuple[int, str | None]] | None = None) -> None:
    """Unknown names in scripts without comparable spelling join by sound and meaning.

    Unknown places that a cue word types join the same way even in comparable scripts, because
    each language has its own form of a place's name (Kazakh Шолпан-Ата, Kyrgyz Чолпон-Ата);
    persons do not, so that near-misses (Saparov, Japarov) stay apart.
    """
    groups = nodes.groups()
    unknown = [r for r, members in groups.items()
               if not any(_attrs(mentions[i]).canonical for i in members)]
    lonely = [r for r in unknown if not any(_is_latin_or_cyrillic(mentions[i]) for i in groups[r])]
    places = [r for r in unknown if r not in lonely and _cued_place(mentions, groups[r])]
    if not lonely and len(places) < 2:
        return
    others = [r for r in groups if r not in lonely]
    labels = {r: _display(mentions, groups[r]) for r in groups}
    sims = _encoder_similarity(encoder, labels)
    spoken = _spoken_keys(mentions, sources) if lonely else {}
    for root in places:
        best = _best_partner(mentions, nodes, groups, sims, root, places)
        if best is not None:
            nodes.union(root, best)
    # Names spelt in comparable scripts anchor first; lonely names pair up among themselves after.
    for targets in (others, lonely):
        for root in lonely:
            best = _best_partner(mentions, nodes, groups, sims, root, targets, spoken)
            if best is not None:
                nodes.union(root, best)


def _join_translations(mentions: Sequence[Mention], nodes: _Nodes, encoder,
                       sources: Sequence[tuple[int, str | None]]) -> None:
    """An unknown name one document translates word by word from another joins it by meaning.

    Высшая избирательная комиссия and High Election Commission share no sound; only the encoder
    sees one name. Two unknown groups of documents in different languages join when one of them
    has two words or more (single words are too short for the encoder to tell apart), their
    types agree, the cosine of their names reaches ENTITY_TRANSLATED_COSINE and each is the
    other's best partner in the other's document by ENTITY_TRANSLATED_MARGIN. Names in one
    language never join this way: the encoder finds two names of one language alike for their
    shared words (Interstate Water Commission, Interstate Energy Council: 0.95).
    """
    if encoder is None:
        return
    groups = nodes.groups()
    candidates = {r: members for r, members in groups.items()
                  if not any(_attrs(mentions[i]).canonical for i in members)
                  and len({sources[i] for i in members}) == 1}
    origin = {r: sources[members[0]] for r, members in candidates.items()}
    if len({language for _, language in origin.values()}) < 2:
        return
    labels = {r: _display(mentions, members) for r, members in candidates.items()}
    sims = _encoder_similarity(encoder, labels)
    best = {r: _best_translations(r, origin, sims, mentions, nodes) for r in candidates}
    for root, partners in best.items():
        for partner in partners:
            mutual = root in best.get(partner, ())
            if root < partner and mutual and _long_enough(mentions, candidates, root, partner):
                nodes.union(root, partner)


def _join_by_heads(mentions: Sequence[Mention], nodes: _Nodes, encoder,
                   sources: Sequence[tuple[int, str | None]], sentences: Sequence[str | None] | None) -> None:
    """Unknown names of organisations and places that two languages write with heads of one
    label (rules.heads: Humanitarian Fund, 阿富汗人道主义基金, label fund; Coventry Road, 考文垂路,
    label road) are one where the encoder finds them the most alike of the names with that head.

    A name translated word by word shares no sound with its original, and the encoder alone finds
    unrelated names of one story about as alike (0.84-0.88 across Chinese and English); the head
    narrows the candidates to a few of one kind, among which the right partner leads. Two groups
    of documents in different languages join when they share a head label, their types agree, the
    cosine reaches ENTITY_HEADED_COSINE, each is the other's best partner with a shared head in
    the other's document by ENTITY_HEADED_MARGIN, and a sentence of each says about the same
    (ALIGNED_SENTENCE_FLOOR): two committees of one head in sentences about other things stay apart.
    """
    if encoder is None or sentences is None:
        return
    groups = nodes.groups()
    heads: dict[int, set[str]] = {}
    for root, members in groups.items():
        if any(_attrs(mentions[i]).canonical for i in members) or len({sources[i] for i in members}) > 1:
            continue
        labels = {label for i in members for label in
                  head_labels(_attrs(mentions[i]).stem or mentions[i].text, rules_for(sources[i][1]))}
        if labels:
            heads[root] = labels
    origin = {r: sources[groups[r][0]] for r in heads}
    if len({language for _, language in origin.values()}) < 2:
        return
    sims = _encoder_similarity(encoder, {r: _display(mentions, groups[r]) for r in heads})
    said = {r: sorted({sentences[i] for i in groups[r] if sentences[i]}) for r in heads}
    texts = sorted({text for found in said.values() for text in found})
    vectors = encoder.encode(texts) if texts else None
    index = {text: k for k, text in enumerate(texts)}

    def alike_sentences(a: int, b: int) -> bool:
        if vectors is None or not said[a] or not said[b]:
            return False
        rows, cols = vectors[[index[t] for t in said[a]]], vectors[[index[t] for t in said[b]]]
        return float((rows @ cols.T).max()) >= ALIGNED_SENTENCE_FLOOR

    best: dict[int, int | None] = {}
    for root in heads:
        document, language = origin[root]
        by_document: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for other in heads:
            other_document, other_language = origin[other]
            if other_language == language or other_document == document or not heads[root] & heads[other]:
                continue
            if _types_agree(mentions[root], _decided_type(mentions, nodes, other)):
                by_document[other_document].append((sims.get((root, other), 0.0), other))
        partners = []
        for scored in by_document.values():
            scored.sort(reverse=True)
            if scored[0][0] >= ENTITY_HEADED_COSINE and (
                    len(scored) == 1 or scored[0][0] - scored[1][0] >= ENTITY_HEADED_MARGIN):
                partners.append(scored[0][1])
        best[root] = partners[0] if len(partners) == 1 else None
    for root, partner in best.items():
        if partner is not None and best.get(partner) == root and root < partner \
                and alike_sentences(root, partner):
            nodes.union(root, partner)


def _join_in_aligned_sentences(mentions: Sequence[Mention], nodes: _Nodes, encoder,
                               sources: Sequence[tuple[int, str | None]],
                               sentences: Sequence[str | None]) -> None:
    """The one name two sentences that say the same leave unmatched is one entity.

    A sentence and its counterpart in a document of another language (each the other's most alike
    by the encoder, at ALIGNED_SENTENCE_COSINE) name the same things. Where every other name of
    the two has found its partner and one is left on each side, those two are one entity, however
    each language writes it (ЗСУ / UAF, Ecosse / Schottland, 马丁·格里菲思 / Martin Griffiths).
    Acronyms pair with acronyms and written-out names with written-out names, one of each kind
    left in each sentence. Two known entities never join, nor names whose types disagree; a name
    with votes for two partners stays alone.
    """
    if encoder is None:
        return
    groups = nodes.groups()
    # A lower-case phrase (find.PHRASE) joins by its meaning only: as a second name left in a
    # sentence it would keep the one name there from its partner.
    lonely = {r: members for r, members in groups.items() if len({sources[i][0] for i in members}) == 1
              and not all(_attrs(mentions[i]).form == PHRASE for i in members)}
    left: dict[tuple[int, str], set[int]] = defaultdict(set)  # (document, sentence) -> lonely groups
    for root, members in lonely.items():
        for i in members:
            if sentences[i]:
                left[(sources[i][0], sentences[i])].add(root)
    language = {sources[i][0]: sources[i][1] for i in range(len(mentions))}
    # One name of each shape left in a sentence: an acronym (ЗСУ) and a name written out
    # (Генштаб) are paired with their own kind only.
    alone: dict[tuple[int, str, bool], int] = {}
    for (document, text), roots in left.items():
        for shape in (True, False):
            same = [r for r in roots if _acronym_group(mentions, lonely[r]) == shape]
            if len(same) == 1:
                alone[(document, text, shape)] = same[0]
    documents = sorted({key[0] for key in alone})
    if len(documents) < 2:
        return
    texts = sorted({text for _, text in left})
    index = {text: k for k, text in enumerate(texts)}
    vectors = encoder.encode(texts)
    pairs: list[tuple[int, int, float]] = []  # the two names left, and their sentences' cosine
    for a in documents:
        for b in documents:
            if a >= b or language[a] == language[b]:
                continue
            for key_a, key_b, cosine in _aligned(a, b, left, index, vectors):
                for shape in (True, False):
                    root_a, root_b = alone.get((*key_a, shape)), alone.get((*key_b, shape))
                    if root_a is not None and root_b is not None:
                        pairs.append((root_a, root_b, cosine))
    # The names themselves are encoded only where the sentences alone are too weakly alike.
    weak_roots = {root for a, b, cosine in pairs if cosine < ALIGNED_SENTENCE_COSINE for root in (a, b)}
    names = _encoder_similarity(encoder, {r: _display(mentions, lonely[r]) for r in sorted(weak_roots)})
    votes: dict[int, set[int]] = defaultdict(set)
    for root_a, root_b, cosine in pairs:
        alike = names.get((root_a, root_b), 0.0) >= ALIGNED_NAME_COSINE
        strong = cosine >= ALIGNED_SENTENCE_COSINE or alike
        if strong and _may_be_one(mentions, nodes, lonely, root_a, root_b):
            votes[root_a].add(root_b)
            votes[root_b].add(root_a)
    for root, partners in votes.items():
        partner = next(iter(partners))
        if len(partners) == 1 and votes.get(partner) == {root} and root < partner:
            nodes.union(root, partner)


def _join_phrases_in_aligned_sentences(mentions: Sequence[Mention], nodes: _Nodes, encoder,
                                       sources: Sequence[tuple[int, str | None]],
                                       sentences: Sequence[str | None]) -> None:
    """An organisation named in lower-case words joins the name its sentence's translation gives it.

    A phrase (find.PHRASE: речник міністерства закордонних справ) that no name of another document
    joined by meaning over the whole document, where another organisation of that document is
    about as alike (Ministry of Internal Affairs), is read against the sentence that says the same
    in the other language (each the other's most alike, at ALIGNED_SENTENCE_COSINE): the
    organisation named there that no name of the phrase's own document has joined, the most alike
    to the phrase by ALIGNED_PHRASE_COSINE, the phrase being the most alike to it of the phrases of
    its sentence, is the same organisation (Foreign Ministry).
    """
    if encoder is None:
        return
    groups = nodes.groups()
    documents_of = {r: {sources[i][0] for i in members} for r, members in groups.items()}
    phrases = {r for r, members in groups.items() if len(documents_of[r]) == 1
               and all(_attrs(mentions[i]).form == PHRASE for i in members)}
    if not phrases:
        return
    # (document, sentence) -> phrases / organisations named there
    phrase_at: dict[tuple[int, str], set[int]] = defaultdict(set)
    names_at: dict[tuple[int, str], set[int]] = defaultdict(set)
    for root, members in groups.items():
        if root not in phrases and _root_type(mentions, nodes, root) != "organisation":
            continue
        for i in members:
            if sentences[i]:
                (phrase_at if root in phrases else names_at)[(sources[i][0], sentences[i])].add(root)
    if not names_at:
        return
    language = {sources[i][0]: sources[i][1] for i in range(len(mentions))}
    keys = sorted(set(phrase_at) | set(names_at))
    index = {key: k for k, key in enumerate(keys)}
    vectors = encoder.encode([text for _, text in keys])
    labels = {r: _display(mentions, groups[r]) for key in keys
              for r in phrase_at.get(key, set()) | names_at.get(key, set())}
    names = _encoder_similarity(encoder, labels)
    documents = sorted({document for document, _ in keys})
    for a in documents:
        side_a = [key for key in phrase_at if key[0] == a]
        for b in documents:
            if a == b or language[a] == language[b] or not side_a:
                continue
            side_b = [key for key in names_at if key[0] == b]
            if not side_b:
                continue
            matrix = vectors[[index[k] for k in side_a]] @ vectors[[index[k] for k in side_b]].T
            for i, key_a in enumerate(side_a):
                j = int(matrix[i].argmax())
                if matrix[i, j] < ALIGNED_SENTENCE_COSINE or int(matrix[:, j].argmax()) != i:
                    continue
                _join_phrase_in(phrase_at[key_a], names_at[side_b[j]], names, nodes, documents_of, a)


def _join_phrase_in(phrases: set[int], others: set[int], names, nodes: _Nodes, documents_of, document: int
                    ) -> None:
    """Each phrase of one sentence joins the name of its counterpart most alike to it (see
    _join_phrases_in_aligned_sentences), where each is the other's best."""
    free = [r for r in others if document not in documents_of[r]]
    for phrase in phrases:
        if not free:
            return
        best = max(free, key=lambda r: names.get((phrase, r), 0.0))
        if names.get((phrase, best), 0.0) < ALIGNED_PHRASE_COSINE:
            continue
        if max(phrases, key=lambda p: names.get((p, best), 0.0)) != phrase:
            continue
        nodes.union(phrase, best)
        free.remove(best)


def _aligned(a: int, b: int, left, index, vectors) -> list[tuple[tuple[int, str], tuple[int, str], float]]:
    """Pairs of sentences of documents ``a`` and ``b`` that are each other's most alike among the
    sentences of the two with a name left, at ALIGNED_SENTENCE_FLOOR or more, with their cosine."""
    side_a = [key for key in left if key[0] == a]
    side_b = [key for key in left if key[0] == b]
    if not side_a or not side_b:
        return []
    rows = vectors[[index[text] for _, text in side_a]]
    cols = vectors[[index[text] for _, text in side_b]]
    matrix = rows @ cols.T
    pairs = []
    for i, key_a in enumerate(side_a):
        j = int(matrix[i].argmax())
        if matrix[i, j] >= ALIGNED_SENTENCE_FLOOR and int(matrix[:, j].argmax()) == i:
            pairs.append((key_a, side_b[j], float(matrix[i, j])))
    return pairs


def _may_be_one(mentions, nodes: _Nodes, lonely, a: int, b: int) -> bool:
    """Two names left in aligned sentences may be one: not two known entities, and one type.
    (They have one shape: both acronyms, ЗСУ and UAF, or neither; an acronym left against a name
    written in full is more often a name the other side did not find than the same thing.)"""
    known = [r for r in (a, b) if any(_attrs(mentions[i]).canonical for i in lonely[r])]
    if len(known) > 1:
        return False
    # Only the sentence speaks for the two: their types, even guessed ones, must be the same.
    return _root_type(mentions, nodes, a) == _root_type(mentions, nodes, b)


def _acronym_group(mentions, members) -> bool:
    return all(is_acronym(_attrs(mentions[i]).stem or mentions[i].text) for i in members)


def _best_translations(root: int, origin, sims, mentions, nodes: _Nodes) -> set[int]:
    """The best partner of ``root`` in each document of another language, where it leads."""
    document, language = origin[root]
    by_document: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for other, (other_document, other_language) in origin.items():
        if other_language == language or other_document == document:
            continue
        if _types_agree(mentions[root], _decided_type(mentions, nodes, other)):
            by_document[other_document].append((sims.get((root, other), 0.0), other))
    best = set()
    for scored in by_document.values():
        scored.sort(reverse=True)
        if scored[0][0] < ENTITY_TRANSLATED_COSINE:
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < ENTITY_TRANSLATED_MARGIN:
            continue  # two names fit about as well: leave it alone
        best.add(scored[0][1])
    return best


def _long_enough(mentions, candidates, a: int, b: int) -> bool:
    return max(len(_display(mentions, candidates[r]).split()) for r in (a, b)) >= MIN_TRANSLATED_WORDS


def _cued_place(mentions, members) -> bool:
    return any(_attrs(mentions[i]).type == "place" and not _attrs(mentions[i]).type_guessed
               for i in members)


def _spoken_keys(mentions: Sequence[Mention], sources: Sequence[tuple[int, str | None]] | None
                 ) -> dict[int, str]:
    """The sound keys of the names in Latin letters, by their language's spelling (see
    translit.sound_key), where the language of each mention is known."""
    if sources is None:
        return {}
    spoken = {}
    for i, mention in enumerate(mentions):
        if LATIN.search(mention.text) and not _attrs(mention).canonical:
            key = sound_key(_attrs(mention).stem or mention.text, sources[i][1])
            if key:
                spoken[i] = key
    return spoken


def _best_partner(mentions, nodes: _Nodes, groups, sims, root: int, targets: list[int],
                  spoken: dict[int, str] | None = None) -> int | None:
    scored: dict[int, float] = {}
    approximate = all(_attrs(mentions[i]).approximate for i in groups[root])
    for other in targets:
        if nodes.find(other) == nodes.find(root):
            continue
        if not _types_agree(mentions[root], _decided_type(mentions, nodes, other)):
            continue
        loose = _loose_similarity(mentions, groups[root], groups[other])
        cosine = sims.get((root, other), 0.0)
        if approximate and loose < LOOSE_ALONE:
            loose = max(loose, _approximate_similarity(mentions, groups[root], groups[other], spoken))
        if loose >= LOOSE_ALONE or (loose >= LOOSE_WITH_ENCODER and cosine >= ENTITY_MIN_COSINE):
            cluster = nodes.find(other)
            scored[cluster] = max(scored.get(cluster, 0.0), loose / 100 + cosine)
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] <= ENTITY_MARGIN:
        return None  # two different names fit about as well: leave it alone
    return ranked[0][0]


def _loose_similarity(mentions, members_a, members_b) -> float:
    best = 0.0
    for a in _loose_forms(mentions, members_a):
        for b in _loose_forms(mentions, members_b) | _known_loose(mentions, members_b):
            if a and b:
                best = max(best, *(_sound_alike(x, y) for x, y in _same_length_names(a, b)))
    return best


def _approximate_similarity(mentions, members_a, members_b, spoken: dict[int, str] | None = None) -> float:
    """How alike a name read through approximate readings (Chinese: 利兹·特拉斯, Liz Tlas) sounds
    to a name spelt in letters, where each word begins with the same consonant (the readings
    blur vowels and clusters, rarely the first sound); 0 where the words do not line up.

    Scores from LOOSE_APPROXIMATE count as LOOSE_ALONE: far below them lie different names.
    The name in letters is also read as its language's spelling sounds (``spoken``: Mike
    McCarthy sounds maik makalsi, as 麦克·麦卡锡 reads).
    """
    best = 0.0
    heard = {spoken[i] for i in members_b if i in spoken} if spoken else set()
    for a in _loose_forms(mentions, members_a):
        for b in _loose_forms(mentions, members_b) | _known_loose(mentions, members_b) | heard:
            for x, y in _same_length_names(a, b):
                words_x, words_y = x.split(), y.split()
                if len(words_x) != len(words_y) or len(x.replace(" ", "")) < MIN_SOUND_LETTERS:
                    continue
                if any(skeleton(p)[:1] != skeleton(q)[:1] for p, q in zip(words_x, words_y, strict=True)):
                    continue
                if _sound_alike(x, y) >= LOOSE_APPROXIMATE:
                    best = max(best, float(LOOSE_ALONE))
    return best


def _same_length_names(a: str, b: str) -> list[tuple[str, str]]:
    """A surname alone is compared with the surname of a full name (斯迈洛夫 ~ Alikhan Smailov),
    and a name written without spaces with the whole name (乔尔蓬阿塔 ~ Cholpon-Ata)."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) == 1 < len(words_b):
        return [(a, words_b[-1]), (a, "".join(words_b))]
    if len(words_b) == 1 < len(words_a):
        return [(words_a[-1], b), ("".join(words_a), b)]
    return [(a, b)]


def _sound_alike(a: str, b: str) -> float:
    score = fuzz.ratio(a, b)
    if skeleton(a) != skeleton(b):
        score = min(score, fuzz.ratio(skeleton(a), skeleton(b)))
    return score


def _loose_forms(mentions, members) -> set[str]:
    """Loose keys of a group's names; approximate readings (Chinese) only when it has no other,
    for 扎帕罗夫 reads Zaparov although it writes Japarov."""
    exact = {_loose_of(mentions[i]) for i in members if not _attrs(mentions[i]).approximate}
    return exact or {_loose_of(mentions[i]) for i in members}


def _loose_of(mention: Mention) -> str:
    return loose_key(_attrs(mention).latin or mention.value)


def _known_loose(mentions, members) -> set[str]:
    names = {mentions[i].value for i in members if _attrs(mentions[i]).canonical}
    return {loose_key(n) for n in names}


def _display(mentions, members) -> str:
    texts = Counter(_attrs(mentions[i]).stem or mentions[i].text for i in members)
    return texts.most_common(1)[0][0]


def _encoder_similarity(encoder, labels: dict[int, str]) -> dict[tuple[int, int], float]:
    if encoder is None or len(labels) < 2:
        return {}
    roots = list(labels)
    vectors = encoder.encode([labels[r] for r in roots])
    matrix = vectors @ vectors.T
    return {(a, b): float(matrix[i, j]) for i, a in enumerate(roots) for j, b in enumerate(roots) if a != b}


# --- clusters ------------------------------------------------------------------------------


def _cluster(mentions: Sequence[Mention], members: list[int], lexicon: Lexicon) -> EntityCluster:
    known = Counter(mentions[i].value for i in members if _attrs(mentions[i]).canonical)
    if known:
        name = known.most_common(1)[0][0]
        entity = lexicon.entities.get(name)
        kind = entity.type if entity else _attrs(mentions[members[0]]).type or "person"
        return EntityCluster(name, kind, True, tuple(members))
    name = _provisional_name(mentions, members)
    return EntityCluster(name, _majority_type(mentions, members), False, tuple(members))


def _provisional_name(mentions, members) -> str:
    """Prefer a name as a Latin-script source writes it, the fullest form, a form written in the
    nominative (Zarina Bekmuratova, not the stem Zarin Bekmuratov its endings were cut to for matching),
    the most frequent."""
    latin_written = [_attrs(mentions[i]).stem or mentions[i].text for i in members
                     if LATIN.search(mentions[i].text)]
    nominatives = set()
    if not latin_written:
        nominatives = {_attrs(mentions[i]).nominative for i in members} - {None}
    pool = latin_written or [_attrs(mentions[i]).nominative or _attrs(mentions[i]).latin or mentions[i].value
                             for i in members]
    # A role written before the full name in some mentions is no part of the name.
    keys = {n: fold_key(n).split() for n in pool}
    pool = [n for n in pool if not any(_ends_with_name(keys[n], keys[m]) for m in pool)] or pool
    counts = Counter(pool)
    return max(counts, key=lambda n: (len(n.split()), n in nominatives, counts[n], -pool.index(n)))


def _majority_type(mentions, members) -> str:
    decided = Counter(
        _attrs(mentions[i]).type for i in members if not _attrs(mentions[i]).type_guessed
    )
    every = Counter(_attrs(mentions[i]).type for i in members)
    return (decided or every).most_common(1)[0][0]


# --- evidence across sources ---------------------------------------------------------------


def find_by_evidence(text: str, language: str | None, names: Sequence[Mention],
                     found: Sequence[Mention] = (), context: KnowsTables | None = None) -> list[Mention]:
    """Words of ``text`` that spell a name found in another source, as new mentions.

    A capitalised or lower-case word (or two or three) whose Latin reading matches the key of
    one of ``names`` is that name, even where this text gave no other sign of a name.
    ``found`` are this text's own mentions, whose spans are not searched again.
    """
    targets = _evidence_targets(names)
    if not targets:
        return []
    taken = [(m.start, m.end) for m in found]
    rules = tables_of(context).get(rules_for, language)
    spans = _candidate_spans(text, rules)
    out = []
    for start, end, surface in spans:
        if any(s < end and start < e for s, e in taken):
            continue
        target = _evidence_match(surface, language, targets)
        if target is None:
            continue
        taken.append((start, end))
        attrs = target.attrs.updated({"stem": surface, "latin": to_latin(surface, language), "title": None,
                                      "evidence": True})
        out.append(Mention("entity", start, end, text[start:end], target.value, attrs=attrs))
    return out


def _evidence_targets(names: Sequence[Mention]) -> dict[str, Mention]:
    targets: dict[str, Mention] = {}
    for m in names:
        words = (_attrs(m).latin or m.value).split()
        # The surname, and a full name of two words (Darren Moss, whose surname alone is short).
        for phrase in (words[-1:], words if len(words) == EVIDENCE_NAME_WORDS else []):
            key = loose_key(" ".join(phrase))
            if phrase and len(key.replace(" ", "")) >= EVIDENCE_EXACT_MIN_LETTERS:
                targets.setdefault(key, m)
    return targets


def _candidate_spans(text: str, rules) -> list[tuple[int, int, str]]:
    if not rules.word_spaces:
        chars = regex.escape(rules.name_chars) if rules.name_chars else r"\p{Han}"
        return [(m.start(), m.end(), m.group()) for m in regex.finditer(f"[{chars}]{{3,}}", text)]
    tokens = tokens_for(text, rules)
    spans = _two_word_spans(text, tokens) if rules.capitalisation else []
    for token in tokens:
        if rules.capitalisation and not token.capitalised:
            continue  # where the script has capitals, a lower-case word is no name (декларацию)
        front, back = rules.morphology.name_stem(token.norm)
        start, end = token.start + front, token.end - back
        if end - start >= EVIDENCE_MIN_WRITTEN:
            spans.append((token.start + front, token.end, text[start:end]))
    return spans


def _two_word_spans(text: str, tokens) -> list[tuple[int, int, str]]:
    """Two capitalised words on one line, joined by a space (Darren Moss): a full name that
    another source gives, read before its single words."""
    return [(a.start, b.end, text[a.start:b.end]) for a, b in pairwise(tokens)
            if a.capitalised and b.capitalised and b.gap_before == " "]


def _evidence_match(surface: str, language: str | None, targets: dict[str, Mention]) -> Mention | None:
    key = loose_key(to_latin(surface, language))
    if len(key) < EVIDENCE_EXACT_MIN_LETTERS:
        return None
    if key in targets:
        return targets[key]
    if len(key) < EVIDENCE_MIN_LETTERS:
        return None
    for target_key, mention in targets.items():
        if len(target_key) >= EVIDENCE_MIN_LETTERS and abs(len(target_key) - len(key)) <= 1 \
                and fuzz.ratio(key, target_key) >= EVIDENCE_MIN:
            return mention
    return None


# --- a set of documents --------------------------------------------------------------------


def resolve_entities(
    documents: Sequence[tuple[str, str | None]], encoder=None, context: KnowsNames | None = None
) -> list[list[Mention]]:
    """Entity mentions of each (text, language) document, matched across all of them.

    Finds mentions per document, adds names that only evidence from another document reveals,
    then matches everything; each mention's ``value`` is its entity's one canonical name.
    """
    found = [find_entities(text, language, context) for text, language in documents]
    for k, (text, language) in enumerate(documents):
        elsewhere = [m for j, ms in enumerate(found) if j != k for m in ms if _attrs(m).form == "name"]
        extra = find_by_evidence(text, language, elsewhere, found[k], context)
        found[k] = sorted(found[k] + extra, key=lambda m: m.start)
    flat = [m for ms in found for m in ms]
    matched = iter(match_entities(flat, encoder, context))
    return [[next(matched) for _ in ms] for ms in found]

"""What parallax knows about names: the curated alias files, pycountry and CLDR country names.

Every entity has one canonical Latin name (its identity), a type, and names per language.
Countries come from pycountry (names in every language through its gettext catalogues) and
CLDR's short names through Babel; the alias files in ``data/`` add people, cities,
organisations, and for countries the adjectives and demonyms no catalogue has. Names learned
from earlier comparisons (``learned.py``) come last, and only in a :class:`Lexicon` built with
them (``build_lexicon(records)``): the analysis context carries the lexicon it was built with,
so no choice made elsewhere in the process changes what an extractor knows.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pycountry
from babel import Locale, UnknownLocaleError

from ...lang import languages
from ...tables import KnowsTables, memoised, stored_table
from .text import words_of

TYPES = ("person", "place", "organisation")
DATA = resources.files(__package__) / "data"
NOT_ALIAS_FILES = {"spelling.toml"}


@dataclass
class Entity:
    name: str
    type: str
    code: str | None = None
    prior: float = 1.0
    context: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    derive_surname: bool = True
    source: str = "pycountry"

    def add_names(self, code: str, items) -> None:
        for item in items:
            if item and "," not in item and item not in self.names[code]:
                self.names[code].append(item)


LEARNED_SOURCE = "learned"
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The names one analysis knows: the curated entities, plus learned ones when it asked.

    Built once per alias set (:func:`build_lexicon`) and handed to the extractors with the
    analysis context; never changed afterwards. The indexes built from its entities (spelling
    keys, the phrase index of each language) are built on first use and kept with it, so a
    lexicon with other names never meets indexes built from these.
    """

    entities: Mapping[str, Entity]
    curated: Mapping[str, Entity]
    # Digests of the names held ({"curated", "learned"}; learned None when not used).
    aliases: Mapping[str, str | None]
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False)

    def derived(self, name: Hashable, build: Callable[[], T]) -> T:
        """The table ``name`` built from these entities: ``build()`` on first use, then kept."""
        try:
            return self._derived[name]
        except KeyError:
            table = self._derived[name] = build()
            return table

    @property
    def learned(self) -> bool:
        """Whether learned names are included (the digest of an empty learned file too)."""
        return self.aliases.get("learned") is not None


class KnowsNames(KnowsTables, Protocol):
    """What the entity code reads of an analysis context: the names it knows and the language
    tables. The context (``extract.context``) is built from the quote and entity modules, so
    they name it by this."""

    @property
    def lexicon(self) -> Lexicon: ...


def build_lexicon(learned: Sequence[dict] | None = None) -> Lexicon:
    """The curated entities plus ``learned`` alias records (None: curated names only).

    ``learned`` are records in the shape of the curated files' (``learned.as_alias_records``).
    A learned name the curated files know is skipped: it yields to the curated one.
    """
    if learned is None:
        return _curated_lexicon()
    records = json.dumps(list(learned), ensure_ascii=False, sort_keys=True)
    return _lexicon_with(records)


@memoised()
def _curated_lexicon() -> Lexicon:
    curated = curated_entities()
    return Lexicon(curated, curated, {"curated": _curated_digest(), "learned": None})


@memoised(maxsize=4)
def _lexicon_with(records: str) -> Lexicon:
    """Keyed on the records' text: an edited learned file gives another lexicon."""
    curated = curated_entities()
    known = dict(curated)
    for record in json.loads(records):
        if record["name"] not in curated:
            _merge_record(known, {}, record, LEARNED_SOURCE)
    for name in set(known) - set(curated):
        _derive_surnames(known[name])
    digest = hashlib.sha256(records.encode()).hexdigest()[:16]
    return Lexicon(known, curated, {"curated": _curated_digest(), "learned": digest})


@cache
def _curated_digest() -> str:
    """The alias files and catalogue versions ship with the package: hashed once per process."""
    curated = hashlib.sha256(f"pycountry {version('pycountry')} babel {version('babel')}".encode())
    for path in alias_files():
        curated.update(path.name.encode() + b"\0" + path.read_bytes())
    return curated.hexdigest()[:16]


@memoised()
def curated_entities() -> dict[str, Entity]:
    """The catalogues' countries and the alias files' entities, without learned names.

    Shared by every rebuild of :func:`entities`, so never changed once built.
    """
    return stored_table("entities", _build_curated_entities)


def _build_curated_entities() -> dict[str, Entity]:
    known = _countries()
    by_code = {e.code: e for e in known.values() if e.code}
    for path in alias_files():
        for record in tomllib.loads(path.read_text("utf-8")).get("entity", []):
            _merge_record(known, by_code, record, path.name)
    for entity in known.values():
        _derive_surnames(entity)
    _derive_acronyms(known)
    _add_subdivisions(known)
    return known


MIN_ACRONYM, MAX_ACRONYM = 3, 6  # letters of an acronym drawn from a name's initials
MAX_CONNECTOR = 3  # a lower-case word this short inside a name is a connector (of, и, des), no initial
_NAME_PARTS = re.compile(r"[\s\-‑]+")


MIN_ACRONYM_ZIPF = 4.0  # an acronym drawn from initials is taken where the press writes it this often
# (rarer ones are more often something else: ФРС, the Federal Reserve, not Somalia)


def _derive_acronyms(known: dict[str, Entity]) -> None:
    """In the languages whose file says so (``derive_acronyms``), a place or organisation named
    by three words or more is also named by their initials (Южно-Африканская Республика: ЮАР;
    Центральноафриканская… Центральная Африканская Республика: ЦАР; Федеративна Республіка
    Німеччина: ФРН), where the language's press writes that acronym often (wordfreq): most
    official names give letters nobody writes. An acronym that two entities would share, or
    that is already another entity's name, is nobody's. The gazetteer matches an acronym only
    where it is written in capitals."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang in _acronym_languages():
        for entity in known.values():
            if entity.type == "person":
                continue
            for item in entity.names.get(lang, ()):
                acronym = _initials(item)
                if acronym is not None and _written_often(acronym, lang):
                    found[(lang, acronym)].add(entity.name)
    owners: dict[str, set[str]] = defaultdict(set)  # a name as written, folded -> its entities
    for entity in known.values():
        for items in entity.names.values():
            for item in items:
                owners[item.casefold()].add(entity.name)
    for (lang, acronym), names in sorted(found.items()):
        others = owners.get(acronym.casefold(), set()) - names
        if len(names) == 1 and not others:
            known[next(iter(names))].add_names(lang, [acronym])


def _acronym_languages() -> list[str]:
    from ...lang import maybe_load

    return [code for code in languages()
            if (data := maybe_load(code)) is not None and data.section("entities").get("derive_acronyms")]


def _written_often(acronym: str, lang: str) -> bool:
    from .common import stored_zipf  # read in the stored table: wordfreq's own lists are large

    return stored_zipf(acronym, lang) >= MIN_ACRONYM_ZIPF


def _initials(name: str) -> str | None:
    words = [w for w in _NAME_PARTS.split(name.strip()) if w]
    if not all(w.replace("'", "").replace("’", "").isalpha() for w in words):
        return None
    initials = [w[0] for w in words if not (w.islower() and len(w) <= MAX_CONNECTOR)]
    if not MIN_ACRONYM <= len(initials) <= MAX_ACRONYM or not any(c.isupper() for c in initials):
        return None
    return "".join(initials).upper()


@memoised()
def curated_key_names() -> frozenset[str]:
    """Spelling keys of every name the curated files and catalogues hold (learned ones aside)."""
    return stored_table("curated-keys", _build_curated_key_names)


def _build_curated_key_names() -> frozenset[str]:
    from .translit import fold_key, to_latin

    keys = set()
    for entity in curated_entities().values():
        keys.add(fold_key(entity.name))
        for lang, names in entity.names.items():
            keys.update(fold_key(to_latin(name, lang)) for name in names)
    keys.discard("")
    return frozenset(keys)


def alias_files() -> list:
    return sorted(
        (p for p in DATA.iterdir() if p.name.endswith(".toml") and p.name not in NOT_ALIAS_FILES),
        key=lambda p: p.name,
    )


def _merge_record(known: dict[str, Entity], by_code: dict[str, Entity], record: dict, source: str) -> None:
    code = record.get("code")
    entity = by_code.get(code) if code else known.get(record["name"])
    if entity is None:
        entity = Entity(name=record["name"], type=record["type"], code=code, source=source)
        if entity.type not in TYPES:
            raise ValueError(f"{source}: {entity.name}: type must be one of {', '.join(TYPES)}")
        known[entity.name] = entity
    elif "name" in record and record["name"] != entity.name:
        # An alias file may rename a country (CLDR's English name is the default).
        known.pop(entity.name)
        entity.add_names("en", [entity.name])
        entity.name = record["name"]
        known[entity.name] = entity
    entity.prior = float(record.get("prior", entity.prior))
    entity.context += tuple(record.get("context", ()))
    entity.context_words += tuple(w for ws in record.get("context_words", {}).values() for w in ws)
    entity.derive_surname = bool(record.get("surname", entity.derive_surname))
    for lang in languages():
        entity.add_names(lang, record.get(lang, []))
        for adjective in record.get("adjectives", {}).get(lang, []):
            if adjective not in entity.adjectives[lang]:
                entity.adjectives[lang].append(adjective)


def _derive_surnames(entity: Entity) -> None:
    """A person named in full is also named by the last word (Tokayev, Тоқаев, 马克龙)."""
    if entity.type != "person" or not entity.derive_surname:
        return
    for lang, items in entity.names.items():
        for item in list(items):
            if "·" in item:
                entity.add_names(lang, [item.rsplit("·", 1)[1]])
            elif len(words := item.split()) > 1 and len(words_of(words[-1])) == 1:
                entity.add_names(lang, [words[-1]])


def _countries() -> dict[str, Entity]:
    english = Locale.parse("en").territories
    known: dict[str, Entity] = {}
    for country in pycountry.countries:
        name = english.get(country.alpha_2, getattr(country, "common_name", None) or country.name)
        entity = Entity(name=name, type="place", code=country.alpha_2)
        english_names = [
            country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
        ]
        entity.add_names("en", [name, *english_names])
        for lang in languages():
            translate = _catalogue(lang)
            entity.add_names(lang, [translate(n) for n in english_names if n])
            entity.add_names(lang, [_territories(lang).get(country.alpha_2)])
        known[name] = entity
    return known


@cache
def _catalogue(lang: str, domain: str = "iso3166-1"):
    """pycountry's translation of country (or, with ``domain`` iso3166-2, subdivision) names,
    trying regional catalogues (zh -> zh_CN); None when there is none for the language."""
    regional = sorted(p.name for p in Path(pycountry.LOCALES_DIR).iterdir() if p.name.startswith(f"{lang}_"))
    for candidate in [lang, *regional]:
        try:
            return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[candidate]).gettext
        except OSError:
            continue
    return (lambda text: text) if domain == "iso3166-1" else None


SUBDIVISIONS = "pycountry-subdivisions"  # the source of the regions' entities
LANDSCAPES = "geography.toml"  # the alias file of rivers, mountains, seas, islands and landscapes
# A single-word name of a subdivision that is a word of its language this frequent (French "Est",
# Iceland's eastern region; Russian "Гор") is left out: the word is meant far more often...
SUBDIVISION_WORD_ZIPF = 4.0
# ...and from this frequency on even the subdivision's own name (Como, a province, is Spanish "as").
SUBDIVISION_LOCAL_WORD_ZIPF = 5.5
SUBDIVISION_PHRASE_ZIPF = 5.0  # each word of the local name of several words (South-West)
# Characters of a subdivision's name in a script without word spaces: shorter ones (中部, "the
# centre") are words found inside other words.
SUBDIVISION_MIN_CHARACTERS = 3
# ...and of one without its head noun (伊利诺伊 of 伊利诺伊州): three transliteration characters
# alone are as often a person's name (索菲亚 of 索菲亚州, Sofia).
HEADLESS_MIN_CHARACTERS = 4
TOWN_OVER_REGION = 50_000  # people of a town whose name its region shares (Salzburg): the town is meant


def _add_subdivisions(known: dict[str, Entity]) -> None:
    """Regions, provinces and states (pycountry's ISO 3166-2 and their names in its catalogues)
    whose names differ between languages written in Latin letters: Bayern, Bavière, Bavaria;
    Rheinland-Pfalz, Rhénanie-Palatinat; Genève, Genf. Only those, since a subdivision every
    language names alike is matched by its spelling already, and the thousands of districts would
    bring their names as words. A name that is also a country's, an alias file's, another
    subdivision's or a large town's the gazetteer knows (Wien, Salzburg, Liberec: the town is
    meant more often; not Corse, a village in England) names none of them, and neither does a
    frequent word of the language."""
    from .places import place_named
    from .text import normal
    from .translit import fold_key

    catalogues = {lang: c for lang in languages()
                  if _reads_subdivision_names(lang) and (c := _catalogue(lang, "iso3166-2")) is not None}
    taken = {item.casefold() for e in known.values() for items in e.names.values() for item in items}
    taken |= {name.casefold() for name in known}
    found: list[tuple[dict[str, str], bool]] = []
    owners: dict[str, int] = defaultdict(int)
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        names = {lang: translate(subdivision.name) for lang, translate in sorted(catalogues.items())}
        # A name that is a frequent word of one language is one in every other (Est: French "is").
        words = {name.casefold() for lang, name in names.items()
                 if not _subdivision_name(name, lang, subdivision.name)}
        # A catalogue that leaves the name as it is gives no name of the language in another script.
        names = {lang: name for lang, name in names.items() if name.casefold() not in words
                 and (name != subdivision.name or _written_in_latin(lang))}
        for name in set(names.values()):
            owners[name.casefold()] += 1
        found.append((names, subdivision.parent_code is None and not _local_unit(subdivision.type)))
    for names, first_level in found:
        names = {lang: name for lang, name in names.items()
                 if owners[name.casefold()] == 1 and name.casefold() not in taken
                 and place_named([normal(name)], TOWN_OVER_REGION) is None}
        latin = {fold_key(name) for name in names.values() if name.isascii() or _latin(name)}
        canonical = names.get("en")
        spelt_apart = len(latin) > 1 or _unspelt_names(names, first_level)
        if canonical is None or canonical in known or not spelt_apart:
            continue
        if len(latin) < 2:
            # Taken for its Chinese name: the other alphabets' names only vouched for it, and
            # spelling keys match them already (a catalogue's short form, Клара for Villa Clara,
            # is a given name).
            names = {lang: name for lang, name in names.items() if _latin(name) or not _word_spaces(lang)}
        entity = Entity(name=canonical, type="place", source=SUBDIVISIONS)
        for lang, name in names.items():
            entity.add_names(lang, [name, *_without_place_head(name, lang)])
        known[canonical] = entity


# Kinds of subdivision that are towns and their districts, first-level or not (Slovenia's 212
# municipalities): their names are words of other languages (Grad, German "degree") far more often.
LOCAL_UNITS = ("municipality", "district", "parish", "rayon", "commune", "city", "borough", "council",
               "popularate")


def _local_unit(kind: str) -> bool:
    return any(unit in kind.casefold() for unit in LOCAL_UNITS)


def _unspelt_names(names: dict[str, str], first_level: bool) -> bool:
    """Whether a language without word spaces (Chinese) gives a state or province (a subdivision of
    the first level) a name of its own, as long as SUBDIVISION_MIN_CHARACTERS: no spelling key
    reads 亚利桑那州 as Arizona, the name every language in Latin letters writes alike. Only where
    an alphabet other than Latin names it too (Аризона): the catalogues translate the names the
    press of many languages writes, and leave the rest (Kerry, Clare, Mayo: given names and
    words more often than Irish counties)."""
    own = any(not _word_spaces(lang) and len(name) >= SUBDIVISION_MIN_CHARACTERS
              and _transliterated(name, lang) for lang, name in names.items())
    alphabet = any(_word_spaces(lang) and not _latin(name) for lang, name in names.items())
    return first_level and own and alphabet


def _transliterated(name: str, lang: str) -> bool:
    """Whether at least two characters of ``name`` are the language's characters of foreign names
    (亚利桑那州): a name the catalogue translates into words (南部地区, "the southern region") is a
    phrase the press writes of other places too."""
    chars = set(_entities_section(lang).get("name_chars", "")) - {"·"}
    return sum(c in chars for c in name) >= 2


def _without_place_head(name: str, lang: str) -> list[str]:
    """In a language without word spaces, the name without the head noun of places it ends in, where
    HEADLESS_MIN_CHARACTERS remain: the press writes 伊利诺伊 as often as 伊利诺伊州 (only for a
    transliterated name: 东北地区 without its head is a word, "the north-east")."""
    if _word_spaces(lang) or not _transliterated(name, lang):
        return []
    heads = {h for items in _entities_section(lang).get("heads", {}).get("place", {}).values() for h in items}
    head = max((h for h in heads if name.endswith(h)), key=len, default="")
    return [name[:-len(head)]] if head and len(name) - len(head) >= HEADLESS_MIN_CHARACTERS else []


def _entities_section(lang: str) -> dict:
    from ...lang import maybe_load

    data = maybe_load(lang)
    return data.section("entities") if data is not None else {}


def _written_in_latin(lang: str) -> bool:
    from ...lang import maybe_load

    data = maybe_load(lang)
    return data is not None and data.section("language").get("script") == "Latn"


def _latin(name: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def _subdivision_name(name: str, lang: str, local: str) -> bool:
    """A name as the press writes it: no inverted forms (Asturias, Principado de), no brackets or
    alternatives (A Coruña [La Coruña], Fribourg / Freiburg), and no frequent word of ``lang``
    (a translation as frequent as SUBDIVISION_WORD_ZIPF, the local name itself as
    SUBDIVISION_LOCAL_WORD_ZIPF: Bayern, 5.2 in German, is a name). Read in the stored frequency
    table, and not in languages without word spaces (their tokeniser is a segmenter): building
    the entity table loads no lemmatiser or segmenter."""
    from .common import stored_zipf

    if any(mark in name for mark in ",[(/"):
        return False
    if not _word_spaces(lang):
        return True
    words = words_of(name)
    if len(words) == 1:
        bar = SUBDIVISION_LOCAL_WORD_ZIPF if name == local else SUBDIVISION_WORD_ZIPF
        return stored_zipf(name, lang) < bar
    # A phrase of frequent words (South-West, Extrême-Nord) is a direction, not a name.
    bar = SUBDIVISION_PHRASE_ZIPF if name == local else SUBDIVISION_WORD_ZIPF
    return not all(stored_zipf(word, lang) >= bar for word in words)


def _reads_subdivision_names(lang: str) -> bool:
    """Whether pycountry's catalogue of region names is read for ``lang`` (``[entities]
    subdivision_names``, default true): not where it translates the names wholesale, district by
    district, so that its spelling alone would make hundreds of regions every other language names
    alike (Landes, Mary, Est) entities of every language."""
    return bool(_entities_section(lang).get("subdivision_names", True))


def _word_spaces(lang: str) -> bool:
    return bool(_entities_section(lang).get("word_spaces", True))


@cache
def _territories(lang: str) -> dict[str, str]:
    """CLDR's names of territories in ``lang`` by ISO code; empty when CLDR lacks the language."""
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}

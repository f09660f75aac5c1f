"""Aliases learned from use: names the curated files do not hold, met in several languages.

When the comparison merges mentions of a name no alias file knows (Айдарбек Сапаров, أيدار بك
ساباروف, 萨帕罗夫 and Aydarbek Saparov in four sources), those forms are worth keeping: the next
comparison finds that name as known, in every language it was seen in, even in a source where
nothing else marks it as a name. ``learn_aliases`` picks such merges (pure); the edges of the
program save them with ``save_learned_aliases`` to a JSON file in the user's data directory
(``$PARALLAX_ALIASES`` overrides the path), which ``lexicon.entities`` reads with the curated
files. A learned name yields to a curated one: it is skipped once the curated files know it,
and weighs less among homonyms.

The file's place and format are in ``learned_file``, which the entity tables read: this module
learns and saves, above the tables (it asks them which names are curated).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ...model import EntityAttrs, attrs_as
from .learned_file import (
    SCHEMA,
    TYPES,
    as_alias_records,
    learned_aliases_path,
    load_learned_aliases,
    write_learned_file,
)
from .lexicon import LEARNED_SOURCE, Lexicon, build_lexicon, curated_key_names
from .text import normal
from .translit import fold_key, to_latin

# A merge is worth learning when the name was met in this many languages...
MIN_LANGUAGES = 2
# ...and its Latin key has this many letters (no initials, no two-letter fragments).
MIN_LETTERS = 4
MAX_FORMS = 8  # forms kept per language


def learn_aliases(
    clusters: Iterable[Iterable[tuple[str | None, Any]]], lexicon: Lexicon | None = None
) -> list[dict]:
    """The merges of unknown names worth remembering, as learned-alias entries.

    ``clusters``: one group per entity of a comparison, each a sequence of (language, mention)
    pairs, the mentions after ``match_entities`` (anything with ``value``, ``text`` and
    ``attrs``: Mentions or the entity Facts of the documents). A group is learned when no
    mention of it is known to the curated files (a name learned before may gain forms), it was
    met in at least two languages, and at least one mention's type was told by the text (a
    title or a place word), not guessed.
    Each entry: ``name`` (the canonical Latin name), ``type`` and ``names`` (language -> the
    nominative forms, inflection cut). ``lexicon``: the names the comparison knew (None: the
    curated ones); a name known only as learned there may gain forms.
    """
    lexicon = lexicon if lexicon is not None else build_lexicon()
    entries = []
    for group in clusters:
        pairs = [(language, m) for language, m in group if language and _attrs(m).form == "name"]
        entry = _entry_of(pairs, lexicon)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry_of(pairs: Sequence[tuple[str, Any]], lexicon: Lexicon) -> dict | None:
    if not pairs or any(_attrs(m).canonical and not _learned(m.value, lexicon) for _, m in pairs):
        return None  # the curated files know it
    if not any(_type_told(m) for _, m in pairs):
        return None
    name = str(pairs[0][1].value)
    kind = _majority(_attrs(m).type for _, m in pairs if _type_told(m))
    names: dict[str, list[str]] = defaultdict(list)
    for language, mention in pairs:
        form = (_attrs(mention).stem or mention.text).strip()
        if kind == "person" and _surname_only(form, language, name):
            continue
        if form and form not in names[language] and len(names[language]) < MAX_FORMS:
            names[language].append(form)
    if len(names) < MIN_LANGUAGES or kind not in TYPES or len(fold_key(name).replace(" ", "")) < MIN_LETTERS:
        return None
    return {"name": name, "type": kind, "names": {lang: forms for lang, forms in sorted(names.items())}}


def _attrs(mention: Any) -> EntityAttrs:
    return attrs_as(EntityAttrs, mention)


def _type_told(mention: Any) -> bool:
    """The mention's type came from the text (a title, a cue) or the alias files, not a guess."""
    return not _attrs(mention).type_guessed or _attrs(mention).canonical


def _surname_only(form: str, language: str, name: str) -> bool:
    """A one-word form of a person with a longer name ("Сапаров", 萨帕罗夫 for Nurlan Saparov).

    Stored as an alias it would name every namesake (Aydarbek Saparov too) in later
    comparisons; within one article the surname still points back to the full name.
    """
    words = len(fold_key(to_latin(form, language)).split())
    return words == 1 and len(fold_key(name).split()) > 1


def _learned(name: Any, lexicon: Lexicon) -> bool:
    """A name known only because an earlier comparison learned it (it may learn more forms)."""
    entity = lexicon.entities.get(name)
    return entity is not None and entity.source == LEARNED_SOURCE


def _majority(kinds: Iterable[str | None]) -> str | None:
    counts: dict[str | None, int] = defaultdict(int)
    for kind in kinds:
        counts[kind] += 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def save_learned_aliases(entries: Sequence[dict], path: str | os.PathLike | None = None) -> Path:
    """Merge ``entries`` into the learned-alias file and write it atomically; returns its path.

    An entry joins the stored one with the same name or the same spelling key (its forms are
    added, ``seen`` counts the comparisons that met it); names the curated files know by now
    are left out. An analysis knows the new names once given a context built anew
    (``analysis_context``): contexts built before keep the names they were built with.
    """
    file = Path(path) if path is not None else learned_aliases_path()
    stored = load_learned_aliases(file)
    by_key = {fold_key(e["name"]): e for e in stored}
    curated = curated_key_names()
    changed = False
    for entry in entries:
        key = fold_key(entry["name"])
        if not key or key in curated:
            continue
        old = by_key.get(key)
        if old is None:
            old = {"name": entry["name"], "type": entry["type"], "seen": 0, "names": {}}
            by_key[key] = old
            stored.append(old)
        old["seen"] = int(old.get("seen", 0)) + 1
        for language, forms in entry["names"].items():
            kept = old["names"].setdefault(language, [])
            for form in forms:
                if normal(form) not in {normal(k) for k in kept} and len(kept) < MAX_FORMS:
                    kept.append(form)
        changed = True
    if changed or not file.exists():
        write_learned_file(file, {"schema": SCHEMA, "entity": stored})
    return file


__all__ = [
    "as_alias_records",
    "learn_aliases",
    "learned_aliases_path",
    "load_learned_aliases",
    "save_learned_aliases",
]

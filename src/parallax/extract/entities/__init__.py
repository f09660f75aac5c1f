"""Named entities: found per language with rules and data, matched across scripts.

    find_entities(text, language)          -> entity Mentions of one text
    canonical_name(surface, language)      -> (canonical Latin name, type) or (provisional, None)
    match_entities(mentions, encoder=None) -> the same Mentions, one canonical value per entity
    find_by_evidence(text, language, names)-> extra Mentions of names found in other sources
    resolve_entities(documents, encoder)   -> all of the above for a set of documents
    learn_aliases(clusters)                -> learned-alias entries for merges of unknown names
    save_learned_aliases(entries, path)    -> merged into the learned-alias file, read next time
"""

from .canon import canonical_name
from .find import find_entities
from .learned import learn_aliases, learned_aliases_path, load_learned_aliases, save_learned_aliases
from .match import EntityCluster, cluster_entities, find_by_evidence, match_entities, resolve_entities

__all__ = [
    "EntityCluster",
    "canonical_name",
    "cluster_entities",
    "find_by_evidence",
    "find_entities",
    "learn_aliases",
    "learned_aliases_path",
    "load_learned_aliases",
    "match_entities",
    "resolve_entities",
    "save_learned_aliases",
]

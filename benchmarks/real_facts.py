"""How parallax's facts hold up on real news text nobody on the project wrote.

    PARALLAX_SHARED_DATA=/work/shared/data .venv/bin/python benchmarks/real_facts.py [--limit N]
        [--sections wmt kaznerd ud kyrgyz] [--out benchmarks/results/real_facts]

Reads ``../shared/data`` (see benchmarks/real_data.py); skips with a message when it is absent.
One function per section and kind of fact, so that dates and entities can join the same report.

Numbers (quantities and percentages):

* ``wmt`` -- each WMT document against its professional translation. Both report the same
  facts, so every aligned quantity/percent fact should come out ``shared``: the share that
  does, per language pair, and the conflicts per 100 pairs (each a false claim). Every
  unshared figure is listed with its sentence and the translation's closest sentence in
  ``<out>/wmt_unshared.txt`` for reading (git-ignored: the text is not ours).
* ``quotes`` -- the same WMT pairs: of the quotes (direct and reported) a document gives, the
  share that align with a quote of its translation, and of those the share its translation
  quotes the same way (direct or reported); the unaligned ones go to
  ``<out>/wmt_unaligned_quotes.txt``.
* ``kaznerd`` -- Kazakh TV-news sentences with gold spans: recall of the gold MONEY,
  PERCENTAGE and QUANTITY spans by a fact of the right kind overlapping them, and the
  agreement of the spelled-out (``A``) and digit (``B``) variants of one utterance on the
  values and units of their figures.
* ``ud`` and ``kyrgyz`` -- Persian, Kyrgyz, Uzbek, Kazakh treebank sentences and Kyrgyz
  articles: nothing may crash; the share of sentences holding a digit or a number word that
  yield a number fact.

``--limit N`` takes the first N documents per WMT pair, N x 100 KazNERD sentences, N x 20
sentences per treebank and N x 5 Kyrgyz articles, for iterating.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import real_data  # noqa: E402

NUMBER_KINDS = ("quantity", "percent")
GOLD_KINDS = {"MONEY": "money", "PERCENTAGE": "percent", "QUANTITY": "quantity"}
DIGIT = re.compile(r"\d")
SECTIONS = ("wmt", "quotes", "kaznerd", "ud", "kyrgyz")


# --- WMT translation pairs --------------------------------------------------------------------


@dataclass
class PairScore:
    documents: int = 0
    facts: int = 0
    shared: int = 0
    conflicts: int = 0
    crashes: list[str] = field(default_factory=list)
    unshared: list[str] = field(default_factory=list)

    def add(self, other: PairScore) -> None:
        self.crashes += other.crashes
        self.documents += other.documents
        self.facts += other.facts
        self.shared += other.shared
        self.conflicts += other.conflicts
        self.unshared += other.unshared

    @property
    def share(self) -> float:
        return self.shared / self.facts if self.facts else 1.0

    @property
    def conflicts_per_100(self) -> float:
        return 100 * self.conflicts / self.documents if self.documents else 0.0


def analysed(article_id: str, text: str, language: str | None, clean: bool = True):
    from parallax.extract.context import analysis_context
    from parallax.model import Article
    from parallax.pipeline import analyse

    return analyse(Article(id=article_id, text=text, language=language), analysis_context(clean=clean))


def compare_translation(record: dict, encoder, kinds: Iterable[str]) -> PairScore:
    """One document against its first reference translation."""
    from parallax.compare import compare_documents

    ref_lang, ref_text = real_data.translation(record)
    doc_id = record["doc_id"]
    source = analysed(f"{doc_id}:{record['src_lang']}", record["src_text"], record["src_lang"])
    target = analysed(f"{doc_id}:{ref_lang}", ref_text, ref_lang)
    comparison = compare_documents([source, target], encoder)
    score = PairScore(documents=1)
    kinds = set(kinds)
    for fact in comparison.facts:
        if fact.kind not in kinds:
            continue
        score.facts += 1
        if fact.status == "shared":
            score.shared += 1
        else:
            score.unshared.append(describe_unshared(record, fact, source, target))
    score.conflicts = sum(1 for c in comparison.conflicts if comparison.facts[c.sides[0].fact].kind in kinds)
    return score


def describe_unshared(record: dict, fact, source, target) -> str:
    """The figure, its sentence, the same line of the translation (WMT documents are aligned
    line by line) and the other document's facts of an agreeing value (a missed figure has
    none; a split one has some)."""
    from parallax.compare.tolerance import values_agree

    mention = fact.mentions[0]
    own, other = (source, target) if mention.document == source.article.id else (target, source)
    closest = same_line(own.article.text, mention.start, other.article.text)
    twins = [
        f"{f.unit}/{f.qualifier} {f.text!r}"
        for f in other.facts
        if f.kind == fact.kind
        and values_agree(float(f.value), float(fact.value), f.qualifier, fact.qualifier)
    ]
    return (
        f"[{record['pair']} {record['doc_id']}] {fact.status} {fact.kind} value={fact.value} "
        f"unit={fact.unit} qualifier={fact.qualifier} text={mention.text!r}\n"
        f"  {own.article.language}: {mention.sentence.text.strip()}\n"
        f"  {other.article.language}: {closest.strip()}\n"
        f"  same value in the other: {'; '.join(twins) or 'none'}\n"
    )


def same_line(text: str, offset: int, other: str) -> str:
    lines = other.split("\n")
    index = text.count("\n", 0, offset)
    return lines[index] if index < len(lines) else ""


def wmt_numbers(
    root: Path, limit: int | None, out: Path, pairs: list[str] | None = None
) -> dict[str, PairScore]:
    from parallax.encode import default_encoder

    encoder = default_encoder()
    scores: dict[str, PairScore] = {}
    documents = real_data.wmt_pairs(root, limit)
    for pair in pairs or list(documents):
        records = documents.get(pair, [])
        score = scores.setdefault(pair, PairScore())
        for record in records:
            try:
                score.add(compare_translation(record, encoder, NUMBER_KINDS))
            except Exception as error:  # a crash is a finding: counted, reported, the rest goes on
                where = traceback.extract_tb(error.__traceback__)[-1]
                score.crashes.append(
                    f"{record['doc_id']}: {type(error).__name__}: {error} ({where.filename}:{where.lineno})"
                )
    total = PairScore()
    subset = "all" if limit is None else limit
    print(f"\nWMT translation pairs: quantity and percent facts ({subset} per pair)")
    columns = (("docs", 5), ("facts", 6), ("shared", 7), ("share", 6), ("conflicts/100", 14), ("crashes", 8))
    print(f"{'pair':8} " + " ".join(f"{name:>{width}}" for name, width in columns))
    for pair in sorted(scores):
        score = scores[pair]
        total.add(score)
        print_pair(pair, score)
    print_pair("overall", total)
    for crash in total.crashes:
        print(f"  crashed, left out: {crash}")
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "wmt_unshared.txt"
    listing.write_text("\n".join(total.unshared), encoding="utf-8")
    print(f"unshared figures: {listing}")
    return scores


def print_pair(name: str, score: PairScore) -> None:
    print(
        f"{name:8} {score.documents:5} {score.facts:6} {score.shared:7} "
        f"{score.share:6.2f} {score.conflicts_per_100:14.1f} {len(score.crashes):8}"
    )


# --- WMT quotes -------------------------------------------------------------------------------


@dataclass
class QuoteScore:
    """A document's quotes against its translation's: a translation quotes every statement the
    document quotes, so each of the document's quotes should align with one of the translation's."""

    documents: int = 0
    quotes: int = 0  # quote mentions of the source document
    aligned: int = 0  # ... in a fact the translation also holds
    same_kind: int = 0  # ... whose translation quotes it the same way (direct or reported)
    # ... aligned with a quote on other lines of the translation (the documents are translated
    # line by line, so the partner of a quote lies on its lines): a false alignment.
    misaligned: int = 0
    translated: int = 0  # quote mentions of the translation
    unaligned: list[str] = field(default_factory=list)

    def add(self, other: QuoteScore) -> None:
        self.documents += other.documents
        self.quotes += other.quotes
        self.aligned += other.aligned
        self.same_kind += other.same_kind
        self.misaligned += other.misaligned
        self.translated += other.translated
        self.unaligned += other.unaligned

    def line(self, name: str) -> str:
        share = self.aligned / self.quotes if self.quotes else 1.0
        kind = self.same_kind / self.aligned if self.aligned else 1.0
        wrong = self.misaligned / self.aligned if self.aligned else 0.0
        return (f"{name:8} {self.documents:5} {self.quotes:7} {self.translated:7} {self.aligned:8} "
                f"{share:6.2f} {kind:10.2f} {wrong:10.2f}")


def compare_quotes(record: dict, encoder) -> QuoteScore:
    from parallax.compare import compare_documents
    from parallax.model import QuoteAttrs, attrs_as

    ref_lang, ref_text = real_data.translation(record)
    doc_id = record["doc_id"]
    source = analysed(f"{doc_id}:{record['src_lang']}", record["src_text"], record["src_lang"])
    target = analysed(f"{doc_id}:{ref_lang}", ref_text, ref_lang)
    comparison = compare_documents([source, target], encoder)
    score = QuoteScore(documents=1)
    for fact in comparison.facts:
        if fact.kind != "quote":
            continue
        own = [m for m in fact.mentions if m.document == source.article.id]
        other = [m for m in fact.mentions if m.document != source.article.id]
        score.quotes += len(own)
        score.translated += len(other)
        if own and other:
            score.aligned += len(own)
            kinds = {bool(attrs_as(QuoteAttrs, m).direct) for m in other}
            score.same_kind += sum(bool(attrs_as(QuoteAttrs, m).direct) in kinds for m in own)
            theirs = [lines_of(target.article.text, m.start, m.end, ref_text) for m in other]
            for mention in own:
                mine = lines_of(source.article.text, mention.start, mention.end, record["src_text"])
                if not any(mine[0] <= b and a <= mine[1] for a, b in theirs):
                    score.misaligned += 1
                    score.unaligned.append(
                        f"[{record['pair']} {doc_id}] MISALIGNED speaker={fact.speaker}\n"
                        f"  {mention.sentence.text.strip()}\n  with: {str(other[0].value)[:160]!r}\n")
        for mention in own if not other else ():
            attrs = attrs_as(QuoteAttrs, mention)
            score.unaligned.append(
                f"[{record['pair']} {doc_id}] speaker={fact.speaker} direct={attrs.direct} "
                f"written={attrs.speaker_text!r}\n  {mention.sentence.text.strip()}\n"
                f"  {same_line(source.article.text, mention.start, ref_text).strip()}\n"
                f"{nearest_quote(str(fact.value), comparison.facts, source.article.id, encoder)}"
            )
    return score


def lines_of(text: str, start: int, end: int, original: str) -> tuple[int, int]:
    """The first and last line (0-based) of ``original`` that a span of its cleaned ``text``
    lies on: cleaning may drop or trim lines, so the span is found again by its words (the
    occurrence nearest its line in the cleaned text)."""
    index = text.count("\n", 0, start)
    words = text[start:end]
    found = [m.start() for m in re.finditer(re.escape(words), original)] if words.strip() else []
    if not found:
        return index, text.count("\n", 0, max(start, end - 1))
    at = min(found, key=lambda offset: (abs(original.count("\n", 0, offset) - index), offset))
    return original.count("\n", 0, at), original.count("\n", 0, at + max(len(words) - 1, 0))


def nearest_quote(value: str, facts, own_document: str, encoder) -> str:
    """The translation's quote closest in meaning to an unaligned one: its speaker, kind and
    cosine tell a speaker that did not meet from words that score too low or no quote at all."""
    import numpy as np

    from parallax.model import QuoteAttrs, attrs_as

    theirs = [f for f in facts if f.kind == "quote" and own_document not in f.documents]
    if not theirs:
        return "  nearest: no unaligned quote in the translation\n"
    vectors = encoder.encode([value, *(str(f.value) for f in theirs)])
    similarity = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarity))
    fact = theirs[best]
    direct = attrs_as(QuoteAttrs, fact.mentions[0]).direct
    return (f"  nearest: cos={similarity[best]:.2f} speaker={fact.speaker} direct={direct} "
            f"{str(fact.value)[:120]!r}\n")


def wmt_quotes(root: Path, limit: int | None, out: Path, pairs: list[str] | None = None) -> None:
    from parallax.encode import default_encoder

    encoder = default_encoder()
    documents = real_data.wmt_pairs(root, limit)
    scores: dict[str, QuoteScore] = {}
    for pair in pairs or list(documents):
        score = scores.setdefault(pair, QuoteScore())
        for record in documents.get(pair, []):
            score.add(compare_quotes(record, encoder))
    subset = "all" if limit is None else limit
    print(f"\nWMT translation pairs: quotes aligned with a quote of the translation ({subset} per pair)")
    print(f"{'pair':8} {'docs':>5} {'quotes':>7} {'transl':>7} {'aligned':>8} {'share':>6} {'same kind':>10} "
          f"{'misaligned':>10}")
    total = QuoteScore()
    for pair in sorted(scores):
        total.add(scores[pair])
        print(scores[pair].line(pair))
    print(total.line("overall"))
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "wmt_unaligned_quotes.txt"
    listing.write_text("\n".join(total.unaligned), encoding="utf-8")
    print(f"unaligned quotes: {listing}")


# --- KazNERD ----------------------------------------------------------------------------------


def fact_class(fact) -> str:
    """money, percent or quantity, the way KazNERD's gold labels divide figures."""
    from parallax.model import QuantityAttrs, attrs_as

    if fact.kind == "percent":
        return "percent"
    return "money" if attrs_as(QuantityAttrs, fact).currency else "quantity"


def gold_spans(record: dict) -> list[tuple[str, int, int]]:
    """(class, start, end) of the gold number spans, located in the sentence in order."""
    text, spans, cursor = record["text"], [], 0
    for entity in record["entities"]:
        kind = GOLD_KINDS.get(entity["type"])
        start = text.find(entity["text"], cursor)
        if start < 0:
            start = text.find(entity["text"])
        if start < 0:
            continue
        cursor = start + len(entity["text"])
        if kind:
            spans.append((kind, start, cursor))
    return spans


def number_facts(record: dict, language: str) -> list:
    document = analysed(record["sent_id"], record["text"], language, clean=False)
    return [f for f in document.facts if f.kind in NUMBER_KINDS]


def kaznerd_numbers(root: Path, limit: int | None, out: Path) -> None:
    records = real_data.kaznerd(root, None if limit is None else limit * 100)
    found: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    missed: list[str] = []
    variants: dict[str, dict[str, list]] = defaultdict(dict)
    for record in records:
        spans = gold_spans(record)
        if not spans and record["id_prefix"] not in ("A", "B"):
            continue
        facts = number_facts(record, "kk")
        for kind, start, end in spans:
            gold[kind] += 1
            if any(fact_class(f) == kind and f.start < end and start < f.end for f in facts):
                found[kind] += 1
            else:
                span = record["text"][start:end]
                missed.append(f"[{record['sent_id']}] {kind}: {span!r}\n  {record['text']}\n")
        if record["id_prefix"] in ("A", "B"):
            variants[record["sent_id"][1:]][record["id_prefix"]] = [spans, facts, record["text"]]
    print(f"\nKazNERD valid ({len(records)} sentences): gold number spans found by a fact of their kind")
    for kind in ("money", "percent", "quantity"):
        share = found[kind] / gold[kind] if gold[kind] else 1.0
        print(f"  {kind:9} {found[kind]:5}/{gold[kind]:<5} {share:.2f}")
    agree, pairs, disagreements = 0, 0, []
    for key, sides in sorted(variants.items()):
        if set(sides) != {"A", "B"} or not (sides["A"][0] or sides["B"][0]):
            continue
        pairs += 1
        values = [sorted(figure(f) for f in sides[p][1]) for p in ("A", "B")]
        if values[0] == values[1]:
            agree += 1
        else:
            disagreements.append(
                f"[{key}] A={values[0]} B={values[1]}\n  A: {sides['A'][2]}\n  B: {sides['B'][2]}\n"
            )
    share = agree / pairs if pairs else 1.0
    print(f"  words (A) vs digits (B) agree on values and units: {agree}/{pairs} {share:.2f}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "kaznerd_missed.txt").write_text("\n".join(missed), encoding="utf-8")
    (out / "kaznerd_disagree.txt").write_text("\n".join(disagreements), encoding="utf-8")


def figure(fact) -> tuple[str, float, str]:
    return fact.kind, round(float(fact.value), 6), str(fact.unit)


# --- UD treebanks and Kyrgyz articles ---------------------------------------------------------


def has_number(text: str, language: str) -> bool:
    """A digit or a number word of the language."""
    from parallax.extract.number_lexicon import lexicon
    from parallax.lang.numerals import tokenize
    from parallax.tables import shared_tables

    if DIGIT.search(text):
        return True
    lex = shared_tables().get(lexicon, language)
    return any(
        t.kind in ("word", "glyph") and lex.number_value(t.text) is not None
        for t in tokenize(text, lex.conventions.group_is_space)
    )


@dataclass
class Coverage:
    texts: int = 0
    crashes: int = 0
    with_number: int = 0
    with_fact: int = 0
    examples: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        share = self.with_fact / self.with_number if self.with_number else 1.0
        return (
            f"  {name:12} {self.texts:6} texts, {self.crashes} crashes, "
            f"{self.with_fact}/{self.with_number} sentences with a number give a fact: {share:.2f}"
        )


def cover(coverage: Coverage, name: str, text: str, language: str, clean: bool) -> None:
    coverage.texts += 1
    try:
        document = analysed(name, text, language, clean=clean)
    except Exception:  # a crash is what this counts; the trace is kept
        coverage.crashes += 1
        coverage.examples.append(f"CRASH [{name}]\n{traceback.format_exc()}")
        return
    with_facts = {f.sentence.index for f in document.facts if f.kind in NUMBER_KINDS}
    for sentence in document.sentences:
        if not has_number(sentence.text, language):
            continue
        coverage.with_number += 1
        if sentence.index in with_facts:
            coverage.with_fact += 1
        else:
            coverage.examples.append(f"[{name}] {sentence.text.strip()}\n")


def ud_numbers(root: Path, limit: int | None, out: Path) -> None:
    print("\nUD treebank sentences")
    out.mkdir(parents=True, exist_ok=True)
    for treebank, records in real_data.ud_sentences(root, None if limit is None else limit * 20).items():
        language = treebank.split("_")[0]
        coverage = Coverage()
        for record in records:
            cover(coverage, f"{treebank}:{record['sent_id']}", record["text"], language, clean=False)
        print(coverage.line(treebank))
        (out / f"ud_{treebank}_nofact.txt").write_text("\n".join(coverage.examples), encoding="utf-8")


def kyrgyz_numbers(root: Path, limit: int | None, out: Path) -> None:
    coverage = Coverage()
    for record in real_data.kyrgyz_articles(root, None if limit is None else limit * 5):
        cover(coverage, f"24kg:{record['id']}", record["text"], "ky", clean=True)
    print("\nKyrgyz articles (24.kg)")
    print(coverage.line("kyrgyz_24kg"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "kyrgyz_24kg_nofact.txt").write_text("\n".join(coverage.examples), encoding="utf-8")


# --- main -------------------------------------------------------------------------------------

REQUIRED = {
    "wmt": real_data.WMT,
    "quotes": real_data.WMT,
    "kaznerd": real_data.KAZNERD,
    "ud": real_data.UD,
    "kyrgyz": real_data.KYRGYZ_24KG,
}
RUNNERS = {"wmt": wmt_numbers, "kaznerd": kaznerd_numbers, "ud": ud_numbers, "kyrgyz": kyrgyz_numbers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="a subset: N documents per WMT pair")
    parser.add_argument("--sections", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "real_facts")
    parser.add_argument(
        "--pairs", nargs="*", default=None, help="WMT pairs to run, in this order (default: all)"
    )
    args = parser.parse_args()
    root = real_data.require(*(REQUIRED[s] for s in args.sections))
    for section in args.sections:
        started = time.perf_counter()
        if section in ("wmt", "quotes"):
            (wmt_numbers if section == "wmt" else wmt_quotes)(root, args.limit, args.out, args.pairs)
        else:
            RUNNERS[section](root, args.limit, args.out)
        print(f"  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

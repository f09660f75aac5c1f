"""Stories at scale: blocked candidate pairs, the local scorer, connected components.

Never all pairs. A link needs shared language-neutral anchors (``score_pair`` rejects a pair
whose shared anchors weigh less than ``min_evidence``), so every pair worth scoring shares
at least one anchor: candidates come from blocks of articles sharing an anchor inside a
window of publication days. Time is cut into buckets as wide as the window; an article sits
in its own bucket ("home") and visits the next one ("guest"), so every pair within the
window meets in exactly one block and no article is copied more than twice per anchor.
Undated articles could be from any day: their block of an anchor holds every article with it.

A block too big to pair out (an anchor carried by more than ``max(anchor_postings, 0.2 %
of the corpus)`` articles, the local linker's "common anchor" rule, or a block over
``block_cap`` articles) is split by an approximate similarity join on the title + lead
embeddings: SimHash bands (random hyperplanes), so only articles whose vectors share a band
inside that anchor's block are paired. Pairs are scored by ``parallax.link.score.score_pair``
with ``anchor_weigher`` over the global anchor frequencies, as the local relink does; stories
are the connected components of accepted links (large-star / small-star iterative joins), and
a story's id is ``story_id_for`` of its first article in (published, id) order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..link.features import SUPPLEMENTARY_KINDS
from ..link.linker import COMMON_ANCHOR_SHARE
from ..link.score import SETTINGS, LinkSettings

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

UNDATED_BUCKET = -(2**31)


@dataclass(frozen=True)
class BlockSettings:
    """How candidate pairs are formed; the scorer's own settings stay ``LinkSettings``."""

    block_cap: int = SETTINGS.anchor_postings  # a block with more articles is split by LSH
    bands: int = 12  # SimHash bands per vector
    band_bits: int = 8  # bits per band
    seed: int = 20240601  # of the random hyperplanes (every worker draws the same ones)
    common_share: float = COMMON_ANCHOR_SHARE

    @property
    def lsh(self) -> tuple[int, int, int]:
        return self.bands, self.band_bits, self.seed


BLOCKS = BlockSettings()


def common_threshold(total: int, settings: LinkSettings, blocks: BlockSettings) -> int:
    """Articles per anchor above which the local linker stops fetching candidates by it."""
    return max(settings.anchor_postings, int(total * blocks.common_share))


def candidate_pairs(
    features: DataFrame, total: int, settings: LinkSettings = SETTINGS, blocks: BlockSettings = BLOCKS
) -> tuple[DataFrame, DataFrame]:
    """(a, b) node pairs, a < b, sharing an anchor block inside the time window.

    ``features``: node, day, anchors, bands. Returns (pairs, frequencies) DataFrames.
    """
    from pyspark.sql import functions as F

    if settings.min_evidence <= 0:
        raise ValueError("anchor blocking needs min_evidence > 0: a pair sharing no anchor could link")
    occurrences = features.select("node", "day", "bands", F.explode("anchors").alias("anchor"))
    frequencies = occurrences.groupBy("anchor").agg(F.count("*").alias("freq"))
    # Supplementary anchors (the words of headlines) never open the evidence gate: no block needs them.
    blocking = ~F.split("anchor", ":").getItem(0).isin(sorted(SUPPLEMENTARY_KINDS))
    shared = occurrences.where(blocking).join(frequencies.where(F.col("freq") >= 2), "anchor")
    copies = _block_copies(shared, max(settings.window_days, 1))
    keyed = _block_keys(copies, blocks.block_cap, common_threshold(total, settings, blocks))
    return _pairs_in_blocks(keyed, settings.window_days), frequencies


def _block_copies(shared: DataFrame, span: int) -> DataFrame:
    """Each (anchor, article) in the blocks it joins: its own time bucket as home (role 0), the
    next bucket as guest (role 1); undated articles at home in the anchor's undated block, which
    the dated articles with that anchor visit as guests."""
    from pyspark.sql import functions as F

    columns = ("anchor", "node", "day", "bands", "freq")
    undated = F.col("day") == F.lit(-1)
    dated = shared.where(~undated)
    home = F.floor(F.col("day") / span).cast("long")
    undated_bucket = F.lit(UNDATED_BUCKET).cast("long").alias("bucket")
    visiting_undated = dated.join(shared.where(undated).select("anchor").distinct(), "anchor", "left_semi")
    return (
        dated.select(*columns, home.alias("bucket"), F.lit(0).alias("role"))
        .unionByName(dated.select(*columns, (home + 1).alias("bucket"), F.lit(1).alias("role")))
        .unionByName(shared.where(undated).select(*columns, undated_bucket, F.lit(0).alias("role")))
        .unionByName(visiting_undated.select(*columns, undated_bucket, F.lit(1).alias("role")))
    )


def _block_keys(copies: DataFrame, block_cap: int, common: int) -> DataFrame:
    """(key, bucket, node, day, role): the block key is the anchor, or, in a block too big to pair
    out, the anchor with one SimHash band of the article's vector."""
    from pyspark.sql import functions as F

    sizes = copies.groupBy("anchor", "bucket").agg(F.count("*").alias("size"))
    copies = copies.join(sizes, ["anchor", "bucket"])
    light = (F.col("size") <= block_cap) & (F.col("freq") <= common)
    plain = copies.where(light).select(F.col("anchor").alias("key"), "bucket", "node", "day", "role")
    split = copies.where(~light).select(
        "anchor", "bucket", "node", "day", "role", F.posexplode("bands").alias("band", "hash")
    )
    band_key = F.concat_ws("\u001f", "anchor", F.col("band").cast("string"), F.col("hash").cast("string"))
    banded = split.select(band_key.alias("key"), "bucket", "node", "day", "role")
    return plain.unionByName(banded)


def _pairs_in_blocks(keyed: DataFrame, window_days: int) -> DataFrame:
    """(a, b), a < b: every home member of a block with every other member, inside the window."""
    from pyspark.sql import functions as F

    # Both sides get their own column names: a self-join on aliases of one DataFrame can
    # resolve a condition's columns to the same side.
    homes = keyed.where(F.col("role") == 0).select(
        "key", "bucket", F.col("node").alias("h_node"), F.col("day").alias("h_day")
    )
    others = keyed.select(
        "key",
        "bucket",
        F.col("node").alias("o_node"),
        F.col("day").alias("o_day"),
        F.col("role").alias("o_role"),
    )
    joined = homes.join(others, ["key", "bucket"]).where(
        (F.col("h_node") != F.col("o_node")) & ((F.col("o_role") == 1) | (F.col("h_node") < F.col("o_node")))
    )
    in_window = (
        (F.col("h_day") == -1)
        | (F.col("o_day") == -1)
        | (F.abs(F.col("h_day") - F.col("o_day")) <= window_days)
    )
    return (
        joined.where(in_window)
        .select(F.least("h_node", "o_node").alias("a"), F.greatest("h_node", "o_node").alias("b"))
        .distinct()
    )


def pair_features(features: DataFrame, frequencies: DataFrame) -> DataFrame:
    """What the scorer needs of each article: id, day, order, language, anchors and their counts, vector."""
    from pyspark.sql import functions as F

    counted = (
        features.select("node", F.explode("anchors").alias("anchor"))
        .join(frequencies, "anchor")
        .groupBy("node")
        .agg(F.collect_list(F.struct("anchor", "freq")).alias("anchor_freqs"))
    )
    return features.select("node", "article_id", "day", "order_published", "language", "vector").join(
        counted, "node", "left"
    )


def score_pairs(
    pairs: DataFrame, scoring: DataFrame, total: int, settings: LinkSettings = SETTINGS
) -> DataFrame:
    """Accepted links among candidate pairs, scored by the local linker's ``score_pair``."""
    from pyspark.sql import functions as F

    from .tables import LINK

    left = scoring.select([F.col(c).alias(f"a_{c}") for c in scoring.columns])
    right = scoring.select([F.col(c).alias(f"b_{c}") for c in scoring.columns])
    joined = pairs.join(left, pairs.a == left.a_node).join(right, pairs.b == right.b_node)
    columns = [f"{side}_{c}" for side in "ab" for c in scoring.columns]

    def run(batches: Iterable) -> Iterator:
        return score_batches(batches, total, settings)

    return joined.select(*columns).mapInArrow(run, LINK.spark())


def _features(row: dict, side: str):
    import numpy as np

    from ..link.features import Features

    vector = row[f"{side}_vector"]
    return Features(
        rowid=row[f"{side}_node"],
        article_id=row[f"{side}_article_id"],
        day=row[f"{side}_day"],
        anchors=frozenset(x["anchor"] for x in row[f"{side}_anchor_freqs"] or ()),
        vector=np.asarray(vector, dtype=np.float32) if vector is not None else None,
        order=(row[f"{side}_order_published"], row[f"{side}_article_id"]),
        language=row.get(f"{side}_language"),
    )


def score_batches(batches: Iterable, total: int, settings: LinkSettings) -> Iterator:
    """``mapInArrow`` body: joined pairs in, accepted links out."""
    import pyarrow as pa

    from ..link.score import anchor_weigher, score_pair
    from .tables import LINK

    schema = LINK.arrow()
    for batch in batches:
        rows = []
        for row in batch.to_pylist():
            a, b = _features(row, "a"), _features(row, "b")
            frequencies = {x["anchor"]: x["freq"] for side in "ab" for x in row[f"{side}_anchor_freqs"] or ()}
            score = score_pair(a, b, anchor_weigher(frequencies, total), settings)
            if score is None or not score.accepted(settings):
                continue
            rows.append(
                {
                    "a": a.rowid,
                    "b": b.rowid,
                    "score": score.score,
                    "cosine": score.cosine,
                    "evidence": score.evidence,
                    "overlap": score.overlap,
                    "days_apart": score.days_apart,
                }
            )
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)


def joining_links(links: DataFrame, features: DataFrame, settings: LinkSettings = SETTINGS) -> DataFrame:
    """(a, b) of the links that join stories, as the local linker's ``joining_links`` picks them.

    The local relink takes articles in (published, id) order and links each to earlier ones:
    of each article's links to earlier articles, its best (highest score, then the earlier
    article first) and those at ``bridge_score`` or more.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = features.select("node", F.struct("order_published", "article_id").alias("order"))
    a_order = order.select(F.col("node").alias("a"), F.col("order").alias("a_order"))
    b_order = order.select(F.col("node").alias("b"), F.col("order").alias("b_order"))
    ordered = links.select("a", "b", "score").join(a_order, "a").join(b_order, "b")
    a_later = F.col("a_order") > F.col("b_order")
    sided = ordered.select(
        "a",
        "b",
        "score",
        F.when(a_later, F.col("a")).otherwise(F.col("b")).alias("later"),
        F.when(a_later, F.col("b_order")).otherwise(F.col("a_order")).alias("earlier_order"),
    )
    best_first = Window.partitionBy("later").orderBy(F.desc("score"), F.asc("earlier_order"))
    ranked = sided.withColumn("rank", F.row_number().over(best_first))
    return ranked.where((F.col("rank") == 1) | (F.col("score") >= settings.bridge_score)).select("a", "b")


# -- connected components -----------------------------------------------------------------------


def connected_components(edges: DataFrame, max_rounds: int = 100) -> DataFrame:
    """(node, root) for every node on an edge; root = the smallest node of its component.

    Alternating large-star and small-star rounds (Kiveris et al., "Connected Components in
    MapReduce and Beyond", 2014) until the edge set stops changing: every round is a few
    joins and aggregations, and the rounds needed grow with log² of the component size.
    """
    from pyspark.sql import functions as F

    current = _oriented(edges.select(F.col("a").alias("u"), F.col("b").alias("v")))
    current = current.checkpoint()
    for _ in range(max_rounds):
        following = _small_star(_large_star(current)).checkpoint()
        if following.exceptAll(current).isEmpty() and current.exceptAll(following).isEmpty():
            break
        current = following
    else:
        raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
    both = current.select("u", "v").unionByName(current.select(F.col("v").alias("u"), F.col("u").alias("v")))
    return both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("root")).withColumnRenamed("u", "node")


def _oriented(edges):
    """Undirected edges as (larger, smaller), without loops or repeats."""
    from pyspark.sql import functions as F

    return (
        edges.select(F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v"))
        .where(F.col("u") != F.col("v"))
        .distinct()
    )


def _large_star(edges):
    """Every neighbour larger than a node is linked to the smallest of the node's neighbourhood."""
    from pyspark.sql import functions as F

    both = edges.unionByName(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    smallest = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
    linked = both.join(smallest, "u").where(F.col("v") > F.col("u"))
    return _oriented(linked.select(F.col("v").alias("u"), F.col("m").alias("v")))


def _small_star(edges):
    """A node and its smaller neighbours are all linked to the smallest of them."""
    from pyspark.sql import functions as F

    smallest = edges.groupBy("u").agg(F.min("v").alias("m"))
    linked = edges.join(smallest, "u")
    return _oriented(
        linked.select(F.col("v").alias("u"), F.col("m").alias("v")).unionByName(
            smallest.select("u", F.col("m").alias("v"))
        )
    )

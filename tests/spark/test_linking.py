"""The parts of Spark linking on their own: connected components, and the similarity join that
splits big anchor blocks (forced here on the example corpus) still finding the same stories."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import read_table
from parallax.evaluation.clusters import bcubed
from parallax.link.score import SETTINGS
from parallax.spark.analysis import band_hashes
from parallax.spark.linking import (
    BlockSettings,
    candidate_pairs,
    connected_components,
    pair_features,
    score_pairs,
)

pytestmark = pytest.mark.slow


def components(spark, edges):
    frame = spark.createDataFrame(edges, "a long, b long")
    return {row["node"]: row["root"] for row in connected_components(frame).collect()}


def test_connected_components_of_chains_stars_and_cycles(spark):
    chain = [(i, i + 1) for i in range(10, 30)]  # long path: needs several rounds
    star = [(100, 107), (103, 100), (104, 100), (105, 106), (106, 104)]
    cycle = [(50, 51), (51, 52), (52, 53), (53, 50)]
    roots = components(spark, chain + star + cycle + [(7, 7)])
    assert {n: roots[n] for n in range(10, 31)} == dict.fromkeys(range(10, 31), 10)
    assert {n: roots[n] for n in (100, 103, 104, 105, 106, 107)} == dict.fromkeys(
        (100, 103, 104, 105, 106, 107), 100
    )
    assert {n: roots[n] for n in (50, 51, 52, 53)} == dict.fromkeys((50, 51, 52, 53), 50)
    assert 7 not in roots  # a loop is no link


def test_split_blocks_find_the_same_stories_through_the_embeddings(spark, example_run):
    """Every anchor block is treated as too big (cap 0): pairs come only from SimHash bands."""
    output, _ = example_run
    articles = sorted(read_table(output, "articles"), key=lambda a: a["article_id"])
    blocks = BlockSettings(block_cap=0)
    rows = [
        (
            node,
            a["article_id"],
            -1 if a["date"] == "undated" else _day(a["published"]),
            a["published"] or "9999",
            a["language"],
            a["anchors"],
            [float(x) for x in a["vector"]],
            band_hashes(np.asarray(a["vector"], dtype=np.float32), *blocks.lsh),
        )
        for node, a in enumerate(articles)
    ]
    features = spark.createDataFrame(
        rows,
        "node long, article_id string, day int, order_published string, language string,"
        " anchors array<string>,"
        " vector array<float>, bands array<long>",
    )
    pairs, frequencies = candidate_pairs(features, len(rows), SETTINGS, blocks)
    links = score_pairs(pairs, pair_features(features, frequencies), len(rows), SETTINGS)
    roots = components(spark, [(r["a"], r["b"]) for r in links.collect()])
    predicted = {a["article_id"]: str(roots.get(node, node)) for node, a in enumerate(articles)}
    expected = {a["article_id"]: a["story_id"] for a in articles}
    assert bcubed(predicted, expected).f1 >= 0.95


def _day(published: str) -> int:
    from parallax.link.features import day_number

    return day_number(published)


def test_stories_join_through_the_links_the_local_relink_joins_by(spark, tmp_path):
    """Each article's best link to an earlier one (ties: the earlier article first) and its strong
    links join stories; its other weak links are kept as links and join nothing, as locally."""
    from parallax.spark.linking import joining_links

    weak, strong = SETTINGS.bridge_score / 2, SETTINGS.bridge_score + 0.5
    links = [
        (1, 3, 2.0), (2, 3, weak),  # article 3: its best link joins, its weak second one does not
        (1, 4, weak), (2, 4, weak),  # article 4: two links as weak, the earlier article's joins
        (3, 6, strong), (5, 6, strong + 0.1),  # article 6: two strong links both join
    ]  # fmt: skip
    frame = spark.createDataFrame(links, "a long, b long, score double")
    orders = [(n, f"2025-03-0{n}", f"a{n}") for n in range(1, 7)]
    features = spark.createDataFrame(orders, "node long, order_published string, article_id string")
    joining = {(r["a"], r["b"]) for r in joining_links(frame, features, SETTINGS).collect()}
    assert joining == {(1, 3), (1, 4), (3, 6), (5, 6)}
    spark.sparkContext.setCheckpointDir(str(tmp_path / "checkpoints"))  # the components checkpoint
    roots = components(spark, sorted(joining))
    assert 2 not in roots  # its links were weak second links of later articles: it stands alone
    assert {roots[n] for n in (1, 3, 4, 5, 6)} == {1}

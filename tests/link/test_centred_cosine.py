"""The cosine the pair model weighs is measured from the encoder's centre, the part of a lead's
vector every news lead shares."""

from __future__ import annotations

import numpy as np

from parallax.link.features import Features
from parallax.link.score import anchor_weigher, encoder_centre, pair_features, score_pair


def directions(count: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """The encoder's common direction and ``count`` orthonormal directions apart from it."""
    centre = encoder_centre()
    assert centre is not None, "the bundled encoder's centre ships with the package"
    common = centre / np.linalg.norm(centre)
    rng = np.random.default_rng(7)
    basis, _ = np.linalg.qr(np.column_stack([common, rng.standard_normal((centre.size, count))]))
    return common, [basis[:, i] for i in range(1, count + 1)]


def lead(common: np.ndarray, shared: float, own: np.ndarray) -> np.ndarray:
    """A unit vector with ``shared`` of the common direction and the rest along ``own``."""
    vector = shared * common + np.sqrt(1.0 - shared**2) * own / np.linalg.norm(own)
    return vector.astype(np.float32)


SHARED = {"place:lagos", "place:nigeria"}
FREQUENCIES = {"place:lagos": 30, "place:nigeria": 60}


def features(rowid: int, vector: np.ndarray, language: str) -> Features:
    """One city and its country, shared by both articles of a pair, and two names of its own."""
    own = {f"person:speaker {rowid}", f"organisation:agency {rowid}"}
    return Features(rowid, f"a{rowid}", 100, frozenset(SHARED | own), vector, ("100", f"a{rowid}"), language)


def test_the_centred_cosine_leaves_out_the_common_part():
    common, (u, v, _) = directions(3)
    centre = encoder_centre()
    share = float(np.linalg.norm(centre))
    a, b = lead(common, share, u), lead(common, share, 0.6 * u + 0.8 * v)
    values = pair_features(features(1, a, "de"), features(2, b, "en"), anchor_weigher({}, 1000))
    assert abs(values["centred_cosine"] - 0.6) < 1e-3  # the own parts' cosine
    assert abs(values["cosine"] - (share**2 + (1 - share**2) * 0.6)) < 1e-3
    assert values["cosine"] > 0.9 > values["centred_cosine"]


def test_vectors_of_another_encoder_keep_their_cosine():
    a, b = np.array([1.0, 0.0], dtype=np.float32), np.array([0.8, 0.6], dtype=np.float32)
    values = pair_features(features(1, a, "de"), features(2, b, "en"), anchor_weigher({}, 1000))
    assert values["centred_cosine"] == values["cosine"] == np.float32(0.8)


def test_one_event_in_two_languages_links_where_leads_alike_only_in_what_all_leads_share_do_not():
    """The German lead of one event holds less of the common part than the English one, so their
    plain cosine is lower than that of two unrelated leads full of it; what each says of its own
    agrees. Same anchors in both pairs: only the centred cosine tells them apart."""
    common, (u1, u2, v1) = directions(3)
    weight_of = anchor_weigher(FREQUENCIES, 1000)
    german = lead(common, 0.80, u1)
    english = lead(common, 0.86, 0.6 * u1 + 0.8 * u2)
    one_event = (features(1, german, "de"), features(2, english, "en"))
    unrelated = (
        features(3, lead(common, 0.93, u2), "de"),
        features(4, lead(common, 0.93, 0.2 * u2 + 0.98 * v1), "en"),
    )
    event_values = pair_features(*one_event, weight_of)
    unrelated_values = pair_features(*unrelated, weight_of)
    assert event_values["cosine"] < unrelated_values["cosine"]
    assert event_values["centred_cosine"] > unrelated_values["centred_cosine"]
    linked, refused = score_pair(*one_event, weight_of), score_pair(*unrelated, weight_of)
    assert linked is not None and linked.accepted()
    assert refused is None or not refused.accepted()

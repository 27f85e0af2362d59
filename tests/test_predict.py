"""Ranking helpers of the prediction service, without a database."""

from __future__ import annotations

import numpy as np

from tfkg.data.snapshot import REG, Snapshot
from tfkg.predict import per_tf_frame, specificity


def _snap() -> Snapshot:
    return Snapshot(
        "toy", {"tf": ["A", "B", "C"], "target": ["A", "B", "C", "HUB", "X"]}, {REG: np.array([[0], [1]], dtype=np.int64)}
    )


def test_specificity_cancels_a_hub_and_keeps_a_tf_specific_target():
    snap = _snap()
    scores = np.array(
        [
            [9.0, 0.0, 1.0, 5.0, 3.0],  # A's own column (index 0) is a self pair: left out of means
            [2.0, 9.0, 1.0, 5.0, 0.0],
            [2.0, 2.0, 9.0, 5.0, 0.0],
        ]
    )
    spec = specificity(snap, scores)
    assert np.allclose(spec[:, 3], 0.0)  # HUB: every TF alike
    assert np.isclose(spec[0, 4], 2.0) and np.isclose(spec[1, 4], -1.0)  # X: A's alone
    assert np.isclose(spec[1, 0], 0.0)  # mean of column A over B and C only
    by_score = per_tf_frame(snap, scores, 1).set_index("tf")["target"]
    by_spec = per_tf_frame(snap, spec, 1).set_index("tf")["target"]
    assert by_score["A"] == "HUB" and by_spec["A"] == "X"


def test_specificity_leaves_out_self_pairs_when_tf_and_target_indices_differ():
    """TFs A, B, C sit at target columns 3, 4, 2 (not 0, 1, 2): each self pair is found by name, and the mean of a
    TF's own column is over the other TFs only."""
    snap = Snapshot(
        "toy", {"tf": ["A", "B", "C"], "target": ["HUB", "X", "C", "A", "B"]}, {REG: np.array([[0], [1]], dtype=np.int64)}
    )
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(3, 5))
    want = np.empty_like(scores)
    for j, target in enumerate(snap.nodes["target"]):
        others = [i for i, tf in enumerate(snap.nodes["tf"]) if tf != target]
        want[:, j] = scores[:, j] - scores[others, j].mean()
    np.testing.assert_allclose(specificity(snap, scores), want, rtol=1e-5, atol=1e-6)

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

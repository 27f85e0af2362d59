"""Expression baselines (Pearson |r|, mutual information) against numpy / scikit-learn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import mutual_info_score

from tfkg.data.snapshot import REG, Expression, Snapshot
from tfkg.models.coexpression import MutualInfo, PearsonAbs


def test_pearson_and_mi():
    rng = np.random.default_rng(0)
    genes = [f"G{i}" for i in range(6)]
    x = rng.random((6, 80))
    x[1] = 2 * x[0] + 0.01 * rng.random(80)  # G1 follows G0
    x[3] = 0.1  # a constant gene (not 0: a non-zero constant's centred row is rounding residue, not 0)
    samples = pd.DataFrame({"group": [str(i) for i in range(80)]}, index=[f"c{i}" for i in range(80)])
    snap = Snapshot(
        "beeline:x",
        {"tf": ["G0", "G2", "NOPE"], "target": genes},
        {REG: np.zeros((2, 0), dtype=np.int64)},
        expression=Expression(x.astype(np.float32), samples),
    )
    pairs = np.array([[0, 1], [0, 2], [1, 4], [0, 3], [2, 1]])
    s = PearsonAbs().fit(snap).score(pairs)
    expect = [abs(np.corrcoef(x[a], x[b])[0, 1]) for a, b in ((0, 1), (0, 2), (2, 4))]
    assert s[:3] == pytest.approx(expect, abs=1e-5)
    assert s[3] == 0 and s[4] == 0  # constant gene; TF missing from the matrix
    mi = MutualInfo(bins=4).fit(snap)
    codes = []
    for row in x:
        edges = np.unique(np.quantile(row, [0.25, 0.5, 0.75]))
        codes.append(np.searchsorted(edges, row, side="right"))
    got = mi.score(pairs[:3])
    assert got == pytest.approx([mutual_info_score(codes[a], codes[b]) for a, b in ((0, 1), (0, 2), (2, 4))], abs=1e-6)
    assert got[0] > got[1]

"""Co-expression link baselines for datasets with an expression matrix: Pearson |r|, mutual information and
GENIE3 tree importances.

They read the snapshot's expression modality (genes × cells/samples, training samples only); they use no
edges, so no held-out edge can reach them. TFs or targets without an expression row score 0. GENIE3 is
written with scikit-learn trees and joblib (``arboreto``'s Dask stack does not install cleanly here); as it
depends only on the expression and the TF list, its matrix is cached per (matrix, TFs, parameters) within a
process, so folds and protocols over one dataset pay for it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.models.base import LinkPredictor, ParamError


class _Coexpression(LinkPredictor):
    requires: ClassVar[frozenset[str]] = frozenset({"edges", "expression"})

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0):
        expr = snapshot.expression
        if expr is None:
            raise InputError(f"{self.name}: dataset {snapshot.dataset!r} has no expression matrix")
        x = expr.values.astype(np.float64)
        tf_row = snapshot.rows_in(expr.ntype, "tf")
        tg_row = snapshot.rows_in(expr.ntype, "target")
        self.matrix = np.zeros((len(tf_row), len(tg_row)))
        a, b = np.flatnonzero(tf_row >= 0), np.flatnonzero(tg_row >= 0)
        if len(a) and len(b):
            self.matrix[np.ix_(a, b)] = self._matrix(x, tf_row[a], tg_row[b])
        return self

    def _matrix(self, x: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def score(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64)
        return self.matrix[pairs[:, 0], pairs[:, 1]]


def standardized_rows(x: np.ndarray) -> np.ndarray:
    """Rows centred and scaled to unit norm (constant rows stay 0), so a dot product is a Pearson r."""
    z = x - x.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(z, axis=1, keepdims=True)
    # a constant row is tested exactly (ptp), not by its centred norm: the mean of a constant row need not be the
    # constant to the last bit, and the residue, scaled to unit norm, would be CPU-dependent noise
    return np.divide(z, norm, out=np.zeros_like(z), where=(norm > 0) & (np.ptp(x, axis=1, keepdims=True) > 0))


class PearsonAbs(_Coexpression):
    """|Pearson r| between the TF's and the target's expression across cells."""

    name = "pcc"
    citation = "baseline: |Pearson correlation|, as in Pratapa et al., BEELINE, Nat Methods 17:147 (2020)"

    def _matrix(self, x, rows_a, rows_b):
        z = standardized_rows(x)
        return np.abs(z[rows_a] @ z[rows_b].T)


@dataclass(frozen=True)
class MIParams:
    """mi parameters.

    bins: equal-frequency (quantile) bins per gene's expression before the mutual information, >= 2
    """

    bins: int = 8

    def check(self) -> None:
        if self.bins < 2:
            raise ParamError("mi: bins must be >= 2")


class MutualInfo(_Coexpression):
    """Mutual information (nats) of quantile-binned expression (``bins`` equal-frequency bins per gene)."""

    name = "mi"
    citation = (
        "baseline: mutual information of binned expression (relevance networks: Butte & Kohane, "
        "PSB 2000; BEELINE, Nat Methods 17:147, 2020)"
    )
    Params: ClassVar[type] = MIParams

    def _matrix(self, x, rows_a, rows_b):
        n_bins = self.params.bins
        n_cells = x.shape[1]
        codes = np.empty(x.shape, dtype=np.int64)
        for i, row in enumerate(x):
            edges = np.unique(np.quantile(row, np.linspace(0, 1, n_bins + 1)[1:-1]))
            codes[i] = np.searchsorted(edges, row, side="right")

        def onehot(rows):
            oh = np.zeros((len(rows), n_bins, n_cells), dtype=np.float32)
            oh[np.arange(len(rows))[:, None], codes[rows], np.arange(n_cells)[None, :]] = 1
            return oh

        ob = onehot(rows_b)
        pb = ob.mean(axis=2)  # (nb, bins)
        fb = ob.reshape(-1, n_cells)
        out = np.zeros((len(rows_a), len(rows_b)))
        for s in range(0, len(rows_a), 32):
            oa = onehot(rows_a[s : s + 32])
            pa = oa.mean(axis=2)  # (na, bins)
            joint = (oa.reshape(-1, n_cells) @ fb.T).reshape(len(oa), n_bins, len(rows_b), n_bins) / n_cells
            outer = pa[:, :, None, None] * pb[None, None, :, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                terms = np.where(joint > 0, joint * np.log(joint / outer), 0.0)
            out[s : s + len(oa)] = terms.sum(axis=(1, 3))
        return out


@dataclass(frozen=True)
class GENIE3Params:
    """genie3 parameters.

    trees: trees in each target's ensemble (scikit-learn n_estimators), >= 1
    max_features: features (TFs) tried per split, as scikit-learn's max_features ("sqrt", "log2", ...)
    method: the tree ensemble: "extra-trees" or "random-forest" (GENIE3's two)
    threads: joblib worker processes over chunks of targets, >= 1
    """

    trees: int = 25
    max_features: str = "sqrt"
    method: str = "extra-trees"  # or "random-forest" (GENIE3's two tree ensembles)
    threads: int = 2

    def check(self) -> None:
        if self.trees < 1 or self.threads < 1:
            raise ParamError("genie3: trees and threads must be >= 1")
        if self.method not in ("extra-trees", "random-forest"):
            raise ParamError("genie3: method must be extra-trees or random-forest")


_GENIE3_CACHE: dict[tuple, np.ndarray] = {}


class GENIE3(_Coexpression):
    """GENIE3: for every target, a tree ensemble regresses its (unit-variance) expression on the TFs' (the
    target itself left out); a TF's importance for the target is the edge score."""

    name = "genie3"
    citation = (
        "Huynh-Thu, Irrthum, Wehenkel & Geurts, Inferring regulatory networks from expression data using "
        "tree-based methods, PLoS ONE 5:e12776 (2010)"
    )
    Params: ClassVar[type] = GENIE3Params

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0):
        self._seed = seed
        return super().fit(snapshot, train_negatives, seed)

    def _matrix(self, x, rows_a, rows_b):
        import hashlib

        from joblib import Parallel, delayed

        p = self.params
        key = (
            hashlib.sha256(np.ascontiguousarray(x).tobytes()).hexdigest(),
            rows_a.tobytes(),
            rows_b.tobytes(),
            p.trees,
            p.max_features,
            p.method,
            self._seed,
        )
        if key in _GENIE3_CACHE:
            return _GENIE3_CACHE[key]
        sd = x.std(axis=1, keepdims=True)
        varies = (sd > 0) & (np.ptp(x, axis=1, keepdims=True) > 0)  # a constant row's sd can be rounding residue
        z = np.divide(x, sd, out=np.zeros_like(x), where=varies).T  # cells × genes
        xa = z[:, rows_a]
        chunks = np.array_split(np.arange(len(rows_b)), max(1, p.threads * 4))
        parts = Parallel(n_jobs=p.threads)(
            delayed(_genie3_chunk)(xa, z[:, rows_b[c]], rows_a, rows_b[c], p, self._seed) for c in chunks if len(c)
        )
        out = np.hstack(parts)
        _GENIE3_CACHE[key] = out
        return out


def _genie3_chunk(xa, yb, rows_a, rows_b, p: GENIE3Params, seed: int) -> np.ndarray:
    from sklearn.ensemble import ExtraTreesRegressor, RandomForestRegressor

    cls = ExtraTreesRegressor if p.method == "extra-trees" else RandomForestRegressor
    out = np.zeros((len(rows_a), len(rows_b)))
    for j in range(len(rows_b)):
        keep = rows_a != rows_b[j]  # a gene never explains itself
        y = yb[:, j]
        if y.std() == 0 or keep.sum() == 0:
            continue
        est = cls(n_estimators=p.trees, max_features=p.max_features, random_state=seed, n_jobs=1)
        est.fit(xa[:, keep], y)
        out[keep, j] = est.feature_importances_
    return out

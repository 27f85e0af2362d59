"""Expression baselines: what a model of target-gene expression has to beat.

* ``mean``  each output gene's training mean (flattened PCC is high, per-gene R² is ~0 by construction);
* ``ridge`` ridge regression from every TF's expression, the regularisation chosen *per gene* on a
  validation split of the training samples that keeps groups (subjects, cells) whole, then refit on all
  training samples. One SVD serves every alpha.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.models.base import ExpressionPredictor, ParamError, expression_io


class GeneMean(ExpressionPredictor):
    """Predicts each gene's training mean in every sample."""

    name = "mean"
    citation = "baseline: per-gene training mean"

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "GeneMean":
        _, out = expression_io(snapshot)
        self.mu = snapshot.expression.values[out].astype(np.float64).mean(axis=1)
        return self

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        return np.repeat(self.mu[:, None], np.asarray(inputs).shape[1], axis=1)


def group_holdout(groups: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """Boolean mask of samples whose group falls in a seeded ``fraction`` of the groups."""
    uniq = np.unique(groups)
    n = max(1, int(round(fraction * len(uniq))))
    if len(uniq) < 2:
        raise ValueError("a validation split needs at least two groups of samples")
    chosen = np.random.default_rng([seed, 5]).choice(uniq, size=min(n, len(uniq) - 1), replace=False)
    return np.isin(groups, chosen)


def ridge_path(x: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ridge of centred ``y`` (samples, outputs) on standardised ``x`` (samples, inputs) for every alpha.

    Returns (coef (n_alpha, inputs, outputs), x mean, x scale); one SVD of x serves all alphas."""
    mu, sd = x.mean(0), x.std(0)
    sd = np.where(sd > 1e-12, sd, 1.0)
    xs = (x - mu) / sd
    u, s, vt = np.linalg.svd(xs, full_matrices=False)
    uty = u.T @ (y - y.mean(0))
    coef = np.stack([vt.T @ ((s / (s ** 2 + a))[:, None] * uty) for a in alphas])
    return coef, mu, sd


@dataclass(frozen=True)
class RidgeParams:
    alphas: tuple[float, ...] = (0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5)
    val_fraction: float = 0.2       # share of training groups held out to choose each gene's alpha

    def check(self) -> None:
        if not self.alphas or min(self.alphas) <= 0:
            raise ParamError("ridge: alphas must be positive")
        if not 0 < self.val_fraction < 1:
            raise ParamError("ridge: val_fraction must be in (0, 1)")


class TFRidge(ExpressionPredictor):
    """Ridge regression of every output gene on all TFs' expression (per-gene alpha on validation groups)."""

    name = "ridge"
    citation = ("baseline: ridge regression (Hoerl & Kennard, Technometrics 1970); linear models match deep "
                "expression/perturbation models: Ahlmann-Eltze, Huber & Anders, Nat Methods 2025")
    Params: ClassVar[type] = RidgeParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "TFRidge":
        inp, out = expression_io(snapshot)
        e = snapshot.expression
        x, y = e.values[inp].T.astype(np.float64), e.values[out].T.astype(np.float64)
        alphas = np.asarray(self.params.alphas)
        val = group_holdout(e.samples["group"].astype(str).to_numpy(), self.params.val_fraction, seed)
        coef, mu, sd = ridge_path(x[~val], y[~val], alphas)
        pred = np.einsum("vi,aio->avo", (x[val] - mu) / sd, coef) + y[~val].mean(0)
        err = ((pred - y[val][None]) ** 2).mean(axis=1)                  # (n_alpha, outputs)
        best = err.argmin(axis=0)
        coef, self.x_mu, self.x_sd = ridge_path(x, y, alphas)
        self.coef = coef[best, :, np.arange(y.shape[1])].T.copy()        # (inputs, outputs)
        self.y_mu = y.mean(0)
        self.alpha = alphas[best]
        return self

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        x = (np.asarray(inputs, dtype=np.float64).T - self.x_mu) / self.x_sd
        return (x @ self.coef + self.y_mu).T

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
from tfkg.errors import InputError
from tfkg.models.base import ExpressionPredictor, ParamError, expression_io


class GeneMean(ExpressionPredictor):
    """Predicts each gene's training mean in every sample."""

    name = "mean"
    citation = "baseline: per-gene training mean"

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "GeneMean":
        _, out = expression_io(snapshot)
        self.mu = snapshot.expr.values[out].astype(np.float64).mean(axis=1)
        return self

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        return np.repeat(self.mu[:, None], np.asarray(inputs).shape[1], axis=1)


def group_holdout(groups: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """Boolean mask of samples whose group falls in a seeded ``fraction`` of the groups."""
    uniq = np.unique(groups)
    n = max(1, int(round(fraction * len(uniq))))
    if len(uniq) < 2:
        raise InputError("a validation split needs at least two groups of samples")
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
    coef = np.stack([vt.T @ ((s / (s**2 + a))[:, None] * uty) for a in alphas])
    return coef, mu, sd


def check_alphas(alphas: tuple[float, ...], val_fraction: float) -> None:
    """The shared checks of every ridge-based model's regularisation grid and validation share."""
    if not alphas or min(alphas) <= 0:
        raise ParamError("alphas must be positive")
    if not 0 < val_fraction < 1:
        raise ParamError("val_fraction must be in (0, 1)")


@dataclass(frozen=True)
class RidgeParams:
    """ridge parameters.

    alphas: the ridge penalties tried for each gene (on standardised TF expression), all > 0; each gene keeps
        the one with the lowest validation error
    val_fraction: share of the training sample groups held out to choose each gene's alpha, in (0, 1)
    """

    alphas: tuple[float, ...] = (0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5)
    val_fraction: float = 0.2  # share of training groups held out to choose each gene's alpha

    def check(self) -> None:
        check_alphas(self.alphas, self.val_fraction)


class TFRidge(ExpressionPredictor):
    """Ridge regression of every output gene on all TFs' expression (per-gene alpha on validation groups)."""

    name = "ridge"
    citation = (
        "baseline: ridge regression (Hoerl & Kennard, Technometrics 1970); linear models match deep "
        "expression/perturbation models: Ahlmann-Eltze, Huber & Anders, Nat Methods 2025"
    )
    Params: ClassVar[type] = RidgeParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "TFRidge":
        inp, out = expression_io(snapshot)
        e = snapshot.expr
        x, y = e.values[inp].T.astype(np.float64), e.values[out].T.astype(np.float64)
        alphas = np.asarray(self.params.alphas)
        val = group_holdout(e.samples["group"].astype(str).to_numpy(), self.params.val_fraction, seed)
        coef, mu, sd = ridge_path(x[~val], y[~val], alphas)
        pred = np.einsum("vi,aio->avo", (x[val] - mu) / sd, coef) + y[~val].mean(0)
        err = ((pred - y[val][None]) ** 2).mean(axis=1)  # (n_alpha, outputs)
        best = err.argmin(axis=0)
        coef, self.x_mu, self.x_sd = ridge_path(x, y, alphas)
        self.coef = coef[best, :, np.arange(y.shape[1])].T.copy()  # (inputs, outputs)
        self.y_mu = y.mean(0)
        self.alpha = alphas[best]
        return self

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        x = (np.asarray(inputs, dtype=np.float64).T - self.x_mu) / self.x_sd
        return (x @ self.coef + self.y_mu).T


@dataclass(frozen=True)
class PriorRidgeParams:
    """prior-ridge parameters.

    prior: the prior whose TFs each gene is regressed on: one source name, None for the union of the
        snapshot's priors, or "all" for every TF
    alphas: the ridge penalties tried for each gene (on standardised TF expression), all > 0; each gene keeps
        the one with the lowest validation error
    val_fraction: share of the training sample groups held out to choose each gene's alpha, in (0, 1)
    """

    prior: str | None = None
    alphas: tuple[float, ...] = (0.1, 1.0, 10.0, 100.0, 1e3, 1e4)
    val_fraction: float = 0.2

    def check(self) -> None:
        check_alphas(self.alphas, self.val_fraction)


class PriorRidge(ExpressionPredictor):
    """Ridge of each output gene on its prior TFs only: the prior's sparsity without the recurrence.
    Genes without a prior TF predict their training mean."""

    name = "prior-ridge"
    citation = "baseline: ridge regression restricted to each gene's motif-prior regulators"
    requires: ClassVar[frozenset[str]] = frozenset({"expression"})
    uses: ClassVar[frozenset[str]] = frozenset({"priors"})  # the motif prior; -p prior=all needs none
    Params: ClassVar[type] = PriorRidgeParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "PriorRidge":
        inp, out = expression_io(snapshot)
        e = snapshot.expr
        x, y = e.values[inp].T.astype(np.float64), e.values[out].T.astype(np.float64)
        col_of_node = np.full(e.values.shape[0], -1)
        col_of_node[inp] = np.arange(len(inp))
        out_pos = np.full(e.values.shape[0], -1)
        out_pos[out] = np.arange(len(out))
        ei, _ = snapshot.prior_edges(self.params.prior)
        cols = col_of_node[snapshot.rows_in(e.ntype, "tf")[ei[0]]]
        rows = out_pos[ei[1]]
        keep = (cols >= 0) & (rows >= 0)
        cols, rows = cols[keep], rows[keep]
        alphas = np.asarray(self.params.alphas)
        val = group_holdout(e.samples["group"].astype(str).to_numpy(), self.params.val_fraction, seed)
        self.y_mu = y.mean(0)
        self.x_mu, self.x_sd = x.mean(0), np.where(x.std(0) > 1e-12, x.std(0), 1.0)
        xs = (x - self.x_mu) / self.x_sd
        order = np.argsort(rows, kind="stable")
        rows, cols = rows[order], cols[order]
        bounds = np.searchsorted(rows, np.arange(len(out) + 1))
        self.gene_cols: list[np.ndarray] = []
        self.gene_coef: list[np.ndarray] = []
        for j in range(len(out)):  # one tiny ridge per gene (a few prior TFs each)
            c = cols[bounds[j] : bounds[j + 1]]
            self.gene_cols.append(c)
            if not len(c):
                self.gene_coef.append(np.zeros(0))
                continue
            best = self._best_alpha(xs[:, c], y[:, j], val, alphas)
            xc, yc = xs[:, c], y[:, j] - self.y_mu[j]
            self.gene_coef.append(np.linalg.solve(xc.T @ xc + best * np.eye(len(c)), xc.T @ yc))
        return self

    @staticmethod
    def _best_alpha(x: np.ndarray, y: np.ndarray, val: np.ndarray, alphas: np.ndarray) -> float:
        xt, yt = x[~val], y[~val] - y[~val].mean()
        errs = []
        for a in alphas:
            coef = np.linalg.solve(xt.T @ xt + a * np.eye(x.shape[1]), xt.T @ yt)
            errs.append(((x[val] @ coef + y[~val].mean() - y[val]) ** 2).mean())
        return float(alphas[int(np.argmin(errs))])

    def state(self) -> dict:
        """Ragged per-gene coefficients as two flat arrays plus offsets (``save`` keeps arrays only)."""
        st = {k: v for k, v in vars(self).items() if k not in self._not_state + ("gene_cols", "gene_coef")}
        sizes = np.array([len(c) for c in self.gene_cols])
        st.update(
            cols_flat=np.concatenate(self.gene_cols + [np.zeros(0, dtype=np.int64)]).astype(np.int64),
            coef_flat=np.concatenate(self.gene_coef + [np.zeros(0)]),
            sizes=sizes,
        )
        return st

    def load_state(self, state: dict) -> None:
        state = dict(state)
        bounds = np.r_[0, np.cumsum(state.pop("sizes"))]
        cols, coef = state.pop("cols_flat"), state.pop("coef_flat")
        self.gene_cols = [cols[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        self.gene_coef = [coef[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        vars(self).update(state)

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        xs = (np.asarray(inputs, dtype=np.float64).T - self.x_mu) / self.x_sd
        out = np.repeat(self.y_mu[:, None], xs.shape[0], axis=1)
        for j, (c, b) in enumerate(zip(self.gene_cols, self.gene_coef)):
            if len(c):
                out[j] += xs[:, c] @ b
        return out

    def coefficients(self, snapshot: Snapshot) -> dict[tuple[int, int], float]:
        """(tf index, target index) -> fitted coefficient, for judging the prior's edges."""
        inp, out = expression_io(snapshot)
        tf_of_col = {c: t for t, c in enumerate(snapshot.rows_in(snapshot.expr.ntype, "tf")) if c >= 0}
        res = {}
        for j, (c, b) in enumerate(zip(self.gene_cols, self.gene_coef)):
            for cc, bb in zip(c, b):
                res[(tf_of_col[int(inp[cc])], int(out[j]))] = float(bb)
        return res


@dataclass(frozen=True)
class SVRParams:
    """svr parameters.

    C: inverse regularisation strength of each gene's RBF epsilon-SVR, > 0
    epsilon: width of the epsilon-insensitive tube, >= 0, in units of the gene's training standard deviation
    """

    C: float = 1.0
    epsilon: float = 0.1

    def check(self) -> None:
        if self.C <= 0 or self.epsilon < 0:
            raise ParamError("svr: C must be > 0 and epsilon >= 0")


class TFSVR(ExpressionPredictor):
    """RBF support-vector regression (scikit-learn ``SVR``) of each standardised output gene on all TFs."""

    name = "svr"
    citation = "baseline: epsilon-SVR (Drucker et al., NeurIPS 1996) per gene, scikit-learn; the thesis's SVR comparison"
    Params: ClassVar[type] = SVRParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "TFSVR":
        from sklearn.svm import SVR

        inp, out = expression_io(snapshot)
        e = snapshot.expr
        x, y = e.values[inp].T.astype(np.float64), e.values[out].T.astype(np.float64)
        self.x_mu, self.x_sd = x.mean(0), np.where(x.std(0) > 1e-12, x.std(0), 1.0)
        self.y_mu, self.y_sd = y.mean(0), np.where(y.std(0) > 1e-12, y.std(0), 1.0)
        self.train_x = (x - self.x_mu) / self.x_sd
        ys = (y - self.y_mu) / self.y_sd
        fits = [SVR(C=self.params.C, epsilon=self.params.epsilon).fit(self.train_x, ys[:, j]) for j in range(ys.shape[1])]
        # keep each gene's support vectors, dual coefficients, intercept and gamma: plain arrays
        self.sv_counts = np.array([len(m.support_) for m in fits])
        self.sv_index = np.concatenate([m.support_ for m in fits]).astype(np.int64)
        self.dual = np.concatenate([m.dual_coef_[0] for m in fits])
        self.intercept = np.array([m.intercept_[0] for m in fits])
        self.gamma = np.array([m._gamma for m in fits])
        return self

    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        """The RBF decision function of every gene from its support vectors."""
        xs = (np.asarray(inputs, dtype=np.float64).T - self.x_mu) / self.x_sd
        d2 = ((xs**2).sum(1)[:, None] + (self.train_x**2).sum(1)[None] - 2 * xs @ self.train_x.T).clip(min=0)
        b = np.r_[0, np.cumsum(self.sv_counts)]
        ys = np.stack(
            [
                np.exp(-g * d2[:, self.sv_index[lo:hi]]) @ self.dual[lo:hi] + c
                for lo, hi, c, g in zip(b[:-1], b[1:], self.intercept, self.gamma)
            ],
            1,
        )
        return (ys * self.y_sd + self.y_mu).T

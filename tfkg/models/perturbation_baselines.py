"""Perturbation baselines, all scored as change from control (Δ) on held-out experiments.

* ``no-change``    predicts Δ = 0 (the control profile). "Wild type with the gene zeroed" is the same
                   thing once the perturbed gene itself is left out of the metrics.
* ``mean-ko``  the mean Δ of the training experiments.
* ``additive``     a gene's measured training knockout Δ (its knockdown where no knockout; the mean Δ for
                   a gene never perturbed in training); a double knockout is the sum of its two genes'
                   (the additive baseline of combinatorial perturbation studies, Norman et al. 2019).
* ``linear``       ridge from the perturbed gene's features to the Δ profile: the gene's own responses to
                   the training perturbations, its expression across samples and its node features where
                   the snapshot has them (the linear baseline of Ahlmann-Eltze, Huber & Anders).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.models.base import PerturbationPredictor
from tfkg.models.expression_baselines import check_alphas, ridge_path


class NoChange(PerturbationPredictor):
    """Predicts no change from control for every gene."""

    name = "no-change"
    citation = "baseline: no change from control"

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "NoChange":
        self.n_genes = snapshot.pert.effect.shape[1]
        return self

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        return np.zeros((len(perturbed), self.n_genes))


class MeanEffect(PerturbationPredictor):
    """Predicts the mean change of the training perturbations, whichever gene is perturbed."""

    name = "mean-ko"
    citation = "baseline: mean change over the training perturbations"

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "MeanEffect":
        self.mean = snapshot.pert.effect.astype(np.float64).mean(axis=0)
        return self

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        return np.repeat(self.mean[None], len(perturbed), axis=0)


class Additive(PerturbationPredictor):
    """The measured training effect of each perturbed gene; combinations add up (base ``predict_combinations``)."""

    name = "additive"
    citation = (
        "baseline: additive combination of measured single-gene effects (as in Norman et al., Science 2019, "
        "doi:10.1126/science.aax4438, and Ahlmann-Eltze et al., Nat Methods 2025)"
    )

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "Additive":
        pt = snapshot.pert
        effect = pt.effect.astype(np.float64)
        self.mean = effect.mean(axis=0)
        self.measured = np.repeat(self.mean[None], effect.shape[1], axis=0)  # (genes, genes) Δ per perturbed gene
        self.known = np.zeros(effect.shape[1], dtype=bool)
        single = pt.single & (pt.perturbed >= 0)
        # knockdowns first, knockouts after, so a gene's knockout wins where it has both
        for want in ("knockdown", "knockout"):
            rows = np.flatnonzero(single & (np.array(pt.kind) == want))
            self.measured[pt.perturbed[rows]] = effect[rows]
            self.known[pt.perturbed[rows]] = True
        return self

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        perturbed = np.asarray(perturbed, dtype=np.int64)
        out = self.measured[np.clip(perturbed, 0, None)].copy()
        out[perturbed < 0] = self.mean
        return out


@dataclass(frozen=True)
class LinearParams:
    """linear parameters.

    alphas: the ridge penalties tried (on standardised gene features), all > 0; one is kept for every gene,
        the one with the lowest validation error (the middle one when there is no validation split)
    val_fraction: share of the training single-gene experiments held out at random to choose alpha, in (0, 1)
    """

    alphas: tuple[float, ...] = (0.01, 0.1, 1.0, 10.0, 100.0, 1e3)
    val_fraction: float = 0.2

    def check(self) -> None:
        check_alphas(self.alphas, self.val_fraction)


class LinearEffect(PerturbationPredictor):
    """Ridge from the perturbed gene's features to its Δ profile (one alpha, chosen on held-in experiments)."""

    name = "linear"
    uses: ClassVar[frozenset[str]] = frozenset({"expression", "features"})
    citation = (
        "Ahlmann-Eltze, Huber & Anders, Deep-learning-based gene perturbation effect prediction does not "
        "yet outperform simple linear baselines, Nat Methods 2025, doi:10.1038/s41592-025-02772-6"
    )
    Params: ClassVar[type] = LinearParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "LinearEffect":
        pt = snapshot.pert
        self.gene_features = self._gene_features(snapshot)
        ok = (pt.perturbed >= 0) & pt.single
        x = self.gene_features[pt.perturbed[ok]]
        y = pt.effect[ok].astype(np.float64)
        alphas = np.asarray(self.params.alphas)
        rng = np.random.default_rng([seed, 6])
        val = rng.random(len(y)) < self.params.val_fraction
        if val.sum() == 0 or (~val).sum() < 2:
            val[:] = False
            best = len(alphas) // 2
        else:
            coef, mu, sd = ridge_path(x[~val], y[~val], alphas)
            pred = np.einsum("vi,aio->avo", (x[val] - mu) / sd, coef) + y[~val].mean(0)
            best = int(((pred - y[val][None]) ** 2).mean(axis=(1, 2)).argmin())
        coef, self.x_mu, self.x_sd = ridge_path(x, y, alphas[best : best + 1])
        self.coef, self.y_mu, self.alpha = coef[0], y.mean(0), float(alphas[best])
        return self

    @staticmethod
    def _gene_features(snapshot: Snapshot) -> np.ndarray:
        """Per gene: its Δ under each training perturbation, its expression across samples, its node features."""
        pt = snapshot.pert
        parts = [pt.effect.T.astype(np.float64)]  # (genes, training experiments)
        if snapshot.expression is not None and snapshot.expression.ntype == pt.ntype:
            parts.append(snapshot.expression.values.astype(np.float64))
        if pt.ntype in snapshot.features:
            parts.append(snapshot.features[pt.ntype].values.astype(np.float64))
        return np.hstack(parts)

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        perturbed = np.asarray(perturbed, dtype=np.int64)
        x = (self.gene_features[np.clip(perturbed, 0, None)] - self.x_mu) / self.x_sd
        out = x @ self.coef + self.y_mu
        out[perturbed < 0] = self.y_mu  # unknown gene: the mean effect
        return out


class LinearPropagation(PerturbationPredictor):
    """Linear propagation of a knockout through a ridge model of expression: every gene's expression is
    regressed on the TFs' (training samples only, ``tfkg.models.expression_baselines.TFRidge``); knocking out
    TF g changes gene j by coef[g, j] * (0 - control[g]). Uses expression, never the training knockouts."""

    name = "linear-propagation"
    citation = "baseline: first-order (linear) propagation of a knockout through ridge regression of expression"
    requires: ClassVar[frozenset[str]] = frozenset({"expression", "perturbations"})

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "LinearPropagation":
        from tfkg.models.base import expression_io

        e = snapshot.expression
        if e is None:
            raise InputError(f"{self.name}: dataset {snapshot.dataset!r} has no expression matrix")
        inp, _ = expression_io(snapshot)
        x = e.values.astype(np.float64)
        coef, mu, sd = ridge_path(x[inp].T, x.T, np.array([1.0]))
        self.coef = coef[0] / sd[:, None]  # per unit of raw TF expression
        self.inputs = inp
        pt = snapshot.perturbations
        wt = np.flatnonzero(e.samples["kind"].astype(str).to_numpy() == "wildtype") if "kind" in e.samples else np.zeros(0, int)
        self.control = pt.control if pt is not None and pt.control is not None else (x[:, wt[0]] if len(wt) else x.mean(1))
        return self

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        out = np.zeros((len(perturbed), self.coef.shape[1]))
        col = {int(g): i for i, g in enumerate(self.inputs)}
        for r, g in enumerate(np.asarray(perturbed, dtype=np.int64)):
            if g < 0:
                continue
            if int(g) in col:
                out[r] = self.coef[col[int(g)]] * (0 - self.control[g])
            out[r, g] = -self.control[g]
        return out

"""Trivial baselines that every report shows beside a model."""
from __future__ import annotations

import numpy as np

from tfkg.graph.export import REG, Snapshot
from tfkg.models.base import LinkPredictor


class RandomScore(LinkPredictor):
    """Uniform random scores (seeded): the chance line."""

    name = "random"
    defaults = {}

    def fit(self, snapshot: Snapshot, train_negatives=None, seed: int = 0) -> "RandomScore":
        self._rng_seed = seed
        return self

    def score(self, pairs: np.ndarray) -> np.ndarray:
        return np.random.default_rng(self._rng_seed).random(len(pairs))


class DegreeProduct(LinkPredictor):
    """Preferential attachment from TRAINING edges only: (deg(TF) + 1) * (deg(target) + 1).

    The +1 keeps nodes whose only edges were held out from all tying at zero (without it the HGETGI
    5-fold AUROC drops from about 0.85 to about 0.74)."""

    name = "degree"
    defaults = {"smoothing": 1.0}

    def fit(self, snapshot: Snapshot, train_negatives=None, seed: int = 0) -> "DegreeProduct":
        ei = snapshot.edges[REG]
        self.deg_tf = np.bincount(ei[0], minlength=snapshot.num_nodes("tf")).astype(float)
        self.deg_tg = np.bincount(ei[1], minlength=snapshot.num_nodes("target")).astype(float)
        return self

    def score(self, pairs: np.ndarray) -> np.ndarray:
        a = self.params["smoothing"]
        return (self.deg_tf[pairs[:, 0]] + a) * (self.deg_tg[pairs[:, 1]] + a)

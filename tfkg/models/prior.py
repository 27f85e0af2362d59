"""The training-only prior: how far a model gets from edge counts alone (the BEELINE reference baseline)."""
from __future__ import annotations

import numpy as np

from tfkg.graph.export import REG, Snapshot
from tfkg.models.base import LinkPredictor


class TrainingPrior(LinkPredictor):
    """score = TF's training positive rate × (target's training in-degree + smoothing), training edges only.

    The positive rate is the TF's training edges over its candidate targets; a TF with no training edge
    scores 0 everywhere. On BEELINE hESC TFs+500 (Specific) it reaches about 0.88 AUROC / 0.59 AUPRC on
    GENELink's hard-negative split and about 0.99 on balanced random negatives. ``smoothing`` = 1 keeps
    targets whose edges were all held out from tying at zero (without it: about 0.87 / 0.57)."""

    name = "prior"
    defaults = {"smoothing": 1.0}

    def fit(self, snapshot: Snapshot, train_negatives=None, seed: int = 0) -> "TrainingPrior":
        ei = snapshot.edges[REG]
        n_target = snapshot.num_nodes("target")
        self.rate = np.bincount(ei[0], minlength=snapshot.num_nodes("tf")).astype(float) / max(n_target, 1)
        self.indeg = np.bincount(ei[1], minlength=n_target).astype(float)
        return self

    def score(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64)
        return self.rate[pairs[:, 0]] * (self.indeg[pairs[:, 1]] + self.params["smoothing"])

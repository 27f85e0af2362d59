"""Grouped k-fold masks over samples: the expression and perturbation tasks' folds (``tfkg.eval``) and a model's own
inner validation folds (motif-rnn) split the same way."""

from __future__ import annotations

import numpy as np

from tfkg.errors import InputError

__all__ = ["group_kfold"]


def group_kfold(groups: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """k boolean test masks over samples; every group lands in exactly one fold (seeded)."""
    uniq = np.unique(groups)
    if len(uniq) < k:
        raise InputError(f"{len(uniq)} sample group(s) cannot make {k} folds")
    parts = np.array_split(np.random.default_rng(seed).permutation(uniq), k)
    return [np.isin(groups, p) for p in parts]

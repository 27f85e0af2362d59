"""Seeded splits over positive TF->target edges, given as (E, 2) arrays of (tf index, target index).

* ``kfold``          k disjoint test folds that cover every positive once (seeded permutation).
* ``train_val_test`` one split with validation and test fractions.
* ``holdout_tfs``    every edge of the named TFs is held out (case studies: a TF the model never saw).
* ``tf_kfold``       k folds over the TFs with edges: each fold holds out every edge of its TFs.
* ``split_811``      one seeded 80/10/10 train/validation/test split of the edges, or of the TFs.

A split only says which positives are held out; what training sees is the snapshot that Cypher exports
without them (``tfkg.graph.export.export_snapshot(..., exclude=...)``), never a slice of a full snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from tfkg.data.negatives import from_codes  # noqa: F401  (re-exported: pairs <-> codes live together)
from tfkg.errors import InputError


@dataclass(frozen=True)
class Split:
    """Positives of one split: ``train`` reaches the trainer, ``val`` and ``test`` never do."""

    name: str
    train: np.ndarray
    test: np.ndarray
    val: np.ndarray | None = None

    @property
    def held_out(self) -> np.ndarray:
        """Every positive the trainer must not see (test plus validation)."""
        return self.test if self.val is None else np.vstack([self.test, self.val])


def as_pairs(pairs) -> np.ndarray:
    arr = np.asarray(pairs, dtype=np.int64)
    if arr.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise InputError(f"pairs must be an (N, 2) array, got shape {arr.shape}")
    return arr


def pair_codes(pairs, n_target: int) -> np.ndarray:
    """One int64 per pair (tf * n_target + target), for set operations."""
    p = as_pairs(pairs)
    return p[:, 0] * np.int64(n_target) + p[:, 1]


def _sorted(p: np.ndarray) -> np.ndarray:
    return p[np.lexsort((p[:, 1], p[:, 0]))] if len(p) else p


def kfold(positives, k: int = 5, seed: int = 0) -> list[Split]:
    """k folds over the positives: fold i tests the i-th part of a seeded permutation."""
    pos = np.unique(as_pairs(positives), axis=0)
    if k < 2:
        raise InputError("k-fold needs k >= 2")
    if len(pos) < k:
        raise InputError(f"{len(pos)} positives cannot make {k} folds")
    perm = np.random.default_rng(seed).permutation(len(pos))
    parts = np.array_split(perm, k)
    out = []
    for i, part in enumerate(parts):
        train = np.ones(len(pos), dtype=bool)
        train[part] = False
        out.append(Split(f"fold-{i}", _sorted(pos[train]), _sorted(pos[part])))
    return out


def train_val_test(positives, val: float = 0.1, test: float = 0.2, seed: int = 0) -> Split:
    """One seeded split with the given validation and test fractions of the positives."""
    pos = np.unique(as_pairs(positives), axis=0)
    if not (0 <= val < 1 and 0 < test < 1 and val + test < 1):
        raise InputError("need 0 <= val, 0 < test and val + test < 1")
    perm = np.random.default_rng(seed).permutation(len(pos))
    n_test = int(round(test * len(pos)))
    n_val = int(round(val * len(pos)))
    te, va, tr = perm[:n_test], perm[n_test : n_test + n_val], perm[n_test + n_val :]
    return Split("train-val-test", _sorted(pos[tr]), _sorted(pos[te]), _sorted(pos[va]) if n_val else None)


def split_validation(split: Split, fraction: float, seed: int = 0) -> Split:
    """Carve a validation set out of a split's training positives (the test set is unchanged)."""
    if fraction <= 0:
        return split
    tr = split.train
    perm = np.random.default_rng([seed, 7]).permutation(len(tr))
    n_val = int(round(fraction * len(tr)))
    return Split(split.name, _sorted(tr[perm[n_val:]]), split.test, _sorted(tr[perm[:n_val]]))


def holdout_tfs(positives, tfs: Iterable[int], name: str = "holdout-tfs") -> Split:
    """Hold out every edge of the TFs ``tfs`` (indices): training sees none of their edges."""
    pos = np.unique(as_pairs(positives), axis=0)
    chosen = np.isin(pos[:, 0], np.fromiter(tfs, dtype=np.int64))
    if not chosen.any():
        raise InputError("none of the chosen TFs has a positive edge")
    return Split(name, _sorted(pos[~chosen]), _sorted(pos[chosen]))


def tf_kfold(positives, k: int = 5, seed: int = 0) -> list[Split]:
    """k folds over the TFs that have positives (seeded): fold i holds out every edge of its TFs."""
    pos = np.unique(as_pairs(positives), axis=0)
    tfs = np.unique(pos[:, 0])
    if k < 2 or len(tfs) < k:
        raise InputError(f"{len(tfs)} TF(s) with edges cannot make {k} folds by TF")
    parts = np.array_split(np.random.default_rng([seed, 13]).permutation(tfs), k)
    return [holdout_tfs(pos, part, f"fold-{i}") for i, part in enumerate(parts)]


def split_811(positives, seed: int = 0, by_tf: bool = False) -> Split:
    """One seeded 80/10/10 split: of the edges, or (``by_tf``) of the TFs with edges, every edge of a test or
    validation TF held out with it."""
    if not by_tf:
        return train_val_test(positives, 0.1, 0.1, seed)
    parts = tf_kfold(positives, 10, seed)
    test, val = parts[0].test, parts[1].test
    held = np.r_[pair_codes(test, 1 << 31), pair_codes(val, 1 << 31)]
    pos = np.unique(as_pairs(positives), axis=0)
    return Split("811-tf", _sorted(pos[~np.isin(pair_codes(pos, 1 << 31), held)]), test, val)

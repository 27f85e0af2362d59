"""Negative TF->target pairs: the sampling primitives, and the one vocabulary of training negatives
(``TRAINING_NEGATIVES``: kind -> what it is) that ``tfkg evaluate``, ``tfkg predict`` and ``tfkg case-study`` take
as ``--train-negatives``.

A negative is a candidate pair that is not a known positive *from the caller's point of view*. Two callers pick
them with the primitives here: the evaluation protocols (``tfkg.eval.protocols``: evaluation negatives, and each
fold's training negatives from masks that also avoid evaluation pairs), and :func:`training_negatives` here for a
model trained on a whole snapshot (``tfkg predict``, case studies: the snapshot's unobserved pairs).
"""

from __future__ import annotations

import numpy as np

from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Snapshot
from tfkg.errors import InputError


def from_codes(codes, n_target: int) -> np.ndarray:
    codes = np.asarray(codes, dtype=np.int64)
    return np.stack([codes // n_target, codes % n_target], axis=1)


def sample(allowed: np.ndarray, n: int, rng: np.random.Generator, what: str) -> np.ndarray:
    """``n`` distinct pairs drawn uniformly where the boolean (n_tf, n_target) ``allowed`` is true, sorted."""
    flat = np.flatnonzero(allowed.ravel())
    if n > len(flat):
        raise InputError(f"{what}: asked for {n} negatives but only {len(flat)} pairs qualify")
    pick = np.sort(rng.choice(len(flat), size=n, replace=False))
    return from_codes(flat[pick], allowed.shape[1])


def all_of(allowed: np.ndarray) -> np.ndarray:
    return np.argwhere(allowed).astype(np.int64)


def unobserved(snapshot: Snapshot) -> np.ndarray:
    """Boolean (n_tf, n_target): pairs that are not training edges of ``snapshot`` and not a gene with itself."""
    n_tf, n_tg = snapshot.num_nodes("tf"), snapshot.num_nodes("target")
    allowed = np.ones((n_tf, n_tg), dtype=bool)
    ei = snapshot.edges[REG]
    allowed[ei[0], ei[1]] = False
    self_rows = snapshot.rows_in("target", "tf")
    has = self_rows >= 0
    allowed[np.flatnonzero(has), self_rows[has]] = False
    return allowed


def random_unobserved(snapshot: Snapshot, n: int, seed: int = 0) -> np.ndarray:
    """``n`` uniform unobserved pairs of ``snapshot`` (at most as many as there are)."""
    allowed = unobserved(snapshot)
    return sample(allowed, min(int(n), int(allowed.sum())), np.random.default_rng([seed, 3]), "random negatives")


def reachable_mask(snapshot: Snapshot) -> np.ndarray:
    """Boolean (n_tf, n_target): True where a TF->Disease->Disease->Target path exists.

    Disease->Disease means "the two diseases share a gene of the dataset" (A_dd = A_gd^T A_gd > 0). The
    gene-disease incidence is the one Cypher exported into the snapshot, and the answer equals the
    pure-Cypher ``metapath_reachability`` query's (``tfkg.graph.export.reachable_mask_cypher``; tested):
    TF z reaches target t iff some gene shares a disease with both — two boolean sparse products, a
    fraction of a second on HGETGI instead of ~70 s. Its complement is the enhanced-negative candidates."""
    from scipy import sparse

    if TF_DIS not in snapshot.edges or TG_DIS not in snapshot.edges:
        raise InputError(f"dataset {snapshot.dataset!r} has no gene-disease associations: no enhanced negatives")
    n_d = snapshot.num_nodes("disease")

    def incidence(et, n):
        ei = snapshot.edges[et]
        return sparse.csr_matrix((np.ones(ei.shape[1], dtype=np.float32), (ei[0], ei[1])), shape=(n, n_d))

    a_zd, a_td = incidence(TF_DIS, snapshot.num_nodes("tf")), incidence(TG_DIS, snapshot.num_nodes("target"))
    a_gd = sparse.vstack([a_zd, a_td]).tocsr()
    near_z = (a_zd @ a_gd.T).astype(bool).astype(np.float32)  # TF z shares a disease with gene x
    near_t = (a_td @ a_gd.T).astype(bool).astype(np.float32)  # target t shares a disease with gene x
    return np.asarray((near_z @ near_t.T).toarray() > 0)


# the training-negative kinds (``tfkg.eval.protocols.training_negatives`` per fold, :func:`training_negatives` for a
# whole snapshot): kind -> what it is (reports and option help print it)
TRAINING_NEGATIVES = {
    "random": "uniform unobserved-in-training pairs, 1:1 with the training positives",
    "enhanced": "every pair with no TF->disease->disease->target path that is not a training positive",
    "file": "the split file's training negatives (file protocol only)",
    "none": "no training negatives (the model decides)",
}
# the kinds a model trained on a whole snapshot can use (no split file there)
TRAINING_KINDS = tuple(k for k in TRAINING_NEGATIVES if k != "file")


def training_negatives(snapshot: Snapshot, kind: str, seed: int = 0) -> np.ndarray | None:
    """Negatives for a model trained on a whole snapshot (``tfkg predict``, case studies): 'random' (as many
    uniform unobserved pairs as training edges), 'enhanced' (every unobserved pair with no
    TF->disease->disease->target path) or 'none'. Cross-validation folds use ``tfkg.eval.protocols``,
    which also keeps training negatives away from evaluation pairs."""
    if kind == "none":
        return None
    if kind == "enhanced":
        return all_of(unobserved(snapshot) & ~reachable_mask(snapshot))
    if kind == "random":
        return random_unobserved(snapshot, snapshot.edges[REG].shape[1], seed)
    raise InputError(f"training negatives must be one of {', '.join(TRAINING_KINDS)}, not {kind!r}")

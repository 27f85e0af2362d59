"""Hetnet features of every (TF, target) pair: degree-weighted path counts (DWPC) over meta-paths, by dense
matrix products on the training snapshot only (as hetmatpy computes them), plus degrees.

DWPC (Himmelstein & Baranzini, PLoS Comput Biol 2015; Himmelstein et al., eLife 2017): each path is weighted
by the product over its edges of both end nodes' degrees (for that edge type) to the power -w (damping w,
0.4 in Rephetio), so hubs count less. A metaedge's matrix ``M`` becomes ``D_row^-w M D_col^-w`` and a
meta-path is the product of its metaedges. Paths that visit a node twice are left out (DWPC counts paths,
not walks): for a TF -> TF' hop the diagonal is zeroed, and for TF -> G' <- TF' -> G the terms with G' = G or
TF' = TF are subtracted. This is also what keeps a training edge from being its own evidence: every path
that would use the edge (TF, G) itself revisits TF or G.
"""
from __future__ import annotations

import numpy as np

from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Snapshot

# meta-path -> (source it needs, what it means to a biologist)
METAPATHS: dict[str, tuple[str, str]] = {
    "TdG": ("disease", "TF and target share diseases"),
    "TdTrG": ("disease", "TFs sharing the TF's diseases regulate the target"),
    "TrGdG": ("disease", "the TF regulates genes that share the target's diseases"),
    "TrGrTrG": ("network", "TFs sharing the TF's targets regulate the target"),
    "TfTrG": ("family", "TFs of the same family regulate the target"),
    "TpG": ("motif", "motif-scan hit of the TF near the target"),
    "TpGpTrG": ("motif", "TFs with similar motif-scan targets regulate the target"),
    "ToG": ("ortholog", "the mouse orthologs are a TRRUST mouse edge"),
    "TcG": ("coexpression", "TF and target are co-expressed (bulk)"),
    "TaG": ("archs4", "the target is among the TF's 300 most co-expressed genes in ARCHS4"),
    "TbG": ("chip", "ENCODE ChIP-seq finds the TF bound near the target"),
    "deg_T": ("degree", "the TF's number of training targets"),
    "deg_G": ("degree", "the target's number of training regulators"),
}
SOURCES = ("degree", "disease", "network", "family", "motif", "ortholog", "coexpression", "archs4", "chip")


def _dense(snap: Snapshot, ei: np.ndarray, shape: tuple[int, int], weight: np.ndarray | None = None) -> np.ndarray:
    m = np.zeros(shape, dtype=np.float64)
    if ei.size:
        np.maximum.at(m, (ei[0], ei[1]), 1.0 if weight is None else np.asarray(weight, dtype=np.float64))
    return m


def _norm(m: np.ndarray, w: float) -> np.ndarray:
    """``D_row^-w M D_col^-w`` with the degrees of this metaedge (a node without edges keeps 0)."""
    def inv(d):
        out = np.zeros_like(d)
        np.power(d, -w, out=out, where=d > 0)
        return out
    return m * inv(m.sum(1))[:, None] * inv(m.sum(0))[None, :]


def _no_diag(m: np.ndarray) -> np.ndarray:
    m = m.copy()
    np.fill_diagonal(m, 0.0)
    return m


def _tf_tf(n: np.ndarray) -> np.ndarray:
    """TF -> X -> TF' for a normalised TF x X metaedge, TF' != TF."""
    return _no_diag(n @ n.T)


def dwpc_matrices(snap: Snapshot, sources: tuple[str, ...] = SOURCES, damping: float = 0.4) -> dict[str, np.ndarray]:
    """Every meta-path of ``sources`` as a dense (n_tf, n_target) matrix, from the snapshot's own arrays."""
    n_tf, n_tg = snap.num_nodes("tf"), snap.num_nodes("target")
    shape = (n_tf, n_tg)
    a = _dense(snap, snap.edges[REG], shape)
    A = _norm(a, damping)
    out: dict[str, np.ndarray] = {}
    if "degree" in sources:
        out["deg_T"] = np.repeat(np.log1p(a.sum(1))[:, None], n_tg, 1)
        out["deg_G"] = np.repeat(np.log1p(a.sum(0))[None, :], n_tf, 0)
    if "disease" in sources and TF_DIS in snap.edges and TG_DIS in snap.edges:
        n_dis = snap.num_nodes("disease")
        td = _norm(_dense(snap, snap.edges[TF_DIS], (n_tf, n_dis)), damping)
        gd = _norm(_dense(snap, snap.edges[TG_DIS], (n_tg, n_dis)), damping)
        out["TdG"] = td @ gd.T
        out["TdTrG"] = _tf_tf(td) @ A
        out["TrGdG"] = A @ _no_diag(gd @ gd.T)
    if "network" in sources:
        sq = A * A
        # TF -> G' <- TF' -> G without G' = G or TF' = TF (inclusion-exclusion; the both-equal term added back)
        out["TrGrTrG"] = A @ A.T @ A - sq.sum(1)[:, None] * A - A * sq.sum(0)[None, :] + A ** 3
    if "family" in sources and "tf" in snap.features:
        f = snap.features["tf"]
        cols = [i for i, c in enumerate(f.columns) if c.startswith("family=") and c not in ("family=other", "family=Unknown")]
        fam = f.values[:, cols].astype(np.float64)
        same = _no_diag(fam @ fam.T)
        out["TfTrG"] = _norm(same, damping) @ A
    if "motif" in sources and snap.priors:
        p = np.zeros(shape)
        for prior in snap.priors.values():
            p = np.maximum(p, _dense(snap, prior.edge_index, shape, prior.weight))
        P = _norm(p, damping)
        out["TpG"] = p
        out["TpGpTrG"] = _tf_tf(P) @ A
    if "ortholog" in sources:
        for name, link in snap.links.items():
            if name.startswith("ortholog:"):
                out["ToG"] = _dense(snap, link.edge_index, shape)
    if "coexpression" in sources:
        sets = [link for name, link in snap.links.items() if name.startswith("coexpression:")]
        if sets:
            # the strongest |r| over the bulk sets that measure both genes (0 where none does)
            out["TcG"] = np.max([_dense(snap, s.edge_index, shape, np.abs(s.weight)) for s in sets], axis=0)
    for src, prefix, feat in (("archs4", "archs4:", "TaG"), ("chip", "chip:", "TbG")):
        if src in sources:
            for name, link in snap.links.items():
                if name.startswith(prefix):
                    out[feat] = _dense(snap, link.edge_index, shape, link.weight)
    return out


def feature_tensor(snap: Snapshot, sources: tuple[str, ...] = SOURCES, damping: float = 0.4
                   ) -> tuple[np.ndarray, list[str]]:
    """(n_features, n_tf, n_target) float32, Rephetio's transform: asinh(DWPC / mean DWPC) per meta-path
    (degrees and |r| as they are), and the feature names."""
    mats = dwpc_matrices(snap, sources, damping)
    names = [n for n in METAPATHS if n in mats]
    out = np.empty((len(names), snap.num_nodes("tf"), snap.num_nodes("target")), dtype=np.float32)
    for i, n in enumerate(names):
        m = mats[n]
        if not n.startswith("deg_") and n not in ("TcG", "ToG", "TaG", "TbG"):
            mean = m[m > 0].mean() if (m > 0).any() else 1.0
            m = np.arcsinh(np.maximum(m, 0) / mean)
        out[i] = m
    return out, names

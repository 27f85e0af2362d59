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

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

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
    "TgG": ("go", "TF and target share GO biological processes"),
    "TrGgG": ("go", "the TF regulates genes of the target's GO biological processes"),
    "TiG": ("ppi", "the TF's protein interacts with the target's (Pathway Commons)"),
    "TiTrG": ("ppi", "TFs interacting with the TF regulate the target"),
    "TrGiG": ("ppi", "the TF regulates genes whose proteins interact with the target's"),
    "TeG": ("controls", "a pathway database says the TF controls the target's expression (Pathway Commons)"),
    "deg_T": ("degree", "the TF's number of training targets"),
    "deg_G": ("degree", "the target's number of training regulators"),
}
SOURCES = (
    "degree",
    "disease",
    "network",
    "family",
    "motif",
    "ortholog",
    "coexpression",
    "archs4",
    "chip",
    "go",
    "ppi",
    "controls",
)
# features used as they are (0/1 claims, |r|, weights, degrees); the DWPCs get asinh(x / mean x)
RAW = ("TcG", "ToG", "TaG", "TbG", "TiG", "TeG", "deg_T", "deg_G")


def _dense(snap: Snapshot, ei: np.ndarray, shape: tuple[int, int], weight: np.ndarray | None = None) -> np.ndarray:
    m = np.zeros(shape, dtype=np.float64)
    if ei.size:
        np.maximum.at(m, (ei[0], ei[1]), 1.0 if weight is None else np.asarray(weight, dtype=np.float64))
    return m


def _sparse(ei: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """0/1 sparse matrix of an edge index (duplicates count once)."""
    m = sp.csr_matrix((np.ones(ei.shape[1]), (ei[0], ei[1])), shape=shape)
    m.data[:] = 1.0
    return m


def _inv(d: np.ndarray, w: float) -> np.ndarray:
    out = np.zeros_like(d, dtype=np.float64)
    np.power(d, -w, out=out, where=d > 0)
    return out


def _norm(m, w: float):
    """``D_row^-w M D_col^-w`` with the degrees of this metaedge (a node without edges keeps 0); dense or sparse."""
    if sp.issparse(m):
        r, c = np.asarray(m.sum(1)).ravel(), np.asarray(m.sum(0)).ravel()
        return sp.diags(_inv(r, w)) @ m @ sp.diags(_inv(c, w))
    return m * _inv(m.sum(1), w)[:, None] * _inv(m.sum(0), w)[None, :]


def _no_diag(m: np.ndarray) -> np.ndarray:
    m = m.copy()
    np.fill_diagonal(m, 0.0)
    return m


def _tf_tf(n) -> np.ndarray:
    """TF -> X -> TF' for a normalised TF x X metaedge, TF' != TF."""
    nn = n @ n.T
    return _no_diag(nn.toarray() if sp.issparse(nn) else nn)


def _via_genes(A: np.ndarray, n) -> np.ndarray:
    """TF -> G' -> X <- G for TF x target ``A`` and a normalised target x X metaedge ``n`` (sparse), G' != G."""
    ax = (n.T @ A.T).T  # TF x X
    out = np.asarray((n @ ax.T).T)  # TF x target
    return out - A * np.asarray(n.multiply(n).sum(1)).ravel()[None, :]


def _tf_rows(snap: Snapshot, m: sp.csr_matrix) -> sp.csr_matrix:
    """The rows of a target x X matrix that belong to the TFs (a TF that is no target gets an empty row)."""
    rows = snap.rows_in("target", "tf")
    ok = np.flatnonzero(rows >= 0)
    pick = sp.csr_matrix((np.ones(len(ok)), (ok, rows[ok])), shape=(len(rows), m.shape[0]))
    return (pick @ m).tocsr()


def dwpc_matrices(snap: Snapshot, sources: tuple[str, ...] = SOURCES, damping: float = 0.4) -> Iterator[tuple[str, np.ndarray]]:
    """Every meta-path of ``sources`` as a dense (n_tf, n_target) matrix, from the snapshot's own arrays, one at a
    time (a genome-wide snapshot's matrices are 250 MB each). Gene x disease, gene x term and gene x gene metaedges
    stay sparse."""
    n_tf, n_tg = snap.num_nodes("tf"), snap.num_nodes("target")
    shape = (n_tf, n_tg)
    a = _dense(snap, snap.edges[REG], shape)
    A = _norm(a, damping)
    if "degree" in sources:
        yield "deg_T", np.repeat(np.log1p(a.sum(1))[:, None], n_tg, 1)
        yield "deg_G", np.repeat(np.log1p(a.sum(0))[None, :], n_tf, 0)
    if "disease" in sources and TF_DIS in snap.edges and TG_DIS in snap.edges:
        n_dis = snap.num_nodes("disease")
        td = _norm(_sparse(snap.edges[TF_DIS], (n_tf, n_dis)), damping)
        gd = _norm(_sparse(snap.edges[TG_DIS], (n_tg, n_dis)), damping)
        yield "TdG", (td @ gd.T).toarray()
        yield "TdTrG", _tf_tf(td) @ A
        yield "TrGdG", _via_genes(A, gd)
    if "network" in sources:
        sq = A * A
        # TF -> G' <- TF' -> G without G' = G or TF' = TF (inclusion-exclusion; the both-equal term added back)
        yield "TrGrTrG", (A @ A.T) @ A - sq.sum(1)[:, None] * A - A * sq.sum(0)[None, :] + A**3
    if "family" in sources and "tf" in snap.features:
        f = snap.features["tf"]
        cols = [i for i, c in enumerate(f.columns) if c.startswith("family=") and c not in ("family=other", "family=Unknown")]
        fam = f.values[:, cols].astype(np.float64)
        same = _no_diag(fam @ fam.T)
        yield "TfTrG", _norm(same, damping) @ A
    if "motif" in sources and snap.priors:
        p = np.zeros(shape)
        for prior in snap.priors.values():
            p = np.maximum(p, _dense(snap, prior.edge_index, shape, prior.weight))
        yield "TpGpTrG", _tf_tf(_norm(p, damping)) @ A
        yield "TpG", p
    links = snap.links
    for src, prefix, feat in (("ortholog", "ortholog:", "ToG"), ("controls", "controls:", "TeG")):
        if src in sources:
            for name, link in links.items():
                if name.startswith(prefix):
                    yield feat, _dense(snap, link.edge_index, shape)
    if "coexpression" in sources:
        sets = [link for name, link in links.items() if name.startswith("coexpression:")]
        if sets:
            # the strongest |r| over the bulk sets that measure both genes (0 where none does)
            yield "TcG", np.max([_dense(snap, s.edge_index, shape, np.abs(s.weight)) for s in sets], axis=0)
    for src, prefix, feat in (("archs4", "archs4:", "TaG"), ("chip", "chip:", "TbG")):
        if src in sources:
            for name, link in links.items():
                if name.startswith(prefix):
                    yield feat, _dense(snap, link.edge_index, shape, link.weight)
    if "go" in sources and "go:BP" in links:
        ei = links["go:BP"].edge_index
        n = _norm(_sparse(ei, (n_tg, int(ei[1].max()) + 1 if ei.size else 0)), damping)
        yield "TgG", (_tf_rows(snap, n) @ n.T).toarray()
        yield "TrGgG", _via_genes(A, n)
    if "ppi" in sources and "ppi:PathwayCommons" in links:
        ei = links["ppi:PathwayCommons"].edge_index
        p = _sparse(np.hstack([ei, ei[::-1]]), (n_tg, n_tg))  # undirected
        pn = _norm(p, damping)
        tf_p = _tf_rows(snap, p)
        yield "TiG", tf_p.toarray()
        rows = snap.rows_in("target", "tf")
        tt = tf_p[:, np.maximum(rows, 0)].toarray() * (rows >= 0)[None, :]  # TF x TF interactions
        yield "TiTrG", _norm(_no_diag(tt), damping) @ A
        yield "TrGiG", np.asarray((pn @ A.T).T)


def feature_tensor(snap: Snapshot, sources: tuple[str, ...] = SOURCES, damping: float = 0.4) -> tuple[np.ndarray, list[str]]:
    """(n_features, n_tf, n_target) float32, Rephetio's transform: asinh(DWPC / mean DWPC) per meta-path
    (``RAW`` features as they are), and the feature names in ``METAPATHS`` order."""
    mats: dict[str, np.ndarray] = {}
    for n, m in dwpc_matrices(snap, sources, damping):
        if n not in RAW:
            mean = m[m > 0].mean() if (m > 0).any() else 1.0
            m = np.arcsinh(np.maximum(m, 0) / mean)
        mats[n] = m.astype(np.float32)
        del m
    names = [n for n in METAPATHS if n in mats]
    out = np.empty((len(names), snap.num_nodes("tf"), snap.num_nodes("target")), dtype=np.float32)
    for i, n in enumerate(names):
        out[i] = mats.pop(n)
    return out, names

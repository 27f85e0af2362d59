"""MTLGRN's node features: blocks of per-gene attributes, each standardised and reduced by PCA, concatenated.

The paper concatenates PCA-reduced promoter k-mers and one-hot biological attributes. Here each block is
built from the training snapshot only and the PCA of each block is fitted inside ``fit`` (so held-out
edges, samples and experiments never shape it):

``attributes``  the snapshot's node features (TF label, TF family (AnimalTFDB/Lambert), locus group or MGI
                feature type), one-hot;
``motifs``      the gene's promoter motif-hit profile: which TFs' motifs hit it in the snapshot's motif
                prior (CellOracle's mouse promoter scan, DoRothEA TFBS for human) — the sequence-derived
                stand-in for the paper's 2.5 kb promoter k-mers, which are not available offline;
``expression``  the gene's standardised expression across the training samples;
``responses``   the gene's change under each training perturbation (its column of the effect matrix);
``degree``      log(1 + out-degree) and log(1 + in-degree) over the training edges (not PCA-reduced);
``random``      Gaussian noise of the same width (the paper's "random features" ablation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tfkg.data.snapshot import REG, Snapshot
from tfkg.errors import InputError

BLOCKS = ("attributes", "motifs", "expression", "responses", "degree", "random")


@dataclass
class GeneSpace:
    """The homogeneous gene graph behind a snapshot: one node per distinct symbol of ``tf`` and ``target``."""

    symbols: list[str]
    tf_node: np.ndarray  # (n_tf,) node of each tf index
    target_node: np.ndarray  # (n_target,) node of each target index

    @classmethod
    def of(cls, snap: Snapshot) -> "GeneSpace":
        targets = list(snap.nodes.get("target", []))
        index = {s: i for i, s in enumerate(targets)}
        symbols = list(targets)
        tf_node = []
        for s in snap.nodes.get("tf", []):
            if s not in index:
                index[s] = len(symbols)
                symbols.append(s)
            tf_node.append(index[s])
        return cls(symbols, np.asarray(tf_node, dtype=np.int64), np.arange(len(targets), dtype=np.int64))

    @property
    def n(self) -> int:
        return len(self.symbols)

    def edges(self, snap: Snapshot) -> np.ndarray:
        """(2, E) TF->target training edges as gene nodes."""
        ei = snap.edges.get(REG, np.zeros((2, 0), dtype=np.int64))
        return np.stack([self.tf_node[ei[0]], self.target_node[ei[1]]]) if ei.size else np.zeros((2, 0), np.int64)


def raw_blocks(snap: Snapshot, space: GeneSpace, want: tuple[str, ...], seed: int) -> dict[str, np.ndarray]:
    """The wanted blocks that the snapshot can give, each (n_nodes, d) float64, before PCA."""
    n, out = space.n, {}
    if "attributes" in want and snap.features:
        cols = next(iter(snap.features.values())).columns
        x = np.zeros((n, len(cols)))
        for nt, nodes in (("target", space.target_node), ("tf", space.tf_node)):
            if nt in snap.features and len(nodes):
                x[nodes] = snap.features[nt].values
        out["attributes"] = x
    if "motifs" in want and snap.priors:
        ei, _ = snap.prior_edges(None)
        tfs = np.unique(ei[0])
        x = np.zeros((n, len(tfs)))
        x[space.target_node[ei[1]], np.searchsorted(tfs, ei[0])] = 1.0
        out["motifs"] = x
    if "expression" in want and snap.expression is not None and snap.expression.ntype == "target":
        v = snap.expression.values.astype(np.float64)
        x = np.zeros((n, v.shape[1]))
        x[space.target_node] = v
        out["expression"] = x
    pt = snap.perturbations
    if "responses" in want and pt is not None and pt.ntype == "target" and len(pt.experiments):
        x = np.zeros((n, len(pt.experiments)))
        x[space.target_node] = pt.effect.T.astype(np.float64)
        out["responses"] = x
    if "degree" in want:
        e = space.edges(snap)
        out["degree"] = np.log1p(np.stack([np.bincount(e[0], minlength=n), np.bincount(e[1], minlength=n)], 1).astype(np.float64))
    if "random" in want:
        out["random"] = np.random.default_rng([seed, 11]).normal(size=(n, 32))
    return out


class FeaturePipeline:
    """Standardise each block and reduce it by PCA (fitted on the training snapshot), then concatenate."""

    def __init__(self, blocks: tuple[str, ...], dim: int):
        unknown = sorted(set(blocks) - set(BLOCKS))
        if unknown:
            raise InputError(f"unknown feature block(s) {', '.join(unknown)}; known: {', '.join(BLOCKS)}")
        self.blocks, self.dim = tuple(blocks), dim
        self.used: list[str] = []
        self.widths: dict[str, int] = {}

    def fit_transform(self, snap: Snapshot, space: GeneSpace, seed: int = 0) -> np.ndarray:
        from sklearn.decomposition import PCA

        raw = raw_blocks(snap, space, self.blocks, seed)
        if not raw:
            raise InputError(f"{snap.dataset}: none of the feature blocks {', '.join(self.blocks)} is available in this snapshot")
        parts = []
        self.used = [b for b in BLOCKS if b in raw]
        for name in self.used:
            x = raw[name]
            x = (x - x.mean(0)) / np.where(x.std(0) > 1e-12, x.std(0), 1.0)
            if name != "degree" and x.shape[1] > self.dim:
                k = min(self.dim, x.shape[0] - 1)
                x = PCA(n_components=k, random_state=seed).fit_transform(x)
                x = x / max(float(x[:, 0].std()), 1e-12)  # first component at unit scale
            self.widths[name] = x.shape[1]
            parts.append(x)
        return np.hstack(parts).astype(np.float32)

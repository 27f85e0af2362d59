"""Skip-gram with negative sampling (SGNS) over a walk tensor, batched and vectorized.

The SGNS objective ``-sum over pairs [log s(U_i·V_j) + k E_{n~P} log s(-U_i·V_n)]`` over every
(centre i, context j) pair of the walks is minimised in aggregated form:
    the pairs are counted once into a co-occurrence matrix ``C`` (vectorized: one ``index_add_`` per
    window offset), and the objective becomes ``-sum_ij [C_ij log s(s_ij) + M_ij log s(-s_ij)]`` with
    ``M_ij = k * n_i(type of j) * P(j)`` its exact expectation over negative draws (Levy & Goldberg
    2014). It is minimised full-batch with Adam, the gradient written in closed form per block of node
    types (``(C + M) * sigmoid(s) - C``, three matmuls). The cost no longer grows with the number of
    walks: on graphs of a few thousand nodes this is what makes the paper's 450 walks x 130 tokens
    per node affordable on a CPU.
(Classic minibatch SGNS over shuffled pairs was 4.3x slower than PyG's MetaPath2Vec at the demo budget and
~62x slower than this form at the paper's; it was removed. ``benchmarks/walks.py`` times PyG.)

Context pairs come straight from the time-major walk tensor ``(L, W)``: for every offset ``o`` in
``1..window`` the centres ``walks[:-o]`` and contexts ``walks[o:]`` are two contiguous slices, used in
both directions; a pair is kept only when neither end is ``pad`` (a dead walk never produces a pair).
There is no Python loop over walkers, tokens or pairs — only over the ``window`` offsets.

Negative contexts follow token-frequency^``power`` (word2vec: 0.75), restricted to the node type of
the context by default (heterogeneous negative sampling, metapath2vec++). ``center_power`` = 1 keeps
word2vec's k negatives around each positive pair's own centre; below 1 the centres of negative pairs
are drawn too (frequency^``center_power`` within the centre's type) — with both powers 0 the optimum
logit is log(count) + const instead of a PMI (what ENS uses).

Two tables: ``U`` (centre, "in") and ``V`` (context, "out"); the SGNS logit of (i, j) is ``U[i]·V[j]``.
Dense embeddings with Adam: the graphs here have thousands of nodes, so a dense gradient is cheap
(benchmarks/walks.py --sgns times it against PyG's MetaPath2Vec with SparseAdam).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from tfkg.errors import InputError


@dataclass
class SGNSConfig:
    dim: int = 128
    window: int = 5
    negatives: int = 5
    lr: float = 0.01
    typed_negatives: bool = True
    power: float = 0.75  # negative contexts drawn with probability ~ count^power
    center_power: float = 1.0  # 1: k negatives per positive pair (word2vec); <1: centres of negative pairs ~ count^p
    steps: int = 200  # full-batch Adam steps of the counts mode


def context_pairs(walks_tm: torch.Tensor, window: int, pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Every (centre, context) pair of a time-major walk tensor within ``window``, both directions, no pad."""
    cs, xs = [], []
    for o in range(1, min(window, walks_tm.shape[0] - 1) + 1):
        a, b = walks_tm[:-o].reshape(-1), walks_tm[o:].reshape(-1)
        keep = (a != pad) & (b != pad)
        a, b = a[keep], b[keep]
        cs += [a, b]
        xs += [b, a]
    if not cs:
        empty = torch.zeros(0, dtype=torch.long, device=walks_tm.device)
        return empty, empty
    return torch.cat(cs), torch.cat(xs)


class SkipGram(torch.nn.Module):
    def __init__(
        self, num_nodes: int, dim: int, seed: int = 0, ones_rows: list[int] | None = None, device: str | torch.device = "cpu"
    ):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        bound = 0.5 / dim
        # word2vec init: U uniform small, V zero — plus a tiny noise so U·V is not identically 0 at start
        self.U = torch.nn.Parameter((torch.rand(num_nodes, dim, generator=g) * 2 - 1) * bound)
        self.V = torch.nn.Parameter((torch.rand(num_nodes, dim, generator=g) * 2 - 1) * bound)
        for r in ones_rows or []:  # cold-start node: all-ones initial embedding
            with torch.no_grad():
                self.U[r] = 1.0
                self.V[r] = 1.0
        self.to(device)

    def logits(self, i: torch.Tensor, j: torch.Tensor) -> torch.Tensor:
        return (self.U.index_select(0, i) * self.V.index_select(0, j)).sum(-1)


def train_sgns(
    walks_tm: torch.Tensor,
    num_nodes: int,
    pad: int,
    cfg: SGNSConfig,
    type_id: torch.Tensor | None = None,
    seed: int = 0,
    ones_rows: list[int] | None = None,
    progress=None,
) -> SkipGram:
    """Train SGNS on a time-major walk tensor ``(L, W)``; returns the model (``U``, ``V``)."""
    C = cooccurrence(walks_tm, num_nodes, pad, cfg.window)
    return train_sgns_counts(C, cfg, type_id, seed, ones_rows, progress)


def cooccurrence(
    walks_tm: torch.Tensor, num_nodes: int, pad: int, window: int, keep: torch.Tensor | None = None, chunk: int = 1 << 16
) -> torch.Tensor:
    """Dense float32 counts of (centre, context) pairs within ``window`` positions, both directions.

    ``keep`` (global ids) restricts the matrix to those nodes, in that order: pairs with any other
    token are not counted, though every token still occupies its position in the walk. ``pad`` and
    dropped nodes are mapped to one extra row/column that is cut off, so no pair with a stopped walk
    position is ever counted and no mask is needed."""
    dev = walks_tm.device
    if keep is None:
        keep = torch.arange(num_nodes, device=dev)
    k = keep.numel()
    lut = torch.full((max(num_nodes, pad) + 1,), k, dtype=torch.long, device=dev)
    lut[keep.to(dev)] = torch.arange(k, device=dev)
    n1 = k + 1
    Cf = torch.zeros(n1 * n1, dtype=torch.float32, device=dev)
    L, W = walks_tm.shape
    one = torch.ones(1, device=dev)
    for s in range(0, W, chunk):
        part = lut.index_select(0, walks_tm[:, s : s + chunk].reshape(-1)).view(L, -1)
        for o in range(1, min(window, L - 1) + 1):
            ids = (part[:-o] * n1).add_(part[o:]).reshape(-1)
            Cf.index_add_(0, ids, one.expand(ids.numel()))
    Cf = Cf.view(n1, n1)[:k, :k]
    return Cf + Cf.t()


def _groups(num_nodes: int, type_id: torch.Tensor | None) -> list[torch.Tensor]:
    """Contiguous index ranges of node types (the cold-start node, type -1, is its own group)."""
    if type_id is None:
        return [torch.arange(num_nodes)]
    t = type_id[:num_nodes].cpu()
    out = []
    for v in torch.unique(t).tolist():
        ids = torch.nonzero(t == v).view(-1)
        if ids.numel() != int(ids[-1] - ids[0]) + 1:
            raise InputError("node types must occupy contiguous id ranges")
        out.append(ids)
    return out


def train_sgns_counts(
    C: torch.Tensor,
    cfg: SGNSConfig,
    type_id: torch.Tensor | None = None,
    seed: int = 0,
    ones_rows: list[int] | None = None,
    progress=None,
) -> SkipGram:
    """Full-batch SGNS on co-occurrence counts ``C`` (see the module docstring)."""
    device = C.device
    n = C.shape[0]
    model = SkipGram(n, cfg.dim, seed, ones_rows, device)
    total = float(C.sum())
    if total == 0:
        return model
    groups = [g.to(device) for g in _groups(n, type_id if cfg.typed_negatives else None)]
    all_groups = [g.to(device) for g in _groups(n, type_id)]
    freq = C.sum(0)  # context counts = token counts (C is symmetric)
    P = torch.zeros(n, device=device)
    for g in groups:
        p = freq[g].double() ** cfg.power
        P[g] = (p / p.sum()).float() if p.sum() > 0 else 0.0
    # blocks (centre group a, context group b) that carry any positive or negative mass
    blocks = []
    for a in all_groups:
        sa = slice(int(a[0]), int(a[-1]) + 1)
        for b in all_groups:
            sb = slice(int(b[0]), int(b[-1]) + 1)
            Cab = C[sa, sb]
            nvec = Cab.sum(1) if cfg.typed_negatives else C[sa].sum(1)
            if float(nvec.sum()) == 0:
                continue
            if cfg.center_power != 1.0:  # same number of negative pairs, centres re-weighted
                q = nvec.double().clamp(min=0) ** cfg.center_power
                q[nvec == 0] = 0
                nvec = (q / q.sum() * nvec.double().sum()).float()
            blocks.append((sa, sb, Cab, (cfg.negatives * nvec).unsqueeze(1), P[sb].unsqueeze(0)))
    U, V = model.U, model.V
    opt = torch.optim.Adam([U, V], lr=cfg.lr)
    for step in range(cfg.steps):
        gU = torch.zeros_like(U)
        gV = torch.zeros_like(V)
        loss = 0.0
        with torch.no_grad():
            for sa, sb, Cab, kn, Pb in blocks:
                s = U[sa] @ V[sb].t()
                sig = torch.sigmoid(s)
                # dL/ds = (C + M) * sigmoid(s) - C,  M = k n_i P_j
                G = torch.addcmul(Cab, kn, Pb).mul_(sig).sub_(Cab)
                gU[sa] += G @ V[sb]
                gV[sb] += G.t() @ U[sa]
                if progress:
                    ls = torch.nn.functional.logsigmoid(s)
                    loss -= float((Cab * ls).sum() + (kn * Pb * (ls - s)).sum())
            U.grad = gU.div_(total)
            V.grad = gV.div_(total)
        opt.step()
        if progress:
            progress(0, step, cfg.steps, loss / total)
    return model

"""Skip-gram with negative sampling (SGNS) over a walk tensor, batched and vectorized.

Two ways to minimise the same SGNS objective — ``-sum over pairs [log s(U_i·V_j) + k E_{n~P} log s(-U_i·V_n)]``
over every (centre i, context j) pair of the walks — are offered:

``mode="counts"`` (default)
    the pairs are counted once into a co-occurrence matrix ``C`` (vectorized: one ``index_add_`` per
    window offset), and the objective becomes ``-sum_ij [C_ij log s(s_ij) + M_ij log s(-s_ij)]`` with
    ``M_ij = k * n_i(type of j) * P(j)`` its exact expectation over negative draws (Levy & Goldberg
    2014). It is minimised full-batch with Adam, the gradient written in closed form per block of node
    types (``(C + M) * sigmoid(s) - C``, three matmuls). The cost no longer grows with the number of
    walks: on graphs of a few thousand nodes this is what makes the paper's 450 walks x 130 tokens
    per node affordable on a CPU.
``mode="pairs"``
    classic minibatch SGNS: shuffled pairs, ``negatives`` sampled draws each, Adam.

Context pairs come straight from the time-major walk tensor ``(L, W)``: for every offset ``o`` in
``1..window`` the centres ``walks[:-o]`` and contexts ``walks[o:]`` are two contiguous slices, used in
both directions; a pair is kept only when neither end is ``pad`` (a dead walk never produces a pair).
There is no Python loop over walkers, tokens or pairs — only over the ``window`` offsets and over
mini-batches of pairs.

Negative contexts follow token-frequency^``power`` (word2vec: 0.75), restricted to the node type of
the context by default (heterogeneous negative sampling, metapath2vec++). ``center_power`` = 1 keeps
word2vec's k negatives around each positive pair's own centre; below 1 the centres of negative pairs
are drawn too (frequency^``center_power`` within the centre's type) — with both powers 0 the optimum
logit is log(count) + const instead of a PMI (what ENS uses).

Two tables: ``U`` (centre, "in") and ``V`` (context, "out"); the SGNS logit of (i, j) is ``U[i]·V[j]``.
Dense embeddings with Adam: the graphs here have thousands of nodes, so a dense gradient is cheap
(benchmarks/walks.py --sgns times both modes against PyG's MetaPath2Vec with SparseAdam).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class SGNSConfig:
    dim: int = 128
    window: int = 5
    negatives: int = 5
    epochs: int = 1
    batch_pairs: int = 1 << 16
    lr: float = 0.01
    typed_negatives: bool = True
    power: float = 0.75      # negative contexts drawn with probability ~ count^power
    center_power: float = 1.0  # 1: k negatives per positive pair (word2vec); <1: centres of negative pairs ~ count^p
    mode: str = "counts"     # "counts" (aggregated, full-batch) or "pairs" (minibatch)
    steps: int = 200         # full-batch Adam steps of the counts mode


class PairStream:
    """(centre, context) pairs of a time-major walk tensor, in shuffled mini-batches (vectorized)."""

    def __init__(self, walks_tm: torch.Tensor, window: int, pad: int):
        self.walks, self.window, self.pad = walks_tm, window, pad

    def all_pairs(self) -> tuple[torch.Tensor, torch.Tensor]:
        w, pad = self.walks, self.pad
        cs, xs = [], []
        for o in range(1, min(self.window, w.shape[0] - 1) + 1):
            a, b = w[:-o].reshape(-1), w[o:].reshape(-1)
            keep = (a != pad) & (b != pad)
            a, b = a[keep], b[keep]
            cs += [a, b]
            xs += [b, a]
        if not cs:
            empty = torch.zeros(0, dtype=torch.long, device=w.device)
            return empty, empty
        return torch.cat(cs), torch.cat(xs)

    def count(self) -> int:
        return int(self.all_pairs()[0].numel())


class NegativeSampler:
    """Draws node ids with probability proportional to count^power (optionally within a node type)."""

    def __init__(self, counts: torch.Tensor, type_id: torch.Tensor | None, power: float = 0.75,
                 table_size: int = 1 << 20):
        device = counts.device
        w = counts.double().clamp(min=0) ** power
        groups = [torch.arange(counts.numel(), device=device)] if type_id is None else \
            [torch.nonzero(type_id[:counts.numel()] == t).view(-1) for t in range(int(type_id.max()) + 1)]
        tables, starts, lens = [], [], []
        pos = 0
        for ids in groups:
            p = w[ids]
            if ids.numel() == 0 or p.sum() <= 0:
                p = torch.ones(ids.numel(), dtype=torch.double, device=device)
            n = max(ids.numel(), table_size // max(len(groups), 1))
            # deterministic unigram table: node ids repeated in proportion to p
            reps = torch.floor(p / p.sum() * n).long()
            reps[reps == 0] = 1 if ids.numel() else 0
            t = torch.repeat_interleave(ids, reps) if ids.numel() else torch.zeros(1, dtype=torch.long, device=device)
            tables.append(t)
            starts.append(pos)
            lens.append(t.numel())
            pos += t.numel()
        self.table = torch.cat(tables)
        self.starts = torch.tensor(starts, device=device)
        self.lens = torch.tensor(lens, device=device, dtype=torch.float32) * (1 - 1e-6)
        self.type_id = type_id

    def sample(self, context: torch.Tensor, k: int, generator: torch.Generator) -> torch.Tensor:
        u = torch.rand((context.numel(), k), generator=generator, device=context.device)
        if self.type_id is None:
            idx = (u * self.lens[0]).long()
        else:
            ty = self.type_id.index_select(0, context).clamp(min=0)
            idx = (u * self.lens[ty].unsqueeze(1)).long() + self.starts[ty].unsqueeze(1)
        return self.table[idx]


class SkipGram(torch.nn.Module):
    def __init__(self, num_nodes: int, dim: int, seed: int = 0, ones_rows: list[int] | None = None,
                 device: str | torch.device = "cpu"):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        bound = 0.5 / dim
        # word2vec init: U uniform small, V zero — plus a tiny noise so U·V is not identically 0 at start
        self.U = torch.nn.Parameter((torch.rand(num_nodes, dim, generator=g) * 2 - 1) * bound)
        self.V = torch.nn.Parameter((torch.rand(num_nodes, dim, generator=g) * 2 - 1) * bound)
        for r in ones_rows or []:        # cold-start node: all-ones initial embedding
            with torch.no_grad():
                self.U[r] = 1.0
                self.V[r] = 1.0
        self.to(device)

    def logits(self, i: torch.Tensor, j: torch.Tensor) -> torch.Tensor:
        return (self.U.index_select(0, i) * self.V.index_select(0, j)).sum(-1)

    def loss(self, c: torch.Tensor, x: torch.Tensor, neg: torch.Tensor, neg_c: torch.Tensor | None = None
             ) -> torch.Tensor:
        """SGNS loss of positive pairs (c, x) and negative pairs (c, neg[:, i]) — or (neg_c, neg) when the
        negative centres are drawn separately (``center_power`` != 1)."""
        uc = self.U.index_select(0, c)                                       # (P, d)
        pos = (uc * self.V.index_select(0, x)).sum(-1)                        # (P,)
        vn = self.V.index_select(0, neg.reshape(-1)).view(neg.shape[0], neg.shape[1], -1)  # (P, k, d)
        if neg_c is None:
            negl = (vn * uc.unsqueeze(1)).sum(-1)                             # (P, k); bmm is ~5x slower here
        else:
            un = self.U.index_select(0, neg_c.reshape(-1)).view_as(vn)
            negl = (vn * un).sum(-1)
        return -(F.logsigmoid(pos).sum() + F.logsigmoid(-negl).sum()) / c.numel()


def train_sgns(walks_tm: torch.Tensor, num_nodes: int, pad: int, cfg: SGNSConfig, type_id: torch.Tensor | None = None,
               seed: int = 0, ones_rows: list[int] | None = None, progress=None) -> SkipGram:
    """Train SGNS on a time-major walk tensor ``(L, W)``; returns the model (``U``, ``V``)."""
    if cfg.mode == "counts":
        C = cooccurrence(walks_tm, num_nodes, pad, cfg.window)
        return train_sgns_counts(C, cfg, type_id, seed, ones_rows, progress)
    if cfg.mode != "pairs":
        raise ValueError(f"SGNS mode must be 'counts' or 'pairs', not {cfg.mode!r}")
    return _train_pairs(walks_tm, num_nodes, pad, cfg, type_id, seed, ones_rows, progress)


def cooccurrence(walks_tm: torch.Tensor, num_nodes: int, pad: int, window: int, keep: torch.Tensor | None = None,
                 chunk: int = 1 << 16) -> torch.Tensor:
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
        part = lut.index_select(0, walks_tm[:, s:s + chunk].reshape(-1)).view(L, -1)
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
            raise ValueError("node types must occupy contiguous id ranges")
        out.append(ids)
    return out


def train_sgns_counts(C: torch.Tensor, cfg: SGNSConfig, type_id: torch.Tensor | None = None, seed: int = 0,
                      ones_rows: list[int] | None = None, progress=None) -> SkipGram:
    """Full-batch SGNS on co-occurrence counts ``C`` (see the module docstring)."""
    device = C.device
    n = C.shape[0]
    model = SkipGram(n, cfg.dim, seed, ones_rows, device)
    total = float(C.sum())
    if total == 0:
        return model
    groups = [g.to(device) for g in _groups(n, type_id if cfg.typed_negatives else None)]
    all_groups = [g.to(device) for g in _groups(n, type_id)]
    freq = C.sum(0)                                   # context counts = token counts (C is symmetric)
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
            if cfg.center_power != 1.0:   # same number of negative pairs, centres re-weighted
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


def _train_pairs(walks_tm: torch.Tensor, num_nodes: int, pad: int, cfg: SGNSConfig, type_id: torch.Tensor | None = None,
                 seed: int = 0, ones_rows: list[int] | None = None, progress=None) -> SkipGram:
    device = walks_tm.device
    g = torch.Generator(device=device).manual_seed(seed + 1)
    model = SkipGram(num_nodes, cfg.dim, seed, ones_rows, device)
    tok = walks_tm.reshape(-1)
    counts = torch.bincount(tok[tok != pad], minlength=num_nodes)[:num_nodes]
    sampler = NegativeSampler(counts, type_id if cfg.typed_negatives else None, cfg.power)
    centres = None if cfg.center_power == 1.0 else NegativeSampler(counts, type_id, cfg.center_power)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    c_all, x_all = PairStream(walks_tm, cfg.window, pad).all_pairs()
    n = c_all.numel()
    if n == 0:
        return model
    steps = math.ceil(n / cfg.batch_pairs)
    for epoch in range(cfg.epochs):
        perm = torch.randperm(n, generator=g, device=device)
        for s in range(steps):
            idx = perm[s * cfg.batch_pairs:(s + 1) * cfg.batch_pairs]
            c, x = c_all[idx], x_all[idx]
            neg = sampler.sample(x, cfg.negatives, g)
            neg_c = None if centres is None else centres.sample(c, cfg.negatives, g)
            loss = model.loss(c, x, neg, neg_c)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if progress:
                progress(epoch, s, steps, float(loss))
    return model


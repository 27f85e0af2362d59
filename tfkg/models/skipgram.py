"""Skip-gram with negative sampling (SGNS) over a walk tensor, batched and vectorized.

Context pairs come straight from the time-major walk tensor ``(L, W)``: for every offset ``o`` in
``1..window`` the centres ``walks[:-o]`` and contexts ``walks[o:]`` are two contiguous slices, used in
both directions; a pair is kept only when neither end is ``pad`` (a dead walk never produces a pair).
There is no Python loop over walkers, tokens or pairs — only over the ``window`` offsets and over
mini-batches of pairs.

Negatives are drawn per positive pair from the token-frequency^0.75 distribution (word2vec), by
default restricted to the node type of the context (heterogeneous negative sampling, metapath2vec++).

Two tables: ``U`` (centre, "in") and ``V`` (context, "out"); the SGNS logit of (i, j) is ``U[i]·V[j]``.
Dense embeddings with Adam: the graphs here have thousands of nodes, so a dense gradient is smaller
than the sparse one SparseAdam would have to coalesce (see benchmarks/walks.py for the measurement).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
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
    power: float = 0.75


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

    def loss(self, c: torch.Tensor, x: torch.Tensor, neg: torch.Tensor) -> torch.Tensor:
        uc = self.U.index_select(0, c)                                       # (P, d)
        pos = (uc * self.V.index_select(0, x)).sum(-1)                        # (P,)
        vn = self.V.index_select(0, neg.reshape(-1)).view(neg.shape[0], neg.shape[1], -1)  # (P, k, d)
        negl = torch.bmm(vn, uc.unsqueeze(-1)).squeeze(-1)                    # (P, k)
        return -(F.logsigmoid(pos).sum() + F.logsigmoid(-negl).sum()) / c.numel()


def train_sgns(walks_tm: torch.Tensor, num_nodes: int, pad: int, cfg: SGNSConfig, type_id: torch.Tensor | None = None,
               seed: int = 0, ones_rows: list[int] | None = None, progress=None) -> SkipGram:
    """Train SGNS on a time-major walk tensor ``(L, W)``; returns the model (``U``, ``V``)."""
    device = walks_tm.device
    g = torch.Generator(device=device).manual_seed(seed + 1)
    model = SkipGram(num_nodes, cfg.dim, seed, ones_rows, device)
    tok = walks_tm.reshape(-1)
    counts = torch.bincount(tok[tok != pad], minlength=num_nodes)[:num_nodes]
    sampler = NegativeSampler(counts, type_id if cfg.typed_negatives else None, cfg.power)
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
            loss = model.loss(c, x, neg)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if progress:
                progress(epoch, s, steps, float(loss))
    return model


def np_counts(walks_tm: torch.Tensor, num_nodes: int, pad: int) -> np.ndarray:
    tok = walks_tm.reshape(-1)
    return torch.bincount(tok[tok != pad], minlength=num_nodes)[:num_nodes].cpu().numpy()

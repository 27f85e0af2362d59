"""A graph-attention baseline over the motif prior (the thesis's GAT comparison).

Each sample is one bipartite graph TF -> gene on the prior's edges: a TF node carries its (training
min-max scaled) expression, a ``GATConv`` (Veličković et al., ICLR 2018; PyTorch Geometric) attends over a
gene's prior TFs, and a per-gene scale and offset read the result out as the gene's standardised
expression. A batch of samples is one disjoint union of those graphs. Genes without prior TFs predict
their training mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import torch

from tfkg.data.snapshot import Snapshot
from tfkg.models.base import ExpressionPredictor, ParamError, expression_io


@dataclass(frozen=True)
class PriorGATParams:
    """prior-gat parameters.

    prior: the prior whose TF -> gene edges the attention runs over: one source name, None for the union of
        the snapshot's priors, or "all" for every TF -> other-gene pair
    hidden: per-head width of the GATConv layer, >= 1
    heads: attention heads of the GATConv layer (concatenated before the readout), >= 1
    steps: number of Adam steps (mini-batches of samples), >= 1
    lr: Adam learning rate
    batch_size: training samples per step, >= 1
    """

    prior: str | None = None
    hidden: int = 8
    heads: int = 2
    steps: int = 150
    lr: float = 1e-2
    batch_size: int = 32

    def check(self) -> None:
        if min(self.hidden, self.heads, self.steps, self.batch_size) < 1:
            raise ParamError("prior-gat: hidden, heads, steps and batch_size must be >= 1")


class _Net(torch.nn.Module):
    def __init__(self, n_out: int, hidden: int, heads: int):
        super().__init__()
        from torch_geometric.nn import GATConv

        self.conv = GATConv((1, 1), hidden, heads=heads, add_self_loops=False)
        self.read = torch.nn.Linear(hidden * heads, 1)
        self.scale = torch.nn.Parameter(torch.ones(n_out))
        self.offset = torch.nn.Parameter(torch.zeros(n_out))

    def forward(self, x_src, edge_index, n_dst, n_out):
        h = self.conv((x_src, torch.zeros(n_dst, 1, device=x_src.device)), edge_index, size=(len(x_src), n_dst))
        y = self.read(torch.relu(h)).view(-1, n_out)  # (batch, outputs)
        return y * self.scale + self.offset


class PriorGAT(ExpressionPredictor):
    """Graph attention over each gene's motif-prior TFs, one graph per sample (PyTorch Geometric GATConv)."""

    name = "prior-gat"
    citation = (
        "Veličković et al., Graph Attention Networks, ICLR 2018 (arXiv:1710.10903), via PyTorch Geometric "
        "GATConv; the thesis's GAT baseline over the motif prior"
    )
    requires: ClassVar[frozenset[str]] = frozenset({"expression"})
    uses: ClassVar[frozenset[str]] = frozenset({"priors"})  # the motif prior; -p prior=all needs none
    Params: ClassVar[type] = PriorGATParams

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "PriorGAT":
        torch.manual_seed(seed)
        p = self.params
        inp, out = expression_io(snapshot)
        x = snapshot.expr.values.astype(np.float64)
        ei, _ = snapshot.prior_edges(p.prior)
        col_of_node = np.full(x.shape[0], -1)
        col_of_node[inp] = np.arange(len(inp))
        out_pos = np.full(x.shape[0], -1)
        out_pos[out] = np.arange(len(out))
        src = col_of_node[snapshot.rows_in(snapshot.expr.ntype, "tf")[ei[0]]]
        dst = out_pos[ei[1]]
        keep = (src >= 0) & (dst >= 0)
        self.src, self.dst = src[keep], dst[keep]
        self.n_in, self.n_out = len(inp), len(out)
        self.lo, self.hi = x[inp].min(1), x[inp].max(1)
        self.mu, self.sd = x[out].mean(1), x[out].std(1) + 1e-6
        xin = torch.as_tensor(self._scale(x[inp]), dtype=torch.float32)
        y = torch.as_tensor(((x[out] - self.mu[:, None]) / self.sd[:, None]), dtype=torch.float32)
        self.net = _Net(self.n_out, p.hidden, p.heads).to(self.device)
        opt = torch.optim.Adam(self.net.parameters(), lr=p.lr)
        g = torch.Generator().manual_seed(seed)
        for _ in range(p.steps):
            cols = torch.randperm(xin.shape[1], generator=g)[: p.batch_size]
            pred = self._forward(xin[:, cols])
            loss = ((pred - y[:, cols].T) ** 2).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return self

    def _scale(self, x_in):
        span = np.where(self.hi - self.lo > 1e-12, self.hi - self.lo, 1.0)
        return np.clip((x_in - self.lo[:, None]) / span[:, None], 0, None)

    def _forward(self, xin: torch.Tensor) -> torch.Tensor:
        """(batch, outputs) standardised predictions for (inputs, batch) scaled TF expression."""
        b = xin.shape[1]
        dev = self.device
        src = torch.as_tensor(self.src, device=dev)
        dst = torch.as_tensor(self.dst, device=dev)
        offs = torch.arange(b, device=dev)
        edge_index = torch.stack(
            [(src[None] + offs[:, None] * self.n_in).reshape(-1), (dst[None] + offs[:, None] * self.n_out).reshape(-1)]
        )
        return self.net(xin.T.reshape(-1, 1).to(dev), edge_index, b * self.n_out, self.n_out)

    def state(self) -> dict:
        st = {k: v for k, v in vars(self).items() if k not in self._not_state + ("net",)}
        st.update({f"net.{k}": v for k, v in self.net.state_dict().items()})
        return st

    def load_state(self, state: dict) -> None:
        net = {k[4:]: v for k, v in state.items() if k.startswith("net.")}
        vars(self).update({k: v for k, v in state.items() if not k.startswith("net.")})
        self.net = _Net(self.n_out, self.params.hidden, self.params.heads).to(self.device)
        self.net.load_state_dict(net)

    @torch.no_grad()
    def predict_expression(self, inputs: np.ndarray) -> np.ndarray:
        xin = torch.as_tensor(self._scale(np.asarray(inputs, dtype=np.float64)), dtype=torch.float32)
        pred = torch.cat([self._forward(xin[:, s : s + 64]) for s in range(0, xin.shape[1], 64)]).cpu().numpy()
        return pred.T.astype(np.float64) * self.sd[:, None] + self.mu[:, None]

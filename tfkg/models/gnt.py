"""GNT ("GeneNet Transformer"): transformer gene embeddings + an SVM on Hadamard edge embeddings.

The seed thesis (IISER, 2024), as described there:

* each gene enters as a one-hot identity mapped to ``dim`` (an id embedding) plus its normalised
  expression vector mapped to ``dim`` (an attribute embedding), combined as ``id + alpha * attribute``;
* two transformer encoder layers; each gene is one token (the thesis gives no context sequence). On a
  one-token sequence softmax attention weighs the only key by 1, so a layer is exactly
  ``LN(x + W_o W_v x)`` then ``LN(h + FF(h))``: :class:`TokenEncoderLayer` computes that directly (a test
  checks it equals ``torch.nn.TransformerEncoderLayer`` with the same weights), skipping the query/key
  projections and the softmax that cannot change anything — 2-3x fewer operations per training step;
* an output layer gives each gene a distribution over the genes it connects to (its training
  neighbours, either direction), trained with cross-entropy against ``negatives`` sampled genes per
  positive (sampled softmax), ``epochs`` epochs, batches of ``batch_size`` edges, Adam at ``lr``;
* the second layer's output is the gene embedding; an edge is the Hadamard product of its two genes'
  embeddings, and an SVM trained on the training edges (positives and the given training negatives)
  scores candidate edges by its decision function. ``kernel="linear"`` (default: a ``LinearSVC``, fast
  enough to score every TF × gene pair) or ``"rbf"`` (``SVC``, trained on at most ``svm_max`` edges).

Expression is standardised per gene over the training cells; nothing here sees a held-out edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import torch
from torch import nn

from tfkg.data.snapshot import REG, Snapshot
from tfkg.errors import InputError
from tfkg.models.base import LinkPredictor, ParamError


@dataclass(frozen=True)
class GNTParams:
    """gnt parameters.

    dim: width of the gene tokens and embeddings (transformer model dimension), >= 1
    layers: transformer encoder layers, >= 1
    alpha: weight of the expression (attribute) embedding in a gene's token: identity + alpha x attribute
    negatives: sampled genes per training edge in the sampled-softmax loss, >= 1
    epochs: passes over the training edges (both directions), >= 1
    batch_size: training edges per Adam step, >= 1
    lr: Adam learning rate of the transformer
    kernel: the SVM on Hadamard edge features: "linear" (LinearSVC) or "rbf" (SVC)
    C: the SVM's inverse regularisation strength
    svm_max: most training edges (positives and negatives) the rbf SVM is trained on, >= 1 (linear: unused)
    threads: torch CPU threads while fitting (0 = torch's default)
    """

    dim: int = 128
    layers: int = 2
    alpha: float = 1.0
    negatives: int = 10
    epochs: int = 30
    batch_size: int = 256
    lr: float = 0.002
    kernel: Literal["linear", "rbf"] = "linear"
    C: float = 1.0
    svm_max: int = 5000
    threads: int = 0

    def check(self) -> None:
        if min(self.dim, self.layers, self.negatives, self.epochs, self.batch_size, self.svm_max) < 1:
            raise ParamError("gnt: dim, layers, negatives, epochs, batch_size and svm_max must be >= 1")


class TokenEncoderLayer(nn.Module):
    """A post-norm transformer encoder layer (``nn.TransformerEncoderLayer``: ReLU, feed-forward ``2 * dim``)
    applied to one-token sequences: attention reduces to the value and output projections."""

    def __init__(self, dim: int, dropout: float = 0.1):
        super().__init__()
        self.value, self.proj = nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.ff1, self.ff2 = nn.Linear(dim, 2 * dim), nn.Linear(2 * dim, dim)
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.norm1(x + self.drop(self.proj(self.value(x))))
        return self.norm2(h + self.drop(self.ff2(self.drop(torch.relu(self.ff1(h))))))

    @torch.no_grad()
    def load_from(self, layer: nn.TransformerEncoderLayer) -> "TokenEncoderLayer":
        """Copy the weights of a ``TransformerEncoderLayer`` (its value slice of the in-projection)."""
        d = self.value.in_features
        self.value.weight.copy_(layer.self_attn.in_proj_weight[2 * d :])
        self.value.bias.copy_(layer.self_attn.in_proj_bias[2 * d :])
        self.proj.load_state_dict(layer.self_attn.out_proj.state_dict())
        for mine, theirs in (
            (self.ff1, layer.linear1),
            (self.ff2, layer.linear2),
            (self.norm1, layer.norm1),
            (self.norm2, layer.norm2),
        ):
            mine.load_state_dict(theirs.state_dict())
        return self


class Encoder(nn.Module):
    def __init__(self, n_genes: int, n_cells: int, p: GNTParams):
        super().__init__()
        self.ident = nn.Embedding(n_genes, p.dim)
        self.attr = nn.Linear(n_cells, p.dim)
        self.alpha = p.alpha
        self.layers = nn.ModuleList([TokenEncoderLayer(p.dim) for _ in range(p.layers)])
        self.out = nn.Embedding(n_genes, p.dim)  # the output layer: one vector per connectable gene

    def forward(self, genes: torch.Tensor, expr: torch.Tensor) -> torch.Tensor:
        h = self.ident(genes) + self.alpha * self.attr(expr[genes])
        for layer in self.layers:
            h = layer(h)
        return h


def hadamard(emb: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Edge features: the element-wise product of the two genes' embeddings."""
    return emb[a] * emb[b]


class GNT(LinkPredictor):
    """Transformer gene embeddings (identity + expression tokens), Hadamard edge features, SVM scores."""

    name = "gnt"
    citation = (
        "GeneNet Transformer: transformer gene embeddings and an SVM for GRN inference, IISER thesis (2024); "
        "transformer: Vaswani et al., NeurIPS 2017; benchmark: Pratapa et al., BEELINE, Nat Methods 2020"
    )
    requires: ClassVar[frozenset[str]] = frozenset({"edges", "expression"})
    Params: ClassVar[type] = GNTParams
    _not_state = LinkPredictor._not_state + ("svm",)

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "GNT":
        p = self.params
        if p.threads:
            torch.set_num_threads(p.threads)
        expr = snapshot.expression
        if expr is None:
            raise InputError(f"gnt: dataset {snapshot.dataset!r} has no expression matrix")
        torch.manual_seed(seed)
        rng = np.random.default_rng([seed, 14])
        # genes = expression rows (the target node type); each TF is one of them
        self.tf_gene = snapshot.rows_in(expr.ntype, "tf")
        if (self.tf_gene < 0).any():
            raise InputError("gnt: every TF needs an expression row")
        x = expr.values.astype(np.float64)
        x = (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + 1e-6)
        n = x.shape[0]
        pos = snapshot.edges.get(REG, np.zeros((2, 0), np.int64))
        a, b = self.tf_gene[pos[0]], pos[1]
        src, dst = np.r_[a, b], np.r_[b, a]  # either direction: the genes it connects to
        dev = self.device
        net = Encoder(n, x.shape[1], p).to(dev)
        xt = torch.as_tensor(x, dtype=torch.float32, device=dev)
        opt = torch.optim.Adam(net.parameters(), lr=p.lr, foreach=True)
        net.train()
        for _ in range(p.epochs):
            order = rng.permutation(len(src))
            for s in range(0, len(order), p.batch_size):
                idx = order[s : s + p.batch_size]
                u = torch.as_tensor(src[idx], device=dev)
                cand = np.c_[dst[idx], rng.integers(0, n, (len(idx), p.negatives))]  # positive first
                h = net(u, xt)
                logits = (net.out(torch.as_tensor(cand, device=dev)) * h[:, None, :]).sum(-1)
                loss = nn.functional.cross_entropy(logits, torch.zeros(len(idx), dtype=torch.long, device=dev))
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
        net.eval()
        with torch.no_grad():
            self.embedding = net(torch.arange(n, device=dev), xt).cpu().numpy().astype(np.float64)
        # SVM on Hadamard features of the training edges and training negatives
        if train_negatives is None or not len(train_negatives):
            m = len(a)
            neg = np.stack([rng.integers(0, len(self.tf_gene), m), rng.integers(0, n, m)], 1)
        else:
            neg = np.asarray(train_negatives, dtype=np.int64)
        fa = np.r_[a, self.tf_gene[neg[:, 0]]]
        fb = np.r_[b, neg[:, 1]]
        y = np.r_[np.ones(len(a)), np.zeros(len(neg))]
        if len(y) > p.svm_max and p.kernel == "rbf":
            keep = rng.choice(len(y), p.svm_max, replace=False)
            fa, fb, y = fa[keep], fb[keep], y[keep]
        feats = hadamard(self.embedding, fa, fb)
        self.mu, self.sd = feats.mean(0), feats.std(0) + 1e-9
        self.svm = self._svm(seed).fit((feats - self.mu) / self.sd, y)
        self._keep_svm()
        return self

    def _svm(self, seed: int):
        from sklearn.svm import SVC, LinearSVC

        p = self.params
        if p.kernel == "linear":
            return LinearSVC(C=p.C, dual="auto", random_state=seed, max_iter=5000)
        return SVC(C=p.C, kernel="rbf", gamma="scale", random_state=seed)

    def _keep_svm(self) -> None:
        """The SVM as arrays (``save`` keeps tensors only): a linear one's weights, an RBF one's support set."""
        if self.params.kernel == "linear":
            self.svm_coef, self.svm_intercept = self.svm.coef_[0].copy(), float(self.svm.intercept_[0])
        else:
            self.svm_sv, self.svm_dual = self.svm.support_vectors_.copy(), self.svm.dual_coef_[0].copy()
            self.svm_intercept, self.svm_gamma = float(self.svm.intercept_[0]), float(self.svm._gamma)

    def _decision(self, feats: np.ndarray) -> np.ndarray:
        z = (feats - self.mu) / self.sd
        if self.params.kernel == "linear":
            return z @ self.svm_coef + self.svm_intercept
        out = np.empty(len(z))
        for s in range(0, len(z), 4096):
            c = z[s : s + 4096]
            d2 = (c * c).sum(1)[:, None] - 2 * c @ self.svm_sv.T + (self.svm_sv**2).sum(1)[None]
            out[s : s + 4096] = np.exp(-self.svm_gamma * np.maximum(d2, 0)) @ self.svm_dual + self.svm_intercept
        return out

    def score(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        return self._decision(hadamard(self.embedding, self.tf_gene[pairs[:, 0]], pairs[:, 1]))

    def score_matrix(self, tf_rows: np.ndarray, n_target: int) -> np.ndarray:
        tf_rows = np.asarray(tf_rows, dtype=np.int64)
        if self.params.kernel == "linear":  # (e_tf * e_g) . w = e_tf . (w * e_g): one product for every pair
            w = self.svm_coef / self.sd
            const = self.svm_intercept - float((self.mu / self.sd) @ self.svm_coef)
            return self.embedding[self.tf_gene[tf_rows]] @ (self.embedding[:n_target] * w).T + const
        return super().score_matrix(tf_rows, n_target)

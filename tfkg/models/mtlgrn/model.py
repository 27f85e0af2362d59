"""MTLGRN: a multi-task graph attention network for gene regulation (Brief Bioinform 2024), built from the paper.

One encoder, three heads, one joint loss:

* **encoder**: two ``GATConv`` layers (Veličković et al., ICLR 2018; PyTorch Geometric) over the training
  TF->target edges (both directions for message passing): 8 heads × 32 concatenated, then 8 heads averaged
  to 32. ``graph=False`` replaces them by a two-layer MLP of the same widths (the "no graph" baseline).
* **link head**: a dot product of role-specific projections of the two genes' embeddings, binary
  cross-entropy. The paper's decoder is a plain dot product, which scores A->B and B->A alike; TRRUST
  edges are directed, so the TF side and the target side get their own linear map.
* **knockout head**: an MLP encodes the control profile, a second encodes the knocked-out gene(s), and an
  MLP decodes both to the expression change (MSE; predicting the change is the paper's "expression after
  knockout" minus the fixed control). The paper encodes the gene as a one-hot vector
  (``ko_encoding="onehot"``; multi-hot for a double knockout), which says nothing about a gene never knocked
  out in training; ``"embedding"`` feeds the gene's GAT embedding (summed over the genes of a double
  knockout), which lets the shared encoder carry knowledge between tasks; the default ``"both"``
  concatenates the two (memory of the genes seen in training, the graph for the others).
  ``ko_decoder="pairwise"`` replaces the decoder MLP by a shared response plus a bilinear score of the
  knocked-out gene's and each gene's embeddings (the link head's form), so a gene's effect on another is
  read from the graph the encoder sees.
* **expression head**: gene embeddings × learned sample embeddings reconstruct the standardised
  expression matrix (MSE).

Loss = ``link_weight`` × BCE + ``ko_weight`` × MSE(Δ) + ``expr_weight`` × MSE(expression); a head whose data
the snapshot lacks (no knockouts in TRRUST mouse, no edges in MorPhiC) is off. Each epoch, a random
``mp_fraction`` of the training edges pass messages and the rest are the link head's positives, so the
link head never learns "score the edges I can see" (held-out edges are never in the message graph).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import torch
from torch import nn

from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.models.base import LinkPredictor, ParamError, PerturbationPredictor
from tfkg.models.mtlgrn.features import BLOCKS, FeaturePipeline, GeneSpace

CITATION = (
    "MTLGRN: multi-task learning with graph attention networks for gene regulatory network inference, "
    "Briefings in Bioinformatics 2024 (built from the paper; its public code does not run); GAT: "
    "Veličković et al., ICLR 2018"
)


@dataclass(frozen=True)
class MTLGRNParams:
    """mtlgrn parameters (shared by gat, feature-mlp, ko-mlp and genelink, which change defaults).

    features: node-feature blocks concatenated into each gene's input, a non-empty subset of BLOCKS
        (attributes, motifs, expression, responses, degree, random); blocks the snapshot lacks are skipped
    pca_dim: each standardised block (but degree) wider than this is reduced to pca_dim PCA components, >= 1
    hidden: per-head width of the first GAT layer (the MLP encoder's first layer is hidden x heads wide), >= 1
    heads: attention heads per GAT layer (the first layer's concatenated, the second's averaged), >= 1
    out_dim: width of the gene embeddings (the encoder's output and the heads' projections), >= 1
    dropout: dropout rate on the encoder's input and hidden layer and on GAT attention, in [0, 1)
    epochs: training epochs (one full-batch Adam step each), >= 1
    lr: Adam learning rate
    weight_decay: Adam weight decay (L2 penalty) on every network parameter
    link_weight: weight of the link head's binary cross-entropy in the joint loss, >= 0 (0 = head off)
    ko_weight: weight of the knockout head's MSE on the expression change, >= 0 (0 = head off)
    expr_weight: weight of the expression head's reconstruction MSE, >= 0 (0 = head off)
    mp_fraction: share of the training edges that pass messages each epoch, in (0, 1); the rest are the
        link head's positives
    link_negatives: the link head's negatives each epoch: "given" (the harness's training negatives, else
        uniform TF x target pairs), "corrupt" (each positive with its target replaced at random) or "both"
    ko_encoding: how the knockout head sees the knocked-out gene(s): "onehot" (multi-hot), "embedding"
        (their summed encoder embeddings) or "both" (the two concatenated)
    ko_decoder: knockout decoder: "mlp", or "pairwise" (a shared response plus a bilinear score of the
        knocked-out gene's and each gene's embeddings; needs ko_encoding="embedding")
    graph: encode with the GAT over the training edges; False: a two-layer MLP of the same widths (no graph)
    threads: torch CPU threads while fitting (0 = torch's default)
    """

    features: tuple[str, ...] = ("attributes", "motifs", "expression", "responses", "degree")
    pca_dim: int = 32
    hidden: int = 32
    heads: int = 8
    out_dim: int = 32
    dropout: float = 0.2
    epochs: int = 200
    lr: float = 5e-3
    weight_decay: float = 5e-4
    link_weight: float = 1.0
    ko_weight: float = 1.0
    expr_weight: float = 0.5
    mp_fraction: float = 0.8
    link_negatives: Literal["given", "corrupt", "both"] = "given"
    ko_encoding: Literal["embedding", "onehot", "both"] = "both"
    ko_decoder: Literal["mlp", "pairwise"] = "mlp"
    graph: bool = True
    threads: int = 0  # torch CPU threads (0: torch's default)

    def check(self) -> None:
        if min(self.pca_dim, self.hidden, self.heads, self.out_dim, self.epochs) < 1:
            raise ParamError("mtlgrn: pca_dim, hidden, heads, out_dim and epochs must be >= 1")
        if not 0 <= self.dropout < 1 or not 0 < self.mp_fraction < 1:
            raise ParamError("mtlgrn: dropout must be in [0, 1) and mp_fraction in (0, 1)")
        if min(self.link_weight, self.ko_weight, self.expr_weight) < 0:
            raise ParamError("mtlgrn: loss weights must be >= 0")
        if self.ko_decoder == "pairwise" and self.ko_encoding != "embedding":
            raise ParamError("mtlgrn: ko_decoder=pairwise needs ko_encoding=embedding")
        if not self.features or set(self.features) - set(BLOCKS):
            raise ParamError(f"mtlgrn: features must be a non-empty list of {', '.join(BLOCKS)}")


class Net(nn.Module):
    """Encoder and the three heads (sizes fixed at construction, so a saved state reloads)."""

    def __init__(self, d_in: int, p: MTLGRNParams, n_genes: int, n_samples: int):
        super().__init__()
        width = p.hidden * p.heads
        self.graph = p.graph
        if p.graph:
            from torch_geometric.nn import GATConv

            self.conv1 = GATConv(d_in, p.hidden, heads=p.heads, dropout=p.dropout)
            self.conv2 = GATConv(width, p.out_dim, heads=p.heads, concat=False, dropout=p.dropout)
        else:
            self.conv1, self.conv2 = nn.Linear(d_in, width), nn.Linear(width, p.out_dim)
        self.drop = nn.Dropout(p.dropout)
        self.src, self.dst = nn.Linear(p.out_dim, p.out_dim), nn.Linear(p.out_dim, p.out_dim)
        self.encoding = p.ko_encoding
        self.pairwise = p.ko_decoder == "pairwise"
        if n_genes and self.pairwise:
            self.ko_base = nn.Linear(n_genes, n_genes)
            self.ko_src, self.ko_dst = nn.Linear(p.out_dim, p.out_dim), nn.Linear(p.out_dim, p.out_dim)
        elif n_genes:
            self.ko_control = nn.Sequential(nn.Linear(n_genes, 64), nn.ReLU())
            width_in = {"onehot": n_genes, "embedding": p.out_dim, "both": n_genes + p.out_dim}[p.ko_encoding]
            self.ko_gene = nn.Sequential(nn.Linear(width_in, 64), nn.ReLU())
            self.ko_out = nn.Sequential(nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, n_genes))
        if n_samples:
            self.samples = nn.Parameter(torch.randn(n_samples, p.out_dim) * 0.1)

    def encode(self, x: torch.Tensor, edge_index: torch.Tensor) -> torch.Tensor:
        x = self.drop(x)
        if self.graph:
            h = nn.functional.elu(self.conv1(x, edge_index))
            return self.conv2(self.drop(h), edge_index)
        return self.conv2(self.drop(nn.functional.elu(self.conv1(x))))

    def link(self, z: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return (self.src(z[a]) * self.dst(z[b])).sum(-1)

    def knockout(self, z: torch.Tensor, control: torch.Tensor, ko: torch.Tensor) -> torch.Tensor:
        """``ko`` (n, n_genes) multi-hot knocked-out genes -> (n, n_genes) scaled change."""
        if self.pairwise:  # a shared response plus, per knocked-out gene g and gene j, <A z_g, B z_j>
            genes = z[: ko.shape[1]]
            return self.ko_base(control) + (ko @ self.ko_src(genes)) @ self.ko_dst(genes).T
        if self.encoding == "onehot":
            gene = ko
        elif self.encoding == "embedding":
            gene = ko @ z[: ko.shape[1]]
        else:
            gene = torch.cat([ko, ko @ z[: ko.shape[1]]], dim=1)
        c = self.ko_control(control).expand(len(ko), -1)
        return self.ko_out(torch.cat([c, self.ko_gene(gene)], dim=1))


class MTLGRN(LinkPredictor, PerturbationPredictor):
    """Multi-task GAT: TF->target link prediction, knockout-effect prediction, expression reconstruction."""

    name = "mtlgrn"
    citation = CITATION
    requires: ClassVar[frozenset[str]] = frozenset({"edges"})
    # each head and feature block switches on when its data is there (DREAM4: no features or priors)
    uses: ClassVar[frozenset[str]] = frozenset({"features", "priors", "expression", "perturbations"})
    Params: ClassVar[type] = MTLGRNParams
    primary_task = "link"
    _not_state = LinkPredictor._not_state + ("net", "z")

    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "MTLGRN":
        p = self.params
        if p.threads:
            torch.set_num_threads(p.threads)
        torch.manual_seed(seed)
        rng = np.random.default_rng([seed, 12])
        space = GeneSpace.of(snapshot)
        pipe = FeaturePipeline(p.features, p.pca_dim)
        self.x = pipe.fit_transform(snapshot, space, seed)
        self.blocks = pipe.used
        self.tf_node, self.target_node = space.tf_node, space.target_node
        self.edge_index = space.edges(snapshot)
        pos = self.edge_index
        pt, ex = snapshot.perturbations, snapshot.expression
        use_link = p.link_weight > 0 and pos.shape[1] > 0
        use_ko = p.ko_weight > 0 and pt is not None and pt.ntype == "target" and len(pt.experiments) > 0
        use_expr = p.expr_weight > 0 and ex is not None and ex.ntype == "target"
        self.n_genes = len(self.target_node) if use_ko else 0
        self.n_samples = ex.values.shape[1] if use_expr and ex is not None else 0
        self.heads_on = [h for h, on in (("link", use_link), ("knockout", use_ko), ("expression", use_expr)) if on]
        if not self.heads_on:
            raise InputError(f"mtlgrn: no head has data in {snapshot.dataset!r} with the given loss weights")
        dev = self.device
        self.net = Net(self.x.shape[1], p, self.n_genes, self.n_samples).to(dev)
        x = torch.as_tensor(self.x, device=dev)
        full_graph = self._graph(pos)
        # link head data: training negatives given by the harness, else uniform TF x target pairs
        n_tf, n_tg = len(self.tf_node), len(self.target_node)
        neg_pool = None if train_negatives is None or not len(train_negatives) else np.asarray(train_negatives)
        # knockout head data
        if use_ko:
            assert pt is not None
            self.control = (pt.control if pt.control is not None else np.zeros(self.n_genes)).astype(np.float32)
            eff = pt.effect.astype(np.float64)
            self.ko_scale = float(eff.std()) or 1.0
            ko_y = torch.as_tensor(eff / self.ko_scale, dtype=torch.float32, device=dev)
            ko_x = torch.as_tensor(self._multi_hot(pt.genes), device=dev)
            control = torch.as_tensor(self.control[None], device=dev)
        if use_expr:
            assert ex is not None
            v = ex.values.astype(np.float64)
            ex_y = torch.as_tensor(
                (v - v.mean(1, keepdims=True)) / (v.std(1, keepdims=True) + 1e-6), dtype=torch.float32, device=dev
            )
        opt = torch.optim.Adam(self.net.parameters(), lr=p.lr, weight_decay=p.weight_decay)
        self.net.train()
        self.history = []
        for _ in range(p.epochs):
            loss = torch.zeros((), device=dev)
            if use_link:
                mp = rng.random(pos.shape[1]) < p.mp_fraction
                if mp.all() or not mp.any():
                    mp[rng.integers(pos.shape[1])] ^= True
                z = self.net.encode(x, self._graph(pos[:, mp]))
                sup = pos[:, ~mp]
                na, nb = self._negatives(sup, neg_pool, n_tf, n_tg, rng)
                a = torch.as_tensor(np.r_[sup[0], na], device=dev)
                b = torch.as_tensor(np.r_[sup[1], nb], device=dev)
                y = torch.cat([torch.ones(sup.shape[1]), torch.zeros(len(na))]).to(dev)
                balance = torch.tensor(len(na) / sup.shape[1], device=dev)
                loss = loss + p.link_weight * nn.functional.binary_cross_entropy_with_logits(
                    self.net.link(z, a, b), y, pos_weight=balance
                )
            else:
                z = self.net.encode(x, full_graph)
            if use_ko:
                loss = loss + p.ko_weight * ((self.net.knockout(z, control, ko_x) - ko_y) ** 2).mean()
            if use_expr:
                rec = z[torch.as_tensor(self.target_node, device=dev)] @ self.net.samples.T
                loss = loss + p.expr_weight * ((rec - ex_y) ** 2).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            self.history.append(float(loss.detach()))
        self._embed()
        return self

    # ---------------------------------------------------------------- internals
    def _negatives(
        self, sup: np.ndarray, pool: np.ndarray | None, n_tf: int, n_tg: int, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """Negative gene pairs for one epoch's supervision edges: ``given`` (the harness's training negatives,
        else uniform TF x target pairs: mostly TFs and targets with few edges), ``corrupt`` (each positive
        with its target replaced at random: the same TF's contrast that TF-matched evaluation asks for), or
        ``both``. A sampled pair may be an unseen positive; at these densities that is rare."""
        n, parts = sup.shape[1], []
        if self.params.link_negatives in ("given", "both"):
            if pool is not None:
                neg = pool[rng.integers(0, len(pool), n)]
                parts.append((self.tf_node[neg[:, 0]], self.target_node[neg[:, 1]]))
            else:
                parts.append((self.tf_node[rng.integers(0, n_tf, n)], self.target_node[rng.integers(0, n_tg, n)]))
        if self.params.link_negatives in ("corrupt", "both"):
            parts.append((sup[0], self.target_node[rng.integers(0, n_tg, n)]))
        return np.concatenate([a for a, _ in parts]), np.concatenate([b for _, b in parts])

    def _graph(self, edges: np.ndarray) -> torch.Tensor:
        """Both directions of the given gene->gene edges (a reciprocal pair once), on the model's device."""
        both = np.unique(np.hstack([edges, edges[::-1]]), axis=1)
        return torch.as_tensor(both, dtype=torch.long, device=self.device)

    def _multi_hot(self, genes: np.ndarray) -> np.ndarray:
        genes = np.asarray(genes, dtype=np.int64).reshape(len(genes), -1)
        out = np.zeros((len(genes), self.n_genes), dtype=np.float32)
        rows, cols = np.nonzero(genes >= 0)
        out[rows, genes[rows, cols]] = 1.0
        return out

    @torch.no_grad()
    def _embed(self) -> None:
        """Embeddings of every gene with all training edges passing messages (dropout off): what scoring uses."""
        self.net.eval()
        self.z = self.net.encode(torch.as_tensor(self.x, device=self.device), self._graph(self.edge_index))

    def state(self) -> dict:
        st = super().state()
        st.update({f"net.{k}": v for k, v in self.net.state_dict().items()})
        return st

    def load_state(self, state: dict) -> None:
        net = {k[4:]: v for k, v in state.items() if k.startswith("net.")}
        super().load_state({k: v for k, v in state.items() if not k.startswith("net.")})
        self.net = Net(self.x.shape[1], self.params, self.n_genes, self.n_samples).to(self.device)
        self.net.load_state_dict(net)
        self._embed()

    # ---------------------------------------------------------------- tasks
    @torch.no_grad()
    def score(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        a = torch.as_tensor(self.tf_node[pairs[:, 0]], device=self.device)
        b = torch.as_tensor(self.target_node[pairs[:, 1]], device=self.device)
        return self.net.link(self.z, a, b).cpu().numpy().astype(np.float64)

    @torch.no_grad()
    def score_matrix(self, tf_rows: np.ndarray, n_target: int) -> np.ndarray:
        s = self.net.src(self.z[torch.as_tensor(self.tf_node[np.asarray(tf_rows, dtype=np.int64)], device=self.device)])
        t = self.net.dst(self.z[torch.as_tensor(self.target_node[:n_target], device=self.device)])
        return (s @ t.T).cpu().numpy().astype(np.float64)

    def predict_effects(self, perturbed: np.ndarray) -> np.ndarray:
        return self.predict_combinations(np.asarray(perturbed, dtype=np.int64)[:, None])

    @torch.no_grad()
    def predict_combinations(self, genes: np.ndarray) -> np.ndarray:
        """Change from control when the genes of each row are knocked out together (-1 pads)."""
        if not self.n_genes:
            raise InputError("mtlgrn was trained without knockouts: it cannot predict knockout effects")
        ko = torch.as_tensor(self._multi_hot(genes), device=self.device)
        control = torch.as_tensor(self.control[None], device=self.device)
        out = self.net.knockout(self.z, control, ko).cpu().numpy().astype(np.float64) * self.ko_scale
        return out

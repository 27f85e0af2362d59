"""ENS: meta-path (TF-Target-Disease-Target-TF) skip-gram embeddings, scored by the trained objective.

1. Walks follow TF -> Target -> Disease -> Target -> TF on the *training* snapshot only (held-out pairs
   are not in it, so no walk crosses one), ``walks_per_node`` from every TF. A walker at a node with no
   neighbour of the next type steps to the cold-start node (``cold_start``, embedding initialised to all
   ones; from it the walk goes on at a uniform node of the next type) or stops (``pad``, never a node).
   Without the cold-start node most HGETGI walks die within a few periods (17% of targets have no
   disease, TFs lose all their edges in a fold) and the inner-validation AUROC drops from 0.865 to 0.795.
2. Skip-gram with negative sampling (``tfkg.models.ens.skipgram``) learns ``U`` (centre) and ``V``
   (context) tables from every (centre, context) pair within ``window`` positions. By default only TF
   and target tokens form pairs (``embed_types``); disease tokens still take their positions in the
   walks, so they shape which TFs and targets co-occur. Negative pairs are drawn with centres and
   contexts uniform within their node type (``center_power = neg_power = 0``): the optimum logit is
   then log(co-occurrence) + const, which keeps how *often* a TF and a target meet. word2vec's
   choice (1 and 0.75) gives a PMI, which discards node popularity and ranked HGETGI pairs worse
   than chance-corrected degree (inner-validation AUROC ~0.72-0.75).
3. The score of (z, t) is the SGNS logit ``U[z]·V[t]``, fine-tuned with binary cross-entropy on the
   training positives against the training negatives (enhanced or random; random unobserved pairs
   when none are given), an L2 pull keeping the embeddings near the skip-gram solution. ``score``
   evaluates exactly the function that was trained: no separate classifier, no untrained head.

Defaults are the paper's (450 walks x 130 tokens per TF, dim 450); the other settings were fixed on a
validation split of the first training fold (20 % of its positives held out), never on test folds.
The ``demo`` preset (20 x 40, dim 128) trains in about 10 s on two CPU cores.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import torch
import torch.nn.functional as F

from tfkg.data.negatives import random_unobserved
from tfkg.data.snapshot import REG, Snapshot
from tfkg.models.base import LinkPredictor, ParamError
from tfkg.models.ens.skipgram import SGNSConfig, cooccurrence, train_sgns_counts
from tfkg.models.ens.walks import ZTDTZ, MetaPathWalker


@dataclass(frozen=True)
class ENSParams:
    """ens parameters.

    walks_per_node: meta-path walks started from every node of start_types, >= 1
    walk_length: tokens per walk, >= 1
    dim: width of the skip-gram embeddings (U and V), >= 1
    window: skip-gram context positions on each side of a token, >= 1
    negatives: SGNS negative pairs per positive (co-occurring) pair
    sgns_steps: full-batch Adam steps of the aggregated skip-gram (SGNS) objective, >= 1
    lr: Adam learning rate of the skip-gram training
    typed_negatives: draw each negative context from the node type of the true context (metapath2vec++);
        False: from every embedded node
    neg_power: negative contexts are drawn with probability ~ count^neg_power (0 = uniform; word2vec: 0.75)
    center_power: centres of negative pairs ~ count^center_power (0 = uniform; 1 = word2vec's k negatives per
        positive pair)
    embed_types: node types ("tf", "target", "disease") whose tokens form skip-gram pairs
    start_types: node types ("tf", "target", "disease") at every node of which walks start
    cold_start: a walker with no neighbour of the next type steps to a cold-start node (embedding all ones)
        and goes on from a uniform node; False: the walk stops there
    finetune_epochs: full-batch Adam steps of the BCE fine-tune on training positives and negatives
        (0 = the pure SGNS logit)
    finetune_lr: Adam learning rate of the fine-tune
    finetune_l2: weight of the L2 pull of the fine-tuned embeddings towards the SGNS embeddings
    neg_ratio: random unobserved training negatives per positive for the fine-tune when none are given
    max_neg_ratio: at most this many given training negatives per positive are used (a seeded subset)
    threads: torch CPU threads while fitting (None = leave as is)
    """

    walks_per_node: int = 450
    walk_length: int = 130
    dim: int = 450
    window: int = 5  # skip-gram context on each side
    negatives: int = 5  # SGNS negatives per positive pair
    sgns_steps: int = 150  # full-batch Adam steps of the aggregated SGNS
    lr: float = 0.05
    typed_negatives: bool = True
    neg_power: float = 0.0  # negative contexts ~ count^p (word2vec: 0.75)
    center_power: float = 0.0  # negative centres ~ count^p (word2vec: 1, i.e. k per positive pair)
    embed_types: tuple[str, ...] = ("tf", "target")  # node types whose tokens form skip-gram pairs
    start_types: tuple[str, ...] = ("tf",)  # walks start at every node of these types
    cold_start: bool = True
    finetune_epochs: int = 100  # full-batch Adam steps of the BCE fine-tune (0: pure SGNS logit)
    finetune_lr: float = 0.01
    finetune_l2: float = 1e-3  # pull towards the SGNS embeddings
    neg_ratio: int = 5  # random training negatives per positive when none are given
    max_neg_ratio: int = 20  # at most this many given negatives per positive (a seeded subset)
    threads: int | None = None  # torch CPU threads (None: leave as is)

    def check(self) -> None:
        for k in ("walks_per_node", "walk_length", "dim", "window", "sgns_steps"):
            if getattr(self, k) < 1:
                raise ParamError(f"ens: {k} must be >= 1")
        bad = set(self.embed_types + self.start_types) - {"tf", "target", "disease"}
        if bad:
            raise ParamError(f"ens: unknown node type(s) {sorted(bad)}")


class ENS(LinkPredictor):
    """Enhanced Negative Sampling with meta-path embeddings for TF-target prediction.

    Reproduces the ENS method on HGETGI's TF/target/disease graph: metapath2vec-style walks on
    TF-Target-Disease-Target-TF, skip-gram embeddings, and negatives without a TF-disease-disease-target
    path ("enhanced negatives"). Scores are the trained logit ``U[z]·V[t]``.
    """

    name: ClassVar[str] = "ens"
    citation: ClassVar[str] = (
        "Enhanced negative sampling and meta-path embeddings for TF-target gene prediction on the HGETGI "
        "heterogeneous graph (TRRUST v2 + DisGeNET); walks after Dong, Chawla & Swami, metapath2vec, KDD 2017, "
        "doi:10.1145/3097983.3098036; SGNS objective after Levy & Goldberg, NeurIPS 2014"
    )
    Params = ENSParams
    PRESETS: ClassVar[dict] = {
        "paper": {"walks_per_node": 450, "walk_length": 130, "dim": 450},
        # trains in seconds on two CPU cores (tfkg demo)
        "demo": {"walks_per_node": 20, "walk_length": 40, "dim": 128},
    }

    # ------------------------------------------------------------------ training
    def fit(self, snapshot: Snapshot, train_negatives: np.ndarray | None = None, seed: int = 0) -> "ENS":
        p = self.params
        if p.threads:
            torch.set_num_threads(p.threads)
        dev = torch.device(self.device)
        t0 = time.perf_counter()
        walker = MetaPathWalker.from_snapshot(snapshot, ZTDTZ, cold_start=p.cold_start, device=dev)
        walks = walker.generate(p.walks_per_node, p.walk_length, seed=seed, start_types=tuple(p.start_types), time_major=True)
        t1 = time.perf_counter()
        cfg = SGNSConfig(
            dim=p.dim,
            window=p.window,
            negatives=p.negatives,
            lr=p.lr,
            typed_negatives=p.typed_negatives,
            steps=p.sgns_steps,
            power=p.neg_power,
            center_power=p.center_power,
        )
        n_tf, n_tg = snapshot.num_nodes("tf"), snapshot.num_nodes("target")
        # embedded nodes: the embed_types (tf and target first, in this order) and the cold-start node
        types = ["tf", "target"] + [t for t in p.embed_types if t not in ("tf", "target")]
        parts = [walker.to_global(t, torch.arange(walker.num_nodes_by_type[t])) for t in types]
        if p.cold_start:
            parts.append(torch.tensor([walker.cold], device=dev))
        keep = torch.cat(parts)
        C = cooccurrence(walks, walker.num_nodes, walker.pad, p.window, keep)
        del walks
        ones = [keep.numel() - 1] if p.cold_start else None
        sg = train_sgns_counts(C, cfg, walker.type_id.index_select(0, keep), seed=seed, ones_rows=ones)
        off_tf, off_tg = 0, n_tf
        t2 = time.perf_counter()
        self.Z = sg.U.detach()[off_tf : off_tf + n_tf].clone()
        self.T = sg.V.detach()[off_tg : off_tg + n_tg].clone()
        pos = snapshot.edges[REG].T
        if p.finetune_epochs > 0 and len(pos):
            neg = (
                train_negatives if train_negatives is not None else random_unobserved(snapshot, p.neg_ratio * len(pos), seed + 7)
            )
            self._finetune(pos, np.asarray(neg, dtype=np.int64).reshape(-1, 2), seed)
        self.timings = {
            "walks_s": t1 - t0,
            "sgns_s": t2 - t1,
            "finetune_s": time.perf_counter() - t2,
            "tokens": float(p.walks_per_node * p.walk_length * sum(snapshot.num_nodes(t) for t in p.start_types)),
        }
        return self

    def _finetune(self, pos: np.ndarray, neg: np.ndarray, seed: int) -> None:
        p = self.params
        cap = int(p.max_neg_ratio * len(pos))
        if len(neg) > cap:  # e.g. the ~580k enhanced negatives of HGETGI: a seeded subset
            neg = neg[np.random.default_rng(seed + 11).choice(len(neg), cap, replace=False)]
        z0, t0 = self.Z.clone(), self.T.clone()
        Z, T = torch.nn.Parameter(self.Z.clone()), torch.nn.Parameter(self.T.clone())
        pairs = torch.from_numpy(np.concatenate([pos, neg])).to(Z.device)
        y = torch.cat([torch.ones(len(pos)), torch.zeros(len(neg))]).to(Z.device)
        # balance the two classes whatever the negative ratio
        w = torch.where(y > 0, 0.5 / max(len(pos), 1), 0.5 / max(len(neg), 1))
        opt = torch.optim.Adam([Z, T], lr=p.finetune_lr)
        lam = p.finetune_l2
        for _ in range(p.finetune_epochs):
            logit = (Z.index_select(0, pairs[:, 0]) * T.index_select(0, pairs[:, 1])).sum(-1)
            loss = (F.binary_cross_entropy_with_logits(logit, y, reduction="none") * w).sum()
            if lam:
                loss = loss + lam * (((Z - z0) ** 2).sum() + ((T - t0) ** 2).sum())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        self.Z, self.T = Z.detach(), T.detach()

    # ------------------------------------------------------------------ scoring
    def logits(self, pairs: np.ndarray) -> torch.Tensor:
        idx = torch.as_tensor(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), device=self.Z.device)
        return (self.Z.index_select(0, idx[:, 0]) * self.T.index_select(0, idx[:, 1])).sum(-1)

    def score(self, pairs: np.ndarray) -> np.ndarray:
        """The trained logit U[z]·V[t] (the function the fine-tune optimised), one per pair."""
        out = []
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        for s in range(0, len(pairs), 1 << 20):
            out.append(self.logits(pairs[s : s + (1 << 20)]).cpu().numpy())
        return np.concatenate(out) if out else np.zeros(0)

    def score_matrix(self, tf_rows: np.ndarray, n_target: int) -> np.ndarray:
        """The logits of the given TFs against every target at once (same function as ``score``)."""
        rows = torch.as_tensor(np.asarray(tf_rows, dtype=np.int64), device=self.Z.device)
        return (self.Z.index_select(0, rows) @ self.T[:n_target].T).cpu().numpy()

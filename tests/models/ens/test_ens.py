"""ENS: skip-gram on meta-path walks, scored by the trained logit; write-back of its predictions."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from sklearn.metrics import roc_auc_score

from tfkg import models
from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Snapshot
from tfkg.models.base import ParamError
from tfkg.models.ens import ENS
from tfkg.models.ens.skipgram import SGNSConfig, cooccurrence, train_sgns, train_sgns_counts
from tfkg.models.ens.walks import MetaPathWalker

FAST = {"walks_per_node": 30, "walk_length": 24, "dim": 16, "sgns_steps": 60, "finetune_epochs": 30}


def planted(seed=0, n_blocks=3, tf_per=6, tg_per=12, dis_per=5, p_in=0.45, p_out=0.01):
    """Block structure: TFs regulate, and genes share diseases, mostly within their block."""
    rng = np.random.default_rng(seed)
    n_tf, n_tg, n_dis = n_blocks * tf_per, n_blocks * tg_per, n_blocks * dis_per
    btf, btg, bdis = np.arange(n_tf) // tf_per, np.arange(n_tg) // tg_per, np.arange(n_dis) // dis_per
    reg = rng.random((n_tf, n_tg)) < np.where(btf[:, None] == btg[None, :], p_in, p_out)
    zd = rng.random((n_tf, n_dis)) < np.where(btf[:, None] == bdis[None, :], 0.4, 0.01)
    td = rng.random((n_tg, n_dis)) < np.where(btg[:, None] == bdis[None, :], 0.4, 0.01)
    nodes = {
        "disease": [f"C{i:07d}" for i in range(n_dis)],
        "target": [f"T{i}" for i in range(n_tg)],
        "tf": [f"Z{i}" for i in range(n_tf)],
    }
    ed = lambda m: np.argwhere(m).T.astype(np.int64).copy()  # noqa: E731
    return Snapshot("planted", nodes, {REG: ed(reg), TF_DIS: ed(zd), TG_DIS: ed(td)})


def held_out_split(s: Snapshot, frac=0.2, seed=0):
    reg = s.edges[REG]
    held = np.random.default_rng(seed).random(reg.shape[1]) < frac
    train = Snapshot(s.dataset, s.nodes, {**s.edges, REG: reg[:, ~held].copy()})
    return train, reg[:, held].T, reg.T


def auroc_on(model, s: Snapshot, held: np.ndarray, allpos: np.ndarray) -> float:
    n_tf, n_tg = s.num_nodes("tf"), s.num_nodes("target")
    known = np.zeros((n_tf, n_tg), bool)
    known[allpos[:, 0], allpos[:, 1]] = True
    neg = np.argwhere(~known)
    pairs = np.concatenate([held, neg])
    y = np.r_[np.ones(len(held)), np.zeros(len(neg))]
    return roc_auc_score(y, model.score(pairs))


def test_defaults_are_the_papers_and_presets_override_them():
    m = models.create("ens", preset="demo")
    assert m.params.walks_per_node == 20 and m.params.dim == 128
    paper = ENS().params
    assert (paper.walks_per_node, paper.walk_length, paper.dim) == (450, 130, 450)
    with pytest.raises(ParamError, match="unknown node type"):
        ENS(embed_types=["tf", "gene"])


def test_ens_beats_random_and_degree_on_a_planted_graph():
    s = planted()
    train, held, allpos = held_out_split(s)
    m = ENS(**FAST).fit(train, seed=0)
    rnd = models.create("random").fit(train, seed=0)
    a_ens, a_rnd = auroc_on(m, s, held, allpos), auroc_on(rnd, s, held, allpos)
    a_deg = auroc_on(models.create("degree").fit(train), s, held, allpos)
    assert a_ens > 0.75 and a_ens > a_rnd + 0.2 and a_ens > a_deg + 0.2, (a_ens, a_rnd, a_deg)


def test_score_is_the_trained_logit_and_fit_is_deterministic():
    s = planted(seed=1)
    train, held, allpos = held_out_split(s)
    neg = np.argwhere(np.ones((s.num_nodes("tf"), s.num_nodes("target")), bool))[::7]
    m = ENS(**FAST).fit(train, neg, seed=3)
    pairs = np.concatenate([held, neg[:50]])
    z, t = m.Z[pairs[:, 0]], m.T[pairs[:, 1]]
    assert np.allclose(m.score(pairs), (z * t).sum(-1).numpy(), atol=1e-5)
    full = m.score_matrix(np.arange(s.num_nodes("tf")), s.num_nodes("target"))
    assert np.allclose(full[pairs[:, 0], pairs[:, 1]], m.score(pairs), atol=1e-4)
    m2 = ENS(**FAST).fit(train, neg, seed=3)
    assert np.array_equal(m.score(pairs), m2.score(pairs))
    # the fine-tune optimised exactly this function: training positives now score above the negatives
    assert m.score(train.positives).mean() > m.score(neg).mean()


def test_cold_start_node_starts_all_ones_and_keeps_isolated_nodes_in_walks():
    s = planted(seed=2)
    reg = s.edges[REG]
    s2 = Snapshot(s.dataset, s.nodes, {**s.edges, REG: reg[:, reg[0] != 0].copy()})  # TF 0 loses all its edges
    w = MetaPathWalker.from_snapshot(s2, cold_start=True)
    walks = w.generate(10, 12, seed=0, time_major=True)
    keep = torch.cat(
        [
            w.to_global("tf", torch.arange(s.num_nodes("tf"))),
            w.to_global("target", torch.arange(s.num_nodes("target"))),
            torch.tensor([w.cold]),
        ]
    )
    C = cooccurrence(walks, w.num_nodes, w.pad, 3, keep)
    assert C[0].sum() > 0  # TF 0 still has contexts (through the cold node)
    sg = train_sgns_counts(C, SGNSConfig(dim=8, steps=0), w.type_id[keep], ones_rows=[keep.numel() - 1])
    assert torch.equal(sg.U[-1].detach(), torch.ones(8)) and torch.equal(sg.V[-1].detach(), torch.ones(8))


def test_sgns_learns_cooccurrence():
    """SGNS gives co-occurring pairs higher logits than pairs that never co-occur."""
    s = planted(seed=4)
    w = MetaPathWalker.from_snapshot(s, cold_start=False)
    walks = w.generate(40, 16, seed=0, start_types=("tf", "target", "disease"), time_major=True)
    C = cooccurrence(walks, w.num_nodes, w.pad, 2)
    sg = train_sgns(walks, w.num_nodes, w.pad, SGNSConfig(dim=16, window=2, steps=80, lr=0.05), w.type_id, seed=0)
    with torch.no_grad():
        S = sg.U @ sg.V.T
    assert S[C > 5].mean() > S[C == 0].mean() + 1.0

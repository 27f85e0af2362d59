"""Meta-path walk engine: types and real edges at every step, held-out edges never walked, dead ends,
cold start, seeds, pair masking. (The Neo4j tests on the tiny HGETGI graph are in tests/graph/test_export.py.)"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Snapshot
from tfkg.models.ens.skipgram import context_pairs, cooccurrence
from tfkg.models.ens.walks import ZTDTZ, MetaPathWalker

CYCLE = ZTDTZ  # tf, target, disease, target


def random_snapshot(n_tf=12, n_tg=20, n_dis=15, p_reg=0.2, p_td=0.15, p_zd=0.15, seed=0) -> Snapshot:
    rng = np.random.default_rng(seed)

    def edges(n_a, n_b, p):
        m = rng.random((n_a, n_b)) < p
        return np.argwhere(m).T.astype(np.int64).copy()

    nodes = {
        "disease": [f"C{i:07d}" for i in range(n_dis)],
        "target": [f"TG{i}" for i in range(n_tg)],
        "tf": [f"TF{i}" for i in range(n_tf)],
    }
    reg = edges(n_tf, n_tg, p_reg)
    reg = reg[:, reg[0] != 0]  # TF0 has no target: a dead end at the first step
    td = edges(n_tg, n_dis, p_td)
    td = td[:, td[0] != 1]  # target 1 has no disease
    return Snapshot("toy", nodes, {REG: reg, TF_DIS: edges(n_tf, n_dis, p_zd), TG_DIS: td})


def allowed_moves(s: Snapshot, w: MetaPathWalker) -> set[tuple[int, int]]:
    """(global a, global b) for every edge a walker may cross, from the snapshot itself."""
    o = w.offsets
    out = set()
    for a, b in s.edges[REG].T:
        out |= {(o["tf"] + a, o["target"] + b), (o["target"] + b, o["tf"] + a)}
    for a, b in s.edges[TG_DIS].T:
        out |= {(o["target"] + a, o["disease"] + b), (o["disease"] + b, o["target"] + a)}
    return out


def node_type(w: MetaPathWalker, g: int) -> str:
    for t in w.types:
        if w.offsets[t] <= g < w.offsets[t] + w.num_nodes_by_type[t]:
            return t
    raise AssertionError(g)


def check_walks(s: Snapshot, w: MetaPathWalker, walks: torch.Tensor, phases: np.ndarray) -> None:
    moves = allowed_moves(s, w)
    arr = walks.cpu().numpy()
    assert arr.min() >= 0 and arr.max() <= w.pad
    for row, ph in zip(arr, phases):
        for i in range(1, len(row)):
            a, b = int(row[i - 1]), int(row[i])
            if a == w.pad:
                assert b == w.pad, "a stopped walk must stay stopped"
                continue
            if b == w.pad:
                assert not w.cold_start
                # a real dead end: no neighbour of the next type
                src_t = CYCLE[(ph + i - 1) % 4]
                assert node_type(w, a) == src_t
                assert not any(m[0] == a and node_type(w, m[1]) == CYCLE[(ph + i) % 4] for m in moves)
                continue
            want = CYCLE[(ph + i) % 4]
            if b == w.cold:
                assert not any(m[0] == a and node_type(w, m[1]) == want for m in moves), "cold only at dead ends"
                continue
            assert node_type(w, b) == want, f"step {i}: {b} is not a {want}"
            if a == w.cold:
                continue
            assert (a, b) in moves, f"step {i}: ({a}, {b}) is not an edge"


@pytest.mark.parametrize("cold", [False, True])
def test_every_step_follows_the_metapath_and_real_edges(cold):
    s = random_snapshot()
    w = MetaPathWalker.from_snapshot(s, cold_start=cold)
    groups = w.start_nodes(("tf", "target", "disease"))
    for start, phase in groups:
        walks = w.walk(start, 17, phase, walks_per_node=6, seed=3)
        assert walks.shape == (start.numel() * 6, 17)
        assert torch.equal(walks[:, 0], start.repeat(6))
        check_walks(s, w, walks, np.full(len(walks), phase))


def test_pad_is_never_a_node_and_dead_ends_stop():
    s = random_snapshot()
    w = MetaPathWalker.from_snapshot(s, cold_start=False)
    assert w.pad == w.num_nodes == sum(len(v) for v in s.nodes.values())
    walks = w.walk(w.to_global("tf", [0]), 9, 0, walks_per_node=4, seed=0)  # TF0 has no target
    assert (walks[:, 1:] == w.pad).all()
    t1 = w.to_global("target", [1])  # target 1 has no disease
    walks = w.walk(t1, 5, 1, walks_per_node=3, seed=0)
    assert (walks[:, 1:] == w.pad).all()
    # pairs never contain pad, and the co-occurrence matrix counts exactly the kept pairs
    walks = w.generate(5, 13, seed=1, start_types=("tf", "target", "disease"), time_major=True)
    assert (walks == w.pad).any()
    c, x = context_pairs(walks, 3, w.pad)
    assert c.numel() and (c != w.pad).all() and (x != w.pad).all()
    C = cooccurrence(walks, w.num_nodes, w.pad, 3)
    assert C.shape == (w.num_nodes, w.num_nodes)
    assert int(C.sum()) == c.numel()
    assert torch.equal(C, C.t())


def test_cold_start_replaces_dead_ends():
    s = random_snapshot()
    w = MetaPathWalker.from_snapshot(s, cold_start=True)
    assert w.cold == w.num_nodes - 1 and w.pad == w.num_nodes
    walks = w.walk(w.to_global("tf", [0]), 9, 0, walks_per_node=50, seed=0)
    assert (walks[:, 1] == w.cold).all()  # TF0 -> cold-start node (in place of a target)
    nxt = walks[:, 2]  # -> a uniform disease, the next meta-path type
    assert ((nxt >= w.offsets["disease"]) & (nxt < w.offsets["disease"] + len(s.nodes["disease"]))).all()
    assert nxt.unique().numel() > 5
    assert not (walks == w.pad).any()


def test_held_out_edges_are_never_walked():
    s = random_snapshot(p_reg=0.35, seed=4)
    reg = s.edges[REG]
    rng = np.random.default_rng(0)
    held = rng.random(reg.shape[1]) < 0.3
    train = Snapshot(s.dataset, s.nodes, {**s.edges, REG: reg[:, ~held].copy()})
    for cold in (False, True):
        w = MetaPathWalker.from_snapshot(train, cold_start=cold)
        walks = w.generate(30, 21, seed=5, start_types=("tf", "target", "disease"))
        a, b = walks[:, :-1].reshape(-1).numpy(), walks[:, 1:].reshape(-1).numpy()
        steps = set(zip(a.tolist(), b.tolist()))
        for z, t in reg[:, held].T:
            gz, gt = w.offsets["tf"] + z, w.offsets["target"] + t
            assert (gz, gt) not in steps and (gt, gz) not in steps
        assert w.edge_set() == allowed_moves(train, w)


def test_seeds_reproduce():
    s = random_snapshot()
    w = MetaPathWalker.from_snapshot(s, cold_start=True)
    a = w.generate(7, 30, seed=11)
    b = w.generate(7, 30, seed=11)
    c = w.generate(7, 30, seed=12)
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_neighbour_choice_is_uniform():
    # one TF with 4 targets: each should be picked ~1/4 of the time
    nodes = {"disease": ["C0000001"], "target": [f"T{i}" for i in range(4)], "tf": ["Z"]}
    s = Snapshot(
        "u",
        nodes,
        {
            REG: np.array([[0, 0, 0, 0], [0, 1, 2, 3]]),
            TF_DIS: np.zeros((2, 0), np.int64),
            TG_DIS: np.array([[0, 1, 2, 3], [0, 0, 0, 0]]),
        },
    )
    w = MetaPathWalker.from_snapshot(s)
    walks = w.walk(w.to_global("tf", [0]), 2, 0, walks_per_node=40_000, seed=0)
    freq = torch.bincount(walks[:, 1] - w.offsets["target"], minlength=4).double() / 40_000
    assert torch.allclose(freq, torch.full((4,), 0.25, dtype=torch.double), atol=0.01)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_walks_on_cuda_follow_the_metapath():
    s = random_snapshot()
    for cold in (False, True):
        w = MetaPathWalker.from_snapshot(s, cold_start=cold, device="cuda")
        walks = w.generate(5, 15, seed=0, start_types=("tf",))
        assert walks.device.type == "cuda"
        check_walks(s, w, walks.cpu(), np.zeros(len(walks), dtype=int))
        assert torch.equal(walks, w.generate(5, 15, seed=0, start_types=("tf",)))

"""Hetnet features: DWPC equals brute-force path enumeration, and no held-out edge reaches any feature."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.models.cases import planted_snapshot
from tfkg.data.snapshot import REG, TF_DIS, TG_DIS, Prior
from tfkg.models.hetnet import HetnetGBM, dwpc_matrices


def _brute(snap, w=0.4):
    """TdG and TrGrTrG by enumerating node-distinct paths, each weighted by its metaedges' degrees^-w."""
    n_tf, n_tg = snap.num_nodes("tf"), snap.num_nodes("target")
    a = np.zeros((n_tf, n_tg))
    a[tuple(snap.edges[REG])] = 1
    td = np.zeros((n_tf, snap.num_nodes("disease")))
    td[tuple(snap.edges[TF_DIS])] = 1
    gd = np.zeros((n_tg, snap.num_nodes("disease")))
    gd[tuple(snap.edges[TG_DIS])] = 1
    d = lambda x: x**-w if x > 0 else 0.0  # noqa: E731
    tdg = np.zeros((n_tf, n_tg))
    for t, g, s in itertools.product(range(n_tf), range(n_tg), range(td.shape[1])):
        if td[t, s] and gd[g, s]:
            tdg[t, g] += d(td[t].sum()) * d(td[:, s].sum()) * d(gd[:, s].sum()) * d(gd[g].sum())
    trt = np.zeros((n_tf, n_tg))
    for t, g1, t2, g in itertools.product(range(n_tf), range(n_tg), range(n_tf), range(n_tg)):
        if t2 != t and g1 != g and a[t, g1] and a[t2, g1] and a[t2, g]:
            trt[t, g] += (
                (d(a[t].sum()) * d(a[:, g1].sum())) * (d(a[:, g1].sum()) * d(a[t2].sum())) * (d(a[t2].sum()) * d(a[:, g].sum()))
            )
    return tdg, trt


def test_dwpc_matches_path_enumeration():
    snap = planted_snapshot(n_tf=5, n_gene=9, n_dis=4)
    m = dict(dwpc_matrices(snap, ("disease", "network")))
    tdg, trt = _brute(snap)
    # atol: TrGrTrG's node-distinct correction subtracts O(1) terms, so its zeros come out as rounding residue
    # (~1e-16, summation-order dependent); the smallest real path weight here is ~0.2
    np.testing.assert_allclose(m["TdG"], tdg, atol=1e-9)
    np.testing.assert_allclose(m["TrGrTrG"], trt, atol=1e-9)


def test_go_and_ppi_metapaths_match_path_enumeration():
    """TgG, TrGgG, TiG, TiTrG, TrGiG against node-distinct path enumeration on random GO terms and interactions."""
    snap = planted_snapshot(n_tf=5, n_gene=9, n_dis=4)
    rng = np.random.default_rng(1)
    n_tf, n_tg, n_go, w = 5, 9, 6, 0.4
    go = (rng.random((n_tg, n_go)) < 0.4).astype(float)
    ppi = np.triu(rng.random((n_tg, n_tg)) < 0.35, 1).astype(float)
    snap.links["go:BP"] = Prior(
        np.argwhere(go).T.astype(np.int64), np.ones(int(go.sum()), np.float32), np.zeros(int(go.sum()), np.int8)
    )
    snap.links["ppi:PathwayCommons"] = Prior(
        np.argwhere(ppi).T.astype(np.int64), np.ones(int(ppi.sum()), np.float32), np.zeros(int(ppi.sum()), np.int8)
    )
    ppi = ppi + ppi.T
    m = dict(dwpc_matrices(snap, ("go", "ppi")))
    a = np.zeros((n_tf, n_tg))
    a[tuple(snap.edges[REG])] = 1
    d = lambda x: x**-w if x > 0 else 0.0  # noqa: E731
    tg = np.zeros((n_tf, n_tg))
    tgg = np.zeros((n_tf, n_tg))
    tig = np.zeros((n_tf, n_tg))
    titrg = np.zeros((n_tf, n_tg))
    trgig = np.zeros((n_tf, n_tg))
    tt = ppi[:n_tf, :n_tf]  # the planted TFs are genes 0..n_tf-1
    for t, g in itertools.product(range(n_tf), range(n_tg)):
        tig[t, g] = ppi[t, g]
        for s in range(n_go):  # T - term - G (T's own annotations: T is gene t)
            if go[t, s] and go[g, s]:
                tg[t, g] += d(go[t].sum()) * d(go[:, s].sum()) * d(go[:, s].sum()) * d(go[g].sum())
        for g1, s in itertools.product(range(n_tg), range(n_go)):  # T -> G' - term - G, G' != G
            if g1 != g and a[t, g1] and go[g1, s] and go[g, s]:
                tgg[t, g] += (
                    (d(a[t].sum()) * d(a[:, g1].sum()))
                    * (d(go[g1].sum()) * d(go[:, s].sum()))
                    * (d(go[:, s].sum()) * d(go[g].sum()))
                )
            if s == 0 and g1 != g and a[t, g1] and ppi[g1, g]:  # T -> G' - G
                trgig[t, g] += d(a[t].sum()) * d(a[:, g1].sum()) * d(ppi[g1].sum()) * d(ppi[:, g].sum())
        for t2 in range(n_tf):  # T - T' -> G
            if t2 != t and tt[t, t2] and a[t2, g]:
                titrg[t, g] += d(tt[t].sum()) * d(tt[:, t2].sum()) * d(a[t2].sum()) * d(a[:, g].sum())
    for name, want in (("TgG", tg), ("TrGgG", tgg), ("TiG", tig), ("TiTrG", titrg), ("TrGiG", trgig)):
        np.testing.assert_allclose(m[name], want, atol=1e-9, err_msg=name)


@pytest.mark.neo4j
def test_a_held_out_edge_whose_only_evidence_is_itself_scores_like_a_non_edge(template_graph):
    """PLANTX's only evidence is the edge TFX0 -> PLANTX and its mouse ortholog Tfx0 -> Plantx (TRRUST mouse);
    PLANTY has nothing. Held out, the pair must score exactly like TFX0 -> PLANTY."""
    from tfkg.graph.export import export_snapshot

    g = template_graph
    g.cypher("""MATCH (ds:Dataset {key: 'hgetgi'})
                MATCH (t:Gene {symbol: 'TFX0', species: 'human'})
                WITH ds, t, COUNT { (ds)-[:INCLUDES {role: 'target'}]->() } AS n
                UNWIND [0, 1] AS i
                MERGE (x:Gene {symbol: ['PLANTX', 'PLANTY'][i], species: 'human'})
                MERGE (ds)-[:INCLUDES {role: 'target', index: n + i}]->(x)
                WITH t, x WHERE x.symbol = 'PLANTX'
                MERGE (t)-[:REGULATES {source: 'HGETGI'}]->(x)
                MERGE (mt:Gene {symbol: 'Tfx0', species: 'mouse'}) SET mt.planted = true
                MERGE (mx:Gene {symbol: 'Plantx', species: 'mouse'}) SET mx.planted = true
                MERGE (mt)-[:REGULATES {source: 'TRRUST'}]->(mx)""")
    # mouse orthologs of half the training edges, so a model learns that an ortholog edge is evidence
    g.cypher("""MATCH (:Dataset {key: 'hgetgi'})-[:INCLUDES {role: 'tf'}]->(t)-[:REGULATES {source: 'HGETGI'}]->(x)
                WHERE x.symbol STARTS WITH 'GENEX' AND toInteger(substring(x.symbol, 5)) % 2 = 0
                MERGE (mt:Gene {symbol: left(t.symbol, 1) + toLower(substring(t.symbol, 1)), species: 'mouse'})
                MERGE (mx:Gene {symbol: left(x.symbol, 1) + toLower(substring(x.symbol, 1)), species: 'mouse'})
                SET mt.planted = true, mx.planted = true
                MERGE (mt)-[:REGULATES {source: 'TRRUST'}]->(mx)""")
    try:
        full = export_snapshot(g, "hgetgi")
        ti, xi, yi = full.index("tf")["TFX0"], full.index("target")["PLANTX"], full.index("target")["PLANTY"]
        ortho = full.links["ortholog:TRRUST-mouse"].edge_index
        assert ((ortho[0] == ti) & (ortho[1] == xi)).any()  # the ortholog pair is there ...
        train = export_snapshot(g, "hgetgi", exclude=["TFX0|PLANTX"])
        assert not (
            (train.links["ortholog:TRRUST-mouse"].edge_index[0] == ti)
            & (train.links["ortholog:TRRUST-mouse"].edge_index[1] == xi)
        ).any()  # ... not when held out
        pairs = np.array([[ti, xi], [ti, yi]])
        s = HetnetGBM(max_iter=50).fit(train, seed=0).score(pairs)
        # the same score up to rounding (the two targets are different feature-matrix columns, so not bitwise);
        # the leak below moves the score by whole tree-leaf values, far above the tolerance
        assert s[0] == pytest.approx(s[1], rel=0, abs=1e-9)
        train.links = full.links  # the leak the export prevents
        leaky = HetnetGBM(max_iter=50).fit(train, seed=0).score(pairs)
        assert leaky[0] != pytest.approx(leaky[1], rel=0, abs=1e-9)  # (so the check above can fail)
    finally:
        g.cypher("MATCH (x:Gene) WHERE (x.symbol IN ['PLANTX', 'PLANTY'] AND x.species = 'human') OR x.planted DETACH DELETE x")


@pytest.mark.neo4j
def test_predictions_carry_their_evidence_in_words(template_graph, tmp_path):
    from tfkg.graph import runs
    from tfkg.predict import predict_top_k

    g = template_graph
    p = predict_top_k(g, "hetnet-lr", top_k=None, per_tf=3, run_id="hetnet-test", save_dir=tmp_path / "m")
    assert "evidence" in p.frame and p.frame["evidence"].map(len).sum() > 0
    said = [e for ev in p.frame["evidence"] for e in ev]
    assert all(e.endswith(")") and "(" in e for e in said)  # "words (MetaPath)"
    tf = p.frame.loc[p.frame["evidence"].map(len) > 0, "tf"].iloc[0]
    rows = g.run("tf_predictions", tf=tf, run_id="hetnet-test")
    assert any(r["evidence"] for r in rows if r["tf_rank"] is not None)
    runs.delete_run(g, "hetnet-test")


def test_cold_tf_rows_look_like_a_new_tf():
    """With cold_tfs, some TFs' training rows are computed without any of their edges: degree 0, no shared-target
    path, exactly what a held-out TF looks like; scoring still uses the full training graph."""
    snap = planted_snapshot()
    warm = HetnetGBM(max_iter=10).fit(snap, seed=0)
    cold = HetnetGBM(max_iter=10, cold_tfs=0.5).fit(snap, seed=0)
    j, k = cold.feature_names.index("deg_T"), cold.feature_names.index("TrGrTrG")
    n_pos = len(snap.positives)
    zero = (cold.train_x[:n_pos, j] == 0) & (cold.train_x[:n_pos, k] == 0)
    assert zero.sum() > 0 and not ((warm.train_x[:n_pos, j] == 0) & (warm.train_x[:n_pos, k] == 0)).all()
    np.testing.assert_array_equal(cold.X, warm.X)  # the features scored are the same


def test_sign_head_learns_a_repressor_and_survives_save(tmp_path):
    """Signed training edges: TF 0 represses all its targets, the others activate. The sign head says so for
    pairs it never saw, leaves each training edge's own sign out of its features, and reloads to the same signs."""
    from tfkg import models
    from tfkg.models.hetnet.sign import SignHead

    snap = planted_snapshot()
    pos = snap.positives
    snap.edge_signs[REG] = np.where(pos[:, 0] == 0, -1, 1).astype(np.int8)
    m = HetnetGBM(max_iter=10).fit(snap, seed=0)
    n_tg = snap.num_nodes("target")
    unseen = np.array(
        [[t, g] for t in range(snap.num_nodes("tf")) for g in range(n_tg) if not ((pos[:, 0] == t) & (pos[:, 1] == g)).any()]
    )
    s = m.signs(unseen)
    # 6 repressing edges are fewer than MIN_SUPPORT: the head never states "represses" (an uncalibrated sign)
    assert (s[unseen[:, 0] == 0] != -1).all() and np.isinf(m.sign_calibration()["sign_repress_threshold"])
    again = models.load(m.save(tmp_path / "m"))
    np.testing.assert_array_equal(again.signs(unseen), s)
    # enough edges: TF 0 represses its targets, TFs 1-3 activate theirs, TF 4 does either at random. The confident
    # signs are right, the coin-flip TF gets none, and the out-of-fold precision of what is stated is recorded.
    rng = np.random.default_rng(0)
    pairs = np.array([[t, g] for t in range(5) for g in range(60)])
    y = np.where(pairs[:, 0] == 0, -1, 1)
    y[pairs[:, 0] == 4] = rng.choice([-1, 1], (pairs[:, 0] == 4).sum())
    head = SignHead().fit(pairs, y, 5, 60)
    said = head.sign(np.array([[t, 59] for t in range(5)]))
    assert said[0] == -1 and (said[1:4] == 1).all() and said[4] == 0, said
    cal = head.calibration
    assert cal["sign_activate_precision"] >= 0.8 and cal["sign_repress_precision"] >= 0.8 and 0 < cal["sign_coverage"] < 1
    # leave-one-out: an edge whose TF has no other signed edge gets the overall share, not its own sign
    head = SignHead().fit(np.array([[0, 0], [1, 1], [1, 2]] * 20), np.array([-1, 1, 1] * 20), 2, 3)
    x = head._x(np.array([[0, 0]]), None, own=np.array([0]))
    assert abs(x[0, 0] - (19 * 0 + 2 * head.p0) / (19 + 2)) < 1e-9
    # no signs: no sign head, predictions stay unsigned
    snap.edge_signs.clear()
    assert HetnetGBM(max_iter=10).fit(snap, seed=0).signs(unseen) is None

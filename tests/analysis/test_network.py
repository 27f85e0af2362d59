"""GDS network analysis on a small planted network: values, modules, enrichment and write-back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tfkg.analysis.network import analyze, benjamini_hochberg, enrichment
from tfkg.graph import runs

pytestmark = pytest.mark.neo4j


def _plant(g, run_id="net-test"):
    """Two TF modules: TA1..TA2 -> A1..A6 and TB1..TB2 -> B1..B6, one weak TF -> TF bridge TA2 -> TB1.
    Module A's targets share the HGNC group 'Alpha' (B's: 'Beta')."""
    genes = (
        [f"TA{i}" for i in (1, 2)] + [f"TB{i}" for i in (1, 2)] + [f"A{i}" for i in range(1, 7)] + [f"B{i}" for i in range(1, 7)]
    )
    g.write_batches(
        "merge_genes",
        pd.DataFrame({"symbol": genes, "species": "human", "tf": [s.startswith("T") for s in genes]}),
        source="test",
    )
    groups = [["Alpha"] if s.startswith("A") else ["Beta"] if s.startswith("B") else [] for s in genes]
    g.write_batches(
        "merge_gene_attributes",
        pd.DataFrame(
            {"symbol": genes, "species": "human", "tf": False, "props": [{"gene_groups": x} if x else {} for x in groups]}
        ),
        source="test",
    )
    edges = [(t, f"{m}{i}", 1.0) for m in "AB" for t in (f"T{m}1", f"T{m}2") for i in range(1, 7)]
    edges.append(("TA2", "TB1", 0.05))
    frame = pd.DataFrame(edges, columns=["tf", "target", "weight"])
    frame["score"] = frame["weight"].abs()
    frame = frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["sign"] = 1
    runs.save_run(g, run_id, "test", "predict", {}, species="human", status="done")
    runs.write_predictions(g, run_id, "test", frame)
    return frame


def _pagerank_reference(frame: pd.DataFrame, d=0.85, iters=20) -> dict[str, float]:
    """GDS's weighted PageRank: PR(v) = (1 - d) + d * sum_u PR(u) w(u,v) / sum_x w(u,x), 20 iterations."""
    nodes = sorted(set(frame.tf) | set(frame.target))
    idx = {n: i for i, n in enumerate(nodes)}
    out = frame.groupby("tf")["score"].sum()
    pr = np.full(len(nodes), 1 - d)
    for _ in range(iters):
        new = np.full(len(nodes), 1 - d)
        for r in frame.itertuples():
            new[idx[r.target]] += d * pr[idx[r.tf]] * r.score / out[r.tf]
        if np.abs(new - pr).max() < 1e-7:
            pr = new
            break
        pr = new
    return dict(zip(nodes, pr))


def test_planted_network(empty_graph, tmp_path):
    g = empty_graph
    frame = _plant(g)
    res = analyze(g, "net-test", top=len(frame), out_dir=tmp_path / "net", min_module=3)
    nodes = res.nodes.set_index("symbol")
    ref = _pagerank_reference(frame)
    assert np.allclose([nodes.loc[s, "pagerank"] for s in ref], list(ref.values()), rtol=1e-3, atol=1e-4)
    # Louvain finds the two planted modules
    mod = nodes["module"]
    assert mod[[f"A{i}" for i in range(1, 7)] + ["TA1", "TA2"]].nunique() == 1
    assert mod[[f"B{i}" for i in range(1, 7)] + ["TB1", "TB2"]].nunique() == 1
    assert mod["A1"] != mod["B2"] and len(res.modules) == 2
    # directed TF -> gene paths pass through a node only via the TF -> TF bridge: TB1 lies on TA2 -> TB1 -> B*
    assert nodes["betweenness"].idxmax() == "TB1" and nodes.loc["TB1", "betweenness"] == pytest.approx(6)
    assert nodes.drop("TB1")["betweenness"].max() == 0
    assert nodes.loc["TA2", "degree"] == pytest.approx(6.05)  # weighted, both directions (undirected)
    # eigenvector centrality flows along TF -> gene edges: genes collect it, a TF nobody regulates has none
    assert nodes["eigenvector"].max() > 0 and nodes.loc["TA1", "eigenvector"] <= nodes["eigenvector"].median()
    # every module is enriched in its own group
    enr = res.enrichment
    top = res.modules.set_index("module")["top_group"]
    assert top[mod["A1"]] == "Alpha" and top[mod["B2"]] == "Beta"
    assert (enr.groupby("module")["padj"].min() < 0.05).all()
    # written back, keyed by the run; a second analysis replaces the first
    stored = g.cypher(
        "MATCH (g:Gene)-[r:IN_MODULE {run_id: 'net-test'}]->(m:Module) RETURN g.symbol AS s, m.module AS module, r.pagerank AS pr"
    )
    assert len(stored) == len(nodes) and {r["s"]: r["module"] for r in stored} == mod.to_dict()
    analyze(g, "net-test", top=len(frame), min_module=3)
    assert g.cypher("MATCH (m:Module {run_id: 'net-test'}) RETURN count(m) AS n")[0]["n"] == 2
    hubs = g.run("module_hubs", run_id="net-test", module=int(mod["A1"]), limit=5)
    assert hubs and all(r["m"]["run_id"] == "net-test" for r in hubs)
    for key in ("report", "weights", "modules", "enrichment"):
        assert res.paths[key].exists()
    assert res.paths["weights"].read_bytes()[:4] == b"\x89PNG"
    # top fraction: only the strongest edges are projected
    small = analyze(g, "net-test", top=0.5, min_module=3)
    assert small.edges == round(0.5 * len(frame)) and "TB1" not in set(small.nodes.symbol)  # the bridge is weakest
    assert g.cypher("CALL gds.graph.list() YIELD graphName RETURN count(*) AS n")[0]["n"] == 0  # projections dropped


def test_enrichment_and_bh_without_a_server():
    modules = pd.Series([0] * 6 + [1] * 6, index=[f"g{i}" for i in range(12)])
    groups = {f"g{i}": (["X"] if i < 5 else ["Y"]) for i in range(12)}
    df = enrichment(modules, groups, min_size=3)
    best = df.iloc[0]
    assert best["module"] == 0 and best["group"] == "X" and best["overlap"] == 5
    from scipy.stats import hypergeom

    assert best["p"] == pytest.approx(hypergeom.sf(4, 12, 5, 6))
    p = np.array([0.01, 0.04, 0.03, 0.2])
    from scipy.stats import false_discovery_control

    assert benjamini_hochberg(p) == pytest.approx(false_discovery_control(p, method="bh"))

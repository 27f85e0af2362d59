"""Network analysis of a run's learned edges, in the database: GDS centralities and Louvain modules,
written back keyed by run, and every module tested for enrichment in HGNC gene groups.

The run's top edges (``top`` as a fraction of its edges, or a count) are projected twice into the GDS
catalog — directed (TF -> gene) for PageRank, betweenness and eigenvector centrality, undirected for
weighted degree and Louvain —
and the projections are dropped afterwards. Results go back as ``(:Module {run_id, module, size, top_group,
top_padj, hubs})`` nodes and ``(:Gene)-[:IN_MODULE {run_id, pagerank, betweenness, degree}]->(:Module)``
edges (and ``eigenvector``), replacing an earlier analysis of the same run. Enrichment: a one-sided hypergeometric test per
(module, gene group) against the network's annotated genes, Benjamini–Hochberg over all tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.errors import NotFoundError
from tfkg.graph.db import Graph

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["NetworkAnalysis", "analyze"]


@dataclass
class NetworkAnalysis:
    run_id: str
    nodes: pd.DataFrame  # symbol, module, pagerank, betweenness, eigenvector, degree
    modules: pd.DataFrame  # module, size, top_group, top_padj, hubs
    enrichment: pd.DataFrame  # module, group, overlap, module_size, group_size, universe, p, padj
    edges: int
    paths: dict[str, Path] = field(default_factory=dict)


def _columns(graph: Graph, query: str, name: str, value: str) -> pd.DataFrame:
    row = graph.columns(query, graph=name)[0]
    return pd.DataFrame({"symbol": row["symbol"], value: row["value"]})


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    n = len(p)
    if not n:
        return p
    order = np.argsort(p)
    adj = p[order] * n / np.arange(1, n + 1)
    adj = np.minimum.accumulate(adj[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adj, 1)
    return out


def enrichment(modules: pd.Series, groups: dict[str, list[str]], min_size: int = 5) -> pd.DataFrame:
    """Hypergeometric enrichment of every module (of >= ``min_size`` genes) in every gene group it touches,
    against the annotated genes of the network; BH-adjusted over all tests."""
    from scipy.stats import hypergeom

    annotated = [s for s in modules.index if groups.get(s)]
    universe = len(annotated)
    rows = []
    if not universe:
        return pd.DataFrame(columns=["module", "group", "overlap", "module_size", "group_size", "universe", "p", "padj"])
    members = pd.DataFrame([(s, g) for s in annotated for g in groups[s]], columns=["symbol", "group"])
    group_size = members.groupby("group")["symbol"].nunique()
    members["module"] = modules.loc[members["symbol"]].to_numpy()
    module_size = modules.loc[annotated].value_counts()
    overlap = members.groupby(["module", "group"])["symbol"].nunique()
    for (mod, grp), k in overlap.items():
        n_mod = int(module_size[mod])
        if n_mod < min_size or k < 2:
            continue
        p = float(hypergeom.sf(k - 1, universe, int(group_size[grp]), n_mod))
        rows.append((mod, grp, int(k), n_mod, int(group_size[grp]), universe, p))
    df = pd.DataFrame(rows, columns=["module", "group", "overlap", "module_size", "group_size", "universe", "p"])
    df["padj"] = benjamini_hochberg(df["p"].to_numpy())
    return df.sort_values(["padj", "p"]).reset_index(drop=True)


def analyze(
    graph: Graph, run_id: str, top: float = 0.01, *, species: str | None = None, out_dir: Path | None = None, min_module: int = 5
) -> NetworkAnalysis:
    """Project the run's top edges into GDS, compute degree, betweenness, PageRank and Louvain, test modules
    for HGNC gene-group enrichment, write everything back keyed by the run, and write report files."""
    found = graph.run("get_run", run_id=run_id)
    if not found:
        raise NotFoundError(f"no run {run_id!r} (tfkg runs list)")
    run = dict(found[0]["run"])
    species = species or run.get("species") or "human"
    n_edges = graph.run("run_prediction_count", run_id=run_id)[0]["n"]
    if not n_edges:
        raise NotFoundError(f"run {run_id!r} has no predicted edges")
    top_n = int(top) if top >= 1 else max(1, int(round(top * n_edges)))
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", run_id)
    names = {"NATURAL": f"tfkg-{safe}-directed", "UNDIRECTED": f"tfkg-{safe}-undirected"}
    try:
        for orientation, name in names.items():
            graph.run("network_drop", graph=name)
            graph.run("network_project", run_id=run_id, top_n=top_n, graph=name, orientation=orientation)
        nodes = _columns(graph, "network_pagerank", names["NATURAL"], "pagerank")
        for q, key, value in (
            ("network_betweenness", "NATURAL", "betweenness"),
            ("network_eigenvector", "NATURAL", "eigenvector"),
            ("network_degree", "UNDIRECTED", "degree"),
            ("network_louvain", "UNDIRECTED", "module"),
        ):
            nodes = nodes.merge(_columns(graph, q, names[key], value), on="symbol", how="outer")
    finally:
        for name in names.values():
            graph.run("network_drop", graph=name)
    nodes = nodes.fillna({"pagerank": 0.0, "betweenness": 0.0, "degree": 0.0, "eigenvector": 0.0})
    # modules numbered by size (0 = largest), independent of GDS's internal community ids
    sizes = nodes["module"].value_counts()
    renumber = {c: i for i, c in enumerate(sorted(sizes.index, key=lambda c: (-sizes[c], c)))}
    nodes["module"] = nodes["module"].map(renumber).astype(int)
    row = graph.columns("gene_groups", symbols=nodes["symbol"].tolist(), species=species)[0]
    groups = dict(zip(row["symbol"], row["groups"]))
    enr = enrichment(nodes.set_index("symbol")["module"], groups, min_module)
    mods = []
    for mod, part in nodes.groupby("module"):
        hubs = part.sort_values("pagerank", ascending=False)["symbol"].head(5).tolist()
        best = enr[enr.module == mod].head(1)
        mods.append(
            {
                "module": int(mod),
                "size": int(len(part)),
                "hubs": hubs,
                "top_group": best["group"].iloc[0] if len(best) else None,
                "top_padj": float(best["padj"].iloc[0]) if len(best) else None,
            }
        )
    modules = pd.DataFrame(mods).sort_values("module").reset_index(drop=True)
    modules["top_group"] = modules["top_group"].fillna("")

    def work(tx):
        from tfkg import cypher

        tx.run(cypher.load("delete_network_modules"), run_id=run_id).consume()
        cols = {
            "symbol": nodes["symbol"].tolist(),
            "module": nodes["module"].astype(int).tolist(),
            "pagerank": nodes["pagerank"].astype(float).tolist(),
            "betweenness": nodes["betweenness"].astype(float).tolist(),
            "degree": nodes["degree"].astype(float).tolist(),
            "eigenvector": nodes["eigenvector"].astype(float).tolist(),
        }
        tx.run(cypher.load("merge_network_modules"), c=cols, modules=mods, run_id=run_id, species=species).consume()

    graph.write_transaction(work)
    res = NetworkAnalysis(run_id, nodes, modules, enr, top_n)
    if out_dir is not None:
        res.paths = write_report(graph, res, Path(out_dir), top, n_edges)
    return res


def write_report(graph: Graph, res: NetworkAnalysis, out: Path, top: float, n_edges: int) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "nodes": out / "network_nodes.csv",
        "modules": out / "modules.csv",
        "enrichment": out / "enrichment.csv",
        "weights": out / "edge_weights.png",
        "report": out / "network.md",
    }
    res.nodes.sort_values("pagerank", ascending=False).to_csv(paths["nodes"], index=False)
    res.modules.to_csv(paths["modules"], index=False)
    res.enrichment.to_csv(paths["enrichment"], index=False)
    w = np.asarray(graph.columns("run_edge_weights", run_id=res.run_id)[0]["weight"], dtype=float)
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=110)
    ax.hist(w, bins=120, color="tab:blue", alpha=0.8)
    if len(w) and res.edges < len(w):
        cut = np.sort(np.abs(w))[::-1][res.edges - 1]
        for c in (-cut, cut):
            ax.axvline(c, ls=":", color="tab:red", lw=0.8)
    ax.set_yscale("log")
    ax.set_xlabel("learned edge weight w (dotted: the analysed top edges lie outside)")
    ax.set_ylabel("edges")
    ax.set_title(f"run {res.run_id}: {len(w):,} edges", fontsize=9)
    fig.tight_layout()
    fig.savefig(paths["weights"])
    plt.close(fig)
    top10 = res.nodes.sort_values("pagerank", ascending=False).head(10)
    lines = [
        f"# Network analysis of run `{res.run_id}`",
        "",
        f"Top {res.edges:,} of {n_edges:,} edges (`--top {top}`), {len(res.nodes):,} genes, "
        f"{len(res.modules)} Louvain modules; GDS degree (weighted, undirected), betweenness, eigenvector "
        "centrality and PageRank (directed TF -> gene).",
        "",
        "| gene | PageRank | betweenness | eigenvector | degree | module |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.symbol} | {r.pagerank:.3f} | {r.betweenness:.1f} | {r.eigenvector:.3f} | {r.degree:.2f} | {r.module} |"
        for r in top10.itertuples()
    ]
    for col in ("degree", "betweenness", "eigenvector"):
        lines.append(f"\nTop 10 by {col}: " + ", ".join(res.nodes.nlargest(10, col)["symbol"]))
    lines += ["", "| module | size | hubs (PageRank) | top HGNC gene group | BH-adjusted p |", "|---|---|---|---|---|"]
    for r in res.modules.head(20).itertuples():
        padj = "" if r.top_padj is None or r.top_padj != r.top_padj else f"{r.top_padj:.2g}"
        lines.append(f"| {r.module} | {r.size} | {', '.join(r.hubs)} | {r.top_group or ''} | {padj} |")
    lines += [
        "",
        "Files: `network_nodes.csv`, `modules.csv`, `enrichment.csv`, `edge_weights.png`. In Neo4j "
        "Browser, `:param run_id => '...'; :param module => 0;` and the named query `module_hubs`.",
        "",
    ]
    paths["report"].write_text("\n".join(lines))
    return paths

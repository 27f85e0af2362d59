"""TF activity per contrast and evidence layer (decoupler), a consensus across layers, and each TF's drivers.

Per layer, decoupler's method (ULM by default: the t-value of regressing the contrast's gene statistics on the
TF's signed regulon, TFs with at least ``tmin`` measured targets; unmeasured genes enter as 0) gives a score, and
for ULM a two-sided p-value with a Benjamini-Hochberg FDR over the TFs of that contrast and layer. A gene list is
scored by over-representation (decoupler's ORA, the list against every gene of the layers and the list).

The **consensus** combines the layers' per-contrast percentiles with a rule of ``tfkg.eval.consensus`` (the
same function the knockout benchmark scores): ``imputed-rank`` by default, ``mean-rank`` (ChEA3's plain mean over
the layers that score a TF) as the baseline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse, stats

from tfkg.activity.inputs import Contrasts
from tfkg.eval import consensus as C
from tfkg.errors import InputError, NotFoundError

METHODS = ("ulm", "mlm", "viper", "wsum", "zscore", "aucell", "ora")
COLUMNS = ["contrast", "tf", "layer", "score", "rank", "pvalue", "padj", "n_targets"]
CONSENSUS = "consensus"


def _adjacency(net: pd.DataFrame, genes: pd.Index) -> tuple[pd.Index, sparse.csr_matrix]:
    """TFs and their TF x gene signed weights over ``genes`` (targets not among ``genes`` dropped)."""
    col = genes.get_indexer(net["target"])
    keep = col >= 0
    tfs, row = np.unique(net["source"].to_numpy()[keep], return_inverse=True)
    w = net["weight"].to_numpy(dtype=float)[keep]
    return pd.Index(tfs), sparse.csr_matrix((w, (row, col[keep])), shape=(len(tfs), len(genes)))


def layer_scores(con: Contrasts, layer: str, net: pd.DataFrame, method: str = "ulm", tmin: int = 5) -> pd.DataFrame:
    """One layer's long rows (``COLUMNS``) for every contrast."""
    import decoupler as dc

    if method not in METHODS:
        raise InputError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    if con.kind == "gene list" or method == "ora":
        return _ora(con, layer, net, tmin)
    stat = con.stat
    data = stat.fillna(0.0)
    measured = stat.notna()
    try:
        es, padj = getattr(dc.mt, method)(data, net, tmin=tmin)
    except AssertionError as e:  # decoupler: no TF with tmin targets among the genes
        if "tmin" in str(e):
            return pd.DataFrame(columns=COLUMNS)
        raise
    tfs, adj = _adjacency(net[net["source"].isin(es.columns)], data.columns)
    n_targets = pd.DataFrame((abs(adj) @ measured.to_numpy(dtype=float).T).T, index=data.index, columns=tfs)
    long = es.stack().rename("score").to_frame()
    long["rank"] = es.rank(axis=1, ascending=False, method="average").stack()
    long["padj"] = padj.stack() if padj is not None else np.nan
    if method == "ulm":  # decoupler returns the FDR; the raw p-value of the t-value, df = genes - 2
        long["pvalue"] = 2 * stats.t.sf(np.abs(long["score"].to_numpy()), data.shape[1] - 2)
    else:
        long["pvalue"] = np.nan
    long["n_targets"] = n_targets.stack().reindex(long.index).to_numpy()
    long = long.rename_axis(["contrast", "tf"]).reset_index().assign(layer=layer)
    return long[COLUMNS]


def _ora(con: Contrasts, layer: str, net: pd.DataFrame, tmin: int) -> pd.DataFrame:
    """Over-representation of each TF's targets in a gene list: the one-sided hypergeometric p-value, BH FDR over the
    TFs, and the log odds ratio with the Haldane-Anscombe correction (decoupler's ORA statistic) as the score. The
    background is every gene of the layer and the list. (decoupler's ``ora`` takes the top genes of a statistic, not
    a given list, hence this one formula here.)"""
    universe = pd.Index(sorted(set(net["target"]) | set(con.stat.columns)))
    tfs, adj = _adjacency(net.assign(weight=1.0).drop_duplicates(["source", "target"]), universe)
    size = np.asarray(adj.sum(1)).ravel()
    keep = size >= tmin
    frames = []
    for c in con.stat.index:
        listed = universe.isin(con.stat.columns[con.stat.loc[c].notna()]).astype(float)
        a = adj @ listed
        n_list, n_all = listed.sum(), len(universe)
        b, cc = n_list - a, size - a
        d = n_all - a - b - cc
        score = np.log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (cc + 0.5)))
        p = stats.hypergeom.sf(a - 1, n_all, size, n_list)
        f = pd.DataFrame({"contrast": c, "tf": tfs, "score": score, "pvalue": p, "n_targets": a})[keep]
        f["padj"] = stats.false_discovery_control(f["pvalue"].to_numpy()) if len(f) else []
        f["rank"] = f["score"].rank(ascending=False, method="average")
        frames.append(f)
    out = pd.concat(frames, ignore_index=True).assign(layer=layer)
    return out[COLUMNS]


def consensus(rows: pd.DataFrame, nets: dict[str, pd.DataFrame], con: Contrasts, rule: str = C.DEFAULT) -> pd.DataFrame:
    """The consensus rows (``tfkg.eval.consensus.combine``, the function the knockout benchmark scores) from every
    layer's rows; ``n_targets`` = the TF's distinct measured targets over the layers."""
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    wides = [
        part.pivot(index="contrast", columns="tf", values="score").reindex(index=con.stat.index)
        for _, part in rows.groupby("layer", sort=False)
    ]
    wide = C.combine(wides, rule)
    out = wide.stack().rename("score").rename_axis(["contrast", "tf"]).reset_index()
    out["rank"] = out.groupby("contrast")["score"].rank(ascending=False, method="average")
    union = pd.concat([n[["source", "target"]] for n in nets.values()]).drop_duplicates()
    union = union[union["source"].isin(set(out["tf"]))]
    tfs, adj = _adjacency(union.assign(weight=1.0), pd.Index(con.stat.columns))
    n = pd.DataFrame(adj @ con.stat.notna().to_numpy(dtype=float).T, index=tfs, columns=con.stat.index)
    out["n_targets"] = n.stack().reindex(pd.MultiIndex.from_arrays([out["tf"], out["contrast"]])).fillna(0).to_numpy()
    return out.assign(layer=CONSENSUS, pvalue=np.nan, padj=np.nan)[COLUMNS]


def activities(
    con: Contrasts, nets: dict[str, pd.DataFrame], method: str = "ulm", tmin: int = 5, rule: str = C.DEFAULT
) -> pd.DataFrame:
    """Every contrast x TF x layer row plus the consensus rows, sorted by contrast, layer and rank."""
    parts = [layer_scores(con, name, net, method, tmin) for name, net in nets.items()]
    rows = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else pd.DataFrame(columns=COLUMNS)
    )
    if rows.empty:
        raise NotFoundError(
            f"{con.source}: no TF has {tmin} measured targets in any layer ({', '.join(nets)}): are the genes "
            "symbols of the species, and was the statistic measured for enough of them?"
        )
    allrows = pd.concat([rows, consensus(rows, nets, con, rule)], ignore_index=True)
    order = {n: i for i, n in enumerate([CONSENSUS, *nets])}
    allrows["_l"] = allrows["layer"].map(order)
    allrows["_c"] = allrows["contrast"].map({c: i for i, c in enumerate(con.stat.index)})
    return allrows.sort_values(["_c", "_l", "rank", "tf"]).drop(columns=["_l", "_c"]).reset_index(drop=True)


def drivers(con: Contrasts, contrast: str, tf: str, nets: dict[str, pd.DataFrame], top: int = 10) -> pd.DataFrame:
    """The TF's targets that contribute most to its activity in ``contrast``: gene, its statistic, the sign the
    layers give the edge (+1 / -1: the majority of the signed layers that hold it; +1 when only unsigned layers
    do), the contribution sign x statistic (positive = moved the way the edge says, raising the TF's score), and
    the layers that hold the edge."""
    stat = con.stat.loc[contrast]
    signed = {name for name, n in nets.items() if (n["weight"] < 0).any()}  # an unsigned layer has no say on signs
    edges = pd.concat(
        [n.loc[n["source"] == tf, ["target", "weight"]].assign(layer=name, signed=name in signed) for name, n in nets.items()]
    )
    edges = edges[edges["target"].isin(stat.dropna().index)]
    if edges.empty:
        return pd.DataFrame(columns=["gene", "stat", "sign", "contribution", "agrees", "layers"])
    by = edges.groupby("target", sort=False)
    vote = edges["weight"].where(edges["signed"], 0.0).groupby(edges["target"], sort=False).sum()
    out = pd.DataFrame({"sign": np.where(vote.reindex(by.size().index) < 0, -1, 1), "layers": by["layer"].agg(", ".join)})
    out["stat"] = stat.reindex(out.index).to_numpy()
    out["contribution"] = out["sign"] * out["stat"]
    out["agrees"] = out["contribution"] > 0
    out = out.rename_axis("gene").reset_index()
    return (
        out.reindex(out["contribution"].abs().sort_values(ascending=False).index)
        .head(top)[["gene", "stat", "sign", "contribution", "agrees", "layers"]]
        .reset_index(drop=True)
    )


def evidence_words(graph, tf: str, genes: list[str], species: str, run_ids: list[str]) -> dict[str, str]:
    """Each gene's evidence for the edge ``tf -> gene`` in words, from the graph."""
    out = {}
    from tfkg.eval.knockouts import CURATED

    literature = [CURATED[n][0] for n in ("collectri", "dorothea", "trrust", "omnipath")]
    for r in graph.run("activity_evidence", tf=tf, targets=genes, species=species, run_ids=run_ids, sources=literature):
        said = []
        for c in r["curated"]:
            conf = f" {c['confidence']}" if c.get("confidence") else ""
            mode = f" {c['mode']}" if c["mode"] and c["mode"] != "unknown" else ""
            said.append(f"{c['source']}{conf}{mode}" + (f" ({c['pmids']} PMIDs)" if c["pmids"] else ""))
        if r["chip"]:
            said.append("ChIP " + "/".join(sorted(r["chip"])[:3]) + ("…" if len(r["chip"]) > 3 else ""))
        if r["coexpression_rank"] is not None:
            said.append(f"ARCHS4 co-expression #{r['coexpression_rank']}")
        said += [f"{p['run']} score {p['score']:.2f}" for p in r["predicted"]]
        out[r["target"]] = "; ".join(said)
    return out

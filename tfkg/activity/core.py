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

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats

from tfkg.activity.inputs import Contrasts
from tfkg.errors import InputError, NotFoundError
from tfkg.eval import consensus as C
from tfkg.eval.knockouts import METHODS as DECOUPLER_METHODS

METHODS = (*DECOUPLER_METHODS, "ora")
COLUMNS = ["contrast", "tf", "layer", "score", "rank", "pvalue", "padj", "n_targets"]
CONSENSUS = "consensus"


def _adjacency(net: pd.DataFrame, genes: pd.Index) -> tuple[pd.Index, sparse.csr_matrix]:
    """TFs and their TF x gene signed weights over ``genes`` (targets not among ``genes`` dropped)."""
    col = genes.get_indexer(net["target"])
    keep = col >= 0
    tfs, row = np.unique(net["source"].to_numpy()[keep], return_inverse=True)
    w = net["weight"].to_numpy(dtype=float)[keep]
    return pd.Index(tfs), sparse.csr_matrix((w, (row, col[keep])), shape=(len(tfs), len(genes)))


@dataclass
class Wide:
    """One layer's results, contrasts x TFs (NaN where the layer cannot score the TF)."""

    score: pd.DataFrame
    pvalue: pd.DataFrame
    padj: pd.DataFrame
    n_targets: pd.DataFrame


def _measured_targets(net: pd.DataFrame, tfs: pd.Index, con: Contrasts) -> pd.DataFrame:
    """Contrasts x ``tfs``: how many of each TF's targets the contrast measured."""
    got, adj = _adjacency(net.assign(weight=1.0).drop_duplicates(["source", "target"]), pd.Index(con.stat.columns))
    n = (adj @ con.stat.notna().to_numpy(dtype=float).T).T
    return pd.DataFrame(n, index=con.stat.index, columns=got).reindex(columns=tfs, fill_value=0.0)


def layer_wide(con: Contrasts, net: pd.DataFrame, method: str = "ulm", tmin: int = 5) -> Wide | None:
    """One layer scored on every contrast (None when no TF has ``tmin`` measured targets)."""
    import decoupler as dc

    if method not in METHODS:
        raise InputError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    if con.kind == "gene list" or method == "ora":
        return _ora(con, net, tmin)
    data = con.stat.fillna(0.0)
    # targets the input does not have are no features of the regression: dropping them first gives the same scores
    # (tests/activity/test_core.py compares with the whole network) and spares decoupler most of a big layer
    net = net[net["target"].isin(data.columns)]
    try:
        es, padj = getattr(dc.mt, method)(data, net, tmin=tmin)
    except AssertionError as e:  # decoupler: no TF with tmin targets among the genes
        if "tmin" in str(e):
            return None
        msg = " ".join(str(e).split())
        raise InputError(f"{con.source}: decoupler's {method} cannot fit these regulons on these genes: {msg}") from None
    except np.linalg.LinAlgError:  # mlm fits every TF at once: regulons identical on these genes make it singular
        raise InputError(
            f"{con.source}: method {method} cannot separate this layer's TFs on these genes (their regulons are "
            "collinear: a singular matrix); use ulm, which fits each TF on its own"
        ) from None
    if method == "ulm":  # decoupler returns the FDR; the raw p-value of the t-value, df = genes - 2
        pv = pd.DataFrame(2 * stats.t.sf(np.abs(es.to_numpy()), data.shape[1] - 2), index=es.index, columns=es.columns)
    else:
        pv = es * np.nan
    padj = padj if padj is not None else es * np.nan
    return Wide(es, pv, padj.reindex_like(es), _measured_targets(net, es.columns, con))


def _long(layer: str, w: Wide) -> pd.DataFrame:
    """The long rows (``COLUMNS``) of one layer's wide results: one per scored (contrast, TF)."""
    s = w.score.to_numpy(dtype=float)
    ok = np.isfinite(s).ravel()
    nc, nt = s.shape
    cols = {
        "contrast": np.repeat(w.score.index.to_numpy(dtype=object), nt),
        "tf": np.tile(w.score.columns.to_numpy(dtype=object), nc),
        "layer": layer,
        "score": s.ravel(),
        "rank": w.score.rank(axis=1, ascending=False, method="average").to_numpy(dtype=float).ravel(),
        "pvalue": w.pvalue.to_numpy(dtype=float).ravel(),
        "padj": w.padj.to_numpy(dtype=float).ravel(),
        "n_targets": w.n_targets.to_numpy(dtype=float).ravel(),
    }
    return pd.DataFrame({k: (v[ok] if isinstance(v, np.ndarray) else v) for k, v in cols.items()})[COLUMNS]


def layer_scores(con: Contrasts, layer: str, net: pd.DataFrame, method: str = "ulm", tmin: int = 5) -> pd.DataFrame:
    """One layer's long rows (``COLUMNS``) for every contrast."""
    w = layer_wide(con, net, method, tmin)
    return pd.DataFrame(columns=COLUMNS) if w is None else _long(layer, w)


def _ora(con: Contrasts, net: pd.DataFrame, tmin: int) -> Wide | None:
    """Over-representation of each TF's targets in a gene list: the one-sided hypergeometric p-value, BH FDR over the
    TFs, and the log odds ratio with the Haldane-Anscombe correction (decoupler's ORA statistic) as the score. The
    background is every gene of the layer and the list. (decoupler's ``ora`` takes the top genes of a statistic, not
    a given list, hence this one formula here.)"""
    universe = pd.Index(sorted(set(net["target"]) | set(con.stat.columns)))
    tfs, adj = _adjacency(net.assign(weight=1.0).drop_duplicates(["source", "target"]), universe)
    size = np.asarray(adj.sum(1)).ravel()
    keep = size >= tmin
    if not keep.any():
        return None
    listed = np.stack([universe.isin(con.stat.columns[con.stat.loc[c].notna()]).astype(float) for c in con.stat.index])
    a = (adj @ listed.T).T  # contrasts x TFs: listed targets
    n_list, n_all = listed.sum(1, keepdims=True), len(universe)
    b, cc = n_list - a, size[None, :] - a
    d = n_all - a - b - cc
    score = np.log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (cc + 0.5)))
    p = stats.hypergeom.sf(a - 1, n_all, size[None, :], n_list)
    frame = lambda v: pd.DataFrame(v[:, keep], index=con.stat.index, columns=tfs[keep])  # noqa: E731
    padj = np.apply_along_axis(stats.false_discovery_control, 1, p[:, keep])
    return Wide(frame(score), frame(p), pd.DataFrame(padj, index=con.stat.index, columns=tfs[keep]), frame(a))


def consensus_wide(wides: dict[str, Wide], nets: dict[str, pd.DataFrame], con: Contrasts, rule: str = C.DEFAULT) -> Wide:
    """The consensus (``tfkg.eval.consensus.combine``, the function the knockout benchmark scores) of the layers'
    scores; ``n_targets`` = the TF's distinct measured targets over the layers."""
    score = C.combine([w.score for w in wides.values()], rule)
    union = pd.concat([n[["source", "target"]] for n in nets.values()])
    nan = score * np.nan
    return Wide(score, nan, nan, _measured_targets(union[union["source"].isin(score.columns)], score.columns, con))


def activities(
    con: Contrasts, nets: dict[str, pd.DataFrame], method: str = "ulm", tmin: int = 5, rule: str = C.DEFAULT
) -> pd.DataFrame:
    """Every contrast x TF x layer row plus the consensus rows, sorted by contrast, layer (consensus first) and
    rank; ``contrast`` and ``layer`` are categorical (in input and layer order)."""
    wides = {name: w for name, net in nets.items() if (w := layer_wide(con, net, method, tmin)) is not None}
    if not wides:
        raise NotFoundError(
            f"{con.source}: no TF has {tmin} measured targets in any layer ({', '.join(nets)}): are the genes "
            "symbols of the species, and was the statistic measured for enough of them?"
        )
    parts = [_long(CONSENSUS, consensus_wide(wides, nets, con, rule))] + [_long(n, w) for n, w in wides.items()]
    rows = pd.concat(parts, ignore_index=True)
    rows["contrast"] = pd.Categorical(rows["contrast"], categories=list(con.stat.index), ordered=True)
    rows["layer"] = pd.Categorical(rows["layer"], categories=[CONSENSUS, *nets], ordered=True)
    return rows.sort_values(["contrast", "layer", "rank", "tf"], kind="stable").reset_index(drop=True)


def tf_edges(nets: dict[str, pd.DataFrame], tfs: list[str]) -> dict[str, pd.DataFrame]:
    """Each TF's targets over the layers: target, the sign the layers give the edge (+1 / -1: the majority of the
    signed layers that hold it; +1 when only unsigned layers do) and the layers that hold it."""
    signed = {name for name, n in nets.items() if (n["weight"] < 0).any()}  # an unsigned layer has no say on signs
    parts = [
        n.loc[n["source"].isin(tfs), ["source", "target", "weight"]].assign(layer=name, vote=name in signed)
        for name, n in nets.items()
    ]
    e = pd.concat(parts, ignore_index=True)
    e["vote"] = np.where(e["vote"].astype(bool), e["weight"], 0.0)
    g = e.groupby(["source", "target"], sort=False)
    out = pd.DataFrame({"vote": g["vote"].sum(), "layers": g["layer"].agg(", ".join)}).reset_index()
    out["sign"] = np.where(out["vote"] < 0, -1, 1)
    return {tf: part[["target", "sign", "layers"]].reset_index(drop=True) for tf, part in out.groupby("source", sort=False)}


def drivers(stat: pd.Series, edges: pd.DataFrame | None, top: int = 10) -> pd.DataFrame:
    """The targets that contribute most to a TF's activity in one contrast (``stat``: its gene statistics): gene,
    its statistic, the edge's sign (:func:`tf_edges`), the contribution sign x statistic (positive = moved the
    way the edge says, raising the TF's score), whether it agrees, and the layers that hold the edge."""
    cols = ["gene", "stat", "sign", "contribution", "agrees", "layers"]
    if edges is None or edges.empty:
        return pd.DataFrame(columns=cols)
    x = stat.reindex(edges["target"]).to_numpy(dtype=float)
    ok = np.isfinite(x)
    d = pd.DataFrame({"gene": edges["target"].to_numpy()[ok], "stat": x[ok], "sign": edges["sign"].to_numpy()[ok]})
    d["contribution"] = d["sign"] * d["stat"]
    d["agrees"] = d["contribution"] > 0
    d["layers"] = edges["layers"].to_numpy()[ok]
    order = np.argsort(-np.abs(d["contribution"].to_numpy()), kind="stable")[:top]
    return d.iloc[order][cols].reset_index(drop=True)


def evidence_words(graph, pairs: list[tuple[str, str]], species: str, run_ids: list[str]) -> dict[tuple[str, str], str]:
    """Each (TF, gene) pair's evidence in words, from the graph, in one query."""
    from tfkg.eval.knockouts import CURATED

    literature = [CURATED[n][0] for n in ("collectri", "dorothea", "trrust", "omnipath")]
    out = {}
    rows = graph.run("activity_evidence", pairs=[list(p) for p in pairs], species=species, run_ids=run_ids, sources=literature)
    for r in rows:
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
        out[(r["tf"], r["target"])] = "; ".join(said)
    return out

"""tfkg's link metrics against BEELINE's own ``computeScores`` (BLEval/computeAUC.py, ported below as the
peer: a Python loop over every possible edge, each looked up with a pandas filter), on the same ground
truth and ranked edges, in one run. Both follow BEELINE's definitions: the universe is every ordered pair
of distinct genes that appear in the ground truth, a pair's score is |EdgeWeight| from rankedEdges (0 when
absent), AUROC, and AUPRC as the trapezoid ``auc(recall, precision)``. The printout checks the values
agree and gives the speed ratio.

    .venv/bin/python benchmarks/beeline_metrics.py [--genes 80] [--data ../shared/data] [--csv runs/beeline_metrics.csv]
"""

from __future__ import annotations

import argparse
import time
from itertools import permutations
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import config
from tfkg.eval import metrics as M
from tfkg.provenance import write_csv

FOLDER = "beeline_genelink/Specific Dataset/mHSC-L/TFs+500"


def beeline_compute_scores(true_edges: pd.DataFrame, pred_edges: pd.DataFrame) -> tuple[float, float]:
    """BEELINE's computeScores (directed, no self edges), as in its code: dictionaries over all possible
    edges, one pandas filter per edge for the truth and one for the prediction."""
    from sklearn.metrics import auc, precision_recall_curve, roc_curve

    possible = list(permutations(np.unique(true_edges.loc[:, ["Gene1", "Gene2"]]), r=2))
    true_d = {"|".join(p): 0 for p in possible}
    pred_d = {"|".join(p): 0 for p in possible}
    for key in true_d:
        if len(true_edges.loc[(true_edges["Gene1"] == key.split("|")[0]) & (true_edges["Gene2"] == key.split("|")[1])]) > 0:
            true_d[key] = 1
    for key in pred_d:
        sub = pred_edges.loc[(pred_edges["Gene1"] == key.split("|")[0]) & (pred_edges["Gene2"] == key.split("|")[1])]
        if len(sub) > 0:
            pred_d[key] = np.abs(sub.EdgeWeight.values[0])
    out = pd.DataFrame([true_d, pred_d]).T
    out.columns = ["TrueEdges", "PredEdges"]
    fpr, tpr, _ = roc_curve(y_true=out["TrueEdges"], y_score=out["PredEdges"], pos_label=1)
    prec, recall, _ = precision_recall_curve(y_true=out["TrueEdges"], y_score=out["PredEdges"], pos_label=1)
    return auc(recall, prec), auc(fpr, tpr)


def tfkg_scores(true_edges: pd.DataFrame, pred_edges: pd.DataFrame) -> tuple[float, float]:
    """The same numbers, vectorized: names to indices with one hash lookup per column, pair codes, one sort
    per metric."""
    genes = pd.Index(np.unique(true_edges[["Gene1", "Gene2"]].to_numpy()))
    n = len(genes)
    y = np.zeros(n * n, dtype=bool)
    y[genes.get_indexer(true_edges.Gene1) * n + genes.get_indexer(true_edges.Gene2)] = True
    ia, ib = genes.get_indexer(pred_edges.Gene1), genes.get_indexer(pred_edges.Gene2)
    ok = (ia >= 0) & (ib >= 0)
    codes, first = np.unique((ia * n + ib)[ok], return_index=True)  # BEELINE keeps the first listed weight
    s = np.zeros(n * n)
    s[codes] = np.abs(pred_edges.EdgeWeight.to_numpy()[ok][first])
    off = ~np.eye(n, dtype=bool).ravel()
    return M.auprc_trapezoid(y[off], s[off]), M.auroc(y[off], s[off])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--genes", type=int, default=80, help="ground-truth genes kept (BEELINE's loop is O(pairs x edges))")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()
    root = (args.data or config.data_root()) / FOLDER
    net = pd.read_csv(root / "BL--network.csv.gz")[["Gene1", "Gene2"]]
    expr = pd.read_csv(root / "BL--ExpressionData.csv.gz", index_col=0)
    keep = pd.Index(pd.unique(net[["Gene1", "Gene2"]].to_numpy().ravel()))[: args.genes]
    truth = net[net.Gene1.isin(keep) & net.Gene2.isin(keep)].reset_index(drop=True)
    # ranked edges: |Pearson| of every ordered pair of the expression genes (what a BEELINE method would write)
    x = expr.to_numpy(dtype=float)
    z = x - x.mean(1, keepdims=True)
    z = z / np.where(np.linalg.norm(z, axis=1, keepdims=True) > 0, np.linalg.norm(z, axis=1, keepdims=True), 1)
    r = np.abs(z @ z.T)
    a, b = np.nonzero(~np.eye(len(expr), dtype=bool))
    ranked = pd.DataFrame({"Gene1": expr.index[a], "Gene2": expr.index[b], "EdgeWeight": r[a, b]})
    ranked = ranked.sort_values("EdgeWeight", ascending=False, kind="stable").reset_index(drop=True)
    tfkg_scores(truth.head(3), ranked.head(10))  # warm-up: first-call imports on both sides
    beeline_compute_scores(truth.head(3), ranked.head(10))
    t = time.perf_counter()
    ours = tfkg_scores(truth, ranked)
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    theirs = beeline_compute_scores(truth, ranked)
    t_theirs = time.perf_counter() - t
    pairs = len(np.unique(truth[["Gene1", "Gene2"]].to_numpy())) ** 2
    print(f"{len(truth)} true edges among {args.genes} genes (~{pairs:,} possible edges), {len(ranked):,} ranked edges")
    print(f"BEELINE computeScores: AUPRC {theirs[0]:.6f}, AUROC {theirs[1]:.6f} in {t_theirs:.2f} s")
    print(f"tfkg metrics:          AUPRC {ours[0]:.6f}, AUROC {ours[1]:.6f} in {t_ours * 1000:.1f} ms")
    print(f"equal: {np.allclose(ours, theirs, atol=1e-9)}; speed-up {t_theirs / t_ours:,.0f}x (goal >= 100x)")
    if args.csv:
        what = f"{len(truth)} true edges among {args.genes} genes, {len(ranked):,} ranked edges"
        write_csv(
            pd.DataFrame(
                [
                    {
                        "implementation": "BEELINE computeScores",
                        "auprc": theirs[0],
                        "auroc": theirs[1],
                        "seconds": t_theirs,
                        "speed_up": 1.0,
                        "input": what,
                    },
                    {
                        "implementation": "tfkg metrics",
                        "auprc": ours[0],
                        "auroc": ours[1],
                        "seconds": t_ours,
                        "speed_up": t_theirs / t_ours,
                        "input": what,
                    },
                ]
            ),
            args.csv,
        )


if __name__ == "__main__":
    main()

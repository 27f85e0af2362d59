"""Speed of ``tfkg benchmark knockouts``: every knockout profile in the graph (MorPhiC: 111 experiments) x 10 regulon
sets through decoupler's sparse ULM (goal: <= 60 s on 2 cores), and the ratio to a per-TF loop (one least-squares
fit per TF and experiment, the way a hand-written ULM reads) on one set, measured in the same run; the printout
also checks the two give the same t-values.

    TFKG_PROFILE=default .venv/bin/python benchmarks/knockout_benchmark.py [--peer-set collectri] [--csv runs/knockout_speed.csv]

Needs the graph of ``tfkg ingest morphic trrust collectri dorothea`` (the default profile's server running).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.provenance import write_csv

os.environ.setdefault("TFKG_PROFILE", "default")

SETS = ["trrust", "dorothea:ABC", "dorothea", "collectri", "omnipath"]


def per_tf_ulm(stat: pd.DataFrame, net: pd.DataFrame, tmin: int) -> pd.DataFrame:
    """ULM written as a loop: for every TF with >= tmin measured targets and every experiment, regress the genes'
    statistics on the TF's weights (0 off the regulon) and keep the slope's t-value."""
    genes = pd.Index(stat.columns)
    data = stat.fillna(0.0).to_numpy()
    out = {}
    for tf, grp in net.groupby("source"):
        grp = grp[grp["target"].isin(genes)]
        if len(grp) < tmin:
            continue
        x = np.zeros(len(genes))
        x[genes.get_indexer(grp["target"])] = grp["weight"].to_numpy()
        X = np.column_stack([np.ones_like(x), x])
        tvals = []
        for y in data:
            beta, res, *_ = np.linalg.lstsq(X, y, rcond=None)
            dof = len(y) - 2
            sigma2 = res[0] / dof if len(res) else np.sum((y - X @ beta) ** 2) / dof
            se = np.sqrt(sigma2 * np.linalg.inv(X.T @ X)[1, 1])
            tvals.append(beta[1] / se)
        out[tf] = tvals
    return pd.DataFrame(out, index=stat.index)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer-set", default="collectri", help="The regulon set the per-TF loop runs on.")
    ap.add_argument("--tmin", type=int, default=5)
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()

    from tfkg.eval import knockouts as kb
    from tfkg.graph.db import connect

    with connect() as g:
        prof = kb.load_profiles(g, "human")
        sets = [kb.regulon_set(g, s) for s in SETS]
        peer = kb.regulon_set(g, args.peer_set)
    # 10 sets: the five curated resources and one degree-preserving shuffle of each
    sets += [kb.shuffled(rs, seed=0) for rs in sets]
    print(
        f"{len(prof.stat)} experiments x {prof.stat.shape[1]:,} genes; {len(sets)} regulon sets "
        f"({', '.join(rs.name for rs in sets)})"
    )
    t0 = time.perf_counter()
    res = kb.benchmark(prof, sets, shuffles=0, tmin=args.tmin)
    t_all = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = kb.activities(prof, peer.edges, tmin=args.tmin)
    t_ours = time.perf_counter() - t0
    sign = prof.design["perturbation"].map(kb.LOSS).fillna(-1.0).to_numpy()[:, None]
    t0 = time.perf_counter()
    loop = per_tf_ulm(prof.stat * sign, peer.edges, args.tmin)
    t_loop = time.perf_counter() - t0
    common = ours.columns.intersection(loop.columns)
    diff = np.nanmax(np.abs(ours[common].to_numpy() - loop[common].to_numpy()))
    print(f"all {len(sets)} sets, scoring and common subset included: {t_all:.1f} s (goal <= 60 s); {len(res.table)} table rows")
    print(
        f"{args.peer_set}: decoupler ULM {t_ours:.2f} s, per-TF loop {t_loop:.2f} s "
        f"({len(common)} TFs, max |t difference| {diff:.1e}); speed-up {t_loop / t_ours:.0f}x"
    )
    if args.csv:
        what = f"{len(prof.stat)} experiments"
        write_csv(
            pd.DataFrame(
                [
                    {
                        "measurement": f"{len(sets)} regulon sets, scoring and common subset, {what}, s",
                        "seconds": t_all,
                        "ratio": None,
                        "goal": "<= 60 s",
                    },
                    {
                        "measurement": f"{args.peer_set}: decoupler sparse ULM, s",
                        "seconds": t_ours,
                        "ratio": t_loop / t_ours,
                        "goal": "",
                    },
                    {
                        "measurement": f"{args.peer_set}: per-TF loop of least-squares fits, s (largest t difference {diff:.1e})",
                        "seconds": t_loop,
                        "ratio": 1.0,
                        "goal": "",
                    },
                ]
            ),
            args.csv,
        )


if __name__ == "__main__":
    main()

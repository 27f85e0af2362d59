"""Top-K write-back: 100k scored TF->target edges written as PREDICTED_REGULATES of one run with
``runs.write_predictions`` (one transaction, columnar batches), timed; written again under the same
run_id (atomic replacement) and timed; against one auto-committed CREATE per row on a small subset
(rows/s ratio). Pairs are real HGETGI TF x target pairs of the graph, scores random. The benchmark
runs are deleted at the end (their ModelRun nodes too); nothing else is touched.

    TFKG_PROFILE=default .venv/bin/python benchmarks/writeback.py [--rows 100000] [--per-row 500]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")

from tfkg import cypher  # noqa: E402
from tfkg.graph import runs  # noqa: E402
from tfkg.graph.db import connect  # noqa: E402
from tfkg.graph.export import REG, export_snapshot  # noqa: E402


def frame(snapshot, n: int, seed: int = 0) -> pd.DataFrame:
    n_tf, n_tg = snapshot.num_nodes("tf"), snapshot.num_nodes("target")
    known = set((snapshot.edges[REG][0] * n_tg + snapshot.edges[REG][1]).tolist())
    rng = np.random.default_rng(seed)
    cand = rng.choice(n_tf * n_tg, size=min(n_tf * n_tg, n + len(known)), replace=False)
    cand = np.array([c for c in cand.tolist() if c not in known][:n])
    score = np.sort(rng.random(len(cand)))[::-1]
    tf, tg = snapshot.nodes["tf"], snapshot.nodes["target"]
    return pd.DataFrame(
        {
            "tf": [tf[i] for i in cand // n_tg],
            "target": [tg[j] for j in cand % n_tg],
            "score": score,
            "rank": np.arange(1, len(cand) + 1),
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--per-row", type=int, default=500, help="rows for the one-CREATE-per-row peer")
    args = ap.parse_args()
    with connect() as g:
        snap = export_snapshot(g, "hgetgi")
        df = frame(snap, args.rows)
        run_id, peer_id = runs.new_run_id("bench-writeback"), runs.new_run_id("bench-perrow")
        try:
            runs.save_run(g, run_id, "bench", "predict", {"rows": len(df)}, status="benchmark")
            t0 = time.perf_counter()
            n = runs.write_predictions(g, run_id, "bench", df)
            t_first = time.perf_counter() - t0
            t0 = time.perf_counter()
            runs.write_predictions(g, run_id, "bench", df)  # replaces the same run's edges
            t_again = time.perf_counter() - t0
            got = g.run("get_run", run_id=run_id)
            assert got, "ModelRun missing"
            print(
                f"write_predictions: {n:,} edges in {t_first:.2f} s ({n / t_first:,.0f} rows/s; goal <= 5 s); "
                f"re-written under the same run_id (delete + create, one transaction) in {t_again:.2f} s"
            )
            # peer: one auto-committed CREATE per row (same named query, one-row columns)
            runs.save_run(g, peer_id, "bench", "predict", {"rows": args.per_row}, status="benchmark")
            q = cypher.load("create_predictions")
            sub = df.head(args.per_row)
            t0 = time.perf_counter()
            with g.driver.session(database=g.database) as s:
                for r in sub.itertuples(index=False):
                    s.run(
                        q,
                        c={"tf": [r.tf], "target": [r.target], "score": [float(r.score)], "rank": [int(r.rank)]},
                        genes=[r.tf, r.target],
                        species="human",
                        run_id=peer_id,
                        model="bench",
                    ).consume()
            t_peer = time.perf_counter() - t0
            rate_peer = len(sub) / t_peer
            print(
                f"per-row CREATE: {len(sub)} rows in {t_peer:.2f} s ({rate_peer:,.0f} rows/s) -> "
                f"{args.rows / rate_peer:.0f} s extrapolated for {args.rows:,}; "
                f"ratio batched / per-row = {(n / t_first) / rate_peer:.0f}x"
            )
        finally:
            for rid in (run_id, peer_id):
                preds, nodes = runs.delete_run(g, rid)
                print(f"deleted run {rid}: {preds:,} edges, {nodes} ModelRun node")


if __name__ == "__main__":
    main()

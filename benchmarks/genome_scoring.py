"""Genome-wide scoring speed: hetnet-gbm (``--preset genome``) on the ``human`` dataset (every Lambert TF x every
protein-coding gene, ~31M pairs) — export, features, training, scoring every pair, and writing each TF's top 100 with evidence and
sign — against the goal (features + scoring + writing <= 2 min on 2 cores), and the per-pair cost of the same
meta-path counted by a Cypher path query (TgG, shared GO processes) on a sample, with the largest difference.

    .venv/bin/python benchmarks/genome_scoring.py [--sample 200] [--per-tf 100] [--csv runs/genome_scoring.csv]

Needs ``tfkg ingest genome collectri trrust go pathwaycommons hcop`` (and optionally archs4, encode_chip,
disgenet). Writes the run ``bench-genome-scoring`` (replaced on a re-run).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from tfkg.provenance import write_csv

os.environ.setdefault("TFKG_PROFILE", "default")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--per-tf", type=int, default=100)
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()

    from tfkg import models
    from tfkg.graph.db import connect
    from tfkg.graph.export import export_snapshot
    from tfkg.models.hetnet.features import dwpc_matrices, feature_tensor
    from tfkg.predict import predict_top_k

    with connect() as g:
        p = predict_top_k(
            g, "hetnet-gbm", top_k=None, per_tf=args.per_tf, dataset="human", preset="genome", run_id="bench-genome-scoring"
        )
        # the snapshot the model itself trains on (predict_top_k's modalities): family and motif paths included
        cls = models.get("hetnet-gbm")
        snap = export_snapshot(g, "human", modalities={"edges"} | cls.requires | cls.uses)
        t = time.perf_counter()
        X, names = feature_tensor(snap, p.model.params.sources)
        feat_s = time.perf_counter() - t
        del X
        go = dict(dwpc_matrices(snap, ("go",)))["TgG"]
        rng = np.random.default_rng(0)
        rows = snap.rows_in("target", "tf")
        tf = rng.choice(np.flatnonzero(rows >= 0), args.sample)
        tg = rng.integers(0, snap.num_nodes("target"), args.sample)
        t = time.perf_counter()
        res = g.run(
            "dwpc_tgg_pairs",
            dataset="human",
            damping=0.4,
            tfs=[snap.nodes["tf"][i] for i in tf],
            targets=[snap.nodes["target"][i] for i in tg],
        )
        cy_s = time.perf_counter() - t
    cy = np.array([r["dwpc"] for r in sorted(res, key=lambda r: r["i"])])
    err = float(np.max(np.abs(cy - go[tf, tg])))
    n_pairs = snap.num_nodes("tf") * snap.num_nodes("target")
    s = p.seconds
    total = feat_s + s["score_s"] + s["write_s"]
    per_mx = feat_s / len(names) / n_pairs
    print(
        f"human: {snap.num_nodes('tf'):,} TFs x {snap.num_nodes('target'):,} genes = {n_pairs:,} pairs, "
        f"{len(names)} features; wrote {p.written:,} edges"
    )
    steps = (
        ("export (every modality)", s["export_s"]),
        ("fit (features + training)", s["fit_s"]),
        ("features alone", feat_s),
        ("score every pair + evidence + sign", s["score_s"]),
        ("write top per TF", s["write_s"]),
        ("features + score + write (goal <= 120 s)", total),
    )
    for k, v in steps:
        print(f"  {k:45s} {v:8.1f} s")
    print(
        f"  TgG by Cypher, {args.sample} pairs: {cy_s:.2f} s = {cy_s / args.sample * 1e6:,.0f} µs/pair; matrix "
        f"{per_mx * 1e6:.3f} µs/pair per feature; ratio {cy_s / args.sample / per_mx:,.0f}x; max |diff| {err:.1e}"
    )
    if args.csv:
        import pandas as pd

        rows = [{"step": k, "seconds": v, "per_pair_us": None} for k, v in steps]
        rows.append(
            {
                "step": f"TgG by Cypher, {args.sample} sampled pairs (largest difference {err:.1e})",
                "seconds": cy_s,
                "per_pair_us": cy_s / args.sample * 1e6,
            }
        )
        rows.append({"step": "TgG by matrix products, per feature", "seconds": feat_s / len(names), "per_pair_us": per_mx * 1e6})
        write_csv(pd.DataFrame(rows), args.csv)


if __name__ == "__main__":
    main()

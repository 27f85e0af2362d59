"""Export and evaluation speed against the pre-platform code path (commit 24e2f28), same server, same run.

Three measurements on the demo graph (HGETGI must be ingested; read-only except one ModelRun-free
evaluation each):

1. snapshot export of HGETGI with one fold's held-out pairs excluded (edges per second; goal >= 100k/s), the
   modalities the old code exported (regulation edges and disease associations), and today's full export timed
   beside it;
2. the enhanced-negative reachability mask: the pure-Cypher query vs the sparse product on the exported
   associations (goal <= 10 s), and that both masks are equal;
3. a 5-fold ``degree`` evaluation (all-unobserved, with the random baseline) (goal <= 20 s).

"Today's path" runs the old package from a temporary ``git worktree`` of ``--old-ref`` in a subprocess.

    .venv/bin/python benchmarks/export.py [--old-ref 24e2f28] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from tfkg.provenance import write_csv

ROOT = Path(__file__).resolve().parent.parent

OLD = r"""
import json, sys, time, tempfile
import numpy as np
from tfkg.graph.db import connect
from tfkg.graph import export as E
from tfkg.eval.splits import kfold
repeats = int(sys.argv[1])
out = {}
with connect() as g:
    full = E.export_snapshot(g, "hgetgi")
    split = kfold(full.positives, 5, 0)[0]
    excl = full.pair_keys(split.held_out)
    t = []
    for _ in range(repeats):
        t0 = time.perf_counter(); s = E.export_snapshot(g, "hgetgi", exclude=excl); t.append(time.perf_counter() - t0)
    out["export_s"] = min(t); out["edges"] = int(sum(v.shape[1] for v in s.edges.values()))
    t0 = time.perf_counter(); m = E.reachable_mask(g, "hgetgi"); out["reach_s"] = time.perf_counter() - t0
    np.save(sys.argv[2], m)
    from tfkg.eval.harness import evaluate
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        r = evaluate(g, "degree", "all-unobserved", folds=5, seed=0, baselines=("random",), out_dir=d, record=False)
        out["eval_s"] = time.perf_counter() - t0
    out["auroc"] = r.value("auroc")[0]
print("RESULT " + json.dumps(out))
"""


def run_old(ref: str, repeats: int, mask_path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        wt = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(wt), ref], cwd=ROOT, check=True, capture_output=True)
        try:
            env = dict(os.environ, PYTHONPATH=str(wt))
            p = subprocess.run(
                [sys.executable, "-c", OLD, str(repeats), str(mask_path)],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT, capture_output=True)
    line = [x for x in p.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT ") :])


def run_new(repeats: int) -> tuple[dict, np.ndarray]:
    from tfkg.data.negatives import reachable_mask
    from tfkg.eval.harness import evaluate
    from tfkg.eval.splits import kfold
    from tfkg.graph.db import connect
    from tfkg.graph.export import export_snapshot

    out = {}
    with connect() as g:
        full = export_snapshot(g, "hgetgi")
        split = kfold(full.positives, 5, 0)[0]
        tf, tg = full.nodes["tf"], full.nodes["target"]
        excl = [f"{tf[a]}|{tg[b]}" for a, b in split.held_out]
        for key, modalities in (("export_s", {"edges"}), ("export_all_s", None)):
            # "edges" (regulation + disease associations) is what the old code exported; None = every modality
            t = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                s = export_snapshot(g, "hgetgi", exclude=excl, modalities=modalities)
                t.append(time.perf_counter() - t0)
            out[key] = min(t)
            if modalities:
                out["edges"] = int(sum(v.shape[1] for v in s.edges.values()))
        t0 = time.perf_counter()
        mask = reachable_mask(export_snapshot(g, "hgetgi"))  # export included in the time
        out["reach_s"] = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter()
            r = evaluate(g, "degree", protocol="all-unobserved", folds=5, seed=0, baselines=("random",), out_dir=d, record=False)
            out["eval_s"] = time.perf_counter() - t0
        out["auroc"] = r.value("auroc")[0]
    return out, mask


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old-ref", default="24e2f28", help="git ref of today's (pre-platform) path")
    ap.add_argument("--repeats", type=int, default=3, help="exports timed per side (best is reported)")
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_mask = Path(tmp) / "old.npy"
        old = run_old(args.old_ref, args.repeats, old_mask)
        new, mask = run_new(args.repeats)
        same = bool(np.array_equal(np.load(old_mask), mask))
    print(f"{'':34}{'old (' + args.old_ref + ')':>16}{'new':>12}{'ratio':>9}   goal")
    rate_old, rate_new = old["edges"] / old["export_s"], new["edges"] / new["export_s"]
    print(
        f"{'export, edges/s (' + format(new['edges'], ',') + ' edges)':34}{rate_old:>16,.0f}{rate_new:>12,.0f}"
        f"{rate_new / rate_old:>8.1f}x   >= 100,000 edges/s"
    )
    print(
        f"{'enhanced reachability, s':34}{old['reach_s']:>16.1f}{new['reach_s']:>12.2f}"
        f"{old['reach_s'] / new['reach_s']:>8.0f}x   <= 10 s (masks equal: {same})"
    )
    print(
        f"{'5-fold degree evaluation, s':34}{old['eval_s']:>16.1f}{new['eval_s']:>12.1f}"
        f"{old['eval_s'] / new['eval_s']:>8.1f}x   <= 20 s (AUROC {old['auroc']:.4f} vs {new['auroc']:.4f})"
    )
    if args.csv:
        import pandas as pd

        rows = [
            (
                f"HGETGI snapshot export, one fold held out ({new['edges']:,} edges), edges/s",
                rate_old,
                rate_new,
                rate_new / rate_old,
                ">= 100k edges/s",
            ),
            (
                "the same export with every modality (+ features, motif priors, hetnet links), s",
                float("nan"),
                new["export_all_s"],
                float("nan"),
                "",
            ),
            (
                f"enhanced-negative reachability, s (masks equal: {same})",
                old["reach_s"],
                new["reach_s"],
                old["reach_s"] / new["reach_s"],
                "<= 10 s",
            ),
            (
                f"5-fold degree evaluation, s (AUROC {old['auroc']:.4f} vs {new['auroc']:.4f})",
                old["eval_s"],
                new["eval_s"],
                old["eval_s"] / new["eval_s"],
                "<= 20 s",
            ),
        ]
        cols = ["measurement", args.old_ref, "now", "ratio", "goal"]
        write_csv(pd.DataFrame(rows, columns=cols), args.csv)


if __name__ == "__main__":
    main()

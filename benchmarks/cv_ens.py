"""Wall time of ENS 5-fold cross-validation at the paper's settings (450 walks x 130 tokens per TF,
dim 450) through the evaluation harness (Cypher export per fold, all-unobserved negatives, the
random and degree baselines beside it), on this machine's CPU. Read-only on the database
(``record=False``): the report goes to a temporary folder.

``--fraction`` measures one fold only (export + fit + score) and extrapolates to k folds, for machines
where the full run is too slow; the printout says which it did.

    TFKG_PROFILE=default .venv/bin/python benchmarks/cv_ens.py [--folds 5] [--negatives random|enhanced]
        [--protocol all-unobserved] [--threads 2] [--fraction] [--param key=value ...]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

import numpy as np
import torch

os.environ.setdefault("TFKG_PROFILE", "default")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--negatives", default="random", choices=["random", "enhanced"])
    ap.add_argument("--protocol", default="all-unobserved")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--preset", default="paper")
    ap.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--fraction", action="store_true", help="one fold only, extrapolated to --folds")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    params = {"preset": args.preset}
    for kv in args.param:
        k, v = kv.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v

    from tfkg.graph.db import connect

    print(
        f"ENS {params}, {args.folds}-fold, protocol {args.protocol}, {args.negatives} training negatives, "
        f"torch threads {torch.get_num_threads()}, cpu cores {os.cpu_count()}"
    )
    with connect() as g:
        if args.fraction:
            from tfkg import models
            from tfkg.eval.splits import kfold
            from tfkg.graph.export import export_snapshot

            t0 = time.perf_counter()
            full = export_snapshot(g, "hgetgi")
            split = kfold(full.positives, args.folds, 0)[0]
            tf, tg = full.nodes["tf"], full.nodes["target"]
            snap = export_snapshot(g, "hgetgi", exclude=[f"{tf[a]}|{tg[b]}" for a, b in split.held_out])
            t1 = time.perf_counter()
            m = models.create("ens", **params).fit(snap, None, seed=0)
            t2 = time.perf_counter()
            n_tf, n_tg = full.num_nodes("tf"), full.num_nodes("target")
            pairs = np.stack([np.repeat(np.arange(n_tf), n_tg), np.tile(np.arange(n_tg), n_tf)], 1)
            m.score(pairs)
            t3 = time.perf_counter()
            per_fold = t3 - t0
            print(
                f"one fold: export {t1 - t0:.1f} s, fit {t2 - t1:.1f} s ({m.timings}), score all "
                f"{len(pairs):,} pairs {t3 - t2:.1f} s"
            )
            print(
                f"EXTRAPOLATED {args.folds}-fold CV (ENS only, baselines and metrics not included): "
                f"{per_fold * args.folds / 60:.1f} min (goal <= 15 min)"
            )
            return
        from tfkg.eval.harness import evaluate

        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as out:
            res = evaluate(
                g,
                "ens",
                protocol=args.protocol,
                folds=args.folds,
                seed=0,
                params=params,
                train_negatives=args.negatives,
                dataset="hgetgi",
                baselines=("random", "degree"),
                out_dir=out,
                record=False,
                progress=lambda msg, done, total: print(f"  [{done}/{total}] {msg}", flush=True),
            )
        wall = time.perf_counter() - t0
    for name in res.info["models"]:
        au, au_sd = res.value("auroc", name)
        ap_, ap_sd = res.value("auprc", name)
        fit, _ = res.value("fit_s", name)
        print(f"{name:>8}: AUROC {au:.4f} ± {au_sd:.4f}  AUPRC {ap_:.4f} ± {ap_sd:.4f}  fit {fit:.1f} s/fold")
    print(f"MEASURED full {res.info['folds']}-fold CV wall time (harness, all models): {wall / 60:.1f} min (goal <= 15 min)")


if __name__ == "__main__":
    main()

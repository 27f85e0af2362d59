"""The ENS table of docs/models/ens.md, re-run: HGETGI, 5-fold CV (seed 0), ENS default settings beside the degree
product, under the all-unobserved and tf-matched protocols with random and enhanced training negatives. Each
configuration is one recorded evaluation (a run id in the graph, its report in ``runs/ens-table/<config>``); the
combined ``runs/ens-table/table.csv`` (config columns + each run's metrics.csv rows) is what the docs table is
generated from (``benchmarks/results.py publish … --kind metrics``).

    TFKG_PROFILE=default .venv/bin/python benchmarks/ens_table.py [--folds 5] [--out runs/ens-table]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from tfkg.provenance import write_csv

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("TFKG_PROFILE", "default")

CONFIGS = [("all-unobserved", "random"), ("all-unobserved", "enhanced"), ("tf-matched", "random"), ("tf-matched", "enhanced")]


def main() -> None:
    from tfkg.eval.harness import evaluate
    from tfkg.graph.db import connect

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("runs/ens-table"))
    args = ap.parse_args()
    parts = []
    with connect() as g:
        for protocol, negatives in CONFIGS:
            out = args.out / f"{protocol}-{negatives}"
            res = evaluate(
                g,
                "ens",
                protocol=protocol,
                train_negatives=negatives,
                folds=args.folds,
                seed=0,
                baselines=("degree",),
                out_dir=out,
            )
            m = pd.read_csv(out / "metrics.csv")
            parts.append(m.assign(train_negatives=negatives, run_id=res.run_id))
            print(f"{protocol} / {negatives}: run {res.run_id}", flush=True)
    table = pd.concat(parts, ignore_index=True)
    write_csv(table, args.out / "table.csv")
    print(f"wrote {args.out / 'table.csv'}")


if __name__ == "__main__":
    main()

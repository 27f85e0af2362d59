"""The knockout-validation table of the knockout page: ``tfkg validate knockouts`` (the same service) for each
recorded run, one row per run with its summary (share of novel top-k targets responding beside the degree prior's
and the known targets', and the median specificity of each). Read-only apart from the per-run CSV/PNG it writes.

    .venv/bin/python benchmarks/validate_knockouts_table.py [--runs degree-trrust-human,…] [--k 100]
        [--out runs/validate-knockouts]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the repo root for `benchmarks`

from tfkg.analysis.validate import validate_knockouts  # noqa: E402
from tfkg.graph.db import connect  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402

RUNS = ",".join(f"{m}-trrust-human" for m in ("degree", "prior", "ens", "hetnet-gbm", "hetnet-lr", "mtlgrn"))
KEYS = (
    "experiments",
    "tfs",
    "mean_model_rate",
    "mean_degree_rate",
    "mean_known_rate",
    "mean_background_rate",
    "specificity_experiments",
    "median_specificity",
    "median_degree_specificity",
    "median_known_specificity",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", default=RUNS, help="comma-separated run ids (tfkg runs list)")
    ap.add_argument("--k", type=int, default=100)
    ap.add_argument("--out", type=Path, default=Path("runs/validate-knockouts"))
    a = ap.parse_args()
    rows = []
    with connect() as g:
        for run in a.runs.split(","):
            res = validate_knockouts(g, run, a.k, out_dir=a.out / run)
            rows.append({"run": run, **{k: res.summary[k] for k in KEYS}})
    a.out.mkdir(parents=True, exist_ok=True)
    table = pd.DataFrame(rows)
    write_csv(table, a.out / "table.csv")
    print(table.to_string(index=False))
    print(f"wrote {a.out / 'table.csv'}")


if __name__ == "__main__":
    main()

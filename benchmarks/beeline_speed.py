"""Where the time of a `tfkg benchmark beeline` run went: each model's fit and score minutes summed over the run
folders the harness wrote (``metrics_per_fold.csv``; fit in minutes, scoring in seconds), and the harness wall time of every
run (``run.json``: ``seconds``; export, splits and reports included). Reads the benchmark's output; runs nothing.

    .venv/bin/python benchmarks/beeline_speed.py [--out runs/beeline] [--csv runs/beeline_speed.csv]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from tfkg.provenance import write_csv


def speed(out: Path) -> pd.DataFrame:
    runs = sorted(p for p in (out / "runs").glob("*") if (p / "run.json").is_file())
    if not runs:
        raise SystemExit(f"{out / 'runs'}: no finished run folder (run `tfkg benchmark beeline --out {out}` first)")
    folds = pd.concat([pd.read_csv(r / "metrics_per_fold.csv") for r in runs], ignore_index=True)
    t = folds[folds.metric.isin(["fit_s", "score_s"])].pivot_table(
        index="model", columns="metric", values="value", aggfunc="sum", sort=False
    )
    rows = [{"model": m, "runs": len(runs), "fit_min": r.fit_s / 60, "score_s": r.score_s} for m, r in t.iterrows()]
    wall = sum(json.loads((r / "run.json").read_text())["seconds"] for r in runs)
    rows.append(
        {
            "model": "all (harness wall time)",
            "runs": len(runs),
            "fit_min": float("nan"),
            "score_s": float("nan"),
            "wall_min": wall / 60,
        }
    )
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("runs/beeline"), help="the benchmark's --out folder")
    ap.add_argument("--csv", type=Path, help="also write the table here (for benchmarks/results.py publish)")
    args = ap.parse_args()
    df = speed(args.out)
    print(df.to_string(index=False, float_format=lambda v: f"{v:.1f}"))
    if args.csv:
        write_csv(df, args.csv)


if __name__ == "__main__":
    main()

"""motif-rnn with a curated signed prior (issue 20): bulk:flu, 5 folds by subject, the CollecTRI prior with its signs
(sign_l1 active) and without them (use_signs=false), beside prior-ridge on the same prior, ridge and the gene mean.
Each configuration is one recorded `tfkg evaluate` run under ``--out``; ``table.csv`` stacks their metrics.csv with
a ``variant`` column (what ``benchmarks/results.py publish --kind metrics`` renders). ``--reuse`` keeps run folders
that already hold a metrics.csv.

    TFKG_PROFILE=default .venv/bin/python benchmarks/signed_priors.py [--dataset bulk:flu] [--prior collectri] [--reuse]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
TFKG = str(Path(sys.executable).with_name("tfkg"))


def configs(dataset: str, prior: str) -> dict[str, list[str]]:
    """variant -> the `tfkg evaluate` arguments (the model name second)."""
    p = ["-p", f"prior={prior}"]
    fit = ["--preset", "fit"]
    return {
        "motif-rnn-signed": ["evaluate", "motif-rnn", "--dataset", dataset, *fit, *p, "--baselines", "mean,ridge"],
        "motif-rnn-unsigned": [
            "evaluate",
            "motif-rnn",
            "--dataset",
            dataset,
            *fit,
            *p,
            "-p",
            "use_signs=false",
            "--baselines",
            "mean",
        ],
        "prior-ridge": ["evaluate", "prior-ridge", "--dataset", dataset, *p, "--baselines", "mean"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="bulk:flu")
    ap.add_argument("--prior", default="collectri")
    ap.add_argument("--out", type=Path, default=Path("runs/signed-priors"))
    ap.add_argument("--reuse", action="store_true")
    args = ap.parse_args()
    parts = []
    for variant, cmd in configs(args.dataset, args.prior).items():
        out = args.out / variant
        if not (args.reuse and (out / "metrics.csv").exists()):
            subprocess.run([TFKG, *cmd, "--out", str(out)], check=True)
        m = pd.read_csv(out / "metrics.csv")
        own = m["model"] == cmd[1]
        parts.append(pd.concat([m[own].assign(model=variant), m[~own]]))
    table = pd.concat(parts, ignore_index=True).drop_duplicates(["model", "metric"])
    table.to_csv(args.out / "table.csv", index=False)
    print(f"wrote {args.out / 'table.csv'}")


if __name__ == "__main__":
    main()

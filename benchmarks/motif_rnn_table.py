"""Does motif-rnn learn (issue 20)? On one expression data set, 5 folds by sample group, a curated prior (CollecTRI by
default), every motif-rnn setting chosen per fold on inner folds of the training groups (``--preset search``; with
``--no-search`` the defaults, which are what that search chose on flu):

* ``motif-rnn``: the prior's edges, signs unused; ``ridge``, ``svr`` and the gene ``mean`` beside it
* ``motif-rnn-signed``: the same with the prior's signs (``sign_l1`` active)
* ``motif-rnn-thesis``: the thesis's published schedule (the "before")
* ``prior-ridge``: the linear model on the same edges

Each configuration is one recorded `tfkg evaluate` run under ``--out``; ``table.csv`` stacks their metrics.csv with
the variant as the model name (what ``benchmarks/results.py publish --kind metrics`` renders). ``--reuse`` keeps run
folders that already hold a metrics.csv.

    TFKG_PROFILE=default .venv/bin/python benchmarks/motif_rnn_table.py [--dataset bulk:flu] [--prior collectri] [--reuse]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tfkg.provenance import write_csv

os.environ.setdefault("TFKG_PROFILE", "default")
TFKG = str(Path(sys.executable).with_name("tfkg"))


def configs(dataset: str, prior: str, search: bool = True) -> dict[str, list[str]]:
    """variant -> the `tfkg evaluate` arguments (the model name second); prior "motif" is the default union of the
    data set's motif priors (unsigned, so no signed variant); ``search=False``: motif-rnn's defaults (the setting the
    search chose on flu) instead of a search per fold."""
    p = [] if prior == "motif" else ["-p", f"prior={prior}"]
    mrnn = ["evaluate", "motif-rnn", "--dataset", dataset, *p]
    chosen = ["--preset", "search"] if search else []
    out = {
        "motif-rnn": [*mrnn, *chosen, "-p", "use_signs=false", "--baselines", "mean,ridge,svr"],
        "motif-rnn-signed": [*mrnn, *chosen, "--baselines", "mean"],
        "motif-rnn-thesis": [*mrnn, "--preset", "thesis", "-p", "use_signs=false", "--baselines", "mean"],
        "prior-ridge": ["evaluate", "prior-ridge", "--dataset", dataset, *p, "--baselines", "mean"],
    }
    if prior == "motif":
        del out["motif-rnn-signed"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="bulk:flu")
    ap.add_argument("--prior", default="collectri", help="collectri, dorothea or motif (the default union)")
    ap.add_argument("--out", type=Path, default=None, help="default: runs/motif-rnn-<dataset>")
    ap.add_argument("--variants", default=None, help="comma-separated subset of the variants (default: all)")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--no-search", action="store_true", help="motif-rnn with its defaults instead of a search per fold (faster)")
    args = ap.parse_args()
    out_root = args.out or Path("runs") / f"motif-rnn-{args.dataset.replace(':', '-')}-{args.prior}"
    cfgs = configs(args.dataset, args.prior, search=not args.no_search)
    if args.variants:
        cfgs = {k: cfgs[k] for k in args.variants.split(",")}
    parts = []
    for variant, cmd in cfgs.items():
        out = out_root / variant
        if not (args.reuse and (out / "metrics.csv").exists()):
            subprocess.run([TFKG, *cmd, "--out", str(out)], check=True)
        m = pd.read_csv(out / "metrics.csv")
        own = m["model"] == cmd[1]
        parts.append(pd.concat([m[own].assign(model=variant), m[~own]]))
    table = pd.concat(parts, ignore_index=True).drop_duplicates(["model", "metric"])
    write_csv(table, out_root / "table.csv")
    print(f"wrote {out_root / 'table.csv'}")
    search = out_root / "motif-rnn" / "inner_search.csv"
    if search.exists():  # the evidence for the chosen setting: each grid entry over every (outer, inner) fold
        s = pd.read_csv(search)
        s["setting"] = [
            f"{r.schedule if isinstance(r.schedule, str) else 'exponential'}, lr {r.lr:g}"
            + (f" -> {r.lr_end:g}" if r.schedule != "one-cycle" and pd.notna(r.lr_end) else "")
            for r in s.itertuples()
        ]
        g = s.groupby(["config", "setting"], sort=True)
        summary = pd.DataFrame(
            {
                "inner validation loss (mean)": g["val_loss"].mean(),
                "sd": g["val_loss"].std(),
                "best step (mean)": g["best_step"].mean(),
                "chosen in folds": g.apply(lambda d: d.drop_duplicates("fold")["chosen"].sum(), include_groups=False),
            }
        ).reset_index()
        write_csv(summary.drop(columns="config"), out_root / "inner_search_summary.csv")
        print(f"wrote {out_root / 'inner_search_summary.csv'}")


if __name__ == "__main__":
    main()

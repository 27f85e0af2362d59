"""Choosing ``tfkg activity``'s consensus rule on the visible knockouts (MorPhiC), with folds by TF, never on the
experiments it is scored on.

The candidates are fixed before looking: each rule of ``tfkg.eval.consensus`` (``mean-rank``, ``imputed-rank``)
over all the layers, and over all the layers but one. The criterion is AUROC (the knockout benchmark's) on the
training experiments every candidate can score. Experiments are split into ``--folds`` folds by perturbed TF; in
each fold the candidate with the best training AUROC scores the held-out experiments, and the pooled held-out scores
estimate the *selection procedure* (nested), beside CollecTRI and the plain ``mean-rank`` over all layers on the
same experiments, with 95% bootstrap intervals of the paired differences. The rule shipped is the candidate the
same criterion picks on all experiments, printed at the end.

    .venv/bin/python benchmarks/consensus_rule.py [--layers collectri,dorothea:ABC,chip,coexpression]
        [--folds 5] [--bootstrap 1000] [--csv runs/consensus_rule.csv]

Needs ``tfkg ingest morphic collectri dorothea encode_chip archs4`` (and the runs named with ``run:``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tfkg.eval import consensus as C  # noqa: E402
from tfkg.eval import knockouts as kb  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402


def candidates(layers: list[str]) -> dict[str, tuple[str, list[str]]]:
    subsets = {"all layers": layers} | {f"without {x}": [y for y in layers if y != x] for x in layers}
    return {f"{rule}, {what}": (rule, sub) for rule in C.RULES for what, sub in subsets.items()}


def scorable(es: pd.DataFrame, design: pd.DataFrame) -> set[str]:
    return {e for e in es.index if any(g in es.columns and np.isfinite(es.at[e, g]) for g in design.at[e, "perturbed"])}


def auroc(es: pd.DataFrame, design: pd.DataFrame, exps: list[str]) -> float:
    return kb.score(es.loc[[e for e in es.index if e in set(exps)]], design)[0].get("auroc", np.nan)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layers", default="collectri,dorothea:ABC,chip,coexpression")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--csv", type=Path)
    args = ap.parse_args()
    from tfkg.graph.db import connect

    layers = [x.strip() for x in args.layers.split(",") if x.strip()]
    with connect() as g:
        prof = kb.load_profiles(g, "human")
        nets = {x: kb.regulon_set(g, x, "human") for x in layers}
    design = prof.design
    acts = {x: kb.activities(prof, rs.edges) for x, rs in nets.items()}
    cands = {name: C.combine([acts[x] for x in sub], rule) for name, (rule, sub) in candidates(layers).items()}
    can = {name: scorable(es, design) for name, es in cands.items()}
    shared = set.intersection(*can.values())
    # folds by perturbed TF (its first gene): no TF's knockouts are on both sides
    tfs = sorted({design.at[e, "perturbed"][0] for e in design.index})
    rng = np.random.default_rng([args.seed, 11])
    fold_of_tf = dict(zip(tfs, rng.permutation(len(tfs)) % args.folds))
    fold = {e: fold_of_tf[design.at[e, "perturbed"][0]] for e in design.index}
    picked, rows = {}, []
    for f in range(args.folds):
        train = [e for e in design.index if fold[e] != f and e in shared]
        scores = {name: auroc(es, design, train) for name, es in cands.items()}
        best = max(scores, key=lambda n: (scores[n], n == "mean-rank, all layers"))
        test = [e for e in design.index if fold[e] == f and e in can[best]]
        picked[f] = (best, test)
        rows.append(
            {
                "fold": f,
                "chosen": best,
                "train_experiments": len(train),
                "train_auroc": scores[best],
                "test_experiments": len(test),
            }
        )
    folds = pd.DataFrame(rows)
    print(folds.to_string(index=False))
    # the nested estimate: each held-out experiment scored by the candidate its training folds chose
    nested = pd.concat([cands[best].loc[test] for best, test in picked.values()]).reindex(
        columns=sorted(set().union(*(c.columns for c in cands.values())))
    )
    compared = {
        "nested selection": nested,
        "mean-rank, all layers": cands["mean-rank, all layers"],
        "collectri": acts["collectri"],
    }
    common = sorted(set(nested.index) & scorable(acts["collectri"], design))
    boot = kb.bootstrap_intervals(
        {n: es.loc[es.index.intersection(common)] for n, es in compared.items()}, design, common, args.bootstrap, args.seed
    )
    table = []
    for name, es in compared.items():
        m, _ = kb.score(es.loc[es.index.intersection(common)], design)
        d = boot[name] - boot["collectri"]
        lo, hi = np.percentile(boot[name], [2.5, 97.5], axis=0)
        dlo, dhi = np.percentile(d, [2.5, 97.5], axis=0)
        table.append(
            {
                "set": name,
                "experiments": m["experiments"],
                "auroc": m["auroc"],
                "auroc_lo": lo[0],
                "auroc_hi": hi[0],
                "one_minus_qrank": m["one_minus_qrank"],
                "auroc_vs_collectri_lo": dlo[0],
                "auroc_vs_collectri_hi": dhi[0],
                "qrank_vs_collectri_lo": dlo[1],
                "qrank_vs_collectri_hi": dhi[1],
            }
        )
    out = pd.DataFrame(table)
    print(f"\non the {len(common)} held-out experiments CollecTRI can also score:")
    print(out.round(3).to_string(index=False))
    every = {name: auroc(es, design, sorted(shared)) for name, es in cands.items()}
    final = max(every, key=lambda n: (every[n], n == "mean-rank, all layers"))
    print(f"\nchosen on all {len(shared)} experiments every candidate scores: {final} (AUROC {every[final]:.3f})")
    for name in sorted(every, key=lambda n: -every[n]):
        print(f"  {every[name]:.3f}  {name}")
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        write_csv(out, args.csv)
        write_csv(folds, args.csv.with_name(args.csv.stem + "-folds.csv"))
        write_csv(
            pd.DataFrame({"candidate": list(every), "auroc_all_experiments": list(every.values())}),
            args.csv.with_name(args.csv.stem + "-candidates.csv"),
        )


if __name__ == "__main__":
    main()

"""The reference tables of the evaluation page ("Evaluation you can trust"), each through the evaluation harness
(Cypher export per fold, leakage checks, seeded folds, ``record=False``), one CSV + markdown per section for
``benchmarks/results.py publish``. Needs HGETGI, the bulk sets, DREAM4 and MorPhiC ingested (and a BEELINE folder
for the rows that name one; they are left out, with a line saying so, when it is not in the graph).

Sections:

``reference``     HGETGI ``degree`` (with and without the +1 smoothing); ``prior`` on BEELINE hESC (file split,
                  balanced random negatives);
``degree``        HGETGI ``hetnet-gbm`` beside ``degree``, ``edge-prior`` and ``random``, all-unobserved and
                  degree-matched negatives;
``expression``    ``ridge`` beside ``mean`` on the bulk sets (split by subject / sample) and BEELINE hHEP (by cell);
``perturbation``  ``linear`` beside ``mean-ko`` and ``no-change`` on DREAM4 100-1 and MorPhiC (folds by gene).

    .venv/bin/python benchmarks/evaluation_tables.py [--section all] [--out runs/evaluation_tables]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the repo root for `benchmarks`

from benchmarks.mtlgrn_tables import cells, run, run_sections, table  # noqa: E402
from tfkg.graph.db import connect  # noqa: E402

HESC, HHEP = "beeline:Specific:hESC:500", "beeline:Specific:hHEP:500"


def _have(g, dataset: str) -> bool:
    """BEELINE folders are ingested one by one; every other dataset here is required."""
    return not dataset.startswith("beeline:") or bool(g.run("dataset_info", dataset=dataset))


def _rows(g, cases, metrics, models=None) -> list[dict]:
    """One row per (command, model): each case is (command text, run() keyword arguments)."""
    rows = []
    for command, kw in cases:
        if not _have(g, kw["dataset"]):
            rows.append({"command": command, "model": f"(not run: {kw['dataset']} is not in the graph)"})
            continue
        res = run(g, **kw)
        for m in models or res.info["models"]:
            rows.append({"command": command, "model": m, **cells(res, metrics, m)})
    return rows


def reference(g) -> pd.DataFrame:
    cases = [
        ("tfkg evaluate degree --folds 5 (HGETGI)", dict(model="degree", dataset="hgetgi")),
        (
            "tfkg evaluate degree --folds 5 --param smoothing=0 (HGETGI)",
            dict(model="degree", dataset="hgetgi", params={"smoothing": 0}),
        ),
        (
            f"tfkg evaluate prior --protocol file --train-negatives file --dataset {HESC}",
            dict(model="prior", dataset=HESC, protocol="file", train_negatives="file"),
        ),
        (
            f"tfkg evaluate prior --protocol balanced-random --folds 5 --dataset {HESC}",
            dict(model="prior", dataset=HESC, protocol="balanced-random"),
        ),
    ]
    return table(_rows(g, cases, ("auroc", "auprc")), ["command", "model", "auroc", "auprc"])


def degree(g) -> pd.DataFrame:
    base = ("degree", "edge-prior", "random")
    cases = [
        (
            f"tfkg evaluate hetnet-gbm --dataset hgetgi -P {p} --baselines {','.join(base)}",
            dict(model="hetnet-gbm", dataset="hgetgi", protocol=p, baselines=base),
        )
        for p in ("all-unobserved", "degree-matched")
    ]
    return table(_rows(g, cases, ("auroc", "auprc")), ["command", "model", "auroc", "auprc"])


EXPR = ("r2_gene_median", "pcc_gene_median", "beats_mean_share", "pcc_flat", "r2_flat")


def expression(g) -> pd.DataFrame:
    cases = [
        (f"tfkg evaluate ridge --dataset {d} --baselines mean", dict(model="ridge", dataset=d, baselines=("mean",)))
        for d in ("bulk:flu", "bulk:geuvadis", HHEP)
    ]
    return table(_rows(g, cases, EXPR), ["command", "model", *EXPR])


KO = ("delta_pcc", "delta_mse", "top20_sign_acc", "changed_auroc")


def perturbation(g) -> pd.DataFrame:
    base = ("mean-ko", "no-change")
    cases = [
        (f"tfkg evaluate linear --dataset {d} --baselines {','.join(base)}", dict(model="linear", dataset=d, baselines=base))
        for d in ("dream4:100-1", "morphic")
    ]
    return table(_rows(g, cases, KO), ["command", "model", *KO])


SECTIONS = {"reference": reference, "degree": degree, "expression": expression, "perturbation": perturbation}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--section", default="all", choices=["all", *SECTIONS])
    ap.add_argument("--out", type=Path, default=Path("runs/evaluation_tables"))
    a = ap.parse_args()
    with connect() as g:
        run_sections(g, SECTIONS, list(SECTIONS) if a.section == "all" else [a.section], a.out, "evaluation_tables.py")


if __name__ == "__main__":
    main()

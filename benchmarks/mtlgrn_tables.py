"""The MTLGRN tables of the README, each through the evaluation harness (Cypher export per fold, leakage
checks, seeded folds), read-only on the database (``record=False``). Needs ``trrust:mouse`` and DREAM4
ingested (``tfkg ingest trrust``, ``mgi``, ``tf_families``, ``celloracle``, ``dream4``).

Sections:

``link``      TRRUST mouse: the paper's protocol (balanced-random 1:1) and the strict ones (tf-matched at
              natural density, held-out TF) for mtlgrn, degree, the training prior and the MLP without graph;
``features``  TRRUST mouse feature ablation (tf-matched): random, attributes, motifs, both, + degree;
``negatives`` TRRUST mouse: the link head's training negatives (given random pairs, corrupted targets, both);
``knockout``  DREAM4 size 100, networks 1-5: held-out single knockouts (5 folds by perturbed gene), Δ metrics;
``doubles``   DREAM4 size 100, networks 1-5: trained on every single, tested on the double knockouts;
``tasks``     DREAM4 size 100, networks 1-5: which heads help the knockout task and the link task;
``grn``       DREAM4 size 100, networks 1-5: GRN reconstruction without any gold edge in training
              (mtlgrn's in-silico knockout screen vs the knockout z-scores) beside supervised link CV.

    .venv/bin/python benchmarks/mtlgrn_tables.py [--section all] [--networks 1,2,3,4,5] [--out runs/mtlgrn_tables]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

os.environ.setdefault("TFKG_PROFILE", "default")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: the repo root for `benchmarks`

from benchmarks.results import _plain  # noqa: E402
from tfkg import models  # noqa: E402
from tfkg.data.snapshot import REG  # noqa: E402
from tfkg.eval import metrics as M  # noqa: E402
from tfkg.eval.harness import EvalConfig, evaluate  # noqa: E402
from tfkg.graph.db import connect  # noqa: E402
from tfkg.graph.export import export_snapshot  # noqa: E402
from tfkg.provenance import write_csv  # noqa: E402

LINK_METRICS = ("accuracy", "auroc", "auprc", "f1", "precision_at_k")
KO_METRICS = ("delta_pcc", "delta_mse", "top20_sign_acc", "delta_spearman_de", "full_pcc")


def run(g, model, dataset, task=None, protocol="all-unobserved", baselines=(), params=None, folds=5, seed=0, **extra):
    """One harness evaluation, nothing recorded; ``extra`` goes to ``EvalConfig`` as is (e.g. ``train_negatives``)."""
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        res = evaluate(
            g,
            EvalConfig(
                model=model,
                dataset=dataset,
                task=task,
                protocol=protocol,
                folds=folds,
                baselines=tuple(baselines),
                params=params or {},
                record=False,
                out_dir=tmp,
                seed=seed,
                **extra,
            ),
        )
        res.info["wall_s"] = time.perf_counter() - t
        return res


def cells(res, metrics, model=None) -> dict:
    """Each metric's mean over the folds and its sd (``METRIC_sd``), as numbers: the CSV keeps them apart and
    ``benchmarks/results.py`` renders "mean ± sd"."""
    out = {}
    for k in metrics:
        try:
            out[k], out[f"{k}_sd"] = res.value(k, model)
        except IndexError:
            continue
    return out


def mean_sd(df: pd.DataFrame, by: str, metrics) -> list[dict]:
    """Mean and sd over the rows of each ``by`` group (networks, seeds), in the same two-column form as ``cells``."""
    return [
        {by: key, **{c: v for k in metrics if k in part for c, v in ((k, part[k].mean()), (f"{k}_sd", part[k].std()))}}
        for key, part in df.groupby(by, sort=False)
    ]


def table(rows: list[dict], cols: list[str]) -> pd.DataFrame:
    """A section's table: written as ``NAME.csv`` (what ``benchmarks/results.py publish`` takes) and ``NAME.md``;
    each metric column is followed by its ``_sd`` column where the rows have one."""
    have = {k for r in rows for k in r}
    cols = [x for c in cols for x in (c, f"{c}_sd") if x == c or x in have]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)


def write_table(df: pd.DataFrame, out: Path, name: str, note: str = "") -> str:
    """Write a section's table as CSV and markdown under ``out``; the markdown is returned for printing."""
    write_csv(df, out / f"{name}.csv")
    text = "\n".join(_plain(df, {}))
    text += f"\n\n{note}\n" if note else "\n"
    (out / f"{name}.md").write_text(text)
    return text


def run_sections(g, sections: dict, chosen: list[str], out: Path, script: str) -> None:
    """Run each chosen section (a function of the graph), write its CSV and markdown under ``out``, print it."""
    out.mkdir(parents=True, exist_ok=True)
    for name in chosen:
        t = time.perf_counter()
        df = sections[name](g)
        note = f"({name}: {time.perf_counter() - t:.0f} s; `benchmarks/{script} --section {name}`)"
        print(f"## {name}\n\n{write_table(df, out, name, note)}", flush=True)


def link(g) -> pd.DataFrame:
    rows = []
    for protocol in ("balanced-random", "tf-matched", "heldout-tf"):
        res = run(g, "mtlgrn", "trrust:mouse", protocol=protocol, baselines=("degree", "prior", "feature-mlp"))
        fit = res.summary[(res.summary.model == "mtlgrn") & (res.summary.metric == "fit_s")]["mean"].iloc[0]
        for m in res.info["models"]:
            rows.append({"protocol": protocol, "model": m, **cells(res, LINK_METRICS, m)})
        rows.append(
            {
                "protocol": protocol,
                "model": f"(5-fold CV wall {res.info['wall_s']:.0f} s for all four; mtlgrn fit {fit:.1f} s/fold)",
            }
        )
    return table(rows, ["protocol", "model", *LINK_METRICS])


FEATURE_SETS = {
    "random": ("random",),
    "attributes": ("attributes",),
    "motifs": ("motifs",),
    "attributes + motifs": ("attributes", "motifs"),
    "degree only": ("degree",),
    "attributes + motifs + degree (default)": ("attributes", "motifs", "degree"),
}


def _mouse_ablation(
    g, column: str, variants: dict[str, dict], metrics: tuple[str, ...], protocols=("tf-matched",)
) -> pd.DataFrame:
    """mtlgrn on TRRUST mouse (5 folds) once per parameter variant and protocol."""
    rows = []
    for protocol in protocols:
        for label, params in variants.items():
            res = run(g, "mtlgrn", "trrust:mouse", protocol=protocol, params=params)
            rows.append({"protocol": protocol, column: label, **cells(res, metrics)})
    return table(rows, ["protocol", column, *metrics])


def features(g) -> pd.DataFrame:
    return _mouse_ablation(g, "features", {label: {"features": list(f)} for label, f in FEATURE_SETS.items()}, ("auroc", "auprc"))


def negatives(g) -> pd.DataFrame:
    return _mouse_ablation(
        g,
        "link_negatives",
        {k: {"link_negatives": k} for k in ("given", "corrupt", "both")},
        ("auroc", "auprc", "precision_at_k"),
    )


def _over_networks(g, networks, model, task, baselines=(), params=None, metrics=KO_METRICS, label=None):
    """Mean ± sd over the networks of each model's per-network mean."""
    per = []
    for n in networks:
        res = run(g, model, f"dream4:100-{n}", task=task, baselines=baselines, params=params)
        for m in res.info["models"]:
            per.append(
                {
                    "model": label if (label and m == model) else m,
                    "network": n,
                    **{k: res.value(k, m)[0] for k in metrics if k in set(res.summary.metric)},
                }
            )
    return mean_sd(pd.DataFrame(per), "model", metrics)


KO_VARIANTS = {
    "mtlgrn (ko_encoding=embedding)": {"ko_encoding": "embedding"},
    "mtlgrn (ko_encoding=onehot)": {"ko_encoding": "onehot"},
    "mtlgrn (pairwise decoder)": {"ko_decoder": "pairwise", "ko_encoding": "embedding"},
}


def _knockout_table(g, networks, task: str, baselines: tuple[str, ...]) -> pd.DataFrame:
    """mtlgrn (default) with its baselines, then each knockout-head variant, mean ± sd over the networks."""
    rows = _over_networks(g, networks, "mtlgrn", task, baselines)
    for label, params in KO_VARIANTS.items():
        rows += _over_networks(g, networks, "mtlgrn", task, params=params, label=label)
    return table(rows, ["model", *KO_METRICS])


def knockout(g, networks) -> pd.DataFrame:
    return _knockout_table(g, networks, "perturbation", ("no-change", "mean-ko", "linear", "ko-mlp"))


def doubles(g, networks) -> pd.DataFrame:
    return _knockout_table(g, networks, "double-knockout", ("no-change", "mean-ko", "additive", "linear", "ko-mlp"))


TASK_SETS = {
    "all three heads": {},
    "no expression head": {"expr_weight": 0},
    "no link head": {"link_weight": 0},
    "knockout head only": {"link_weight": 0, "expr_weight": 0},
}
LINK_SETS = {
    "all three heads": {},
    "link head only (= gat)": {"ko_weight": 0, "expr_weight": 0},
    "no knockout head": {"ko_weight": 0},
    "no expression head": {"expr_weight": 0},
}


def tasks(g, networks) -> pd.DataFrame:
    rows = []
    for label, params in TASK_SETS.items():
        r = _over_networks(g, networks, "mtlgrn", "perturbation", params=params, metrics=("delta_pcc", "delta_mse"))
        rows.append({"task": "held-out single knockouts", "heads": label, **r[0]})
    for label, params in LINK_SETS.items():
        r = _over_networks(g, networks, "mtlgrn", "link", params=params, metrics=("auroc", "auprc"))
        rows.append({"task": "link (5-fold, all unobserved)", "heads": label, **r[0]})
    r = _over_networks(g, networks, "degree", "link", metrics=("auroc", "auprc"))
    rows.append({"task": "link (5-fold, all unobserved)", "heads": "degree prior", **r[0]})
    return table(rows, ["task", "heads", "delta_pcc", "delta_mse", "auroc", "auprc"])


def grn(g, networks) -> pd.DataFrame:
    """No gold edge in training: mtlgrn (knockout + expression heads) screens every TF in silico; |Δ| ranks
    its candidate targets. Beside it the knockout z-score (|measured Δ| / the gene's sd over knockouts)."""
    rows = []
    for n in networks:
        ds = f"dream4:100-{n}"
        full = export_snapshot(g, ds)
        tf, tg = np.asarray(full.nodes["tf"]), np.asarray(full.nodes["target"])
        gold = [f"{a}|{b}" for a, b in zip(tf[full.edges[REG][0]], tg[full.edges[REG][1]])]
        snap = export_snapshot(g, ds, exclude=gold)
        assert snap.edges[REG].shape[1] == 0
        rows_of_tf = full.rows_in("target", "tf")
        truth = np.zeros((len(tf), len(tg)), bool)
        truth[full.edges[REG][0], full.edges[REG][1]] = True
        cand = np.ones_like(truth)
        cand[np.arange(len(tf)), rows_of_tf] = False
        pt = snap.perturbations
        ko = np.array([k == "knockout" for k in pt.kind]) & pt.single
        eff = pt.effect[ko]
        z = np.abs((eff - eff.mean(0)) / (eff.std(0) + 1e-9))
        zmat = np.zeros_like(truth, dtype=float)
        row_of_gene = {int(gi): r for r, gi in enumerate(pt.perturbed[ko])}
        for i, gi in enumerate(rows_of_tf):
            if int(gi) in row_of_gene:
                zmat[i] = z[row_of_gene[int(gi)]]
        m = models.create("mtlgrn", link_weight=0.0).fit(snap, None, seed=0)
        screen = np.abs(m.predict_effects(rows_of_tf))
        mean_ko = np.abs(eff.mean(0))[None].repeat(len(tf), 0)
        for name, s in (
            ("knockout z-score (measured)", zmat),
            ("mtlgrn in-silico screen (no gold edges)", screen),
            ("|mean knockout Δ| of the target (no TF information)", mean_ko),
        ):
            rows.append(
                {"network": n, "scores": name, "auroc": M.auroc(truth[cand], s[cand]), "auprc": M.auprc(truth[cand], s[cand])}
            )
        sup = run(g, "mtlgrn", ds, task="link", baselines=("degree",))
        for mname in ("mtlgrn", "degree"):
            rows.append(
                {
                    "network": n,
                    "scores": f"{mname}: supervised 5-fold link CV (80% of gold edges train)",
                    "auroc": sup.value("auroc", mname)[0],
                    "auprc": sup.value("auprc", mname)[0],
                }
            )
    out = mean_sd(pd.DataFrame(rows), "scores", ("auroc", "auprc"))
    return table(out, ["scores", "auroc", "auprc"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--section", default="all", choices=["all", "link", "features", "negatives", "knockout", "doubles", "tasks", "grn"]
    )
    ap.add_argument("--networks", default="1,2,3,4,5")
    ap.add_argument("--out", type=Path, default=Path("runs/mtlgrn_tables"))
    args = ap.parse_args()
    nets = [int(x) for x in args.networks.split(",")]
    sections = {
        "link": lambda g: link(g),
        "features": lambda g: features(g),
        "negatives": lambda g: negatives(g),
        "knockout": lambda g: knockout(g, nets),
        "doubles": lambda g: doubles(g, nets),
        "tasks": lambda g: tasks(g, nets),
        "grn": lambda g: grn(g, nets),
    }
    chosen = list(sections) if args.section == "all" else [args.section]
    with connect() as g:
        run_sections(g, sections, chosen, args.out, "mtlgrn_tables.py")


if __name__ == "__main__":
    main()

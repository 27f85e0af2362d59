"""The BEELINE benchmark: every network × cell type × size with expression, three protocols, several seeds.

``hns``         GENELink's hard-negative split: its published files where they exist (``file`` protocol),
                else its procedure re-run seeded: one 8:1:1 split of the edges, negatives every non-target
                of each tested TF at natural density (``tf-matched``);
``holdout-tf``  one seeded split over TFs (80/10/10): every edge of the test TFs unseen in training,
                negatives all their non-targets (``heldout-tf``);
``balanced``    the thesis's 8:1:1 split with as many uniformly random non-edges as test edges
                (``balanced-random``).

Each (data set, protocol, seed) is one harness run (Cypher export, leakage check, a ``ModelRun``) with every
model on the same split. Out: ``table.csv`` (``network,cell,size,protocol,model,auroc,auprc,auprc_ratio,
epr,seeds``: means over seeds), ``heatmap_<protocol>.png`` (models × data sets), BEELINE-format
``ranked/<dataset>/<model>/rankedEdges.csv`` (``Gene1<TAB>Gene2<TAB>EdgeWeight``, the seed-0 model of the
first protocol, top ``ranked_top`` pairs) and ``report.md`` with, per protocol, on how many data sets
each model beats the expression-free ``prior`` and the median gap. Each model's top edges of that run are
written back as ``PREDICTED_REGULATES`` (one ``ModelRun`` per model, kind ``benchmark``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg import config
from tfkg.errors import InputError, NotFoundError
from tfkg.eval.harness import EvalConfig, evaluate
from tfkg.eval.protocols import genelink_split_dir
from tfkg.graph import runs
from tfkg.graph.db import Graph
from tfkg.graph.runs import code_version

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["BenchmarkResult", "run_benchmark"]

PROTOCOLS = {"hns": "tf-matched", "holdout-tf": "heldout-tf", "balanced": "balanced-random"}
METRICS = ("auroc", "auprc", "auprc_ratio", "epr")
QUICK = ("beeline:Specific:mHSC-L:500", "beeline:STRING:mHSC-L:500")
Progress = Callable[[str, int, int], None]


@dataclass
class BenchmarkResult:
    table: pd.DataFrame  # network, cell, size, protocol, model, auroc, auprc, auprc_ratio, epr, seeds
    per_seed: pd.DataFrame
    out: Path
    paths: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def datasets(graph: Graph) -> list[str]:
    """Every BEELINE data set in the graph that has an expression matrix, sorted."""
    return [r["key"] for r in graph.run("beeline_datasets")]


def run_benchmark(
    graph: Graph,
    models: list[str],
    protocols: list[str],
    *,
    seeds: int = 3,
    out: Path | str = "beeline",
    only: list[str] | None = None,
    quick: bool = False,
    ranked_top: int = 10_000,
    device: str = "cpu",
    progress: Progress | None = None,
    resume: bool = False,
) -> BenchmarkResult:
    """Run (or, with ``resume``, complete: a data set × protocol × seed whose run folder holds a report with
    the same models is read back, not re-run) the benchmark and write its outputs."""
    t0 = time.perf_counter()
    say = progress or (lambda msg, done, total: None)
    unknown = [p for p in protocols if p not in PROTOCOLS]
    if unknown or not protocols:
        raise InputError(f"unknown protocol(s) {', '.join(unknown) or '(none)'}; known: {', '.join(PROTOCOLS)}")
    if not models:
        raise InputError("name at least one model")
    keys = datasets(graph)
    if only:
        missing = sorted(set(only) - set(keys))
        if missing:
            raise NotFoundError(f"not BEELINE data sets with expression in the graph: {', '.join(missing)}")
        keys = [k for k in keys if k in set(only)]
    if quick:
        keys = [k for k in keys if k in QUICK] or keys[:2]
        seeds = 1
    if not keys:
        raise NotFoundError("no BEELINE data set with expression in the graph (tfkg ingest beeline FOLDER ...)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows, total, done = [], len(keys) * len(protocols) * seeds, 0
    for key in keys:
        _, net, cell, size = key.split(":")
        published = genelink_split_dir(key, config.data_root())
        for pi, proto in enumerate(protocols):
            name = "file" if proto == "hns" and published is not None else PROTOCOLS[proto]
            for seed in range(seeds):
                say(f"{key} · {proto} · seed {seed}", done, total)
                keep = seed == 0 and pi == 0
                run_dir = out / "runs" / f"{key.replace(':', '_')}-{proto}-{seed}"
                base = {"network": net, "cell": cell, "size": int(size), "protocol": proto, "seed": seed, "split": name}
                old = (
                    _read_run(
                        run_dir,
                        models,
                        {
                            "dataset": key,
                            "protocol": name,
                            "seed": seed,
                            "split": "811",
                            "train_negatives": "file" if name == "file" else "random",
                            "code_version": code_version(),
                        },
                    )
                    if resume
                    else None
                )
                if old is not None:
                    rows += [{**base, **r} for r in old]
                    done += 1
                    continue
                res = evaluate(
                    graph,
                    EvalConfig(
                        model=models[0],
                        baselines=tuple(models[1:]),
                        dataset=key,
                        protocol=name,
                        seed=seed,
                        split="811",
                        train_negatives="file" if name == "file" else "random",
                        keep_scores=keep,
                        device=device,
                        out_dir=run_dir,
                    ),
                )
                for m in res.info["models"]:
                    rows.append({**base, "model": m, "run_id": res.run_id, **{k: res.value(k, m)[0] for k in METRICS}})
                if keep:
                    _ranked(graph, res, key, out / "ranked", ranked_top)
                done += 1
    per_seed = pd.DataFrame(rows)
    table = per_seed.groupby(["network", "cell", "size", "protocol", "model"], sort=False)[list(METRICS)].mean().reset_index()
    table["seeds"] = per_seed.groupby(["network", "cell", "size", "protocol", "model"], sort=False).size().to_numpy()
    bench = BenchmarkResult(table, per_seed, out, seconds=time.perf_counter() - t0)
    bench.paths = write(bench, models, protocols)
    return bench


def _read_run(run_dir: Path, models: list[str], expect: dict) -> list[dict] | None:
    """The per-model metrics of a finished harness run folder (None when it is not finished). A folder made by other
    code, data set, protocol, seed or split, or with other models, is refused: its numbers would be mixed in."""
    import json

    try:
        info = json.loads((run_dir / "run.json").read_text())
        summary = pd.read_csv(run_dir / "metrics.csv")
    except (OSError, ValueError):
        return None
    got = {**{k: info.get(k) for k in expect}, "models": info.get("models")}
    want = {**expect, "models": list(dict.fromkeys(models))}
    differ = [f"{k}: {got[k]!r} there, {want[k]!r} now" for k in want if got[k] != want[k]]
    if differ:
        raise InputError(
            f"--resume: {run_dir} was made with other settings ({'; '.join(differ)}); give another --out or delete that folder"
        )
    val = summary.set_index(["model", "metric"])["mean"]
    return [{"model": m, "run_id": info["run_id"], **{k: float(val[(m, k)]) for k in METRICS}} for m in info["models"]]


def _ranked(graph: Graph, res, key: str, out: Path, top: int) -> None:
    """BEELINE ``rankedEdges.csv`` per model (all candidate pairs' scores from the seed-0 model, top ``top``) and
    the same top edges written back as ``PREDICTED_REGULATES`` under a per-model ``ModelRun``."""
    from tfkg.data.datasets import dataset_spec
    from tfkg.graph.export import members

    spec = dataset_spec(key)
    roles = members(graph, spec)
    tfs, genes = roles[spec.tf_role]["keys"], roles[spec.target_role]["keys"]
    for (model, _fold), matrix in res.scores.items():
        frame = ranked_frame(matrix, tfs, genes, top)
        d = out / key.replace(":", "_") / model
        d.mkdir(parents=True, exist_ok=True)
        frame.rename(columns={"tf": "Gene1", "target": "Gene2", "score": "EdgeWeight"})[["Gene1", "Gene2", "EdgeWeight"]].to_csv(
            d / "rankedEdges.csv", sep="\t", index=False
        )
        run_id = f"{res.run_id}-{model}"
        runs.save_run(
            graph,
            run_id,
            model,
            "benchmark",
            {"dataset": key, "source_run": res.run_id, "top": top},
            {k: res.value(k, model)[0] for k in METRICS},
            [f"dataset:{key}"],
            dataset=key,
            species=spec.species,
            status="done",
        )
        runs.write_predictions(graph, run_id, model, frame, species=spec.species)


def ranked_frame(matrix: np.ndarray, tfs: list[str], genes: list[str], top: int) -> pd.DataFrame:
    """The ``top`` highest-scored TF -> gene pairs (a gene never with itself), ties broken by name."""
    m = np.asarray(matrix, dtype=float).copy()
    gi = {g: j for j, g in enumerate(genes)}
    for i, t in enumerate(tfs):
        if t in gi:
            m[i, gi[t]] = -np.inf
    flat = m.ravel()
    k = min(top, int(np.isfinite(flat).sum()))
    idx = np.argpartition(-flat, k - 1)[:k] if k < len(flat) else np.arange(len(flat))
    a, b = np.divmod(idx, len(genes))
    tf, tg = np.asarray(tfs, dtype=object)[a], np.asarray(genes, dtype=object)[b]
    order = np.lexsort((tg, tf, -flat[idx]))
    return pd.DataFrame({"tf": tf[order], "target": tg[order], "score": flat[idx][order], "rank": np.arange(1, len(order) + 1)})


SUMMARY_HEADER = [
    "model",
    "mean AUROC",
    "mean AUPRC",
    "mean AUPRC ratio",
    "mean EPR",
    "beats prior (AUROC)",
    "median AUROC gap to prior",
    "beats prior (AUPRC)",
    "median AUPRC gap",
]


def summary_table(part: pd.DataFrame, order: list[str]) -> list[str]:
    """One protocol's rows of ``table.csv`` as a markdown table: each model's means over the data sets and, beside
    the expression-free ``prior``, on how many data sets it beats it and the median gap (the report and the docs'
    generated tables both use this)."""
    if "dataset" not in part:
        part = part.assign(dataset=part["network"] + ":" + part["cell"] + ":" + part["size"].astype(str))
    prior = part[part.model == "prior"].set_index("dataset") if "prior" in set(part.model) else None
    lines = ["| " + " | ".join(SUMMARY_HEADER) + " |", "|" + "---|" * len(SUMMARY_HEADER)]
    for m in order:
        mp = part[part.model == m].set_index("dataset")
        if mp.empty:
            continue
        cells = [m, f"{mp.auroc.mean():.3f}", f"{mp.auprc.mean():.3f}", f"{mp.auprc_ratio.mean():.2f}", f"{mp.epr.mean():.2f}"]
        if prior is not None and m != "prior":
            common = mp.index.intersection(prior.index)
            for metric in ("auroc", "auprc"):
                gap = mp.loc[common, metric] - prior.loc[common, metric]
                cells += [f"{int((gap > 0).sum())} of {len(common)}", f"{gap.median():+.3f}"]
        else:
            cells += ["", "", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write(res: BenchmarkResult, models: list[str], protocols: list[str]) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = res.out
    paths = {"table": out / "table.csv", "per_seed": out / "table_per_seed.csv", "report": out / "report.md"}
    t = res.table.copy()
    t.to_csv(paths["table"], index=False)
    res.per_seed.to_csv(paths["per_seed"], index=False)
    t["dataset"] = t["network"] + ":" + t["cell"] + ":" + t["size"].astype(str)
    order = list(dict.fromkeys(models))
    lines = [
        "# BEELINE benchmark",
        "",
        f"{t['dataset'].nunique()} data sets × {len(protocols)} protocols × "
        f"{int(res.per_seed['seed'].nunique())} seed(s); models {', '.join(order)}; {res.seconds / 60:.1f} min.",
        "",
        "What a BEELINE number means under each protocol:",
        "",
        "- **hns** (GENELink's hard negatives: same-TF non-targets at natural density): does the model rank a "
        "TF's true targets above its other genes? The expression-free `prior` (the TF's training positive rate × "
        "(1 + the target's training in-degree)) already does this well, because targets are shared hubs.",
        "- **holdout-tf** (test TFs have no training edge): can the model say anything about a TF it has never "
        "seen regulate? Only target-side information (hubs) and expression can help.",
        "- **balanced** (1:1 uniform random non-edges): mostly asks whether a pair involves a busy TF and a busy "
        "target — the expression-free `prior` sits at the top of this table without any expression.",
        "",
    ]
    for proto in protocols:
        part = t[t.protocol == proto]
        if part.empty:
            continue
        piv = part.pivot_table(index="model", columns="dataset", values="auroc").reindex(order)
        fig, ax = plt.subplots(figsize=(max(6, 0.45 * piv.shape[1] + 2), 0.45 * piv.shape[0] + 2.2), dpi=110)
        im = ax.imshow(piv.to_numpy(), vmin=0.4, vmax=1.0, cmap="viridis", aspect="auto")
        ax.set_xticks(range(piv.shape[1]), piv.columns, rotation=75, fontsize=6)
        ax.set_yticks(range(piv.shape[0]), piv.index, fontsize=8)
        for (i, j), v in np.ndenumerate(piv.to_numpy()):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=5, color="white" if v < 0.75 else "black")
        fig.colorbar(im, ax=ax, label="AUROC")
        ax.set_title(f"BEELINE · {proto}", fontsize=9)
        fig.tight_layout()
        paths[f"heatmap_{proto}"] = out / f"heatmap_{proto}.png"
        fig.savefig(paths[f"heatmap_{proto}"])
        plt.close(fig)
        lines += [f"## {proto}", "", *summary_table(part, order), "", f"![{proto}](heatmap_{proto}.png)", ""]
    lines += [
        "Files: `table.csv` (means over seeds), `table_per_seed.csv`, `heatmap_<protocol>.png`, "
        "`ranked/<dataset>/<model>/rankedEdges.csv` (BEELINE format, tab-separated), `runs/` (one harness "
        "report per data set × protocol × seed).",
        "",
    ]
    paths["report"].write_text("\n".join(lines))
    return paths

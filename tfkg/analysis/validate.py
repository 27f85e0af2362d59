"""``tfkg validate knockouts``: do a run's *novel* predictions respond when the TF is knocked out?

For every TF of the run with a measured single knockout in the graph (MorPhiC, DREAM4, any ingested
``Knockout``): the share of its top-k novel predicted targets (not a curated edge in any source) that respond
in the knockout (``padj`` <= 0.05 where the source reports it, else |change| above the dataset's threshold),
beside the background rate among all the dataset's candidate targets, the same rate for the degree prior's
top-k (the most regulated targets the TF is not known to regulate) and for the TF's known targets.

Those rates reward hubs: the genes that respond to *any* perturbation are the most regulated ones. So each row
also carries the **specificity** of the novel top-k (where full profiles exist): their mean |stat| in the TF's
own knockout divided by their mean |stat| in the other TFs' knockouts of the same context (else of the same
dataset), each experiment's |stat| first divided by its mean over all measured genes. A hub prior scores about 1 by
construction; ``degree_specificity`` is the degree prior's value.
Written as a table (CSV), a PNG and ``validation_json`` on the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from tfkg.data.datasets import dataset_spec
from tfkg.data.snapshot import REG
from tfkg.errors import InputError, NotFoundError
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["Validation", "validate_knockouts"]


@dataclass
class Validation:
    run_id: str
    table: pd.DataFrame  # tf, experiment, k, hits, model_rate, degree_rate, background_rate, known_rate
    summary: dict
    paths: dict[str, Path] = field(default_factory=dict)


def validate_knockouts(
    graph: Graph, run_id: str, k: int = 100, *, padj: float = 0.05, threshold: float | None = None, out_dir: Path | None = None
) -> Validation:
    rows = graph.run("get_run", run_id=run_id)
    if not rows:
        raise NotFoundError(f"no run {run_id!r} (tfkg runs list)")
    run = dict(rows[0]["run"])
    dataset, species = run.get("dataset"), run.get("species") or "human"
    if not dataset:
        raise InputError(f"run {run_id!r} names no dataset")
    spec = dataset_spec(dataset)
    thr = spec.changed_threshold if threshold is None else threshold
    pred = pd.DataFrame(graph.columns("run_predictions", run_id=run_id)[0])
    if pred.empty:
        raise NotFoundError(f"run {run_id!r} has no predicted edges")
    tfs = sorted(pred["tf"].unique())
    ko = graph.run("knockout_responses", tfs=tfs, species=species, padj=padj, threshold=thr)
    if not ko:
        raise NotFoundError(f"none of the {len(tfs)} TFs of run {run_id!r} has a measured knockout in the graph")
    known = pd.DataFrame(graph.columns("known_targets", tfs=tfs, species=species)[0])
    known_of = known.groupby("tf")["target"].apply(set).to_dict() if len(known) else {}
    snap = export_snapshot(graph, dataset, modalities=set())
    candidates = list(snap.nodes["target"])
    indeg = pd.Series(
        np.bincount(snap.edges[REG][1], minlength=len(candidates)) if REG in snap.edges else np.zeros(len(candidates)),
        index=candidates,
    ).sort_values(ascending=False, kind="stable")
    absstat, others_of = _specificity_inputs(graph, species, [r["experiment"] for r in ko])
    # a knockout the run's dataset includes may have been training data: a fit, not a prediction
    seen = set(graph.columns("dataset_experiments", dataset=dataset)[0]["experiments"])
    out = []
    for r in ko:
        tf, resp = r["tf"], set(r["responders"])
        kn = known_of.get(tf, set())
        novel = [t for t in pred.loc[pred.tf == tf, "target"] if t not in kn and t != tf][:k]
        prior = [t for t in indeg.index if t not in kn and t != tf][: len(novel)]
        cand = [t for t in candidates if t != tf]
        known_c = [t for t in cand if t in kn]
        out.append(
            {
                "tf": tf,
                "experiment": r["experiment"],
                "k": len(novel),
                "hits": sum(t in resp for t in novel),
                "model_rate": np.mean([t in resp for t in novel]) if novel else np.nan,
                "degree_rate": np.mean([t in resp for t in prior]) if prior else np.nan,
                "background_rate": np.mean([t in resp for t in cand]) if cand else np.nan,
                "known_rate": np.mean([t in resp for t in known_c]) if known_c else np.nan,
                "responders": len(resp & set(cand)),
                "novel_responding": " ".join(t for t in novel if t in resp),
                "seen_in_training": r["experiment"] in seen,
                "specificity": _specificity(absstat, r["experiment"], others_of, novel),
                "degree_specificity": _specificity(absstat, r["experiment"], others_of, prior),
                "known_specificity": _specificity(absstat, r["experiment"], others_of, known_c),
            }
        )
    table = pd.DataFrame(out)
    summary = {
        "tfs": int(table["tf"].nunique()),
        "experiments": int(len(table)),
        "k": k,
        "dataset": dataset,
        "padj": padj,
        "threshold": thr,
        **{f"mean_{c}": float(table[c].mean()) for c in ("model_rate", "degree_rate", "background_rate", "known_rate")},
        **{f"median_{c}": _finite_median(table[c]) for c in ("specificity", "degree_specificity", "known_specificity")},
        "specificity_experiments": int(table["specificity"].notna().sum()),
        "seen_in_training": int(table["seen_in_training"].sum()),
    }
    graph.run("merge_model_run", run={"run_id": run_id, "validation_json": json.dumps(summary)})
    res = Validation(run_id, table, summary)
    if out_dir is not None:
        res.paths = _write(res, Path(out_dir))
    return res


def _specificity_inputs(graph: Graph, species: str, experiments: list[str]):
    """|stat| per (experiment, gene) from the full profiles, and for each validated experiment the other TFs'
    experiments it is compared with (same context, else same dataset). Empty when no profile exists."""
    from tfkg.eval.knockouts import load_profiles

    try:
        prof = load_profiles(graph, species)
    except (LookupError, FileNotFoundError):
        return pd.DataFrame(), {}
    # each experiment's |stat| over its own mean |stat|: a strong knockout does not make every gene set look specific
    absstat, d = prof.stat.abs(), prof.design
    absstat = absstat.div(absstat.mean(axis=1), axis=0)
    others_of = {}
    for e in experiments:
        if e not in d.index:
            continue
        own = set(d.at[e, "perturbed"])
        other = d[d.index != e]
        other = other[other["perturbed"].map(lambda p, own=own: not own & set(p))]
        same = other[other["context"] == d.at[e, "context"]]
        others_of[e] = list((same if len(same) else other[other["dataset"] == d.at[e, "dataset"]]).index)
    return absstat, others_of


def _specificity(absstat: pd.DataFrame, experiment: str, others_of: dict, genes: list[str]) -> float:
    others = others_of.get(experiment)
    genes = [t for t in genes if t in absstat.columns]
    if not others or not genes:
        return float("nan")
    own = absstat.loc[experiment, genes].mean()
    rest = absstat.loc[others, genes].mean(axis=1).mean()
    return float(own / rest) if rest > 0 else float("nan")


def _finite_median(s: pd.Series) -> float | None:
    s = s[np.isfinite(s)]
    return float(s.median()) if len(s) else None


def _write(res: Validation, out: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    paths = {"table": out / "knockout_validation.csv", "plot": out / "knockout_validation.png"}
    res.table.to_csv(paths["table"], index=False)
    cols = ["model_rate", "degree_rate", "known_rate", "background_rate"]
    means = [res.summary[f"mean_{c}"] for c in cols]
    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=110)
    ax.bar(
        ["run's novel top-k", "degree prior top-k", "known targets", "all candidates"],
        means,
        color=["tab:blue", "tab:grey", "tab:green", "lightgrey"],
    )
    ax.set_ylabel("share that respond in the knockout")
    ax.set_title(f"run {res.run_id}: {res.summary['experiments']} knockouts of {res.summary['tfs']} TFs", fontsize=9)
    fig.tight_layout()
    fig.savefig(paths["plot"])
    plt.close(fig)
    return paths

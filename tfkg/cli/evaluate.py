"""``tfkg evaluate`` (cross-validation through the harness, any task) and ``tfkg evaluate-edges`` (learned edge
weights against reference edges)."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.table import Table

from tfkg import models
from tfkg.cli._ctx import Ctx, friendly, kv_pairs, model_options, train_negatives_option
from tfkg.console import console, progress_bar
from tfkg.data.datasets import dataset_spec
from tfkg.data.negatives import TRAINING_NEGATIVES
from tfkg.eval.harness import EvalConfig, evaluate, fmt
from tfkg.eval.protocols import PROTOCOLS
from tfkg.eval.tasks import choices as task_choices


@click.command("evaluate")
@click.argument("model")
@click.option(
    "--task",
    type=click.Choice(task_choices()),
    help="Which task, when the model and dataset share several (knockout = perturbation: held-out "
    "single knockouts; double-knockout: train on singles, test DREAM4's double knockouts).",
)
@click.option(
    "--protocol",
    "-P",
    default="all-unobserved",
    show_default=True,
    type=click.Choice(PROTOCOLS.names()),
    help="Link task: evaluation negatives (see tfkg.eval.protocols).",
)
@click.option("--folds", "-k", default=5, show_default=True, help="Folds (ignored by the 'file' protocol).")
@train_negatives_option(TRAINING_NEGATIVES, "Link task: training negatives given to the model.")
@click.option(
    "--baselines", default=None, help="Comma-separated baselines run beside MODEL ('' for none; default: the task's baselines)."
)
@click.option(
    "--val-fraction",
    default=0.0,
    show_default=True,
    help="Link task: hold out this fraction of each fold's training edges (threshold choice).",
)
@click.option("--precision-k", "k", default=10, show_default=True, help="k of precision@k per TF.")
@click.option(
    "--split",
    type=click.Choice(["kfold", "811"]),
    default="kfold",
    show_default=True,
    help="Link task: k folds, or one seeded 80/10/10 train/validation/test split (of TFs for heldout-tf).",
)
@click.option(
    "--holdout-tf",
    "holdout_tfs",
    multiple=True,
    metavar="SYMBOL",
    help="Link task: instead of k folds, hold out every edge of this TF (repeatable).",
)
@click.option("--out", type=click.Path(path_type=Path), help="Run directory (default ./runs/<run_id>).")
@click.option("--no-record", is_flag=True, help="Write no ModelRun node (read-only on the database).")
@model_options
@click.pass_obj
def evaluate_cmd(
    obj: Ctx,
    model,
    task,
    protocol,
    folds,
    train_negatives,
    baselines,
    val_fraction,
    k,
    split,
    holdout_tfs,
    out,
    no_record,
    params,
    preset,
    seed,
    dataset,
    device,
) -> None:
    """Cross-validate MODEL with its baselines on one dataset and task (link, expression or perturbation).

    Writes report.md, metrics.csv (model,protocol,metric,mean,sd,folds), metrics_per_fold.csv, PNGs and
    run.json to the run directory, and a ModelRun node with parameters, metrics, checksums and code version.
    """
    models.get(model)
    bl = None if baselines is None else tuple(b.strip() for b in baselines.split(",") if b.strip())
    cfg = EvalConfig(
        model=model,
        dataset=dataset,
        task=task,
        protocol=protocol,
        folds=folds,
        seed=seed,
        params=kv_pairs(params),
        preset=preset,
        device=device,
        train_negatives=train_negatives,
        baselines=bl,
        val_fraction=val_fraction,
        k=k,
        split=split,
        holdout_tfs=tuple(holdout_tfs),
        record=not no_record,
        out_dir=out,
    )
    t0 = time.perf_counter()
    with obj.graph() as g, progress_bar() as bar, friendly():
        bar_task = bar.add_task("evaluate", total=None)

        def progress(msg: str, done: int, total: int) -> None:
            bar.update(bar_task, description=msg[:60], completed=done, total=total)

        res = evaluate(g, cfg, progress)
    t = Table(
        title=f"{res.dataset} · {res.task} · {res.protocol} · {res.info['folds']} fold(s)"
        + (f" · train negatives {train_negatives}" if res.task == "link" else "")
    )
    t.add_column("metric (mean ± sd)")
    for name in res.info["models"]:
        t.add_column(name + (" (model)" if name == model else ""), justify="right")
    for m in [*res.info["headline"], "fit_s"]:
        t.add_row(m, *(fmt(*res.value(m, name)) for name in res.info["models"]))
    console.print(t)
    if res.task == "link":
        console.print(
            f"threshold chosen on {res.info['fold_info'][0]['threshold_on']}; AUPRC = average precision; "
            "auprc_trapezoid = BEELINE's trapezoid variant"
        )
    console.print(f"report: {res.paths['report']}  ({time.perf_counter() - t0:.0f} s)")
    console.print(f"run id: {res.run_id}" + ("  (not recorded)" if no_record else ""))


@click.command("evaluate-edges")
@click.argument("model")
@click.option("--truth", default="TRRUST", show_default=True, help="REGULATES source of the reference edges.")
@click.option("--truth-species", default=None, help="Species of the reference (default: the dataset's).")
@click.option("--out", type=click.Path(path_type=Path), help="Write candidates.csv and edges.csv here.")
@model_options
@click.pass_obj
def evaluate_edges_cmd(obj: Ctx, model, truth, truth_species, out, params, preset, seed, dataset, device) -> None:
    """Do MODEL's learned edge weights recover reference edges (TRRUST, a gold standard) better than
    |Pearson|, prior-ridge coefficients, GENIE3-style tree importance and degree? AUROC/AUPRC over the
    model's candidate edges."""
    from tfkg.eval.edges import edge_recovery

    models.get(model)
    p = kv_pairs(params)
    if preset:
        p["preset"] = preset
    with obj.graph() as g, friendly():
        res = edge_recovery(
            g, dataset, truth, truth_species=truth_species or dataset_spec(dataset).species, model=model, params=p, seed=seed
        )
    t = Table(
        title=f"{dataset}: {res.positives:,} {truth} edges among {len(res.candidates):,} candidate edges "
        f"(chance AUPRC {res.positives / len(res.candidates):.4f})"
    )
    for c in ("score", "auroc", "auprc", "auprc_ratio"):
        t.add_column(c, justify="left" if c == "score" else "right")
    for r in res.table.itertuples():
        t.add_row(r.score, f"{r.auroc:.3f}", f"{r.auprc:.4f}", f"{r.auprc_ratio:.2f}")
    console.print(t)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        res.table.to_csv(out / "edges.csv", index=False)
        res.candidates.to_csv(out / "candidates.csv", index=False)
        console.print(f"wrote {out / 'edges.csv'} and {out / 'candidates.csv'}")

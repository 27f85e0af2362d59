"""``tfkg evaluate`` and ``tfkg runs list|show|delete`` (registered on the main group by tfkg.cli)."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table


def register(main: click.Group) -> None:
    main.add_command(evaluate_cmd)
    main.add_command(runs_group)


def _console():
    from tfkg.cli import console

    return console


@click.command("evaluate")
@click.argument("model")
@click.option("--protocol", "-P", default="all-unobserved", show_default=True,
              type=click.Choice(["all-unobserved", "balanced-random", "tf-matched", "enhanced", "file"]),
              help="Evaluation negatives (see tfkg.eval.protocols).")
@click.option("--folds", "-k", default=5, show_default=True, help="Folds over the positive edges (ignored by 'file').")
@click.option("--seed", default=0, show_default=True, help="Seed of the splits, negatives and models.")
@click.option("--train-negatives", default="random", show_default=True,
              type=click.Choice(["random", "enhanced", "file", "none"]), help="Training negatives given to the model.")
@click.option("--dataset", "-d", default="hgetgi", show_default=True,
              help="hgetgi, or a BEELINE dataset key such as beeline:Specific:hESC:500.")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Model parameter (JSON or text).")
@click.option("--baselines", default="random,degree", show_default=True,
              help="Comma-separated baseline models run beside MODEL ('' for none); BEELINE adds 'prior'.")
@click.option("--val-fraction", default=0.0, show_default=True,
              help="Hold out this fraction of each fold's training edges as validation (threshold choice).")
@click.option("--precision-k", "k", default=10, show_default=True, help="k of precision@k per TF.")
@click.option("--holdout-tf", "holdout_tfs", multiple=True, metavar="SYMBOL",
              help="Case study: instead of k folds, hold out every edge of this TF (repeatable).")
@click.option("--out", type=click.Path(path_type=Path), help="Run directory (default ./runs/<run_id>).")
@click.option("--no-record", is_flag=True, help="Write no ModelRun node (read-only on the database).")
@click.pass_obj
def evaluate_cmd(obj, model, protocol, folds, seed, train_negatives, dataset, params, baselines, val_fraction, k,
                 holdout_tfs, out, no_record) -> None:
    """Evaluate MODEL (any name in tfkg.models) with baselines under one negative protocol.

    Writes report.md, metrics.csv, metrics_per_fold.csv, roc.png and pr.png to the run directory and a
    ModelRun node with parameters, metrics, data checksums, protocol and code version.
    """
    from tfkg import models
    from tfkg.cli import _kv, progress_bar
    from tfkg.eval.harness import HEADLINE, evaluate

    console = _console()
    if model not in models.MODELS:
        raise click.ClickException(f"unknown model {model!r}; known: {', '.join(models.MODELS)}")
    bl = tuple(b.strip() for b in baselines.split(",") if b.strip())
    for b in bl:
        if b not in models.MODELS:
            raise click.ClickException(f"unknown baseline {b!r}; known: {', '.join(models.MODELS)}")
    with obj.graph() as g, progress_bar() as bar:
        task = bar.add_task("evaluate", total=None)

        def progress(msg: str, done: int, total: int) -> None:
            bar.update(task, description=msg, completed=done, total=total)

        try:
            res = evaluate(g, model, protocol, folds, seed, dict(_kv(p) for p in params), train_negatives, dataset, bl,
                           out, progress, val_fraction=val_fraction, k=k, record=not no_record,
                           holdout_tfs=list(holdout_tfs) or None)
        except (KeyError, ValueError, LookupError, TypeError) as e:
            raise click.ClickException(str(e)) from e
    t = Table(title=f"{res.dataset} · {protocol} · {res.info['folds']} fold(s) · train negatives {train_negatives}")
    t.add_column("metric (mean ± sd)")
    for name in res.info["models"]:
        t.add_column(name + (" (model)" if name == model else ""), justify="right")
    for m in HEADLINE:
        cells = []
        for name in res.info["models"]:
            mean, sd = res.value(m, name)
            cells.append("n/a" if mean != mean else (f"{mean:.3f} ± {sd:.3f}" if sd == sd else f"{mean:.3f}"))
        t.add_row(m, *cells)
    console.print(t)
    console.print(f"threshold chosen on {res.info['threshold_on']}; AUPRC = average precision; "
                  f"auprc_trapezoid = BEELINE's trapezoid variant")
    console.print(f"report: {res.paths['report']}")
    console.print(f"run id: {res.run_id}" + ("  (not recorded)" if no_record else ""))


@click.group("runs")
def runs_group() -> None:
    """List, show and delete model runs (ModelRun nodes and their predictions)."""


@runs_group.command("list")
@click.option("--model", help="Only runs of this model.")
@click.pass_obj
def runs_list(obj, model) -> None:
    """Model runs, newest first."""
    with obj.graph() as g:
        rows = g.run("list_runs", model=model)
    t = Table(title="model runs")
    for c in ("run_id", "model", "kind", "protocol", "created_at", "status", "predictions"):
        t.add_column(c, justify="right" if c == "predictions" else "left", no_wrap=c == "run_id",
                     overflow="fold")
    for r in rows:
        t.add_row(*(str(r.get(c)) for c in ("run_id", "model", "kind", "protocol", "created_at", "status", "predictions")))
    _console().print(t)


@runs_group.command("show")
@click.argument("run_id")
@click.pass_obj
def runs_show(obj, run_id) -> None:
    """Every property of RUN_ID (parameters and metrics decoded)."""
    with obj.graph() as g:
        rows = g.run("get_run", run_id=run_id)
    if not rows:
        raise click.ClickException(f"no run {run_id!r}")
    run = dict(rows[0]["run"])
    t = Table(title=f"run {run_id}")
    t.add_column("property")
    t.add_column("value")
    for key in sorted(run):
        val = run[key]
        if key.endswith("_json"):
            try:
                val = json.dumps(json.loads(val), indent=1, sort_keys=True)
            except (TypeError, ValueError):
                pass
        elif isinstance(val, list):
            val = "\n".join(map(str, val))
        t.add_row(key, str(val))
    _console().print(t)


@runs_group.command("delete")
@click.argument("run_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def runs_delete(obj, run_id, yes) -> None:
    """Delete RUN_ID's ModelRun node and its predicted edges (one transaction)."""
    from tfkg.graph import runs

    if not yes:
        click.confirm(f"delete run {run_id} and its predictions?", abort=True)
    with obj.graph() as g:
        preds, n = runs.delete_run(g, run_id)
    if not n:
        raise click.ClickException(f"no run {run_id!r}")
    _console().print(f"deleted run {run_id} ({preds:,} predicted edges)")

"""``tfkg runs``: list, describe, pin, show and delete model runs (ModelRun nodes and their predicted edges).

Imports no model code: ``tfkg runs list`` answers in well under a second."""

from __future__ import annotations

import json

import click

from tfkg.cli._ctx import Ctx
from tfkg.console import console, print_frame


@click.group("runs")
def runs_group() -> None:
    """List, describe, pin, show and delete model runs (ModelRun nodes and their predictions)."""


@runs_group.command("list")
@click.option("--model", help="Only runs of this model.")
@click.option("--all", "show_all", is_flag=True, help="Also evaluation runs (no predicted edges).")
@click.pass_obj
def runs_list(obj: Ctx, model, show_all) -> None:
    """Model runs, newest first: the default run marked *, each with what it is (model, features, dataset, ranking,
    how its signs were calibrated) and its predicted edges."""
    import pandas as pd

    with obj.graph() as g:
        rows = g.run("list_runs", model=model)
    if not show_all:
        rows = [r for r in rows if r["predictions"]]
    frame = pd.DataFrame(
        [
            {
                "run_id": ("* " if r.get("default") else "") + r["run_id"],
                "created": str(r.get("created_at") or "")[5:16].replace("T", " "),
                "status": r.get("status") or "",
                "edges": r["predictions"],
                "what": r.get("description") or f"{r['model']} {r['kind']} on {r.get('dataset') or '?'}",
            }
            for r in rows
        ],
        columns=("run_id", "created", "status", "edges", "what"),
    )
    print_frame(frame, limit=len(frame), title="model runs, newest first (* = the default run)", cap=400)
    if not any(r.get("default") for r in rows):
        console.print(
            "[dim]no default run pinned: the Browser shows the newest run covering a TF; pin one with tfkg runs default RUN_ID[/]"
        )


@runs_group.command("default")
@click.argument("run_id", required=False)
@click.option("--unset", is_flag=True, help="Unpin the default run.")
@click.pass_obj
def runs_default(obj: Ctx, run_id, unset) -> None:
    """Pin RUN_ID as the run the Browser guide and `tfkg query` show when no run_id is given (without RUN_ID: show
    the pinned one). Without a pinned run they show the newest complete run covering the TF, which changes whenever
    anyone writes a run."""
    with obj.graph() as g:
        if unset:
            g.run("set_default_run", run_id=None)
            console.print("no default run pinned")
            return
        if run_id is None:
            rows = [r for r in g.run("list_runs", model=None) if r.get("default")]
            console.print(f"default run: {rows[0]['run_id']}" if rows else "no default run pinned")
            return
        rows = g.run("set_default_run", run_id=run_id)
    if not rows:
        raise click.ClickException(f"no run {run_id!r} with predicted edges (tfkg runs list)")
    console.print(f"default run: {run_id} ({rows[0]['description'] or 'no description'})")


@runs_group.command("show")
@click.argument("run_id")
@click.pass_obj
def runs_show(obj: Ctx, run_id) -> None:
    """Every property of RUN_ID (parameters and metrics decoded)."""
    from rich.table import Table

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
    console.print(t)


@runs_group.command("delete")
@click.argument("run_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def runs_delete(obj: Ctx, run_id, yes) -> None:
    """Delete RUN_ID's ModelRun node and its predicted edges (one transaction)."""
    from tfkg.graph import runs

    if not yes:
        click.confirm(f"delete run {run_id} and its predictions?", abort=True)
    with obj.graph() as g:
        preds, n = runs.delete_run(g, run_id)
    if not n:
        raise click.ClickException(f"no run {run_id!r}")
    console.print(f"deleted run {run_id} ({preds:,} predicted edges)")

"""``tfkg predict`` (train on all edges, write every TF's best unobserved targets) and ``tfkg case-study`` (hold
out one TF's edges, retrain, list its top targets)."""

from __future__ import annotations

from pathlib import Path

import click

from tfkg import models
from tfkg.cli._ctx import Ctx, friendly, kv_pairs, model_options, train_negatives_option
from tfkg.console import console, print_frame
from tfkg.data.datasets import dataset_spec
from tfkg.data.negatives import TRAINING_KINDS
from tfkg.models.base import LearnsEdges
from tfkg.predict import RANK_BY, browser_snippet, case_study, predict_learned_edges, predict_top_k


@click.command("predict")
@click.argument("model")
@click.option(
    "--per-tf", default=20, show_default=True, help="Write every TF's K best unobserved targets, with per-TF rank and percentile."
)
@click.option(
    "--top-k",
    "-k",
    type=int,
    default=None,
    help="Instead of --per-tf: the K best unobserved pairs over all TFs (global rank only).",
)
@train_negatives_option(TRAINING_KINDS, "Training negatives.")
@click.option(
    "--rank-by",
    type=click.Choice(RANK_BY),
    default="score",
    show_default=True,
    help="Rank each TF's candidates by the model's score, or by specificity: the score minus the target's "
    "mean score over all TFs (hub targets every TF is predicted to regulate drop).",
)
@click.option("--run-id", help="Replace the predictions of this run (default: a new run).")
@click.option(
    "--description",
    help="What the run is, shown by tfkg runs list and the Browser (default: model, features, dataset, ranking and "
    "how often its stated signs were right out of fold).",
)
@click.option("--save", "save_dir", type=click.Path(path_type=Path), help="Also save the trained model here.")
@click.option(
    "--load",
    "load_dir",
    type=click.Path(exists=True, path_type=Path),
    help="Reuse a model saved with --save instead of training.",
)
@model_options
@click.pass_obj
def predict_cmd(
    obj: Ctx,
    model,
    per_tf,
    top_k,
    rank_by,
    train_negatives,
    run_id,
    description,
    save_dir,
    load_dir,
    params,
    preset,
    seed,
    dataset,
    device,
) -> None:
    """Train MODEL on all edges (or --load it), score every unobserved TF x target pair, and write every TF's
    --per-tf best targets (per-TF rank, percentile among its candidates, global rank), or the global --top-k.

    Models whose weights are edges (motif-rnn) train on the dataset's expression instead and write every
    prior edge with its learned weight and sign (the trained model is saved under runs/<run_id>/model)."""
    cls = models.get(model)
    # what both kinds of prediction take
    common = dict(
        dataset=dataset,
        seed=seed,
        run_id=run_id,
        preset=preset,
        device=device,
        log=lambda m: console.print(f"[dim]{m}[/]"),
    )
    if issubclass(cls, LearnsEdges):
        with obj.graph() as g, friendly():
            p = predict_learned_edges(g, model, kv_pairs(params), **common)
        print_frame(p.frame, 10, title=f"{len(p.frame):,} learned edges of {model} (run {p.run_id}), strongest first")
        console.print(
            f"wrote {p.written:,} PREDICTED_REGULATES edges for run {p.run_id}; "
            + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items())
        )
        return
    with obj.graph() as g, friendly():
        p = predict_top_k(
            g,
            model,
            kv_pairs(params),
            top_k=top_k,
            negatives=train_negatives,
            load_dir=load_dir,
            save_dir=save_dir,
            per_tf=None if top_k else per_tf,
            rank_by=rank_by,
            description=description,
            **common,
        )
    what = f"top {len(p.frame)}" if top_k else f"{p.frame['tf'].nunique():,} TFs × up to {per_tf}"
    print_frame(p.frame, 10, title=f"{what} predictions of {model} (run {p.run_id}), best first")
    console.print(
        f"wrote {p.written:,} PREDICTED_REGULATES edges for run {p.run_id}; "
        + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items())
        + (f"; model saved to {save_dir}" if save_dir else "")
    )


@click.command("case-study")
@click.argument("model")
@click.option("--tf", "tf", required=True, help="TF symbol whose every edge is held out.")
@click.option("--top", default=40, show_default=True, help="How many targets to list.")
@train_negatives_option(TRAINING_KINDS, "Training negatives.")
@click.option("--run-id", help="Replace the predictions of this run (default: a new run).")
@click.option("--no-write", is_flag=True, help="Do not write the predictions to Neo4j.")
@model_options
@click.pass_obj
def case_study_cmd(obj: Ctx, model, tf, top, train_negatives, run_id, no_write, params, preset, seed, dataset, device) -> None:
    """Hold out every edge of --tf, retrain MODEL, and list its top predicted targets (held-out ones marked)."""
    with obj.graph() as g, friendly():
        p = case_study(
            g,
            model,
            tf,
            top=top,
            params=kv_pairs(params),
            dataset=dataset,
            negatives=train_negatives,
            seed=seed,
            run_id=run_id,
            write=not no_write,
            preset=preset,
            device=device,
        )
    hits, total = int(p.frame["held_out"].sum()), len(p.frame)
    print_frame(p.frame, total, title=f"{model}: top {total} targets of {tf} with its edges held out")
    console.print(
        f"{hits} of the top {total} are held-out true targets of {tf}. " + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items())
    )
    if not no_write:
        console.print(f"run {p.run_id}: {p.written} PREDICTED_REGULATES edges. In Neo4j Browser:")
        # plain echo: no re-wrapping of the Cypher
        click.echo(browser_snippet(tf, p.run_id, species=dataset_spec(dataset).species))

"""``tfkg analyze network`` (GDS centralities, Louvain modules, enrichment) and ``tfkg simulate knockout``."""

from __future__ import annotations

from pathlib import Path

import click

from tfkg.analysis.network import analyze
from tfkg.analysis.simulate import simulate_knockout
from tfkg.cli._ctx import Ctx, friendly
from tfkg.console import console, print_frame


@click.group("analyze")
def analyze_group() -> None:
    """Analyse a run's learned network inside Neo4j (GDS)."""


@analyze_group.command("network")
@click.option("--run", "run_id", required=True, help="A run with PREDICTED_REGULATES edges (tfkg runs list).")
@click.option(
    "--top",
    default=0.01,
    show_default=True,
    help="Edges analysed: a fraction of the run's edges (< 1) or a count, strongest first.",
)
@click.option("--out", type=click.Path(path_type=Path), help="Report folder (default ./runs/<run_id>/network).")
@click.option("--min-module", default=5, show_default=True, help="Smallest module tested for enrichment.")
@click.pass_obj
def network_cmd(obj: Ctx, run_id, top, out, min_module) -> None:
    """Degree, betweenness, PageRank and Louvain modules (GDS) of a run's top edges, written back keyed by
    the run, every module tested for HGNC gene-group enrichment (hypergeometric, Benjamini-Hochberg)."""
    out = out or Path("runs") / run_id / "network"
    with obj.graph() as g, friendly():
        res = analyze(g, run_id, top, out_dir=out, min_module=min_module)
    print_frame(
        res.nodes.sort_values("pagerank", ascending=False).head(10),
        10,
        title=f"top 10 genes by PageRank ({res.edges:,} edges, {len(res.nodes):,} genes)",
    )
    print_frame(res.modules, 15, title=f"{len(res.modules)} Louvain modules")
    console.print(
        f"report: {res.paths['report']}; modules written as (:Module {{run_id: '{run_id}'}}) with "
        "IN_MODULE edges; Browser: the named query module_hubs"
    )


@click.group("simulate")
def simulate_group() -> None:
    """In-silico experiments with a run's trained model."""


@simulate_group.command("knockout")
@click.argument("model")
@click.option("--run", "run_id", required=True, help="A `tfkg predict MODEL` run (its model is saved beside it).")
@click.option("--tf", required=True, help="The TF to knock out.")
@click.option("--no-write", is_flag=True, help="Print the predicted changes without writing them.")
@click.pass_obj
def knockout_cmd(obj: Ctx, model, run_id, tf, no_write) -> None:
    """Knock out --tf in MODEL's network of --run: the predicted change per gene, written as a simulated
    Knockout with AFFECTS edges."""
    with obj.graph() as g, friendly():
        res = simulate_knockout(g, run_id, tf, model=model, write=not no_write)
    print_frame(res.effects, 15, title=f"{res.experiment_id}: predicted change from control (most affected first)")
    if res.measured_in:
        agree = f"Pearson r of the changes {res.agreement:.3f}" if res.agreement is not None else "no overlap to compare"
        seen = (
            "; [bold]this experiment was in the run's training data[/]: a fit, not a prediction"
            if res.measured_seen
            else "; not in the run's training data"
        )
        console.print(f"measured: {res.measured_in!r} ({agree}; the TF itself left out{seen})")
    else:
        console.print(f"no measured knockout of {tf} in the graph to compare with")
    if not no_write:
        console.print(
            f"wrote Knockout {res.experiment_id!r} (simulated) with {res.written:,} AFFECTS edges; Browser: "
            "the named query simulated_vs_measured"
        )


@click.group("validate")
def validate_group() -> None:
    """Check a run's predictions against experiments in the graph."""


@validate_group.command("knockouts")
@click.option("--run", "run_id", required=True, help="A `tfkg predict` run (tfkg runs list).")
@click.option("--k", default=100, show_default=True, help="Novel predicted targets per TF (its best first).")
@click.option("--padj", default=0.05, show_default=True, help="Responding gene: adjusted p at most this (MorPhiC).")
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Responding gene where no p-value exists: |change| above this (default: the dataset's).",
)
@click.option("--out", type=click.Path(path_type=Path), help="Folder for the CSV and PNG (default ./runs/<run_id>/validation).")
@click.pass_obj
def validate_knockouts_cmd(obj: Ctx, run_id, k, padj, threshold, out) -> None:
    """For each TF of --run with a measured knockout: do its top-k novel predicted targets respond, compared
    with all candidates, the degree prior's top-k and its known targets?"""
    from tfkg.analysis.validate import validate_knockouts

    out = out or Path("runs") / run_id / "validation"
    with obj.graph() as g, friendly():
        res = validate_knockouts(g, run_id, k, padj=padj, threshold=threshold, out_dir=out)
    cols = ["tf", "experiment", "hits", "model_rate", "degree_rate", "specificity", "degree_specificity", "novel_responding"]
    print_frame(res.table[[c for c in cols if c in res.table]], 20, title=f"run {run_id}: knockout validation (k={k})")
    s = res.summary
    console.print(
        f"mean share responding — run's novel top-k {s['mean_model_rate']:.3f}, degree prior top-k "
        f"{s['mean_degree_rate']:.3f}, known targets {s['mean_known_rate']:.3f}, all candidates "
        f"{s['mean_background_rate']:.3f} ({s['experiments']} knockouts of {s['tfs']} TFs); "
        f"{res.paths['table']}, {res.paths['plot']}"
    )
    if s["seen_in_training"]:
        console.print(
            f"[bold]{s['seen_in_training']} of these knockouts are in the run's dataset[/] "
            f"({s['dataset']}): for a model that reads knockouts they "
            "were training data, so their rows are a fit, not a prediction (column seen_in_training)"
        )
    if s["specificity_experiments"]:
        console.print(
            f"specificity (median |stat| in the TF's own knockout / in other TFs' knockouts of the same "
            f"context; a hub prior is ~1): run's novel top-k {s['median_specificity']:.2f}, degree prior "
            f"{s['median_degree_specificity']:.2f}, known targets {s['median_known_specificity'] or float('nan'):.2f} "
            f"({s['specificity_experiments']} knockouts with full profiles)"
        )
    else:
        console.print("specificity: no full knockout profiles in the graph (ingest morphic, dream4 or a de-table)")

"""``tfkg benchmark beeline|knockouts``: benchmarks that run many data sets, protocols or regulon sets (the services:
``tfkg.eval.beeline.run_benchmark`` and ``tfkg.eval.knockouts.run_benchmark``; this module parses and prints)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from tfkg import models
from tfkg.cli._ctx import Ctx, friendly, method_option
from tfkg.console import console, print_frame, progress_bar


@click.group("benchmark")
def benchmark_group() -> None:
    """Benchmarks that run many data sets and protocols through the harness."""


@benchmark_group.command("beeline")
@click.option(
    "--models",
    "model_list",
    default="gnt,genelink,prior,degree,pcc,mi,genie3",
    show_default=True,
    help="Comma-separated models (the first is the harness's model, the rest its peers).",
)
@click.option(
    "--protocols",
    default="hns,holdout-tf,balanced",
    show_default=True,
    help="Comma-separated: hns (GENELink hard negatives), holdout-tf, balanced (1:1 random).",
)
@click.option("--seeds", default=3, show_default=True, help="Seeds per data set and protocol.")
@click.option("--dataset", "only", multiple=True, metavar="KEY", help="Only this BEELINE data set (repeatable).")
@click.option("--quick", is_flag=True, help="Two small data sets, one seed (what CI runs).")
@click.option("--ranked-top", default=10_000, show_default=True, help="Pairs per rankedEdges.csv.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("runs/beeline"), show_default=True)
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda[:N] or auto.")
@click.option("--resume", is_flag=True, help="Keep the finished runs under --out; run only the missing ones.")
@click.pass_obj
def beeline_cmd(obj: Ctx, model_list, protocols, seeds, only, quick, ranked_top, out, device, resume) -> None:
    """Every BEELINE network × cell × size with expression in the graph, each protocol and seed through the
    harness: table.csv, a heatmap per protocol, BEELINE rankedEdges.csv per model and data set, report.md."""
    from tfkg.eval.beeline import run_benchmark

    names = [m.strip() for m in model_list.split(",") if m.strip()]
    for m in names:
        models.get(m)
    t0 = time.perf_counter()
    with obj.graph() as g, progress_bar() as bar, friendly():
        task = bar.add_task("benchmark", total=None)
        res = run_benchmark(
            g,
            names,
            [p.strip() for p in protocols.split(",") if p.strip()],
            seeds=seeds,
            out=out,
            only=list(only) or None,
            quick=quick,
            ranked_top=ranked_top,
            device=device,
            progress=lambda msg, d, n: bar.update(task, description=msg[:60], completed=d, total=n),
            resume=resume,
        )
    summary = res.table.groupby(["protocol", "model"], sort=False)[["auroc", "auprc"]].mean().reset_index()
    n_sets = res.table[["network", "cell", "size"]].drop_duplicates().shape[0]
    print_frame(summary, len(summary), title=f"BEELINE: mean over {n_sets} data sets ({time.perf_counter() - t0:.0f} s)")
    console.print(f"report: {res.paths['report']}; table: {res.paths['table']}")


@benchmark_group.command("knockouts")
@click.option(
    "--regulons",
    default="trrust,dorothea:ABC,dorothea,collectri",
    show_default=True,
    help="Comma-separated regulon sets: trrust, collectri, omnipath, dorothea[:ABC], hgetgi, archs4, unsigned:SET, "
    "source:NAME (any REGULATES source), run:RUN_ID (novel predictions), run:RUN_ID+curated, run:RUN_ID+all "
    "(every predicted edge with its signed weight: a learned network), run:RUN_ID+prior (the same edges with the "
    "signs of the curated prior the run trained on).",
)
@method_option("decoupler method that infers TF activity.")
@click.option("--tmin", default=5, show_default=True, help="A TF is scored only with at least this many measured targets.")
@click.option(
    "--own-lfc", type=float, default=None, help="Keep only experiments whose perturbed gene's log2FC is at most this (e.g. -1)."
)
@click.option("--datasets", default=None, help="Comma-separated Dataset keys with profiles (default: all of --species).")
@click.option("--species", default="human", show_default=True)
@click.option(
    "--shuffles",
    default=3,
    show_default=True,
    help="Degree-preserving (XSwap) shuffles of each set, averaged into its null row (0: none).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the first shuffle.")
@click.option(
    "--bootstrap",
    default=1000,
    show_default=True,
    help="Resamples of the experiments for 95% intervals of every set's AUROC and 1-qrank, and of its paired "
    "difference to collectri (or the first set) on the common subset (0: none).",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("runs/knockouts"), show_default=True)
@click.option(
    "--write/--no-write",
    default=True,
    show_default=True,
    help="Write every set's TF activities to the graph (TF_ACTIVITY edges, for the Browser guide).",
)
@click.pass_obj
def knockouts_cmd(obj: Ctx, regulons, method, tmin, own_lfc, datasets, species, shuffles, seed, bootstrap, out, write) -> None:
    """TF identification from knockout profiles (decoupler / CollecTRI protocol): for every experiment with a
    full profile, infer each TF's activity from each regulon set; the knocked-out TF should rank first.
    Writes table.csv, ranks.csv, ranks.png and report.md; each run: set gets the summary on its ModelRun."""
    from tfkg.eval import knockouts as kb

    specs = [r.strip() for r in regulons.split(",") if r.strip()]
    if not specs:
        raise click.BadParameter("name at least one regulon set", param_hint="--regulons")
    t0 = time.perf_counter()
    with obj.graph() as g, progress_bar() as bar, friendly():
        task = bar.add_task("regulon sets", total=None)
        res = kb.run_benchmark(
            g,
            regulons=specs,
            method=method,
            tmin=tmin,
            own_lfc=own_lfc,
            datasets=[d.strip() for d in datasets.split(",")] if datasets else None,
            species=species,
            shuffles=shuffles,
            seed=seed,
            bootstrap=bootstrap,
            out=out,
            write_graph=write,
            progress=lambda name, done, total: bar.update(task, description=name[:40], completed=done, total=total),
        )
    cols = ["set", "experiments", "auroc", "auprc", "1-qrank", "top10"]
    t = res.table.rename(columns={"one_minus_qrank": "1-qrank"})
    if bootstrap:
        t = t.assign(
            **{
                "auroc 95%": kb.interval(t["auroc_lo"], t["auroc_hi"]),
                f"- {res.settings['reference']} (95%)": kb.interval(t["auroc_diff_lo"], t["auroc_diff_hi"], t["auroc_diff"]),
            }
        )
        cols = ["set", "experiments", "auroc", "auroc 95%", "1-qrank", f"- {res.settings['reference']} (95%)"]
        t[f"- {res.settings['reference']} (95%)"] = t[f"- {res.settings['reference']} (95%)"].where(t["subset"] == "all", "")
    print_frame(
        t[t["subset"] == "all"][cols],
        len(t),
        title=f"TF identification, every experiment a set can score ({res.settings['experiments']} experiments)",
    )
    print_frame(
        t[t["subset"] == "common"][cols],
        len(t),
        title=f"common subset: {res.settings['common_subset']} experiments ({time.perf_counter() - t0:.0f} s)",
    )
    console.print(f"report: {res.paths['report']}; plot: {res.paths['plot']}; per-experiment ranks: {res.paths['ranks']}")
    if write:
        console.print(
            f"wrote {res.written:,} TF activities (TF_ACTIVITY edges); Browser: the named queries "
            "knockout_tf_activities and tf_knockout_activity"
        )

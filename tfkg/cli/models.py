"""Model commands: ``evaluate`` (cross-validation through the harness, any task), ``predict``,
``case-study``, ``models`` (the registry) and ``benchmark`` (``tfkg runs``: ``cli/runs.py``; ``tfkg explain``:
``cli/explain.py``)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from rich.table import Table

from tfkg import models
from tfkg.cli._ctx import Ctx, friendly, method_option, kv_pairs
from tfkg.console import console, print_frame, progress_bar
from tfkg.data.datasets import dataset_spec
from tfkg.data.negatives import TRAINING_KINDS
from tfkg.eval.harness import EvalConfig, evaluate, fmt
from tfkg.eval.protocols import PROTOCOLS, TRAIN_NEGATIVES
from tfkg.eval.tasks import choices as task_choices
from tfkg.predict import browser_snippet, case_study, predict_learned_edges, predict_top_k
from tfkg.models.base import LearnsEdges, param_help

DATASET_HELP = (
    "Dataset key: hgetgi, trrust:human|mouse, collectri:human, human (genome-wide), "
    "beeline:<Net>:<cell>:<size>, dream4:<10|100>-<n>, morphic, bulk:flu|geuvadis."
)

_model_options = [
    click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="Model parameter (JSON or text); `tfkg models NAME` lists them.",
    ),
    click.option("--preset", help="Named parameter preset of the model (e.g. ens: demo, paper)."),
    click.option("--seed", default=0, show_default=True, help="Seed of splits, negatives and models."),
    click.option("--dataset", "-d", default="hgetgi", show_default=True, help=DATASET_HELP),
    click.option("--device", default="cpu", show_default=True, help="cpu, cuda[:N] or auto."),
]


def _with(options):
    def wrap(f):
        for opt in reversed(options):
            f = opt(f)
        return f

    return wrap


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
@click.option(
    "--train-negatives",
    "--negatives",
    "train_negatives",
    default="random",
    show_default=True,
    type=click.Choice(list(TRAIN_NEGATIVES)),
    help="Link task: training negatives given to the model.",
)
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
@_with(_model_options)
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
@click.option("--negatives", default="random", show_default=True, type=click.Choice(TRAINING_KINDS), help="Training negatives.")
@click.option(
    "--rank-by",
    type=click.Choice(["score", "specificity"]),
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
@_with(_model_options)
@click.pass_obj
def predict_cmd(
    obj: Ctx,
    model,
    per_tf,
    top_k,
    rank_by,
    negatives,
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
    if issubclass(cls, LearnsEdges):
        with obj.graph() as g, friendly():
            p = predict_learned_edges(
                g,
                model,
                kv_pairs(params),
                dataset=dataset,
                seed=seed,
                run_id=run_id,
                preset=preset,
                device=device,
                log=lambda m: console.print(f"[dim]{m}[/]"),
            )
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
            dataset=dataset,
            negatives=negatives,
            seed=seed,
            run_id=run_id,
            preset=preset,
            device=device,
            load_dir=load_dir,
            save_dir=save_dir,
            log=lambda m: console.print(f"[dim]{m}[/]"),
            per_tf=None if top_k else per_tf,
            rank_by=rank_by,
            description=description,
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
@click.option("--negatives", default="random", show_default=True, type=click.Choice(TRAINING_KINDS))
@click.option("--run-id", help="Replace the predictions of this run (default: a new run).")
@click.option("--no-write", is_flag=True, help="Do not write the predictions to Neo4j.")
@_with(_model_options)
@click.pass_obj
def case_study_cmd(obj: Ctx, model, tf, top, negatives, run_id, no_write, params, preset, seed, dataset, device) -> None:
    """Hold out every edge of --tf, retrain MODEL, and list its top predicted targets (held-out ones marked)."""
    with obj.graph() as g, friendly():
        p = case_study(
            g,
            model,
            tf,
            top=top,
            params=kv_pairs(params),
            dataset=dataset,
            negatives=negatives,
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
        click.echo(browser_snippet(tf, p.run_id, dataset_spec(dataset).species))  # plain echo: no re-wrapping of the Cypher


@click.command("evaluate-edges")
@click.argument("model")
@click.option("--truth", default="TRRUST", show_default=True, help="REGULATES source of the reference edges.")
@click.option("--truth-species", default=None, help="Species of the reference (default: the dataset's).")
@click.option("--out", type=click.Path(path_type=Path), help="Write candidates.csv and edges.csv here.")
@_with(_model_options)
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


@click.command("models")
@click.argument("name", required=False)
def models_cmd(name) -> None:
    """List the registered models (task, inputs, citation), or one model's parameters and presets."""
    import dataclasses

    if name:
        cls = models.get(name)
        caps = cls.capabilities()
        t = Table(
            title=f"{name}: {', '.join(cls.tasks())} · needs {', '.join(sorted(cls.requires))}"
            + (f" · uses {', '.join(sorted(cls.uses))}" if cls.uses else "")
            + (f" · can: {', '.join(caps)}" if caps else "")
        )
        t.add_column("parameter", no_wrap=True)
        t.add_column("default", overflow="fold")
        t.add_column("what it does", overflow="fold")
        helps = param_help(cls.Params)
        for f in dataclasses.fields(cls.Params):
            t.add_row(f.name, repr(f.default), helps.get(f.name, ""))
        console.print(t)
        for preset, values in cls.PRESETS.items():
            console.print(f"preset [bold]{preset}[/]: {json.dumps(values)}")
        console.print(f"[dim]{cls.citation}[/]")
        return
    t = Table(title="models (tfkg evaluate NAME --dataset …)")
    for c in ("name", "tasks", "needs", "uses", "presets", "what"):
        t.add_column(c, overflow="fold")
    for n in models.MODELS:
        cls = models.get(n)
        what = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else cls.citation
        t.add_row(
            n, ", ".join(cls.tasks()), ", ".join(sorted(cls.requires)), ", ".join(sorted(cls.uses)), ", ".join(cls.PRESETS), what
        )
    console.print(t)
    console.print("[dim]tfkg models NAME: parameters, presets and the paper it implements[/]")


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
        prof = kb.own_lfc_filter(
            kb.load_profiles(g, species, [d.strip() for d in datasets.split(",")] if datasets else None), own_lfc
        )
        sets = [kb.regulon_set(g, s, species) for s in specs]
        task = bar.add_task("regulon sets", total=len(sets) * (1 + shuffles))
        res = kb.benchmark(
            prof,
            sets,
            method,
            tmin=tmin,
            shuffles=shuffles,
            seed=seed,
            bootstrap=bootstrap,
            progress=lambda name: bar.update(task, description=name[:40], advance=1),
        )
        res.paths = kb.write(res, out)
        written = kb.write_activities(g, res, species) if write else 0
        for s in specs:
            if s.startswith("run:"):
                rid = s[4:].partition("+")[0]
                rows = res.table[res.table["set"].isin([s, s + kb.SHUFFLED])]
                g.run(
                    "merge_model_run",
                    run={
                        "run_id": rid,
                        f"knockout_benchmark{'_curated' if '+' in s else ''}_json": rows.to_json(orient="records"),
                    },
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
            f"wrote {written:,} TF activities (TF_ACTIVITY edges); Browser: the named queries "
            "knockout_tf_activities and tf_knockout_activity"
        )

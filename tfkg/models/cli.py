"""``tfkg train``, ``tfkg predict`` and ``tfkg case-study`` (registered on the main group by tfkg.cli).

* ``train MODEL`` runs k-fold cross-validation through the evaluation harness (``tfkg.eval.harness``),
  baselines beside it, and writes its report and ModelRun node.
* ``predict MODEL --top-k K`` trains on every edge of a fresh export, scores every unobserved
  TF x target pair and writes the top K as ``(:Gene)-[:PREDICTED_REGULATES {score, rank, model, run_id}]->(:Gene)``
  linked to a ``ModelRun`` (kind 'predict'); ``--run-id`` of an existing run replaces its edges in one
  transaction.
* ``case-study MODEL --tf STAT3 --top 40`` exports with every edge of that TF held out, retrains, lists
  the top predicted targets marking the held-out true ones, writes them as a run (kind 'case-study') and
  prints the Browser query that shows them.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import click
import numpy as np
import pandas as pd


def register(main: click.Group) -> None:
    main.add_command(train_cmd)
    main.add_command(predict_cmd)
    main.add_command(case_study_cmd)


# ------------------------------------------------------------------------------------------ helpers

def model_params(preset: str | None, params: tuple[str, ...]) -> dict:
    from tfkg.cli import _kv

    out = dict(_kv(p) for p in params)
    if preset:
        out["preset"] = preset
    return out


def training_negatives(graph, snapshot, kind: str, seed: int = 0) -> np.ndarray | None:
    """Training negatives for a model trained on the whole ``snapshot``: 'random' (1:1 uniform
    unobserved pairs), 'enhanced' (every unobserved pair without a TF->disease->disease->target path)
    or 'none'."""
    from tfkg.graph.export import REG

    if kind == "none":
        return None
    n_tf, n_tg = snapshot.num_nodes("tf"), snapshot.num_nodes("target")
    allowed = np.ones((n_tf, n_tg), dtype=bool)
    ei = snapshot.edges[REG]
    allowed[ei[0], ei[1]] = False
    if kind == "enhanced":
        allowed &= ~_reachable(graph, snapshot)
        return np.argwhere(allowed)
    if kind != "random":
        raise click.BadParameter(f"negatives must be random, enhanced or none, not {kind!r}")
    cand = np.flatnonzero(allowed)
    rng = np.random.default_rng([seed, 3])
    pick = rng.choice(cand, size=min(ei.shape[1], cand.size), replace=False)
    return np.stack([pick // n_tg, pick % n_tg], 1)


def _reachable(graph, snapshot) -> np.ndarray:
    from tfkg.graph.export import reachable_mask

    try:  # the harness caches the ~70 s reachability query by snapshot digest
        from tfkg.eval.harness import cached_reachable, snapshot_digest

        return cached_reachable(graph, snapshot.dataset, snapshot_digest(snapshot))
    except ImportError:
        return reachable_mask(graph, snapshot.dataset)


@dataclass
class Prediction:
    run_id: str
    frame: pd.DataFrame             # tf, target, score, rank (+ held_out for case studies)
    written: int
    seconds: dict = field(default_factory=dict)


def _fit(name: str, params: dict, snapshot, negatives: np.ndarray | None, seed: int):
    from tfkg import models

    model = models.create(name, **params)
    model.fit(snapshot, negatives, seed=seed)
    return model


def _scores(model, snapshot, tf_rows: np.ndarray | None = None) -> np.ndarray:
    """(n_tf or len(tf_rows), n_target) score matrix from ``model.score`` (or its ``score_matrix``)."""
    n_tf, n_tg = snapshot.num_nodes("tf"), snapshot.num_nodes("target")
    rows = np.arange(n_tf) if tf_rows is None else np.asarray(tf_rows)
    if tf_rows is None and hasattr(model, "score_matrix"):
        return np.asarray(model.score_matrix(), dtype=float)
    pairs = np.stack([np.repeat(rows, n_tg), np.tile(np.arange(n_tg), len(rows))], 1)
    return np.asarray(model.score(pairs), dtype=float).reshape(len(rows), n_tg)


def top_k_frame(snapshot, scores: np.ndarray, k: int, tf_rows: np.ndarray | None = None) -> pd.DataFrame:
    """Top ``k`` unobserved pairs (training edges masked out) as tf, target, score, rank (1 = best)."""
    from tfkg.graph.export import REG

    rows = np.arange(scores.shape[0]) if tf_rows is None else np.asarray(tf_rows)
    s = scores.astype(float).copy()
    ei = snapshot.edges[REG]
    pos = {int(r): i for i, r in enumerate(rows)}
    keep = np.array([a in pos for a in ei[0]], dtype=bool)
    if keep.any():
        s[[pos[int(a)] for a in ei[0][keep]], ei[1][keep]] = -np.inf
    flat = s.ravel()
    k = int(min(k, np.isfinite(flat).sum()))
    idx = np.argpartition(-flat, k - 1)[:k] if k else np.zeros(0, dtype=np.int64)
    idx = idx[np.lexsort((idx, -flat[idx]))]      # score descending, ties by index: deterministic
    r, c = np.divmod(idx, s.shape[1])
    tf, tg = snapshot.nodes["tf"], snapshot.nodes["target"]
    return pd.DataFrame({"tf": [tf[rows[i]] for i in r], "target": [tg[j] for j in c],
                         "score": flat[idx], "rank": np.arange(1, k + 1)})


def predict_top_k(graph, model: str = "ens", params: dict | None = None, top_k: int = 1000,
                  dataset: str = "hgetgi", negatives: str = "random", seed: int = 0, run_id: str | None = None,
                  species: str = "human", log=None) -> Prediction:
    """Train ``model`` on every edge of a fresh export and write its top-K unobserved pairs to Neo4j."""
    from tfkg.graph import runs
    from tfkg.graph.export import REG, export_snapshot

    say = log or (lambda m: None)
    params = dict(params or {})
    t = {"start": time.perf_counter()}
    snap = export_snapshot(graph, dataset)
    neg = training_negatives(graph, snap, negatives, seed)
    t["export"] = time.perf_counter()
    say(f"exported {dataset}: {snap.edges[REG].shape[1]:,} positives, "
        f"{0 if neg is None else len(neg):,} {negatives} training negatives; training {model}")
    m = _fit(model, params, snap, neg, seed)
    t["fit"] = time.perf_counter()
    frame = top_k_frame(snap, _scores(m, snap), top_k)
    t["score"] = time.perf_counter()
    run_id = run_id or runs.new_run_id(model)
    runs.save_run(graph, run_id, model, "predict", {**params, "negatives": negatives, "seed": seed, "top_k": top_k},
                  data_checksums=[f"dataset:{dataset}"], dataset=dataset, status="done", top_k=int(top_k))
    n = runs.write_predictions(graph, run_id, model, frame, species=species)
    t["write"] = time.perf_counter()
    secs = {"export_s": t["export"] - t["start"], "fit_s": t["fit"] - t["export"], "score_s": t["score"] - t["fit"],
            "write_s": t["write"] - t["score"]}
    return Prediction(run_id, frame, n, secs)


def case_study(graph, model: str = "ens", tf: str = "STAT3", top: int = 40, params: dict | None = None,
               dataset: str = "hgetgi", negatives: str = "random", seed: int = 0, run_id: str | None = None,
               species: str = "human", write: bool = True) -> Prediction:
    """Hold out every edge of ``tf``, retrain, and rank all targets for it; ``held_out`` marks true targets."""
    from tfkg.graph import runs
    from tfkg.graph.export import REG, export_snapshot

    params = dict(params or {})
    t0 = time.perf_counter()
    full = export_snapshot(graph, dataset)
    tfs = full.index("tf")
    if tf not in tfs:
        raise click.ClickException(f"{tf} is not a TF of {dataset!r}")
    z = tfs[tf]
    ei = full.edges[REG]
    truth = ei[1][ei[0] == z]
    exclude = [f"{tf}|{full.nodes['target'][j]}" for j in truth]
    snap = export_snapshot(graph, dataset, exclude=exclude)
    if (snap.edges[REG][0] == z).any():
        raise AssertionError(f"training snapshot still holds edges of {tf}")
    neg = training_negatives(graph, snap, negatives, seed)
    t1 = time.perf_counter()
    m = _fit(model, params, snap, neg, seed)
    t2 = time.perf_counter()
    frame = top_k_frame(snap, _scores(m, snap, np.array([z])), top, np.array([z]))
    frame["held_out"] = frame["target"].isin({full.nodes["target"][j] for j in truth})
    secs = {"export_s": t1 - t0, "fit_s": t2 - t1}
    n = 0
    run_id = run_id or runs.new_run_id(model)
    if write:
        hits = int(frame["held_out"].sum())
        runs.save_run(graph, run_id, model, "case-study", {**params, "negatives": negatives, "seed": seed, "top": top},
                      {"held_out_in_top": hits, "held_out_total": int(len(truth)), "top": int(len(frame))},
                      [f"dataset:{dataset}", f"excluded:{snap.meta['excluded_sha256']}"], dataset=dataset,
                      holdout_tfs=[tf], status="done")
        n = runs.write_predictions(graph, run_id, model, frame, species=species)
        secs["write_s"] = time.perf_counter() - t2
    return Prediction(run_id, frame, n, secs)


def browser_snippet(tf: str, run_id: str) -> str:
    """Parameters plus the named query ``tf_predictions``, to paste into Neo4j Browser."""
    from tfkg import cypher

    return (f":param tf => '{tf}';\n:param run_id => '{run_id}';\n:param species => 'human';\n\n"
            + cypher.load("tf_predictions"))


# ------------------------------------------------------------------------------------------ commands

_common = [
    click.option("--preset", type=click.Choice(["demo", "paper"]), help="Model parameter preset (ens)."),
    click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Model parameter (JSON or text)."),
    click.option("--seed", default=0, show_default=True),
    click.option("--dataset", "-d", default="hgetgi", show_default=True),
]


def _with_common(f):
    for opt in reversed(_common):
        f = opt(f)
    return f


@click.command("train")
@click.argument("model")
@click.option("--negatives", default="random", show_default=True, type=click.Choice(["random", "enhanced", "none"]),
              help="Training negatives: uniform unobserved pairs, or pairs with no TF->disease->disease->target path.")
@click.option("--folds", "-k", default=5, show_default=True)
@click.option("--protocol", "-P", default="all-unobserved", show_default=True,
              type=click.Choice(["all-unobserved", "balanced-random", "tf-matched", "enhanced"]),
              help="Evaluation negatives.")
@click.option("--baselines", default="random,degree", show_default=True)
@click.option("--val-fraction", default=0.0, show_default=True)
@click.option("--out", type=click.Path(), help="Run directory (default ./runs/<run_id>).")
@click.option("--no-record", is_flag=True, help="Write no ModelRun node.")
@_with_common
@click.pass_obj
def train_cmd(obj, model, negatives, folds, protocol, baselines, val_fraction, out, no_record, preset, params, seed,
              dataset) -> None:
    """Cross-validate MODEL (k folds, baselines beside it) through the evaluation harness."""
    from tfkg import models
    from tfkg.cli import console, progress_bar

    if model not in models.MODELS:
        raise click.ClickException(f"unknown model {model!r}; known: {', '.join(models.MODELS)}")
    try:
        from tfkg.eval.harness import evaluate
    except ImportError as e:  # pragma: no cover - the harness ships with tfkg.eval
        raise click.ClickException(f"the evaluation harness is not available: {e}") from e
    bl = tuple(b.strip() for b in baselines.split(",") if b.strip())
    t0 = time.perf_counter()
    with obj.graph() as g, progress_bar() as bar:
        task = bar.add_task("cross-validation", total=1)

        def progress(msg, done, total):
            bar.update(task, description=msg[:60], completed=done, total=total)

        res = evaluate(g, model, protocol=protocol, folds=folds, seed=seed, model_params=model_params(preset, params),
                       train_negatives=negatives, dataset=dataset, baselines=bl, out_dir=out, progress=progress,
                       val_fraction=val_fraction, record=not no_record)
    from rich.table import Table

    tab = Table(title=f"{model} on {dataset}: {protocol}, {res.info['folds']} folds, {negatives} training negatives")
    tab.add_column("model")
    for mname in ("auroc", "auprc", "fit_s"):
        tab.add_column(mname, justify="right")
    for name in res.info["models"]:
        cells = []
        for metric in ("auroc", "auprc", "fit_s"):
            try:
                mu, sd = res.value(metric, name)
                cells.append(f"{mu:.4f} ± {sd:.4f}" if metric != "fit_s" else f"{mu:.1f}")
            except IndexError:
                cells.append("n/a")
        tab.add_row(name, *cells)
    console.print(tab)
    console.print(f"run {res.run_id}: report {res.paths.get('report')}  ({time.perf_counter() - t0:.0f} s)")


@click.command("predict")
@click.argument("model")
@click.option("--top-k", "-k", default=1000, show_default=True, help="How many top-scored unobserved pairs to write.")
@click.option("--negatives", default="random", show_default=True, type=click.Choice(["random", "enhanced", "none"]))
@click.option("--run-id", help="Replace the predictions of this run (default: a new run).")
@_with_common
@click.pass_obj
def predict_cmd(obj, model, top_k, negatives, run_id, preset, params, seed, dataset) -> None:
    """Train MODEL on all edges, score every unobserved TF x target pair, write the top K to Neo4j."""
    from tfkg.cli import console, print_frame

    with obj.graph() as g:
        p = predict_top_k(g, model, model_params(preset, params), top_k, dataset, negatives, seed, run_id,
                          log=lambda m: console.print(f"[dim]{m}[/]"))
    print_frame(p.frame, 10, title=f"top {len(p.frame)} predictions of {model} (run {p.run_id})")
    console.print(f"wrote {p.written:,} PREDICTED_REGULATES edges for run {p.run_id}; "
                  + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items()))


@click.command("case-study")
@click.argument("model")
@click.option("--tf", "tf", required=True, help="TF symbol whose every edge is held out.")
@click.option("--top", default=40, show_default=True)
@click.option("--negatives", default="random", show_default=True, type=click.Choice(["random", "enhanced", "none"]))
@click.option("--run-id", help="Replace the predictions of this run (default: a new run).")
@click.option("--no-write", is_flag=True, help="Do not write the predictions to Neo4j.")
@_with_common
@click.pass_obj
def case_study_cmd(obj, model, tf, top, negatives, run_id, no_write, preset, params, seed, dataset) -> None:
    """Hold out every edge of --tf, retrain MODEL, and list its top predicted targets (held-out ones marked)."""
    from tfkg.cli import console, print_frame

    with obj.graph() as g:
        p = case_study(g, model, tf, top, model_params(preset, params), dataset, negatives, seed, run_id,
                       write=not no_write)
    hits, total = int(p.frame["held_out"].sum()), len(p.frame)
    print_frame(p.frame, total, title=f"{model}: top {total} targets of {tf} with its edges held out")
    console.print(f"{hits} of the top {total} are held-out true targets of {tf}. "
                  + ", ".join(f"{k} {v:.1f}" for k, v in p.seconds.items()))
    if not no_write:
        console.print(f"run {p.run_id}: {p.written} PREDICTED_REGULATES edges. In Neo4j Browser:")
        click.echo(browser_snippet(tf, p.run_id))   # plain echo: no re-wrapping of the Cypher

"""The evaluation harness every model goes through, whatever its task: plan folds, run each, record.

1. **plan**: export the full snapshot (the modalities the model and baselines need) and let the task
   (``link``, ``expression`` or ``perturbation``) make seeded folds.
2. **run** each fold: export the TRAINING snapshot with the fold's held-out edges, samples or experiments
   excluded *by the export query* (never sliced from the full snapshot), check that it holds exactly the
   fold's training data (``LeakageError`` otherwise), then fit and score the model and every baseline on
   the same fold.
3. **record**: ``metrics.csv`` (``model,protocol,metric,mean,sd,folds``), ``metrics_per_fold.csv``,
   ``report.md``, PNGs, ``run.json`` and a ``ModelRun`` node with parameters, metrics, data checksums and
   code version.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tfkg import models
from tfkg.data.datasets import dataset_spec
from tfkg.data.snapshot import Snapshot
from tfkg.errors import InputError
from tfkg.eval import metrics as M
from tfkg.eval.link import LeakageError  # noqa: F401  (re-exported)
from tfkg.eval.tasks import ALIASES, TASKS, Task
from tfkg.graph import runs
from tfkg.graph.db import Graph
from tfkg.graph.export import export_snapshot
from tfkg.models.base import Model, ShowsTraining

# the services this module offers (keyword-only beyond three parameters: tests/test_service_signatures.py)
__all__ = ["EvalConfig", "EvalResult", "evaluate"]

Progress = Callable[[str, int, int], None]


@dataclass
class EvalConfig:
    model: str
    dataset: str = "hgetgi"
    task: str | None = None  # None: the one task the model and the dataset share
    protocol: str = "all-unobserved"  # link task: evaluation negatives
    folds: int = 5
    seed: int = 0
    params: dict = field(default_factory=dict)
    preset: str | None = None
    device: str = "cpu"
    train_negatives: str = "random"  # link task: training negatives
    baselines: tuple[str, ...] | None = None  # None: the task's defaults
    val_fraction: float = 0.0
    k: int = 10
    holdout_tfs: tuple[str, ...] = ()
    split: str = "kfold"  # link task: "kfold", or "811" = one seeded 8:1:1 train/val/test split
    keep_scores: bool = False  # link task: keep each model's score matrix (EvalResult.scores)
    record: bool = True
    out_dir: Path | str | None = None
    run_id: str | None = None
    split_dir: Path | None = None


@dataclass
class EvalResult:
    run_id: str
    model: str
    protocol: str
    dataset: str
    task: str
    per_fold: pd.DataFrame  # model, protocol, fold, metric, value
    summary: pd.DataFrame  # model, protocol, metric, mean, sd, folds
    out_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)  # (model, fold) -> score matrix, with keep_scores

    def value(self, metric: str, model: str | None = None) -> tuple[float, float]:
        """(mean, sd) of a metric over folds; NaN where the task did not compute it (e.g. ``full_pcc`` without
        a control profile)."""
        row = self.summary[(self.summary.model == (model or self.model)) & (self.summary.metric == metric)]
        if row.empty:
            return float("nan"), float("nan")
        return float(row["mean"].iloc[0]), float(row["sd"].iloc[0])


def choose_task(model_cls, dataset: str, task: str | None) -> str:
    spec = dataset_spec(dataset)
    available = [t for t in TASKS if TASKS.get(t).modalities <= spec.modalities and (t != "link" or spec.regulates_source)]
    tasks = [t for t in model_cls.tasks() if t in available]
    if task:
        task = ALIASES.get(task, task)
        if task in available and TASKS.get(task).model_task in model_cls.tasks():
            return task
        if task not in tasks:
            raise InputError(
                f"model {model_cls.name!r} cannot be evaluated on task {task!r} of {dataset!r} "
                f"(model tasks: {', '.join(model_cls.tasks())}; dataset tasks: {', '.join(available)})"
            )
        return task
    if not tasks:
        raise InputError(
            f"model {model_cls.name!r} ({', '.join(model_cls.tasks())}) has no task on dataset "
            f"{dataset!r} (it offers: {', '.join(available) or 'nothing'})"
        )
    if len(tasks) > 1 and getattr(model_cls, "primary_task", None) in tasks:
        return model_cls.primary_task
    if len(tasks) > 1:
        raise InputError(f"model {model_cls.name!r} can do {', '.join(tasks)} on {dataset!r}: choose one with --task")
    return tasks[0]


def evaluate(graph: Graph, model: str | EvalConfig, progress: Progress | None = None, **options: Any) -> EvalResult:
    """Evaluate a model (a name in ``tfkg.models.MODELS``) and its baselines on one dataset and task.

    ``evaluate(g, "degree", protocol="tf-matched")`` or ``evaluate(g, EvalConfig(...))``. The steps: :func:`plan`,
    :func:`run_folds`, then the record (:func:`run_info`, :func:`write_report`, :func:`write_inner_search`,
    :func:`record_run`)."""
    cfg = model if isinstance(model, EvalConfig) else EvalConfig(model=model, **options)
    t_start = time.perf_counter()
    model_cls = models.get(cfg.model)
    task_name = choose_task(model_cls, cfg.dataset, cfg.task)
    run_id = cfg.run_id or runs.new_run_id(cfg.model)
    out = Path(cfg.out_dir) if cfg.out_dir else Path("runs") / run_id
    say: Progress = progress or (lambda msg, done, total: None)
    planned = plan(graph, cfg, model_cls, TASKS.get(task_name), say)
    ran = run_folds(graph, cfg, planned, out, say)
    per_fold = pd.DataFrame(ran.rows)
    summary = M.summarize(per_fold)
    info = run_info(cfg, run_id, task_name, planned, ran, seconds=round(time.perf_counter() - t_start, 1))
    paths = write_report(out, per_fold, summary, ran.curves, info, planned.task)
    if ran.searches:
        write_inner_search(paths, out, ran.searches)
    if cfg.record:
        record_run(graph, cfg, info, summary, planned, paths)
    task = planned.task
    return EvalResult(
        run_id, cfg.model, task.protocol, cfg.dataset, task_name, per_fold, summary, out, paths, info, getattr(task, "kept", {})
    )


@dataclass
class Plan:
    """What :func:`plan` decided: the task and its folds, the models compared (the model first), the modalities every
    one of them sees, the full snapshot's digest and the data checksums so far."""

    task: Task[Any]
    folds: list[Any]
    names: list[str]
    classes: dict[str, type[Model]]
    need: set[str]
    digest: str
    checksums: list[str]


@dataclass
class FoldRuns:
    """What :func:`run_folds` gathered: per-fold metric rows, curves, fold descriptions, inner-search rows and each
    fold's training-snapshot checksum."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    curves: dict[tuple[str, str], Any] = field(default_factory=dict)
    fold_info: list[dict[str, Any]] = field(default_factory=list)
    searches: list[dict[str, Any]] = field(default_factory=list)
    checksums: list[str] = field(default_factory=list)


def plan(graph: Graph, cfg: EvalConfig, model_cls: type[Model], task_cls: type[Task[Any]], say: Progress) -> Plan:
    """Export the full snapshot (the modalities the model and baselines need) and let the task make seeded folds."""
    spec = dataset_spec(cfg.dataset)
    say(f"exporting {cfg.dataset}", 0, 1)
    baselines = cfg.baselines
    own = task_cls.modalities | ((model_cls.requires | model_cls.uses) & spec.modalities)
    probe = None
    if baselines is None:  # the task's defaults, from a first export of what the model itself needs
        probe = export_snapshot(graph, cfg.dataset, modalities=own)
        baselines = tuple(task_cls(graph, probe, cfg).default_baselines())
    names = list(dict.fromkeys([cfg.model, *baselines]))
    classes = {n: models.get(n) for n in names}
    for n, c in classes.items():
        if task_cls.model_task not in c.tasks():
            raise InputError(f"baseline {n!r} does not do the {task_cls.name} task")
    # every model's required and optional modalities, so each sees the same inputs whatever it is compared with
    need = set(task_cls.modalities).union(*(c.requires | c.uses for c in classes.values())) & spec.modalities
    full = probe if probe is not None and need <= own else export_snapshot(graph, cfg.dataset, modalities=need)
    for n, c in classes.items():
        full.check_has(c.requires, f"model {n!r}")
    task = task_cls(graph, full, cfg)
    folds = task.folds()
    digest = full.digest()
    checksums = [f"dataset:{cfg.dataset}", f"snapshot:{digest}"]
    checksums += [f"file:{c}" for c in full.meta["file_checksums"]]
    return Plan(task, folds, names, classes, need, digest, checksums)


def run_folds(graph: Graph, cfg: EvalConfig, p: Plan, out: Path, say: Progress) -> FoldRuns:
    """Per fold: export the training snapshot without the fold (the task's ``export_kwargs``), check it (the leakage
    guard), then fit and score every model on it (:func:`fit_and_score`)."""
    ran = FoldRuns()
    total = len(p.folds) * (1 + len(p.names))
    done = 0
    out.mkdir(parents=True, exist_ok=True)
    for fi, fold in enumerate(p.folds):
        say(f"{fold.name}: exporting training snapshot", done, total)
        snap = export_snapshot(graph, cfg.dataset, modalities=p.need, **p.task.export_kwargs(fold))
        p.task.check(snap, fold, fi)
        snap_sha = snap.digest()
        ran.checksums.append(f"{fold.name}:train_snapshot:{snap_sha}")
        ran.fold_info.append({**p.task.fold_info(fold), "train_snapshot_sha256": snap_sha})
        done += 1
        for name in p.names:
            say(f"{fold.name}: {name} (fit + score)", done, total)
            fit_and_score(cfg, p, name, snap, fold, fi, out, ran)
            done += 1
    say("writing report", done, total)
    return ran


def fit_and_score(cfg: EvalConfig, p: Plan, name: str, snap: Snapshot, fold: Any, fi: int, out: Path, ran: FoldRuns) -> None:
    """Fit one model on the fold's training snapshot (the model's own parameters and preset; baselines' defaults),
    score it on the fold, and add its metric rows, curve and training diagnostics to ``ran``."""
    task, cls = p.task, p.classes[name]
    is_own = name == cfg.model
    t0 = time.perf_counter()
    m = models.create(
        name,
        **(cfg.params if is_own else {}),
        **({"preset": cfg.preset} if is_own and cfg.preset else {}),
        device=cfg.device,
    )
    train_neg = getattr(fold, "train_negatives", None)
    m.fit(snap.view(type(task).modalities | cls.requires | cls.uses), train_neg, seed=cfg.seed + fi)
    t1 = time.perf_counter()
    vals, curve = task.score(m, fold)
    vals.update(fit_s=t1 - t0, score_s=time.perf_counter() - t1)
    if isinstance(m, ShowsTraining):  # how well it fitted its training data, beside the held-out numbers
        vals.update({f"fit_{k}": v for k, v in m.diagnostics.items()})
        m.plot_training(out / f"training-{name}-{fold.name}.png")
        ran.searches += [{"model": name, "fold": fold.name, **r} for r in m.search_results or []]
    ran.rows += [
        {"model": name, "protocol": task.protocol, "fold": fold.name, "metric": mk, "value": float(v)} for mk, v in vals.items()
    ]
    if curve is not None:
        ran.curves[(name, fold.name)] = curve


def run_info(cfg: EvalConfig, run_id: str, task_name: str, p: Plan, ran: FoldRuns, *, seconds: float) -> dict[str, Any]:
    """Everything ``run.json`` and the report say about the run (the ModelRun's parameters: :func:`record_run`)."""
    return {
        "run_id": run_id,
        "task": task_name,
        "model": cfg.model,
        "model_params": cfg.params,
        "preset": cfg.preset,
        "protocol": p.task.protocol,
        "train_negatives": cfg.train_negatives if task_name == "link" else None,
        "dataset": cfg.dataset,
        "folds": len(p.folds),
        "folds_requested": cfg.folds,
        "seed": cfg.seed,
        "val_fraction": cfg.val_fraction,
        "k": cfg.k,
        "split": cfg.split,
        "holdout_tfs": list(cfg.holdout_tfs),
        "models": p.names,
        "baselines": p.names[1:],
        "headline": list(p.task.headline),
        **p.task.summary_info(),
        "snapshot_sha256": p.digest,
        "fold_info": ran.fold_info,
        "seconds": seconds,
        "code_version": runs.code_version(),
        "data_checksums": p.checksums + ran.checksums,
    }


def write_inner_search(paths: dict[str, Path], out: Path, searches: list[dict[str, Any]]) -> None:
    """Settings chosen on inner folds of each fold's training data: ``inner_search.csv`` (the evidence, beside the
    report) and a section of the report with each fold's chosen setting."""
    paths["inner_search"] = out / "inner_search.csv"
    table = pd.DataFrame(searches)
    table.to_csv(paths["inner_search"], index=False)
    chosen = table[table["chosen"]].drop_duplicates(["model", "fold"])
    bookkeeping = {"model", "fold", "config", "inner_fold", "best_step", "val_loss", "train_samples", "val_samples", "chosen"}
    keys = [c for c in chosen.columns if c not in bookkeeping]  # the grid entry's own parameters
    chosen_rows = [
        f"| {r['model']} | {r['fold']} | " + ", ".join(f"{k}={r[k]}" for k in keys if pd.notna(r[k])) + " |"
        for r in chosen.to_dict("records")
    ]
    with paths["report"].open("a") as f:
        f.write(
            "\n## Settings chosen on inner folds of the training data\n\nEach fold's model chose among "
            f"{table['config'].nunique()} settings by its mean inner validation loss, never seeing the fold's test "
            "samples (every setting and inner fold: `inner_search.csv`; the chosen steps: `fit_search_steps`).\n\n"
            "| model | fold | chosen |\n|---|---|---|\n" + "\n".join(chosen_rows) + "\n"
        )


def record_run(
    graph: Graph, cfg: EvalConfig, info: dict[str, Any], summary: pd.DataFrame, p: Plan, paths: dict[str, Path]
) -> None:
    """The ModelRun node: the run's settings, the headline metrics (mean and sd per model), the data checksums."""
    head = set(p.task.headline)
    means = {f"{r.model}:{r.metric}": r.mean for r in summary.itertuples() if r.metric in head}
    sds = {f"{r.model}:{r.metric}:sd": r.sd for r in summary.itertuples() if r.metric in head}
    params = {k_: v for k_, v in info.items() if k_ not in ("fold_info", "data_checksums", "code_version")}
    runs.save_run(
        graph,
        info["run_id"],
        cfg.model,
        "evaluate",
        params,
        {**means, **sds},
        info["data_checksums"],
        protocol=p.task.protocol,
        dataset=cfg.dataset,
        task=info["task"],
        train_negatives=info["train_negatives"],
        eval_negatives=info.get("protocol_summary"),
        report_path=str(paths["report"].resolve()),
        status="done",
    )


# ------------------------------------------------------------------------------------------ report


def fmt(mean: float, sd: float) -> str:
    if np.isnan(mean):
        return "n/a"
    return f"{mean:.3f} ± {sd:.3f}" if not np.isnan(sd) else f"{mean:.3f}"


def write_report(out: Path, per_fold: pd.DataFrame, summary: pd.DataFrame, curves: dict, info: dict, task) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "report": out / "report.md",
        "metrics": out / "metrics.csv",
        "per_fold": out / "metrics_per_fold.csv",
        "run": out / "run.json",
    }
    summary.to_csv(paths["metrics"], index=False)
    per_fold.to_csv(paths["per_fold"], index=False)
    paths["run"].write_text(json.dumps(info, indent=2, default=str))
    paths.update(task.plot(curves, summary, info, out))

    extra = ["accuracy", "precision", "recall"] if info["task"] == "link" else []
    head = ["model"] + list(task.headline) + extra
    params = json.dumps(info["model_params"]) if info["model_params"] else ""
    lines = [
        f"# Evaluation `{info['run_id']}` ({info['task']} task)",
        "",
        f"- model: **{info['model']}** {params}{' preset ' + info['preset'] if info['preset'] else ''}",
        *task.describe(info),
        f"- folds: {info['folds']} (seed {info['seed']}); mean ± sample sd (ddof=1) over folds",
        f"- code {info['code_version']}; snapshot sha256 {info['snapshot_sha256'][:16]}…; {info['seconds']} s",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for m in info["models"]:
        cells = [m + (" (model)" if m == info["model"] else "")]
        for metric in head[1:]:
            r = summary[(summary.model == m) & (summary.metric == metric)]
            cells.append(fmt(float(r["mean"].iloc[0]), float(r["sd"].iloc[0])) if len(r) else "")
        lines.append("| " + " | ".join(cells) + " |")
    keys = list(info["fold_info"][0]) if info["fold_info"] else []
    keys = [k for k in keys if k != "train_snapshot_sha256"]
    lines += ["", "## Folds", "", "| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for f in info["fold_info"]:
        lines.append("| " + " | ".join(f"{f[k]:,}" if isinstance(f[k], int) else str(f[k]) for k in keys) + " |")
    pngs = ", ".join(f"`{p.name}`" for k, p in paths.items() if p.suffix == ".png")
    lines += [
        "",
        f"Files: `metrics.csv` (model × protocol × metric, mean and sd), `metrics_per_fold.csv`, {pngs}, `run.json`.",
        "",
    ]
    paths["report"].write_text("\n".join(lines))
    return paths


def config_dict(cfg: EvalConfig) -> dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}
